package org.flowgate.mgmt.render;

import java.util.List;
import org.flowgate.dataplane.nat.PortRange;
import org.flowgate.mgmt.reply.NatReply;
import org.flowgate.mgmt.reply.NatReply.AddressRange;
import org.flowgate.mgmt.reply.NatReply.Context;
import org.flowgate.mgmt.reply.NatReply.Counters;
import org.flowgate.mgmt.reply.NatReply.Match;
import org.flowgate.mgmt.reply.NatReply.RuleSummary;
import org.flowgate.mgmt.reply.Placeholders;

/**
 * Junos CLI text of the {@code show security nat} views, in the vSRX style of the captures Flowgate
 * follows. Which layouts are real and which are reconstructed is recorded in ADR 0008 (addendum on
 * NAT views); in short:
 *
 * <pre>
 * destination rule, destination pool   real vSRX (samples/show-security-nat-destination-1.txt, [JP-DNAT])
 * source rule, source summary          real vSRX 24.4 ([BPFRX]); ports, protocols, failed sessions
 *                                      and continuation lines are read from the same pattern
 * source pool                          field order of a real SRX and of its XML; spacing reconstructed
 * destination summary, static rule     reconstructed after the layouts above and the static XML
 *
 * a rule                                          a pool
 *   Label padded to a fixed column : value          Pool name          : NAME
 *   second value of a field on its own line:        ...
 *     zones:      29 spaces + ": " + name           Address range                        Single Ports
 *     addresses:  31 spaces + range                      203.0.113.10 - 203.0.113.10               3
 *   ranges: low padded to 15, " - ", high                (%15s - %-15s, count right-aligned under
 *                                                         its heading)
 * </pre>
 *
 * Stateless; any thread.
 */
public final class NatTextRenderer {
  /** Where the second line of a multi-valued field puts its value (under the first one). */
  private static final String ZONE_CONTINUATION = " ".repeat(29) + ": ";

  private static final String ADDRESS_CONTINUATION = " ".repeat(31);

  private NatTextRenderer() {}

  /** The whole reply as text, each line ending in a newline. */
  public static String render(NatReply reply) {
    StringBuilder out = new StringBuilder(1024);
    switch (reply) {
      case NatReply.SourceSummary r -> sourceSummary(r, out);
      case NatReply.SourcePools r -> sourcePools(r, out);
      case NatReply.SourceRules r -> sourceRules(r, out);
      case NatReply.DestinationSummary r -> destinationSummary(r, out);
      case NatReply.DestinationPools r -> destinationPools(r, out);
      case NatReply.DestinationRules r -> destinationRules(r, out);
      case NatReply.StaticRules r -> staticRules(r, out);
    }
    return out.toString();
  }

  // ------------------------------------------------------------------ source

  /**
   * Real vSRX 24.4 layout: the two port lines, {@code Total pools}, a pool table whose columns
   * start at fixed places (a value too wide pushes the next one along by one space), a blank line,
   * {@code Total rules} and a block per rule.
   */
  private static void sourceSummary(NatReply.SourceSummary reply, StringBuilder out) {
    out.append("Total port number usage for port translation pool: ")
        .append(reply.portsInPools())
        .append('\n');
    out.append("Maximum port number for port translation pool: ")
        .append(reply.portsMaximum())
        .append('\n');
    out.append("Total pools: ").append(reply.pools().size()).append('\n');
    if (!reply.pools().isEmpty()) {
      out.append("Pool                 Address                  Routing              PAT  Total\n");
      out.append(
          "Name                 Range                    Instance                  Address\n");
      for (NatReply.SourcePoolSummary pool : reply.pools()) {
        StringBuilder row = new StringBuilder(pool.name());
        tab(row, 21).append(pool.ranges().isEmpty() ? "" : dashed(pool.ranges().getFirst()));
        tab(row, 46).append(pool.routingInstance());
        tab(row, 67).append(pool.portTranslation() ? "yes" : "no");
        tab(row, 72).append(pool.addresses());
        out.append(row).append('\n');
        for (AddressRange more :
            pool.ranges().subList(Math.min(1, pool.ranges().size()), pool.ranges().size())) {
          out.append(" ".repeat(21)).append(dashed(more)).append('\n');
        }
      }
    }
    out.append('\n');
    ruleSummaries(reply.rules(), out);
  }

  private static void sourcePools(NatReply.SourcePools reply, StringBuilder out) {
    if (reply.all()) {
      out.append("Total pools: ").append(reply.pools().size()).append('\n');
    }
    boolean first = true;
    for (NatReply.SourcePool pool : reply.pools()) {
      if (!first) {
        out.append('\n');
      }
      first = false;
      poolField(out, "Pool name", pool.name());
      poolField(out, "Pool id", Integer.toString(pool.id()));
      poolField(out, "Routing instance", pool.routingInstance());
      poolField(out, "Host address base", Placeholders.NAT_HOST_ADDRESS_BASE);
      poolField(
          out,
          "Port",
          pool.portTranslation()
              ? "[" + pool.ports().low() + ", " + pool.ports().high() + "]"
              : "no translation");
      if (pool.hasTwinPorts()) {
        poolField(
            out, "Twin port", "[" + pool.twinPorts().low() + ", " + pool.twinPorts().high() + "]");
      }
      poolField(
          out, "Port overloading", Integer.toString(Placeholders.NAT_PORT_OVERLOADING_FACTOR));
      poolField(out, "Address assignment", pool.addressPersistent() ? "paired" : "no-paired");
      poolField(out, "Total addresses", Long.toString(pool.addresses()));
      poolField(out, "Translation hits", Long.toString(pool.hits()));
      if (pool.hasTwinPorts()) {
        // a pool with twin ports: a Twin Ports column and the totals under both
        out.append("Address range                        Single Ports   Twin Ports\n");
        for (NatReply.SourcePoolRange range : pool.ranges()) {
          out.append(
              String.format(
                  "%15s - %-15s%16d%13d\n",
                  range.range().low(),
                  range.range().high(),
                  range.portsInUse(),
                  range.twinPortsInUse()));
        }
        out.append(
            String.format(
                "%-33s%16d%13d\n",
                "Total used ports   :", pool.portsInUse(), pool.twinPortsInUse()));
      } else {
        out.append("Address range                        Single Ports\n");
        for (NatReply.SourcePoolRange range : pool.ranges()) {
          out.append(
              String.format(
                  "%15s - %-15s%16d\n",
                  range.range().low(), range.range().high(), range.portsInUse()));
        }
      }
    }
  }

  private static void poolField(StringBuilder out, String label, String value) {
    field(out, "", label, 19, value);
  }

  /** Real vSRX 24.4 layout ({@code source NAT rule: NAME}, {@code Match}, persistent NAT block). */
  private static void sourceRules(NatReply.SourceRules reply, StringBuilder out) {
    if (reply.all()) {
      out.append("Total rules: ").append(reply.rules().size()).append('\n');
      referenced(reply.referenced(), out);
    }
    boolean first = true;
    for (NatReply.SourceRule rule : reply.rules()) {
      if (!first) {
        out.append('\n');
      }
      first = false;
      out.append("source NAT rule: ").append(rule.name()).append('\n');
      ruleHeading(rule.ruleSet(), rule.id(), rule.position(), out);
      context(out, "From", rule.from());
      context(out, "To", rule.to());
      out.append("  Match\n");
      match(rule.match(), out);
      field(out, "  ", "Action", 30, rule.action());
      if (rule.translates()) {
        NatReply.PersistentSettings persistent = rule.persistent();
        field(out, "    ", "Persistent NAT type", 28, persistent.type());
        field(out, "    ", "Persistent NAT mapping type", 28, persistent.mappingType());
        field(
            out,
            "    ",
            "Inactivity timeout",
            28,
            Integer.toString(persistent.inactivityTimeout()));
        field(
            out, "    ", "Max session number", 28, Integer.toString(persistent.maximumSessions()));
        field(out, "    ", "Persistent NAT block session", 28, persistent.block());
      }
      counters(rule.counters(), out);
    }
  }

  // ------------------------------------------------------------------ destination

  /**
   * Reconstructed after the source summary: pool table with a port column, then a block per rule.
   */
  private static void destinationSummary(NatReply.DestinationSummary reply, StringBuilder out) {
    out.append("Total pools: ").append(reply.pools().size()).append('\n');
    if (!reply.pools().isEmpty()) {
      out.append(
          "Pool                 Address                  Routing              Port  Total\n");
      out.append(
          "Name                 Range                    Instance                   Address\n");
      for (NatReply.DestinationPool pool : reply.pools()) {
        StringBuilder row = new StringBuilder(pool.name());
        tab(row, 21).append(dashed(pool.range()));
        tab(row, 46).append(pool.routingInstance());
        tab(row, 67).append(pool.port());
        tab(row, 73).append(pool.addresses());
        out.append(row).append('\n');
      }
    }
    out.append('\n');
    ruleSummaries(reply.rules(), out);
  }

  /** Real vSRX layout ({@code show-security-nat-destination-1.txt}). */
  private static void destinationPools(NatReply.DestinationPools reply, StringBuilder out) {
    if (reply.all()) {
      out.append("Total destination-nat pools: ").append(reply.pools().size()).append('\n');
    }
    boolean first = true;
    for (NatReply.DestinationPool pool : reply.pools()) {
      if (!first) {
        out.append('\n');
      }
      first = false;
      field(out, "", "Pool name", 16, pool.name());
      field(out, "", "Pool id", 16, Integer.toString(pool.id()));
      if (!pool.routingInstance().equals("default")) {
        field(out, "", "Routing instance", 16, pool.routingInstance());
      }
      field(out, "", "Total address", 16, Long.toString(pool.addresses()));
      field(out, "", "Translation hits", 16, Long.toString(pool.hits()));
      out.append("Address range                        Port \n");
      out.append(
          String.format("%15s - %-15s%8d\n", pool.range().low(), pool.range().high(), pool.port()));
    }
  }

  /** Real vSRX layout ({@code show-security-nat-destination-1.txt}, [BPFRX] for ports). */
  private static void destinationRules(NatReply.DestinationRules reply, StringBuilder out) {
    if (reply.all()) {
      out.append("Total destination-nat rules: ").append(reply.rules().size()).append('\n');
      referenced(reply.referenced(), out);
    }
    boolean first = true;
    for (NatReply.DestinationRule rule : reply.rules()) {
      if (!first) {
        out.append('\n');
      }
      first = false;
      out.append("Destination NAT rule: ").append(rule.name()).append('\n');
      ruleHeading(rule.ruleSet(), rule.id(), rule.position(), out);
      context(out, "From", rule.from());
      match(rule.match(), out);
      field(out, "  ", "Action", 27, rule.action());
      counters(rule.counters(), out);
    }
  }

  // ------------------------------------------------------------------ static

  /** Reconstructed: the destination rule's layout with the fields of the static rule XML. */
  private static void staticRules(NatReply.StaticRules reply, StringBuilder out) {
    if (reply.all()) {
      out.append("Total static-nat rules: ").append(reply.rules().size()).append('\n');
      referenced(reply.referenced(), out);
    }
    boolean first = true;
    for (NatReply.StaticRule rule : reply.rules()) {
      if (!first) {
        out.append('\n');
      }
      first = false;
      out.append("Static NAT rule: ").append(rule.name()).append('\n');
      ruleHeading(rule.ruleSet(), rule.id(), rule.position(), out);
      context(out, "From", rule.from());
      addresses(out, "Source addresses", rule.sources());
      field(out, "  ", "Destination addresses", 27, rule.destination());
      if (rule.destinationPort() != null) {
        field(out, "  ", "Destination port", 27, range(rule.destinationPort()));
      }
      field(out, "  ", "Host addresses", 27, rule.host());
      if (rule.hostPort() != null) {
        field(out, "  ", "Host port", 27, range(rule.hostPort()));
      }
      field(out, "  ", "Netmask", 27, Integer.toString(rule.netmask()));
      field(out, "  ", "Host routing-instance", 27, rule.hostRoutingInstance());
      counters(rule.counters(), out);
    }
  }

  // ------------------------------------------------------------------ shared

  private static void referenced(NatReply.ReferencedPrefixes referenced, StringBuilder out) {
    out.append("Total referenced IPv4/IPv6 ip-prefixes: ")
        .append(referenced.ipv4())
        .append('/')
        .append(referenced.ipv6())
        .append('\n');
  }

  private static void ruleHeading(String ruleSet, int id, int position, StringBuilder out) {
    field(out, "  ", "Rule set", 27, ruleSet);
    field(out, "  ", "Rule Id", 27, Integer.toString(id));
    field(out, "  ", "Rule position", 27, Integer.toString(position));
  }

  /** {@code From zone : a}, then {@code : b} under it for each further zone. */
  private static void context(StringBuilder out, String direction, Context context) {
    if (context == null || context.names().isEmpty()) {
      return;
    }
    String kind = context.kind().equals("routing-instance") ? "routing instance" : context.kind();
    field(out, "  ", direction + " " + kind, 27, context.names().getFirst());
    for (String name : context.names().subList(1, context.names().size())) {
      out.append(ZONE_CONTINUATION).append(name).append('\n');
    }
  }

  /** The match lines a rule has; a side that matches anything is left out, as Junos does. */
  private static void match(Match match, StringBuilder out) {
    addresses(out, "Source addresses", match.sources());
    addresses(out, "Destination addresses", match.destinations());
    List<PortRange> ports = match.destinationPorts();
    for (int i = 0; i < ports.size(); i++) {
      if (i == 0) {
        field(out, "    ", "Destination port", 25, range(ports.get(i)));
      } else {
        out.append(ADDRESS_CONTINUATION).append(range(ports.get(i))).append('\n');
      }
    }
    for (int i = 0; i < match.protocols().size(); i++) {
      String name = ProtocolNames.name(match.protocols().get(i));
      if (i == 0) {
        field(out, "    ", "IP protocol", 25, name);
      } else {
        out.append(ADDRESS_CONTINUATION).append(name).append('\n');
      }
    }
  }

  private static void addresses(StringBuilder out, String label, List<AddressRange> ranges) {
    for (int i = 0; i < ranges.size(); i++) {
      if (i == 0) {
        field(out, "    ", label, 25, range(ranges.get(i)));
      } else {
        out.append(ADDRESS_CONTINUATION).append(range(ranges.get(i))).append('\n');
      }
    }
  }

  /**
   * Hits, successes and live sessions as the real captures show them. {@code Failed sessions}
   * appears only when some translation failed: the vSRX captures leave it out (older releases print
   * it always), and a failure is what an operator must not miss.
   */
  private static void counters(Counters counters, StringBuilder out) {
    field(out, "  ", "Translation hits", 27, Long.toString(counters.hits()));
    field(out, "    ", "Successful sessions", 25, Long.toString(counters.successful()));
    if (counters.failed() > 0) {
      field(out, "    ", "Failed sessions", 25, Long.toString(counters.failed()));
    }
    field(out, "  ", "Number of sessions", 27, Long.toString(counters.sessions()));
  }

  /** The summaries' rule blocks (vSRX 24.4): name, rule set, action, then from/to pairs. */
  private static void ruleSummaries(List<RuleSummary> rules, StringBuilder out) {
    out.append("Total rules: ").append(rules.size()).append('\n');
    for (RuleSummary rule : rules) {
      out.append("Rule name : ").append(rule.name()).append('\n');
      out.append("    Rule set  : ").append(rule.ruleSet()).append('\n');
      out.append("    Action    : ").append(rule.action()).append('\n');
      List<String> from = rule.from() == null ? List.of() : rule.from().names();
      List<String> to = rule.to() == null ? List.of() : rule.to().names();
      for (int i = 0; i < Math.max(from.size(), to.size()); i++) {
        StringBuilder line =
            new StringBuilder("    From      : ").append(i < from.size() ? from.get(i) : "");
        if (i < to.size()) {
          tab(line, 38).append("To : ").append(to.get(i));
        }
        out.append(line).append('\n');
      }
    }
  }

  /** {@code indent}, the label padded to {@code width}, {@code ": "}, the value. */
  private static void field(
      StringBuilder out, String indent, String label, int width, String value) {
    out.append(indent).append(label);
    for (int i = label.length(); i < width; i++) {
      out.append(' ');
    }
    out.append(": ").append(value).append('\n');
  }

  /**
   * Pads {@code line} with spaces to {@code column}; a line already there or past it gets one
   * space.
   */
  private static StringBuilder tab(StringBuilder line, int column) {
    if (line.length() >= column) {
      return line.append(' ');
    }
    while (line.length() < column) {
      line.append(' ');
    }
    return line;
  }

  /** {@code 172.17.42.1 - 172.17.42.1}: low padded to 15, then {@code " - "} and high. */
  private static String range(AddressRange range) {
    return String.format("%-15s - %s", range.low(), range.high());
  }

  private static String range(PortRange range) {
    return String.format("%-15s - %s", range.low(), range.high());
  }

  /** {@code 50.247.115.21-50.247.115.21}, as the summaries write a range. */
  private static String dashed(AddressRange range) {
    return range.low() + "-" + range.high();
  }
}
