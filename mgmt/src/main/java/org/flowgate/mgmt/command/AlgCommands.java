package org.flowgate.mgmt.command;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.flowgate.dataplane.control.AlgViews;
import org.flowgate.dataplane.control.FlowEngine;
import org.flowgate.dataplane.net.IpAddress;
import org.flowgate.dataplane.net.IpPrefix;
import org.flowgate.dataplane.runtime.RuntimeConfig;
import org.flowgate.mgmt.render.ProtocolNames;
import org.flowgate.mgmt.reply.AlgReply;
import org.flowgate.mgmt.reply.DeviceModel;

/**
 * The gate and resource-manager views (docs/adr/0030-gates-and-resource-manager-views.md): {@code
 * show security flow gate [FILTER]... [brief | summary]} and {@code show security resource-manager
 * (group active [N] | resource active [N] | summary)}. The rest of the operational layer reaches
 * them through one command record ({@link OperationalCommand.Alg}) and one case of its handler.
 *
 * <p>Thread: any; the queries run on the SPU threads through the engine.
 */
final class AlgCommands {
  static final String SHOW_GATES = "show-flow-gate";
  static final String SHOW_GROUPS = "show-resource-manager-groups";
  static final String SHOW_RESOURCES = "show-resource-manager-resources";
  static final String SHOW_RESOURCE_SUMMARY = "show-resource-manager-summary";

  private static final Set<String> COMMANDS =
      Set.of(SHOW_GATES, SHOW_GROUPS, SHOW_RESOURCES, SHOW_RESOURCE_SUMMARY);

  private AlgCommands() {}

  /** One of these commands, with what its line gave. */
  sealed interface Command {
    /** {@code show security flow gate}: the filters given (null when not) and the level. */
    record Gates(
        IpPrefix sourcePrefix,
        IpPrefix destinationPrefix,
        int sourcePort,
        int destinationPort,
        int protocol,
        int family,
        AlgReply.GateLevel level)
        implements Command {}

    /** {@code group active [N]}; {@code number} null for every group. */
    record Groups(String number) implements Command {}

    /** {@code resource active [N]}; {@code number} null for every resource. */
    record Resources(String number) implements Command {}

    record Summary() implements Command {}
  }

  static boolean handles(String command) {
    return COMMANDS.contains(command);
  }

  static Command of(CommandParser.Parsed parsed) {
    Map<String, String> o = parsed.options();
    return switch (parsed.command()) {
      case SHOW_GATES ->
          new Command.Gates(
              o.containsKey("source-prefix") ? IpPrefix.parse(o.get("source-prefix")) : null,
              o.containsKey("destination-prefix")
                  ? IpPrefix.parse(o.get("destination-prefix"))
                  : null,
              o.containsKey("source-port") ? Integer.parseInt(o.get("source-port")) : -1,
              o.containsKey("destination-port") ? Integer.parseInt(o.get("destination-port")) : -1,
              o.containsKey("protocol") ? CommandParser.protocolNumber(o.get("protocol")) : -1,
              !o.containsKey("family") ? 0 : o.get("family").equals("inet6") ? 6 : 4,
              parsed.has("summary")
                  ? AlgReply.GateLevel.SUMMARY
                  : parsed.has("brief") ? AlgReply.GateLevel.BRIEF : AlgReply.GateLevel.NORMAL);
      case SHOW_GROUPS -> new Command.Groups(o.get(Grammar.NAME));
      case SHOW_RESOURCES -> new Command.Resources(o.get(Grammar.NAME));
      case SHOW_RESOURCE_SUMMARY -> new Command.Summary();
      default -> throw new IllegalStateException("not a gate command: " + parsed.command());
    };
  }

  /** The Junos RPC of a command line ([PERL-METHODS] jkernel_usp_methods). */
  static String rpcName(String command) {
    return switch (command) {
      case SHOW_GATES -> "get-flow-gate-information";
      case SHOW_GROUPS -> "get-resmgr-group-active";
      case SHOW_RESOURCES -> "get-resmgr-resource-active";
      case SHOW_RESOURCE_SUMMARY -> "get-resource-manager-summary";
      default -> throw new IllegalStateException("no RPC for " + command);
    };
  }

  /** The RPC's arguments, named as the RPC names them. */
  static List<Map.Entry<String, String>> rpcArguments(CommandParser.Parsed parsed) {
    List<Map.Entry<String, String>> arguments = new ArrayList<>();
    Map<String, String> o = parsed.options();
    switch (parsed.command()) {
      case SHOW_GATES -> {
        for (String option :
            List.of(
                "source-prefix",
                "destination-prefix",
                "source-port",
                "destination-port",
                "protocol",
                "family")) {
          if (o.containsKey(option)) {
            arguments.add(Map.entry(option, o.get(option)));
          }
        }
        for (String level : List.of("summary", "brief")) {
          if (o.containsKey(level)) {
            arguments.add(Map.entry(level, ""));
          }
        }
      }
      case SHOW_GROUPS -> {
        if (o.containsKey(Grammar.NAME)) {
          arguments.add(Map.entry("group-number", o.get(Grammar.NAME)));
        }
      }
      case SHOW_RESOURCES -> {
        if (o.containsKey(Grammar.NAME)) {
          arguments.add(Map.entry("resource-number", o.get(Grammar.NAME)));
        }
      }
      default -> {}
    }
    return arguments;
  }

  /** What a command answers: a reply, or an error message. */
  sealed interface Result {
    record Reply(AlgReply reply) implements Result {}

    record Error(String message) implements Result {}
  }

  static Result answer(Command command, FlowEngine engine, DeviceModel device) {
    return switch (command) {
      case Command.Gates c -> new Result.Reply(gates(c, engine, device));
      case Command.Groups c -> {
        Integer number = number(c.number());
        yield number == null && c.number() != null
            ? new Result.Error("invalid group number: '" + c.number() + "'")
            : new Result.Reply(groups(engine, number));
      }
      case Command.Resources c -> {
        Integer number = number(c.number());
        yield number == null && c.number() != null
            ? new Result.Error("invalid resource number: '" + c.number() + "'")
            : new Result.Reply(resources(engine, number));
      }
      case Command.Summary c -> new Result.Reply(summary(engine));
    };
  }

  private static Integer number(String text) {
    if (text == null || !text.matches("[0-9]{1,10}")) {
      return null;
    }
    long value = Long.parseLong(text);
    return value <= 0xffff_ffffL ? (int) value : null;
  }

  // ------------------------------------------------------------------ gates

  static AlgReply.FlowGates gates(Command.Gates filter, FlowEngine engine, DeviceModel device) {
    RuntimeConfig config = engine.config();
    List<AlgReply.GateBlock> blocks = new ArrayList<>();
    List<AlgViews.Gate> merged = new ArrayList<>();
    List<List<AlgViews.Gate>> spus = engine.gates();
    for (int spu = 0; spu < spus.size(); spu++) {
      List<AlgViews.Gate> chosen = new ArrayList<>();
      for (AlgViews.Gate g : spus.get(spu)) {
        if (matches(filter, g)) {
          chosen.add(g);
        }
      }
      if (device.perSpuBlocks()) {
        blocks.add(new AlgReply.GateBlock(device.spuLocation(spu), entries(config, chosen)));
      } else {
        merged.addAll(chosen);
      }
    }
    if (!device.perSpuBlocks()) {
      blocks.add(new AlgReply.GateBlock(null, entries(config, merged)));
    }
    return new AlgReply.FlowGates(filter.level(), blocks);
  }

  private static boolean matches(Command.Gates f, AlgViews.Gate g) {
    if (f.family() != 0 && (f.family() == 6) != g.ipv6()) {
      return false;
    }
    if (f.protocol() >= 0 && f.protocol() != g.protocol()) {
      return false;
    }
    if (f.sourcePrefix() != null
        && (g.anySource() || !f.sourcePrefix().contains(g.sourceHi(), g.sourceLo()))) {
      return false;
    }
    if (f.destinationPrefix() != null
        && !f.destinationPrefix().contains(g.destinationHi(), g.destinationLo())) {
      return false;
    }
    if (f.sourcePort() >= 0 && g.sourcePort() != f.sourcePort()) {
      return false;
    }
    return f.destinationPort() < 0 || g.destinationPort() == f.destinationPort();
  }

  /** Gates in the order of their resource id, then their hole. */
  private static List<AlgReply.Gate> entries(RuntimeConfig config, List<AlgViews.Gate> gates) {
    List<AlgViews.Gate> sorted = new ArrayList<>(gates);
    sorted.sort(
        Comparator.comparingInt(AlgViews.Gate::groupId)
            .thenComparingInt(AlgViews.Gate::resourceId)
            .thenComparingInt(AlgViews.Gate::destinationPort));
    List<AlgReply.Gate> out = new ArrayList<>(sorted.size());
    for (AlgViews.Gate g : sorted) {
      String any = g.ipv6() ? "::" : "0.0.0.0";
      String source = g.anySource() ? any : IpAddress.format(g.sourceHi(), g.sourceLo());
      String destination = IpAddress.format(g.destinationHi(), g.destinationLo());
      int zone = config.zoneOf(g.interfaceIndex());
      out.add(
          new AlgReply.Gate(
              source,
              source,
              g.sourcePort(),
              g.sourcePort(),
              destination,
              g.destinationPort(),
              g.translates() ? any : source,
              g.translates() ? 0 : g.sourcePort(),
              g.translates() ? IpAddress.format(g.toHi(), g.toLo()) : destination,
              g.translates() ? g.toPort() : g.destinationPort(),
              ProtocolNames.name(g.protocol()),
              g.client(),
              g.clientNumber(),
              g.remainingSeconds(),
              flags(g),
              zone >= 0 && zone < config.zones().size() ? config.zones().get(zone).name() : "N/A",
              g.groupId(),
              1,
              g.groupId(),
              g.resourceId()));
    }
    return out;
  }

  /**
   * Flowgate's gate flags, shown as Junos shows its own in hex (ADR 0030).
   *
   * <pre>
   *  0x1 one-shot (closes once a connection came through)   0x4 any source address
   *  0x2 translating (NAT inside the payload)               0x8 IPv6
   * </pre>
   */
  static int flags(AlgViews.Gate g) {
    return (g.oneShot() ? 1 : 0)
        | (g.translates() ? 2 : 0)
        | (g.anySource() ? 4 : 0)
        | (g.ipv6() ? 8 : 0);
  }

  // ------------------------------------------------------------------ resource manager

  private static List<AlgViews.Group> allGroups(FlowEngine engine) {
    List<AlgViews.Group> all = new ArrayList<>();
    for (List<AlgViews.Group> spu : engine.resourceGroups()) {
      all.addAll(spu);
    }
    all.sort(Comparator.comparingInt(AlgViews.Group::groupId));
    return all;
  }

  private static List<AlgReply.Resource> resourcesOf(AlgViews.Group g) {
    List<AlgReply.Resource> out = new ArrayList<>();
    for (AlgViews.Resource r : g.resources()) {
      out.add(new AlgReply.Resource(r.resourceId(), g.groupId(), g.client()));
    }
    return out;
  }

  static AlgReply.ResourceGroups groups(FlowEngine engine, Integer number) {
    AlgViews.Pools pools = engine.resourceSummary();
    List<AlgReply.Group> groups = new ArrayList<>();
    for (AlgViews.Group g : allGroups(engine)) {
      if (number == null || g.groupId() == number) {
        groups.add(new AlgReply.Group(g.groupId(), g.client()));
      }
    }
    return new AlgReply.ResourceGroups(pools.groups(), pools.groupsInUse(), groups);
  }

  static AlgReply.ResourceResources resources(FlowEngine engine, Integer number) {
    AlgViews.Pools pools = engine.resourceSummary();
    List<AlgReply.Resource> resources = new ArrayList<>();
    for (AlgViews.Group g : allGroups(engine)) {
      for (AlgReply.Resource r : resourcesOf(g)) {
        if (number == null || r.resourceId() == number) {
          resources.add(r);
        }
      }
    }
    resources.sort(
        Comparator.comparingInt(AlgReply.Resource::groupId)
            .thenComparingInt(AlgReply.Resource::resourceId));
    return new AlgReply.ResourceResources(pools.resources(), pools.resourcesInUse(), resources);
  }

  static AlgReply.ResourceSummary summary(FlowEngine engine) {
    List<AlgViews.Group> groups = allGroups(engine);
    long clients = groups.stream().map(AlgViews.Group::client).distinct().count();
    int resources = 0;
    int sessions = 0;
    for (AlgViews.Group g : groups) {
      for (AlgViews.Resource r : g.resources()) {
        resources++;
        sessions += r.session() ? 1 : 0;
      }
    }
    return new AlgReply.ResourceSummary((int) clients, groups.size(), resources, sessions);
  }

  /** {@code show security alg sunrpc portmap}: every SPU's mappings, each once. */
  static org.flowgate.mgmt.reply.RpcAlgTableReply.Portmap portmap(FlowEngine engine) {
    List<org.flowgate.mgmt.reply.RpcAlgTableReply.Mapping> rows = new java.util.ArrayList<>();
    for (AlgViews.PortMapping m : engine.sunRpcPortmap()) {
      rows.add(
          new org.flowgate.mgmt.reply.RpcAlgTableReply.Mapping(
              org.flowgate.dataplane.net.IpAddress.format(m.hi(), m.lo()),
              m.port(),
              m.protocol() == org.flowgate.dataplane.net.IpProtocol.TCP ? "TCP" : "UDP",
              m.program()));
    }
    return new org.flowgate.mgmt.reply.RpcAlgTableReply.Portmap(rows);
  }

  /** {@code show security alg msrpc object-id-map}: every SPU's UUIDs, each once. */
  static org.flowgate.mgmt.reply.RpcAlgTableReply.ObjectIdMap objectIdMap(FlowEngine engine) {
    List<org.flowgate.mgmt.reply.RpcAlgTableReply.ObjectId> rows = new java.util.ArrayList<>();
    for (AlgViews.ObjectId o : engine.msRpcObjectIds()) {
      rows.add(new org.flowgate.mgmt.reply.RpcAlgTableReply.ObjectId(o.uuid(), o.objectId()));
    }
    return new org.flowgate.mgmt.reply.RpcAlgTableReply.ObjectIdMap(rows);
  }
}
