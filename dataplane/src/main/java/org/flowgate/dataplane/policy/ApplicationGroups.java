package org.flowgate.dataplane.policy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.flowgate.dataplane.appid.ApplicationCatalog;

/**
 * User-defined application groups, {@code services application-identification application-group
 * NAME { applications NAME; application-groups NAME; }} (docs/adr/0044), in configuration order. A
 * group stands for every application it names and every application of the groups it names,
 * transitively; a member group is a user-defined group or a predefined one ({@code junos:web}, the
 * catalog's categories as {@link DynamicApplicationMatch} reads them).
 *
 * <pre>
 *   my-web ── applications      junos:HTTP, junos:SSL
 *          └─ application-groups my-mail ── applications junos:SMTP
 *                                junos:web:social-networking   (predefined: catalog categories)
 *   members(my-web) = {HTTP, SSL, SMTP} ∪ every application under web:social-networking
 * </pre>
 *
 * The configuration compiler refuses unknown members and cycles (at their statement), so {@link
 * #members} always ends; it still keeps a visited set, so a group reached twice is counted once.
 * Immutable; any thread.
 *
 * @param groups the definitions by name, in configuration order
 */
public record ApplicationGroups(Map<String, Group> groups) {
  /** No user-defined groups. */
  public static final ApplicationGroups NONE = new ApplicationGroups(Map.of());

  /**
   * One {@code application-group}.
   *
   * @param name the group's name (1..63 characters, Juniper's YANG)
   * @param applications its {@code applications}, as written
   * @param childGroups its {@code application-groups}, as written
   */
  public record Group(String name, List<String> applications, List<String> childGroups) {
    public Group {
      applications = List.copyOf(applications);
      childGroups = List.copyOf(childGroups);
    }
  }

  public ApplicationGroups {
    groups = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(groups));
  }

  /** The groups in configuration order. */
  public static ApplicationGroups of(List<Group> list) {
    Map<String, Group> byName = new LinkedHashMap<>();
    for (Group group : list) {
      byName.put(group.name(), group);
    }
    return new ApplicationGroups(byName);
  }

  /** The user-defined group called {@code name}, or null. */
  public Group group(String name) {
    return groups.get(name);
  }

  /** The user-defined groups that name {@code name} among their {@code application-groups}. */
  public List<String> parents(String name) {
    List<String> parents = new ArrayList<>();
    for (Group group : groups.values()) {
      if (group.childGroups().contains(name)) {
        parents.add(group.name());
      }
    }
    return parents;
  }

  /**
   * The catalog ids of every application user-defined group {@code name} stands for, or null when
   * no user-defined group has that name. An application name the catalog lacks adds nothing (the
   * compiler has refused it already).
   */
  public List<Integer> members(String name, ApplicationCatalog catalog) {
    if (!groups.containsKey(name)) {
      return null;
    }
    Set<Integer> ids = new java.util.TreeSet<>();
    collect(name, catalog, ids, new HashSet<>());
    return List.copyOf(ids);
  }

  private void collect(
      String name, ApplicationCatalog catalog, Set<Integer> ids, Set<String> seen) {
    if (!seen.add(name)) {
      return;
    }
    Group group = groups.get(name);
    if (group == null) {
      ids.addAll(DynamicApplicationMatch.predefined(name, catalog));
      return;
    }
    for (String application : group.applications()) {
      ids.addAll(DynamicApplicationMatch.application(application, catalog));
    }
    for (String child : group.childGroups()) {
      collect(child, catalog, ids, seen);
    }
  }

  /**
   * A cycle through {@code name}'s {@code application-groups}: the groups from {@code name} back to
   * it ({@code [a, b, a]}), or an empty list when there is none.
   */
  public List<String> cycleFrom(String name) {
    List<String> path = new ArrayList<>();
    path.add(name);
    return cycle(name, name, path, new HashSet<>()) ? path : List.of();
  }

  private boolean cycle(String start, String at, List<String> path, Set<String> seen) {
    Group group = groups.get(at);
    if (group == null || !seen.add(at)) {
      return false;
    }
    for (String child : group.childGroups()) {
      path.add(child);
      if (child.equals(start) || cycle(start, child, path, seen)) {
        return true;
      }
      path.removeLast();
    }
    return false;
  }

  /** The longest chain of {@code application-groups} below {@code name} (0: names no group). */
  public int depth(String name) {
    return depth(name, new HashSet<>());
  }

  private int depth(String name, Set<String> onPath) {
    Group group = groups.get(name);
    if (group == null || !onPath.add(name)) {
      return 0;
    }
    int deepest = 0;
    for (String child : group.childGroups()) {
      deepest = Math.max(deepest, 1 + depth(child, onPath));
    }
    onPath.remove(name);
    return deepest;
  }
}
