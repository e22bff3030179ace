package org.flowgate.config.compile;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.flowgate.config.compile.JunosConfiguration.NatKind;
import org.flowgate.config.compile.JunosConfiguration.NatPool;
import org.flowgate.config.compile.JunosConfiguration.NatRule;
import org.flowgate.config.compile.JunosConfiguration.NatRuleSet;
import org.flowgate.config.compile.JunosConfiguration.NatSide;
import org.flowgate.config.compile.JunosConfiguration.ProxyAddress;
import org.flowgate.config.compile.JunosConfiguration.Reference;
import org.flowgate.config.compile.Schema.Match;
import org.flowgate.config.text.Diagnostics;
import org.flowgate.config.text.SourceLocation;
import org.flowgate.dataplane.nat.NatAddressRange;
import org.flowgate.dataplane.nat.PortRange;
import org.flowgate.dataplane.net.IpAddress;
import org.flowgate.dataplane.net.IpPrefix;

/**
 * The read pass of {@code security nat}, for the rules of {@link ConfigReader#SCHEMA} that start
 * with it: each statement's words after the pool, rule set or proxy interface it belongs to.
 *
 * <pre>
 * security nat
 *   source       pool P { address (PREFIX | A to B); port (no-translation | range LOW [to HIGH]);
 *                         overflow-pool (interface | POOL); address-persistent; routing-instance R; }
 *                address-persistent;  pool-default-port-range LOW to HIGH;
 *                pool-default-twin-port-range LOW to HIGH;  port-randomization disable;
 *                rule-set RS { from KIND X; to KIND Y;
 *                              rule R { match { source-address P; source-address-name N;
 *                                               destination-address P; destination-address-name N;
 *                                               destination-port N [to M]; protocol X; }
 *                                       then source-nat (off | interface | pool P);
 *                                       then source-nat (interface | pool) persistent-nat {
 *                                           permit (any-remote-host | target-host
 *                                                   | target-host-port);
 *                                           address-mapping; inactivity-timeout S;
 *                                           max-session-number N; } } }
 *   destination  pool P { address A [port N] | address A to B; routing-instance R; }
 *                rule-set RS { from KIND X;
 *                              rule R { match { destination-address P | destination-address-name N;
 *                                               destination-port N [to M]; source-address[-name] ..;
 *                                               protocol X; }
 *                                       then destination-nat (off | pool P); } }
 *   static       rule-set RS { from KIND X;
 *                              rule R { match { destination-address P | destination-address-name N;
 *                                               destination-port N [to M]; source-address[-name] ..; }
 *                                       then static-nat (prefix P | prefix-name N)
 *                                                       [mapped-port N [to M]] [routing-instance R]; } }
 *   proxy-arp | proxy-ndp   interface IF address A [to B];
 *
 *   KIND = zone | interface | routing-instance
 * </pre>
 *
 * <p>Values are checked here (prefixes, ranges, ports, protocols); names (pools, zones, interfaces,
 * routing instances, address-book entries) are checked by {@link ConfigValidator}. Anything else
 * under {@code security nat} is a {@code statement not implemented} warning at its location.
 *
 * <p>Thread: one instance per compilation.
 */
final class NatReader {
  /** Words that follow {@code pool} in an action's own container rather than naming a pool. */
  private static final Set<String> POOL_OPTIONS = Set.of("rule-session-count-alarm");

  private final JunosConfiguration config;
  private final Diagnostics diagnostics;

  NatReader(JunosConfiguration config, Diagnostics diagnostics) {
    this.config = config;
    this.diagnostics = diagnostics;
  }

  // ------------------------------------------------------------------ global source options

  /** {@code security nat source pool-default-port-range LOW to HIGH}. */
  void defaultPortRange(Match m) {
    PortRange range =
        portRange(m, List.of(m.get("low"), "to", m.get("high")), "pool-default-port-range", null);
    if (range != null) {
      config.natDefaultPorts = range;
    }
  }

  /** {@code security nat source pool-default-twin-port-range LOW to HIGH}. */
  void defaultTwinPortRange(Match m) {
    PortRange range =
        portRange(
            m, List.of(m.get("low"), "to", m.get("high")), "pool-default-twin-port-range", null);
    if (range != null) {
      config.natDefaultTwinPorts = range;
    }
  }

  // ------------------------------------------------------------------ pools

  /** One statement below {@code security nat (source | destination) pool P}. */
  void pool(Match m, NatKind kind) {
    SourceLocation at = m.statement().location();
    NatPool pool = config.pools(kind).computeIfAbsent(m.get("pool"), n -> new NatPool(kind, n, at));
    List<String> rest = m.rest();
    if (rest.isEmpty() || (rest.size() == 2 && rest.getFirst().equals("description"))) {
      return;
    }
    String first = rest.getFirst();
    List<String> value = rest.subList(1, rest.size());
    boolean source = kind == NatKind.SOURCE;
    if (first.equals("address") && !value.isEmpty()) {
      if (source) {
        sourcePoolAddress(m, pool, value);
      } else {
        destinationPoolAddress(m, pool, value);
      }
    } else if (first.equals("routing-instance") && value.size() == 1) {
      pool.routingInstance = new Reference(value.getFirst(), at);
    } else if (source && first.equals("port") && !value.isEmpty()) {
      sourcePoolPort(m, pool, value);
    } else if (source && first.equals("overflow-pool") && value.size() == 1) {
      pool.overflow = new Reference(value.getFirst(), at);
    } else if (source && first.equals("address-persistent") && value.isEmpty()) {
      pool.addressPersistent = true;
    } else if (source && first.equals("host-address-base")) {
      notImplemented(m, "addresses are taken from the pool, not shifted");
    } else {
      notImplemented(m);
    }
  }

  /** {@code address PREFIX} or {@code address A to B}: one more range of a source pool. */
  private void sourcePoolAddress(Match m, NatPool pool, List<String> words) {
    NatAddressRange range = addressRange(m, words, pool.describe());
    if (range != null && !pool.addresses.contains(range)) {
      pool.addresses.add(range);
    }
  }

  /** {@code address A [port N]}, {@code address A to B}, or {@code address port N}. */
  private void destinationPoolAddress(Match m, NatPool pool, List<String> words) {
    int portAt = words.indexOf("port");
    if (portAt >= 0 && portAt != words.size() - 2) {
      notImplemented(m);
      return;
    }
    List<String> address = portAt < 0 ? words : words.subList(0, portAt);
    if (!address.isEmpty()) {
      NatAddressRange range = addressRange(m, address, pool.describe());
      if (range != null) {
        if (!pool.addresses.isEmpty() && !pool.addresses.getFirst().equals(range)) {
          warn(
              m,
              "address "
                  + String.join(" ", address)
                  + " replaces address "
                  + pool.addresses.getFirst()
                  + " of "
                  + pool.describe()
                  + ": a destination pool has one address or range");
        }
        pool.addresses.clear();
        pool.addresses.add(range);
      }
    }
    if (portAt >= 0) {
      String text = words.get(portAt + 1);
      Integer port = Values.number(text);
      if (port == null || port < 1 || port > 65535) {
        error(m, "invalid port '" + text + "' for " + pool.describe() + ": 1 to 65535");
      } else {
        pool.port = port;
      }
    }
  }

  /** {@code port no-translation}, {@code port range LOW [to HIGH]}, {@code port range to HIGH}. */
  private void sourcePoolPort(Match m, NatPool pool, List<String> words) {
    SourceLocation at = m.statement().location();
    if (words.size() == 1 && words.getFirst().equals("no-translation")) {
      if (pool.portLow != null) {
        warn(m, "port no-translation replaces port range of " + pool.describe());
        pool.portLow = null;
        pool.portHigh = null;
      }
      pool.portTranslation = false;
      return;
    }
    if (words.getFirst().equals("range") && words.size() >= 3 && words.get(1).equals("twin-port")) {
      twinPort(m, pool, words.subList(2, words.size()));
      return;
    }
    if (words.getFirst().equals("block-allocation")) {
      blockAllocation(m, pool, words.subList(1, words.size()));
      return;
    }
    if (words.getFirst().equals("range")
        && (words.size() == 2 || words.size() == 3 || words.size() == 4)) {
      List<String> range = words.subList(1, words.size());
      Integer low = null;
      Integer high = null;
      if (range.size() == 1) {
        low = port(m, range.get(0), "port range", pool.describe());
      } else if (range.size() == 2 && range.get(0).equals("to")) {
        high = port(m, range.get(1), "port range", pool.describe());
      } else if (range.size() == 3 && range.get(1).equals("to")) {
        low = port(m, range.get(0), "port range", pool.describe());
        high = port(m, range.get(2), "port range", pool.describe());
      } else {
        notImplemented(m);
        return;
      }
      if ((range.size() != 2 && low == null) || (range.size() != 1 && high == null)) {
        return; // reported
      }
      if (!pool.portTranslation) {
        warn(m, "port range replaces port no-translation of " + pool.describe());
        pool.portTranslation = true;
      } else if (low != null && pool.portLow != null && !pool.portLow.equals(low)) {
        warn(
            m,
            "port range "
                + String.join(" ", range)
                + " replaces port range "
                + pool.portLow
                + (pool.portHigh == null ? "" : " to " + pool.portHigh)
                + " of "
                + pool.describe());
        pool.portHigh = null;
      }
      if (low != null) {
        pool.portLow = low;
      }
      if (high != null) {
        pool.portHigh = high;
      }
      pool.portLocation = at;
      return;
    }
    if (words.getFirst().equals("deterministic")) {
      notImplemented(
          m, "the pool hands out single ports; show security nat source deterministic lists none");
      return;
    }
    notImplemented(m);
  }

  /** {@code port range twin-port LOW [to HIGH]}, {@code port range twin-port to HIGH}. */
  private void twinPort(Match m, NatPool pool, List<String> range) {
    Integer low = null;
    Integer high = null;
    if (range.size() == 1) {
      low = port(m, range.get(0), "twin-port range", pool.describe());
    } else if (range.size() == 2 && range.get(0).equals("to")) {
      high = port(m, range.get(1), "twin-port range", pool.describe());
    } else if (range.size() == 3 && range.get(1).equals("to")) {
      low = port(m, range.get(0), "twin-port range", pool.describe());
      high = port(m, range.get(2), "twin-port range", pool.describe());
    } else {
      notImplemented(m);
      return;
    }
    // Juniper's YANG: twin ports are 63488 to 65535
    for (Integer port : java.util.Arrays.asList(low, high)) {
      if (port != null && port < 63488) {
        error(
            m,
            "invalid twin-port range port "
                + port
                + of(pool.describe())
                + ": twin ports are 63488 to 65535");
        return;
      }
    }
    if (low != null) {
      pool.twinLow = low;
    }
    if (high != null) {
      pool.twinHigh = high;
    }
  }

  /**
   * {@code port block-allocation [block-size N | maximum-blocks-per-host N | active-block-timeout S
   * | interim-logging-interval S | last-block-recycle-timeout S | log disable]}, with the ranges of
   * Juniper's YANG.
   */
  private void blockAllocation(Match m, NatPool pool, List<String> words) {
    pool.blockAllocation = true;
    if (words.isEmpty()) {
      return;
    }
    if (words.size() == 2 && words.get(0).equals("log") && words.get(1).equals("disable")) {
      pool.blockLog = false;
      return;
    }
    if (words.size() != 2) {
      notImplemented(m);
      return;
    }
    String what = words.get(0);
    long[] range =
        switch (what) {
          case "block-size" -> new long[] {1, 64512};
          case "maximum-blocks-per-host" -> new long[] {1, 512};
          case "active-block-timeout" -> new long[] {0, 4294967295L};
          case "interim-logging-interval" -> new long[] {1800, 86400};
          case "last-block-recycle-timeout" -> new long[] {120, 864000};
          default -> null;
        };
    if (range == null) {
      notImplemented(m);
      return;
    }
    Long value = Values.longNumber(words.get(1));
    if (value == null || value < range[0] || value > range[1]) {
      error(
          m,
          "invalid "
              + what
              + " '"
              + words.get(1)
              + "'"
              + of(pool.describe())
              + ": "
              + range[0]
              + " to "
              + range[1]);
      return;
    }
    switch (what) {
      case "block-size" -> pool.blockSize = value.intValue();
      case "maximum-blocks-per-host" -> pool.maximumBlocksPerHost = value.intValue();
      case "active-block-timeout" -> pool.activeBlockTimeoutSeconds = value;
      case "interim-logging-interval" -> {
        pool.interimLoggingIntervalSeconds = value;
        notImplemented(m, "blocks are logged when allocated and released, not in between");
      }
      default -> {
        pool.lastBlockRecycleTimeoutSeconds = value;
        notImplemented(m, "a host's last block is released when its last session ends");
      }
    }
  }

  // ------------------------------------------------------------------ rule sets and rules

  /** One statement below {@code security nat KIND rule-set RS}. */
  void ruleSet(Match m, NatKind kind) {
    SourceLocation at = m.statement().location();
    NatRuleSet set =
        config.ruleSets(kind).computeIfAbsent(m.get("set"), n -> new NatRuleSet(kind, n, at));
    List<String> rest = m.rest();
    if (rest.isEmpty() || (rest.size() == 2 && rest.getFirst().equals("description"))) {
      return;
    }
    String first = rest.getFirst();
    if (rest.size() == 3
        && (first.equals("from") || (first.equals("to") && kind == NatKind.SOURCE))) {
      side(m, set, first, rest.get(1), rest.get(2));
    } else if (first.equals("rule") && rest.size() >= 2) {
      NatRule rule = set.rules.computeIfAbsent(rest.get(1), n -> new NatRule(set, n, at));
      rule(m, rule, rest.subList(2, rest.size()));
    } else {
      notImplemented(m);
    }
  }

  /** {@code from (zone | interface | routing-instance) NAME}, or {@code to} the same. */
  private void side(Match m, NatRuleSet set, String direction, String kind, String name) {
    if (!kind.equals("zone") && !kind.equals("interface") && !kind.equals("routing-instance")) {
      notImplemented(m);
      return;
    }
    SourceLocation at = m.statement().location();
    NatSide side = direction.equals("from") ? set.from : set.to;
    if (side == null) {
      side = new NatSide(kind, new ArrayList<>(), at);
      if (direction.equals("from")) {
        set.from = side;
      } else {
        set.to = side;
      }
    } else if (!side.kind().equals(kind)) {
      error(
          m,
          set.describe()
              + " has "
              + direction
              + " "
              + side.kind()
              + " and "
              + direction
              + " "
              + kind
              + ": a rule set's "
              + direction
              + " is interfaces, zones or routing instances, not a mix");
      return;
    }
    String normalized = kind.equals("interface") ? ConfigReader.logicalInterface(name) : name;
    if (side.names().stream().noneMatch(r -> r.name().equals(normalized))) {
      side.names().add(new Reference(normalized, at));
    }
  }

  /** The words after {@code rule R}: {@code match ...}, {@code then ...}, {@code description}. */
  private void rule(Match m, NatRule rule, List<String> words) {
    if (words.isEmpty() || (words.size() == 2 && words.getFirst().equals("description"))) {
      return;
    }
    if (words.getFirst().equals("match") && words.size() >= 3) {
      match(m, rule, words.get(1), words.subList(2, words.size()));
    } else if (words.getFirst().equals("then") && words.size() >= 2) {
      then(m, rule, words.subList(1, words.size()));
    } else {
      notImplemented(m);
    }
  }

  private void match(Match m, NatRule rule, String condition, List<String> values) {
    SourceLocation at = m.statement().location();
    NatKind kind = rule.ruleSet.kind;
    boolean single = values.size() == 1;
    switch (condition) {
      case "source-address" -> {
        if (single) {
          IpPrefix prefix = matchPrefix(m, rule, condition, values.getFirst());
          if (prefix != null && !rule.sourcePrefixes.contains(prefix)) {
            rule.sourcePrefixes.add(prefix);
          }
          return;
        }
      }
      case "source-address-name" -> {
        if (single) {
          addName(rule.sourceNames, new Reference(values.getFirst(), at));
          return;
        }
      }
      case "destination-address", "destination-address-name" -> {
        if (single) {
          boolean name = condition.endsWith("-name");
          IpPrefix prefix = name ? null : matchPrefix(m, rule, condition, values.getFirst());
          if (!name && prefix == null) {
            return;
          }
          if (kind != NatKind.SOURCE) {
            replaceDestination(m, rule, condition + " " + (name ? values.getFirst() : prefix));
          }
          if (name) {
            addName(rule.destinationNames, new Reference(values.getFirst(), at));
          } else if (!rule.destinationPrefixes.contains(prefix)) {
            rule.destinationPrefixes.add(prefix);
          }
          rule.destinationLocation = at;
          return;
        }
      }
      case "destination-port" -> {
        PortRange range = portRange(m, values, "destination-port", rule.describe());
        if (range == null) {
          return;
        }
        if (kind == NatKind.STATIC
            && !rule.destinationPorts.isEmpty()
            && !rule.destinationPorts.contains(range)) {
          warn(
              m,
              "destination-port "
                  + String.join(" ", values)
                  + " replaces destination-port "
                  + describe(rule.destinationPorts.getFirst())
                  + " in "
                  + rule.describe()
                  + ": a static NAT rule matches one port or range");
          rule.destinationPorts.clear();
        }
        if (!rule.destinationPorts.contains(range)) {
          rule.destinationPorts.add(range);
        }
        return;
      }
      case "protocol" -> {
        if (single && kind != NatKind.STATIC) {
          Integer protocol = Values.protocol(values.getFirst());
          if (protocol == null) {
            error(
                m,
                "invalid protocol '"
                    + values.getFirst()
                    + "' ("
                    + rule.describe()
                    + "): a protocol name such as tcp, or a number 0 to 255");
          } else if (!rule.protocols.contains(protocol)) {
            rule.protocols.add(protocol);
          }
          return;
        }
      }
      case "source-port" -> {
        notImplemented(m, "the rule matches any source port");
        return;
      }
      case "application" -> {
        notImplemented(m, "the rule matches any application");
        return;
      }
      default -> {}
    }
    notImplemented(m);
  }

  private static void addName(List<Reference> names, Reference name) {
    if (names.stream().noneMatch(r -> r.name().equals(name.name()))) {
      names.add(name);
    }
  }

  /** A destination or static rule matches one destination: a later one replaces the earlier. */
  private void replaceDestination(Match m, NatRule rule, String replacement) {
    String earlier =
        !rule.destinationPrefixes.isEmpty()
            ? "destination-address " + rule.destinationPrefixes.getFirst()
            : !rule.destinationNames.isEmpty()
                ? "destination-address-name " + rule.destinationNames.getFirst().name()
                : null;
    if (earlier != null && !earlier.equals(replacement)) {
      warn(
          m,
          replacement
              + " replaces "
              + earlier
              + " in "
              + rule.describe()
              + ": a "
              + rule.ruleSet.kind.title()
              + " rule matches one destination");
    }
    rule.destinationPrefixes.clear();
    rule.destinationNames.clear();
  }

  /** The words after {@code then}. */
  private void then(Match m, NatRule rule, List<String> words) {
    String action = words.getFirst();
    List<String> rest = words.subList(1, words.size());
    switch (rule.ruleSet.kind) {
      case SOURCE -> {
        if (action.equals("source-nat") && !rest.isEmpty()) {
          sourceNat(m, rule, rest);
          return;
        }
      }
      case DESTINATION -> {
        if (action.equals("destination-nat") && !rest.isEmpty()) {
          destinationNat(m, rule, rest);
          return;
        }
      }
      case STATIC -> {
        if (action.equals("static-nat") && !rest.isEmpty()) {
          staticNat(m, rule, rest);
          return;
        }
      }
    }
    notImplemented(m);
  }

  /**
   * {@code source-nat (off | interface | pool P)}, each possibly with options Flowgate does not
   * implement.
   */
  private void sourceNat(Match m, NatRule rule, List<String> words) {
    switch (words.getFirst()) {
      case "off" -> {
        if (words.size() == 1) {
          setAction(m, rule, "off");
          return;
        }
      }
      case "interface" -> {
        if (words.size() > 1 && words.get(1).equals("persistent-nat")) {
          if (setAction(m, rule, "interface")) {
            persistentNat(m, rule, words.subList(2, words.size()));
          }
          return;
        }
        if (setAction(m, rule, "interface") && words.size() > 1) {
          notImplemented(m, "the egress interface's address is used");
        }
        return;
      }
      case "pool" -> {
        pool(m, rule, words.subList(1, words.size()));
        return;
      }
      default -> {}
    }
    notImplemented(m);
  }

  /**
   * {@code destination-nat (off | pool P)}; {@code rule-session-count-alarm} is read but not
   * implemented.
   */
  private void destinationNat(Match m, NatRule rule, List<String> words) {
    switch (words.getFirst()) {
      case "off" -> {
        if (words.size() == 1) {
          setAction(m, rule, "off");
          return;
        }
      }
      case "pool" -> {
        pool(m, rule, words.subList(1, words.size()));
        return;
      }
      case "rule-session-count-alarm" -> {
        notImplemented(m, "no alarm is raised");
        return;
      }
      default -> {}
    }
    notImplemented(m);
  }

  /**
   * The words after {@code pool}: the pool's name, then options; or an option of the pool
   * container.
   */
  private void pool(Match m, NatRule rule, List<String> words) {
    if (words.isEmpty()) {
      notImplemented(m);
      return;
    }
    if (words.getFirst().equals("persistent-nat")) {
      persistentNat(m, rule, words.subList(1, words.size()));
      return;
    }
    if (POOL_OPTIONS.contains(words.getFirst())) {
      notImplemented(m, "no alarm is raised");
      return;
    }
    if (!setAction(m, rule, "pool")) {
      return;
    }
    Reference pool = new Reference(words.getFirst(), m.statement().location());
    if (rule.pool != null && !rule.pool.name().equals(pool.name())) {
      warn(
          m,
          "pool " + pool.name() + " replaces pool " + rule.pool.name() + " in " + rule.describe());
    }
    rule.pool = pool;
    if (words.size() > 1) {
      notImplemented(m, "pool " + pool.name() + " is used");
    }
  }

  /**
   * The words after {@code persistent-nat} of a source rule's pool or interface action: {@code
   * permit TYPE}, {@code address-mapping}, {@code inactivity-timeout S} (60 to 7200), {@code
   * max-session-number N}. A rule's persistent NAT applies whichever of pool and interface it
   * translates with; {@code block-ext-session} is read and not implemented.
   */
  private void persistentNat(Match m, NatRule rule, List<String> words) {
    SourceLocation at = m.statement().location();
    if (rule.persistentLocation == null) {
      rule.persistentLocation = at;
    }
    if (words.isEmpty()) {
      return; // persistent-nat { } alone: its permit is checked with the rule
    }
    String option = words.getFirst();
    List<String> value = words.subList(1, words.size());
    switch (option) {
      case "permit" -> {
        if (value.size() == 1
            && List.of("any-remote-host", "target-host", "target-host-port")
                .contains(value.getFirst())) {
          if (rule.persistentType != null && !rule.persistentType.equals(value.getFirst())) {
            warn(
                m,
                "permit "
                    + value.getFirst()
                    + " replaces permit "
                    + rule.persistentType
                    + " in "
                    + rule.describe());
          }
          rule.persistentType = value.getFirst();
          return;
        }
      }
      case "address-mapping" -> {
        if (value.isEmpty()) {
          rule.persistentAddressMapping = true;
          return;
        }
      }
      case "inactivity-timeout" -> {
        if (value.size() == 1) {
          Integer seconds = Values.number(value.getFirst());
          if (seconds == null || seconds < 60 || seconds > 7200) {
            error(
                m,
                "invalid inactivity-timeout '"
                    + value.getFirst()
                    + "' ("
                    + rule.describe()
                    + "): 60 to 7200 seconds");
          } else {
            rule.persistentInactivityTimeout = seconds;
          }
          return;
        }
      }
      case "max-session-number" -> {
        if (value.size() == 1) {
          Integer sessions = Values.number(value.getFirst());
          if (sessions == null || sessions < 1 || sessions > 65536) {
            error(
                m,
                "invalid max-session-number '"
                    + value.getFirst()
                    + "' ("
                    + rule.describe()
                    + "): 1 to 65536 sessions");
          } else {
            rule.persistentMaximumSessions = sessions;
          }
          return;
        }
      }
      case "block-ext-session" -> {
        notImplemented(m, "outside hosts the binding permits may open sessions");
        return;
      }
      default -> {}
    }
    notImplemented(m);
  }

  /**
   * {@code static-nat (prefix | prefix-name) [VALUE] [mapped-port N [to M]] [routing-instance R]}.
   */
  private void staticNat(Match m, NatRule rule, List<String> words) {
    String form = words.getFirst();
    if (form.equals("inet") || form.equals("nptv6-prefix") || form.equals("nptv6-prefix-name")) {
      notImplemented(m, "the rule is not installed");
      rule.notInstalled = rule.action == null;
      return;
    }
    if (form.equals("rule-session-count-alarm")) {
      notImplemented(m, "no alarm is raised");
      return;
    }
    if (!form.equals("prefix") && !form.equals("prefix-name")) {
      notImplemented(m);
      return;
    }
    List<String> options = words.subList(1, words.size());
    // Check the whole statement before changing the rule.
    String value = null;
    PortRange mapped = null;
    String instance = null;
    for (int i = 0; i < options.size(); i++) {
      String word = options.get(i);
      if (word.equals("mapped-port") && i + 1 < options.size()) {
        int end = i + 2 < options.size() - 1 && options.get(i + 2).equals("to") ? i + 4 : i + 2;
        mapped = portRange(m, options.subList(i + 1, end), "mapped-port", rule.describe());
        if (mapped == null) {
          return;
        }
        i = end - 1;
      } else if (word.equals("routing-instance") && i + 1 < options.size()) {
        instance = options.get(++i);
      } else if (value == null) {
        value = word;
      } else {
        notImplemented(m);
        return;
      }
    }
    IpPrefix prefix = null;
    if (value != null && form.equals("prefix")) {
      prefix = Values.prefix(value);
      if (prefix == null) {
        error(m, "invalid static-nat prefix '" + value + "' (" + rule.describe() + ")");
        return;
      }
      prefix = network(m, prefix, "static-nat prefix", rule);
    }
    if (!setAction(m, rule, form)) {
      return;
    }
    rule.notInstalled = false;
    SourceLocation at = m.statement().location();
    if (prefix != null) {
      if (rule.translated != null && !rule.translated.equals(prefix)) {
        warn(
            m,
            "static-nat prefix "
                + prefix
                + " replaces prefix "
                + rule.translated
                + " in "
                + rule.describe());
      }
      rule.translated = prefix;
    } else if (value != null) {
      rule.translatedName = new Reference(value, at);
    }
    if (mapped != null) {
      rule.mappedPort = mapped;
    }
    if (instance != null) {
      rule.routingInstance = new Reference(instance, at);
    }
  }

  /** Sets the rule's action; a different one already there is an error (a rule has one action). */
  private boolean setAction(Match m, NatRule rule, String action) {
    if (rule.action != null && !rule.action.equals(action)) {
      error(
          m,
          rule.describe()
              + " has both "
              + actionWords(rule.ruleSet.kind, rule.action)
              + " and "
              + actionWords(rule.ruleSet.kind, action)
              + ": a rule has one action");
      return false;
    }
    if (rule.action == null) {
      rule.action = action;
      rule.actionLocation = m.statement().location();
    }
    return true;
  }

  private static String actionWords(NatKind kind, String action) {
    return switch (kind) {
      case SOURCE -> "source-nat " + action;
      case DESTINATION -> "destination-nat " + action;
      case STATIC -> "static-nat " + action;
    };
  }

  // ------------------------------------------------------------------ proxy-arp, proxy-ndp

  /** {@code proxy-arp interface IF address A [to B]} (or {@code proxy-ndp} with IPv6). */
  void proxy(Match m, boolean ndp) {
    List<String> words = new ArrayList<>();
    words.add(m.get("address"));
    words.addAll(m.rest());
    String owner = (ndp ? "proxy-ndp" : "proxy-arp") + " interface " + m.get("interface");
    NatAddressRange range = addressRange(m, words, owner);
    if (range == null) {
      return;
    }
    if (range.isIpv4() == ndp) {
      error(
          m,
          "invalid address '"
              + String.join(" ", words)
              + "' for "
              + owner
              + ": "
              + (ndp
                  ? "proxy-ndp takes IPv6 addresses"
                  : "proxy-arp takes IPv4 addresses (proxy-ndp is for IPv6)"));
      return;
    }
    Reference name =
        new Reference(ConfigReader.logicalInterface(m.get("interface")), m.statement().location());
    config.proxyAddresses.add(new ProxyAddress(name, range, ndp));
  }

  // ------------------------------------------------------------------ values

  /**
   * {@code PREFIX} (its whole span, network and broadcast included) or {@code A to B} (either bound
   * may carry a length, as Junos displays them: {@code 192.0.2.1/32 to 192.0.2.9/32}); null when
   * bad (reported).
   */
  private NatAddressRange addressRange(Match m, List<String> words, String owner) {
    if (words.size() == 1) {
      IpPrefix prefix = Values.prefix(words.getFirst());
      if (prefix == null) {
        error(m, "invalid address '" + words.getFirst() + "' for " + owner);
        return null;
      }
      IpPrefix network = Values.network(prefix);
      if (!network.equals(prefix)) {
        warn(
            m,
            "address "
                + prefix
                + " of "
                + owner
                + " has bits set beyond its length: taken as "
                + network);
      }
      return NatAddressRange.of(network);
    }
    if (words.size() == 3 && words.get(1).equals("to")) {
      IpAddress low = bound(m, words.get(0), owner);
      IpAddress high = bound(m, words.get(2), owner);
      if (low == null || high == null) {
        return null;
      }
      if (low.isIpv4() != high.isIpv4() || low.compareTo(high) > 0) {
        error(
            m,
            "invalid address range "
                + words.get(0)
                + " to "
                + words.get(2)
                + " for "
                + owner
                + ": the range is empty (its start is above its end, or the families differ)");
        return null;
      }
      return new NatAddressRange(low, high);
    }
    notImplemented(m);
    return null;
  }

  /** One bound of {@code A to B}: an address, or a host prefix ({@code /32}, {@code /128}). */
  private IpAddress bound(Match m, String text, String owner) {
    IpPrefix prefix = Values.prefix(text);
    if (prefix == null) {
      error(m, "invalid address '" + text + "' for " + owner);
      return null;
    }
    if (prefix.length() != (prefix.isIpv4() ? 32 : 128)) {
      warn(
          m,
          "address range bound "
              + text
              + " of "
              + owner
              + " is read as the address "
              + prefix.address()
              + " (a range is between addresses)");
    }
    return prefix.address();
  }

  /**
   * {@code N} or {@code N to M}, ports 0 to 65535, low first; null when bad (reported as {@code
   * invalid WHAT ... (OWNER)}, the owner left out when null).
   */
  private PortRange portRange(Match m, List<String> words, String what, String owner) {
    if (words.size() != 1 && !(words.size() == 3 && words.get(1).equals("to"))) {
      notImplemented(m);
      return null;
    }
    Integer low = port(m, words.getFirst(), what, owner);
    Integer high = words.size() == 1 ? low : port(m, words.get(2), what, owner);
    if (low == null || high == null) {
      return null;
    }
    if (low > high) {
      error(
          m,
          "invalid "
              + what
              + " "
              + low
              + " to "
              + high
              + of(owner)
              + ": the low port is above the high one");
      return null;
    }
    return new PortRange(low, high);
  }

  private Integer port(Match m, String text, String what, String owner) {
    Integer port = Values.number(text);
    if (port == null || port > 65535) {
      error(m, "invalid " + what + " '" + text + "'" + of(owner) + ": a port is 0 to 65535");
      return null;
    }
    return port;
  }

  private static String of(String owner) {
    return owner == null ? "" : " (" + owner + ")";
  }

  /** A prefix in a rule's match, host bits cleared (warned); null when malformed (reported). */
  private IpPrefix matchPrefix(Match m, NatRule rule, String condition, String text) {
    IpPrefix prefix = Values.prefix(text);
    if (prefix == null) {
      error(m, "invalid " + condition + " '" + text + "' (" + rule.describe() + ")");
      return null;
    }
    return network(m, prefix, condition, rule);
  }

  private IpPrefix network(Match m, IpPrefix prefix, String what, NatRule rule) {
    IpPrefix network = Values.network(prefix);
    if (!network.equals(prefix)) {
      warn(
          m,
          what
              + " "
              + prefix
              + " has bits set beyond its length: taken as "
              + network
              + " ("
              + rule.describe()
              + ")");
    }
    return network;
  }

  static String describe(PortRange range) {
    return range.low() == range.high()
        ? Integer.toString(range.low())
        : range.low() + " to " + range.high();
  }

  // ------------------------------------------------------------------ diagnostics

  private void notImplemented(Match m) {
    warn(m, "statement not implemented: " + m.statement().path());
  }

  private void notImplemented(Match m, String consequence) {
    warn(m, "statement not implemented: " + m.statement().path() + " (" + consequence + ")");
  }

  private void error(Match m, String message) {
    diagnostics.error(m.statement().location(), message);
  }

  private void warn(Match m, String message) {
    diagnostics.warning(m.statement().location(), message);
  }
}
