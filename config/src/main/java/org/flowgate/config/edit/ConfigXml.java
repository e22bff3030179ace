package org.flowgate.config.edit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.flowgate.config.text.ConfigStatement;
import org.flowgate.config.text.SourceLocation;

/**
 * Configuration statements in the Junos XML form ({@code <configuration>}, as {@code
 * get-configuration} returns and {@code load-configuration} takes it) and back. Junos derives the
 * XML from its schema; until Flowgate has one, a table says which keywords are followed by a name
 * ({@code <security-zone><name>trust</name>...}) and which hold keywords rather than values ({@code
 * <then><permit/></then>}); three shapes are special, as in Junos: {@code interfaces X} at the top
 * is {@code <interfaces><interface><name>X}, {@code routing-instances X} is {@code
 * <instance><name>X}, and {@code from-zone A to-zone B} is {@code <policy><from-zone-name>A
 * </from-zone-name><to-zone-name>B</to-zone-name>}. Both directions use the same table, so any
 * configuration survives the round trip; statements outside the table may be named differently from
 * a real device's XML.
 *
 * <p>Thread: stateless.
 */
public final class ConfigXml {
  private ConfigXml() {}

  /** Keywords followed by a name, which becomes a {@code <name>} child. */
  static final Set<String> NAMED =
      Set.of(
          "security-zone",
          "functional-zone",
          "policy",
          "unit",
          "user",
          "class",
          "pool",
          "rule-set",
          "rule",
          "application",
          "application-set",
          "address-set",
          "address-book",
          "route",
          "host",
          "file",
          "stream",
          "term",
          "group",
          "address",
          "interface",
          "attach");

  /** Keywords whose single leaf child is a keyword, not a value. */
  static final Set<String> KEYWORD_HOLDERS =
      Set.of(
          "then",
          "log",
          "count",
          "system-services",
          "protocols",
          "default-policy",
          "permit",
          "family",
          "host-inbound-traffic",
          "source-nat",
          "destination-nat",
          "static-nat",
          "services",
          "deny",
          "reject",
          "flow",
          "aging",
          "tcp-session",
          "structured-data",
          "port");

  /** A minimal element: name, text, children, for both directions. */
  public record Element(String name, String text, List<Element> children) {
    public Element {
      children = List.copyOf(children);
    }

    public static Element leaf(String name, String text) {
      return new Element(name, text, List.of());
    }
  }

  private static final class Node {
    final Map<String, Node> children = new LinkedHashMap<>();
  }

  /** The {@code <configuration>} element's children for {@code statements}. */
  public static List<Element> toXml(List<ConfigStatement> statements) {
    Node root = new Node();
    for (ConfigStatement statement : statements) {
      Node node = root;
      for (String word : statement.words()) {
        node = node.children.computeIfAbsent(word, w -> new Node());
      }
    }
    return elements(root, 0, null);
  }

  private static List<Element> elements(Node node, int depth, String parent) {
    List<Element> out = new ArrayList<>();
    for (Map.Entry<String, Node> entry : node.children.entrySet()) {
      String word = entry.getKey();
      Node child = entry.getValue();
      if (depth == 0 && (word.equals("interfaces") || word.equals("routing-instances"))) {
        String item = word.equals("interfaces") ? "interface" : "instance";
        List<Element> items = new ArrayList<>();
        for (Map.Entry<String, Node> named : child.children.entrySet()) {
          List<Element> inner = new ArrayList<>();
          inner.add(Element.leaf("name", named.getKey()));
          inner.addAll(elements(named.getValue(), depth + 2, item));
          items.add(new Element(item, null, inner));
        }
        out.add(new Element(word, null, items));
      } else if (word.equals("from-zone") && "policies".equals(parent)) {
        for (Map.Entry<String, Node> from : child.children.entrySet()) {
          Node toKeyword = from.getValue().children.get("to-zone");
          if (toKeyword == null) {
            continue;
          }
          for (Map.Entry<String, Node> to : toKeyword.children.entrySet()) {
            List<Element> inner = new ArrayList<>();
            inner.add(Element.leaf("from-zone-name", from.getKey()));
            inner.add(Element.leaf("to-zone-name", to.getKey()));
            inner.addAll(elements(to.getValue(), depth + 4, "policy"));
            out.add(new Element("policy", null, inner));
          }
        }
      } else if ((NAMED.contains(word) || (word.equals("interfaces") && depth > 0))
          && child.children.values().stream().anyMatch(n -> !n.children.isEmpty())
          && !KEYWORD_HOLDERS.contains(parent == null ? "" : parent)) {
        for (Map.Entry<String, Node> named : child.children.entrySet()) {
          List<Element> inner = new ArrayList<>();
          inner.add(Element.leaf("name", named.getKey()));
          inner.addAll(elements(named.getValue(), depth + 2, word));
          out.add(new Element(word, null, inner));
        }
      } else if (child.children.isEmpty()) {
        out.add(Element.leaf(word, null));
      } else if (!KEYWORD_HOLDERS.contains(word)
          && child.children.values().stream().allMatch(c -> c.children.isEmpty())) {
        for (String value : child.children.keySet()) {
          out.add(Element.leaf(word, value));
        }
      } else {
        out.add(new Element(word, null, elements(child, depth + 1, word)));
      }
    }
    return out;
  }

  /** The statements of a {@code <configuration>} element's children. */
  public static List<ConfigStatement> fromXml(List<Element> configuration, String source) {
    List<ConfigStatement> out = new ArrayList<>();
    SourceLocation at = new SourceLocation(source, 1, 1);
    for (Element element : configuration) {
      walk(element, new ArrayList<>(), 0, out, at);
    }
    return out;
  }

  private static void walk(
      Element element, List<String> path, int depth, List<ConfigStatement> out, SourceLocation at) {
    List<String> words = new ArrayList<>(path);
    List<Element> children = new ArrayList<>(element.children());
    String name = element.name();
    Element nameChild =
        children.stream().filter(c -> c.name().equals("name")).findFirst().orElse(null);
    Element from =
        children.stream().filter(c -> c.name().equals("from-zone-name")).findFirst().orElse(null);
    Element to =
        children.stream().filter(c -> c.name().equals("to-zone-name")).findFirst().orElse(null);
    if (name.equals("policy") && from != null && to != null) {
      words.addAll(List.of("from-zone", text(from), "to-zone", text(to)));
      children.remove(from);
      children.remove(to);
    } else if ((name.equals("interface") && path.equals(List.of("interfaces")))
        || (name.equals("instance") && path.equals(List.of("routing-instances")))) {
      if (nameChild == null) {
        return;
      }
      words.add(text(nameChild));
      children.remove(nameChild);
    } else if (nameChild != null) {
      words.add(name);
      words.add(text(nameChild));
      children.remove(nameChild);
    } else {
      words.add(name);
      String text = element.text() == null ? "" : element.text().strip();
      if (children.isEmpty()) {
        if (!text.isEmpty()) {
          words.add(text);
        }
        out.add(new ConfigStatement(words, at, false));
        return;
      }
    }
    if (children.isEmpty()) {
      out.add(new ConfigStatement(words, at, false));
      return;
    }
    for (Element child : children) {
      walk(child, words, depth + 1, out, at);
    }
  }

  private static String text(Element element) {
    return element.text() == null ? "" : element.text().strip();
  }
}
