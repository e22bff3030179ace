package org.flowgate.mgmt.command;

import java.util.List;

/**
 * The operational command tree: what may follow what, with the help text {@code ?} shows. One tree
 * drives parsing, abbreviation, completion and help, so they cannot disagree.
 *
 * <pre>
 * show security flow session [FILTER]... [brief | extensive | summary]
 * show version | show system uptime | show chassis hardware
 * show security flow statistics
 * show security flow status
 * show security monitoring
 * show security zones
 * show security policies [detail | hit-count]
 * show security alg status
 * show security alg sip calls [brief | detail]
 * show security alg sip counters
 * show security alg sunrpc portmap | show security alg msrpc object-id-map
 * clear security alg sip (calls | counters) | clear security alg sunrpc portmap
 * show security flow gate [GATE-FILTER]... [brief | summary]
 * show security resource-manager (group active [N] | resource active [N] | summary)
 * show security nat source (summary | pool (all | POOL) | rule (all | RULE))
 * show security nat destination (summary | pool (all | POOL) | rule (all | RULE))
 * show security nat static rule (all | RULE)
 * show configuration [PATH...]          (the only command that takes | display set)
 * show route [PREFIX]
 * show security match-policies from-zone Z to-zone Z source-ip A destination-ip A source-port N
 *     destination-port N protocol P [result-count N]
 * show interfaces [NAME] [terse | detail | extensive]
 * show security screen statistics (zone Z | interface I)
 * show security screen ids-option NAME
 * clear security screen statistics (zone Z | interface I)
 * show security nat source (persistent-nat-table (all | summary | internal-ip A [internal-port N]
 *     [internal-protocol P]) | port-block)
 * show security nat interface-nat-ports
 * show arp [no-resolve] [hostname HOST] [interface NAME]
 * show ipv6 neighbors [host ADDRESS] [interface NAME]
 * show log FILE | clear log FILE
 * clear security flow session (all | FILTER...)
 * clear security flow statistics | clear security policies hit-count
 * clear security nat (source persistent-nat-table all
 *     | statistics ((source | destination) (rule | pool) (all | NAME) | static rule (all | NAME)))
 * show services application-identification (application (summary | detail NAME)
 *     | statistics (applications | application-groups) | application-system-cache)
 * clear services application-identification (application-system-cache | statistics)
 * FILTER = source-prefix P | destination-prefix P | source-port N | destination-port N
 *        | protocol (NAME | N) | application NAME | dynamic-application NAME | interface NAME
 *        | nat | policy-id N | family (inet | inet6) | logical-system NAME | tunnel
 *        | resource-manager | encrypted | conn-tag N | session-identifier N
 * </pre>
 */
final class Grammar {
  private Grammar() {}

  /** What a word's argument must be. */
  enum ValueType {
    NONE(""),
    PREFIX("<prefix>"),
    PORT("<port>"),
    PROTOCOL("<protocol>"),
    NAME("<name>"),
    NUMBER("<number>"),
    FAMILY("<family>"),
    /** Any words up to the end or a pipe: a configuration path. */
    WORDS("<path>"),
    /** At most one word after the command: a destination prefix or address ({@code show route}). */
    OPTIONAL_PREFIX("<destination>"),
    /** An IPv4 or IPv6 address. */
    ADDRESS("<address>"),
    /** One word naming a NAT pool, unless it is one of the node's keywords ({@code all}). */
    POOL_NAME("<pool-name>"),
    /** One word naming a NAT rule, unless it is one of the node's keywords ({@code all}). */
    RULE_NAME("<rule-name>"),
    /** One word naming a screen ({@code show security screen ids-option NAME}). */
    SCREEN_NAME("<screen-name>"),
    /** One word naming a log file ({@code show log FILE}, {@code clear log FILE}). */
    FILE_NAME("<filename>"),
    /**
     * Options that may follow one leading name: {@code show interfaces [NAME] [detail]}; the name
     * is a word that is none of the options.
     */
    LEADING_NAME("<interface-name>"),
    /** One word naming an application ({@code junos:HTTP}, a custom application). */
    APPLICATION_NAME("<application-name>"),
    /** One word naming an application group ({@code junos:web}, a user-defined group). */
    GROUP_NAME("<group-name>"),
    /**
     * At most one word after the command, a number the command checks ({@code show security
     * resource-manager group active 2048}).
     */
    OPTIONAL_NUMBER("<number>");

    final String placeholder;

    ValueType(String placeholder) {
      this.placeholder = placeholder;
    }

    /** True for the types of a node that takes one name or one of its keywords. */
    boolean named() {
      return this == POOL_NAME
          || this == RULE_NAME
          || this == SCREEN_NAME
          || this == FILE_NAME
          || this == APPLICATION_NAME
          || this == GROUP_NAME;
    }

    /** What {@code ?} says of a named node's name. */
    String nameHelp() {
      return switch (this) {
        case POOL_NAME -> "Pool name";
        case RULE_NAME -> "Rule name";
        case FILE_NAME -> "Name of log file";
        case APPLICATION_NAME -> "Application name";
        case GROUP_NAME -> "Application group name";
        default -> "Name of the screen";
      };
    }
  }

  /**
   * A keyword. {@code options} are the keywords that may follow in any order, each at most once
   * (the filters and views of a session command); {@code children} the next level of the tree.
   */
  record Node(
      String word,
      String help,
      ValueType value,
      List<Node> children,
      boolean options,
      String command) {
    static Node keyword(String word, String help, Node... children) {
      return new Node(word, help, ValueType.NONE, List.of(children), false, null);
    }

    static Node leaf(String word, String help, String command) {
      return new Node(word, help, ValueType.NONE, List.of(), false, command);
    }

    static Node withOptions(String word, String help, String command, Node... options) {
      return new Node(word, help, ValueType.NONE, List.of(options), true, command);
    }

    /** A command that may take one number after it and nothing else ({@code group active N}). */
    static Node optionalNumber(String word, String help, String command) {
      return new Node(word, help, ValueType.OPTIONAL_NUMBER, List.of(), true, command);
    }

    /** A command that may take one prefix after it ({@code show route 10.0.0.0/8}). */
    static Node optionalPrefix(String word, String help, String command) {
      return new Node(word, help, ValueType.OPTIONAL_PREFIX, List.of(), false, command);
    }

    /** A command that takes any words after it ({@code show configuration security zones}). */
    static Node words(String word, String help, String command) {
      return new Node(word, help, ValueType.WORDS, List.of(), false, command);
    }

    static Node option(String word, String help, ValueType value) {
      return new Node(word, help, value, List.of(), false, null);
    }

    /** A command whose options may follow one leading name ({@code show interfaces NAME ...}). */
    static Node leadingName(String word, String help, String command, Node... options) {
      return new Node(word, help, ValueType.LEADING_NAME, List.of(options), true, command);
    }

    /**
     * A command that takes one name or one of {@code keywords}: {@code pool (all | NAME)}. A
     * keyword is taken only when written out in full, so a pool may be called {@code a}.
     */
    static Node named(String word, String help, String command, ValueType name, Node... keywords) {
      return new Node(word, help, name, List.of(keywords), false, command);
    }

    boolean runnable() {
      return command != null;
    }
  }

  static final String SHOW_SESSIONS = "show-flow-session";
  static final String SHOW_STATISTICS = "show-flow-statistics";
  static final String CLEAR_SESSIONS = "clear-flow-session";
  static final String SHOW_STATUS = "show-flow-status";
  static final String SHOW_MONITORING = "show-monitoring";
  static final String SHOW_CONFIGURATION = "show-configuration";
  static final String SHOW_ZONES = "show-zones";
  static final String SHOW_ALG_STATUS = "show-alg-status";
  static final String SHOW_ALG_SIP_CALLS = "show-alg-sip-calls";
  static final String SHOW_ALG_SIP_COUNTERS = "show-alg-sip-counters";
  static final String SHOW_ALG_SUNRPC_PORTMAP = "show-alg-sunrpc-portmap";
  static final String SHOW_ALG_MSRPC_OBJECT_ID_MAP = "show-alg-msrpc-object-id-map";
  static final String CLEAR_ALG_SIP_CALLS = "clear-alg-sip-calls";
  static final String CLEAR_ALG_SIP_COUNTERS = "clear-alg-sip-counters";
  static final String CLEAR_ALG_SUNRPC_PORTMAP = "clear-alg-sunrpc-portmap";
  static final String SHOW_POLICIES = "show-policies";
  static final String SHOW_ROUTE = "show-route";
  static final String SHOW_MATCH_POLICIES = "show-match-policies";
  static final String SHOW_INTERFACES_TERSE = "show-interfaces-terse";

  /** {@code show interfaces [NAME] [terse | detail | extensive]}. */
  static final String SHOW_INTERFACES = "show-interfaces";

  static final String CLEAR_POLICY_HIT_COUNT = "clear-policies-hit-count";
  static final String CLEAR_FLOW_STATISTICS = "clear-flow-statistics";
  static final String CLEAR_NAT_SOURCE_RULES = "clear-nat-source-rules";
  static final String CLEAR_NAT_DESTINATION_RULES = "clear-nat-destination-rules";
  static final String CLEAR_NAT_SOURCE_POOLS = "clear-nat-source-pools";
  static final String CLEAR_NAT_DESTINATION_POOLS = "clear-nat-destination-pools";
  static final String CLEAR_NAT_STATIC_RULES = "clear-nat-static-rules";
  static final String SHOW_VERSION = "show-version";
  static final String SHOW_SYSTEM_UPTIME = "show-system-uptime";
  static final String SHOW_CHASSIS_HARDWARE = "show-chassis-hardware";
  static final String SHOW_NAT_SOURCE_SUMMARY = "show-nat-source-summary";
  static final String SHOW_NAT_SOURCE_POOL = "show-nat-source-pool";
  static final String SHOW_NAT_SOURCE_RULE = "show-nat-source-rule";
  static final String SHOW_NAT_DESTINATION_SUMMARY = "show-nat-destination-summary";
  static final String SHOW_NAT_DESTINATION_POOL = "show-nat-destination-pool";
  static final String SHOW_NAT_DESTINATION_RULE = "show-nat-destination-rule";
  static final String SHOW_NAT_STATIC_RULE = "show-nat-static-rule";
  static final String SHOW_SCREEN_STATISTICS = "show-screen-statistics";
  static final String SHOW_SCREEN_IDS_OPTION = "show-screen-ids-option";
  static final String CLEAR_SCREEN_STATISTICS = "clear-screen-statistics";
  static final String SHOW_APPID_SUMMARY = "show-appid-application-summary";
  static final String SHOW_APPID_DETAIL = "show-appid-application-detail";
  static final String SHOW_APPID_STATISTICS = "show-appid-statistics-applications";
  static final String SHOW_APPID_GROUP_STATISTICS = "show-appid-statistics-application-groups";
  static final String SHOW_APPID_CACHE = "show-appid-application-system-cache";
  static final String CLEAR_APPID_CACHE = "clear-appid-application-system-cache";
  static final String CLEAR_APPID_STATISTICS = "clear-appid-statistics";
  // application traffic control and tracking (docs/adr/0034)
  static final String SHOW_APPQOS_COUNTER = "show-appqos-counter";
  static final String SHOW_APPQOS_RULE_STATISTICS = "show-appqos-rule-statistics";
  static final String SHOW_APPQOS_RATE_LIMITER_STATISTICS = "show-appqos-rate-limiter-statistics";
  static final String SHOW_APPTRACK_COUNTERS = "show-apptrack-counters";
  static final String SHOW_APPID_GROUP_SUMMARY = "show-appid-group-summary";
  static final String SHOW_APPID_GROUP_DETAIL = "show-appid-group-detail";

  /**
   * The option under which a named command keeps its name ({@code show security nat source pool
   * NAME}).
   */
  static final String NAME = "name";

  /** The option of a named command given {@code all}. */
  static final String ALL = "all";

  /**
   * Filters of features Flowgate does not have (IDP, services offload, application firewall,
   * application groups): accepted as Junos accepts them, and no session matches (ADR 0020).
   */
  static final List<String> FILTERS_OF_ABSENT_FEATURES =
      List.of(
          "application-firewall",
          "application-firewall-rule-set",
          "dynamic-application-group",
          "idp",
          "services-offload");

  /**
   * Options a command cannot run without ({@code show security match-policies} needs the whole
   * first packet); the parser answers a line without one as incomplete.
   */
  static final java.util.Map<String, List<String>> MANDATORY_OPTIONS =
      java.util.Map.of(
          SHOW_MATCH_POLICIES,
          List.of(
              "from-zone",
              "to-zone",
              "source-ip",
              "destination-ip",
              "source-port",
              "destination-port",
              "protocol"));

  /**
   * The Junos RPC a command line stands for, as {@code | display xml rpc} shows it and as NETCONF
   * names it (reference §2.1, §1.7; [PERL-METHODS]; the Junos RPC reference for the others).
   */
  static org.flowgate.mgmt.reply.RpcRequest rpc(CommandParser.Parsed parsed) {
    List<java.util.Map.Entry<String, String>> arguments = new java.util.ArrayList<>();
    parsed
        .options()
        .forEach(
            (option, value) -> {
              if (!option.equals(ALL) && !option.equals(CommandParser.PATH)) {
                arguments.add(java.util.Map.entry(option, value));
              }
            });
    String command = parsed.command();
    if (command.startsWith("show-nat-")) {
      // pool (all | NAME) and rule (all | NAME) name their argument after what it names
      boolean pool = command.endsWith("-pool");
      return new org.flowgate.mgmt.reply.RpcRequest(
          rpcName(command, parsed),
          parsed.has(ALL)
              ? List.of(java.util.Map.entry(ALL, ""))
              : parsed.has(NAME)
                  ? List.of(
                      java.util.Map.entry(
                          pool ? "pool-name" : "rule-name", parsed.options().get(NAME)))
                  : List.of());
    }
    if (command.equals(SHOW_SCREEN_IDS_OPTION)) {
      return new org.flowgate.mgmt.reply.RpcRequest(
          rpcName(command, parsed),
          parsed.has(NAME)
              ? List.of(java.util.Map.entry("screen-name", parsed.options().get(NAME)))
              : List.of());
    }
    if (command.equals(SHOW_APPID_DETAIL)) {
      return new org.flowgate.mgmt.reply.RpcRequest(
          rpcName(command, parsed),
          List.of(java.util.Map.entry("application-name", parsed.options().get(NAME))));
    }
    if (command.equals(SHOW_ROUTE) && parsed.has(CommandParser.PATH)) {
      arguments.add(java.util.Map.entry("destination", parsed.options().get(CommandParser.PATH)));
    }
    if (command.equals(SHOW_INTERFACES_TERSE)) {
      arguments.add(java.util.Map.entry("terse", ""));
    }
    if (AlgCommands.handles(command)) {
      return new org.flowgate.mgmt.reply.RpcRequest(
          AlgCommands.rpcName(command), AlgCommands.rpcArguments(parsed));
    }
    if (OperatorCommands.handles(command)) {
      return new org.flowgate.mgmt.reply.RpcRequest(
          OperatorCommands.rpcName(command, parsed), OperatorCommands.rpcArguments(parsed));
    }
    if (command.startsWith("clear-nat-")) {
      // (all | NAME): the name is the YANG's nokeyword rule-name or pool-name
      arguments.clear();
      arguments.add(
          parsed.has(NAME)
              ? java.util.Map.entry(
                  command.endsWith("-pools") ? "pool-name" : "rule-name",
                  parsed.options().get(NAME))
              : java.util.Map.entry(ALL, ""));
    }
    return new org.flowgate.mgmt.reply.RpcRequest(rpcName(command, parsed), arguments);
  }

  /** The RPC name of a command; some commands name a different RPC for some arguments. */
  static String rpcName(String command, CommandParser.Parsed parsed) {
    boolean onlyIdentifier =
        parsed != null && parsed.options().size() == 1 && parsed.has("session-identifier");
    return switch (command) {
      case SHOW_SESSIONS ->
          onlyIdentifier ? "get-flow-session-by-identifier" : "get-flow-session-information";
      case CLEAR_SESSIONS ->
          parsed != null && parsed.has(ALL)
              ? "clear-flow-session-all"
              : onlyIdentifier ? "clear-flow-session-by-session-identifier" : "clear-flow-session";
      case SHOW_STATISTICS -> "get-flow-statistics-all";
      case SHOW_STATUS -> "get-flow-status-all";
      case SHOW_MONITORING -> "get-spu-monitoring-information";
      case SHOW_CONFIGURATION -> "get-configuration";
      case SHOW_ZONES -> "get-zones-information";
      case SHOW_ALG_STATUS -> "get-alg-status";
      case SHOW_ALG_SIP_CALLS -> "get-alg-sip-call-information";
      case SHOW_ALG_SIP_COUNTERS -> "get-alg-sip-counter-information";
      case SHOW_ALG_MSRPC_OBJECT_ID_MAP -> "get-alg-msrpc-uuid2oid-table";
      // no RPC in Juniper's YANG (ADR 0040): Flowgate's names, as the YANG names its neighbours
      case SHOW_ALG_SUNRPC_PORTMAP -> "get-alg-sunrpc-portmap";
      case CLEAR_ALG_SUNRPC_PORTMAP -> "clear-alg-sunrpc-portmap";
      case CLEAR_ALG_SIP_CALLS -> "clear-alg-sip-calls";
      case CLEAR_ALG_SIP_COUNTERS -> "clear-alg-sip-counters";
      case SHOW_POLICIES ->
          parsed != null && parsed.has("hit-count")
              ? "get-security-policies-hit-count"
              : "get-firewall-policies";
      case SHOW_ROUTE -> "get-route-information";
      case SHOW_MATCH_POLICIES -> "match-firewall-policies";
      case SHOW_INTERFACES_TERSE -> "get-interface-information";
      case CLEAR_POLICY_HIT_COUNT -> "clear-security-policies-hit-count";
      case CLEAR_FLOW_STATISTICS -> "clear-flow-statistics";
      case CLEAR_NAT_SOURCE_RULES -> "clear-source-nat-rule-sets-information";
      case CLEAR_NAT_DESTINATION_RULES -> "clear-destination-nat-rule-sets-information";
      case CLEAR_NAT_SOURCE_POOLS -> "clear-source-nat-pool-information";
      case CLEAR_NAT_DESTINATION_POOLS -> "clear-destination-nat-pool-information";
      case CLEAR_NAT_STATIC_RULES -> "clear-static-nat-rule-sets-information";
      case SHOW_VERSION -> "get-software-information";
      case SHOW_SYSTEM_UPTIME -> "get-system-uptime-information";
      case SHOW_CHASSIS_HARDWARE -> "get-chassis-inventory";
      case SHOW_NAT_SOURCE_SUMMARY -> "retrieve-source-nat-summary";
      case SHOW_NAT_SOURCE_POOL -> "retrieve-source-nat-pool-information";
      case SHOW_NAT_SOURCE_RULE -> "get-source-nat-rule-sets-information";
      case SHOW_NAT_DESTINATION_SUMMARY -> "retrieve-destination-nat-summary-information";
      case SHOW_NAT_DESTINATION_POOL -> "get-destination-nat-pool-information";
      case SHOW_NAT_DESTINATION_RULE -> "get-destination-nat-rule-sets-information";
      case SHOW_NAT_STATIC_RULE -> "get-static-nat-rule-information";
      case SHOW_SCREEN_STATISTICS -> "get-ids-statistics";
      case SHOW_SCREEN_IDS_OPTION -> "get-security-screen-ids-status";
      case CLEAR_SCREEN_STATISTICS -> "clear-screen-statistics";
      // application identification: the RPC names of Juniper's YANG (docs/adr/0023, addendum)
      case SHOW_APPID_SUMMARY -> "get-appid-application-signature-summary";
      case SHOW_APPID_DETAIL -> "get-appid-application-signature-detail";
      case SHOW_APPID_STATISTICS -> "get-appid-application-statistics";
      case SHOW_APPID_GROUP_STATISTICS -> "get-appid-application-group-statistics";
      case SHOW_APPID_CACHE -> "get-appid-application-system-cache";
      case CLEAR_APPID_CACHE -> "clear-appid-application-system-cache";
      case CLEAR_APPID_STATISTICS -> "clear-appid-application-statistics";
      // AppQoS: Juniper's RPC names (23.2R2 YANG); AppTrack's counters: Flowgate's (ADR 0034)
      case SHOW_APPQOS_COUNTER -> "get-appqos-counter";
      case SHOW_APPQOS_RULE_STATISTICS -> "get-appqos-rule-statistics";
      case SHOW_APPQOS_RATE_LIMITER_STATISTICS -> "get-appqos-rate-limiter-statistics";
      case SHOW_APPTRACK_COUNTERS -> "get-avt-counters";
      case SHOW_APPID_GROUP_SUMMARY -> "get-appid-application-group-summary";
      case SHOW_APPID_GROUP_DETAIL -> "get-appid-application-group-detail";
      default -> throw new IllegalStateException("no RPC for " + command);
    };
  }

  private static List<Node> filters() {
    return List.of(
        Node.option("application", "Application name", ValueType.NAME),
        Node.option("application-firewall", "Application firewall enabled", ValueType.NONE),
        Node.option(
            "application-firewall-rule-set",
            "Application firewall enabled with the specified rule set",
            ValueType.NAME),
        Node.option(
            "application-traffic-control",
            "Application traffic control rule set name and rule name",
            ValueType.NONE),
        Node.option("conn-tag", "Session connection tag", ValueType.NUMBER),
        Node.option("destination-port", "Destination port", ValueType.PORT),
        Node.option("destination-prefix", "Destination IP prefix or address", ValueType.PREFIX),
        Node.option("dynamic-application", "Dynamic application name", ValueType.NAME),
        Node.option("dynamic-application-group", "Dynamic application group", ValueType.NAME),
        Node.option("encrypted", "Show encrypted traffic", ValueType.NONE),
        Node.option("family", "Show session by family", ValueType.FAMILY),
        Node.option("idp", "IDP enabled sessions", ValueType.NONE),
        Node.option("interface", "Name of incoming or outgoing interface", ValueType.NAME),
        Node.option("logical-system", "Logical-system name", ValueType.NAME),
        Node.option("nat", "Show network-address-translation sessions", ValueType.NONE),
        Node.option("policy-id", "Show session information by policy ID", ValueType.NUMBER),
        Node.option("protocol", "IP protocol number", ValueType.PROTOCOL),
        Node.option("resource-manager", "Show resource manager sessions", ValueType.NONE),
        Node.option("services-offload", "Services-offload enabled sessions", ValueType.NONE),
        Node.option(
            "session-identifier",
            "Show session with specified session identifier",
            ValueType.NUMBER),
        Node.option("source-port", "Source port", ValueType.PORT),
        Node.option("source-prefix", "Source IP prefix or address", ValueType.PREFIX),
        Node.option("tunnel", "Show tunnel sessions", ValueType.NONE));
  }

  /** The filters and levels of {@code show security flow gate} ([PERL-METHODS]). */
  private static Node[] gateOptions() {
    return new Node[] {
      Node.option("brief", "Show brief output", ValueType.NONE),
      Node.option("destination-port", "Destination port", ValueType.PORT),
      Node.option("destination-prefix", "Destination IP prefix or address", ValueType.PREFIX),
      Node.option("family", "Show gates by family", ValueType.FAMILY),
      Node.option("protocol", "IP protocol number", ValueType.PROTOCOL),
      Node.option("source-port", "Source port", ValueType.PORT),
      Node.option("source-prefix", "Source IP prefix or address", ValueType.PREFIX),
      Node.option("summary", "Show summary of gates", ValueType.NONE)
    };
  }

  /** {@code zone Z} or {@code interface I}: the statistics of a zone or of one interface. */
  private static Node[] screenStatisticsOptions() {
    return new Node[] {
      Node.option("interface", "Interface name", ValueType.NAME),
      Node.option("zone", "Security zone name", ValueType.NAME)
    };
  }

  private static Node[] showSessionOptions() {
    List<Node> all = new java.util.ArrayList<>(filters());
    all.add(Node.option("brief", "Show brief output (default)", ValueType.NONE));
    all.add(Node.option("extensive", "Show detailed output", ValueType.NONE));
    all.add(Node.option("summary", "Show summary of sessions", ValueType.NONE));
    all.sort(java.util.Comparator.comparing(Node::word));
    return all.toArray(Node[]::new);
  }

  private static Node[] clearSessionOptions() {
    List<Node> all = new java.util.ArrayList<>(filters());
    all.add(Node.option("all", "Clear all sessions", ValueType.NONE));
    all.sort(java.util.Comparator.comparing(Node::word));
    return all.toArray(Node[]::new);
  }

  static final Node ROOT =
      Node.keyword(
          "",
          "",
          Node.keyword(
              "clear",
              "Clear information in the system",
              Node.named(
                  "log",
                  "Clear contents of log file",
                  OperatorCommands.CLEAR_LOG,
                  ValueType.FILE_NAME),
              Node.keyword(
                  "security",
                  "Clear security information",
                  Node.keyword(
                      "alg",
                      "Clear ALG security services information",
                      Node.keyword(
                          "sip",
                          "Clear SIP ALG information",
                          Node.leaf("calls", "Clear SIP calls", CLEAR_ALG_SIP_CALLS),
                          Node.leaf("counters", "Clear SIP counters", CLEAR_ALG_SIP_COUNTERS)),
                      Node.keyword(
                          "sunrpc",
                          "Clear SUN-RPC ALG information",
                          Node.leaf(
                              "portmap", "Clear SUN-RPC portmap table", CLEAR_ALG_SUNRPC_PORTMAP))),
                  Node.keyword(
                      "flow",
                      "Clear flow information",
                      Node.withOptions(
                          "session",
                          "Clear session information",
                          CLEAR_SESSIONS,
                          clearSessionOptions()),
                      Node.leaf("statistics", "Clear flow statistics", CLEAR_FLOW_STATISTICS)),
                  Node.keyword(
                      "nat",
                      "Clear Network Address Translation information",
                      Node.keyword(
                          "source",
                          "Clear source NAT information",
                          Node.keyword(
                              "persistent-nat-table",
                              "Clear persistent NAT bindings",
                              Node.leaf(
                                  ALL,
                                  "Clear all persistent NAT bindings no session uses",
                                  OperatorCommands.CLEAR_PERSISTENT_NAT))),
                      // the statistics clears sit under "statistics" in Juniper's YANG (22.4 to
                      // 24.4, junos-es-rpc-clear); there is no bare "clear security nat statistics"
                      Node.keyword(
                          "statistics",
                          "Clear NAT statistics",
                          Node.keyword(
                              "destination",
                              "Clear destination NAT statistics",
                              Node.named(
                                  "pool",
                                  "Clear destination NAT pool statistics",
                                  CLEAR_NAT_DESTINATION_POOLS,
                                  ValueType.POOL_NAME,
                                  Node.option(
                                      ALL,
                                      "Clear all destination NAT pool information",
                                      ValueType.NONE)),
                              Node.named(
                                  "rule",
                                  "Clear destination NAT rule-set statistics",
                                  CLEAR_NAT_DESTINATION_RULES,
                                  ValueType.RULE_NAME,
                                  Node.option(
                                      ALL,
                                      "Clear all destination NAT rule-sets information",
                                      ValueType.NONE))),
                          Node.keyword(
                              "source",
                              "Clear source NAT statistics",
                              Node.named(
                                  "pool",
                                  "Clear source NAT pool statistics",
                                  CLEAR_NAT_SOURCE_POOLS,
                                  ValueType.POOL_NAME,
                                  Node.option(
                                      ALL,
                                      "Clear all source NAT pool information",
                                      ValueType.NONE)),
                              Node.named(
                                  "rule",
                                  "Clear source NAT rule-set statistics",
                                  CLEAR_NAT_SOURCE_RULES,
                                  ValueType.RULE_NAME,
                                  Node.option(
                                      ALL,
                                      "Clear all source NAT rule-sets information",
                                      ValueType.NONE))),
                          Node.keyword(
                              "static",
                              "Clear static NAT statistics",
                              Node.named(
                                  "rule",
                                  "Clear static NAT rule-set statistics",
                                  CLEAR_NAT_STATIC_RULES,
                                  ValueType.RULE_NAME,
                                  Node.option(
                                      ALL,
                                      "Clear all static NAT rule-sets information",
                                      ValueType.NONE))))),
                  Node.keyword(
                      "policies",
                      "Clear security policies information",
                      Node.leaf("hit-count", "Clear policies hit count", CLEAR_POLICY_HIT_COUNT)),
                  Node.keyword(
                      "screen",
                      "Clear screen information",
                      Node.withOptions(
                          "statistics",
                          "Clear screen statistics",
                          CLEAR_SCREEN_STATISTICS,
                          screenStatisticsOptions()))),
              Node.keyword(
                  "services",
                  "Clear services information",
                  Node.keyword(
                      "application-identification",
                      "Clear application identification information",
                      Node.leaf(
                          "application-system-cache",
                          "Clear application system cache",
                          CLEAR_APPID_CACHE),
                      Node.leaf(
                          "statistics",
                          "Clear application identification statistics",
                          CLEAR_APPID_STATISTICS)))),
          Node.keyword(
              "show",
              "Show system information",
              Node.withOptions(
                  "arp",
                  "Show system Address Resolution Protocol table entries",
                  OperatorCommands.SHOW_ARP,
                  Node.option("hostname", "Name of host", ValueType.NAME),
                  Node.option("interface", "Name of the interface", ValueType.NAME),
                  Node.option(
                      "no-resolve",
                      "Don't attempt to print addresses symbolically",
                      ValueType.NONE)),
              Node.keyword(
                  "chassis",
                  "Show chassis information",
                  Node.leaf(
                      "hardware", "Show installed hardware components", SHOW_CHASSIS_HARDWARE)),
              Node.keyword(
                  "class-of-service",
                  "Show class-of-service information",
                  Node.keyword(
                      "application-traffic-control",
                      "Show application traffic control information",
                      Node.leaf(
                          "counter",
                          "Show application traffic control counters",
                          SHOW_APPQOS_COUNTER),
                      Node.keyword(
                          "statistics",
                          "Show application traffic control statistics",
                          Node.leaf(
                              "rate-limiter",
                              "Show rate limiter statistics",
                              SHOW_APPQOS_RATE_LIMITER_STATISTICS),
                          Node.leaf(
                              "rule", "Show rule hit statistics", SHOW_APPQOS_RULE_STATISTICS)))),
              Node.words("configuration", "Show current configuration", SHOW_CONFIGURATION),
              Node.leadingName(
                  "interfaces",
                  "Show interface information",
                  SHOW_INTERFACES,
                  Node.option("detail", "Display detailed output", ValueType.NONE),
                  Node.option("extensive", "Display extensive output", ValueType.NONE),
                  Node.option("terse", "Display terse output", ValueType.NONE)),
              Node.keyword(
                  "ipv6",
                  "Show IP version 6 information",
                  Node.withOptions(
                      "neighbors",
                      "Show IPv6 neighbor cache information",
                      OperatorCommands.SHOW_IPV6_NEIGHBORS,
                      Node.option("host", "Neighbor host IPV6 address", ValueType.ADDRESS),
                      Node.option("interface", "Name of the interface", ValueType.NAME))),
              Node.named(
                  "log",
                  "Show contents of log file",
                  OperatorCommands.SHOW_LOG,
                  ValueType.FILE_NAME),
              Node.optionalPrefix("route", "Show routing table information", SHOW_ROUTE),
              Node.keyword(
                  "security",
                  "Show security information",
                  Node.keyword(
                      "alg",
                      "Show ALG security services information",
                      Node.leaf("status", "Show ALG enable/disable status", SHOW_ALG_STATUS),
                      Node.keyword(
                          "sip",
                          "Show SIP ALG information",
                          Node.withOptions(
                              "calls",
                              "Show SIP calls",
                              SHOW_ALG_SIP_CALLS,
                              Node.option(
                                  "brief", "Display brief call information", ValueType.NONE),
                              Node.option(
                                  "detail", "Display detailed call information", ValueType.NONE)),
                          Node.leaf("counters", "Show SIP counters", SHOW_ALG_SIP_COUNTERS)),
                      Node.keyword(
                          "msrpc",
                          "Show MS-RPC ALG information",
                          Node.leaf(
                              "object-id-map",
                              "Show MS-RPC UUID to OID mapping table",
                              SHOW_ALG_MSRPC_OBJECT_ID_MAP)),
                      Node.keyword(
                          "sunrpc",
                          "Show SUN-RPC ALG information",
                          Node.leaf(
                              "portmap", "Show SUN-RPC portmap table", SHOW_ALG_SUNRPC_PORTMAP))),
                  Node.keyword(
                      "application-tracking",
                      "Show application tracking information",
                      Node.leaf(
                          "counters",
                          "Show application tracking counters",
                          SHOW_APPTRACK_COUNTERS)),
                  Node.keyword(
                      "flow",
                      "Show flow information",
                      Node.withOptions(
                          "session",
                          "Show session information",
                          SHOW_SESSIONS,
                          showSessionOptions()),
                      Node.withOptions(
                          "gate",
                          "Show flow gate information",
                          AlgCommands.SHOW_GATES,
                          gateOptions()),
                      Node.leaf("statistics", "Show flow statistics", SHOW_STATISTICS),
                      Node.leaf("status", "Show flow status", SHOW_STATUS)),
                  Node.withOptions(
                      "match-policies",
                      "Show security match policies",
                      SHOW_MATCH_POLICIES,
                      Node.option("destination-ip", "Destination IP address", ValueType.ADDRESS),
                      Node.option("destination-port", "Destination port", ValueType.PORT),
                      Node.option("from-zone", "Name of incoming zone", ValueType.NAME),
                      Node.option("protocol", "Protocol to match", ValueType.PROTOCOL),
                      Node.option(
                          "result-count", "Number of policy results to display", ValueType.NUMBER),
                      Node.option("source-ip", "Source IP address", ValueType.ADDRESS),
                      Node.option("source-port", "Source port", ValueType.PORT),
                      Node.option("to-zone", "Name of outgoing zone", ValueType.NAME)),
                  Node.leaf(
                      "monitoring", "Show security SPU monitoring information", SHOW_MONITORING),
                  Node.keyword(
                      "nat",
                      "Show Network Address Translation information",
                      Node.keyword(
                          "destination",
                          "Show destination NAT information",
                          Node.named(
                              "pool",
                              "Show destination NAT pool information",
                              SHOW_NAT_DESTINATION_POOL,
                              ValueType.POOL_NAME,
                              Node.option(ALL, "Show all destination NAT pools", ValueType.NONE)),
                          Node.named(
                              "rule",
                              "Show destination NAT rule-set information",
                              SHOW_NAT_DESTINATION_RULE,
                              ValueType.RULE_NAME,
                              Node.option(ALL, "Show all destination NAT rules", ValueType.NONE)),
                          Node.leaf(
                              "summary",
                              "Show destination NAT summary information",
                              SHOW_NAT_DESTINATION_SUMMARY)),
                      Node.leaf(
                          "interface-nat-ports",
                          "Show interface NAT ports information",
                          OperatorCommands.SHOW_INTERFACE_NAT_PORTS),
                      Node.keyword(
                          "source",
                          "Show source NAT information",
                          Node.withOptions(
                              "persistent-nat-table",
                              "Show persistent NAT table information",
                              OperatorCommands.SHOW_PERSISTENT_NAT,
                              Node.option(ALL, "Show all persistent NAT bindings", ValueType.NONE),
                              Node.option("internal-ip", "Internal IP address", ValueType.ADDRESS),
                              Node.option("internal-port", "Internal port", ValueType.PORT),
                              Node.option(
                                  "internal-protocol", "Internal protocol", ValueType.PROTOCOL),
                              Node.option(
                                  "summary", "Show persistent NAT table summary", ValueType.NONE)),
                          Node.named(
                              "pool",
                              "Show source NAT pool information",
                              SHOW_NAT_SOURCE_POOL,
                              ValueType.POOL_NAME,
                              Node.option(ALL, "Show all source NAT pools", ValueType.NONE)),
                          Node.leaf(
                              "port-block",
                              "Show source NAT port block allocation information",
                              OperatorCommands.SHOW_PORT_BLOCK),
                          Node.named(
                              "rule",
                              "Show source NAT rule-set information",
                              SHOW_NAT_SOURCE_RULE,
                              ValueType.RULE_NAME,
                              Node.option(ALL, "Show all source NAT rules", ValueType.NONE)),
                          Node.leaf(
                              "summary",
                              "Show source NAT summary information",
                              SHOW_NAT_SOURCE_SUMMARY)),
                      Node.keyword(
                          "static",
                          "Show static NAT information",
                          Node.named(
                              "rule",
                              "Show static NAT rule-set information",
                              SHOW_NAT_STATIC_RULE,
                              ValueType.RULE_NAME,
                              Node.option(ALL, "Show all static NAT rules", ValueType.NONE)))),
                  Node.withOptions(
                      "policies",
                      "Show security firewall policies",
                      SHOW_POLICIES,
                      Node.option("detail", "Show the detailed information", ValueType.NONE),
                      Node.option("from-zone", "Show the policy information", ValueType.NAME),
                      Node.option("global", "Show the global policy information", ValueType.NONE),
                      Node.option("hit-count", "Show policies hit count", ValueType.NONE),
                      Node.option("policy-name", "Show the policy information", ValueType.NAME),
                      Node.option("to-zone", "Show the policy information", ValueType.NAME)),
                  Node.keyword(
                      "resource-manager",
                      "Show resource manager security services information",
                      Node.keyword(
                          "group",
                          "Show resource manager group service information",
                          Node.optionalNumber(
                              "active",
                              "Show active resource manager group service information",
                              AlgCommands.SHOW_GROUPS)),
                      Node.keyword(
                          "resource",
                          "Show resource manager resource information",
                          Node.optionalNumber(
                              "active",
                              "Show active resource manager resource information",
                              AlgCommands.SHOW_RESOURCES)),
                      Node.leaf(
                          "summary",
                          "Show resource manager summary information",
                          AlgCommands.SHOW_RESOURCE_SUMMARY)),
                  Node.keyword(
                      "screen",
                      "Show screen information",
                      Node.named(
                          "ids-option",
                          "Show screen ids-option information",
                          SHOW_SCREEN_IDS_OPTION,
                          ValueType.SCREEN_NAME),
                      Node.withOptions(
                          "statistics",
                          "Show screen statistics",
                          SHOW_SCREEN_STATISTICS,
                          screenStatisticsOptions())),
                  Node.leaf("zones", "Show security zone information", SHOW_ZONES)),
              Node.keyword(
                  "services",
                  "Show services information",
                  Node.keyword(
                      "application-identification",
                      "Show application identification information",
                      Node.keyword(
                          "application",
                          "Show application information",
                          Node.named(
                              "detail",
                              "Show detailed application information",
                              SHOW_APPID_DETAIL,
                              ValueType.APPLICATION_NAME),
                          Node.leaf(
                              "summary",
                              "Show application summary information",
                              SHOW_APPID_SUMMARY)),
                      Node.leaf(
                          "application-system-cache",
                          "Show application system cache",
                          SHOW_APPID_CACHE),
                      Node.keyword(
                          "group",
                          "Show application group information",
                          Node.named(
                              "detail",
                              "Show application group details",
                              SHOW_APPID_GROUP_DETAIL,
                              ValueType.GROUP_NAME),
                          Node.leaf(
                              "summary",
                              "Show application group summary",
                              SHOW_APPID_GROUP_SUMMARY)),
                      Node.keyword(
                          "statistics",
                          "Show application identification statistics",
                          Node.leaf(
                              "application-groups",
                              "Show application group statistics",
                              SHOW_APPID_GROUP_STATISTICS),
                          Node.leaf(
                              "applications",
                              "Show application statistics",
                              SHOW_APPID_STATISTICS)))),
              Node.keyword(
                  "system",
                  "Show system information",
                  Node.leaf(
                      "uptime",
                      "Show time since system and processes started",
                      SHOW_SYSTEM_UPTIME)),
              Node.leaf("version", "Show software process revision levels", SHOW_VERSION)));
}
