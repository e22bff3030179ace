package org.flowgate.config.compile;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.flowgate.config.compile.JunosConfiguration.AddressBook;
import org.flowgate.config.compile.JunosConfiguration.Reference;
import org.flowgate.config.compile.JunosConfiguration.SecurityZone;
import org.flowgate.dataplane.application.PredefinedApplications;
import org.flowgate.dataplane.net.IpPrefix;

/**
 * How names in policies resolve, shared by the validate and build passes.
 *
 * <p>Addresses: {@code any}, {@code any-ipv4}, {@code any-ipv6}; then, for a zone-pair policy, the
 * zone's own address book ({@code security zones security-zone Z address-book}), the named books
 * attached to the zone ({@code security address-book B attach zone Z}), and last the global book
 * (the zone's books win: Junos looks in the zone's book first). A global policy sees the global
 * book only. An address set holds addresses and sets of its own book.
 *
 * <p>NAT rules ({@code source-address-name}, {@code destination-address-name}, static NAT's {@code
 * prefix-name}) see the global book only, as global policies do.
 *
 * <p>Applications: configured applications and sets, then the predefined {@code junos-*} ones.
 */
final class NameResolver {
  static final IpPrefix ANY_IPV4 = IpPrefix.parse("0.0.0.0/0");
  static final IpPrefix ANY_IPV6 = IpPrefix.parse("::/0");

  /** The zone every SRX has for the device itself; policies may name it without defining it. */
  static final String JUNOS_HOST = org.flowgate.dataplane.zone.Zone.JUNOS_HOST;

  /** The name NAT statements give the master routing instance ({@code inet.0}). */
  static final String DEFAULT_INSTANCE = "default";

  private final JunosConfiguration config;

  NameResolver(JunosConfiguration config) {
    this.config = config;
  }

  /** The books a name is looked up in for a zone (null: a global policy), in lookup order. */
  List<AddressBook> booksFor(String zone) {
    List<AddressBook> books = new ArrayList<>();
    if (zone != null) {
      SecurityZone own = config.zones.get(zone);
      if (own != null) {
        books.add(own.addressBook);
      }
      for (AddressBook book : config.addressBooks.values()) {
        if (book.attachedZones.stream().anyMatch(r -> r.name().equals(zone))) {
          books.add(book);
        }
      }
    }
    AddressBook global = config.addressBooks.get("global");
    if (global != null) {
      books.add(global);
    }
    return books;
  }

  /**
   * The prefixes an address name stands for as seen from a zone; an empty list for {@code any};
   * null when the name is defined in none of the zone's books.
   */
  List<IpPrefix> address(String name, String zone) {
    switch (name) {
      case "any" -> {
        return List.of();
      }
      case "any-ipv4" -> {
        return List.of(ANY_IPV4);
      }
      case "any-ipv6" -> {
        return List.of(ANY_IPV6);
      }
      default -> {}
    }
    for (AddressBook book : booksFor(zone)) {
      if (book.defines(name)) {
        List<IpPrefix> out = new ArrayList<>();
        expand(book, name, out, new HashSet<>());
        return out;
      }
    }
    return null;
  }

  private static void expand(AddressBook book, String name, List<IpPrefix> out, Set<String> seen) {
    if (!seen.add(name)) {
      return;
    }
    List<IpPrefix> prefixes = book.addresses.get(name);
    if (prefixes != null) {
      out.addAll(prefixes);
      return;
    }
    for (Reference member : book.addressSets.getOrDefault(name, List.of())) {
      expand(book, member.name(), out, seen);
    }
  }

  /**
   * True for {@code default}, which NAT's {@code routing-instance} uses for the master instance.
   */
  static boolean isDefaultInstance(String name) {
    return name.equals(DEFAULT_INSTANCE);
  }

  /** True when a zone name is defined (or is the built-in {@code junos-host}). */
  boolean isZone(String name) {
    return config.zones.containsKey(name) || name.equals(JUNOS_HOST);
  }

  /**
   * A {@code junos-*} name that Junos predefines but Flowgate's table lacks: the prefix is reserved
   * for predefined applications, so such a name is not a mistake in the configuration.
   */
  boolean isUnmodelledPredefined(String name) {
    return name.startsWith("junos-") && !isConfiguredOrKnown(name);
  }

  private boolean isConfiguredOrKnown(String name) {
    return config.applications.containsKey(name)
        || config.applicationSets.containsKey(name)
        || PredefinedApplications.all().containsKey(name)
        || PredefinedApplications.SETS.containsKey(name);
  }

  /** True when an application or application-set name is known (configured or predefined). */
  boolean isApplication(String name) {
    return isConfiguredOrKnown(name) || isUnmodelledPredefined(name);
  }

  /**
   * The applications a name stands for, sets expanded, in order and without repeats; {@code any}
   * (alone or inside a set) stays {@code any}.
   */
  List<String> applications(String name) {
    Set<String> out = new LinkedHashSet<>();
    expandApplication(name, out, new HashSet<>());
    return List.copyOf(out);
  }

  private void expandApplication(String name, Set<String> out, Set<String> seen) {
    if (!seen.add(name)) {
      return;
    }
    JunosConfiguration.ApplicationSet set = config.applicationSets.get(name);
    if (set != null && !config.applications.containsKey(name)) {
      for (Reference member : set.members()) {
        expandApplication(member.name(), out, seen);
      }
      return;
    }
    List<String> predefinedSet = PredefinedApplications.SETS.get(name);
    if (predefinedSet != null) {
      out.addAll(predefinedSet);
      return;
    }
    out.add(name);
  }
}
