package org.flowgate.mgmt.command;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.flowgate.dataplane.control.FlowEngine;
import org.flowgate.dataplane.control.ScreenStatistics;
import org.flowgate.dataplane.runtime.RuntimeConfig;
import org.flowgate.dataplane.screen.IdsOption;
import org.flowgate.dataplane.zone.FirewallInterface;
import org.flowgate.mgmt.reply.ScreenClearReply;
import org.flowgate.mgmt.reply.ScreenIdsOptionReply;
import org.flowgate.mgmt.reply.ScreenStatisticsReply;

/**
 * The screen commands: statistics of a zone (the sum of its interfaces', as Junos aggregates them)
 * or of one interface, an ids-option's status, and the clear. A zone or interface the running
 * configuration does not have, or neither or both of them, answers an error in Flowgate's words
 * (ADR 0024).
 *
 * <p>Thread: any; the counters are read through the engine's SPU queries.
 */
final class ScreenViews {
  private ScreenViews() {}

  static OperationalCommands.Answer statistics(FlowEngine engine, String zone, String iface) {
    RuntimeConfig config = engine.config();
    Selection selected = select(config, zone, iface);
    if (selected.problem() != null) {
      return selected.problem();
    }
    ScreenStatistics statistics = engine.screenStatistics();
    return new OperationalCommands.Answer.View(
        ScreenStatisticsReply.of(zone, iface, statistics.sum(selected.interfaces())));
  }

  static OperationalCommands.Answer clear(FlowEngine engine, String zone, String iface) {
    Selection selected = select(engine.config(), zone, iface);
    if (selected.problem() != null) {
      return selected.problem();
    }
    engine.clearScreenStatistics(selected.interfaces());
    return new OperationalCommands.Answer.View(ScreenClearReply.CLEARED);
  }

  static OperationalCommands.Answer idsOption(RuntimeConfig config, String name) {
    IdsOption option = name == null ? null : config.screens().named(name);
    if (option == null) {
      return new OperationalCommands.Answer.Error(
          "security screen ids-option '" + name + "' is not configured");
    }
    return new OperationalCommands.Answer.View(ScreenIdsOptionReply.of(option));
  }

  /** The interfaces a line names, or the answer when it cannot be run. */
  private record Selection(Set<String> interfaces, OperationalCommands.Answer problem) {
    static Selection of(OperationalCommands.Answer problem) {
      return new Selection(Set.of(), problem);
    }
  }

  /** The interfaces of the zone, or the one interface. */
  private static Selection select(RuntimeConfig config, String zone, String iface) {
    if (zone == null && iface == null) {
      return Selection.of(
          new OperationalCommands.Answer.Text("syntax error, command is incomplete.\n"));
    }
    if (zone != null && iface != null) {
      return Selection.of(
          new OperationalCommands.Answer.Error(
              "give zone or interface: the statistics are a zone's or an interface's"));
    }
    if (iface != null) {
      if (config.interfaceNamed(iface) == null) {
        return Selection.of(
            new OperationalCommands.Answer.Error("interface '" + iface + "' is not configured"));
      }
      return new Selection(Set.of(iface), null);
    }
    int index = config.zoneIndex(zone);
    if (index < 0) {
      return Selection.of(
          new OperationalCommands.Answer.Error("security zone '" + zone + "' is not configured"));
    }
    List<String> names = new ArrayList<>();
    for (FirewallInterface each : config.interfaces()) {
      if (each.zone() == index) {
        names.add(each.name());
      }
    }
    return new Selection(new LinkedHashSet<>(names), null);
  }
}
