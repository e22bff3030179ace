package org.flowgate.dataplane.alg;

/**
 * The application layer gateways of an SRX, in the order {@code show security alg status} lists
 * them (a vSRX 24.4R1 capture, reference [BPFRX] {@code docs/junos-cli-reference.md}), with the
 * statement that names each under {@code [edit security alg]} (Juniper's 24.4R1 YANG) and whether
 * it is on when the configuration says nothing.
 *
 * <p>Defaults: the vSRX 24.4 capture shows DNS and FTP disabled by its configuration ({@code alg {
 * dns { disable; } ftp { disable; } }} in the same project's test configuration) and RSH, SQL,
 * IKE-ESP and TWAMP disabled with nothing configured; every other ALG enabled. Flowgate implements
 * the eight marked {@code implemented}; the others are listed, configurable and shown, and inspect
 * nothing (docs/adr/0027-algs.md).
 */
public enum Alg {
  DNS("DNS", "dns", "DNS ALG", true, true),
  FTP("FTP", "ftp", "FTP ALG", true, true),
  H323("H323", "h323", "H323 ALG", true, false),
  MGCP("MGCP", "mgcp", "MGCP ALG", true, false),
  MSRPC("MSRPC", "msrpc", "MSRPC ALG", true, true),
  PPTP("PPTP", "pptp", "PPTP ALG", true, true),
  RSH("RSH", "rsh", "RSH ALG", false, false),
  RTSP("RTSP", "rtsp", "RTSP ALG", true, true),
  SCCP("SCCP", "sccp", "SCCP ALG", true, false),
  SIP("SIP", "sip", "SIP ALG", true, true),
  SQL("SQL", "sql", "SQL ALG", false, false),
  SUNRPC("SUNRPC", "sunrpc", "SUNRPC ALG", true, true),
  TALK("TALK", "talk", "TALK ALG", true, false),
  TFTP("TFTP", "tftp", "TFTP ALG", true, true),
  IKE_ESP("IKE-ESP", "ike-esp-nat", "IKE-ESP ALG", false, false),
  TWAMP("TWAMP", "twamp", "TWAMP ALG", false, false);

  private static final Alg[] ALL = values();

  private final String statusName;
  private final String statement;
  private final String resourceName;
  private final boolean enabledByDefault;
  private final boolean implemented;

  Alg(
      String statusName,
      String statement,
      String resourceName,
      boolean enabledByDefault,
      boolean implemented) {
    this.statusName = statusName;
    this.statement = statement;
    this.resourceName = resourceName;
    this.enabledByDefault = enabledByDefault;
    this.implemented = implemented;
  }

  /** The name {@code show security alg status} prints ({@code IKE-ESP}, {@code SUNRPC}). */
  public String statusName() {
    return statusName;
  }

  /** The statement under {@code [edit security alg]} ({@code ike-esp-nat}, {@code sunrpc}). */
  public String statement() {
    return statement;
  }

  /** How the resource manager and the session views name the ALG ({@code FTP ALG}). */
  public String resourceName() {
    return resourceName;
  }

  public boolean enabledByDefault() {
    return enabledByDefault;
  }

  /** True for the ALGs Flowgate inspects; the others are listed and configurable only. */
  public boolean implemented() {
    return implemented;
  }

  /** The ALG with this ordinal. */
  public static Alg of(int ordinal) {
    return ALL[ordinal];
  }

  /** The ALG whose {@code [edit security alg]} statement this is, or null. */
  public static Alg ofStatement(String statement) {
    for (Alg alg : ALL) {
      if (alg.statement.equals(statement)) {
        return alg;
      }
    }
    return null;
  }

  /**
   * The ALG an application's {@code application-protocol} engages (the YANG enumeration of 24.4R1):
   * {@code rpc-portmap}, {@code sun-rpc} and {@code rpc} the Sun RPC ALG, {@code ms-rpc}, {@code
   * dce-rpc} and {@code dce-rpc-portmap} the MS-RPC ALG, {@code q931} and {@code ras} H.323, {@code
   * realaudio} RTSP, {@code sqlnet-v2} SQL; null for a protocol no SRX ALG handles ({@code http},
   * {@code ssh} ...) and for {@code ignore} and {@code none} (see {@link #explicitlyNone}).
   */
  public static Alg ofApplicationProtocol(String protocol) {
    if (protocol == null) {
      return null;
    }
    return switch (protocol) {
      case "dns" -> DNS;
      case "ftp" -> FTP;
      case "h323", "q931", "ras" -> H323;
      case "mgcp-ca", "mgcp-ua" -> MGCP;
      case "ms-rpc", "dce-rpc", "dce-rpc-portmap" -> MSRPC;
      case "pptp" -> PPTP;
      case "rsh" -> RSH;
      case "rtsp", "realaudio" -> RTSP;
      case "sccp" -> SCCP;
      case "sip" -> SIP;
      case "sqlnet", "sqlnet-v2" -> SQL;
      case "rpc-portmap", "sun-rpc", "rpc" -> SUNRPC;
      case "talk" -> TALK;
      case "tftp" -> TFTP;
      case "ike-esp-nat" -> IKE_ESP;
      case "twamp" -> TWAMP;
      default -> null;
    };
  }

  /**
   * True for {@code application-protocol ignore} (and {@code none}): the application engages no
   * ALG, not even the one listening on its well-known port.
   */
  public static boolean explicitlyNone(String protocol) {
    return "ignore".equals(protocol) || "none".equals(protocol);
  }
}
