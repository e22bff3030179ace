package org.flowgate.config.text;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders statements back as Junos text: {@code show configuration} (the hierarchical form) and
 * {@code show configuration | display set}, for the whole configuration or the subtree at a path.
 *
 * <p>Hierarchical output indents by four spaces, ends leaves with {@code ;}, puts a keyword and
 * its name on one line ({@code policy p1 {}, {@code address 10.0.0.1/24;}), prints each value of
 * a repeated leaf on its own line, and writes {@code inactive:} once, before the highest line all
 * of whose statements are inactive. Display-set output has one {@code set} line per statement, and
 * after the set lines of each such highest inactive subtree a {@code deactivate} line for it.
 * Words that the lexer would not read back as the same single word are double-quoted.
 *
 * <p>Stateless and thread-safe.
 */
public final class ConfigPrinter {
  private static final String INDENT = "    ";

  private ConfigPrinter() {}

  /** {@code show configuration}: the statements in the hierarchical form. */
  public static String hierarchical(List<ConfigStatement> statements) {
    return new Rendering(ConfigTree.of(statements)).hierarchical();
  }

  /**
   * {@code show configuration PATH}: the statements below {@code path}, printed relative to it (as
   * Junos prints {@code show configuration security policies}).
   */
  public static String hierarchical(List<ConfigStatement> statements, List<String> path) {
    List<ConfigStatement> relative = new ArrayList<>();
    for (ConfigStatement statement : select(statements, path)) {
      if (statement.words().size() > path.size()) {
        List<String> words = statement.words().subList(path.size(), statement.words().size());
        relative.add(new ConfigStatement(words, statement.location(), statement.inactive()));
      }
    }
    return hierarchical(relative);
  }

  /** {@code show configuration | display set}. */
  public static String displaySet(List<ConfigStatement> statements) {
    return new Rendering(ConfigTree.of(statements)).displaySet();
  }

  /** {@code show configuration PATH | display set}: full set lines of the subtree at PATH. */
  public static String displaySet(List<ConfigStatement> statements, List<String> path) {
    return displaySet(select(statements, path));
  }

  /** The statements at or below {@code path}, in order. */
  public static List<ConfigStatement> select(List<ConfigStatement> statements, List<String> path) {
    return statements.stream().filter(s -> s.isAtOrBelow(path)).toList();
  }

  /** {@code word} as it must be written to be read back as this one word. */
  public static String quote(String word) {
    if (!needsQuotes(word)) {
      return word;
    }
    StringBuilder quoted = new StringBuilder(word.length() + 2).append('"');
    for (char c : word.toCharArray()) {
      if (c == '"' || c == '\\') {
        quoted.append('\\');
      }
      quoted.append(c);
    }
    return quoted.append('"').toString();
  }

  private static boolean needsQuotes(String word) {
    if (word.isEmpty()
        || word.charAt(0) == ConfigLexer.BYTE_ORDER_MARK // read as a byte-order mark at the start
        || word.startsWith("#")
        || word.startsWith("/*")
        || ConfigLexer.ANNOTATIONS.contains(word)) {
      return true;
    }
    for (char c : word.toCharArray()) {
      if (Character.isWhitespace(c) || "{}[];\"\\".indexOf(c) >= 0) {
        return true;
      }
    }
    return false;
  }

  /** One rendering of one tree; remembers which nodes have only inactive statements below. */
  private static final class Rendering {
    private final ConfigTree tree;
    private final Map<ConfigTree.Node, Boolean> allInactive = new IdentityHashMap<>();
    private final StringBuilder out = new StringBuilder();

    Rendering(ConfigTree tree) {
      this.tree = tree;
    }

    String hierarchical() {
      for (ConfigTree.Node child : tree.root.children.values()) {
        node(child, 0, false);
      }
      return out.toString();
    }

    /** Prints {@code node} (a child at {@code depth}) and everything below it. */
    private void node(ConfigTree.Node node, int depth, boolean covered) {
      if (node.isLeaf()) {
        line(List.of(node.word), node, depth, covered);
      } else if (Layout.CHAINS.contains(node.word) && isSinglePath(node)) {
        List<String> words = new ArrayList<>();
        ConfigTree.Node last = node;
        words.add(last.word);
        while (!last.isLeaf()) {
          last = last.children.values().iterator().next();
          words.add(last.word);
        }
        line(words, last, depth, covered);
      } else if (!Layout.CONTAINERS.contains(node.word)
          && node.children.values().stream().allMatch(ConfigTree.Node::isLeaf)) {
        for (ConfigTree.Node value : node.children.values()) {
          line(List.of(node.word, value.word), value, depth, covered);
        }
      } else if (Layout.NAMED.contains(node.word)) {
        String second = Layout.COMPOUND.get(node.word);
        for (ConfigTree.Node name : node.children.values()) {
          ConfigTree.Node keyword = second == null ? null : name.child(second);
          if (keyword != null && name.children.size() == 1 && !keyword.isLeaf()) {
            for (ConfigTree.Node secondName : keyword.children.values()) {
              line(
                  List.of(node.word, name.word, second, secondName.word),
                  secondName,
                  depth,
                  covered);
            }
          } else {
            line(List.of(node.word, name.word), name, depth, covered);
          }
        }
      } else {
        line(List.of(node.word), node, depth, covered);
      }
    }

    private static boolean isSinglePath(ConfigTree.Node node) {
      for (ConfigTree.Node at = node; !at.isLeaf(); at = at.children.values().iterator().next()) {
        if (at.children.size() != 1) {
          return false;
        }
      }
      return true;
    }

    /** One line made of {@code words}, ending at {@code last}: a leaf, a leaf value or a block. */
    private void line(List<String> words, ConfigTree.Node last, int depth, boolean covered) {
      boolean inactive = !covered && allInactive(last);
      out.append(INDENT.repeat(depth));
      if (inactive) {
        out.append("inactive: ");
      }
      for (int i = 0; i < words.size(); i++) {
        String word = words.get(i);
        if (i > 0) {
          out.append(' ');
        }
        boolean readAsCommand = depth == 0 && i == 0 && ConfigParser.COMMANDS.contains(word);
        out.append(readAsCommand ? "\"" + word + "\"" : quote(word));
      }
      if (last.isLeaf()) {
        out.append(";\n");
      } else if (words.size() > 1
          && last.children.size() == 1
          && last.children.values().iterator().next().isLeaf()) {
        out.append(' ').append(quote(last.children.values().iterator().next().word)).append(";\n");
      } else {
        out.append(" {\n");
        for (ConfigTree.Node child : last.children.values()) {
          node(child, depth + 1, covered || inactive);
        }
        out.append(INDENT.repeat(depth)).append("}\n");
      }
    }

    String displaySet() {
      List<String> path = new ArrayList<>();
      for (ConfigTree.Node child : tree.root.children.values()) {
        setLines(child, path, false);
      }
      return out.toString();
    }

    private void setLines(ConfigTree.Node node, List<String> path, boolean covered) {
      path.add(node.word);
      boolean inactive = !covered && allInactive(node);
      if (node.isLeaf()) {
        out.append("set ").append(joined(path)).append('\n');
      } else {
        for (ConfigTree.Node child : node.children.values()) {
          setLines(child, path, covered || inactive);
        }
      }
      if (inactive) {
        out.append("deactivate ").append(joined(path)).append('\n');
      }
      path.removeLast();
    }

    private static String joined(List<String> words) {
      StringBuilder text = new StringBuilder();
      for (String word : words) {
        if (!text.isEmpty()) {
          text.append(' ');
        }
        text.append(quote(word));
      }
      return text.toString();
    }

    private boolean allInactive(ConfigTree.Node node) {
      Boolean known = allInactive.get(node);
      if (known != null) {
        return known;
      }
      boolean result =
          node.isLeaf()
              ? node.inactive
              : node.children.values().stream().allMatch(this::allInactive);
      allInactive.put(node, result);
      return result;
    }
  }
}
