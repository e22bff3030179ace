package org.flowgate.mgmt.command;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import org.flowgate.dataplane.control.AlgViews;
import org.flowgate.dataplane.control.EngineStoppedException;
import org.flowgate.dataplane.control.FlowEngine;
import org.flowgate.dataplane.control.FlowSummary;
import org.flowgate.dataplane.control.SessionFilter;
import org.flowgate.dataplane.control.SessionSnapshot;
import org.flowgate.dataplane.control.SpuMonitor;
import org.flowgate.dataplane.nat.NatStatistics;
import org.flowgate.dataplane.runtime.RuntimeConfig;
import org.flowgate.mgmt.pipe.Display;
import org.flowgate.mgmt.pipe.LineSink;
import org.flowgate.mgmt.pipe.LineSplitter;
import org.flowgate.mgmt.pipe.PipeChain;
import org.flowgate.mgmt.regex.BoundedRegex;
import org.flowgate.mgmt.render.FlowSessionReplyStream;
import org.flowgate.mgmt.render.FlowSessionTextRenderer;
import org.flowgate.mgmt.render.FlowSessionTextStream;
import org.flowgate.mgmt.render.FlowSummaryTextRenderer;
import org.flowgate.mgmt.render.JsonReplyWriter;
import org.flowgate.mgmt.render.JunosElement;
import org.flowgate.mgmt.render.JunosJson;
import org.flowgate.mgmt.render.JunosReplyTree;
import org.flowgate.mgmt.render.JunosXml;
import org.flowgate.mgmt.render.NatReplyTree;
import org.flowgate.mgmt.render.NatTextRenderer;
import org.flowgate.mgmt.render.ReplyWriter;
import org.flowgate.mgmt.render.ViewReplyTree;
import org.flowgate.mgmt.render.ViewTextRenderer;
import org.flowgate.mgmt.render.XmlReplyWriter;
import org.flowgate.mgmt.reply.AlgStatusReply;
import org.flowgate.mgmt.reply.ChassisHardwareReply;
import org.flowgate.mgmt.reply.DeviceModel;
import org.flowgate.mgmt.reply.FlowSessionClearReply;
import org.flowgate.mgmt.reply.FlowSessionReply;
import org.flowgate.mgmt.reply.FlowStatisticsReply;
import org.flowgate.mgmt.reply.FlowStatusReply;
import org.flowgate.mgmt.reply.FlowSummaryReply;
import org.flowgate.mgmt.reply.MonitoringReply;
import org.flowgate.mgmt.reply.NatReplies;
import org.flowgate.mgmt.reply.NatReply;
import org.flowgate.mgmt.reply.Placeholders;
import org.flowgate.mgmt.reply.SpuSessions;
import org.flowgate.mgmt.reply.UptimeReply;
import org.flowgate.mgmt.reply.VersionReply;
import org.flowgate.mgmt.reply.ViewReply;

/**
 * Runs operational commands against a {@link FlowEngine} and answers in Junos text, XML or JSON.
 * The grammar is {@link Grammar}; words may be abbreviated, {@code ?} lists what may come next, and
 * the output may go through the pipes of {@link PipeChain} and {@link Display}.
 *
 * <pre>
 * line ─► CommandParser ─► OperationalCommand (sealed) ─► handler: engine query ─► reply model
 *      ─► text renderer | reply tree ─► XmlReplyWriter | JsonReplyWriter ─► pipes ─► out
 * session lists: engine.streamSessions ─► a chunk at a time ─► FlowSessionTextStream |
 *                FlowSessionReplyStream ─► pipes ─► out   (never held whole, in any display)
 * </pre>
 *
 * A bad line answers as Junos does: the line, a caret under the word that does not fit, and the
 * reason. Nothing here throws at a user.
 *
 * <p>Thread: any; every query runs on the SPU threads through the engine.
 */
public final class OperationalCommands {
  /** Slots an SPU scans for one chunk of a streamed list before it goes back to its packets. */
  private static final int STREAM_CHUNK_SLOTS = 1 << 16;

  /** Where streamed session lists come from: the engine, or a test's chunks. */
  @FunctionalInterface
  interface SessionSource {
    long[] stream(SessionFilter filter, int chunkSlots, FlowEngine.SessionChunkConsumer consumer);
  }

  private final FlowEngine engine;
  private final LoadedConfiguration loaded;
  private final SessionSource sessions;
  private final java.time.Clock clock;

  /** When this management started: what {@code show system uptime} calls booting (ADR 0020). */
  private final java.time.Instant booted;

  /** Where {@code show log} and {@code clear log} find files; null when there is none. */
  private java.nio.file.Path logDirectory;

  /** Commands for an engine running the factory default (no configuration text). */
  public OperationalCommands(FlowEngine engine) {
    this(engine, null);
  }

  /**
   * Commands for an engine running {@code loaded}; {@code show configuration} prints it. Null when
   * the engine runs the factory default.
   */
  public OperationalCommands(FlowEngine engine, LoadedConfiguration loaded) {
    this(engine, loaded, engine::streamSessions, java.time.Clock.systemUTC());
  }

  OperationalCommands(
      FlowEngine engine,
      LoadedConfiguration loaded,
      SessionSource sessions,
      java.time.Clock clock) {
    this.engine = engine;
    this.loaded = loaded;
    this.sessions = sessions;
    this.clock = clock;
    this.booted = clock.instant();
  }

  /**
   * Sets the directory {@code show log FILE} reads and {@code clear log FILE} empties: trace files,
   * {@code system syslog} files, and the device's {@code messages}. Returns this.
   */
  public OperationalCommands logDirectory(java.nio.file.Path directory) {
    this.logDirectory = directory;
    return this;
  }

  /** Output of one command line, newline-terminated. */
  public String execute(String line) {
    StringBuilder out = new StringBuilder();
    execute(line, out);
    return out.toString();
  }

  /**
   * Writes the output of one command line to {@code out} as it is produced: a session list of any
   * size streams from the SPUs a chunk at a time through the pipes, never held whole, in text, XML
   * and JSON alike.
   *
   * @return false when the line was refused as a syntax error (the line, a caret and the reason
   *     were written instead of output), true when it ran
   */
  public boolean execute(String line, Appendable out) {
    return switch (CommandParser.parse(line)) {
      case CommandParser.SyntaxError error -> {
        append(out, syntaxError(line, error));
        yield false;
      }
      case CommandParser.Help help -> {
        append(out, help(help));
        yield true;
      }
      case CommandParser.Parsed parsed -> run(line, parsed, out);
    };
  }

  /** Words that complete the last word of {@code line}, for TAB. */
  public List<String> completions(String line) {
    return CommandParser.completions(line).stream().map(Grammar.Node::word).toList();
  }

  /** True when the line asks for output without paging ({@code | no-more}). */
  public static boolean noMore(String line) {
    return CommandParser.parse(line) instanceof CommandParser.Parsed parsed
        && PipeChain.noMore(parsed.pipes());
  }

  private boolean run(String line, CommandParser.Parsed parsed, Appendable out) {
    List<List<String>> textPipes = new ArrayList<>();
    Display display = Display.TEXT;
    for (List<String> pipe : parsed.pipes()) {
      Display asked = Display.of(pipe);
      if (asked == null) {
        textPipes.add(pipe); // a text pipe, or a display this CLI does not know: a bad pipe
      } else {
        display = asked;
      }
    }
    if (display == Display.SET && !parsed.command().equals(Grammar.SHOW_CONFIGURATION)) {
      int column = line.indexOf("set", line.indexOf('|'));
      append(
          out,
          syntaxError(
              line,
              new CommandParser.SyntaxError(
                  column < 0 ? line.length() : column,
                  "syntax error, display set is only for show configuration.",
                  List.of())));
      return false;
    }
    LineSink sink = PipeChain.build(textPipes, out);
    if (sink == null) {
      append(out, badPipe(line, textPipes));
      return false;
    }
    LineSplitter lines = new LineSplitter(sink);
    boolean answered = true;
    try {
      if (display == Display.XML_RPC) { // shows the RPC without running it, as Junos does
        lines.accept(JunosXml.write(JunosReplyTree.of(Grammar.rpc(parsed))));
      } else {
        answered = answer(OperationalCommand.of(parsed), display, lines);
      }
      lines.finish();
    } catch (BoundedRegex.TooComplex e) { // | match or | except: the rest is not shown
      append(out, "error: " + e.getMessage() + "; output stopped\n");
      return false;
    } catch (EngineStoppedException e) { // the engine was closed: nothing will answer
      append(out, "error: " + e.getMessage() + "\n");
      return false;
    }
    return answered;
  }

  /**
   * Runs one command and writes its reply in {@code display} to {@code lines}; false when the reply
   * is an {@code error:} (a zone, an application, a group the command names does not exist), so
   * that {@code flowgate -c} exits non-zero as for a syntax error.
   */
  private boolean answer(OperationalCommand command, Display display, LineSplitter lines) {
    boolean answered = true;
    switch (command) {
      case OperationalCommand.ShowSessions c -> streamSessions(c, display, lines);
      case OperationalCommand.ShowSessionById c ->
          answered &= render(sessionById(c), display, lines);
      case OperationalCommand.ShowSessionSummary c ->
          answered &= render(summary(c), display, lines);
      case OperationalCommand.ClearSessions c -> answered &= render(clear(c), display, lines);
      case OperationalCommand.ShowStatistics c -> answered &= render(statistics(), display, lines);
      case OperationalCommand.ClearCounters c ->
          answered &= render(clearCounters(c), display, lines);
      case OperationalCommand.ShowStatus c ->
          answered &=
              render(
                  new Answer.View(
                      FlowStatusReply.flowgate(engine.config().settings().trace().active())),
                  display,
                  lines);
      case OperationalCommand.ShowMonitoring c -> answered &= render(monitoring(), display, lines);
      case OperationalCommand.ShowVersion c ->
          answered &= render(new Answer.View(VersionReply.of(device())), display, lines);
      case OperationalCommand.ShowSystemUptime c -> answered &= render(uptime(), display, lines);
      case OperationalCommand.ShowChassisHardware c ->
          answered &= render(new Answer.View(ChassisHardwareReply.of(device())), display, lines);
      case OperationalCommand.ShowConfiguration c -> configuration(c, display, lines);
      case OperationalCommand.ShowAlgStatus c ->
          answered &=
              render(
                  new Answer.View(AlgStatusReply.of(engine.config().algStatus())), display, lines);
      case OperationalCommand.ShowAlgSipCalls c ->
          answered &=
              render(
                  new Answer.View(
                      org.flowgate.mgmt.reply.SipCallsReply.of(engine.sipCalls(), c.detail())),
                  display,
                  lines);
      case OperationalCommand.ShowAlgSipCounters c ->
          answered &=
              render(
                  new Answer.View(
                      org.flowgate.mgmt.reply.SipCountersReply.of(engine.sipCounters())),
                  display,
                  lines);
      case OperationalCommand.ShowAlgSunRpcPortmap c ->
          answered &= render(new Answer.View(AlgCommands.portmap(engine)), display, lines);
      case OperationalCommand.ShowAlgMsRpcObjectIdMap c ->
          answered &= render(new Answer.View(AlgCommands.objectIdMap(engine)), display, lines);
      case OperationalCommand.ShowZones c ->
          answered &=
              render(new Answer.View(ConfigurationViews.zones(engine.config())), display, lines);
      case OperationalCommand.ShowPolicies c -> {
        ConfigurationViews.PolicySelection select =
            new ConfigurationViews.PolicySelection(
                c.fromZone(), c.toZone(), c.policyName(), c.global());
        answered &=
            render(
                new Answer.View(
                    c.hitCount()
                        ? ConfigurationViews.hitCount(engine.config(), engine.policyHits(), select)
                        : ConfigurationViews.policies(engine.config(), loaded, c.detail(), select)),
                display,
                lines);
      }
      case OperationalCommand.ShowMatchPolicies c ->
          answered &= render(matchPolicies(c), display, lines);
      case OperationalCommand.ShowRoute c ->
          answered &=
              render(
                  new Answer.View(
                      ConfigurationViews.routes(
                          engine.config(),
                          engine.routeAges(),
                          engine.time(),
                          c.prefix() == null
                              ? null
                              : org.flowgate.dataplane.net.IpPrefix.parse(c.prefix()))),
                  display,
                  lines);
      case OperationalCommand.ShowInterfacesTerse c ->
          answered &=
              render(
                  new Answer.View(ConfigurationViews.interfacesTerse(engine.config(), loaded)),
                  display,
                  lines);
      case OperationalCommand.ShowNat c -> answered &= render(nat(c), display, lines);
      case OperationalCommand.ShowScreenStatistics c ->
          answered &=
              render(ScreenViews.statistics(engine, c.zone(), c.interfaceName()), display, lines);
      case OperationalCommand.ShowScreenIdsOption c ->
          answered &= render(ScreenViews.idsOption(engine.config(), c.name()), display, lines);
      case OperationalCommand.ClearScreenStatistics c ->
          answered &=
              render(ScreenViews.clear(engine, c.zone(), c.interfaceName()), display, lines);
      case OperationalCommand.Operator c ->
          answered &= render(operator(c.command()), display, lines);
      case OperationalCommand.Alg c ->
          answered &=
              render(
                  switch (AlgCommands.answer(c.command(), engine, device())) {
                    case AlgCommands.Result.Reply r -> new Answer.View(r.reply());
                    case AlgCommands.Result.Error r -> new Answer.Error(r.message());
                  },
                  display,
                  lines);
      case OperationalCommand.ShowAppId c -> answered &= render(appId(c), display, lines);
      case OperationalCommand.ShowAppGroups c -> {
        org.flowgate.mgmt.reply.AppServicesReply groups =
            org.flowgate.mgmt.reply.AppServicesReply.groupView(engine.config(), c.name());
        answered &=
            render(
                groups == null
                    ? new Answer.Error("application group '" + c.name() + "' does not exist")
                    : new Answer.View(groups),
                display,
                lines);
      }
      case OperationalCommand.ShowAppServices c ->
          answered &=
              render(
                  new Answer.View(
                      org.flowgate.mgmt.reply.AppServicesReply.of(
                          c.kind(), engine.trafficControlStatistics())),
                  display,
                  lines);
    }
    return answered;
  }

  /** One of issue 11's operator commands. */
  private Answer operator(OperatorCommands.Command command) {
    return switch (new OperatorCommands(engine, loaded, logDirectory).answer(command, device())) {
      case OperatorCommands.Result.Reply r -> new Answer.View(r.reply());
      case OperatorCommands.Result.Error r -> new Answer.Error(r.message());
      case OperatorCommands.Result.Text r -> new Answer.Text(r.text());
      case OperatorCommands.Result.Done r -> new Answer.Done();
    };
  }

  // ------------------------------------------------------------------ answers

  /** One command's answer before it is rendered. */
  sealed interface Answer {
    record Sessions(FlowSessionReply reply) implements Answer {}

    record Summary(FlowSummaryReply reply) implements Answer {}

    record Cleared(FlowSessionClearReply reply) implements Answer {}

    record Text(String text) implements Answer {}

    /** A {@code show security nat} view. */
    record Nat(NatReply reply) implements Answer {}

    /** A {@code show services application-identification} view (ADR 0023). */
    record AppId(org.flowgate.mgmt.reply.AppIdReply reply) implements Answer {}

    /** A command that cannot be answered ({@code error: …}), the same in every display. */
    record Error(String message) implements Answer {}

    /** A command that answers with no output (the counter clears). */
    record Done() implements Answer {}

    /** A view rendered whole from its reply model. */
    record View(ViewReply reply) implements Answer {}
  }

  /** Writes the answer; false when it is an error. */
  private static boolean render(Answer answer, Display display, LineSplitter lines) {
    if (answer instanceof Answer.Error error) {
      lines.accept("error: " + error.message() + "\n");
      return false;
    }
    if (display == Display.TEXT || display == Display.SET) {
      lines.accept(
          switch (answer) {
            case Answer.Sessions r -> FlowSessionTextRenderer.render(r.reply());
            case Answer.Summary r -> FlowSummaryTextRenderer.render(r.reply());
            case Answer.Cleared r -> r.reply().clearedSessions() + " active sessions cleared\n";
            case Answer.Text r -> r.text();
            case Answer.Nat r -> NatTextRenderer.render(r.reply());
            case Answer.AppId r -> org.flowgate.mgmt.render.AppIdTextRenderer.render(r.reply());
            case Answer.View r -> ViewTextRenderer.render(r.reply());
            case Answer.Done r -> "";
            case Answer.Error r -> "error: " + r.message() + "\n";
          });
      return true;
    }
    JunosElement tree =
        switch (answer) {
          case Answer.Sessions r -> JunosReplyTree.of(r.reply());
          case Answer.Summary r -> JunosReplyTree.of(r.reply());
          case Answer.Cleared r -> JunosReplyTree.of(r.reply());
          case Answer.Nat r -> NatReplyTree.of(r.reply());
          case Answer.View r -> ViewReplyTree.of(r.reply());
          case Answer.Done r -> JunosReplyTree.reply(List.of());
          case Answer.Text r -> null;
          case Answer.AppId r -> org.flowgate.mgmt.render.AppIdReplyTree.of(r.reply());
          case Answer.Error r -> null;
        };
    if (tree == null) {
      lines.accept(
          "error: this command has no "
              + (display == Display.XML ? "XML" : "JSON")
              + " form yet\n");
      return true;
    }
    lines.accept(display == Display.XML ? JunosXml.write(tree) : JunosJson.write(tree));
    return true;
  }

  // ------------------------------------------------------------------ sessions

  /**
   * A session list, which may be of any size: streamed a chunk at a time in every display. Each
   * chunk is rendered and handed to the pipes before the next is asked for.
   */
  private void streamSessions(
      OperationalCommand.ShowSessions command, Display display, LineSplitter lines) {
    boolean multiSpu = device().perSpuBlocks();
    if (display == Display.TEXT) {
      FlowSessionTextStream stream = new FlowSessionTextStream(command.view(), multiSpu, lines);
      if (!command.selectsNothing()) {
        sessions.stream(
            command.query().toFilter(),
            STREAM_CHUNK_SLOTS,
            (spu, chunk) -> {
              stream.spu(spu);
              chunk.forEach(stream::session);
            });
      }
      stream.end(engine.spuCount());
      return;
    }
    Writer writer = new BufferedWriter(lines.writer(), 8192);
    ReplyWriter replyWriter =
        display == Display.XML ? new XmlReplyWriter(writer) : new JsonReplyWriter(writer);
    FlowSessionReplyStream stream =
        new FlowSessionReplyStream(command.view(), multiSpu, replyWriter);
    if (!command.selectsNothing()) {
      sessions.stream(
          command.query().toFilter(),
          STREAM_CHUNK_SLOTS,
          (spu, chunk) -> {
            stream.spu(spu);
            chunk.forEach(stream::session);
            stream.flush();
          });
    }
    stream.end(engine.spuCount());
  }

  private Answer sessionById(OperationalCommand.ShowSessionById command) {
    long id = command.sessionId();
    SessionSnapshot found = engine.session(id);
    int spu = found != null ? found.spu() : (int) Math.min(engine.spuCount() - 1, id >>> 32);
    return new Answer.Sessions(
        new FlowSessionReply(
            FlowSessionReply.View.EXTENSIVE,
            device().perSpuBlocks(),
            List.of(new SpuSessions(spu, found == null ? List.of() : List.of(found)))));
  }

  private Answer summary(OperationalCommand.ShowSessionSummary command) {
    List<FlowSummary> perSpu;
    if (command.selectsNothing()) {
      perSpu = new ArrayList<>();
      for (FlowSummary each : engine.summaries()) {
        perSpu.add(
            new FlowSummary(each.spu(), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, each.maximumSessions()));
      }
    } else {
      perSpu =
          command.query().isAll()
              ? engine.summaries()
              : engine.summaries(command.query().toFilter());
    }
    return new Answer.Summary(new FlowSummaryReply(device().perSpuBlocks(), perSpu));
  }

  private Answer clear(OperationalCommand.ClearSessions command) {
    if (!command.given()) {
      return new Answer.Text("syntax error, command is incomplete.\n");
    }
    long cleared = command.selectsNothing() ? 0 : engine.clear(command.query().toFilter());
    return new Answer.Cleared(new FlowSessionClearReply(cleared));
  }

  /**
   * {@code show security match-policies}: the running generation's policy lookup for the packet the
   * line describes. A zone the configuration does not have is an error (Flowgate's words).
   */
  private Answer matchPolicies(OperationalCommand.ShowMatchPolicies command) {
    ConfigurationViews.MatchQuery query = command.query();
    org.flowgate.mgmt.reply.MatchPoliciesReply reply =
        ConfigurationViews.matchPolicies(engine.config(), loaded, query);
    if (reply == null) {
      String zone =
          engine.config().zoneIndex(query.fromZone()) < 0 ? query.fromZone() : query.toZone();
      return new Answer.Error("security zone '" + zone + "' is not configured");
    }
    return new Answer.View(reply);
  }

  /**
   * {@code show configuration [PATH]}: text or {@code | display set} as the statements print, XML
   * and JSON as Junos writes configuration data, with the commit on {@code <configuration>}.
   */
  private void configuration(
      OperationalCommand.ShowConfiguration command, Display display, LineSplitter lines) {
    String release = device().junosVersion();
    switch (display) {
      case XML, JSON -> {
        List<org.flowgate.config.text.ConfigStatement> statements =
            ConfigurationViews.statements(loaded, engine.config(), command.path());
        String version =
            command.path().isEmpty() && !ConfigurationViews.hasVersion(statements) ? release : null;
        org.flowgate.mgmt.render.ConfigurationTree.Commit commit =
            ConfigurationViews.commit(loaded, booted);
        lines.accept(
            display == Display.XML
                ? JunosXml.write(
                    org.flowgate.mgmt.render.ConfigurationTree.xml(statements, version, commit))
                : org.flowgate.mgmt.render.ConfigurationTree.json(statements, version, commit));
      }
      default ->
          render(
              new Answer.Text(
                  ConfigurationViews.configuration(
                      loaded,
                      engine.config(),
                      command.path(),
                      display == Display.SET,
                      booted,
                      release)),
              Display.TEXT,
              lines);
    }
  }

  // ------------------------------------------------------------------ NAT

  /**
   * A {@code show security nat} view of the running generation and its counters summed over the
   * SPUs. A pool or rule named that the configuration does not have is an error, not an empty view.
   */
  private Answer nat(OperationalCommand.ShowNat command) {
    RuntimeConfig config = engine.config();
    NatStatistics statistics = engine.natStatistics();
    String name = command.name();
    NatReply reply =
        switch (command.view()) {
          case Grammar.SHOW_NAT_SOURCE_SUMMARY ->
              NatReplies.sourceSummary(config, Placeholders.natMaximumPatPorts(engine.platform()));
          case Grammar.SHOW_NAT_SOURCE_POOL -> NatReplies.sourcePools(config, statistics, name);
          case Grammar.SHOW_NAT_SOURCE_RULE -> NatReplies.sourceRules(config, statistics, name);
          case Grammar.SHOW_NAT_DESTINATION_SUMMARY ->
              NatReplies.destinationSummary(config, statistics);
          case Grammar.SHOW_NAT_DESTINATION_POOL ->
              NatReplies.destinationPools(config, statistics, name);
          case Grammar.SHOW_NAT_DESTINATION_RULE ->
              NatReplies.destinationRules(config, statistics, name);
          case Grammar.SHOW_NAT_STATIC_RULE -> NatReplies.staticRules(config, statistics, name);
          default -> throw new IllegalStateException("not a NAT view: " + command.view());
        };
    String missing =
        switch (reply) {
          case NatReply.SourcePools r when r.pools().isEmpty() && !r.all() -> "source NAT pool";
          case NatReply.SourceRules r when r.rules().isEmpty() && !r.all() -> "source NAT rule";
          case NatReply.DestinationPools r when r.pools().isEmpty() && !r.all() ->
              "destination NAT pool";
          case NatReply.DestinationRules r when r.rules().isEmpty() && !r.all() ->
              "destination NAT rule";
          case NatReply.StaticRules r when r.rules().isEmpty() && !r.all() -> "static NAT rule";
          default -> null;
        };
    return missing == null
        ? new Answer.Nat(reply)
        : new Answer.Error(missing + " '" + name + "' is not configured");
  }

  // ------------------------------------------------------------------ application identification

  /**
   * A {@code show services application-identification} view: the running generation's catalog, or
   * the SPUs' statistics and caches. An application the catalog does not have is an error.
   */
  private Answer appId(OperationalCommand.ShowAppId command) {
    return switch (command.view()) {
      case Grammar.SHOW_APPID_SUMMARY ->
          new Answer.AppId(new org.flowgate.mgmt.reply.AppIdReply.Summary(engine.applications()));
      case Grammar.SHOW_APPID_DETAIL -> {
        org.flowgate.dataplane.control.ApplicationDefinition found =
            engine.application(command.name());
        yield found == null
            ? new Answer.Error("application '" + command.name() + "' does not exist")
            : new Answer.AppId(new org.flowgate.mgmt.reply.AppIdReply.Detail(found));
      }
      case Grammar.SHOW_APPID_STATISTICS, Grammar.SHOW_APPID_GROUP_STATISTICS ->
          new Answer.AppId(
              new org.flowgate.mgmt.reply.AppIdReply.Statistics(
                  engine.applicationStatistics(),
                  command.view().equals(Grammar.SHOW_APPID_GROUP_STATISTICS)));
      case Grammar.SHOW_APPID_CACHE -> {
        List<org.flowgate.dataplane.control.ApplicationCacheEntries> spus =
            engine.applicationSystemCache();
        if (!device().perSpuBlocks() && spus.size() > 1) {
          // one device, one cache: every SPU keeps the same replica (ADR 0041)
          spus = spus.subList(0, 1);
        }
        yield new Answer.AppId(
            new org.flowgate.mgmt.reply.AppIdReply.SystemCache(
                !spus.isEmpty() && spus.getFirst().enabled(),
                spus.isEmpty() ? 0 : spus.getFirst().timeoutSeconds(),
                device().perSpuBlocks(),
                spus));
      }
      default -> throw new IllegalStateException("not an AppID view: " + command.view());
    };
  }

  // ------------------------------------------------------------------ flow views

  /** The device this engine presents itself as: every device-dependent choice comes from it. */
  private DeviceModel device() {
    return DeviceModel.of(engine);
  }

  /**
   * The counter clears. Junos answers them with no output; their XML reply is an {@code
   * <rpc-reply>} holding only the CLI trailer (ADR 0020).
   */
  private Answer clearCounters(OperationalCommand.ClearCounters command) {
    if (command.name() != null) {
      return clearNamedNat(command.what(), command.name());
    }
    switch (command.what()) {
      case Grammar.CLEAR_POLICY_HIT_COUNT -> engine.clearPolicyHits();
      case Grammar.CLEAR_FLOW_STATISTICS -> engine.clearStatistics();
      case Grammar.CLEAR_NAT_SOURCE_RULES -> engine.clearNatRuleStatistics(true);
      case Grammar.CLEAR_NAT_DESTINATION_RULES -> engine.clearNatRuleStatistics(false);
      case Grammar.CLEAR_NAT_SOURCE_POOLS -> engine.clearNatPoolStatistics(true);
      case Grammar.CLEAR_NAT_DESTINATION_POOLS -> engine.clearNatPoolStatistics(false);
      case Grammar.CLEAR_NAT_STATIC_RULES -> engine.clearStaticNatRuleStatistics();
      case Grammar.CLEAR_APPID_CACHE -> engine.clearApplicationSystemCache();
      case Grammar.CLEAR_APPID_STATISTICS -> engine.clearApplicationStatistics();
      case Grammar.CLEAR_ALG_SIP_CALLS -> engine.clearAlg(AlgViews.Clear.SIP_CALLS);
      case Grammar.CLEAR_ALG_SIP_COUNTERS -> engine.clearAlg(AlgViews.Clear.SIP_COUNTERS);
      case Grammar.CLEAR_ALG_SUNRPC_PORTMAP -> engine.clearAlg(AlgViews.Clear.SUNRPC_PORTMAP);
      default -> throw new IllegalStateException("not a clear: " + command.what());
    }
    return new Answer.Done();
  }

  /**
   * {@code clear security nat statistics (source | destination | static) (rule | pool) NAME}: only
   * that rule set's (or rule's) or pool's counters; a name the running configuration lacks is an
   * error and clears nothing.
   */
  private Answer clearNamedNat(String what, String name) {
    org.flowgate.dataplane.nat.NatConfig nat = engine.config().nat();
    switch (what) {
      case Grammar.CLEAR_NAT_SOURCE_POOLS, Grammar.CLEAR_NAT_DESTINATION_POOLS -> {
        boolean source = what.equals(Grammar.CLEAR_NAT_SOURCE_POOLS);
        boolean known =
            source
                ? nat.sourcePools().stream().anyMatch(p -> p.name().equals(name))
                : nat.destinationPools().stream().anyMatch(p -> p.name().equals(name));
        if (!known) {
          return new Answer.Error(
              (source ? "source" : "destination") + " NAT pool '" + name + "' is not configured");
        }
        engine.clearNatPoolStatistics(source, name);
      }
      case Grammar.CLEAR_NAT_SOURCE_RULES,
          Grammar.CLEAR_NAT_DESTINATION_RULES,
          Grammar.CLEAR_NAT_STATIC_RULES -> {
        int kind =
            what.equals(Grammar.CLEAR_NAT_SOURCE_RULES)
                ? 0
                : what.equals(Grammar.CLEAR_NAT_DESTINATION_RULES) ? 1 : 2;
        List<? extends org.flowgate.dataplane.nat.NatRule> rules =
            kind == 0 ? nat.sourceRules() : kind == 1 ? nat.destinationRules() : nat.staticRules();
        List<org.flowgate.dataplane.nat.NatRuleSet> sets =
            kind == 0
                ? nat.sourceRuleSets()
                : kind == 1 ? nat.destinationRuleSets() : nat.staticRuleSets();
        boolean known =
            sets.stream().anyMatch(s -> s.name().equals(name))
                || rules.stream().anyMatch(r -> r.name().equals(name));
        if (!known) {
          return new Answer.Error(
              (kind == 0 ? "source" : kind == 1 ? "destination" : "static")
                  + " NAT rule-set '"
                  + name
                  + "' is not configured");
        }
        engine.clearNatRuleSetStatistics(kind, name);
      }
      default -> {
        return new Answer.Error("'" + name + "' cannot be cleared by name");
      }
    }
    return new Answer.Done();
  }

  private Answer statistics() {
    return new Answer.View(
        FlowStatisticsReply.of(device(), engine.statistics(), engine.summaries()));
  }

  /**
   * One row per SPU in the high-end layout; a single flowd (FPC 0 PIC 0, as on the SRX4700 sample)
   * shows the sum of the SPUs.
   */
  private Answer monitoring() {
    DeviceModel device = device();
    List<MonitoringReply.Row> rows = new ArrayList<>();
    List<SpuMonitor> spus = engine.monitoring();
    if (device.perSpuBlocks()) {
      for (SpuMonitor spu : spus) {
        rows.add(
            new MonitoringReply.Row(
                device.fpc(spu.spu()),
                device.pic(spu.spu()),
                spu.cpuPercent(),
                spu.memoryPercent(),
                spu.flowSessions(),
                spu.flowSessionsMaximum(),
                Placeholders.CP_SESSIONS,
                Placeholders.CP_SESSIONS));
      }
    } else {
      long sessions = 0;
      long maximum = 0;
      int cpu = 0;
      for (SpuMonitor spu : spus) {
        sessions += spu.flowSessions();
        maximum += spu.flowSessionsMaximum();
        cpu += spu.cpuPercent();
      }
      rows.add(
          new MonitoringReply.Row(
              0,
              0,
              spus.isEmpty() ? 0 : cpu / spus.size(),
              maximum == 0 ? 0 : (int) (sessions * 100 / maximum),
              sessions,
              maximum,
              Placeholders.CP_SESSIONS,
              Placeholders.CP_SESSIONS));
    }
    return new Answer.View(new MonitoringReply(rows));
  }

  private Answer uptime() {
    double load =
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    return new Answer.View(new UptimeReply(clock.instant(), booted, 1, load));
  }

  // ------------------------------------------------------------------ help and errors

  private static String badPipe(String line, List<List<String>> pipes) {
    List<String> bad = PipeChain.firstBad(pipes);
    String word = bad == null || bad.isEmpty() ? "" : bad.get(0);
    int column = line.indexOf("| " + word);
    return syntaxError(
        line,
        new CommandParser.SyntaxError(
            column < 0 ? line.length() : column + 2,
            "syntax error, expecting <pipe command>.",
            List.of()));
  }

  private static String help(CommandParser.Help help) {
    StringBuilder out = new StringBuilder("Possible completions:\n");
    if (help.runnable()) {
      out.append(String.format("  %-20s %s%n", "<[Enter]>", "Execute this command"));
    }
    for (Grammar.Node node : help.completions()) {
      out.append(String.format("  %-20s %s%n", node.word(), node.help()));
    }
    if (help.pipeable()) {
      out.append(String.format("  %-20s %s%n", "|", "Pipe through a command"));
    }
    return out.toString();
  }

  private static String syntaxError(String line, CommandParser.SyntaxError error) {
    StringBuilder out =
        new StringBuilder(line)
            .append('\n')
            .append(" ".repeat(Math.max(0, error.column())))
            .append("^\n")
            .append(error.message())
            .append('\n');
    if (!error.completions().isEmpty()) {
      out.append(help(new CommandParser.Help(error.completions(), false, false)));
    }
    return out.toString();
  }

  private static void append(Appendable out, CharSequence text) {
    try {
      out.append(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
