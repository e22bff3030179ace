package org.flowgate.mgmt.reply;

/**
 * Every value a Junos view shows that Flowgate cannot compute, declared once, each with the reason
 * it holds (ADR 0020, "Declared values"). Renderers and reply builders use these constants and
 * nothing else: a value in a view is either computed from the engine or the configuration, or named
 * here.
 */
public final class Placeholders {
  private Placeholders() {}

  // ---- show security flow statistics (ADR 0020 §Statistics) ---------------------------------

  /**
   * {@code Packets forwarded/queued}: packets held back while a session is set up (ALG, gates).
   * Flowgate forwards or drops every packet as it arrives and queues none.
   */
  public static final long PACKETS_QUEUED = 0;

  /** {@code Packets copied}: Flowgate mirrors and samples no packets. */
  public static final long PACKETS_COPIED = 0;

  /** {@code Services-offload packets processed}: Flowgate has no services offload. */
  public static final long SERVICES_OFFLOAD_PACKETS = 0;

  /** {@code Pre/Post fragments generated}: Flowgate fragments no packet it forwards. */
  public static final long FRAGMENTS_GENERATED = 0;

  // ---- show security flow session extensive (ADR 0020 §Declared values) ---------------------

  /**
   * The fifth word of {@code Flags:} in the extensive view. Junos 25.x prints five words ({@code
   * 0x40/0x0/0x2/0x3/0x8} on an SRX4700 25.2 with power mode, {@code 0x40/0x0/0x3/0x9103/0x8} on an
   * SRX with VRFs, samples show-flow-session-destination-port-extensive-pm-1 and
   * show-flow-session-dynamic-application-extensive-1); only a services-offloaded session shows
   * four. Its bits are undocumented (reference §9) and both samples, a UDP and a TCP session, hold
   * {@code 0x8}: Flowgate, which offloads nothing, prints that value, which no engine state
   * decides. The XML {@code session-flag} keeps the four words Flowgate computes (no real 25.x
   * reply shows it).
   */
  public static final long SESSION_FLAG_WORD5 = 0x8;

  // ---- show security flow status (ADR 0020 §Status) ------------------------------------------

  /** MPLS and ISO are not forwarded: Flowgate decodes IPv4 and IPv6 only and drops the rest. */
  public static final String MPLS_ISO_FORWARDING_MODE = "drop";

  /** No GTP-U aware distribution. */
  public static final String GTPU_DISTRIBUTION = "Disabled";

  /** No IPsec, so no IPsec performance acceleration. */
  public static final String IPSEC_PERFORMANCE_ACCELERATION = "off";

  // ---- show security monitoring (ADR 0020 §Monitoring) ---------------------------------------

  /** Central-point sessions: Flowgate keeps none (ADR 0003), so their maximum is 0 too. */
  public static final long CP_SESSIONS = 0;

  // ---- configuration views (ADR 0021) ---------------------------------------------------------

  /**
   * Link state of a physical interface. A replay has no physical links; by our reading a port
   * through which the capture's packets pass is up (ADR 0021 §Interfaces).
   */
  public static final String PHYSICAL_LINK_STATE = "up";

  /** {@code Send reset for non-SYN session TCP packets}: zone {@code tcp-rst} is not compiled. */
  public static final String ZONE_TCP_RST = "Off";

  /**
   * {@code Advanced-connection-tracking timeout} of a zone: Flowgate does not compile the zone's
   * {@code advance-connection-tracking}; 1800 is Junos's default, what every real capture shows for
   * a zone without it (vSRX 24.4 [BPFRX], two other vSRX captures, a PyEZ reply).
   */
  public static final int ZONE_ADVANCED_CONNECTION_TRACKING_TIMEOUT = 1800;

  /** {@code Unidirectional-session-refreshing}: the zone statement is not compiled; Junos's No. */
  public static final String ZONE_UNIDIRECTIONAL_SESSION_REFRESHING = "No";

  /** Scope policy, log profile: Flowgate has neither feature; Junos shows 0 without them. */
  public static final int POLICY_SCOPE = 0;

  public static final int POLICY_LOG_PROFILE = 0;

  /** {@code Pre ID default policy} and {@code Default HTTP Mux policy}: not configurable here. */
  public static final String PRE_ID_DEFAULT_POLICY = "permit-all";

  public static final String DEFAULT_HTTP_MUX_POLICY = "permit-all";

  /**
   * Hits of the {@code default-http-mux} row of {@code hit-count}: Flowgate multiplexes no HTTP
   * sessions, so nothing ever reaches that default.
   */
  public static final long DEFAULT_HTTP_MUX_HITS = 0;

  /** {@code Source/Destination vrf group}: policies cannot match VRF groups in Flowgate. */
  public static final String POLICY_VRF_GROUP = "any";

  /** {@code Source/Destination identity feeds}: policies cannot match identity feeds here. */
  public static final String POLICY_IDENTITY_FEEDS = "any";

  /** {@code services-offload:} of the detail view: Flowgate has no services offload. */
  public static final String POLICY_SERVICES_OFFLOAD = "not-configured";

  /**
   * {@code ALG} of an application term in the detail view: an internal ALG number; Flowgate runs no
   * ALG, so every term shows Junos's 0 for none.
   */
  public static final int POLICY_APPLICATION_ALG = 0;

  /**
   * A route's age when the engine cannot tell it: before the first packet its clock has not
   * started, so no age is shown (-1); after it, every route has one (RouteAges, ADR 0021).
   */
  public static final long ROUTE_AGE_UNKNOWN = -1;

  /**
   * The MAC address of the {@code n}th physical port (0-based, in Junos's sort order): a replay has
   * no NICs, so Flowgate declares locally administered addresses {@code 02:00:00:00:HH:LL} ({@code
   * n + 1} in the last two octets), from which the ports' IPv6 link-local addresses are derived as
   * Junos derives them (modified EUI-64). Returned as the 48-bit value.
   */
  public static long portMacAddress(int n) {
    return 0x02_00_00_00_00_00L | ((n + 1) & 0xffff);
  }

  /**
   * Who {@code ## Last commit:} names for a configuration loaded at start ({@code --config}, or the
   * factory default): nobody logged in to commit it; {@code root} is the account a vSRX's own
   * factory commit names.
   */
  public static final String COMMIT_USER = "root";

  // ---- show security flow session (ADR 0006 §4) ----------------------------------------------

  /** {@code Url-category}: Flowgate has no URL filtering; Junos prints Unknown without it. */
  public static final String URL_CATEGORY = "Unknown";

  /** {@code Power-Mode Active}: Flowgate has no Power Mode IPsec; False as on a vSRX. */
  public static final String POWER_MODE_ACTIVE = "False";

  /**
   * {@code Attachment Id}, {@code GW Endpoint Id}, {@code Flow Cookie} of the In wing: Flowgate has
   * no GTP or VXLAN attachments and no flow cookies; 0 as Junos prints them without.
   */
  public static final long ATTACHMENT_ID = 0;

  public static final long GW_ENDPOINT_ID = 0;

  public static final long FLOW_COOKIE = 0;

  /** {@code <session-mask>}: an internal mask Junos documents nowhere; 0 in every real reply. */
  public static final long SESSION_MASK = 0;

  /**
   * {@code <seq-ack-diff>}: the difference Junos keeps between a wing's sequence and
   * acknowledgement numbers when it shifts them (ALGs); Flowgate shifts none, and every real reply
   * shows 0.
   */
  public static final long SEQ_ACK_DIFF = 0;

  // ---- NAT views (ADR 0012 §Addendum) ----------------------------------------------------------

  /**
   * {@code Host address base} of a source pool: the compiler does not keep {@code
   * host-address-base} (a warning says addresses are taken from the pool), so Junos's value without
   * it.
   */
  public static final String NAT_HOST_ADDRESS_BASE = "0.0.0.0";

  /** {@code Port overloading} factor of a source pool: not configurable here; Junos's 1. */
  public static final int NAT_PORT_OVERLOADING_FACTOR = 1;

  /**
   * The persistent NAT block of a source rule without {@code persistent-nat}: Junos's values for
   * such a rule (every real reply: {@code N/A}, {@code address-port-mapping}, 0, 0, disabled). A
   * rule with it shows its own type, mapping type, timeout and sessions.
   */
  public static final String PERSISTENT_NAT_TYPE = "N/A";

  public static final String PERSISTENT_NAT_MAPPING_TYPE = "address-port-mapping";

  public static final int PERSISTENT_NAT_INACTIVITY_TIMEOUT = 0;

  public static final int PERSISTENT_NAT_MAX_SESSIONS = 0;

  /**
   * {@code Persistent NAT block session}: {@code block-ext-session} is read and not implemented (a
   * warning says so), so every rule shows Junos's disabled.
   */
  public static final String PERSISTENT_NAT_BLOCK_SESSION = "disabled";

  /**
   * {@code Maximum port number for port translation pool} of {@code show security nat source
   * summary}: a figure of the platform, not of the configuration (a vSRX shows it with no pool at
   * all). Flowgate has no port table of a fixed size, so each platform shows the figure a real one
   * of its kind shows: 201326592 on a vSRX (the vSRX 24.4 capture, [BPFRX]); 2576980378 on a
   * high-end SRX (the high-end chassis-cluster reply of Juniper's test framework's NAT fixtures,
   * Junos 15.1X49). docs/adr/0025-nat-and-operator-views.md.
   */
  public static long natMaximumPatPorts(org.flowgate.dataplane.control.Platform platform) {
    return switch (platform) {
      case VSRX -> 201_326_592L;
      case SRX5800 -> 2_576_980_378L;
    };
  }

  // ---- issue 11's operator views (ADR 0025) ---------------------------------------------------

  /**
   * Where a single flowd's tables are said to be ({@code persistent-nat-table summary}): as
   * monitoring has it, a single flowd is FPC 0 PIC 0.
   */
  public static final String SINGLE_FLOWD_LOCATION = "FPC0 PIC0";

  /** {@code VPN packets} of an interface's flow statistics: Flowgate has no VPN. */
  public static final long FLOW_VPN_PACKETS = 0;

  /**
   * Interface numbering of {@code show interfaces}: a replay has no kernel interfaces, so Flowgate
   * numbers ports from where the vSRX 24.4 capture's first port is (reth0: index 128, SNMP ifIndex
   * 501) and units from 70 and 503 (Junos numbers logical interfaces in the order it creates them;
   * these bases are Flowgate's), each next one adding one, in {@code show interfaces terse} order.
   */
  public static int physicalInterfaceIndex(int port) {
    return 128 + port;
  }

  public static int physicalSnmpIndex(int port) {
    return 501 + port;
  }

  public static int logicalInterfaceIndex(int unit) {
    return 70 + unit;
  }

  public static int logicalSnmpIndex(int unit) {
    return 503 + unit;
  }

  /** Link-level MTU of an Ethernet port, and the inet MTU of its units: Ethernet's. */
  public static final int PHYSICAL_MTU = 1514;

  public static final int INET_MTU = 1500;

  /** {@code Speed} of a port: a replay has no link; a vSRX's virtio port reports 1000mbps. */
  public static final String PORT_SPEED = "1000mbps";

  /**
   * Rates ({@code bps}, {@code pps}): Flowgate keeps no rate estimators, so they read 0 as on an
   * idle port.
   */
  public static final long INTERFACE_RATE = 0;

  /**
   * Physical-layer errors of {@code Input errors} and {@code Output errors} (framing, runts,
   * carrier transitions ...): a replay has no physical layer.
   */
  public static final long PHYSICAL_ERRORS = 0;

  // ---- RT_FLOW session logs (ADR 0007)
  // -----------------------------------------------------------

  /**
   * The fields of an RT_FLOW line for features Flowgate lacks, as an SRX without them writes them
   * (the SRX1500 standard lines and the 2019 structured lines of reference §3.1, §3.2): application
   * identification (application, nested application, encrypted), its category fields, user
   * identity, VRF groups, tunnel inspection, the secure web proxy's peer session.
   */
  public static final String LOG_APPLICATION = "UNKNOWN";

  public static final String LOG_ENCRYPTED = "UNKNOWN";

  /** {@code encrypted} of a DENY (the 2019 structured DENY line writes No). */
  public static final String LOG_DENY_ENCRYPTED = "No";

  public static final String LOG_NOT_APPLICABLE = "N/A";

  /** {@code application-risk}: the standard text writes -1, the structured form 1 (both real). */
  public static final int LOG_APPLICATION_RISK_STANDARD = -1;

  public static final int LOG_APPLICATION_RISK_STRUCTURED = 1;

  /** {@code username(roles)}: Flowgate has no user identity. */
  public static final String LOG_USER_AND_ROLES = "N/A(N/A)";

  /** {@code tunnel-inspection}: no tunnel inspection. */
  public static final String LOG_TUNNEL_INSPECTION = "Off";

  /** {@code tunnel-inspection-policy-set}: the root logical system's. */
  public static final String LOG_POLICY_SET = "root";

  /**
   * The secure web proxy's fields of a standard CLOSE (session type, peer session id, peer
   * addresses, host name): Flowgate has no proxy; as an SRX without it writes them.
   */
  public static final String LOG_PROXY_FIELDS = "NA 0 0.0.0.0/0->0.0.0.0/0 NA NA";

  /** {@code connection-tag} and {@code nat-connection-tag}: no GTP-U or SCTP tags (0x0). */
  public static final long LOG_CONNECTION_TAG = 0;

  // ---- device (ADR 0020 §Device)
  // -----------------------------------------------------------------

  /** Load averages of {@code show system uptime}: the JVM reports only the 1-minute one. */
  public static final String LOAD_AVERAGE_UNKNOWN = "0.00";
}
