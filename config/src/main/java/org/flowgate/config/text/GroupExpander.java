package org.flowgate.config.text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Expands configuration groups: the Junos inheritance of {@code groups NAME ...} templates through
 * {@code apply-groups}.
 *
 * <p>{@code apply-groups [ A B ]} at the hierarchy level PATH (the root included) inherits, into
 * the configuration at PATH, each group's statements under PATH. A word of a group written {@code
 * <pattern>} matches every existing configuration word at that place that fits the pattern ({@code
 * *} any characters, {@code ?} one, {@code [..]} a class), so {@code groups G { interfaces { <*> {
 * unit 0 { family inet; } } } }} applies to every configured interface.
 *
 * <p>Precedence follows Junos: what is configured wins over what is inherited, groups applied at a
 * deeper level win over those applied above, and among the groups of one {@code apply-groups} the
 * first listed wins. Without a schema, "wins" is decided by shape: a group's leaf value is not
 * inherited where the same keyword already has exactly one value that did not come from this same
 * group (so a configured {@code host-name a}, or one from a group applied deeper or listed earlier,
 * keeps a group's {@code host-name b} out); everything else is merged, so a keyword with several
 * values (addresses, {@code system-services}) is not protected this way. {@code apply-groups-except
 * NAME} at a level stops NAME from being inherited there and below. An {@code apply-groups} naming
 * no defined group is an ERROR at its location; an inactive {@code apply-groups} or group is not
 * applied.
 *
 * <p>A group may itself apply groups ({@code apply-groups} inside {@code groups G}); those are
 * inherited into G first. A loop of groups applying each other is an ERROR at the {@code
 * apply-groups} that closes it. Groups may add at most {@link #MAX_INHERITED_NODES} nodes to a
 * configuration; beyond that expansion stops with an ERROR.
 *
 * <p>Inherited statements keep the location of their line in the group. The expanded tree has no
 * {@code groups} subtree and no {@code apply-groups} or {@code apply-groups-except} statements.
 *
 * <p>Thread: one instance per expansion, owned by the thread that loads the configuration.
 */
final class GroupExpander {
  static final String GROUPS = "groups";
  static final String APPLY_GROUPS = "apply-groups";
  static final String APPLY_GROUPS_EXCEPT = "apply-groups-except";

  private final ConfigTree.Node groups;
  private final Diagnostics diagnostics;
  private int application;

  /**
   * The most nodes groups may add to one configuration: far above a real device's (a few thousand
   * statements), low enough that wildcards applied everywhere cannot exhaust memory.
   */
  static final int MAX_INHERITED_NODES = 1_000_000;

  private int inherited;
  private boolean tooMany;

  private GroupExpander(ConfigTree.Node groups, Diagnostics diagnostics) {
    this.groups = groups;
    this.diagnostics = diagnostics;
  }

  /** A new tree: {@code configured} with its groups inherited; {@code configured} is unchanged. */
  static ConfigTree expand(ConfigTree configured, Diagnostics diagnostics) {
    ConfigTree expanded = configured.copy();
    ConfigTree.Node groups = expanded.root.children.remove(GROUPS);
    GroupExpander expander = new GroupExpander(groups, diagnostics);
    if (groups != null) {
      expander.expandNestedGroups();
    }
    expander.visit(expanded.root, new ArrayList<>());
    removeApplyStatements(expanded.root);
    return expanded;
  }

  /** One {@code apply-groups NAME} inside a group: the list node and the name's node. */
  private record Application(ConfigTree.Node list, ConfigTree.Node name) {}

  /**
   * Groups that apply other groups ({@code apply-groups} inside {@code groups G}, at any level)
   * inherit them first, each group after the groups it applies. A group that applies itself,
   * directly or through others, is an ERROR naming the loop at the {@code apply-groups} that closes
   * it, and that application is dropped; so is one naming an undefined group. Iterative, so a long
   * chain of groups cannot overflow the stack.
   */
  private void expandNestedGroups() {
    Map<String, List<Application>> applied = new LinkedHashMap<>();
    for (ConfigTree.Node group : groups.children.values()) {
      applied.put(group.word, groups.inactive ? List.of() : applicationsIn(group));
    }
    Map<String, Integer> state = new HashMap<>(); // absent: new, 1: being expanded, 2: done
    List<String> order = new ArrayList<>();
    List<String> stack = new ArrayList<>();
    List<Integer> next = new ArrayList<>();
    for (String start : applied.keySet()) {
      if (state.containsKey(start)) {
        continue;
      }
      stack.add(start);
      next.add(0);
      state.put(start, 1);
      while (!stack.isEmpty()) {
        String current = stack.getLast();
        List<Application> applications = applied.get(current);
        int index = next.getLast();
        if (index == applications.size()) {
          stack.removeLast();
          next.removeLast();
          state.put(current, 2);
          order.add(current);
          continue;
        }
        next.set(next.size() - 1, index + 1);
        Application application = applications.get(index);
        String target = application.name().word;
        if (!applied.containsKey(target)) {
          diagnostics.error(
              application.name().wordLocation,
              "undefined group '" + target + "' (applied in group '" + current + "')");
          application.list().children.remove(target);
        } else if (state.get(target) == null) {
          stack.add(target);
          next.add(0);
          state.put(target, 1);
        } else if (state.get(target) == 1) {
          List<String> loop = new ArrayList<>(stack.subList(stack.indexOf(target), stack.size()));
          loop.add(target);
          diagnostics.error(
              application.name().wordLocation,
              "apply-groups loop: group " + String.join(" applies ", loop));
          application.list().children.remove(target);
        }
      }
    }
    for (String name : order) {
      ConfigTree.Node group = groups.child(name);
      if (!groups.inactive && !group.inactive) {
        visit(group, new ArrayList<>());
      }
    }
  }

  /** Every active {@code apply-groups} name inside {@code group}, in order (iterative walk). */
  private static List<Application> applicationsIn(ConfigTree.Node group) {
    List<Application> found = new ArrayList<>();
    List<ConfigTree.Node> pending = new ArrayList<>();
    pending.add(group);
    while (!pending.isEmpty()) {
      ConfigTree.Node node = pending.removeLast();
      if (node.inactive) {
        continue; // an inactive subtree applies nothing
      }
      ConfigTree.Node list = node.child(APPLY_GROUPS);
      if (list != null && !list.inactive) {
        for (ConfigTree.Node name : list.children.values()) {
          if (!name.inactive) {
            found.add(new Application(list, name));
          }
        }
      }
      for (ConfigTree.Node child : node.children.values()) {
        if (!isApplyStatement(child.word)) {
          pending.add(child);
        }
      }
    }
    return found;
  }

  /** Depth first, children before their parent, so deeper apply-groups are applied first. */
  private void visit(ConfigTree.Node node, List<String> path) {
    for (ConfigTree.Node child : List.copyOf(node.children.values())) {
      // An inactive subtree is not part of the configuration: groups applied inside it are not
      // applied (nor checked), as if it were absent.
      if (isApplyStatement(child.word) || child.inactive) {
        continue;
      }
      path.add(child.word);
      visit(child, path);
      path.removeLast();
    }
    ConfigTree.Node apply = node.child(APPLY_GROUPS);
    if (apply == null || apply.inactive || tooMany) {
      return;
    }
    for (ConfigTree.Node name : List.copyOf(apply.children.values())) {
      if (name.inactive) {
        continue;
      }
      ConfigTree.Node group = groups == null ? null : groups.child(name.word);
      if (group == null) {
        diagnostics.error(name.location, "undefined group '" + name.word + "'");
        continue;
      }
      if (group.inactive || groups.inactive) {
        continue; // an inactive group (or all of them, "inactive: groups") is not applied
      }
      application++;
      for (ConfigTree.Node template : templatesAt(group, path)) {
        merge(template, node, name.word, path.isEmpty());
      }
      if (tooMany) {
        diagnostics.error(
            name.wordLocation,
            "groups inherit more than "
                + MAX_INHERITED_NODES
                + " statements (group '"
                + name.word
                + "' was applied here when the limit was reached)");
        return;
      }
    }
  }

  /** The nodes of {@code group} at {@code path}, following wildcard words as well as exact ones. */
  private static List<ConfigTree.Node> templatesAt(ConfigTree.Node group, List<String> path) {
    List<ConfigTree.Node> current = List.of(group);
    for (String word : path) {
      List<ConfigTree.Node> deeper = new ArrayList<>();
      for (ConfigTree.Node node : current) {
        for (ConfigTree.Node child : node.children.values()) {
          if (child.word.equals(word) || (isWildcard(child.word) && matches(child.word, word))) {
            deeper.add(child);
          }
        }
      }
      current = deeper;
    }
    return current;
  }

  /**
   * Inherits the children of {@code template} into {@code target}; {@code top} when target is the
   * top of the configuration (or of a group), where a group's own {@code groups} (which Junos does
   * not allow in a group) is never inherited.
   */
  private void merge(
      ConfigTree.Node template, ConfigTree.Node target, String groupName, boolean top) {
    if (tooMany) {
      return;
    }
    for (ConfigTree.Node source : template.children.values()) {
      if (isApplyStatement(source.word) || (top && source.word.equals(GROUPS))) {
        continue;
      }
      if (isWildcard(source.word)) {
        for (ConfigTree.Node existing : List.copyOf(target.children.values())) {
          if (!isApplyStatement(existing.word)
              && matches(source.word, existing.word)
              && !excludes(existing, groupName)) {
            merge(source, existing, groupName, false);
          }
        }
        continue;
      }
      ConfigTree.Node existing = target.child(source.word);
      if (existing == null) {
        if (source.isLeaf() && hasOwnSingleValue(target)) {
          continue; // the configured value wins
        }
        if (++inherited > MAX_INHERITED_NODES) {
          tooMany = true;
          return;
        }
        ConfigTree.Node added = new ConfigTree.Node(source.word, source.location);
        added.inactive = source.inactive;
        added.application = application;
        target.children.put(source.word, added);
        merge(source, added, groupName, false);
        if (added.isLeaf() && !source.isLeaf()) {
          target.children.remove(source.word); // only wildcards below, and they matched nothing
        }
      } else if (!excludes(existing, groupName)) {
        merge(source, existing, groupName, false);
      }
    }
  }

  private boolean hasOwnSingleValue(ConfigTree.Node keyword) {
    if (keyword.children.size() != 1) {
      return false;
    }
    ConfigTree.Node value = keyword.children.values().iterator().next();
    return value.isLeaf() && value.application != application;
  }

  private static boolean excludes(ConfigTree.Node node, String groupName) {
    ConfigTree.Node except = node.child(APPLY_GROUPS_EXCEPT);
    return except != null && !except.inactive && except.child(groupName) != null;
  }

  private static boolean isApplyStatement(String word) {
    return word.equals(APPLY_GROUPS) || word.equals(APPLY_GROUPS_EXCEPT);
  }

  static boolean isWildcard(String word) {
    return word.length() >= 2 && word.startsWith("<") && word.endsWith(">");
  }

  /** Whether {@code word} fits the wildcard {@code <pattern>}. */
  static boolean matches(String wildcard, String word) {
    String pattern = wildcard.substring(1, wildcard.length() - 1);
    StringBuilder regex = new StringBuilder();
    boolean inClass = false;
    for (char c : pattern.toCharArray()) {
      if (inClass) {
        if (c == ']') {
          inClass = false;
          regex.append(']');
        } else if (c == '\\' || c == '[' || c == '&') {
          regex.append('\\').append(c);
        } else {
          regex.append(c);
        }
        continue;
      }
      switch (c) {
        case '*' -> regex.append(".*");
        case '?' -> regex.append('.');
        case '[' -> {
          inClass = true;
          regex.append('[');
        }
        default -> regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    if (inClass) {
      return false; // an unclosed class matches nothing
    }
    return Pattern.matches(regex.toString(), word);
  }

  private static void removeApplyStatements(ConfigTree.Node node) {
    node.children.remove(APPLY_GROUPS);
    node.children.remove(APPLY_GROUPS_EXCEPT);
    for (ConfigTree.Node child : node.children.values()) {
      removeApplyStatements(child);
    }
  }
}
