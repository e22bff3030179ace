package org.flowgate.dataplane.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.flowgate.dataplane.appid.ApplicationCatalog;

/**
 * A policy's {@code match dynamic-application} (unified policies, Junos 18.2+; docs/adr/0033).
 *
 * <pre>
 *   NONE    no dynamic-application, or {@code none}: a traditional policy, decided by its 5-tuple
 *           and application alone, whatever identification says
 *   ANY     {@code any}: every result matches (junos:UNKNOWN and INCONCLUSIVE too), so it never
 *           waits for identification either
 *   LISTED  names and groups: matches when the session's application or its nested application
 *           is one of them; a policy that must wait for identification to know
 * </pre>
 *
 * A group ({@code junos:web}, {@code junos:infrastructure:dns}) is every application of the catalog
 * whose category is that group or lies under it ({@code web:social-networking} is in {@code
 * junos:web}), as {@code show services application-identification statistics application-groups}
 * counts them. Names are resolved to catalog ids once, when the generation is built: {@link #ids}
 * is a bitset over the ids, so a match is two array reads.
 *
 * @param kind which of the three
 * @param names the names as configured (for the views), empty for NONE and ANY
 * @param ids bitset over catalog ids (word = id >>> 6), empty unless LISTED
 */
public record DynamicApplicationMatch(Kind kind, List<String> names, long[] ids) {
  /** The three forms of the statement. */
  public enum Kind {
    NONE,
    ANY,
    LISTED
  }

  /** Junos's prefix of predefined applications and groups. */
  static final String JUNOS = "junos:";

  public static final DynamicApplicationMatch NONE =
      new DynamicApplicationMatch(Kind.NONE, List.of(), new long[0]);

  public static final DynamicApplicationMatch ANY =
      new DynamicApplicationMatch(Kind.ANY, List.of(), new long[0]);

  public DynamicApplicationMatch {
    names = List.copyOf(names);
  }

  /** True when the policy's decision depends on what identification says. */
  public boolean dependsOnApplication() {
    return kind == Kind.LISTED;
  }

  /**
   * True when a session identified as {@code application} (nested {@code nestedApplication}, or
   * {@link ApplicationCatalog#UNKNOWN} when none) matches. Allocates nothing.
   */
  public boolean matches(int application, int nestedApplication) {
    if (kind != Kind.LISTED) {
      return true;
    }
    return has(application)
        || (nestedApplication != ApplicationCatalog.UNKNOWN && has(nestedApplication));
  }

  private boolean has(int id) {
    int word = id >>> 6;
    return word < ids.length && (ids[word] & 1L << id) != 0;
  }

  /**
   * Resolves configured names against {@code catalog}: {@code any}, {@code none}, applications (any
   * case, as Junos names them) and groups. Throws IllegalArgumentException naming the first name
   * that is neither (the compiler reports it at its statement first; see {@link #unknownName}).
   */
  public static DynamicApplicationMatch resolve(
      List<String> configured, ApplicationCatalog catalog) {
    return resolve(configured, catalog, ApplicationGroups.NONE);
  }

  /**
   * As {@link #resolve(List, ApplicationCatalog)}, a name may also be a user-defined {@code
   * application-group} of {@code groups}: every application it stands for (docs/adr/0044).
   */
  public static DynamicApplicationMatch resolve(
      List<String> configured, ApplicationCatalog catalog, ApplicationGroups groups) {
    if (configured.isEmpty()) {
      return NONE;
    }
    for (String name : configured) {
      if (name.equals("any")) {
        return ANY;
      }
    }
    if (configured.stream().allMatch("none"::equals)) {
      return NONE;
    }
    long[] ids = new long[(catalog.size() + 63) >>> 6];
    List<String> names = new ArrayList<>();
    for (String name : configured) {
      if (name.equals("none")) {
        continue;
      }
      List<Integer> members = members(name, catalog, groups);
      if (members.isEmpty() && groups.group(name) == null) {
        throw new IllegalArgumentException("dynamic-application " + name + " is not defined");
      }
      for (int id : members) {
        ids[id >>> 6] |= 1L << id;
      }
      names.add(name);
    }
    return new DynamicApplicationMatch(Kind.LISTED, names, ids);
  }

  /** The first configured name the catalog has neither as application nor as group, or null. */
  public static String unknownName(List<String> configured, ApplicationCatalog catalog) {
    return unknownName(configured, catalog, ApplicationGroups.NONE);
  }

  /** As {@link #unknownName(List, ApplicationCatalog)}, user-defined groups counting as names. */
  public static String unknownName(
      List<String> configured, ApplicationCatalog catalog, ApplicationGroups groups) {
    for (String name : configured) {
      if (!name.equals("any")
          && !name.equals("none")
          && groups.group(name) == null
          && members(name, catalog, groups).isEmpty()) {
        return name;
      }
    }
    return null;
  }

  /**
   * The catalog ids {@code name} stands for: a user-defined group's applications (docs/adr/0044),
   * the application itself (its Junos name in any case; junos:UNKNOWN too, which Junos lets a
   * policy match), or every application of a predefined group; empty when it is none of them.
   * Pending and INCONCLUSIVE are results, not applications to match.
   */
  static List<Integer> members(String name, ApplicationCatalog catalog, ApplicationGroups groups) {
    List<Integer> user = groups.members(name, catalog);
    if (user != null) {
      return user;
    }
    List<Integer> application = application(name, catalog);
    return application.isEmpty() ? predefined(name, catalog) : application;
  }

  /** The id of application {@code name} (any case) as a one-element list, or an empty list. */
  static List<Integer> application(String name, ApplicationCatalog catalog) {
    String upper = name.toUpperCase(Locale.ROOT);
    for (int id = ApplicationCatalog.UNKNOWN; id < catalog.size(); id++) {
      if (id == ApplicationCatalog.INCONCLUSIVE) {
        continue;
      }
      if (catalog.name(id).toUpperCase(Locale.ROOT).equals(upper)) {
        return List.of(id);
      }
    }
    return List.of();
  }

  /**
   * The ids of predefined group {@code junos:G}: every predefined application whose category is G
   * or lies under it; empty when {@code name} is no such group.
   */
  public static List<Integer> predefined(String name, ApplicationCatalog catalog) {
    List<Integer> members = new ArrayList<>();
    if (!name.startsWith(JUNOS) || name.length() == JUNOS.length()) {
      return members;
    }
    String group = name.substring(JUNOS.length()).toLowerCase(Locale.ROOT);
    for (int id = ApplicationCatalog.INCONCLUSIVE + 1; id < catalog.size(); id++) {
      String category = catalog.category(id);
      if (category == null || catalog.isCustom(id)) {
        continue;
      }
      String lower = category.toLowerCase(Locale.ROOT);
      if (lower.equals(group) || lower.startsWith(group + ":")) {
        members.add(id);
      }
    }
    return members;
  }

  @Override
  public String toString() {
    return switch (kind) {
      case NONE -> "none";
      case ANY -> "any";
      case LISTED -> String.join(" ", names);
    };
  }
}
