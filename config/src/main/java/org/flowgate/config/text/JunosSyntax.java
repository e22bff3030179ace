package org.flowgate.config.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Junos's statement names, and the check that refuses words that are not Junos statements: what
 * Junos's {@code load} reports as {@code syntax error}.
 *
 * <p>The names come from Juniper's published YANG models (ADR 0015), extracted by {@code
 * tools/junos-yang/statements.py} into the resource {@code junos-statements.txt}: in full for the
 * hierarchies Flowgate implements or is about to, as names only elsewhere. Each line of the
 * resource is one statement, indented one space per level:
 *
 * <pre>
 *  security                      a keyword (container or flag)
 *   zones
 *    security-zone &lt;*&gt;           a keyword and one value (list entry, leaf, leaf-list)
 *     host-inbound-traffic
 *      system-services &lt;all|ssh|…&gt;   a value from a closed set
 *   policies
 *    default-policy
 *     &lt;deny-all|permit-all&gt;      a value written without a keyword
 *   ike ...                      names only: anything below is accepted unchecked
 *     @f12                       the statements of fragment f12 (a shared YANG grouping)
 * =f12                           (column 0) fragment f12; its statements one level deeper
 * </pre>
 *
 * <p>The check walks the configuration tree as written (groups included, each group's contents
 * checked from the top of the hierarchy) before groups are expanded, so an error is reported once,
 * at the word that is wrong. {@code apply-groups}, {@code apply-groups-except} and {@code
 * apply-macro} are allowed at every level, as Junos allows them. In a group, a wildcard word {@code
 * <pattern>} stands for any value and for any keyword it matches. A statement that Junos knows but
 * Flowgate does not implement passes here; the compiler warns about it.
 *
 * <p>Thread: the schema is loaded once and immutable; {@link #check} keeps no state.
 */
final class JunosSyntax {
  /** One statement of the schema: keyword (null when written without one) and value. */
  static final class Statement {
    final String keyword;

    /** Null: no value; empty: any value; else the closed set of values. */
    final Set<String> values;

    final boolean open;
    final List<Statement> children = new ArrayList<>();
    final List<String> includes = new ArrayList<>();
    private Map<String, List<Statement>> byKeyword;
    private List<Statement> valuesOnly;

    Statement(String keyword, Set<String> values, boolean open) {
      this.keyword = keyword;
      this.values = values;
      this.open = open;
    }

    boolean takesValue() {
      return values != null;
    }

    boolean accepts(String value) {
      return values.isEmpty() || values.contains(value) || GroupExpander.isWildcard(value);
    }

    List<Statement> withKeyword(String word) {
      index();
      return byKeyword.getOrDefault(word, List.of());
    }

    List<Statement> valuesOnly() {
      index();
      return valuesOnly;
    }

    private void index() {
      if (byKeyword != null) {
        return;
      }
      Map<String, List<Statement>> keywords = new HashMap<>();
      List<Statement> values = new ArrayList<>();
      for (Statement child : children) {
        if (child.keyword == null) {
          values.add(child);
        } else {
          keywords.computeIfAbsent(child.keyword, k -> new ArrayList<>()).add(child);
        }
      }
      valuesOnly = values;
      byKeyword = keywords;
    }
  }

  /** Statements Junos allows at every level (YANG grouping {@code apply-advanced}). */
  static final Set<String> EVERYWHERE =
      Set.of("apply-groups", "apply-groups-except", "apply-macro");

  private static final String RESOURCE = "junos-statements.txt";

  /** The top of the configuration: its children are the top-level statements. */
  static final Statement ROOT = load();

  private JunosSyntax() {}

  /**
   * A place in the schema while walking a configuration path: at {@code statement}, inside {@code
   * container} (whose other children may follow a leaf on the same path, as in {@code port range
   * 1024 to 2047} or {@code protocol tcp destination-port 80}), with its value still to come or
   * not.
   */
  private record Position(Statement statement, Statement container, boolean valuePending) {}

  /** Reports an ERROR for every word of {@code tree} that is not a Junos statement or value. */
  static void check(ConfigTree tree, Diagnostics diagnostics) {
    List<Position> top = List.of(new Position(ROOT, ROOT, false));
    List<String> path = new ArrayList<>();
    for (ConfigTree.Node child : tree.root.children.values()) {
      if (child.word.equals(GroupExpander.GROUPS)) {
        // groups NAME <any top-level statement ...>
        for (ConfigTree.Node group : child.children.values()) {
          path.add(GroupExpander.GROUPS);
          path.add(group.word);
          for (ConfigTree.Node statement : group.children.values()) {
            if (statement.word.equals(GroupExpander.GROUPS)) {
              // Junos's groups hold configuration, not other groups.
              diagnostics.error(statement.wordLocation, syntaxError(statement.word, path));
            } else {
              walk(statement, top, path, diagnostics);
            }
          }
          path.clear();
        }
      } else {
        walk(child, top, path, diagnostics);
      }
    }
  }

  private static void walk(
      ConfigTree.Node node, List<Position> from, List<String> path, Diagnostics diagnostics) {
    String word = node.word;
    List<Position> next = new ArrayList<>(2);
    for (Position position : from) {
      Statement at = position.statement();
      if (position.valuePending()) {
        if (at.accepts(word)) {
          next.add(new Position(at, position.container(), false));
        }
        continue;
      }
      if (at.open || EVERYWHERE.contains(word)) {
        return; // accepted, with everything below it
      }
      // Below a statement with children come its children; after a leaf, its siblings.
      Statement scope = at.children.isEmpty() && at != ROOT ? position.container() : at;
      for (Statement child : scope.withKeyword(word)) {
        next.add(new Position(child, scope, child.takesValue()));
      }
      if (GroupExpander.isWildcard(word)) {
        for (Statement child : scope.children) {
          if (child.keyword != null && GroupExpander.matches(word, child.keyword)) {
            next.add(new Position(child, scope, child.takesValue()));
          }
        }
      }
      for (Statement child : scope.valuesOnly()) {
        if (child.accepts(word)) {
          next.add(new Position(child, scope, false));
        }
      }
    }
    if (next.isEmpty()) {
      diagnostics.error(node.wordLocation, syntaxError(word, path));
      return;
    }
    if (node.isLeaf() && next.stream().allMatch(Position::valuePending)) {
      path.add(word);
      diagnostics.error(node.wordLocation, "syntax error, expecting <data> " + level(path));
      path.removeLast();
      return;
    }
    path.add(word);
    for (ConfigTree.Node child : node.children.values()) {
      walk(child, next, path, diagnostics);
    }
    path.removeLast();
  }

  /**
   * Junos's words for it: {@code syntax error: WORD} and the hierarchy level, as {@code load}
   * prints {@code [edit ...]} under the error.
   */
  private static String syntaxError(String word, List<String> path) {
    return "syntax error: " + ConfigPrinter.quote(word) + " " + level(path);
  }

  private static String level(List<String> path) {
    StringBuilder level = new StringBuilder("[edit");
    for (String above : path) {
      level.append(' ').append(ConfigPrinter.quote(above));
    }
    return level.append(']').toString();
  }

  // ------------------------------------------------------------------ the resource

  private static Statement load() {
    try (InputStream in = JunosSyntax.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Statement parse(BufferedReader lines) throws IOException {
    Statement root = new Statement(null, null, false);
    Map<String, Statement> fragments = new HashMap<>();
    List<Statement> all = new ArrayList<>();
    List<Statement> stack = new ArrayList<>();
    stack.add(root);
    int base = 0; // fragment bodies are indented one level
    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("=")) {
        Statement fragment = new Statement(null, null, false);
        fragments.put(line.substring(1), fragment);
        stack.clear();
        stack.add(fragment);
        base = 1;
        continue;
      }
      int depth = 0;
      while (line.charAt(depth) == ' ') {
        depth++;
      }
      depth -= base;
      while (stack.size() > depth + 1) {
        stack.removeLast();
      }
      Statement parent = stack.getLast();
      String text = line.substring(depth + base);
      if (text.startsWith("@")) {
        parent.includes.add(text.substring(1));
        continue;
      }
      Statement statement = statement(text);
      parent.children.add(statement);
      all.add(statement);
      stack.add(statement);
    }
    all.add(root);
    for (Statement statement : all) {
      for (String include : statement.includes) {
        Statement fragment = fragments.get(include);
        if (fragment == null) {
          throw new IllegalStateException("unknown fragment @" + include + " in " + RESOURCE);
        }
        // The fragment's statements themselves, shared: their own includes are resolved as
        // members of "all".
        statement.children.addAll(fragment.children);
      }
    }
    return root;
  }

  private static Statement statement(String text) {
    String[] parts = text.split(" ");
    int i = 0;
    String keyword = null;
    if (!parts[0].startsWith("<")) {
      keyword = parts[i++];
    }
    Set<String> values = null;
    if (i < parts.length && parts[i].startsWith("<")) {
      String inside = parts[i].substring(1, parts[i].length() - 1);
      values = inside.equals("*") ? Set.of() : Set.of(inside.split("\\|"));
      i++;
    }
    boolean open = i < parts.length && parts[i].equals("...");
    return new Statement(keyword, values, open);
  }
}
