package org.flowgate.mgmt.command;

import java.util.ArrayList;
import java.util.List;
import org.flowgate.dataplane.control.FlowEngine;
import org.flowgate.dataplane.control.SessionFilter;
import org.flowgate.dataplane.control.SessionSnapshot;
import org.flowgate.mgmt.reply.FlowSessionReply;
import org.flowgate.mgmt.reply.FlowSummaryReply;
import org.flowgate.mgmt.reply.SpuSessions;
import org.flowgate.mgmt.render.FlowSessionTextRenderer;
import org.flowgate.mgmt.render.FlowSummaryTextRenderer;

/**
 * Runs the operational commands of the flow-session family against a {@link FlowEngine} and
 * answers in Junos text:
 *
 * <pre>
 * show security flow session [brief | extensive | summary]
 * show security flow session session-identifier &lt;id&gt; [brief | extensive]
 * </pre>
 *
 * An unknown or incomplete command answers the Junos way: the line, a caret under the first word
 * that does not fit, and {@code syntax error.}
 *
 * <p>Thread: any; every query runs on the SPU threads through the engine.
 */
public final class OperationalCommands {
  private static final List<String> PREFIX = List.of("show", "security", "flow", "session");

  private final FlowEngine engine;

  public OperationalCommands(FlowEngine engine) {
    this.engine = engine;
  }

  /** Output of one command line, newline-terminated. */
  public String execute(String line) {
    List<Token> tokens = Token.split(line);
    for (int i = 0; i < PREFIX.size(); i++) {
      if (i >= tokens.size()) {
        return incomplete(line);
      }
      if (!tokens.get(i).text().equals(PREFIX.get(i))) {
        return syntaxError(line, tokens.get(i));
      }
    }
    FlowSessionReply.View view = FlowSessionReply.View.BRIEF;
    boolean summary = false;
    Long identifier = null;
    for (int i = PREFIX.size(); i < tokens.size(); i++) {
      Token token = tokens.get(i);
      switch (token.text()) {
        case "brief" -> view = FlowSessionReply.View.BRIEF;
        case "extensive" -> view = FlowSessionReply.View.EXTENSIVE;
        case "summary" -> summary = true;
        case "session-identifier" -> {
          if (i + 1 >= tokens.size()) {
            return incomplete(line);
          }
          Token value = tokens.get(++i);
          try {
            identifier = Long.parseUnsignedLong(value.text());
          } catch (NumberFormatException e) {
            return syntaxError(line, value);
          }
        }
        default -> {
          return syntaxError(line, token);
        }
      }
    }
    boolean multiSpu = engine.spuCount() > 1;
    if (summary) {
      return FlowSummaryTextRenderer.render(new FlowSummaryReply(multiSpu, engine.summaries()));
    }
    List<SpuSessions> sections = new ArrayList<>();
    if (identifier != null) {
      SessionSnapshot found = engine.session(identifier);
      int spu = found != null ? found.spu() : (int) Math.min(engine.spuCount() - 1, identifier >>> 32);
      sections.add(new SpuSessions(spu, found == null ? List.of() : List.of(found)));
      return FlowSessionTextRenderer.render(
          new FlowSessionReply(FlowSessionReply.View.EXTENSIVE, multiSpu, sections));
    }
    List<List<SessionSnapshot>> perSpu = engine.sessions(SessionFilter.ALL);
    for (int spu = 0; spu < perSpu.size(); spu++) {
      sections.add(new SpuSessions(spu, perSpu.get(spu)));
    }
    return FlowSessionTextRenderer.render(new FlowSessionReply(view, multiSpu, sections));
  }

  private static String syntaxError(String line, Token token) {
    return line + "\n" + " ".repeat(token.column()) + "^\nsyntax error.\n";
  }

  private static String incomplete(String line) {
    return line + "\n" + " ".repeat(line.stripTrailing().length()) + "^\nsyntax error, command is incomplete.\n";
  }

  /** A word of the command line and the column it starts at. */
  record Token(String text, int column) {
    static List<Token> split(String line) {
      List<Token> tokens = new ArrayList<>();
      int i = 0;
      while (i < line.length()) {
        while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
          i++;
        }
        int start = i;
        while (i < line.length() && !Character.isWhitespace(line.charAt(i))) {
          i++;
        }
        if (i > start) {
          tokens.add(new Token(line.substring(start, i), start));
        }
      }
      return tokens;
    }
  }
}
