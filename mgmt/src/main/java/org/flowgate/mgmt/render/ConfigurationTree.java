package org.flowgate.mgmt.render;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.flowgate.config.text.ConfigStatement;

/**
 * {@code show configuration | display xml} and {@code | display json}: the statements as Junos
 * writes configuration data, where a name is an element's {@code <name>} ({@code interfaces
 * ge-0/0/0 unit 0} is {@code <interface><name>ge-0/0/0</name><unit><name>0</name>}), a value its
 * text, a bare keyword an empty element, and JSON follows Junos's configuration mapping (objects,
 * arrays for lists, {@code [null]} for a bare keyword, {@code "@"} for the commit attributes).
 *
 * <pre>
 * statements ─► words placed by the table below (else by their shape) ─► Entry tree
 *   ─► JunosElement tree ─► XmlReplyWriter (children of configuration 12 spaces in, as Junos)
 *   ─► configuration JSON (vSRX 24.4 layout: "key" : value, one per line, "," between)
 * </pre>
 *
 * The statements Flowgate compiles (system host name, interfaces, zones, policies, address books,
 * applications, static routes, routing instances, NAT) are placed by what Junos calls their
 * elements; a statement outside that table is placed by its shape: its last word a bare keyword, a
 * keyword followed by one word a leaf, anything longer a container (ADR 0021). Stateless; any
 * thread.
 */
public final class ConfigurationTree {
  private ConfigurationTree() {}

  /** The commit a configuration reply carries as attributes of {@code <configuration>}. */
  public record Commit(Instant at, String user) {}

  private static final DateTimeFormatter LOCAL_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  /** How a node is written. */
  private enum Kind {
    /** {@code <system>...</system>}; JSON an object. */
    CONTAINER,
    /** A list entry {@code <unit><name>0</name>...</unit>}; JSON an object in an array. */
    ENTRY,
    /** {@code <host-name>edge-1</host-name>}; JSON a string or number. */
    LEAF,
    /** One value of a leaf list {@code <source-address>any</source-address>}; JSON an array. */
    LEAF_LIST,
    /** {@code <permit/>}; JSON {@code [null]}. */
    TOGGLE,
    /**
     * A list entry keyed by its first leaves ({@code <policy><from-zone-name>..<to-zone-name>..});
     * XML a container, JSON an object in an array.
     */
    KEYED
  }

  /** A node of the configuration data tree. */
  private static final class Node {
    final String name;
    final Kind kind;
    final String value; // the text of a leaf, the name of an entry
    final List<Node> children = new ArrayList<>();
    Node parent;
    boolean inactive;

    Node(String name, Kind kind, String value) {
      this.name = name;
      this.kind = kind;
      this.value = value;
    }

    Node add(Node child) {
      child.parent = this;
      children.add(child);
      return child;
    }

    /** The child of this name, kind and value, made when missing (statements share paths). */
    Node child(String childName, Kind childKind, String childValue) {
      for (Node each : children) {
        if (each.name.equals(childName)
            && each.kind == childKind
            && java.util.Objects.equals(each.value, childValue)) {
          return each;
        }
      }
      return add(new Node(childName, childKind, childValue));
    }
  }

  // ---- placing words ----------------------------------------------------------------------------

  /** Keywords followed by the name of a list entry: {@code unit 0}, {@code policy p1}. */
  private static final Set<String> NAMED =
      Set.of(
          "unit",
          "security-zone",
          "functional-zone",
          "policy",
          "application",
          "application-set",
          "address-set",
          "pool",
          "rule-set",
          "rule",
          "route",
          "term",
          "stream",
          "user",
          "system-services",
          "protocols",
          "instance",
          "group",
          "file",
          "host");

  /** Keywords a leaf list of values follows: {@code source-address any}. */
  private static final Set<String> LEAF_LISTS =
      Set.of(
          "source-address",
          "destination-address",
          "source-address-name",
          "destination-address-name",
          "next-hop",
          "apply-groups",
          "zone",
          "interface",
          "routing-instance",
          "from-zone",
          "to-zone");

  /** Keywords that open a container of their own even when a single word follows. */
  private static final Set<String> CONTAINERS =
      Set.of(
          "system",
          "interfaces",
          "security",
          "zones",
          "policies",
          "nat",
          "source",
          "destination",
          "static",
          "match",
          "then",
          "log",
          "family",
          "inet",
          "inet6",
          "routing-options",
          "routing-instances",
          "applications",
          "host-inbound-traffic",
          "default-policy",
          "global",
          "flow",
          "tcp-session",
          "aging",
          "source-nat",
          "destination-nat",
          "static-nat",
          "permit",
          "syslog",
          "from",
          "to",
          "rib");

  /** Values Junos's configuration JSON writes as numbers. */
  private static final Set<String> NUMERIC =
      Set.of(
          "vlan-id",
          "mtu",
          "inactivity-timeout",
          "port",
          "tcp-initial-timeout",
          "early-ageout",
          "high-watermark",
          "low-watermark");

  /** The data tree of {@code statements} under {@code <configuration>}. */
  private static Node tree(List<ConfigStatement> statements, String version) {
    Node root = new Node("configuration", Kind.CONTAINER, null);
    if (version != null) {
      root.add(new Node("version", Kind.LEAF, version));
    }
    for (ConfigStatement statement : statements) {
      Node last = place(root, statement.words(), 0);
      if (statement.inactive() && last != null) {
        last.inactive = true;
      }
    }
    return root;
  }

  /** Places {@code words} from {@code i} below {@code at}; returns the last node made. */
  private static Node place(Node at, List<String> words, int i) {
    if (i >= words.size()) {
      return at;
    }
    String word = words.get(i);
    boolean last = i == words.size() - 1;
    String parent = at.name;
    // interfaces NAME at the top, routing-instances NAME: anonymous entries
    if (parent.equals("interfaces") && isTopLevelInterfaces(at)) {
      return place(at.child("interface", Kind.ENTRY, word), words, i + 1);
    }
    if (parent.equals("routing-instances")) {
      return place(at.child("instance", Kind.ENTRY, word), words, i + 1);
    }
    if (parent.equals("address-book") && word.equals("address") && i + 1 < words.size()) {
      Node address = at.child("address", Kind.ENTRY, words.get(i + 1));
      if (i + 2 < words.size() && words.get(i + 2).contains("/")) {
        address.child("ip-prefix", Kind.LEAF, words.get(i + 2));
        return address;
      }
      return place(address, words, i + 2);
    }
    if (word.equals("address-book") && i + 1 < words.size()) {
      return place(at.child("address-book", Kind.ENTRY, words.get(i + 1)), words, i + 2);
    }
    if ((parent.equals("inet") || parent.equals("inet6") || parent.equals("pool"))
        && word.equals("address")
        && i + 1 < words.size()) {
      return place(at.child("address", Kind.ENTRY, words.get(i + 1)), words, i + 2);
    }
    if (parent.equals("policies")
        && word.equals("from-zone")
        && i + 3 < words.size()
        && words.get(i + 2).equals("to-zone")) {
      Node context = contextEntry(at, words.get(i + 1), words.get(i + 3));
      return place(context, words, i + 4);
    }
    if (parent.equals("address-set") && word.equals("address") && i + 1 < words.size()) {
      return place(at.child("address", Kind.ENTRY, words.get(i + 1)), words, i + 2);
    }
    if (parent.equals("match") && !last && !CONTAINERS.contains(word)) {
      // a policy's match: every criterion is a leaf list (source-address, application ...)
      return place(at.child(word, Kind.LEAF_LIST, words.get(i + 1)), words, i + 2);
    }
    if (parent.equals("security-zone") && word.equals("interfaces") && i + 1 < words.size()) {
      return place(at.child("interfaces", Kind.ENTRY, words.get(i + 1)), words, i + 2);
    }
    if (word.equals("match") && natRule(at)) {
      return place(at.child(natRuleMatch(at), Kind.CONTAINER, null), words, i + 1);
    }
    if (last) {
      return at.child(word, Kind.TOGGLE, null);
    }
    if (CONTAINERS.contains(word)) {
      return place(at.child(word, Kind.CONTAINER, null), words, i + 1);
    }
    if (NAMED.contains(word)) {
      return place(at.child(word, Kind.ENTRY, words.get(i + 1)), words, i + 2);
    }
    if (LEAF_LISTS.contains(word) || parent.equals("match") || parent.endsWith("-rule-match")) {
      Node value = at.child(word, Kind.LEAF_LIST, words.get(i + 1));
      return place(value, words, i + 2);
    }
    if (i + 2 == words.size()) {
      return at.child(word, Kind.LEAF, words.get(i + 1));
    }
    return place(at.child(word, Kind.CONTAINER, null), words, i + 1);
  }

  /** {@code from-zone A to-zone B}: one {@code <policy>} entry keyed by both zones. */
  private static Node contextEntry(Node policies, String from, String to) {
    for (Node each : policies.children) {
      if (each.name.equals("policy")
          && each.kind == Kind.KEYED
          && each.children.size() >= 2
          && from.equals(each.children.get(0).value)
          && to.equals(each.children.get(1).value)) {
        return each;
      }
    }
    Node context = policies.add(new Node("policy", Kind.KEYED, null));
    context.add(new Node("from-zone-name", Kind.LEAF, from));
    context.add(new Node("to-zone-name", Kind.LEAF, to));
    return context;
  }

  private static boolean isTopLevelInterfaces(Node node) {
    return node.kind == Kind.CONTAINER
        && node.parent != null
        && node.parent.name.equals("configuration");
  }

  /** A NAT rule entry: {@code security nat (source|destination|static) rule-set RS rule R}. */
  private static boolean natRule(Node node) {
    return node.name.equals("rule") && node.kind == Kind.ENTRY && natKind(node) != null;
  }

  /** {@code source}, {@code destination} or {@code static}: the NAT kind above a node, or null. */
  private static String natKind(Node node) {
    for (Node at = node; at != null && at.parent != null; at = at.parent) {
      if (at.parent.name.equals("nat") && at.kind == Kind.CONTAINER) {
        return at.name;
      }
    }
    return null;
  }

  /** Junos names a NAT rule's {@code match} after its kind. */
  private static String natRuleMatch(Node rule) {
    return switch (natKind(rule)) {
      case "source" -> "src-nat-rule-match";
      case "destination" -> "dest-nat-rule-match";
      default -> "static-nat-rule-match";
    };
  }

  // ---- XML --------------------------------------------------------------------------------------

  /** The {@code <rpc-reply>} of {@code show configuration [PATH] | display xml}. */
  public static JunosElement xml(List<ConfigStatement> statements, String version, Commit commit) {
    Node root = tree(statements, version);
    List<JunosElement> children = new ArrayList<>();
    for (Node child : root.children) {
      children.add(element(child));
    }
    JunosElement configuration =
        JunosElement.container(
            "configuration",
            List.of(
                JunosElement.attribute(
                    "junos:commit-seconds", Long.toString(commit.at().getEpochSecond())),
                JunosElement.attribute("junos:commit-localtime", LOCAL_TIME.format(commit.at())),
                JunosElement.attribute("junos:commit-user", commit.user())),
            children);
    return JunosReplyTree.reply(List.of(configuration));
  }

  private static JunosElement element(Node node) {
    List<JunosElement.Attribute> attributes =
        node.inactive ? List.of(JunosElement.attribute("inactive", "inactive")) : List.of();
    return switch (node.kind) {
      case LEAF, LEAF_LIST ->
          new JunosElement(node.name, attributes, JunosElement.Kind.LEAF, node.value, List.of());
      case TOGGLE ->
          new JunosElement(node.name, attributes, JunosElement.Kind.TOGGLE, null, List.of());
      case CONTAINER, ENTRY, KEYED -> {
        List<JunosElement> children = new ArrayList<>();
        if (node.kind == Kind.ENTRY) {
          children.add(JunosElement.leaf("name", node.value));
        }
        for (Node child : node.children) {
          children.add(element(child));
        }
        yield new JunosElement(node.name, attributes, JunosElement.Kind.CONTAINER, null, children);
      }
    };
  }

  // ---- JSON -------------------------------------------------------------------------------------

  /**
   * {@code show configuration [PATH] | display json}: Junos's configuration JSON in the vSRX 24.4
   * layout (a captured {@code show configuration system ntp | display json}): four spaces a level,
   * {@code "key" : value}, entries of a list as objects in an array whose brackets sit at the key's
   * indent, a leaf list on one line, numbers for numeric leaves and entry names.
   */
  public static String json(List<ConfigStatement> statements, String version, Commit commit) {
    Node root = tree(statements, version);
    StringBuilder out = new StringBuilder(1024);
    out.append("{\n    \"configuration\" : {\n");
    out.append("        \"@\" : {\n");
    out.append("            \"junos:commit-seconds\" : ")
        .append(quote(Long.toString(commit.at().getEpochSecond())))
        .append(",\n");
    out.append("            \"junos:commit-localtime\" : ")
        .append(quote(LOCAL_TIME.format(commit.at())))
        .append(",\n");
    out.append("            \"junos:commit-user\" : ").append(quote(commit.user())).append('\n');
    out.append("        }");
    members(root, 2, out);
    out.append("\n    }\n}\n");
    return out.toString();
  }

  /** The members of an object, each after ",\n" (the object's opening already written). */
  private static void members(Node node, int level, StringBuilder out) {
    Map<String, List<Node>> byName = new LinkedHashMap<>();
    for (Node child : node.children) {
      byName.computeIfAbsent(child.name, n -> new ArrayList<>()).add(child);
    }
    String indent = "    ".repeat(level);
    for (Map.Entry<String, List<Node>> member : byName.entrySet()) {
      List<Node> nodes = member.getValue();
      Node one = nodes.getFirst();
      out.append(out.charAt(out.length() - 1) == '{' ? "\n" : ",\n");
      out.append(indent).append(quote(member.getKey())).append(" : ");
      switch (one.kind) {
        case LEAF -> out.append(value(one.name, one.value));
        case TOGGLE -> out.append("[null]");
        case LEAF_LIST -> {
          out.append('[');
          for (int i = 0; i < nodes.size(); i++) {
            out.append(i == 0 ? "" : ", ").append(value(one.name, nodes.get(i).value));
          }
          out.append(']');
        }
        case CONTAINER -> {
          if (nodes.size() == 1) {
            object(one, level, out);
          } else {
            array(nodes, level, out);
          }
        }
        case ENTRY, KEYED -> array(nodes, level, out);
      }
    }
  }

  private static void object(Node node, int level, StringBuilder out) {
    out.append('{');
    if (node.kind == Kind.ENTRY) {
      out.append('\n')
          .append("    ".repeat(level + 1))
          .append("\"name\" : ")
          .append(value(node.name, node.value));
    }
    members(node, level + 1, out);
    out.append('\n').append("    ".repeat(level)).append('}');
  }

  private static void array(List<Node> nodes, int level, StringBuilder out) {
    String indent = "    ".repeat(level);
    out.append("[\n");
    for (int i = 0; i < nodes.size(); i++) {
      out.append(indent);
      object(nodes.get(i), level, out);
      out.append(i + 1 < nodes.size() ? ",\n" : "\n");
    }
    out.append(indent).append(']');
  }

  /** A leaf's value: a number where Junos's schema types it so, else a string. */
  private static String value(String name, String text) {
    boolean numeric =
        (NUMERIC.contains(name) || name.equals("unit"))
            && text.chars().allMatch(Character::isDigit);
    return numeric && !text.isEmpty() ? text : quote(text);
  }

  private static String quote(String text) {
    StringBuilder out = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\r' -> out.append("\\r");
        default -> {
          if (c < 0x20) {
            out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
