package org.flowgate.mgmt.reply;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.flowgate.dataplane.nat.DestinationNatPool;
import org.flowgate.dataplane.nat.DestinationNatRule;
import org.flowgate.dataplane.nat.NatAddressRange;
import org.flowgate.dataplane.nat.NatConfig;
import org.flowgate.dataplane.nat.NatContext;
import org.flowgate.dataplane.nat.NatRuleCounters;
import org.flowgate.dataplane.nat.NatRuleSet;
import org.flowgate.dataplane.nat.NatStatistics;
import org.flowgate.dataplane.nat.PersistentNat;
import org.flowgate.dataplane.nat.SourceNatPool;
import org.flowgate.dataplane.nat.SourceNatRule;
import org.flowgate.dataplane.nat.StaticNatRule;
import org.flowgate.dataplane.net.AddressMatch;
import org.flowgate.dataplane.net.IpPrefix;
import org.flowgate.dataplane.runtime.RuntimeConfig;
import org.flowgate.mgmt.reply.NatReply.AddressRange;
import org.flowgate.mgmt.reply.NatReply.Context;
import org.flowgate.mgmt.reply.NatReply.Counters;
import org.flowgate.mgmt.reply.NatReply.Match;
import org.flowgate.mgmt.reply.NatReply.ReferencedPrefixes;
import org.flowgate.mgmt.reply.NatReply.RuleSummary;

/**
 * Builds the {@link NatReply} of each {@code show security nat} view from a configuration
 * generation ({@link RuntimeConfig#nat()}, with the zone, interface and routing-instance names its
 * contexts point at) and the NAT counters summed over the SPUs ({@link NatStatistics}).
 *
 * <p>Readings the views rest on (ADR 0008, addendum on NAT views):
 *
 * <ul>
 *   <li>{@code Rule position} is a rule's place among all rules of its kind, rule sets in
 *       configuration order, as real replies number it ({@code rule-matching-position} 2 for the
 *       first rule of a second rule set); {@code Rule Id} is the rule's id.
 *   <li>The master routing instance is shown as {@code default}, the name Junos NAT views give it;
 *       a static rule without {@code routing-instance} shows {@code N/A} as its host instance.
 *   <li>{@code Total port number usage for port translation pool} is the ports the translating
 *       pools hold (addresses times their single and twin ports); its maximum is the platform's
 *       figure ({@link Placeholders#natMaximumPatPorts}).
 *   <li>A counter array shorter than its configuration (statistics of a generation being replaced)
 *       reads as zero.
 * </ul>
 *
 * <p>Stateless; any thread (it reads immutable objects).
 */
public final class NatReplies {
  /** What Junos NAT views call the master routing instance. */
  static final String DEFAULT_INSTANCE = "default";

  private NatReplies() {}

  // ------------------------------------------------------------------ source

  /**
   * {@code show security nat source summary}.
   *
   * @param maximumPorts {@code Maximum port number for port translation pool}, a figure of the
   *     platform ({@link Placeholders#natMaximumPatPorts})
   */
  public static NatReply.SourceSummary sourceSummary(RuntimeConfig config, long maximumPorts) {
    NatConfig nat = config.nat();
    long portsInPools = 0;
    List<NatReply.SourcePoolSummary> pools = new ArrayList<>();
    for (SourceNatPool pool : nat.sourcePools()) {
      if (pool.portTranslation()) {
        // single and twin ports: a one-address default pool counts 64512, as the vSRX capture
        portsInPools += pool.addressCount() * (pool.ports().size() + pool.twinPortsPerAddress());
      }
      pools.add(
          new NatReply.SourcePoolSummary(
              pool.name(),
              ranges(pool.addresses()),
              instanceName(config, pool.routingInstance()),
              pool.portTranslation(),
              pool.addressCount()));
    }
    List<RuleSummary> rules = new ArrayList<>();
    for (SourceNatRule rule : nat.sourceRules()) {
      NatRuleSet set = nat.sourceRuleSets().get(rule.ruleSet());
      rules.add(
          new RuleSummary(
              rule.name(),
              set.name(),
              sourceAction(nat, rule),
              context(config, set.from()),
              context(config, set.to())));
    }
    return new NatReply.SourceSummary(portsInPools, maximumPorts, pools, rules);
  }

  /** {@code show security nat source pool all} ({@code name} null) or {@code … pool NAME}. */
  public static NatReply.SourcePools sourcePools(
      RuntimeConfig config, NatStatistics statistics, String name) {
    NatConfig nat = config.nat();
    List<NatReply.SourcePool> pools = new ArrayList<>();
    for (int i = 0; i < nat.sourcePools().size(); i++) {
      SourceNatPool pool = nat.sourcePools().get(i);
      if (name != null && !pool.name().equals(name)) {
        continue;
      }
      NatStatistics.SourcePoolUsage usage =
          i < statistics.sourcePools().size() ? statistics.sourcePools().get(i) : null;
      long[] portsInUse = usage == null ? new long[0] : usage.portsInUse();
      long[] twinInUse = usage == null ? new long[0] : usage.twinPortsInUse();
      List<NatReply.SourcePoolRange> ranges = new ArrayList<>();
      long offset = 0;
      for (NatAddressRange range : pool.addresses()) {
        long used = 0;
        long twins = 0;
        for (long a = offset; a < Math.min(offset + range.size(), portsInUse.length); a++) {
          used += portsInUse[(int) a];
          twins += a < twinInUse.length ? twinInUse[(int) a] : 0;
        }
        // twin ports are taken by ALGs' port pairs only (ADR 0038)
        ranges.add(new NatReply.SourcePoolRange(range(range), used, twins));
        offset += range.size();
      }
      pools.add(
          new NatReply.SourcePool(
              pool.name(),
              pool.id(),
              instanceName(config, pool.routingInstance()),
              pool.portTranslation() ? pool.ports() : null,
              pool.portTranslation() ? pool.twinPorts() : null,
              pool.addressPersistent(),
              pool.addressCount(),
              usage == null ? 0 : usage.hits(),
              usage == null ? 0 : usage.failed(),
              ranges));
    }
    return new NatReply.SourcePools(name == null, pools);
  }

  /** {@code show security nat source rule all} ({@code name} null) or {@code … rule NAME}. */
  public static NatReply.SourceRules sourceRules(
      RuntimeConfig config, NatStatistics statistics, String name) {
    NatConfig nat = config.nat();
    List<SourceNatRule> all = nat.sourceRules();
    int[] positions = positions(all.size(), i -> all.get(i).ruleSet(), i -> all.get(i).position());
    List<NatReply.SourceRule> rules = new ArrayList<>();
    int ipv4 = 0;
    int ipv6 = 0;
    for (int i = 0; i < all.size(); i++) {
      SourceNatRule rule = all.get(i);
      if (name != null && !rule.name().equals(name)) {
        continue;
      }
      NatRuleSet set = nat.sourceRuleSets().get(rule.ruleSet());
      ipv4 += prefixes(rule.source(), true) + prefixes(rule.destination(), true);
      ipv6 += prefixes(rule.source(), false) + prefixes(rule.destination(), false);
      rules.add(
          new NatReply.SourceRule(
              rule.name(),
              set.name(),
              rule.id(),
              positions[i],
              context(config, set.from()),
              context(config, set.to()),
              match(rule.source(), rule.destination(), rule.destinationPorts(), rule.protocols()),
              sourceAction(nat, rule),
              rule.action() != SourceNatRule.Action.OFF,
              persistent(rule.persistentNat()),
              counters(statistics.sourceRules(), i)));
    }
    return new NatReply.SourceRules(name == null, new ReferencedPrefixes(ipv4, ipv6), rules);
  }

  /** A rule's persistent NAT block; Junos's values for a rule without persistent NAT. */
  private static NatReply.PersistentSettings persistent(PersistentNat persistent) {
    return persistent == null
        ? new NatReply.PersistentSettings(
            Placeholders.PERSISTENT_NAT_TYPE,
            Placeholders.PERSISTENT_NAT_MAPPING_TYPE,
            Placeholders.PERSISTENT_NAT_INACTIVITY_TIMEOUT,
            Placeholders.PERSISTENT_NAT_MAX_SESSIONS,
            Placeholders.PERSISTENT_NAT_BLOCK_SESSION)
        : new NatReply.PersistentSettings(
            persistent.type().junosName(),
            persistent.mappingType(),
            persistent.inactivityTimeoutSeconds(),
            persistent.maximumSessions(),
            Placeholders.PERSISTENT_NAT_BLOCK_SESSION);
  }

  private static String sourceAction(NatConfig nat, SourceNatRule rule) {
    return switch (rule.action()) {
      case OFF -> "off";
      case INTERFACE -> "interface";
      case POOL -> nat.sourcePools().get(rule.pool()).name();
    };
  }

  // ------------------------------------------------------------------ destination

  /** {@code show security nat destination summary}. */
  public static NatReply.DestinationSummary destinationSummary(
      RuntimeConfig config, NatStatistics statistics) {
    NatConfig nat = config.nat();
    List<RuleSummary> rules = new ArrayList<>();
    for (DestinationNatRule rule : nat.destinationRules()) {
      NatRuleSet set = nat.destinationRuleSets().get(rule.ruleSet());
      rules.add(
          new RuleSummary(
              rule.name(),
              set.name(),
              destinationAction(nat, rule),
              context(config, set.from()),
              null));
    }
    return new NatReply.DestinationSummary(
        destinationPools(config, statistics, null).pools(), rules);
  }

  /** {@code show security nat destination pool all} ({@code name} null) or {@code … pool NAME}. */
  public static NatReply.DestinationPools destinationPools(
      RuntimeConfig config, NatStatistics statistics, String name) {
    NatConfig nat = config.nat();
    List<NatReply.DestinationPool> pools = new ArrayList<>();
    for (int i = 0; i < nat.destinationPools().size(); i++) {
      DestinationNatPool pool = nat.destinationPools().get(i);
      if (name != null && !pool.name().equals(name)) {
        continue;
      }
      pools.add(
          new NatReply.DestinationPool(
              pool.name(),
              pool.id(),
              instanceName(config, pool.routingInstance()),
              range(pool.addresses()),
              pool.addresses().size(),
              pool.port(),
              at(statistics.destinationPoolHits(), i)));
    }
    return new NatReply.DestinationPools(name == null, pools);
  }

  /** {@code show security nat destination rule all} ({@code name} null) or {@code … rule NAME}. */
  public static NatReply.DestinationRules destinationRules(
      RuntimeConfig config, NatStatistics statistics, String name) {
    NatConfig nat = config.nat();
    List<DestinationNatRule> all = nat.destinationRules();
    int[] positions = positions(all.size(), i -> all.get(i).ruleSet(), i -> all.get(i).position());
    List<NatReply.DestinationRule> rules = new ArrayList<>();
    int ipv4 = 0;
    int ipv6 = 0;
    for (int i = 0; i < all.size(); i++) {
      DestinationNatRule rule = all.get(i);
      if (name != null && !rule.name().equals(name)) {
        continue;
      }
      NatRuleSet set = nat.destinationRuleSets().get(rule.ruleSet());
      ipv4 += prefixes(rule.source(), true) + prefixes(rule.destination(), true);
      ipv6 += prefixes(rule.source(), false) + prefixes(rule.destination(), false);
      rules.add(
          new NatReply.DestinationRule(
              rule.name(),
              set.name(),
              rule.id(),
              positions[i],
              context(config, set.from()),
              match(rule.source(), rule.destination(), rule.destinationPorts(), rule.protocols()),
              destinationAction(nat, rule),
              counters(statistics.destinationRules(), i)));
    }
    return new NatReply.DestinationRules(name == null, new ReferencedPrefixes(ipv4, ipv6), rules);
  }

  private static String destinationAction(NatConfig nat, DestinationNatRule rule) {
    return switch (rule.action()) {
      case OFF -> "off";
      case POOL -> nat.destinationPools().get(rule.pool()).name();
    };
  }

  // ------------------------------------------------------------------ static

  /** {@code show security nat static rule all} ({@code name} null) or {@code … rule NAME}. */
  public static NatReply.StaticRules staticRules(
      RuntimeConfig config, NatStatistics statistics, String name) {
    NatConfig nat = config.nat();
    List<StaticNatRule> all = nat.staticRules();
    int[] positions = positions(all.size(), i -> all.get(i).ruleSet(), i -> all.get(i).position());
    List<NatReply.StaticRule> rules = new ArrayList<>();
    int ipv4 = 0;
    int ipv6 = 0;
    for (int i = 0; i < all.size(); i++) {
      StaticNatRule rule = all.get(i);
      if (name != null && !rule.name().equals(name)) {
        continue;
      }
      NatRuleSet set = nat.staticRuleSets().get(rule.ruleSet());
      ipv4 += prefixes(rule.source(), true) + (rule.destination().isIpv4() ? 1 : 0);
      ipv6 += prefixes(rule.source(), false) + (rule.destination().isIpv4() ? 0 : 1);
      rules.add(
          new NatReply.StaticRule(
              rule.name(),
              set.name(),
              rule.id(),
              positions[i],
              context(config, set.from()),
              ranges(rule.source()),
              network(rule.destination()),
              rule.destinationPort(),
              network(rule.translated()),
              rule.mappedPort(),
              rule.destination().length(),
              rule.routingInstance() == 0 ? "N/A" : instanceName(config, rule.routingInstance()),
              counters(statistics.staticRules(), i)));
    }
    return new NatReply.StaticRules(name == null, new ReferencedPrefixes(ipv4, ipv6), rules);
  }

  // ------------------------------------------------------------------ shared

  /**
   * Each rule's 1-based place among all rules of its kind: rule sets in configuration order, rules
   * in their order within the set.
   */
  private static int[] positions(
      int count,
      java.util.function.IntUnaryOperator ruleSet,
      java.util.function.IntUnaryOperator position) {
    int[] order =
        IntStream.range(0, count)
            .boxed()
            .sorted(
                Comparator.<Integer>comparingInt(ruleSet::applyAsInt)
                    .thenComparingInt(position::applyAsInt))
            .mapToInt(Integer::intValue)
            .toArray();
    int[] positions = new int[count];
    for (int rank = 0; rank < order.length; rank++) {
      positions[order[rank]] = rank + 1;
    }
    return positions;
  }

  private static Counters counters(NatRuleCounters counters, int rule) {
    return new Counters(
        at(counters.hits(), rule),
        at(counters.successful(), rule),
        at(counters.failed(), rule),
        at(counters.sessions(), rule));
  }

  private static long at(long[] values, int index) {
    return index < values.length ? values[index] : 0;
  }

  private static Match match(
      AddressMatch source,
      AddressMatch destination,
      List<org.flowgate.dataplane.nat.PortRange> ports,
      int[] protocols) {
    List<Integer> numbers = new ArrayList<>();
    for (int protocol : protocols) {
      numbers.add(protocol);
    }
    return new Match(ranges(source), ranges(destination), ports, numbers);
  }

  private static int prefixes(AddressMatch match, boolean ipv4) {
    int count = 0;
    for (IpPrefix prefix : match.prefixes()) {
      if (prefix.isIpv4() == ipv4) {
        count++;
      }
    }
    return count;
  }

  private static List<AddressRange> ranges(AddressMatch match) {
    List<AddressRange> ranges = new ArrayList<>();
    for (IpPrefix prefix : match.prefixes()) {
      ranges.add(range(NatAddressRange.of(prefix)));
    }
    return ranges;
  }

  private static List<AddressRange> ranges(List<NatAddressRange> addresses) {
    return addresses.stream().map(NatReplies::range).toList();
  }

  private static AddressRange range(NatAddressRange range) {
    return new AddressRange(range.low().toString(), range.high().toString(), range.isIpv4());
  }

  /** The prefix's network address, without its length (shown apart as {@code Netmask}). */
  private static String network(IpPrefix prefix) {
    return NatAddressRange.of(prefix).low().toString();
  }

  /**
   * The names a context points at; null for a context that is not there ({@code to} of destination
   * rules).
   */
  private static Context context(RuntimeConfig config, NatContext context) {
    if (context == null) {
      return null;
    }
    List<String> names = new ArrayList<>();
    for (int index : context.indexes()) {
      names.add(
          switch (context.kind()) {
            case ZONE ->
                index >= 0 && index < config.zones().size()
                    ? config.zones().get(index).name()
                    : "zone " + index;
            case INTERFACE ->
                index >= 0 && index < config.interfaces().size()
                    ? config.interfaces().get(index).name()
                    : "interface " + index;
            case ROUTING_INSTANCE -> instanceName(config, index);
          });
    }
    return new Context(context.kind().junosName(), names);
  }

  private static String instanceName(RuntimeConfig config, int index) {
    if (index == 0) {
      return DEFAULT_INSTANCE;
    }
    return index > 0 && index < config.routingInstances().size()
        ? config.routingInstances().get(index).name()
        : "routing-instance " + index;
  }
}
