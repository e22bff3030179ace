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

  // ---- show security flow status (ADR 0020 §Status) ------------------------------------------

  /** MPLS and ISO are not forwarded: Flowgate decodes IPv4 and IPv6 only and drops the rest. */
  public static final String MPLS_ISO_FORWARDING_MODE = "drop";

  /** Flowgate has no flow traceoptions. */
  public static final String FLOW_TRACING_STATUS = "off";

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
   * {@code Advanced-connection-tracking timeout} of a zone: not modelled, 0 as Junos shows unset.
   */
  public static final int ZONE_ADVANCED_CONNECTION_TRACKING_TIMEOUT = 0;

  /** {@code Unidirectional-session-refreshing}: not modelled. */
  public static final String ZONE_UNIDIRECTIONAL_SESSION_REFRESHING = "No";

  /** Scope policy, log profile: Flowgate has neither feature; Junos shows 0 without them. */
  public static final int POLICY_SCOPE = 0;

  public static final int POLICY_LOG_PROFILE = 0;

  /** {@code Pre ID default policy} and {@code Default HTTP Mux policy}: not configurable here. */
  public static final String PRE_ID_DEFAULT_POLICY = "permit-all";

  public static final String DEFAULT_HTTP_MUX_POLICY = "permit-all";

  // ---- device (ADR 0020 §Device)
  // -----------------------------------------------------------------

  /** Load averages of {@code show system uptime}: the JVM reports only the 1-minute one. */
  public static final String LOAD_AVERAGE_UNKNOWN = "0.00";
}
