package org.flowgate.config.text;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The configuration as Junos holds it: a tree of words in which every path from the root to a node
 * with no children is one statement. Children keep the order in which they were first configured,
 * so listing the leaves depth first gives statements in {@code display set} order.
 *
 * <p>{@code inactive} is a mark on a node (as {@code deactivate} sets it); a statement is inactive
 * when any node on its path is marked.
 *
 * <p>Not thread-safe: owned by the thread that loads or prints the configuration.
 */
final class ConfigTree {
  /** One word of the tree. The root has no word. */
  static final class Node {
    final String word;
    final Map<String, Node> children = new LinkedHashMap<>();

    /**
     * Where the statement that created this node was written (a flattened statement's location).
     */
    SourceLocation location;

    /** Where this very word was first written: what a syntax error about the word points at. */
    SourceLocation wordLocation;

    boolean inactive;

    /** 0 for a configured node; for one a group added, the number of that group application. */
    int application;

    Node(String word, SourceLocation location) {
      this.word = word;
      this.location = location;
      this.wordLocation = location;
    }

    boolean isLeaf() {
      return children.isEmpty();
    }

    Node child(String childWord) {
      return children.get(childWord);
    }

    Node copy() {
      Node copy = new Node(word, location);
      copy.wordLocation = wordLocation;
      copy.inactive = inactive;
      copy.application = application;
      for (Node child : children.values()) {
        copy.children.put(child.word, child.copy());
      }
      return copy;
    }
  }

  final Node root = new Node(null, null);

  /** A tree holding {@code statements}, each inactive one marked on its last word. */
  static ConfigTree of(List<ConfigStatement> statements) {
    ConfigTree tree = new ConfigTree();
    for (ConfigStatement statement : statements) {
      tree.set(statement.words(), statement.location(), statement.inactive());
    }
    return tree;
  }

  ConfigTree copy() {
    ConfigTree copy = new ConfigTree();
    for (Node child : root.children.values()) {
      copy.root.children.put(child.word, child.copy());
    }
    return copy;
  }

  /**
   * Adds {@code path}, creating missing nodes at {@code location}; marks its last node inactive
   * when asked (setting an existing path never activates it, as in Junos).
   */
  Node set(List<String> path, SourceLocation location, boolean inactive) {
    return set(path, List.of(), location, inactive);
  }

  /**
   * As {@link #set(List, SourceLocation, boolean)}, giving each new node the location of its own
   * word from {@code wordLocations} (parallel to {@code path}; words beyond it get {@code
   * location}).
   */
  Node set(
      List<String> path,
      List<SourceLocation> wordLocations,
      SourceLocation location,
      boolean inactive) {
    Node node = root;
    for (int i = 0; i < path.size(); i++) {
      String word = path.get(i);
      Node next = node.children.get(word);
      if (next == null) {
        next = new Node(word, location);
        if (i < wordLocations.size()) {
          next.wordLocation = wordLocations.get(i);
        }
        node.children.put(word, next);
      }
      node = next;
    }
    if (inactive) {
      node.inactive = true;
    }
    return node;
  }

  /** The node at {@code path}, or null. */
  Node find(List<String> path) {
    Node node = root;
    for (String word : path) {
      node = node.children.get(word);
      if (node == null) {
        return null;
      }
    }
    return node;
  }

  /** Removes {@code path} and everything below it; false when there is no such path. */
  boolean delete(List<String> path) {
    if (path.isEmpty()) {
      return false;
    }
    Node parent = find(path.subList(0, path.size() - 1));
    return parent != null && parent.children.remove(path.getLast()) != null;
  }

  /** Marks or clears the inactive mark of {@code path}; false when there is no such path. */
  boolean setInactive(List<String> path, boolean inactive) {
    Node node = find(path);
    if (node == null || node == root) {
      return false;
    }
    node.inactive = inactive;
    return true;
  }

  /** Every statement, depth first in configured order. */
  List<ConfigStatement> statements() {
    List<ConfigStatement> statements = new ArrayList<>();
    List<String> path = new ArrayList<>();
    for (Node child : root.children.values()) {
      collect(child, path, false, statements);
    }
    return statements;
  }

  private static void collect(
      Node node, List<String> path, boolean inactiveAbove, List<ConfigStatement> out) {
    path.add(node.word);
    boolean inactive = inactiveAbove || node.inactive;
    if (node.isLeaf()) {
      out.add(new ConfigStatement(path, node.location, inactive));
    } else {
      for (Node child : node.children.values()) {
        collect(child, path, inactive, out);
      }
    }
    path.removeLast();
  }
}
