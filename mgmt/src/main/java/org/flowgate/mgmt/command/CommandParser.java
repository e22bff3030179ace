package org.flowgate.mgmt.command;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flowgate.dataplane.control.SessionQuery;
import org.flowgate.dataplane.net.IpPrefix;

/**
 * Reads an operational command line the way the Junos CLI does: every word may be abbreviated to a
 * unique prefix, {@code ?} asks what may come next, {@code |} starts a pipe, and a word that does
 * not fit gets a caret under it.
 */
final class CommandParser {
  private CommandParser() {}

  /**
   * The option under which a {@link Grammar.ValueType#WORDS} command keeps its words,
   * newline-joined.
   */
  static final String PATH = "path";

  /** What a line means. */
  sealed interface Result permits Parsed, Help, SyntaxError {}

  /**
   * @param options the options given, by full word, with their value ("" for flags)
   * @param pipes the pipe commands, each a list of words
   */
  record Parsed(String command, Map<String, String> options, List<List<String>> pipes)
      implements Result {
    boolean has(String option) {
      return options.containsKey(option);
    }
  }

  /** {@code ?}: the words that may come next. */
  record Help(List<Grammar.Node> completions, boolean runnable, boolean pipeable)
      implements Result {}

  /** A word that does not fit, at {@code column}. */
  record SyntaxError(int column, String message, List<Grammar.Node> completions)
      implements Result {}

  /** A word of the line and where it starts. */
  record Token(String text, int column) {}

  static List<Token> tokens(String line) {
    List<Token> tokens = new ArrayList<>();
    int i = 0;
    while (i < line.length()) {
      char c = line.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '|' || c == '?') {
        tokens.add(new Token(String.valueOf(c), i++));
      } else if (c == '"') {
        int start = i++;
        StringBuilder word = new StringBuilder();
        while (i < line.length() && line.charAt(i) != '"') {
          word.append(line.charAt(i++));
        }
        i++;
        tokens.add(new Token(word.toString(), start));
      } else {
        int start = i;
        while (i < line.length()
            && !Character.isWhitespace(line.charAt(i))
            && line.charAt(i) != '|'
            && line.charAt(i) != '?') {
          i++;
        }
        tokens.add(new Token(line.substring(start, i), start));
      }
    }
    return tokens;
  }

  static Result parse(String line) {
    List<Token> tokens = tokens(line);
    Grammar.Node node = Grammar.ROOT;
    int i = 0;
    while (i < tokens.size()
        && !node.options()
        && node.value() == Grammar.ValueType.NONE
        && !tokens.get(i).text().equals("|")) {
      Token token = tokens.get(i);
      if (token.text().equals("?")) {
        return new Help(node.children(), node.runnable(), node.runnable());
      }
      Grammar.Node next = match(node.children(), token);
      if (next == null) {
        return unknown(node.children(), token);
      }
      node = next;
      i++;
    }
    Map<String, String> options = new LinkedHashMap<>();
    if (node.value().named()) {
      List<Grammar.Node> expected = new ArrayList<>();
      expected.add(
          Grammar.Node.option(
              node.value().placeholder, node.value().nameHelp(), Grammar.ValueType.NONE));
      expected.addAll(node.children());
      if (i >= tokens.size() || tokens.get(i).text().equals("|")) {
        int column = i < tokens.size() ? tokens.get(i).column() : line.stripTrailing().length() + 1;
        return new SyntaxError(column, "syntax error, command is incomplete.", expected);
      }
      Token argument = tokens.get(i++);
      if (argument.text().equals("?")) {
        return new Help(expected, false, false);
      }
      Grammar.Node keyword =
          node.children().stream()
              .filter(k -> k.word().equals(argument.text()))
              .findFirst()
              .orElse(null);
      options.put(
          keyword != null ? keyword.word() : Grammar.NAME, keyword != null ? "" : argument.text());
      if (i < tokens.size() && !tokens.get(i).text().equals("|")) {
        Token extra = tokens.get(i);
        if (extra.text().equals("?")) {
          return new Help(List.of(), true, true);
        }
        return new SyntaxError(extra.column(), "syntax error, expecting <command>.", List.of());
      }
    }
    if (node.value() == Grammar.ValueType.WORDS) {
      List<String> words = new ArrayList<>();
      while (i < tokens.size() && !tokens.get(i).text().equals("|")) {
        if (tokens.get(i).text().equals("?")) {
          return new Help(List.of(), true, true);
        }
        words.add(tokens.get(i++).text());
      }
      if (!words.isEmpty()) {
        options.put(PATH, String.join("\n", words));
      }
    }
    if (node.value() == Grammar.ValueType.OPTIONAL_PREFIX
        && i < tokens.size()
        && !tokens.get(i).text().equals("|")) {
      Token argument = tokens.get(i);
      if (argument.text().equals("?")) {
        return new Help(
            List.of(
                Grammar.Node.option(
                    node.value().placeholder, "Destination prefix", Grammar.ValueType.NONE)),
            true,
            true);
      }
      String problem = checkValue(Grammar.ValueType.PREFIX, argument.text());
      if (problem != null) {
        return new SyntaxError(argument.column(), problem, List.of());
      }
      options.put(PATH, argument.text());
      i++;
      if (i < tokens.size() && !tokens.get(i).text().equals("|")) {
        Token extra = tokens.get(i);
        if (extra.text().equals("?")) {
          return new Help(List.of(), true, true);
        }
        return new SyntaxError(extra.column(), "syntax error, expecting <command>.", List.of());
      }
    }
    if ((node.value() == Grammar.ValueType.LEADING_NAME
            || node.value() == Grammar.ValueType.OPTIONAL_NUMBER)
        && i < tokens.size()
        && !tokens.get(i).text().equals("|")
        && !tokens.get(i).text().equals("?")
        && match(node.children(), tokens.get(i)) == null) {
      options.put(Grammar.NAME, tokens.get(i++).text()); // a word that is no option: the name
    }
    if (node.options()) {
      while (i < tokens.size() && !tokens.get(i).text().equals("|")) {
        Token token = tokens.get(i);
        List<Grammar.Node> remaining =
            node.children().stream().filter(o -> !options.containsKey(o.word())).toList();
        if (token.text().equals("?")) {
          return new Help(remaining, true, true);
        }
        Grammar.Node option = match(remaining, token);
        if (option == null) {
          return unknown(remaining, token);
        }
        i++;
        String value = "";
        if (option.value() != Grammar.ValueType.NONE) {
          if (i >= tokens.size() || tokens.get(i).text().equals("|")) {
            int column =
                i < tokens.size()
                    ? tokens.get(i).column()
                    : token.column() + token.text().length() + 1;
            return new SyntaxError(
                column, "syntax error, expecting " + option.value().placeholder + ".", List.of());
          }
          Token argument = tokens.get(i);
          if (argument.text().equals("?")) {
            return new Help(
                List.of(
                    Grammar.Node.option(
                        option.value().placeholder, option.help(), Grammar.ValueType.NONE)),
                false,
                false);
          }
          String problem = checkValue(option.value(), argument.text());
          if (problem != null) {
            return new SyntaxError(argument.column(), problem, List.of());
          }
          value = argument.text();
          i++;
        }
        options.put(option.word(), value);
      }
    }
    List<String> mandatory =
        node.command() == null
            ? List.of()
            : Grammar.MANDATORY_OPTIONS.getOrDefault(node.command(), List.of());
    for (String option : mandatory) {
      if (!options.containsKey(option)) {
        int column = i < tokens.size() ? tokens.get(i).column() : line.stripTrailing().length() + 1;
        List<Grammar.Node> missing =
            node.children().stream().filter(o -> !options.containsKey(o.word())).toList();
        return new SyntaxError(column, "syntax error, command is incomplete.", missing);
      }
    }
    if (!node.runnable()) {
      int column = i < tokens.size() ? tokens.get(i).column() : line.stripTrailing().length() + 1;
      return new SyntaxError(column, "syntax error, command is incomplete.", node.children());
    }
    List<List<String>> pipes = new ArrayList<>();
    while (i < tokens.size()) {
      i++; // the '|'
      List<String> pipe = new ArrayList<>();
      while (i < tokens.size() && !tokens.get(i).text().equals("|")) {
        Token token = tokens.get(i++);
        if (token.text().equals("?") && line.charAt(token.column()) == '?') {
          return new Help(pipeHelp(pipe), false, false); // never a file or pattern named "?"
        }
        pipe.add(token.text());
      }
      pipes.add(pipe);
    }
    return new Parsed(node.command(), options, pipes);
  }

  /** What {@code ?} lists inside a pipe: the pipe commands, or what the one begun takes. */
  private static List<Grammar.Node> pipeHelp(List<String> pipe) {
    if (pipe.isEmpty()) {
      return List.of(
          Grammar.Node.option("count", "Count occurrences", Grammar.ValueType.NONE),
          Grammar.Node.option(
              "display", "Show additional kinds of information", Grammar.ValueType.NONE),
          Grammar.Node.option(
              "except", "Show only text that does not match a pattern", Grammar.ValueType.NONE),
          Grammar.Node.option("last", "Display end of output only", Grammar.ValueType.NONE),
          Grammar.Node.option(
              "match", "Show only text that matches a pattern", Grammar.ValueType.NONE),
          Grammar.Node.option("no-more", "Don't paginate output", Grammar.ValueType.NONE),
          Grammar.Node.option("save", "Save output text to file", Grammar.ValueType.NONE));
    }
    String word = pipe.getFirst();
    if (pipe.size() == 1 && !word.isEmpty() && "save".startsWith(word)) {
      return List.of(Grammar.Node.option("<filename>", "Output file name", Grammar.ValueType.NONE));
    }
    if (pipe.size() == 1
        && !word.isEmpty()
        && ("match".startsWith(word) || "except".startsWith(word))) {
      return List.of(
          Grammar.Node.option("<pattern>", "Pattern to match against", Grammar.ValueType.NONE));
    }
    if (pipe.size() == 1 && word.length() >= 2 && "last".startsWith(word)) {
      return List.of(Grammar.Node.option("<number>", "Number of lines", Grammar.ValueType.NONE));
    }
    if (pipe.size() == 1 && word.length() >= 2 && "display".startsWith(word)) {
      return List.of(
          Grammar.Node.option("json", "Show output in JSON format", Grammar.ValueType.NONE),
          Grammar.Node.option(
              "set", "Show 'set' commands that create configuration", Grammar.ValueType.NONE),
          Grammar.Node.option("xml", "Show output as XML tags", Grammar.ValueType.NONE));
    }
    if (pipe.size() == 2 && word.length() >= 2 && "display".startsWith(word)) {
      return List.of(
          Grammar.Node.option("rpc", "Show the RPC of the command", Grammar.ValueType.NONE));
    }
    return List.of();
  }

  /**
   * The words that may complete the last word of {@code line} (all next words when the line ends in
   * a space), for TAB completion. Empty when the position takes a value or nothing fits.
   */
  static List<Grammar.Node> completions(String line) {
    List<Token> tokens = tokens(line);
    boolean fresh = line.isEmpty() || Character.isWhitespace(line.charAt(line.length() - 1));
    String partial = fresh || tokens.isEmpty() ? "" : tokens.get(tokens.size() - 1).text();
    List<Token> complete =
        fresh || tokens.isEmpty() ? tokens : tokens.subList(0, tokens.size() - 1);
    Grammar.Node node = Grammar.ROOT;
    java.util.Set<String> used = new java.util.HashSet<>();
    boolean expectValue = false;
    for (Token token : complete) {
      if (token.text().equals("|")) {
        return List.of();
      }
      if (expectValue) {
        expectValue = false;
        continue;
      }
      List<Grammar.Node> candidates =
          node.options()
              ? node.children().stream().filter(o -> !used.contains(o.word())).toList()
              : node.children();
      Grammar.Node next = match(candidates, token);
      if (next == null) {
        return List.of();
      }
      if (node.options()) {
        used.add(next.word());
        expectValue = next.value() != Grammar.ValueType.NONE;
      } else {
        node = next;
      }
    }
    if (expectValue) {
      return List.of();
    }
    return node.children().stream()
        .filter(c -> !used.contains(c.word()) && c.word().startsWith(partial))
        .toList();
  }

  /** The exact word, else the only word it abbreviates; null when none or several. */
  private static Grammar.Node match(List<Grammar.Node> candidates, Token token) {
    Grammar.Node prefixMatch = null;
    int prefixMatches = 0;
    for (Grammar.Node candidate : candidates) {
      if (candidate.word().equals(token.text())) {
        return candidate;
      }
      if (candidate.word().startsWith(token.text())) {
        prefixMatch = candidate;
        prefixMatches++;
      }
    }
    return prefixMatches == 1 ? prefixMatch : null;
  }

  private static SyntaxError unknown(List<Grammar.Node> candidates, Token token) {
    List<Grammar.Node> possible =
        candidates.stream().filter(c -> c.word().startsWith(token.text())).toList();
    if (possible.size() > 1) {
      return new SyntaxError(token.column(), "'" + token.text() + "' is ambiguous.", possible);
    }
    return new SyntaxError(token.column(), "syntax error, expecting <command>.", List.of());
  }

  private static String checkValue(Grammar.ValueType type, String text) {
    switch (type) {
      case PREFIX -> {
        try {
          IpPrefix.parse(text);
          return null;
        } catch (RuntimeException e) {
          return "invalid prefix: '" + text + "'";
        }
      }
      case ADDRESS -> {
        try {
          org.flowgate.dataplane.net.IpAddress.parse(text);
          return null;
        } catch (RuntimeException e) {
          return "invalid address: '" + text + "'";
        }
      }
      case PORT -> {
        return number(text, 1, 65535) ? null : "invalid port: '" + text + "' (1 to 65535)";
      }
      case NUMBER -> {
        return number(text, 0, 0xffff_ffffL) ? null : "invalid numeric value: '" + text + "'";
      }
      case PROTOCOL -> {
        return protocolNumber(text) >= 0 ? null : "invalid protocol: '" + text + "'";
      }
      case FAMILY -> {
        return text.equals("inet") || text.equals("inet6")
            ? null
            : "invalid family: '" + text + "' (inet or inet6)";
      }
      default -> {
        return null;
      }
    }
  }

  private static boolean number(String text, long minimum, long maximum) {
    try {
      long value = Long.parseLong(text);
      return value >= minimum && value <= maximum;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** The protocol names the filter accepts (reference §1.6), or a number 0-255; -1 otherwise. */
  static int protocolNumber(String text) {
    return switch (text) {
      case "ah" -> 51;
      case "egp" -> 8;
      case "esp" -> 50;
      case "gre" -> 47;
      case "icmp" -> 1;
      case "icmp6" -> 58;
      case "igmp" -> 2;
      case "ipip" -> 4;
      case "ospf" -> 89;
      case "pim" -> 103;
      case "rsvp" -> 46;
      case "sctp" -> 132;
      case "tcp" -> 6;
      case "udp" -> 17;
      default -> number(text, 0, 255) ? Integer.parseInt(text) : -1;
    };
  }

  /** The session filters a parsed session command names. */
  static SessionQuery query(Parsed parsed) {
    SessionQuery.Builder query = new SessionQuery.Builder();
    parsed
        .options()
        .forEach(
            (option, value) -> {
              switch (option) {
                case "source-prefix" -> query.sourcePrefix = IpPrefix.parse(value);
                case "destination-prefix" -> query.destinationPrefix = IpPrefix.parse(value);
                case "source-port" -> query.sourcePort = Integer.parseInt(value);
                case "destination-port" -> query.destinationPort = Integer.parseInt(value);
                case "protocol" -> query.protocol = protocolNumber(value);
                case "application" -> query.application = value;
                case "dynamic-application" -> query.dynamicApplication = value;
                case "interface" -> query.interfaceName = value;
                case "nat" -> query.nat = true;
                case "policy-id" -> query.policyId = Long.parseLong(value);
                case "family" -> query.family = value.equals("inet") ? 4 : 6;
                case "logical-system" -> query.logicalSystem = value;
                case "tunnel" -> query.tunnel = true;
                case "resource-manager" -> query.resourceManager = true;
                case "encrypted" -> query.encrypted = true;
                case "application-traffic-control" -> query.trafficControl = true;
                case "conn-tag" -> query.connTag = Long.parseLong(value);
                case "session-identifier" -> query.sessionIdentifier = Long.parseLong(value);
                default -> {} // views and "all"
              }
            });
    return query.build();
  }
}
