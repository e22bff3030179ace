package org.flowgate.mgmt.netconf;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flowgate.mgmt.auth.LoginClass;
import org.flowgate.mgmt.command.OperationalCommands;
import org.flowgate.mgmt.device.Authorizer;

/**
 * Operational RPCs answered through the CLI: the RPC of each command is learnt from the command
 * tree itself, by walking its words ({@link OperationalCommands#completions}) and asking each
 * runnable line for {@code | display xml rpc}, which prints the RPC element and its arguments as
 * Junos names them. An RPC then becomes the line of its command with each child element as an
 * option ({@code <source-prefix>10.0.0.0/8</source-prefix>} is {@code source-prefix 10.0.0.0/8},
 * {@code <summary/>} is {@code summary}, {@code <pool-name>p1</pool-name>} is the pool's name) and
 * runs with {@code | display xml}, {@code | display json} or as text; the body of the {@code
 * <rpc-reply>} the CLI prints is what the RPC replies, as a Junos device returns it.
 *
 * <pre>
 *  &lt;get-flow-session-information&gt;          learnt: get-flow-session-information
 *    &lt;protocol&gt;tcp&lt;/protocol&gt;                  = "show security flow session"
 *    &lt;summary/&gt;                      ─────►  "show security flow session protocol tcp summary | display xml"
 *  &lt;/get-flow-session-information&gt;          ─────► &lt;rpc-reply&gt; body, &lt;cli&gt; trailer dropped
 * </pre>
 *
 * <p>Thread: any; the table is built once and read-only.
 */
public final class GrammarRpcs implements OperationalRpcs {
  /** One learnt command: its line and the element that stands for its positional name. */
  record Template(String line, String positional) {}

  /** RPCs that Junos gives several names and that the CLI reaches through another one. */
  private static final Map<String, String> ALIASES =
      Map.of(
          "get-flow-session-by-identifier", "get-flow-session-information",
          "clear-flow-session-by-session-identifier", "clear-flow-session",
          "get-security-policies", "get-firewall-policies");

  /** RPCs the device answers itself (configuration), never through the CLI. */
  private static final Set<String> EXCLUDED = Set.of("get-configuration");

  private static final Pattern RPC_NAME =
      Pattern.compile("<rpc>\\s*<([A-Za-z0-9_-]+)[ />]", Pattern.DOTALL);
  private static final String PROBE = "flowgate-probe-name";

  private final Function<LoginClass, OperationalCommands> commands;
  private final Map<String, Template> templates;

  /**
   * @param commands the operational commands as a login class sees them
   */
  public GrammarRpcs(Function<LoginClass, OperationalCommands> commands) {
    this.commands = commands;
    this.templates = learn(commands.apply(LoginClass.predefined("super-user")));
  }

  /** The RPC names learnt, for tests and {@code show} of what is served. */
  public Set<String> names() {
    return templates.keySet();
  }

  static Map<String, Template> learn(OperationalCommands commands) {
    Map<String, Template> learnt = new LinkedHashMap<>();
    Deque<String> lines = new ArrayDeque<>();
    lines.add("");
    int visited = 0;
    while (!lines.isEmpty() && visited++ < 2000) {
      String line = lines.removeFirst();
      String parentRpc = line.isEmpty() ? null : rpcOf(commands, line);
      for (String word : commands.completions(line.isEmpty() ? "" : line + " ")) {
        String next = line.isEmpty() ? word : line + " " + word;
        String rpc = rpcOf(commands, next);
        if (rpc == null) {
          if (next.split(" ").length < 8) {
            lines.addLast(next);
          }
          continue;
        }
        if (rpc.equals(parentRpc) || EXCLUDED.contains(rpc)) {
          continue; // an option of a command already learnt
        }
        if (!learnt.containsKey(rpc)) {
          // "pool all" of a command that takes a name: the template is the command itself
          boolean named = !line.isEmpty() && rpc.equals(rpcOf(commands, line + " " + PROBE));
          learnt.put(
              rpc,
              named
                  ? new Template(line, positional(commands, line + " " + PROBE))
                  : new Template(next, positional(commands, next)));
        }
        if (rpc.equals(parentRpc) || parentRpc == null) {
          lines.addLast(next);
        }
      }
      if (parentRpc == null && !line.isEmpty()) {
        // a command that takes a name: "show security nat source pool NAME"
        String named = rpcOf(commands, line + " " + PROBE);
        if (named != null && !EXCLUDED.contains(named) && !learnt.containsKey(named)) {
          learnt.put(named, new Template(line, positional(commands, line + " " + PROBE)));
        }
      }
    }
    return Map.copyOf(learnt);
  }

  private static String rpcOf(OperationalCommands commands, String line) {
    String xml = commands.execute(line + " | display xml rpc");
    Matcher matcher = RPC_NAME.matcher(xml);
    return matcher.find() ? matcher.group(1) : null;
  }

  /** The element that carries the command's positional name, when it takes one. */
  private static String positional(OperationalCommands commands, String line) {
    String base = line.endsWith(" " + PROBE) ? line : line + " " + PROBE;
    String xml = commands.execute(base + " | display xml rpc");
    Matcher matcher = Pattern.compile("<([A-Za-z0-9_-]+)>" + PROBE + "</").matcher(xml);
    return matcher.find() ? matcher.group(1) : null;
  }

  @Override
  public String line(Xml rpc) {
    String name = ALIASES.getOrDefault(rpc.name(), rpc.name());
    Template template = templates.get(name);
    if (template == null) {
      return null;
    }
    String base = template.line();
    if (template.positional() != null && base.endsWith(" " + PROBE)) {
      base = base.substring(0, base.length() - PROBE.length() - 1);
    }
    StringBuilder line = new StringBuilder(base);
    for (Xml argument : rpc.children()) {
      String value = argument.text().strip();
      if (argument.name().equals(template.positional())) {
        line.append(' ').append(quote(value));
      } else {
        line.append(' ').append(argument.name());
        if (!value.isEmpty()) {
          line.append(' ').append(quote(value));
        }
      }
    }
    return line.toString();
  }

  private static String quote(String value) {
    return value.matches("[^\\s\"|?]+") ? value : "\"" + value.replace("\"", "") + "\"";
  }

  @Override
  public Answer run(Xml rpc, Format format, LoginClass loginClass) {
    String line = line(rpc);
    if (line == null) {
      return new Answer.Unknown();
    }
    OperationalCommands forClass = commands.apply(loginClass);
    // the line must stand for the RPC asked (an argument that is not an option is refused)
    String check = forClass.execute(line + " | display xml rpc");
    if (!RPC_NAME.matcher(check).find()) {
      return error(check, rpc);
    }
    return command(line, format, loginClass);
  }

  @Override
  public Answer command(String line, Format format, LoginClass loginClass) {
    OperationalCommands forClass = commands.apply(loginClass);
    String expanded = Authorizer.expand(forClass, line);
    if (!Authorizer.mayRun(loginClass, expanded)) {
      return new Answer.Error("access-denied", "permission denied", null);
    }
    boolean piped = line.contains("| display");
    String full =
        piped || format == Format.TEXT
            ? line
            : line + (format == Format.JSON ? " | display json" : " | display xml");
    StringBuilder out = new StringBuilder();
    forClass.execute(full, out);
    String text = out.toString();
    if (isError(text)) {
      return error(text, null);
    }
    if (text.startsWith("error: this command has no")) {
      // no XML form yet: the text, as Junos returns commands without one
      StringBuilder plain = new StringBuilder();
      forClass.execute(line, plain);
      return new Answer.Body("<output>\n" + Xml.escape(plain.toString()) + "</output>");
    }
    if (format == Format.TEXT && !piped) {
      return new Answer.Body("<output>\n" + Xml.escape(text) + "</output>");
    }
    if (text.startsWith("<rpc-reply")) {
      return new Answer.Body(unwrap(text));
    }
    return new Answer.Body(
        format == Format.JSON ? text : "<output>\n" + Xml.escape(text) + "</output>");
  }

  /** The elements inside the CLI's {@code <rpc-reply>}, without its {@code <cli>} trailer. */
  static String unwrap(String reply) {
    int start = reply.indexOf('>') + 1;
    int end = reply.lastIndexOf("</rpc-reply>");
    if (start <= 0 || end < start) {
      return reply;
    }
    return reply.substring(start, end).replaceAll("(?s)\\s*<cli>.*?</cli>", "").strip() + "\n";
  }

  private static boolean isError(String text) {
    String first = text.lines().findFirst().orElse("");
    return first.startsWith("error:")
        || first.startsWith("syntax error")
        || text.lines()
            .limit(3)
            .anyMatch(
                l ->
                    l.matches("\\s*\\^")
                        || l.startsWith("syntax error")
                        || l.endsWith("is ambiguous."));
  }

  private static Answer error(String cliText, Xml rpc) {
    List<String> lines = new ArrayList<>(cliText.lines().toList());
    String message =
        lines.stream()
            .filter(
                l ->
                    l.startsWith("syntax error")
                        || l.startsWith("error:")
                        || l.endsWith("is ambiguous."))
            .findFirst()
            .orElse("syntax error");
    String bad = null;
    // the word under the caret is the bad element
    for (int i = 1; i < lines.size(); i++) {
      String caret = lines.get(i);
      int column = caret.indexOf('^');
      if (caret.strip().equals("^") && column < lines.get(i - 1).length()) {
        String rest = lines.get(i - 1).substring(column);
        bad = rest.split("\\s+")[0];
        break;
      }
    }
    if (message.startsWith("error: ")) {
      message = message.substring("error: ".length());
    }
    return new Answer.Error("operation-failed", message, bad);
  }
}
