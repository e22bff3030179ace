package org.flowgate.mgmt.command;

import java.util.List;
import org.flowgate.dataplane.control.SessionQuery;
import org.flowgate.mgmt.reply.FlowSessionReply;

/**
 * What a parsed command line asks for: the closed set of operational commands, one record each,
 * dispatched to a handler by an exhaustive switch ({@link OperationalCommands}). Built from the
 * parser's words by {@link #of}; holds values only.
 */
sealed interface OperationalCommand {

  /**
   * {@code show security flow session [FILTER]... [brief | extensive]}.
   *
   * @param selectsNothing a filter of a feature Flowgate lacks ({@code idp}, {@code
   *     services-offload} ...), which no session matches
   */
  record ShowSessions(SessionQuery query, FlowSessionReply.View view, boolean selectsNothing)
      implements OperationalCommand {}

  /** {@code show security flow session session-identifier N [extensive]}. */
  record ShowSessionById(long sessionId) implements OperationalCommand {}

  /** {@code show security flow session [FILTER]... summary}. */
  record ShowSessionSummary(SessionQuery query, boolean selectsNothing)
      implements OperationalCommand {}

  /** {@code clear security flow session (all | FILTER...)}; an empty query is incomplete. */
  record ClearSessions(SessionQuery query, boolean given, boolean selectsNothing)
      implements OperationalCommand {}

  record ShowStatistics() implements OperationalCommand {}

  /**
   * The counter clears: {@code policies hit-count}, {@code flow statistics}, NAT counters; {@code
   * name} the NAT rule set or pool named instead of {@code all}, else null.
   */
  record ClearCounters(String what, String name) implements OperationalCommand {
    ClearCounters(String what) {
      this(what, null);
    }
  }

  record ShowVersion() implements OperationalCommand {}

  record ShowSystemUptime() implements OperationalCommand {}

  record ShowChassisHardware() implements OperationalCommand {}

  record ShowStatus() implements OperationalCommand {}

  record ShowMonitoring() implements OperationalCommand {}

  /** {@code show configuration [PATH...] [| display set]}. */
  record ShowConfiguration(List<String> path) implements OperationalCommand {}

  record ShowZones() implements OperationalCommand {}

  /** The AppQoS and AppTrack views (docs/adr/0034). */
  record ShowAppServices(org.flowgate.mgmt.reply.AppServicesReply.Kind kind)
      implements OperationalCommand {}

  /** {@code show services application-identification group (summary | detail NAME)}. */
  record ShowAppGroups(String name) implements OperationalCommand {}

  /** {@code show security alg status}. */
  record ShowAlgStatus() implements OperationalCommand {}

  /** {@code show security alg sip calls [brief | detail]}. */
  record ShowAlgSipCalls(boolean detail) implements OperationalCommand {}

  /** {@code show security alg sip counters}. */
  record ShowAlgSipCounters() implements OperationalCommand {}

  /** {@code show security alg sunrpc portmap}. */
  record ShowAlgSunRpcPortmap() implements OperationalCommand {}

  /** {@code show security alg msrpc object-id-map}. */
  record ShowAlgMsRpcObjectIdMap() implements OperationalCommand {}

  /**
   * {@code show security policies [detail | hit-count] [from-zone Z to-zone Z] [policy-name P]
   * [global]}; null for a selector not given.
   */
  record ShowPolicies(
      boolean detail,
      boolean hitCount,
      String fromZone,
      String toZone,
      String policyName,
      boolean global)
      implements OperationalCommand {}

  /** {@code show route [PREFIX]}; prefix null for every route. */
  record ShowRoute(String prefix) implements OperationalCommand {}

  /** {@code show security match-policies ...}. */
  record ShowMatchPolicies(ConfigurationViews.MatchQuery query) implements OperationalCommand {}

  record ShowInterfacesTerse() implements OperationalCommand {}

  /** A {@code show security nat} view; {@code name} null for {@code all} or a summary. */
  record ShowNat(String view, String name) implements OperationalCommand {}

  /** {@code show security screen statistics (zone Z | interface I)}; null for the one not given. */
  record ShowScreenStatistics(String zone, String interfaceName) implements OperationalCommand {}

  /** {@code show security screen ids-option NAME}. */
  record ShowScreenIdsOption(String name) implements OperationalCommand {}

  /** {@code clear security screen statistics (zone Z | interface I)}. */
  record ClearScreenStatistics(String zone, String interfaceName) implements OperationalCommand {}

  /** A gate or resource-manager view ({@link AlgCommands}, issue 13). */
  record Alg(AlgCommands.Command command) implements OperationalCommand {}

  /** One of issue 11's operator commands ({@link OperatorCommands}). */
  record Operator(OperatorCommands.Command command) implements OperationalCommand {}

  /**
   * A {@code show services application-identification} view ({@code Grammar.SHOW_APPID_*}); {@code
   * name} the application of {@code application detail NAME}, else null.
   */
  record ShowAppId(String view, String name) implements OperationalCommand {}

  /** The command as the parser gave it, for the views that read its words directly. */
  static OperationalCommand of(CommandParser.Parsed parsed) {
    return switch (parsed.command()) {
      case Grammar.SHOW_SESSIONS -> sessions(parsed);
      case Grammar.CLEAR_SESSIONS ->
          new ClearSessions(
              CommandParser.query(parsed), !parsed.options().isEmpty(), selectsNothing(parsed));
      case Grammar.SHOW_STATISTICS -> new ShowStatistics();
      case Grammar.CLEAR_POLICY_HIT_COUNT,
          Grammar.CLEAR_FLOW_STATISTICS,
          Grammar.CLEAR_NAT_SOURCE_RULES,
          Grammar.CLEAR_NAT_DESTINATION_RULES,
          Grammar.CLEAR_NAT_SOURCE_POOLS,
          Grammar.CLEAR_NAT_DESTINATION_POOLS,
          Grammar.CLEAR_NAT_STATIC_RULES,
          Grammar.CLEAR_APPID_CACHE,
          Grammar.CLEAR_APPID_STATISTICS,
          Grammar.CLEAR_ALG_SIP_CALLS,
          Grammar.CLEAR_ALG_SIP_COUNTERS,
          Grammar.CLEAR_ALG_SUNRPC_PORTMAP ->
          new ClearCounters(parsed.command(), parsed.options().get(Grammar.NAME));
      case Grammar.SHOW_VERSION -> new ShowVersion();
      case Grammar.SHOW_SYSTEM_UPTIME -> new ShowSystemUptime();
      case Grammar.SHOW_CHASSIS_HARDWARE -> new ShowChassisHardware();
      case Grammar.SHOW_STATUS -> new ShowStatus();
      case Grammar.SHOW_MONITORING -> new ShowMonitoring();
      case Grammar.SHOW_CONFIGURATION -> {
        String path = parsed.options().get(CommandParser.PATH);
        yield new ShowConfiguration(path == null ? List.of() : List.of(path.split("\n")));
      }
      case Grammar.SHOW_ZONES -> new ShowZones();
      case Grammar.SHOW_ALG_STATUS -> new ShowAlgStatus();
      case Grammar.SHOW_ALG_SIP_CALLS -> new ShowAlgSipCalls(parsed.has("detail"));
      case Grammar.SHOW_ALG_SIP_COUNTERS -> new ShowAlgSipCounters();
      case Grammar.SHOW_ALG_SUNRPC_PORTMAP -> new ShowAlgSunRpcPortmap();
      case Grammar.SHOW_ALG_MSRPC_OBJECT_ID_MAP -> new ShowAlgMsRpcObjectIdMap();
      case Grammar.SHOW_APPQOS_COUNTER ->
          new ShowAppServices(org.flowgate.mgmt.reply.AppServicesReply.Kind.COUNTER);
      case Grammar.SHOW_APPQOS_RULE_STATISTICS ->
          new ShowAppServices(org.flowgate.mgmt.reply.AppServicesReply.Kind.RULE_STATISTICS);
      case Grammar.SHOW_APPQOS_RATE_LIMITER_STATISTICS ->
          new ShowAppServices(
              org.flowgate.mgmt.reply.AppServicesReply.Kind.RATE_LIMITER_STATISTICS);
      case Grammar.SHOW_APPID_GROUP_SUMMARY -> new ShowAppGroups(null);
      case Grammar.SHOW_APPID_GROUP_DETAIL -> new ShowAppGroups(parsed.options().get(Grammar.NAME));
      case Grammar.SHOW_APPTRACK_COUNTERS ->
          new ShowAppServices(org.flowgate.mgmt.reply.AppServicesReply.Kind.APPTRACK_COUNTERS);
      case Grammar.SHOW_POLICIES ->
          new ShowPolicies(
              parsed.has("detail"),
              parsed.has("hit-count"),
              parsed.options().get("from-zone"),
              parsed.options().get("to-zone"),
              parsed.options().get("policy-name"),
              parsed.has("global"));
      case Grammar.SHOW_ROUTE -> new ShowRoute(parsed.options().get(CommandParser.PATH));
      case Grammar.SHOW_MATCH_POLICIES -> matchPolicies(parsed);
      case Grammar.SHOW_INTERFACES_TERSE -> new ShowInterfacesTerse();
      case Grammar.SHOW_SCREEN_STATISTICS ->
          new ShowScreenStatistics(parsed.options().get("zone"), parsed.options().get("interface"));
      case Grammar.SHOW_SCREEN_IDS_OPTION ->
          new ShowScreenIdsOption(parsed.options().get(Grammar.NAME));
      case Grammar.CLEAR_SCREEN_STATISTICS ->
          new ClearScreenStatistics(
              parsed.options().get("zone"), parsed.options().get("interface"));

      case Grammar.SHOW_INTERFACES ->
          parsed.has("terse") && !parsed.has(Grammar.NAME)
              ? new ShowInterfacesTerse()
              : new Operator(OperatorCommands.of(parsed));
      case Grammar.SHOW_APPID_SUMMARY,
          Grammar.SHOW_APPID_DETAIL,
          Grammar.SHOW_APPID_STATISTICS,
          Grammar.SHOW_APPID_GROUP_STATISTICS,
          Grammar.SHOW_APPID_CACHE ->
          new ShowAppId(parsed.command(), parsed.options().get(Grammar.NAME));
      default -> {
        if (OperatorCommands.handles(parsed.command())) {
          yield new Operator(OperatorCommands.of(parsed));
        }
        if (AlgCommands.handles(parsed.command())) {
          yield new Alg(AlgCommands.of(parsed));
        }
        if (parsed.command().startsWith("show-nat-")) {
          yield new ShowNat(parsed.command(), parsed.options().get(Grammar.NAME));
        }
        throw new IllegalStateException("no command " + parsed.command());
      }
    };
  }

  private static OperationalCommand matchPolicies(CommandParser.Parsed parsed) {
    java.util.Map<String, String> o = parsed.options();
    return new ShowMatchPolicies(
        new ConfigurationViews.MatchQuery(
            o.get("from-zone"),
            o.get("to-zone"),
            org.flowgate.dataplane.net.IpAddress.parse(o.get("source-ip")),
            org.flowgate.dataplane.net.IpAddress.parse(o.get("destination-ip")),
            Integer.parseInt(o.get("source-port")),
            Integer.parseInt(o.get("destination-port")),
            CommandParser.protocolNumber(o.get("protocol")),
            o.containsKey("result-count")
                ? (int) Math.min(Integer.MAX_VALUE, Long.parseLong(o.get("result-count")))
                : 1));
  }

  private static OperationalCommand sessions(CommandParser.Parsed parsed) {
    SessionQuery query = CommandParser.query(parsed);
    boolean nothing = selectsNothing(parsed);
    if (parsed.has("summary")) {
      return new ShowSessionSummary(query, nothing);
    }
    boolean onlyIdentifier =
        parsed.has("session-identifier")
            && parsed.options().keySet().stream()
                .allMatch(
                    o ->
                        o.equals("session-identifier")
                            || o.equals("extensive")
                            || o.equals("brief"));
    if (onlyIdentifier) {
      return new ShowSessionById(query.sessionIdentifier());
    }
    return new ShowSessions(
        query,
        parsed.has("extensive") ? FlowSessionReply.View.EXTENSIVE : FlowSessionReply.View.BRIEF,
        nothing);
  }

  /**
   * True when a filter names a feature no Flowgate session has, so that nothing matches: as on an
   * SRX without those services, the view is empty (ADR 0020).
   */
  private static boolean selectsNothing(CommandParser.Parsed parsed) {
    for (String option : Grammar.FILTERS_OF_ABSENT_FEATURES) {
      if (parsed.has(option)) {
        return true;
      }
    }
    return false;
  }
}
