package org.flowgate.dataplane.log;

import org.flowgate.dataplane.appid.ApplicationCatalog;
import org.flowgate.dataplane.appid.Encryption;
import org.flowgate.dataplane.runtime.RuntimeConfig;

/**
 * The fixed binary layout of one session-log event, as the SPU writes it into its {@link
 * SessionLogRing} and the logger reads it back. Only primitive words: writing one allocates
 * nothing, and the logger resolves names (policy, zones, interface) from the configuration.
 *
 * <pre>
 * event = 20 longs (160 bytes)
 *  [0] HEADER   type u8 | protocol u8 &lt;&lt; 8 | close reason u8 &lt;&lt; 16 | icmp type u8 &lt;&lt; 24
 *               | flags u8 &lt;&lt; 32 | config generation u24 &lt;&lt; 40
 *  [1] TIME     epoch ns of the event (virtual time: the capture's clock)
 *  [2] SESSION  session identifier (SPU &lt;&lt; 32 | serial); 0 for DENY
 *  [3] SOURCE_HI        [4] SOURCE_LO          client address as received (IPv4-mapped for IPv4)
 *  [5] DESTINATION_HI   [6] DESTINATION_LO     server address as received
 *  [7] PORTS    source u16 | destination u16 &lt;&lt; 16 | NAT source u16 &lt;&lt; 32 | NAT destination u16 &lt;&lt; 48
 *  [8] NAT_SOURCE_HI    [9] NAT_SOURCE_LO      source after translation (the Out wing's destination)
 * [10] NAT_DESTINATION_HI [11] NAT_DESTINATION_LO destination after translation (Out wing's source)
 * [12] POLICY   policy index u32 | incoming interface u16 &lt;&lt; 32
 *               | application u16 &lt;&lt; 48 (index + 1 of the policy's matched application, 0: none)
 * [13] ZONES    from zone s16 | to zone s16 &lt;&lt; 16 | NAT rule references u32 &lt;&lt; 32 (0 = none)
 * [14] CLIENT_PACKETS  CLOSE: packets from the client
 * [15] ELAPSED_SECONDS CLOSE: seconds from creation to close
 * [16] CLIENT_BYTES  [17] SERVER_PACKETS  [18] SERVER_BYTES
 * [19] APPLICATIONS dynamic application u16 | nested application u16 &lt;&lt; 16 (application
 *               identification's ids in the generation's catalog, docs/adr/0014; 0 for DENY)
 *               | AppTrack only: egress interface u16 &lt;&lt; 32 | routing instance u16 &lt;&lt; 48
 *               (the Out wing's interface and its instance, for destination-interface-name and
 *               routing-instance, docs/adr/0034)
 * </pre>
 *
 * SCREEN (an RT_IDS alarm) uses HEADER (protocol, ICMP type, flags), TIME, the addresses and ports
 * of the packet (repeated in the NAT words), POLICY = attack ordinal ({@code screen.ScreenAttack})
 * | incoming interface &lt;&lt; 32, and ZONES = the ingress zone.
 *
 * <p>Words a type does not use are 0. Counters are full 64-bit words ({@link #WORDS} = 20 longs).
 *
 * <p>The NAT words and the rule references are there so that NAT slots in without a layout change:
 * today they hold the untranslated tuple and 0.
 */
public final class SessionLogEvent {
  public static final int WORDS = 20;

  public static final int HEADER = 0;
  public static final int TIME = 1;
  public static final int SESSION = 2;
  public static final int SOURCE_HI = 3;
  public static final int SOURCE_LO = 4;
  public static final int DESTINATION_HI = 5;
  public static final int DESTINATION_LO = 6;
  public static final int PORTS = 7;
  public static final int NAT_SOURCE_HI = 8;
  public static final int NAT_SOURCE_LO = 9;
  public static final int NAT_DESTINATION_HI = 10;
  public static final int NAT_DESTINATION_LO = 11;
  public static final int POLICY = 12;
  public static final int ZONES = 13;
  public static final int CLIENT_PACKETS = 14;
  public static final int ELAPSED_SECONDS = 15;
  public static final int CLIENT_BYTES = 16;
  public static final int SERVER_PACKETS = 17;
  public static final int SERVER_BYTES = 18;
  public static final int APPLICATIONS = 19;

  /** Event types (header bits 0-7). */
  public static final int CREATE = 1;

  public static final int CLOSE = 2;
  public static final int DENY = 3;

  /** An attack a screen found (RT_IDS RT_SCREEN_*). */
  public static final int SCREEN = 4;

  /**
   * AppTrack's APPTRACK_SESSION_CREATE, _VOL_UPDATE and _CLOSE (docs/adr/0034): the words of a
   * CREATE or CLOSE; the update carries the counts and elapsed seconds at its moment, the close its
   * reason in the header.
   */
  public static final int APPTRACK_CREATE = 5;

  public static final int APPTRACK_VOLUME_UPDATE = 6;

  public static final int APPTRACK_CLOSE = 7;

  /**
   * AppQoS's APPQOS_LOG_EVENT (docs/adr/0044): a rule with {@code then log} matched the session;
   * one event per action of the rule. The session's words, then {@link #APPQOS_RULE_SET}, {@link
   * #APPQOS_RULE} and {@link #APPQOS_ACTION} in place of the counts.
   */
  public static final int APPQOS_LOG = 8;

  /** APPQOS_LOG: the rule-set's index in the generation's traffic control. */
  public static final int APPQOS_RULE_SET = CLIENT_PACKETS;

  /** APPQOS_LOG: the rule's index in its rule-set. */
  public static final int APPQOS_RULE = SERVER_PACKETS;

  /** APPQOS_LOG: which action, one of the {@code APPQOS_ACTION_*} numbers. */
  public static final int APPQOS_ACTION = CLIENT_BYTES;

  public static final int APPQOS_ACTION_DSCP = 0;
  public static final int APPQOS_ACTION_FORWARDING_CLASS = 1;
  public static final int APPQOS_ACTION_LOSS_PRIORITY = 2;
  public static final int APPQOS_ACTION_RATE_LIMIT = 3;

  /** A logging rule with no other action. */
  public static final int APPQOS_ACTION_NONE = 4;

  /**
   * The names an APPQOS_LOG event stands for in {@code config}: rule-set, rule, action, argument,
   * argument1 (N/A where the action has none; {@code unknown} when the generation no longer has the
   * rule).
   */
  public static String[] appQosFields(
      org.flowgate.dataplane.runtime.RuntimeConfig config, long[] e) {
    org.flowgate.dataplane.appqos.TrafficControl control =
        config.applicationServices().trafficControl();
    int set = (int) e[APPQOS_RULE_SET];
    int rule = (int) e[APPQOS_RULE];
    String na = "N/A";
    if (set < 0
        || set >= control.ruleSets().size()
        || rule < 0
        || rule >= control.ruleSets().get(set).rules().size()) {
      return new String[] {"unknown", "unknown", "unknown", na, na};
    }
    org.flowgate.dataplane.appqos.AppQosRuleSet ruleSet = control.ruleSets().get(set);
    org.flowgate.dataplane.appqos.AppQosRule r = ruleSet.rules().get(rule);
    return switch ((int) e[APPQOS_ACTION]) {
      case APPQOS_ACTION_DSCP ->
          new String[] {
            ruleSet.name(),
            r.name(),
            "dscp-code-point",
            String.format("%6s", Integer.toBinaryString(r.dscp())).replace(' ', '0'),
            na
          };
      case APPQOS_ACTION_FORWARDING_CLASS ->
          new String[] {ruleSet.name(), r.name(), "forwarding-class", r.forwardingClass(), na};
      case APPQOS_ACTION_LOSS_PRIORITY ->
          new String[] {ruleSet.name(), r.name(), "loss-priority", r.lossPriority(), na};
      case APPQOS_ACTION_RATE_LIMIT ->
          new String[] {
            ruleSet.name(),
            r.name(),
            "rate-limit",
            limiter(control, r.clientToServerLimiter()),
            limiter(control, r.serverToClientLimiter())
          };
      default -> new String[] {ruleSet.name(), r.name(), "none", na, na};
    };
  }

  private static String limiter(org.flowgate.dataplane.appqos.TrafficControl control, int index) {
    return index >= 0 && index < control.rateLimiters().size()
        ? control.rateLimiters().get(index).name()
        : "N/A";
  }

  /**
   * A port block allocated to or released by a host (RT_NAT RT_SRC_NAT_PBA_ALLOC / _RELEASE,
   * docs/adr/0038): SOURCE the internal host, NAT_SOURCE the pool address, PORTS the block's low
   * port | high port &lt;&lt; 16, POLICY the pool's index, CLIENT_PACKETS the host's blocks after,
   * SERVER_PACKETS its maximum; {@link #FLAG_RELEASED} for a release.
   */
  public static final int PORT_BLOCK = 9;

  /** Header flag of a PORT_BLOCK: the block was released, not allocated. */
  public static final int FLAG_RELEASED = 16;

  /** True for the three AppTrack types. */
  public static boolean appTrack(int type) {
    return type >= APPTRACK_CREATE && type <= APPTRACK_CLOSE;
  }

  /** Header flag: the addresses are IPv6. */
  public static final int FLAG_IPV6 = 1;

  /** Header flag: a DENY by a {@code reject} policy rather than {@code deny}. */
  public static final int FLAG_REJECT = 2;

  /** Header flag: a DENY because source NAT had no address or port left, not by policy. */
  public static final int FLAG_NAT_FAILED = 4;

  /** Header flag: a SCREEN alarm under {@code alarm-without-drop} (the packet went on). */
  public static final int FLAG_ALARM_ONLY = 8;

  /** Interface number meaning the firewall itself ({@code .local..0}). */
  public static final int LOCAL_INTERFACE = 0xffff;

  private SessionLogEvent() {}

  private static final org.flowgate.dataplane.session.CloseReason[] CLOSE_REASONS =
      org.flowgate.dataplane.session.CloseReason.values();

  /**
   * The words RT_FLOW_SESSION_CLOSE gives the close reason held in a header (bits 16-23): {@code
   * TCP FIN}, {@code idle Timeout} ...; {@code unset} for a number no reason has. Lets a reader of
   * the event name the reason without depending on the session package.
   */
  public static String closeReasonText(int closeReason) {
    return closeReason >= 0 && closeReason < CLOSE_REASONS.length
        ? CLOSE_REASONS[closeReason].junosText()
        : CLOSE_REASONS[0].junosText();
  }

  public static long header(
      int type, int protocol, int closeReason, int icmpType, int flags, long generation) {
    return (type & 0xffL)
        | (protocol & 0xffL) << 8
        | (closeReason & 0xffL) << 16
        | (icmpType & 0xffL) << 24
        | (flags & 0xffL) << 32
        | (generation & 0xff_ffffL) << 40;
  }

  public static int type(long header) {
    return (int) (header & 0xff);
  }

  public static int protocol(long header) {
    return (int) (header >>> 8 & 0xff);
  }

  public static int closeReason(long header) {
    return (int) (header >>> 16 & 0xff);
  }

  public static int icmpType(long header) {
    return (int) (header >>> 24 & 0xff);
  }

  public static int flags(long header) {
    return (int) (header >>> 32 & 0xff);
  }

  /** Low 24 bits of the configuration generation the SPU ran when it wrote the event. */
  public static long generation(long header) {
    return header >>> 40 & 0xff_ffffL;
  }

  public static long ports(int source, int destination, int natSource, int natDestination) {
    return (source & 0xffffL)
        | (destination & 0xffffL) << 16
        | (natSource & 0xffffL) << 32
        | (natDestination & 0xffffL) << 48;
  }

  public static int sourcePort(long ports) {
    return (int) (ports & 0xffff);
  }

  public static int destinationPort(long ports) {
    return (int) (ports >>> 16 & 0xffff);
  }

  public static int natSourcePort(long ports) {
    return (int) (ports >>> 32 & 0xffff);
  }

  public static int natDestinationPort(long ports) {
    return (int) (ports >>> 48 & 0xffff);
  }

  public static long policy(int policyIndex, int incomingInterface, int application) {
    return (policyIndex & 0xffff_ffffL)
        | (incomingInterface & 0xffffL) << 32
        | (application & 0xffffL) << 48;
  }

  public static int policyIndex(long policy) {
    return (int) policy;
  }

  public static int incomingInterface(long policy) {
    return (int) (policy >>> 32 & 0xffff);
  }

  public static int application(long policy) {
    return (int) (policy >>> 48 & 0xffff);
  }

  /** The dynamic and nested application ids of a session (word {@link #APPLICATIONS}). */
  public static long applications(int dynamicApplication, int nestedApplication) {
    return (dynamicApplication & 0xffffL) | (nestedApplication & 0xffffL) << 16;
  }

  /** AppTrack's egress interface and its routing instance, in the APPLICATIONS word's high half. */
  public static long egress(int interfaceIndex, int routingInstance) {
    return (interfaceIndex & 0xffffL) << 32 | (routingInstance & 0xffffL) << 48;
  }

  public static int egressInterface(long applications) {
    return (int) (applications >>> 32 & 0xffff);
  }

  public static int egressRoutingInstance(long applications) {
    return (int) (applications >>> 48 & 0xffff);
  }

  public static int dynamicApplication(long applications) {
    return (int) (applications & 0xffff);
  }

  public static int nestedApplication(long applications) {
    return (int) (applications >>> 16 & 0xffff);
  }

  /**
   * An application id as RT_FLOW writes it ({@code application="HTTP"}, {@code
   * nested-application="FACEBOOK-ACCESS"}): the name without {@code junos:}; {@code UNKNOWN} for
   * junos:UNKNOWN and for a session still Pending (a session-create log, reference §3); a custom
   * application by its name. An id the generation's catalog lacks is {@code UNKNOWN}.
   */
  public static String applicationName(RuntimeConfig config, int id) {
    ApplicationCatalog catalog = config.applicationIdentification().catalog();
    if (id <= ApplicationCatalog.UNKNOWN || id >= catalog.size()) {
      return "UNKNOWN";
    }
    String name = catalog.name(id);
    return name.startsWith("junos:") ? name.substring("junos:".length()) : name;
  }

  /**
   * {@code encrypted=}: {@code Yes} or {@code No} from the identified application; {@code UNKNOWN}
   * while it is not known (the 2019 structured CLOSE line writes {@code UNKNOWN}).
   */
  public static String encrypted(RuntimeConfig config, int id) {
    ApplicationCatalog catalog = config.applicationIdentification().catalog();
    if (id >= catalog.size()) {
      return "UNKNOWN";
    }
    Encryption encryption = catalog.encryption(id);
    return encryption == Encryption.UNKNOWN ? "UNKNOWN" : encryption.junosName();
  }

  /**
   * {@code service-name}: the predefined or custom application the session's policy matched ({@code
   * junos-dns-udp}), {@code None} when it matched {@code any} (reference §3.1).
   */
  public static String serviceName(RuntimeConfig config, long policy) {
    int application = application(policy) - 1;
    return application >= 0 && application < config.applications().size()
        ? config.applications().get(application).name()
        : "None";
  }

  /** Zone indexes; -1 (stored as 0xffff) means none, or the device itself for the to-zone. */
  public static long zones(int fromZone, int toZone, int natRules) {
    return (fromZone & 0xffffL) | (toZone & 0xffffL) << 16 | (natRules & 0xffff_ffffL) << 32;
  }

  public static int fromZone(long zones) {
    return (short) (zones & 0xffff);
  }

  public static int toZone(long zones) {
    return (short) (zones >>> 16 & 0xffff);
  }

  public static int natRules(long zones) {
    return (int) (zones >>> 32);
  }
}
