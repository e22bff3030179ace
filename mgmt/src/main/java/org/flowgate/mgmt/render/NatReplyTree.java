package org.flowgate.mgmt.render;

import static org.flowgate.mgmt.render.JunosElement.attribute;
import static org.flowgate.mgmt.render.JunosElement.container;
import static org.flowgate.mgmt.render.JunosElement.leaf;

import java.util.ArrayList;
import java.util.List;
import org.flowgate.dataplane.nat.PortRange;
import org.flowgate.mgmt.reply.NatReply;
import org.flowgate.mgmt.reply.NatReply.AddressRange;
import org.flowgate.mgmt.reply.NatReply.Context;
import org.flowgate.mgmt.reply.NatReply.Counters;
import org.flowgate.mgmt.reply.NatReply.ReferencedPrefixes;
import org.flowgate.mgmt.reply.Placeholders;

/**
 * The {@code <rpc-reply>} trees of the {@code show security nat} views, for {@code | display xml}
 * and {@code | display json}. Element names come from real replies where one is public and are
 * marked where they are Flowgate's (ADR 0008, addendum on NAT views):
 *
 * <pre>
 * view                 reply element                          source of the names
 * source summary       ssg-source-nat-summary-information     real (SRX 15.1X49, Toby fixtures)
 * source pool          source-nat-pool-detail-information     real (SRX 15.1 .. 20.2); error counters
 *                                                              real on MX 18.3
 * source rule          source-nat-rule-detail-information     real (SRX 15.1, 17.3); protocol entry
 *                                                              and totals of a named rule: Flowgate's
 * destination summary  destination-nat-summary-information    root from the RPC table; body Flowgate's
 * destination pool     destination-nat-pool-information       real (18.4); the total line Flowgate's
 * destination rule     destination-nat-rule-information       real (18.3); contexts, ports, protocols
 *                                                              and totals after the source rule
 * static rule          static-nat-rule-information            real (SRX 12.1X46); totals Flowgate's
 * </pre>
 *
 * Every body element carries {@code xmlns=".../RELEASE/junos-nat"} as the real replies do. Values
 * are written plainly: the device pads some ({@code <persistent-nat-type>N/A </...>}), Flowgate
 * does not. Stateless; any thread.
 */
public final class NatReplyTree {
  /** Default namespace of the NAT replies. */
  public static final String NAT_NAMESPACE =
      "http://xml.juniper.net/junos/" + JunosReplyTree.RELEASE + "/junos-nat";

  private static final List<JunosElement.Attribute> NAT_DEFAULT =
      List.of(attribute("xmlns", NAT_NAMESPACE));

  private NatReplyTree() {}

  /** The whole {@code <rpc-reply>}. */
  public static JunosElement of(NatReply reply) {
    JunosElement body =
        switch (reply) {
          case NatReply.SourceSummary r -> sourceSummary(r);
          case NatReply.SourcePools r -> sourcePools(r);
          case NatReply.SourceRules r -> sourceRules(r);
          case NatReply.DestinationSummary r -> destinationSummary(r);
          case NatReply.DestinationPools r -> destinationPools(r);
          case NatReply.DestinationRules r -> destinationRules(r);
          case NatReply.StaticRules r -> staticRules(r);
        };
    return JunosReplyTree.reply(List.of(body));
  }

  // ------------------------------------------------------------------ source

  private static JunosElement sourceSummary(NatReply.SourceSummary reply) {
    List<JunosElement> children = new ArrayList<>();
    children.add(
        container(
            "ssg-total-source-pat-port-num",
            List.of(leaf("total-source-summary-pat-port-num", reply.portsInPools()))));
    children.add(
        container(
            "ssg-max-source-pat-port-num",
            List.of(leaf("max-source-pat-port-num", reply.portsMaximum()))));
    children.add(
        container(
            "ssg-total-source-pool-num",
            List.of(leaf("total-source-summary-pools", reply.pools().size()))));
    for (NatReply.SourcePoolSummary pool : reply.pools()) {
      List<JunosElement> entry = new ArrayList<>();
      entry.add(leaf("ssg-source-pool-name", pool.name()));
      for (AddressRange range : pool.ranges()) {
        entry.add(leaf("ssg-source-pool-address-range", range.low() + "-" + range.high()));
      }
      entry.add(leaf("ssg-source-pool-routing-instance", pool.routingInstance()));
      entry.add(leaf("ssg-source-pool-pat", pool.portTranslation() ? "yes" : "no"));
      entry.add(leaf("ssg-source-pool-total-address", pool.addresses()));
      children.add(container("ssg-source-pool-entry", entry));
    }
    children.add(
        container(
            "ssg-total-source-rule-num",
            List.of(leaf("summary-total-source-rules", reply.rules().size()))));
    for (NatReply.RuleSummary rule : reply.rules()) {
      List<JunosElement> entry = new ArrayList<>();
      entry.add(leaf("ssg-source-rule-name", rule.name()));
      entry.add(leaf("ssg-source-rule-set-name", rule.ruleSet()));
      entry.add(leaf("ssg-source-rule-action", rule.action()));
      for (String from : names(rule.from())) {
        entry.add(leaf("ssg-source-rule-context-from", from));
      }
      for (String to : names(rule.to())) {
        entry.add(leaf("ssg-source-rule-context-to", to));
      }
      children.add(container("ssg-source-rule-entry", entry));
    }
    return container("ssg-source-nat-summary-information", NAT_DEFAULT, children);
  }

  private static JunosElement sourcePools(NatReply.SourcePools reply) {
    List<JunosElement> children = new ArrayList<>();
    if (reply.all()) {
      children.add(
          container(
              "total-source-nat-pools", List.of(leaf("total-source-pools", reply.pools().size()))));
    }
    for (NatReply.SourcePool pool : reply.pools()) {
      List<JunosElement> entry = new ArrayList<>();
      entry.add(leaf("pool-name", pool.name()));
      entry.add(leaf("pool-id", pool.id()));
      entry.add(leaf("routing-instance-name", pool.routingInstance()));
      entry.add(leaf("host-address-base", Placeholders.NAT_HOST_ADDRESS_BASE));
      entry.add(
          leaf(
              "source-pool-port-translation",
              pool.portTranslation()
                  ? "[" + pool.ports().low() + ", " + pool.ports().high() + "]"
                  : "no translation"));
      if (pool.hasTwinPorts()) {
        entry.add(
            leaf(
                "source-pool-twin-port",
                "[" + pool.twinPorts().low() + ", " + pool.twinPorts().high() + "]"));
      }
      entry.add(leaf("port-overloading-factor", Placeholders.NAT_PORT_OVERLOADING_FACTOR));
      entry.add(
          leaf(
              "source-pool-address-assignment", pool.addressPersistent() ? "paired" : "no-paired"));
      entry.add(leaf("total-pool-address", pool.addresses()));
      entry.add(leaf("address-pool-hits", pool.hits()));
      boolean twin = pool.hasTwinPorts();
      for (NatReply.SourcePoolRange range : pool.ranges()) {
        List<JunosElement> fields = new ArrayList<>();
        fields.add(leaf("address-range-low", range.range().low()));
        fields.add(leaf("address-range-high", range.range().high()));
        fields.add(leaf("single-port", range.portsInUse()));
        if (twin) {
          fields.add(leaf("twin-port", range.twinPortsInUse()));
        }
        entry.add(
            container(
                "source-pool-address-range",
                List.of(attribute("junos:style", twin ? "with-twin-port" : "without-twin-port")),
                fields));
      }
      entry.add(
          container(
              "source-pool-address-range-sum",
              twin
                  ? List.of(
                      leaf("single-port-sum", pool.portsInUse()),
                      leaf("twin-port-sum", pool.twinPortsInUse()))
                  : List.of(leaf("single-port-sum", pool.portsInUse()))));
      entry.add(
          container(
              "source-pool-error-counters",
              List.of(
                  leaf("out-of-port-error", pool.portTranslation() ? pool.failed() : 0),
                  leaf("out-of-addr-error", pool.portTranslation() ? 0 : pool.failed()))));
      children.add(container("source-nat-pool-info-entry", entry));
    }
    return container("source-nat-pool-detail-information", NAT_DEFAULT, children);
  }

  private static JunosElement sourceRules(NatReply.SourceRules reply) {
    List<JunosElement> children = new ArrayList<>();
    if (reply.all()) {
      children.add(
          container(
              "total-source-nat-rules", List.of(leaf("total-src-rules", reply.rules().size()))));
      children.add(referenced("total-source-nat-rule-ref-addr-num", reply.referenced()));
    }
    for (NatReply.SourceRule rule : reply.rules()) {
      List<JunosElement> entry =
          ruleHeading(rule.name(), rule.ruleSet(), rule.id(), rule.position());
      context(entry, "from", rule.from());
      context(entry, "to", rule.to());
      ranges(entry, "source-address-range-entry", "rule-source-address", rule.match().sources());
      ranges(
          entry,
          "destination-address-range-entry",
          "rule-destination-address",
          rule.match().destinations());
      ports(
          entry,
          "destination-port-entry",
          "rule-destination-port",
          rule.match().destinationPorts());
      protocols(entry, "src-nat-protocol-entry", "src-nat-protocol", rule.match().protocols());
      List<JunosElement> action = new ArrayList<>();
      action.add(leaf("source-nat-rule-action", rule.action()));
      if (rule.translates()) {
        NatReply.PersistentSettings persistent = rule.persistent();
        action.add(leaf("persistent-nat-type", persistent.type()));
        action.add(leaf("persistent-nat-mapping-type", persistent.mappingType()));
        action.add(leaf("persistent-nat-timeout", persistent.inactivityTimeout()));
        action.add(leaf("persistent-nat-max-session", persistent.maximumSessions()));
      }
      entry.add(container("source-nat-rule-action-entry", action));
      entry.add(container("source-nat-rule-hits-entry", hits(rule.counters(), true)));
      children.add(container("source-nat-rule-entry", entry));
    }
    return container("source-nat-rule-detail-information", NAT_DEFAULT, children);
  }

  // ------------------------------------------------------------------ destination

  private static JunosElement destinationSummary(NatReply.DestinationSummary reply) {
    List<JunosElement> children = new ArrayList<>();
    children.add(leaf("total-destination-summary-pools", reply.pools().size()));
    for (NatReply.DestinationPool pool : reply.pools()) {
      children.add(
          container(
              "destination-summary-pool-entry",
              List.of(
                  leaf("pool-name", pool.name()),
                  leaf("pool-address-range", pool.range().low() + "-" + pool.range().high()),
                  leaf("routing-instance-name", pool.routingInstance()),
                  leaf("address-port", pool.port()),
                  leaf("total-pool-address", pool.addresses()))));
    }
    children.add(leaf("total-destination-summary-rules", reply.rules().size()));
    for (NatReply.RuleSummary rule : reply.rules()) {
      List<JunosElement> entry = new ArrayList<>();
      entry.add(leaf("rule-name", rule.name()));
      entry.add(leaf("rule-set-name", rule.ruleSet()));
      entry.add(leaf("rule-action", rule.action()));
      for (String from : names(rule.from())) {
        entry.add(leaf("rule-from-context-name", from));
      }
      children.add(container("destination-summary-rule-entry", entry));
    }
    return container("destination-nat-summary-information", NAT_DEFAULT, children);
  }

  private static JunosElement destinationPools(NatReply.DestinationPools reply) {
    List<JunosElement> children = new ArrayList<>();
    if (reply.all()) {
      children.add(
          container(
              "total-destination-nat-pools",
              List.of(leaf("total-destination-pools", reply.pools().size()))));
    }
    for (NatReply.DestinationPool pool : reply.pools()) {
      children.add(
          container(
              "destination-nat-pool-entry",
              List.of(
                  leaf("pool-name", pool.name()),
                  leaf("pool-id", pool.id()),
                  leaf("routing-instance-name", pool.routingInstance()),
                  leaf("total-pool-address", pool.addresses()),
                  leaf("address-pool-hits", pool.hits()),
                  container(
                      "pool-address-range",
                      List.of(
                          leaf("address-range-low", pool.range().low()),
                          leaf("address-range-high", pool.range().high()),
                          leaf("address-port", pool.port()))))));
    }
    return container("destination-nat-pool-information", NAT_DEFAULT, children);
  }

  private static JunosElement destinationRules(NatReply.DestinationRules reply) {
    List<JunosElement> children = new ArrayList<>();
    if (reply.all()) {
      children.add(
          container(
              "total-destination-nat-rules",
              List.of(leaf("total-dst-rules", reply.rules().size()))));
      children.add(referenced("total-destination-nat-rule-ref-addr-num", reply.referenced()));
    }
    for (NatReply.DestinationRule rule : reply.rules()) {
      List<JunosElement> entry =
          ruleHeading(rule.name(), rule.ruleSet(), rule.id(), rule.position());
      context(entry, "from", rule.from());
      ranges(
          entry, "rule-source-address-range-entry", "rule-source-address", rule.match().sources());
      ranges(
          entry,
          "rule-destination-address-range-entry",
          "rule-destination-address",
          rule.match().destinations());
      ports(
          entry,
          "destination-port-entry",
          "rule-destination-port",
          rule.match().destinationPorts());
      protocols(entry, "dst-nat-protocol-entry", "dst-nat-protocol", rule.match().protocols());
      entry.add(leaf("destination-nat-rule-action", rule.action()));
      entry.addAll(hits(rule.counters(), true));
      children.add(container("destination-nat-rule-entry", entry));
    }
    return container("destination-nat-rule-information", NAT_DEFAULT, children);
  }

  // ------------------------------------------------------------------ static

  private static JunosElement staticRules(NatReply.StaticRules reply) {
    List<JunosElement> children = new ArrayList<>();
    if (reply.all()) {
      children.add(
          container("total-static-nat-rules", List.of(leaf("total-rules", reply.rules().size()))));
      children.add(referenced("total-static-nat-rule-ref-addr-num", reply.referenced()));
    }
    for (NatReply.StaticRule rule : reply.rules()) {
      List<JunosElement> entry =
          ruleHeading(rule.name(), rule.ruleSet(), rule.id(), rule.position());
      context(entry, "from", rule.from());
      ranges(entry, "static-source-address-range-entry", "rule-source-address", rule.sources());
      entry.add(leaf("rule-destination-address-prefix", rule.destination()));
      if (rule.destinationPort() != null) {
        entry.add(leaf("rule-destination-port-low", rule.destinationPort().low()));
        entry.add(leaf("rule-destination-port-high", rule.destinationPort().high()));
      }
      entry.add(leaf("rule-host-address-prefix", rule.host()));
      if (rule.hostPort() != null) {
        entry.add(leaf("rule-host-port-low", rule.hostPort().low()));
        entry.add(leaf("rule-host-port-high", rule.hostPort().high()));
      }
      entry.add(leaf("rule-address-netmask", rule.netmask()));
      entry.add(leaf("rule-host-routing-instance", rule.hostRoutingInstance()));
      entry.addAll(hits(rule.counters(), false));
      // The real reply marks a rule that maps ports with style "with-pat".
      children.add(
          rule.hostPort() != null
              ? container(
                  "static-nat-rule-entry", List.of(attribute("junos:style", "with-pat")), entry)
              : container("static-nat-rule-entry", entry));
    }
    return container("static-nat-rule-information", NAT_DEFAULT, children);
  }

  // ------------------------------------------------------------------ shared

  private static List<JunosElement> ruleHeading(String name, String ruleSet, int id, int position) {
    List<JunosElement> entry = new ArrayList<>();
    entry.add(leaf("rule-name", name));
    entry.add(leaf("rule-set-name", ruleSet));
    entry.add(leaf("rule-id", id));
    entry.add(leaf("rule-matching-position", position));
    return entry;
  }

  private static List<String> names(Context context) {
    return context == null ? List.of() : context.names();
  }

  /**
   * {@code rule-from-context} then one {@code rule-from-context-name} per zone, as Junos repeats
   * it.
   */
  private static void context(List<JunosElement> entry, String direction, Context context) {
    if (context == null) {
      return;
    }
    entry.add(leaf("rule-" + direction + "-context", context.kind()));
    for (String name : context.names()) {
      entry.add(leaf("rule-" + direction + "-context-name", name));
    }
  }

  /**
   * One container holding a low/high pair per range, as the static rule reply does; absent when the
   * side matches any address (the text leaves the line out too).
   */
  private static void ranges(
      List<JunosElement> entry, String container, String prefix, List<AddressRange> ranges) {
    if (ranges.isEmpty()) {
      return;
    }
    List<JunosElement> pairs = new ArrayList<>();
    for (AddressRange range : ranges) {
      pairs.add(leaf(prefix + "-low-range", range.low()));
      pairs.add(leaf(prefix + "-high-range", range.high()));
    }
    entry.add(container(container, pairs));
  }

  private static void ports(
      List<JunosElement> entry, String container, String prefix, List<PortRange> ports) {
    if (ports.isEmpty()) {
      return;
    }
    List<JunosElement> pairs = new ArrayList<>();
    for (PortRange range : ports) {
      pairs.add(leaf(prefix + "-low", range.low()));
      pairs.add(leaf(prefix + "-high", range.high()));
    }
    entry.add(container(container, pairs));
  }

  private static void protocols(
      List<JunosElement> entry, String container, String leafName, List<Integer> protocols) {
    if (protocols.isEmpty()) {
      return;
    }
    List<JunosElement> names = new ArrayList<>();
    for (int protocol : protocols) {
      names.add(leaf(leafName, ProtocolNames.name(protocol)));
    }
    entry.add(container(container, names));
  }

  private static JunosElement referenced(String name, ReferencedPrefixes referenced) {
    return container(
        name,
        List.of(leaf(name + "-v4", referenced.ipv4()), leaf(name + "-v6", referenced.ipv6())));
  }

  /** The real replies' hit counters; the static rule reply has no {@code failed-hits}. */
  private static List<JunosElement> hits(Counters counters, boolean withFailed) {
    List<JunosElement> hits = new ArrayList<>();
    hits.add(leaf("rule-translation-hits", counters.hits()));
    hits.add(leaf("succ-hits", counters.successful()));
    if (withFailed) {
      hits.add(leaf("failed-hits", counters.failed()));
    }
    hits.add(leaf("concurrent-hits", counters.sessions()));
    return hits;
  }
}
