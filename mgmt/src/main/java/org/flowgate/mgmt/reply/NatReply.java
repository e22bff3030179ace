package org.flowgate.mgmt.reply;

import java.util.List;
import java.util.Objects;
import org.flowgate.dataplane.nat.PortRange;

/**
 * The answer to one of the {@code show security nat} views, with every name resolved and every
 * counter attached, so that the text and the XML/JSON renderers read the same values. Built by
 * {@link NatReplies} from a configuration generation and its NAT counters.
 *
 * <pre>
 * show security nat source summary                   SourceSummary
 * show security nat source pool (all | NAME)         SourcePools
 * show security nat source rule (all | NAME)         SourceRules
 * show security nat destination summary              DestinationSummary
 * show security nat destination pool (all | NAME)    DestinationPools
 * show security nat destination rule (all | NAME)    DestinationRules
 * show security nat static rule (all | NAME)         StaticRules
 * </pre>
 *
 * A view of one name that found nothing has {@code all == false} and an empty list; the command
 * answers it with an error rather than an empty view.
 */
public sealed interface NatReply {

  /** The kind of NAT a view is about, as Junos words it in headings. */
  enum Kind {
    SOURCE("source"),
    DESTINATION("destination"),
    STATIC("static");

    private final String junosName;

    Kind(String junosName) {
      this.junosName = junosName;
    }

    /** {@code source}, {@code destination} or {@code static}. */
    public String junosName() {
      return junosName;
    }
  }

  /**
   * Where a rule set applies: {@code from} or {@code to} a zone, interface or routing instance.
   *
   * @param kind {@code zone}, {@code interface} or {@code routing-instance}
   * @param names the zones, interfaces or routing instances, in configuration order
   */
  record Context(String kind, List<String> names) {
    public Context {
      Objects.requireNonNull(kind, "kind");
      names = List.copyOf(names);
    }
  }

  /** A range of addresses in Junos text form; {@code low} equals {@code high} for one address. */
  record AddressRange(String low, String high, boolean ipv4) {
    public AddressRange {
      Objects.requireNonNull(low, "low");
      Objects.requireNonNull(high, "high");
    }
  }

  /**
   * IPv4 and IPv6 prefixes the listed rules match on ({@code Total referenced IPv4/IPv6
   * ip-prefixes}).
   */
  record ReferencedPrefixes(int ipv4, int ipv6) {}

  /**
   * A rule's counters: {@code Translation hits} (first packets it decided), {@code Successful
   * sessions}, {@code Failed sessions} (translations that could not be made) and {@code Number of
   * sessions} (live sessions it translated).
   */
  record Counters(long hits, long successful, long failed, long sessions) {}

  /**
   * What the match of a source or destination rule tests. Empty lists match anything.
   *
   * @param protocols IP protocol numbers
   */
  record Match(
      List<AddressRange> sources,
      List<AddressRange> destinations,
      List<PortRange> destinationPorts,
      List<Integer> protocols) {
    public Match {
      sources = List.copyOf(sources);
      destinations = List.copyOf(destinations);
      destinationPorts = List.copyOf(destinationPorts);
      protocols = List.copyOf(protocols);
    }
  }

  // ------------------------------------------------------------------ source

  /**
   * {@code show security nat source summary}.
   *
   * @param portsInPools ports the port-translating pools hold over all their addresses
   * @param portsMaximum the most port translations that can be held at once
   */
  record SourceSummary(
      long portsInPools, long portsMaximum, List<SourcePoolSummary> pools, List<RuleSummary> rules)
      implements NatReply {
    public SourceSummary {
      pools = List.copyOf(pools);
      rules = List.copyOf(rules);
    }
  }

  /** One row of the source summary's pool table. */
  record SourcePoolSummary(
      String name,
      List<AddressRange> ranges,
      String routingInstance,
      boolean portTranslation,
      long addresses) {
    public SourcePoolSummary {
      ranges = List.copyOf(ranges);
    }
  }

  /**
   * One rule of a summary.
   *
   * @param action a pool name, {@code interface} or {@code off}
   * @param to null for destination rules, which have only {@code from}
   */
  record RuleSummary(String name, String ruleSet, String action, Context from, Context to) {}

  /** {@code show security nat source pool (all | NAME)}. */
  record SourcePools(boolean all, List<SourcePool> pools) implements NatReply {
    public SourcePools {
      pools = List.copyOf(pools);
    }
  }

  /**
   * One source pool.
   *
   * @param ports the translated (single) port range, null for {@code port no-translation}
   * @param twinPorts the pool's twin ports, null when it keeps none
   * @param addressPersistent true when a host keeps one pool address ({@code Address assignment:
   *     paired})
   * @param hits sessions translated with the pool
   * @param failed sessions refused because the pool had no address or port left
   * @param ranges the pool's address ranges with the ports in use on each
   */
  record SourcePool(
      String name,
      int id,
      String routingInstance,
      PortRange ports,
      PortRange twinPorts,
      boolean addressPersistent,
      long addresses,
      long hits,
      long failed,
      List<SourcePoolRange> ranges) {
    public SourcePool {
      ranges = List.copyOf(ranges);
    }

    public boolean portTranslation() {
      return ports != null;
    }

    /** Ports (or, without port translation, sessions) in use over the whole pool. */
    public long portsInUse() {
      long total = 0;
      for (SourcePoolRange range : ranges) {
        total += range.portsInUse();
      }
      return total;
    }

    /** Twin ports in use over the whole pool. */
    public long twinPortsInUse() {
      long total = 0;
      for (SourcePoolRange range : ranges) {
        total += range.twinPortsInUse();
      }
      return total;
    }

    public boolean hasTwinPorts() {
      return twinPorts != null;
    }
  }

  /**
   * An address range of a source pool and the ports in use on its addresses ({@code Single Ports}
   * and {@code Twin Ports}).
   */
  record SourcePoolRange(AddressRange range, long portsInUse, long twinPortsInUse) {}

  /** {@code show security nat source rule (all | NAME)}. */
  record SourceRules(boolean all, ReferencedPrefixes referenced, List<SourceRule> rules)
      implements NatReply {
    public SourceRules {
      rules = List.copyOf(rules);
    }
  }

  /**
   * One source rule.
   *
   * @param id {@code Rule Id}
   * @param position {@code Rule position}: the rule's place among all rules of its kind
   * @param action a pool name, {@code interface} or {@code off}
   * @param translates false for {@code source-nat off} (persistent NAT settings apply to the
   *     others)
   * @param persistent the rule's persistent NAT as the views show it
   */
  record SourceRule(
      String name,
      String ruleSet,
      int id,
      int position,
      Context from,
      Context to,
      Match match,
      String action,
      boolean translates,
      PersistentSettings persistent,
      Counters counters) {}

  /**
   * A source rule's persistent NAT block: its type ({@code N/A} without persistent NAT), mapping
   * type, inactivity timeout, maximum sessions and block-session state.
   */
  record PersistentSettings(
      String type, String mappingType, int inactivityTimeout, int maximumSessions, String block) {}

  // ------------------------------------------------------------------ destination

  /** {@code show security nat destination summary}. */
  record DestinationSummary(List<DestinationPool> pools, List<RuleSummary> rules)
      implements NatReply {
    public DestinationSummary {
      pools = List.copyOf(pools);
      rules = List.copyOf(rules);
    }
  }

  /** {@code show security nat destination pool (all | NAME)}. */
  record DestinationPools(boolean all, List<DestinationPool> pools) implements NatReply {
    public DestinationPools {
      pools = List.copyOf(pools);
    }
  }

  /**
   * One destination pool.
   *
   * @param port the translated destination port, 0 to keep the packet's
   * @param hits sessions translated to the pool
   */
  record DestinationPool(
      String name,
      int id,
      String routingInstance,
      AddressRange range,
      long addresses,
      int port,
      long hits) {}

  /** {@code show security nat destination rule (all | NAME)}. */
  record DestinationRules(boolean all, ReferencedPrefixes referenced, List<DestinationRule> rules)
      implements NatReply {
    public DestinationRules {
      rules = List.copyOf(rules);
    }
  }

  /** One destination rule; {@code action} is a pool name or {@code off}. */
  record DestinationRule(
      String name,
      String ruleSet,
      int id,
      int position,
      Context from,
      Match match,
      String action,
      Counters counters) {}

  // ------------------------------------------------------------------ static

  /** {@code show security nat static rule (all | NAME)}. */
  record StaticRules(boolean all, ReferencedPrefixes referenced, List<StaticRule> rules)
      implements NatReply {
    public StaticRules {
      rules = List.copyOf(rules);
    }
  }

  /**
   * One static rule: {@code destination/netmask} maps to {@code host/netmask}, host bits kept.
   *
   * @param sources the rule's {@code source-address} match, empty for any
   * @param destinationPort null when the rule matches any port
   * @param hostPort the mapped port range, null to keep ports
   * @param hostRoutingInstance the translated side's routing instance, {@code N/A} for the default
   */
  record StaticRule(
      String name,
      String ruleSet,
      int id,
      int position,
      Context from,
      List<AddressRange> sources,
      String destination,
      PortRange destinationPort,
      String host,
      PortRange hostPort,
      int netmask,
      String hostRoutingInstance,
      Counters counters) {
    public StaticRule {
      sources = List.copyOf(sources);
    }
  }
}
