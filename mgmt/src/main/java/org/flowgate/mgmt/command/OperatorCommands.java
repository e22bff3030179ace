package org.flowgate.mgmt.command;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.flowgate.dataplane.control.ArpEntry;
import org.flowgate.dataplane.control.FlowEngine;
import org.flowgate.dataplane.control.Neighbour;
import org.flowgate.dataplane.net.IpAddress;
import org.flowgate.mgmt.reply.DeviceModel;
import org.flowgate.mgmt.reply.InterfacesTerseReply;
import org.flowgate.mgmt.reply.OperatorReply;
import org.flowgate.mgmt.reply.ViewReply;

/**
 * The commands issue 11 added for operators (docs/adr/0025-nat-and-operator-views.md): NAT's
 * persistent, interface-port and port-block tables and their clears, {@code show interfaces} with a
 * name or a level, {@code show arp}, {@code show ipv6 neighbors}, {@code show log} and {@code clear
 * log}. The rest of the operational layer reaches them through one command record ({@link
 * OperationalCommand.Operator}) and one case of its handler.
 *
 * <p>Thread: any; queries run on the SPU threads through the engine.
 */
final class OperatorCommands {
  static final String SHOW_PERSISTENT_NAT = "show-persistent-nat";
  static final String SHOW_PORT_BLOCK = "show-port-block";
  static final String SHOW_INTERFACE_NAT_PORTS = "show-interface-nat-ports";
  static final String CLEAR_PERSISTENT_NAT = "clear-persistent-nat";
  static final String SHOW_ARP = "show-arp";
  static final String SHOW_IPV6_NEIGHBORS = "show-ipv6-neighbors";
  static final String SHOW_LOG = "show-log";
  static final String CLEAR_LOG = "clear-log";

  private static final Set<String> COMMANDS =
      Set.of(
          SHOW_PERSISTENT_NAT,
          SHOW_PORT_BLOCK,
          SHOW_INTERFACE_NAT_PORTS,
          CLEAR_PERSISTENT_NAT,
          SHOW_ARP,
          SHOW_IPV6_NEIGHBORS,
          SHOW_LOG,
          CLEAR_LOG,
          Grammar.SHOW_INTERFACES);

  /** One of these commands, with what its line gave. */
  sealed interface Command {
    /** {@code persistent-nat-table}: {@code summary}, or the bindings a filter selects. */
    record PersistentNat(boolean summary, OperatorViews.BindingFilter filter, boolean given)
        implements Command {}

    record PortBlock() implements Command {}

    record InterfaceNatPorts() implements Command {}

    record ClearPersistentNat() implements Command {}

    /** {@code show interfaces [NAME] ...}: {@code terse} with a name, or a level. */
    record Interfaces(String name, boolean terse, OperatorReply.Level level) implements Command {}

    /** {@code show arp}; {@code hostname} null for every host. */
    record Arp(boolean resolve, String interfaceName, String hostname) implements Command {}

    /** {@code show ipv6 neighbors}; {@code host} null for every neighbour. */
    record Ipv6Neighbors(String interfaceName, String host) implements Command {}

    record ShowLog(String file) implements Command {}

    record ClearLog(String file) implements Command {}
  }

  /** What a command answers. */
  sealed interface Result {
    record Reply(ViewReply reply) implements Result {}

    /** {@code error: MESSAGE}, the same in every display. */
    record Error(String message) implements Result {}

    /** Text as it is ({@code syntax error, command is incomplete.}). */
    record Text(String text) implements Result {}

    /** No output (a clear). */
    record Done() implements Result {}
  }

  private final FlowEngine engine;
  private final LoadedConfiguration loaded;
  private final Path logDirectory;

  /**
   * @param logDirectory where {@code show log} finds files: trace files, {@code system syslog}
   *     files and the device's {@code messages}; null when the engine has none
   */
  OperatorCommands(FlowEngine engine, LoadedConfiguration loaded, Path logDirectory) {
    this.engine = engine;
    this.loaded = loaded;
    this.logDirectory = logDirectory;
  }

  static boolean handles(String command) {
    return COMMANDS.contains(command);
  }

  /** The command of a parsed line this class handles. */
  static Command of(CommandParser.Parsed parsed) {
    Map<String, String> o = parsed.options();
    return switch (parsed.command()) {
      case SHOW_PERSISTENT_NAT ->
          new Command.PersistentNat(
              parsed.has("summary"),
              parsed.has("internal-ip")
                  ? new OperatorViews.BindingFilter(
                      IpAddress.parse(o.get("internal-ip")),
                      o.containsKey("internal-port")
                          ? Integer.parseInt(o.get("internal-port"))
                          : -1,
                      o.containsKey("internal-protocol")
                          ? CommandParser.protocolNumber(o.get("internal-protocol"))
                          : -1)
                  : OperatorViews.BindingFilter.ALL,
              parsed.has(Grammar.ALL) || parsed.has("summary") || parsed.has("internal-ip"));
      case SHOW_PORT_BLOCK -> new Command.PortBlock();
      case SHOW_INTERFACE_NAT_PORTS -> new Command.InterfaceNatPorts();
      case CLEAR_PERSISTENT_NAT -> new Command.ClearPersistentNat();
      case SHOW_ARP ->
          new Command.Arp(!parsed.has("no-resolve"), o.get("interface"), o.get("hostname"));
      case SHOW_IPV6_NEIGHBORS -> new Command.Ipv6Neighbors(o.get("interface"), o.get("host"));
      case SHOW_LOG -> new Command.ShowLog(o.get(Grammar.NAME));
      case CLEAR_LOG -> new Command.ClearLog(o.get(Grammar.NAME));
      case Grammar.SHOW_INTERFACES ->
          new Command.Interfaces(
              o.get(Grammar.NAME),
              parsed.has("terse"),
              parsed.has("extensive")
                  ? OperatorReply.Level.EXTENSIVE
                  : parsed.has("detail") ? OperatorReply.Level.DETAIL : OperatorReply.Level.NORMAL);
      default -> throw new IllegalStateException("not an operator command: " + parsed.command());
    };
  }

  /** The Junos RPC of a command line (Juniper's 24.4 YANG RPC modules name each). */
  static String rpcName(String command, CommandParser.Parsed parsed) {
    return switch (command) {
      case SHOW_PERSISTENT_NAT ->
          parsed != null && parsed.has("summary")
              ? "get-persist-nat-sum"
              : parsed != null && parsed.has("internal-ip")
                  ? "retrieve-persist-nat-ip-port-information"
                  : "get-persist-nat-all";
      case SHOW_PORT_BLOCK -> "get-src-nat-port-block";
      case SHOW_INTERFACE_NAT_PORTS -> "get-interface-nat-ports-information";
      case CLEAR_PERSISTENT_NAT -> "clear-persist-nat-all";
      case SHOW_ARP -> "get-arp-table-information";
      case SHOW_IPV6_NEIGHBORS -> "get-ipv6-nd-information";
      case SHOW_LOG -> "get-log";
      case CLEAR_LOG -> "clear-log";
      case Grammar.SHOW_INTERFACES -> "get-interface-information";
      default -> throw new IllegalStateException("no RPC for " + command);
    };
  }

  /** The RPC's arguments, named as the RPC names them. */
  static List<Map.Entry<String, String>> rpcArguments(CommandParser.Parsed parsed) {
    List<Map.Entry<String, String>> arguments = new ArrayList<>();
    Map<String, String> o = parsed.options();
    switch (parsed.command()) {
      case SHOW_PERSISTENT_NAT -> {
        if (o.containsKey("internal-ip")) {
          arguments.add(Map.entry("ip", o.get("internal-ip")));
        }
        for (String option : List.of("internal-port", "internal-protocol")) {
          if (o.containsKey(option)) {
            arguments.add(Map.entry(option, o.get(option)));
          }
        }
      }
      case SHOW_LOG, CLEAR_LOG -> arguments.add(Map.entry("filename", o.get(Grammar.NAME)));
      case Grammar.SHOW_INTERFACES -> {
        if (o.containsKey(Grammar.NAME)) {
          arguments.add(Map.entry("interface-name", o.get(Grammar.NAME)));
        }
        for (String level : List.of("terse", "detail", "extensive")) {
          if (o.containsKey(level)) {
            arguments.add(Map.entry(level, ""));
          }
        }
      }
      case SHOW_ARP -> {
        if (o.containsKey("hostname")) {
          arguments.add(Map.entry("hostname", o.get("hostname")));
        }
        if (o.containsKey("no-resolve")) {
          arguments.add(Map.entry("no-resolve", ""));
        }
        if (o.containsKey("interface")) {
          arguments.add(Map.entry("interface", o.get("interface")));
        }
      }
      case SHOW_IPV6_NEIGHBORS -> {
        if (o.containsKey("host")) {
          arguments.add(Map.entry("host", o.get("host")));
        }
        if (o.containsKey("interface")) {
          arguments.add(Map.entry("interface", o.get("interface")));
        }
      }
      case CLEAR_PERSISTENT_NAT -> {}
      default -> {}
    }
    return arguments;
  }

  /** Runs a command. */
  Result answer(Command command, DeviceModel device) {
    return switch (command) {
      case Command.PersistentNat c -> {
        if (!c.given()) {
          yield new Result.Text("syntax error, command is incomplete.\n");
        }
        yield new Result.Reply(
            c.summary()
                ? OperatorViews.persistentNatSummary(device, engine.persistentNatBindings())
                : OperatorViews.persistentNatTable(
                    engine.config(), device, engine.persistentNatBindings(), c.filter()));
      }
      case Command.PortBlock c -> new Result.Reply(portBlocks());
      case Command.InterfaceNatPorts c ->
          new Result.Reply(
              OperatorViews.interfaceNatPorts(engine.config(), engine.natStatistics()));
      case Command.ClearPersistentNat c -> {
        engine.clearPersistentNat();
        yield new Result.Done();
      }
      case Command.Interfaces c -> interfaces(c);
      case Command.Arp c -> new Result.Reply(arp(c));
      case Command.Ipv6Neighbors c -> new Result.Reply(ipv6Neighbors(c));
      case Command.ShowLog c -> showLog(c.file());
      case Command.ClearLog c -> clearLog(c.file());
    };
  }

  private Result interfaces(Command.Interfaces c) {
    if (c.terse()) {
      InterfacesTerseReply all = ConfigurationViews.interfacesTerse(engine.config(), loaded);
      if (c.name() == null) {
        return new Result.Reply(all);
      }
      List<InterfacesTerseReply.Physical> chosen = new ArrayList<>();
      for (InterfacesTerseReply.Physical p : all.interfaces()) {
        if (p.name().equals(c.name())) {
          chosen.add(p);
        } else {
          for (InterfacesTerseReply.Logical unit : p.units()) {
            if (unit.name().equals(c.name())) {
              chosen.add(
                  new InterfacesTerseReply.Physical(p.name(), p.admin(), p.link(), List.of(unit)));
            }
          }
        }
      }
      return chosen.isEmpty()
          ? new Result.Error("device " + c.name() + " not found")
          : new Result.Reply(new InterfacesTerseReply(chosen));
    }
    OperatorReply.Interfaces reply =
        OperatorViews.interfaces(
            engine.config(), loaded, engine.interfaceTraffic(), c.name(), c.level());
    return reply == null
        ? new Result.Error("device " + c.name() + " not found")
        : new Result.Reply(reply);
  }

  /**
   * {@code show security nat source port-block}: every pool that allocates port blocks, in
   * configuration order, with the blocks its hosts hold now ({@link FlowEngine#portBlocks}), by
   * host, address and port.
   */
  private OperatorReply.PortBlocks portBlocks() {
    org.flowgate.dataplane.nat.NatConfig nat = engine.config().nat();
    List<org.flowgate.dataplane.control.PortBlock> held = engine.portBlocks();
    List<OperatorReply.PortBlockPool> pools = new ArrayList<>();
    for (int i = 0; i < nat.sourcePools().size(); i++) {
      org.flowgate.dataplane.nat.SourceNatPool pool = nat.sourcePools().get(i);
      if (!pool.allocatesBlocks()) {
        continue;
      }
      org.flowgate.dataplane.nat.PortBlockAllocation settings = pool.blockAllocation();
      List<OperatorReply.PortBlockEntry> entries = new ArrayList<>();
      for (org.flowgate.dataplane.control.PortBlock b : held) {
        if (b.pool() != i) {
          continue;
        }
        entries.add(
            new OperatorReply.PortBlockEntry(
                b.host().toString(),
                b.address().toString(),
                b.lowPort(),
                b.highPort(),
                b.portsUsed(),
                settings.blockSize(),
                1,
                b.active() ? "Active" : "Inactive",
                b.leftSeconds() < 0 ? "-" : Long.toString(b.leftSeconds())));
      }
      pools.add(
          new OperatorReply.PortBlockPool(
              pool.name(),
              pool.id(),
              1,
              settings.blockSize(),
              settings.maximumBlocksPerHost(),
              settings.activeBlockTimeoutSeconds(),
              settings.lastBlockRecycleTimeoutSeconds(),
              pool.addressCount() * settings.blocksIn(pool.ports()),
              entries.size(),
              entries));
    }
    return new OperatorReply.PortBlocks(pools);
  }

  /**
   * {@code show arp}: what the engine's ARP table holds. {@link FlowEngine#arpEntries} is the one
   * source: a replay resolves no neighbours, so its table is empty; live forwarding installs its
   * neighbour table there ({@link FlowEngine#useArpTable}) and nothing else feeds this view.
   */
  private OperatorReply.Arp arp(Command.Arp c) {
    List<OperatorReply.ArpRow> rows = new ArrayList<>();
    for (ArpEntry entry : engine.arpEntries()) {
      if (c.interfaceName() != null && !entry.interfaceName().equals(c.interfaceName())) {
        continue;
      }
      if (c.hostname() != null && !sameHost(c.hostname(), entry.address())) {
        continue;
      }
      String address = entry.address().toString();
      rows.add(
          new OperatorReply.ArpRow(
              entry.macText(),
              address,
              address, // no resolver: the name is the address, as Junos prints an unresolved one
              entry.interfaceName(),
              entry.permanent() ? "permanent" : "none"));
    }
    return new OperatorReply.Arp(c.resolve(), rows);
  }

  /**
   * {@code show ipv6 neighbors}: the engine's IPv6 neighbour cache ({@link
   * FlowEngine#ipv6Neighbours}), empty on a replay, what live forwarding's host thread learnt and
   * is resolving otherwise; in address order, as Junos lists it.
   */
  private OperatorReply.Ipv6Neighbors ipv6Neighbors(Command.Ipv6Neighbors c) {
    List<Neighbour> neighbours = new ArrayList<>(engine.ipv6Neighbours());
    neighbours.sort(
        java.util.Comparator.comparing(Neighbour::address).thenComparing(Neighbour::interfaceName));
    List<OperatorReply.Ipv6NeighborRow> rows = new ArrayList<>();
    for (Neighbour n : neighbours) {
      if (c.interfaceName() != null && !n.interfaceName().equals(c.interfaceName())) {
        continue;
      }
      if (c.host() != null && !sameHost(c.host(), n.address())) {
        continue;
      }
      rows.add(
          new OperatorReply.Ipv6NeighborRow(
              n.address().toString(),
              n.mac() < 0 ? "none" : ArpEntry.macText(n.mac()),
              n.state(),
              n.expiresInSeconds(),
              n.router() ? "yes" : "no",
              "no", // no SEND (RFC 3971): no entry is secure
              n.interfaceName()));
    }
    return new OperatorReply.Ipv6Neighbors(rows);
  }

  /**
   * True when {@code host} names {@code address}: an address written in any of its forms. Flowgate
   * resolves no names (the Name column of {@code show arp} is the address), so a name that is not
   * an address matches only its own text.
   */
  private static boolean sameHost(String host, org.flowgate.dataplane.net.IpAddress address) {
    try {
      return org.flowgate.dataplane.net.IpAddress.parse(host).equals(address);
    } catch (IllegalArgumentException notAnAddress) {
      return host.equals(address.toString());
    }
  }

  /** The file of the log directory {@code name} stands for, or null when it cannot be one. */
  private Path logFile(String name) {
    if (logDirectory == null
        || name == null
        || name.isEmpty()
        || name.contains("/")
        || name.contains("\\")
        || name.startsWith(".")) {
      return null;
    }
    Path file = logDirectory.resolve(name);
    return Files.isRegularFile(file) ? file : null;
  }

  /** {@code show log FILE}: the file's lines; Junos's error for a file it cannot find. */
  private Result showLog(String name) {
    Path file = logFile(name);
    if (file == null) {
      return new Result.Error("could not resolve file: " + name);
    }
    try {
      return new Result.Reply(
          new OperatorReply.LogFile(name, Files.readAllLines(file, StandardCharsets.UTF_8)));
    } catch (IOException | java.io.UncheckedIOException e) {
      return new Result.Error("could not read file: " + name);
    }
  }

  /** {@code clear log FILE}: the file is emptied (its later lines start a fresh file). */
  private Result clearLog(String name) {
    Path file = logFile(name);
    if (file == null) {
      return new Result.Error("could not resolve file: " + name);
    }
    try {
      Files.write(file, new byte[0]);
      return new Result.Done();
    } catch (IOException e) {
      return new Result.Error("could not clear file: " + name);
    }
  }
}
