package org.flowgate.config.edit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.flowgate.config.text.ConfigPrinter;
import org.flowgate.config.text.ConfigStatement;
import org.flowgate.config.text.SourceLocation;

/**
 * {@code show | compare}: what changed between two configurations, as Junos prints it. Each change
 * is shown under the hierarchy that holds it, the removed statements with {@code -} and the added
 * ones with {@code +}, in the hierarchical form indented one level below the header:
 *
 * <pre>
 * [edit system]
 * -  host-name old;
 * +  host-name new;
 * [edit security policies from-zone trust to-zone untrust]
 * +    policy allow-web {
 * +        match {
 * +            ...
 * </pre>
 *
 * A header never ends between a keyword and its name ({@code policy p1}), nor inside {@code
 * from-zone A to-zone B}, and a keyword that holds values is shown with them. Order-only changes
 * and changes of {@code inactive} marks are not shown.
 *
 * <p>Thread: stateless.
 */
public final class ConfigCompare {
  private ConfigCompare() {}

  /** Keywords followed by a name: a header never ends on one of them. */
  private static final Set<String> NAMED =
      Set.of(
          "address-set",
          "application",
          "application-set",
          "address-book",
          "class",
          "family",
          "file",
          "from-zone",
          "group",
          "groups",
          "host",
          "interface",
          "policy",
          "pool",
          "route",
          "routing-instances",
          "rule",
          "rule-set",
          "security-zone",
          "stream",
          "term",
          "to-zone",
          "unit",
          "user",
          "address");

  /** Keywords whose children are keywords, not values: {@code then { permit; }}. */
  private static final Set<String> CONTAINERS =
      Set.of("then", "log", "count", "system-services", "protocols", "default-policy", "permit");

  private static final class Node {
    final Map<String, Node> children = new LinkedHashMap<>();

    boolean leaf() {
      return children.isEmpty();
    }

    boolean valuesOnly() {
      return !children.isEmpty() && children.values().stream().allMatch(Node::leaf);
    }
  }

  private static Node tree(List<ConfigStatement> statements) {
    Node root = new Node();
    for (ConfigStatement statement : statements) {
      Node node = root;
      for (String word : statement.words()) {
        node = node.children.computeIfAbsent(word, w -> new Node());
      }
    }
    return root;
  }

  /** The differences from {@code before} to {@code after}; empty when they hold the same. */
  public static String compare(List<ConfigStatement> before, List<ConfigStatement> after) {
    Map<List<String>, StringBuilder> byContext = new LinkedHashMap<>();
    walk(new ArrayList<>(), tree(before), tree(after), byContext);
    StringBuilder out = new StringBuilder();
    byContext.forEach(
        (context, lines) ->
            out.append(context.isEmpty() ? "[edit]" : "[edit " + String.join(" ", context) + "]")
                .append('\n')
                .append(lines));
    return out.toString();
  }

  private static void walk(
      List<String> path, Node a, Node b, Map<List<String>, StringBuilder> byContext) {
    List<String> words = new ArrayList<>(a.children.keySet());
    for (String word : b.children.keySet()) {
      if (!a.children.containsKey(word)) {
        words.add(word);
      }
    }
    for (String word : words) {
      Node before = a.children.get(word);
      Node after = b.children.get(word);
      if (before != null && after != null) {
        path.add(word);
        walk(path, before, after, byContext);
        path.removeLast();
      } else if (before != null) {
        emit(path, a, word, before, '-', byContext);
      } else {
        emit(path, b, word, after, '+', byContext);
      }
    }
  }

  private static void emit(
      List<String> path,
      Node parent,
      String word,
      Node subtree,
      char sign,
      Map<List<String>, StringBuilder> byContext) {
    int cut = path.size();
    if (cut > 0) {
      String last = path.get(cut - 1);
      boolean name = NAMED.contains(last); // the change is a name: show "keyword name"
      boolean values = parent.valuesOnly() && subtree.leaf() && !CONTAINERS.contains(last);
      if (name || values) {
        cut--;
      }
    }
    if (cut >= 2 && path.get(cut - 2).equals("from-zone")) {
      cut -= 2; // never inside "from-zone A to-zone B"
    }
    List<String> context = List.copyOf(path.subList(0, cut));
    List<String> prefix = new ArrayList<>(path.subList(cut, path.size()));
    prefix.add(word);
    List<ConfigStatement> statements = new ArrayList<>();
    collect(subtree, prefix, statements);
    StringBuilder lines = byContext.computeIfAbsent(context, c -> new StringBuilder());
    for (String line : ConfigPrinter.hierarchical(statements).split("\n")) {
      if (!line.isEmpty()) {
        lines.append(sign).append("   ").append(line).append('\n');
      }
    }
  }

  private static final SourceLocation HERE = new SourceLocation("compare", 1, 1);

  private static void collect(Node node, List<String> path, List<ConfigStatement> out) {
    if (node.leaf()) {
      out.add(new ConfigStatement(path, HERE, false));
      return;
    }
    for (Map.Entry<String, Node> child : node.children.entrySet()) {
      List<String> next = new ArrayList<>(path);
      next.add(child.getKey());
      collect(child.getValue(), next, out);
    }
  }
}
