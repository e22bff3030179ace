package org.flowgate.config.edit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.flowgate.config.text.ConfigParser;
import org.flowgate.config.text.ConfigPrinter;
import org.flowgate.config.text.ConfigStatement;
import org.flowgate.config.text.Diagnostics;
import org.flowgate.config.text.ParsedConfig;
import org.flowgate.config.text.SourceLocation;

/**
 * A configuration being edited: the statements as written (groups not expanded, {@code inactive}
 * marks kept), changed by {@code set}, {@code delete}, {@code activate}, {@code deactivate} and the
 * {@code load} commands, in the order Junos keeps them (a new statement goes after its siblings).
 *
 * <p>Junos knows from its schema which leaves hold one value ({@code host-name a} then {@code
 * host-name b} leaves {@code b}) and which hold many ({@code application a} then {@code application
 * b} keeps both). Until Flowgate has that schema, {@link #SINGLE_VALUED} names the single-valued
 * keywords and {@link #CHOICES} the keywords that exclude one another ({@code then permit | deny |
 * reject}); every other leaf accumulates, which is what the text parser does.
 *
 * <p>Thread: not thread-safe; owned by whoever holds the configuration database's lock.
 */
public final class CandidateConfiguration {
  /** Keywords that take one value: a {@code set} replaces the value already there. */
  public static final Set<String> SINGLE_VALUED =
      Set.of(
          "host-name",
          "domain-name",
          "building",
          "floor",
          "country-code",
          "class",
          "uid",
          "full-name",
          "encrypted-password",
          "description",
          "inactivity-timeout",
          "idle-timeout",
          "protocol",
          "instance-type",
          "mode",
          "format",
          "severity",
          "port",
          "session-timeout",
          "early-ageout",
          "high-watermark",
          "low-watermark",
          "vlan-id",
          "maximum-window",
          "tcp-initial-timeout",
          "source-port",
          "destination-port",
          "allow-commands",
          "deny-commands",
          "allow-configuration",
          "deny-configuration");

  /** Sets of sibling keywords of which a container holds at most one. */
  public static final List<Set<String>> CHOICES =
      List.of(Set.of("permit", "deny", "reject"), Set.of("permit-all", "deny-all"));

  private static final class Node {
    final String word;
    final Map<String, Node> children = new LinkedHashMap<>();
    boolean inactive;
    SourceLocation location;

    Node(String word, SourceLocation location) {
      this.word = word;
      this.location = location;
    }

    Node copy() {
      Node copy = new Node(word, location);
      copy.inactive = inactive;
      children.forEach((w, c) -> copy.children.put(w, c.copy()));
      return copy;
    }
  }

  private static final SourceLocation TERMINAL = new SourceLocation("terminal", 1, 1);

  private Node root = new Node(null, null);

  /** An empty configuration. */
  public CandidateConfiguration() {}

  /** A candidate holding {@code statements} (as {@link ParsedConfig#configured()} gives them). */
  public static CandidateConfiguration of(List<ConfigStatement> statements) {
    CandidateConfiguration candidate = new CandidateConfiguration();
    for (ConfigStatement statement : statements) {
      Node node = candidate.add(statement.words(), statement.location());
      if (statement.inactive()) {
        node.inactive = true;
      }
    }
    return candidate;
  }

  public CandidateConfiguration copy() {
    CandidateConfiguration copy = new CandidateConfiguration();
    copy.root = root.copy();
    return copy;
  }

  /** The statements as written, depth first in configured order. */
  public List<ConfigStatement> statements() {
    List<ConfigStatement> out = new ArrayList<>();
    List<String> path = new ArrayList<>();
    for (Node child : root.children.values()) {
      collect(child, path, false, out);
    }
    return out;
  }

  private static void collect(
      Node node, List<String> path, boolean inactiveAbove, List<ConfigStatement> out) {
    path.add(node.word);
    boolean inactive = inactiveAbove || node.inactive;
    if (node.children.isEmpty()) {
      out.add(
          new ConfigStatement(path, node.location == null ? TERMINAL : node.location, inactive));
    } else {
      for (Node child : node.children.values()) {
        collect(child, path, inactive, out);
      }
    }
    path.removeLast();
  }

  /** The hierarchical text, as {@code show} prints it. */
  public String text() {
    return ConfigPrinter.hierarchical(statements());
  }

  /** True when both lists hold the same words and marks in the same order (locations aside). */
  public static boolean same(List<ConfigStatement> a, List<ConfigStatement> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!a.get(i).words().equals(b.get(i).words())
          || a.get(i).inactive() != b.get(i).inactive()) {
        return false;
      }
    }
    return true;
  }

  /** True when {@code path} is configured (as a statement or a container). */
  public boolean contains(List<String> path) {
    return find(path) != null;
  }

  /**
   * {@code set PATH}: adds the statement, replacing the value of a single-valued keyword and the
   * other members of a choice.
   */
  public void set(List<String> words) {
    if (words.isEmpty()) {
      throw new IllegalArgumentException("set needs a statement");
    }
    if (words.size() >= 2 && SINGLE_VALUED.contains(words.get(words.size() - 2))) {
      Node keyword = find(words.subList(0, words.size() - 1));
      if (keyword != null
          && keyword.children.values().stream().allMatch(c -> c.children.isEmpty())) {
        keyword.children.keySet().removeIf(value -> !value.equals(words.getLast()));
      }
    }
    for (int i = 0; i < words.size(); i++) {
      String word = words.get(i);
      for (Set<String> choice : CHOICES) {
        if (choice.contains(word)) {
          Node parent = find(words.subList(0, i));
          if (parent != null) {
            parent.children.keySet().removeIf(w -> !w.equals(word) && choice.contains(w));
          }
        }
      }
    }
    add(words, TERMINAL);
  }

  private Node add(List<String> words, SourceLocation location) {
    Node node = root;
    for (String word : words) {
      Node next = node.children.get(word);
      if (next == null) {
        next = new Node(word, location);
        node.children.put(word, next);
      }
      node = next;
    }
    return node;
  }

  /**
   * {@code delete PATH}: removes the statement or container and all below it; a keyword of a
   * single-valued leaf removes its value with it. Parents left empty go too. False when nothing was
   * there (Junos: {@code warning: statement not found}).
   */
  public boolean delete(List<String> path) {
    if (path.isEmpty()) {
      boolean had = !root.children.isEmpty();
      root.children.clear();
      return had;
    }
    Node parent = find(path.subList(0, path.size() - 1));
    if (parent == null || parent.children.remove(path.getLast()) == null) {
      return false;
    }
    prune(path.subList(0, path.size() - 1));
    return true;
  }

  /** Removes containers left without children along {@code path}, deepest first. */
  private void prune(List<String> path) {
    for (int depth = path.size(); depth > 0; depth--) {
      Node node = find(path.subList(0, depth));
      if (node == null || !node.children.isEmpty()) {
        return;
      }
      Node parent = find(path.subList(0, depth - 1));
      parent.children.remove(path.get(depth - 1));
    }
  }

  /** {@code activate} / {@code deactivate PATH}; false when there is no such statement. */
  public boolean setInactive(List<String> path, boolean inactive) {
    Node node = find(path);
    if (node == null || node == root) {
      return false;
    }
    node.inactive = inactive;
    return true;
  }

  private Node find(List<String> path) {
    Node node = root;
    for (String word : path) {
      node = node.children.get(word);
      if (node == null) {
        return null;
      }
    }
    return node;
  }

  /** How {@code load} combines text with the candidate. */
  public enum LoadMode {
    /** Adds the loaded statements to the candidate. */
    MERGE,
    /** The loaded text becomes the whole candidate. */
    OVERRIDE,
    /** Containers tagged {@code replace:} replace what the candidate has there; the rest merges. */
    REPLACE,
    /** The text is {@code set}/{@code delete}/{@code activate}/{@code deactivate} commands. */
    SET
  }

  /**
   * {@code load MODE}: applies configuration text to the candidate. Problems are reported to {@code
   * diagnostics}; with any error the candidate is left as it was.
   *
   * @return true when the candidate was changed
   */
  public boolean load(LoadMode mode, String text, String source, Diagnostics diagnostics) {
    CandidateConfiguration next = copy();
    if (mode == LoadMode.SET) {
      int lineNumber = 0;
      for (String line : text.split("\n", -1)) {
        lineNumber++;
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
          continue;
        }
        SourceLocation at = new SourceLocation(source, lineNumber, 1);
        List<String> words;
        try {
          words = Words.split(trimmed);
        } catch (IllegalArgumentException e) {
          diagnostics.error(at, e.getMessage());
          continue;
        }
        String verb = words.getFirst();
        List<String> path = words.subList(1, words.size());
        switch (verb) {
          case "set" -> {
            if (path.isEmpty()) {
              diagnostics.error(at, "syntax error, expecting <statement>");
            } else {
              next.set(path);
            }
          }
          case "delete" -> {
            if (!next.delete(path)) {
              diagnostics.warning(at, "statement not found: " + String.join(" ", path));
            }
          }
          case "activate", "deactivate" -> {
            if (!next.setInactive(path, verb.equals("deactivate"))) {
              diagnostics.warning(at, "statement not found: " + String.join(" ", path));
            }
          }
          default ->
              diagnostics.error(
                  at, "syntax error, expecting set, delete, activate or deactivate: " + verb);
        }
      }
    } else {
      Diagnostics parse = new Diagnostics();
      ParsedConfig parsed = ConfigParser.parseConfig(text, source, parse);
      parse
          .all()
          .forEach(
              d -> {
                if (d.severity() == org.flowgate.config.text.Diagnostic.Severity.ERROR) {
                  diagnostics.error(d.location(), d.message());
                } else {
                  diagnostics.warning(d.location(), d.message());
                }
              });
      if (parse.hasErrors()) {
        return false;
      }
      if (mode == LoadMode.OVERRIDE) {
        next = of(parsed.configured());
      } else {
        if (mode == LoadMode.REPLACE) {
          for (List<String> path : ReplaceTags.paths(text)) {
            next.delete(path);
          }
        }
        for (ConfigStatement statement : parsed.configured()) {
          next.set(statement.words());
          if (statement.inactive()) {
            next.setInactive(statement.words(), true);
          }
        }
      }
    }
    if (diagnostics.hasErrors()) {
      return false;
    }
    boolean changed = !same(next.statements(), statements());
    root = next.root;
    return changed;
  }
}
