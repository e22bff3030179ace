package org.flowgate.mgmt.command;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.flowgate.dataplane.control.FlowEngine;
import org.flowgate.dataplane.control.SessionQuery;
import org.flowgate.dataplane.control.SessionSnapshot;
import org.flowgate.dataplane.flow.FlowStatistics;
import org.flowgate.dataplane.nat.NatStatistics;
import org.flowgate.dataplane.runtime.RuntimeConfig;
import org.flowgate.mgmt.render.FlowSessionTextRenderer;
import org.flowgate.mgmt.render.FlowSessionTextStream;
import org.flowgate.mgmt.render.FlowSummaryTextRenderer;
import org.flowgate.mgmt.render.JunosElement;
import org.flowgate.mgmt.render.JunosJson;
import org.flowgate.mgmt.render.JunosReplyTree;
import org.flowgate.mgmt.render.JunosXml;
import org.flowgate.mgmt.render.NatReplyTree;
import org.flowgate.mgmt.render.NatTextRenderer;
import org.flowgate.mgmt.reply.FlowSessionClearReply;
import org.flowgate.mgmt.reply.FlowSessionReply;
import org.flowgate.mgmt.reply.FlowSummaryReply;
import org.flowgate.mgmt.reply.NatReplies;
import org.flowgate.mgmt.reply.NatReply;
import org.flowgate.mgmt.reply.RpcRequest;
import org.flowgate.mgmt.reply.SpuSessions;

/**
 * Runs operational commands against a {@link FlowEngine} and answers in Junos text. The grammar is
 * {@link Grammar}; words may be abbreviated, {@code ?} lists what may come next, and the output may
 * go through pipes:
 *
 * <pre>
 * | match REGEX   | except REGEX   | count   | last N   | no-more   | save FILE
 * | display xml   | display json   | display xml rpc   | display set (show configuration only)
 * </pre>
 *
 * A bad line answers as Junos does: the line, a caret under the word that does not fit, and the
 * reason. Nothing here throws at a user.
 *
 * <p>Thread: any; every query runs on the SPU threads through the engine.
 */
public final class OperationalCommands {
  private final FlowEngine engine;
  private final LoadedConfiguration loaded;

  /** Commands for an engine running the factory default (no configuration text). */
  public OperationalCommands(FlowEngine engine) {
    this(engine, null);
  }

  /**
   * Commands for an engine running {@code loaded}; {@code show configuration} prints it. Null when
   * the engine runs the factory default.
   */
  public OperationalCommands(FlowEngine engine, LoadedConfiguration loaded) {
    this.engine = engine;
    this.loaded = loaded;
  }

  /** Output of one command line, newline-terminated. */
  public String execute(String line) {
    StringBuilder out = new StringBuilder();
    execute(line, out);
    return out.toString();
  }

  /**
   * Writes the output of one command line to {@code out} as it is produced: a session list of any
   * size streams from the SPUs a chunk at a time through the pipes, never held whole.
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
        && parsed.pipes().stream()
            .anyMatch(
                p -> !p.isEmpty() && "no-more".startsWith(p.get(0)) && p.get(0).length() >= 2);
  }

  /** How a reply is shown: Junos text, or {@code | display xml}, {@code json}, {@code xml rpc}. */
  private enum Display {
    TEXT,
    XML,
    JSON,
    XML_RPC,
    /** {@code | display set}: configuration as set commands. */
    SET
  }

  /** One command's answer before it is rendered. */
  private sealed interface Reply {
    record Sessions(FlowSessionReply reply) implements Reply {}

    record Summary(FlowSummaryReply reply) implements Reply {}

    record Cleared(FlowSessionClearReply reply) implements Reply {}

    record Text(String text) implements Reply {}

    /** A {@code show security nat} view. */
    record Nat(NatReply reply) implements Reply {}

    /** A command that cannot be answered ({@code error: …}), the same in every display. */
    record Error(String message) implements Reply {}

    /** Text, and the same data as an element tree for {@code | display xml} and {@code json}. */
    record Tree(String text, JunosElement tree) implements Reply {}
  }

  private boolean run(String line, CommandParser.Parsed parsed, Appendable out) {
    List<List<String>> textPipes = new ArrayList<>();
    Display display = Display.TEXT;
    for (List<String> pipe : parsed.pipes()) {
      Display asked = display(pipe);
      if (asked == null) {
        textPipes.add(pipe);
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
    LineSink sink = chain(textPipes, out);
    if (sink == null) {
      append(out, badPipe(line, textPipes));
      return false;
    }
    LineSplitter lines = new LineSplitter(sink);
    if (display == Display.XML_RPC) { // shows the RPC without running it, as Junos does
      lines.accept(JunosXml.render(rpcRequest(parsed)));
    } else if (display == Display.TEXT && streamable(parsed)) {
      streamSessions(parsed, lines);
    } else {
      lines.accept(render(parsed, display));
    }
    lines.finish();
    return true;
  }

  /** A session list in text, which may be of any size: streamed rather than built. */
  private static boolean streamable(CommandParser.Parsed parsed) {
    return parsed.command().equals(Grammar.SHOW_SESSIONS)
        && !parsed.has("summary")
        && !parsed.has("session-identifier");
  }

  private void streamSessions(CommandParser.Parsed parsed, LineSplitter lines) {
    FlowSessionReply.View view =
        parsed.has("extensive") ? FlowSessionReply.View.EXTENSIVE : FlowSessionReply.View.BRIEF;
    FlowSessionTextStream stream = new FlowSessionTextStream(view, engine.spuCount() > 1, lines);
    engine.streamSessions(
        CommandParser.query(parsed).toFilter(),
        STREAM_CHUNK_SLOTS,
        (spu, sessions) -> {
          stream.spu(spu);
          sessions.forEach(stream::session);
        });
    stream.end(engine.spuCount());
  }

  /** Slots an SPU scans for one chunk of a streamed list before it goes back to its packets. */
  private static final int STREAM_CHUNK_SLOTS = 1 << 16;

  private String render(CommandParser.Parsed parsed, Display display) {
    Reply reply =
        switch (parsed.command()) {
          case Grammar.SHOW_SESSIONS -> showSessions(parsed);
          case Grammar.SHOW_STATISTICS -> statistics();
          case Grammar.SHOW_STATUS -> new Reply.Tree(status(), statusTree());
          case Grammar.SHOW_MONITORING -> monitoring();
          case Grammar.CLEAR_SESSIONS -> clear(parsed);
          case Grammar.SHOW_CONFIGURATION ->
              new Reply.Text(
                  ConfigurationViews.configuration(
                      loaded, engine.config(), configurationPath(parsed), display == Display.SET));
          case Grammar.SHOW_ZONES -> new Reply.Text(ConfigurationViews.zones(engine.config()));
          case Grammar.SHOW_POLICIES ->
              new Reply.Text(
                  parsed.has("hit-count")
                      ? ConfigurationViews.hitCount(engine.config(), policyHits())
                      : ConfigurationViews.policies(engine.config(), loaded, parsed.has("detail")));
          case Grammar.SHOW_ROUTE -> new Reply.Text(ConfigurationViews.routes(engine.config()));
          case Grammar.SHOW_INTERFACES_TERSE ->
              new Reply.Text(ConfigurationViews.interfacesTerse(engine.config()));
          case Grammar.SHOW_NAT_SOURCE_SUMMARY,
              Grammar.SHOW_NAT_SOURCE_POOL,
              Grammar.SHOW_NAT_SOURCE_RULE,
              Grammar.SHOW_NAT_DESTINATION_SUMMARY,
              Grammar.SHOW_NAT_DESTINATION_POOL,
              Grammar.SHOW_NAT_DESTINATION_RULE,
              Grammar.SHOW_NAT_STATIC_RULE ->
              nat(parsed);
          default -> throw new IllegalStateException("no handler for " + parsed.command());
        };
    if (display == Display.SET) {
      display = Display.TEXT;
    }
    return switch (reply) {
      case Reply.Sessions r ->
          display == Display.XML
              ? JunosXml.render(r.reply())
              : display == Display.JSON
                  ? JunosJson.render(r.reply())
                  : FlowSessionTextRenderer.render(r.reply());
      case Reply.Summary r ->
          display == Display.XML
              ? JunosXml.render(r.reply())
              : display == Display.JSON
                  ? JunosJson.render(r.reply())
                  : FlowSummaryTextRenderer.render(r.reply());
      case Reply.Cleared r ->
          display == Display.XML
              ? JunosXml.render(r.reply())
              : display == Display.JSON
                  ? JunosJson.render(r.reply())
                  : r.reply().clearedSessions() + " active sessions cleared\n";
      case Reply.Text r ->
          display == Display.TEXT
              ? r.text()
              : "error: this command has no "
                  + (display == Display.XML ? "XML" : "JSON")
                  + " form yet\n";
      case Reply.Tree r ->
          display == Display.XML
              ? JunosXml.write(r.tree())
              : display == Display.JSON ? JunosJson.write(r.tree()) : r.text();
      case Reply.Nat r ->
          display == Display.XML
              ? JunosXml.write(NatReplyTree.of(r.reply()))
              : display == Display.JSON
                  ? JunosJson.write(NatReplyTree.of(r.reply()))
                  : NatTextRenderer.render(r.reply());
      case Reply.Error r -> "error: " + r.message() + "\n";
    };
  }

  private static String badPipe(String line, List<List<String>> pipes) {
    String word = "";
    for (List<String> pipe : pipes) {
      if (chain(List.of(pipe), new StringBuilder()) == null) {
        word = pipe.isEmpty() ? "" : pipe.get(0);
        break;
      }
    }
    int column = line.indexOf("| " + word);
    return syntaxError(
        line,
        new CommandParser.SyntaxError(
            column < 0 ? line.length() : column + 2,
            "syntax error, expecting <pipe command>.",
            List.of()));
  }

  private static List<String> configurationPath(CommandParser.Parsed parsed) {
    String path = parsed.options().get(CommandParser.PATH);
    return path == null ? List.of() : List.of(path.split("\n"));
  }

  /** Each policy's first-path matches, summed over the SPUs (indexed as the policy table). */
  private long[] policyHits() {
    long[] total = new long[engine.config().policies().size()];
    for (long[] spu : engine.onEachSpu(processor -> processor.policyHits())) {
      for (int i = 0; i < Math.min(total.length, spu.length); i++) {
        total[i] += spu[i];
      }
    }
    return total;
  }

  /** The display a pipe asks for, or null for a text pipe. */
  private static Display display(List<String> pipe) {
    if (pipe.isEmpty() || !"display".startsWith(pipe.get(0)) || pipe.get(0).length() < 2) {
      return null;
    }
    String format = pipe.size() > 1 ? pipe.get(1) : "";
    boolean rpc = pipe.size() > 2 && "rpc".startsWith(pipe.get(2));
    if ("xml".startsWith(format) && !format.isEmpty()) {
      return rpc ? Display.XML_RPC : Display.XML;
    }
    if ("json".startsWith(format) && !format.isEmpty()) {
      return Display.JSON;
    }
    if ("set".startsWith(format) && !format.isEmpty()) {
      return Display.SET;
    }
    return null; // not a display this CLI knows: reported as a bad pipe
  }

  /** The Junos XML RPC a command line stands for (reference §2.1, §1.7). */
  private static RpcRequest rpcRequest(CommandParser.Parsed parsed) {
    List<Map.Entry<String, String>> arguments = new ArrayList<>();
    parsed
        .options()
        .forEach(
            (option, value) -> {
              if (!option.equals("all") && !option.equals(CommandParser.PATH)) {
                arguments.add(Map.entry(option, value));
              }
            });
    boolean onlyIdentifier = parsed.options().size() == 1 && parsed.has("session-identifier");
    String nat = natRpc(parsed.command());
    if (nat != null) {
      // pool (all | NAME) and rule (all | NAME) name their argument after what it names
      boolean pool = parsed.command().endsWith("-pool");
      return new RpcRequest(
          nat,
          parsed.has(Grammar.ALL)
              ? List.of(Map.entry(Grammar.ALL, ""))
              : parsed.has(Grammar.NAME)
                  ? List.of(
                      Map.entry(
                          pool ? "pool-name" : "rule-name", parsed.options().get(Grammar.NAME)))
                  : List.of());
    }
    String name =
        switch (parsed.command()) {
          case Grammar.SHOW_SESSIONS ->
              onlyIdentifier ? "get-flow-session-by-identifier" : "get-flow-session-information";
          case Grammar.SHOW_STATISTICS -> "get-flow-statistics-all";
          case Grammar.SHOW_STATUS -> "get-flow-status-all";
          case Grammar.SHOW_MONITORING -> "get-spu-monitoring-information";
          case Grammar.SHOW_CONFIGURATION -> "get-configuration";
          case Grammar.SHOW_ZONES -> "get-zones-information";
          case Grammar.SHOW_POLICIES ->
              parsed.has("hit-count") ? "get-security-policies-hit-count" : "get-firewall-policies";
          case Grammar.SHOW_ROUTE -> "get-route-information";
          case Grammar.SHOW_INTERFACES_TERSE -> "get-interface-information";
          case Grammar.CLEAR_SESSIONS ->
              parsed.has("all")
                  ? "clear-flow-session-all"
                  : onlyIdentifier
                      ? "clear-flow-session-by-session-identifier"
                      : "clear-flow-session";
          default -> throw new IllegalStateException("no RPC for " + parsed.command());
        };
    return new RpcRequest(name, arguments);
  }

  /** The RPC of a {@code show security nat} command ([PERL-METHODS]), null for other commands. */
  private static String natRpc(String command) {
    return switch (command) {
      case Grammar.SHOW_NAT_SOURCE_SUMMARY -> "retrieve-source-nat-summary";
      case Grammar.SHOW_NAT_SOURCE_POOL -> "retrieve-source-nat-pool-information";
      case Grammar.SHOW_NAT_SOURCE_RULE -> "get-source-nat-rule-sets-information";
      case Grammar.SHOW_NAT_DESTINATION_SUMMARY -> "retrieve-destination-nat-summary-information";
      case Grammar.SHOW_NAT_DESTINATION_POOL -> "get-destination-nat-pool-information";
      case Grammar.SHOW_NAT_DESTINATION_RULE -> "get-destination-nat-rule-sets-information";
      case Grammar.SHOW_NAT_STATIC_RULE -> "get-static-nat-rule-information";
      default -> null;
    };
  }

  /**
   * A {@code show security nat} view of the running generation and its counters summed over the
   * SPUs. A pool or rule named that the configuration does not have is an error, not an empty view.
   */
  private Reply nat(CommandParser.Parsed parsed) {
    RuntimeConfig config = engine.config();
    NatStatistics statistics = engine.natStatistics();
    String name = parsed.options().get(Grammar.NAME);
    NatReply reply =
        switch (parsed.command()) {
          case Grammar.SHOW_NAT_SOURCE_SUMMARY -> NatReplies.sourceSummary(config);
          case Grammar.SHOW_NAT_SOURCE_POOL -> NatReplies.sourcePools(config, statistics, name);
          case Grammar.SHOW_NAT_SOURCE_RULE -> NatReplies.sourceRules(config, statistics, name);
          case Grammar.SHOW_NAT_DESTINATION_SUMMARY ->
              NatReplies.destinationSummary(config, statistics);
          case Grammar.SHOW_NAT_DESTINATION_POOL ->
              NatReplies.destinationPools(config, statistics, name);
          case Grammar.SHOW_NAT_DESTINATION_RULE ->
              NatReplies.destinationRules(config, statistics, name);
          case Grammar.SHOW_NAT_STATIC_RULE -> NatReplies.staticRules(config, statistics, name);
          default -> throw new IllegalStateException("not a NAT view: " + parsed.command());
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
        ? new Reply.Nat(reply)
        : new Reply.Error(missing + " '" + name + "' is not configured");
  }

  private Reply showSessions(CommandParser.Parsed parsed) {
    SessionQuery query = CommandParser.query(parsed);
    boolean multiSpu = engine.spuCount() > 1;
    if (parsed.has("summary")) {
      return new Reply.Summary(
          new FlowSummaryReply(
              multiSpu, query.isAll() ? engine.summaries() : engine.summaries(query.toFilter())));
    }
    FlowSessionReply.View view =
        parsed.has("extensive") || parsed.has("session-identifier")
            ? FlowSessionReply.View.EXTENSIVE
            : FlowSessionReply.View.BRIEF;
    List<SpuSessions> sections = new ArrayList<>();
    if (parsed.options().keySet().stream()
            .allMatch(
                o -> o.equals("session-identifier") || o.equals("extensive") || o.equals("brief"))
        && parsed.has("session-identifier")) {
      long id = query.sessionIdentifier();
      SessionSnapshot found = engine.session(id);
      int spu = found != null ? found.spu() : (int) Math.min(engine.spuCount() - 1, id >>> 32);
      sections.add(new SpuSessions(spu, found == null ? List.of() : List.of(found)));
    } else {
      List<List<SessionSnapshot>> perSpu = engine.sessions(query.toFilter());
      for (int spu = 0; spu < perSpu.size(); spu++) {
        sections.add(new SpuSessions(spu, perSpu.get(spu)));
      }
    }
    return new Reply.Sessions(new FlowSessionReply(view, multiSpu, sections));
  }

  private Reply clear(CommandParser.Parsed parsed) {
    if (parsed.options().isEmpty()) {
      return new Reply.Text("syntax error, command is incomplete.\n");
    }
    return new Reply.Cleared(
        new FlowSessionClearReply(engine.clear(CommandParser.query(parsed).toFilter())));
  }

  /**
   * {@code show security flow statistics}, in the layout of the SRX4700 and vSRX 24.4 samples. The
   * XML element names are Flowgate's, derived from the text labels (no public reply shows them).
   */
  private Reply statistics() {
    FlowStatistics total = FlowStatistics.total(engine.statistics());
    long current = engine.summaries().stream().mapToLong(s -> s.validSessions()).sum();
    long[] values = {
      current,
      total.packetsReceived(),
      total.packetsForwarded() + total.rejectResponsesSent(),
      0,
      0,
      total.packetsDropped(),
      0,
      total.fragments(),
      0,
      0
    };
    String[] labels = {
      "Current sessions",
      "Packets received",
      "Packets transmitted",
      "Packets forwarded/queued",
      "Packets copied",
      "Packets dropped",
      "Services-offload packets processed",
      "Fragment packets",
      "Pre fragments generated",
      "Post fragments generated"
    };
    String[] elements = {
      "flow-session-count",
      "flow-packets-received",
      "flow-packets-transmitted",
      "flow-packets-forwarded-queued",
      "flow-packets-copied",
      "flow-packets-dropped",
      "flow-services-offload-packets",
      "flow-fragment-packets",
      "flow-pre-fragments-generated",
      "flow-post-fragments-generated"
    };
    StringBuilder text = new StringBuilder();
    List<JunosElement> leaves = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      text.append("    ").append(labels[i]).append(": ").append(values[i]).append('\n');
      leaves.add(JunosElement.leaf(elements[i], values[i]));
    }
    return new Reply.Tree(
        text.toString(),
        JunosReplyTree.reply(
            List.of(
                JunosElement.container(
                    "flow-statistics-all",
                    List.of(JunosElement.attribute("xmlns", JunosReplyTree.FLOW_NAMESPACE)),
                    List.of(JunosElement.container("flow-statistics", leaves))))));
  }

  /**
   * {@code show security flow status}: how this engine forwards. Every value is a fact of Flowgate:
   * IPv4 and IPv6 take the flow path, MPLS and ISO are dropped, packets reach SPUs by a hash of
   * their flow, and each SPU keeps a flow's packets in order.
   */
  private String status() {
    return """
          Flow forwarding mode:
            Inet forwarding mode: flow based
            Inet6 forwarding mode: flow based
            MPLS forwarding mode: drop
            ISO forwarding mode: drop
          Flow trace status
            Flow tracing status: off
          Flow session distribution
            Distribution mode: Hash-based
            SPUs: %d
          Flow packet ordering
            Ordering mode: Software (per flow, on its SPU)
        """
        .formatted(engine.spuCount());
  }

  /** {@code show security monitoring}, in the SRX4700 layout (reference §1.5). */
  private Reply monitoring() {
    StringBuilder out =
        new StringBuilder()
            .append(
                "                  Flow session   Flow session     CP session     CP session \n")
            .append(
                "FPC PIC CPU Mem        current        maximum        current        maximum\n");
    List<JunosElement> rows = new ArrayList<>();
    for (var spu : engine.monitoring()) {
      int fpc = org.flowgate.dataplane.control.SpuLocation.fpc(spu.spu());
      int pic = org.flowgate.dataplane.control.SpuLocation.pic(spu.spu());
      out.append(
          String.format(
              "%3d %3d %3d %3d %14d %14d %14d %14d%n",
              fpc,
              pic,
              spu.cpuPercent(),
              spu.memoryPercent(),
              spu.flowSessions(),
              spu.flowSessionsMaximum(),
              spu.cpSessions(),
              spu.cpSessionsMaximum()));
      rows.add(
          JunosElement.container(
              "spu-monitoring-information",
              List.of(
                  JunosElement.leaf("fpc-number", fpc),
                  JunosElement.leaf("pic-number", pic),
                  JunosElement.leaf("spu-cpu-utilization", spu.cpuPercent()),
                  JunosElement.leaf("spu-memory-utilization", spu.memoryPercent()),
                  JunosElement.leaf("spu-current-flow-session", spu.flowSessions()),
                  JunosElement.leaf("spu-max-flow-session", spu.flowSessionsMaximum()),
                  JunosElement.leaf("spu-current-cp-session", spu.cpSessions()),
                  JunosElement.leaf("spu-max-cp-session", spu.cpSessionsMaximum()))));
    }
    return new Reply.Tree(
        out.toString(),
        JunosReplyTree.reply(
            List.of(JunosElement.container("spu-monitoring-information-list", rows))));
  }

  /** The status as an element tree; names are Flowgate's, after the text's labels. */
  private JunosElement statusTree() {
    return JunosReplyTree.reply(
        List.of(
            JunosElement.container(
                "flow-status-all",
                List.of(JunosElement.attribute("xmlns", JunosReplyTree.FLOW_NAMESPACE)),
                List.of(
                    JunosElement.leaf("flow-forwarding-mode-inet", "flow based"),
                    JunosElement.leaf("flow-forwarding-mode-inet6", "flow based"),
                    JunosElement.leaf("flow-forwarding-mode-mpls", "drop"),
                    JunosElement.leaf("flow-forwarding-mode-iso", "drop"),
                    JunosElement.leaf("flow-trace-status", "off"),
                    JunosElement.leaf("flow-session-distribution-mode", "Hash-based"),
                    JunosElement.leaf("flow-spu-count", engine.spuCount()),
                    JunosElement.leaf(
                        "flow-packet-ordering-mode", "Software (per flow, on its SPU)")))));
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

  // ------------------------------------------------------------------ pipes

  /** A stage of the pipe chain: takes output a line at a time; {@code finish} ends it. */
  private interface LineSink {
    void line(String line);

    void finish();
  }

  /**
   * Builds the chain the text pipes ask for, in order, ending in {@code out}; null when a pipe is
   * not one this CLI knows (the caller answers with a syntax error).
   */
  private static LineSink chain(List<List<String>> pipes, Appendable out) {
    LineSink sink =
        new LineSink() {
          @Override
          public void line(String line) {
            append(out, line);
            append(out, "\n");
          }

          @Override
          public void finish() {}
        };
    for (int i = pipes.size() - 1; i >= 0; i--) {
      List<String> pipe = pipes.get(i);
      String word = pipe.isEmpty() ? "" : pipe.get(0);
      String argument = pipe.size() > 1 ? String.join(" ", pipe.subList(1, pipe.size())) : null;
      LineSink next = sink;
      sink =
          switch (pipeCommand(word)) {
            case "match", "except" -> {
              if (argument == null) {
                yield null;
              }
              Pattern pattern;
              try {
                pattern = Pattern.compile(argument);
              } catch (PatternSyntaxException e) {
                yield null;
              }
              boolean keep = pipeCommand(word).equals("match");
              yield new LineSink() {
                @Override
                public void line(String line) {
                  if (pattern.matcher(line).find() == keep) {
                    next.line(line);
                  }
                }

                @Override
                public void finish() {
                  next.finish();
                }
              };
            }
            case "count" ->
                new LineSink() {
                  private long lines;

                  @Override
                  public void line(String line) {
                    lines++;
                  }

                  @Override
                  public void finish() {
                    next.line("Count: " + lines + " lines");
                    next.finish();
                  }
                };
            case "last" -> {
              int n;
              try {
                n = argument == null ? -1 : Integer.parseInt(argument);
              } catch (NumberFormatException e) {
                n = -1;
              }
              if (n < 0) {
                yield null;
              }
              int keep = n;
              yield new LineSink() {
                private final java.util.ArrayDeque<String> tail = new java.util.ArrayDeque<>();

                @Override
                public void line(String line) {
                  tail.addLast(line);
                  if (tail.size() > keep) {
                    tail.removeFirst();
                  }
                }

                @Override
                public void finish() {
                  tail.forEach(next::line);
                  next.finish();
                }
              };
            }
            case "no-more" -> next;
            case "save" -> argument == null ? null : save(Path.of(argument), next);
            default -> null;
          };
      if (sink == null) {
        return null;
      }
    }
    return sink;
  }

  private static LineSink save(Path file, LineSink next) {
    return new LineSink() {
      private java.io.BufferedWriter writer;
      private long lines;
      private String failure;

      @Override
      public void line(String line) {
        if (failure != null) {
          return;
        }
        try {
          if (writer == null) {
            writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
          }
          writer.write(line);
          writer.write('\n');
          lines++;
        } catch (IOException | RuntimeException e) {
          failure = e.getMessage();
        }
      }

      @Override
      public void finish() {
        try {
          if (writer == null && failure == null) {
            writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
          }
          if (writer != null) {
            writer.close();
          }
        } catch (IOException | RuntimeException e) {
          failure = e.getMessage();
        }
        next.line(
            failure == null
                ? "Wrote " + lines + " lines of output to '" + file + "'"
                : "error: could not write '" + file + "': " + failure);
        next.finish();
      }
    };
  }

  private static final List<String> PIPE_COMMANDS =
      List.of("count", "except", "last", "match", "no-more", "save");

  private static String pipeCommand(String word) {
    List<String> matches =
        PIPE_COMMANDS.stream().filter(c -> c.startsWith(word) && !word.isEmpty()).toList();
    return PIPE_COMMANDS.contains(word) ? word : matches.size() == 1 ? matches.get(0) : "";
  }

  /** Splits text arriving in pieces into the lines a sink takes. */
  private static final class LineSplitter implements java.util.function.Consumer<CharSequence> {
    private final LineSink sink;
    private final StringBuilder partial = new StringBuilder();

    LineSplitter(LineSink sink) {
      this.sink = sink;
    }

    @Override
    public void accept(CharSequence text) {
      // one copy per line: search the builder or string in place rather than copying it whole
      StringBuilder builder = text instanceof StringBuilder b ? b : null;
      String string = builder == null ? text.toString() : null;
      int length = text.length();
      int start = 0;
      int newline;
      while ((newline =
              builder != null ? builder.indexOf("\n", start) : string.indexOf('\n', start))
          >= 0) {
        if (partial.isEmpty()) {
          sink.line(
              builder != null
                  ? builder.substring(start, newline)
                  : string.substring(start, newline));
        } else {
          partial.append(text, start, newline);
          sink.line(partial.toString());
          partial.setLength(0);
        }
        start = newline + 1;
      }
      partial.append(text, start, length);
    }

    void finish() {
      if (!partial.isEmpty()) {
        sink.line(partial.toString());
        partial.setLength(0);
      }
      sink.finish();
    }
  }

  private static void append(Appendable out, CharSequence text) {
    try {
      out.append(text);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
