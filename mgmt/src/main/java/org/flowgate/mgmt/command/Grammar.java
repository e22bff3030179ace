package org.flowgate.mgmt.command;

import java.util.List;

/**
 * The operational command tree: what may follow what, with the help text {@code ?} shows. One tree
 * drives parsing, abbreviation, completion and help, so they cannot disagree.
 *
 * <pre>
 * show security flow session [FILTER]... [brief | extensive | summary]
 * show security flow statistics
 * show security flow status
 * show security monitoring
 * show security zones
 * show security policies [detail | hit-count]
 * show configuration [PATH...]          (the only command that takes | display set)
 * show route
 * show interfaces terse
 * clear security flow session (all | FILTER...)
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
    WORDS("<path>");

    final String placeholder;

    ValueType(String placeholder) {
      this.placeholder = placeholder;
    }
  }

  /**
   * A keyword. {@code options} are the keywords that may follow in any order, each at most once
   * (the filters and views of a session command); {@code children} the next level of the tree.
   */
  record Node(String word, String help, ValueType value, List<Node> children, boolean options, String command) {
    static Node keyword(String word, String help, Node... children) {
      return new Node(word, help, ValueType.NONE, List.of(children), false, null);
    }

    static Node leaf(String word, String help, String command) {
      return new Node(word, help, ValueType.NONE, List.of(), false, command);
    }

    static Node withOptions(String word, String help, String command, Node... options) {
      return new Node(word, help, ValueType.NONE, List.of(options), true, command);
    }

    /** A command that takes any words after it ({@code show configuration security zones}). */
    static Node words(String word, String help, String command) {
      return new Node(word, help, ValueType.WORDS, List.of(), false, command);
    }

    static Node option(String word, String help, ValueType value) {
      return new Node(word, help, value, List.of(), false, null);
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
  static final String SHOW_POLICIES = "show-policies";
  static final String SHOW_ROUTE = "show-route";
  static final String SHOW_INTERFACES_TERSE = "show-interfaces-terse";

  private static List<Node> filters() {
    return List.of(
        Node.option("application", "Application name", ValueType.NAME),
        Node.option("conn-tag", "Session connection tag", ValueType.NUMBER),
        Node.option("destination-port", "Destination port", ValueType.PORT),
        Node.option("destination-prefix", "Destination IP prefix or address", ValueType.PREFIX),
        Node.option("dynamic-application", "Dynamic application name", ValueType.NAME),
        Node.option("encrypted", "Show encrypted traffic", ValueType.NONE),
        Node.option("family", "Show session by family", ValueType.FAMILY),
        Node.option("interface", "Name of incoming or outgoing interface", ValueType.NAME),
        Node.option("logical-system", "Logical-system name", ValueType.NAME),
        Node.option("nat", "Show network-address-translation sessions", ValueType.NONE),
        Node.option("policy-id", "Show session information by policy ID", ValueType.NUMBER),
        Node.option("protocol", "IP protocol number", ValueType.PROTOCOL),
        Node.option("resource-manager", "Show resource manager sessions", ValueType.NONE),
        Node.option("session-identifier", "Show session with specified session identifier", ValueType.NUMBER),
        Node.option("source-port", "Source port", ValueType.PORT),
        Node.option("source-prefix", "Source IP prefix or address", ValueType.PREFIX),
        Node.option("tunnel", "Show tunnel sessions", ValueType.NONE));
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

  static final Node ROOT = Node.keyword("", "",
      Node.keyword("clear", "Clear information in the system",
          Node.keyword("security", "Clear security information",
              Node.keyword("flow", "Clear flow information",
                  Node.withOptions("session", "Clear session information", CLEAR_SESSIONS, clearSessionOptions())))),
      Node.keyword("show", "Show system information",
          Node.words("configuration", "Show current configuration", SHOW_CONFIGURATION),
          Node.keyword("interfaces", "Show interface information",
              Node.leaf("terse", "Display terse output", SHOW_INTERFACES_TERSE)),
          Node.leaf("route", "Show routing table information", SHOW_ROUTE),
          Node.keyword("security", "Show security information",
              Node.keyword("flow", "Show flow information",
                  Node.withOptions("session", "Show session information", SHOW_SESSIONS, showSessionOptions()),
                  Node.leaf("statistics", "Show flow statistics", SHOW_STATISTICS),
                  Node.leaf("status", "Show flow status", SHOW_STATUS)),
              Node.leaf("monitoring", "Show security SPU monitoring information", SHOW_MONITORING),
              Node.withOptions("policies", "Show security firewall policies", SHOW_POLICIES,
                  Node.option("detail", "Show the detailed information", ValueType.NONE),
                  Node.option("hit-count", "Show policies hit count", ValueType.NONE)),
              Node.leaf("zones", "Show security zone information", SHOW_ZONES))));
}
