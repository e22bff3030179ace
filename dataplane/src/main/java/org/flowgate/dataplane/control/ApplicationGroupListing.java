package org.flowgate.dataplane.control;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.flowgate.dataplane.appid.ApplicationCatalog;
import org.flowgate.dataplane.policy.ApplicationGroups;
import org.flowgate.dataplane.runtime.RuntimeConfig;

/**
 * The application groups of a generation as {@code show services application-identification group}
 * lists them (docs/adr/0044): the predefined groups its catalog's categories make, then the
 * user-defined ones. Stateless; any thread.
 */
public final class ApplicationGroupListing {
  private ApplicationGroupListing() {}

  /**
   * One application group as the group views show it.
   *
   * @param name {@code junos:web}, {@code my-web}
   * @param id predefined groups numbered from 1 in name order, user-defined ones after them in
   *     configuration order (Flowgate's numbering; Junos's ids come with its signature package)
   * @param custom true for a user-defined group
   * @param applications the applications it names itself (for a predefined group, those whose
   *     category is exactly it)
   * @param childGroups the groups it names ({@code application-groups}; a predefined group's
   *     sub-categories)
   * @param parentGroups the groups that name it
   */
  public record Group(
      String name,
      int id,
      boolean custom,
      List<String> applications,
      List<String> childGroups,
      List<String> parentGroups) {
    public Group {
      applications = List.copyOf(applications);
      childGroups = List.copyOf(childGroups);
      parentGroups = List.copyOf(parentGroups);
    }
  }

  /**
   * Every application group of a generation: the predefined groups its catalog's categories make
   * (every level: {@code web:social-networking} makes {@code junos:web} and {@code
   * junos:web:social-networking}), then the user-defined ones.
   */
  public static List<Group> of(RuntimeConfig config) {
    return of(
        config.applicationIdentification().catalog(),
        config.applicationServices().applicationGroups());
  }

  /** The groups of {@code catalog} and {@code user}. */
  public static List<Group> of(ApplicationCatalog catalog, ApplicationGroups user) {
    TreeMap<String, List<String>> applications = new TreeMap<>();
    for (int id = ApplicationCatalog.INCONCLUSIVE + 1; id < catalog.size(); id++) {
      String category = catalog.category(id);
      if (category == null || category.isEmpty() || catalog.isCustom(id)) {
        continue;
      }
      String[] levels = category.split(":");
      StringBuilder prefix = new StringBuilder("junos");
      for (String level : levels) {
        prefix.append(':').append(level);
        applications.computeIfAbsent(prefix.toString(), k -> new ArrayList<>());
      }
      applications.get(prefix.toString()).add(catalog.name(id));
    }
    List<Group> groups = new ArrayList<>();
    int id = 1;
    for (var entry : applications.entrySet()) {
      String name = entry.getKey();
      List<String> children = new ArrayList<>();
      for (String other : applications.subMap(name + ":", name + ";").keySet()) {
        if (other.indexOf(':', name.length() + 1) < 0) {
          children.add(other);
        }
      }
      List<String> parents = new ArrayList<>();
      int colon = name.lastIndexOf(':');
      if (colon > "junos".length()) {
        parents.add(name.substring(0, colon));
      }
      parents.addAll(user.parents(name));
      groups.add(new Group(name, id++, false, entry.getValue(), children, parents));
    }
    for (ApplicationGroups.Group group : user.groups().values()) {
      groups.add(
          new Group(
              group.name(),
              id++,
              true,
              group.applications(),
              group.childGroups(),
              user.parents(group.name())));
    }
    return groups;
  }
}
