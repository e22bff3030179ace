package org.flowgate.config.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads Junos configuration text in either syntax and flattens it to {@link ConfigStatement}s.
 *
 * <pre>
 * file        = { top-item } END ;
 * top-item    = command-line | statement ;
 * command-line = ( "set" | "delete" | "deactivate" | "activate" ) path ;   (* ends at the line end *)
 * path        = word { word } [ list ] ;
 * statement   = { annotation } word { word } ( ";" | list ";" | "{" { statement } "}" ) ;
 * list        = "[" { word } "]" ;
 * annotation  = "inactive:" | "protect:" | "replace:" ;
 * word        = bare-word | quoted-string ;
 * </pre>
 *
 * <p>A command line is recognised where a statement starts at the top level and its first token is
 * the bare word {@code set}, {@code delete}, {@code deactivate} or {@code activate}; so a file may
 * be all {@code display set} lines, all hierarchy, or both. Statements and commands take effect in
 * the order written: {@code delete PATH} removes PATH and all below it, {@code deactivate PATH}
 * marks PATH inactive and {@code activate PATH} clears that mark; {@code replace:} deletes what was
 * there before (for a leaf {@code keyword value;}, the keyword's values). Then groups are expanded
 * ({@link GroupExpander}).
 *
 * <p>A list {@code application [ a b ];} gives one statement per element; an empty container
 * ({@code family inet;} or {@code x { }}) gives a statement for its own path. Errors are reported
 * with their location and the parser recovers at the next {@code ;} or {@code }} (or the next line
 * for a command line), so every error in a file is reported in one pass.
 *
 * <p>Without a schema, a single-valued leaf set twice keeps both values ({@code host-name a} and
 * {@code host-name b}); the model built on these statements decides.
 *
 * <p>Limits (ADR 0015): a statement has at most {@link #MAX_STATEMENT_WORDS} words, however it is
 * written (nested braces or one long {@code set} line). The deepest statement of the Junos 24.4
 * schema has far fewer, so anything longer is refused with its location instead of being walked by
 * the recursive passes (parser, groups, syntax check, printer) it would overflow. After parsing,
 * every statement is checked against Junos's statement names ({@link JunosSyntax}).
 */
public final class ConfigParser {
  /** The words that start a command line rather than a hierarchical statement. */
  public static final Set<String> COMMANDS = Set.of("set", "delete", "deactivate", "activate");

  /** The most words one statement may have (its path from the top of the configuration). */
  public static final int MAX_STATEMENT_WORDS = 256;

  private final List<Token> tokens;
  private final ConfigTree tree;
  private final Diagnostics diagnostics;
  private int next;

  private ConfigParser(List<Token> tokens, ConfigTree tree, Diagnostics diagnostics) {
    this.tokens = tokens;
    this.tree = tree;
    this.diagnostics = diagnostics;
  }

  /** The effective statements of {@code text}; see {@link ParsedConfig#statements()}. */
  public static List<ConfigStatement> parse(String text, String fileName, Diagnostics diagnostics) {
    return parseConfig(text, fileName, diagnostics).statements();
  }

  /** The effective statements of {@code text}, checking words as {@code words} says. */
  public static List<ConfigStatement> parse(
      String text, String fileName, Diagnostics diagnostics, Words words) {
    return parseConfig(text, fileName, diagnostics, words).statements();
  }

  /** Which words a configuration may use. */
  public enum Words {
    /** Junos's statements only: any other word is a syntax error ({@link JunosSyntax}). */
    JUNOS,
    /** Any words: the text layer alone (its own tests, and tools that handle other schemas). */
    ANY
  }

  /**
   * The effective statements, the statements as written, and the groups of {@code text}, which must
   * use Junos's statements only.
   */
  public static ParsedConfig parseConfig(String text, String fileName, Diagnostics diagnostics) {
    return parseConfig(text, fileName, diagnostics, Words.JUNOS);
  }

  /** As {@link #parseConfig(String, String, Diagnostics)}, checking words as {@code words} says. */
  public static ParsedConfig parseConfig(
      String text, String fileName, Diagnostics diagnostics, Words words) {
    ConfigTree tree = new ConfigTree();
    new ConfigParser(ConfigLexer.tokenize(text, fileName, diagnostics), tree, diagnostics)
        .parseFile();
    if (words == Words.JUNOS) {
      JunosSyntax.check(tree, diagnostics);
    }
    List<ConfigStatement> configured = tree.statements();
    List<ConfigStatement> groups =
        configured.stream().filter(s -> s.words().getFirst().equals("groups")).toList();
    ConfigTree effective = GroupExpander.expand(tree, diagnostics);
    return new ParsedConfig(effective.statements(), configured, groups);
  }

  private void parseFile() {
    while (peek().kind() != Token.Kind.END) {
      Token first = peek();
      if (first.kind() == Token.Kind.WORD && COMMANDS.contains(first.text())) {
        parseCommandLine();
      } else if (first.kind() == Token.Kind.RIGHT_BRACE) {
        diagnostics.error(first.location(), "syntax error, unexpected '}'");
        advance();
      } else {
        parseStatement(List.of(), List.of(), true);
      }
    }
  }

  /** {@code set|delete|deactivate|activate PATH}, up to the end of its line. */
  private void parseCommandLine() {
    Token command = advance();
    List<String> path = new ArrayList<>();
    List<SourceLocation> where = new ArrayList<>();
    List<Token> listElements = null;
    boolean listClosed = false;
    while (!peek().firstOnLine()) {
      Token token = advance();
      if (token.isWordLike() && path.size() >= MAX_STATEMENT_WORDS) {
        tooLong(token.location());
        skipRestOfLine();
        return;
      } else if (token.isWordLike() && listElements == null) {
        path.add(token.text());
        where.add(token.location());
      } else if (token.isWordLike() && !listClosed) {
        listElements.add(token);
      } else if (token.kind() == Token.Kind.LEFT_BRACKET && listElements == null) {
        listElements = new ArrayList<>();
      } else if (token.kind() == Token.Kind.RIGHT_BRACKET && listElements != null && !listClosed) {
        listClosed = true;
      } else {
        diagnostics.error(token.location(), "syntax error, unexpected " + token.describe());
        skipRestOfLine();
        return;
      }
    }
    if (listElements != null && !listClosed) {
      diagnostics.error(peek().location(), "syntax error, expecting ']'");
      return;
    }
    if (path.isEmpty()) {
      diagnostics.error(
          command.location(), "syntax error, expecting <statement> after '" + command.text() + "'");
      return;
    }
    if (listElements == null) {
      apply(command, path, where, command.location());
    } else {
      for (Token element : listElements) {
        List<String> elementPath = new ArrayList<>(path);
        elementPath.add(element.text());
        List<SourceLocation> elementWhere = new ArrayList<>(where);
        elementWhere.add(element.location());
        apply(command, elementPath, elementWhere, command.location());
      }
    }
  }

  private void tooLong(SourceLocation at) {
    diagnostics.error(
        at,
        "statement too long: more than "
            + MAX_STATEMENT_WORDS
            + " words (levels and words of one statement)");
  }

  private void apply(
      Token command, List<String> path, List<SourceLocation> where, SourceLocation location) {
    boolean found =
        switch (command.text()) {
          case "set" -> {
            tree.set(path, where, location, false);
            yield true;
          }
          case "delete" -> tree.delete(path);
          case "deactivate" -> tree.setInactive(path, true);
          case "activate" -> tree.setInactive(path, false);
          default -> throw new IllegalStateException("not a command: " + command.text());
        };
    if (!found) {
      diagnostics.warning(location, "statement not found: " + String.join(" ", path));
    }
  }

  private void skipRestOfLine() {
    while (!peek().firstOnLine()) {
      advance();
    }
  }

  /**
   * One hierarchical statement whose words follow {@code prefix}; {@code prefixWhere} holds where
   * each of those words was written.
   */
  private void parseStatement(
      List<String> prefix, List<SourceLocation> prefixWhere, boolean topLevel) {
    Token start = peek();
    switch (start.kind()) {
      case SEMICOLON -> {
        diagnostics.error(start.location(), "syntax error, unexpected ';'");
        advance();
        return;
      }
      case LEFT_BRACE -> {
        diagnostics.error(start.location(), "syntax error, expecting <statement>");
        advance();
        skipBlock();
        return;
      }
      case LEFT_BRACKET, RIGHT_BRACKET -> {
        diagnostics.error(start.location(), "syntax error, unexpected " + start.describe());
        recover();
        return;
      }
      default -> {}
    }
    boolean inactive = false;
    boolean replace = false;
    while (peek().kind() == Token.Kind.ANNOTATION && peek(1).isWordLike()) {
      String annotation = advance().text();
      inactive |= annotation.equals("inactive:");
      replace |= annotation.equals("replace:");
    }
    List<String> path = new ArrayList<>(prefix);
    List<SourceLocation> where = new ArrayList<>(prefixWhere);
    SourceLocation location = peek().location();
    while (peek().isWordLike() && !(topLevel && path.size() > prefix.size() && startsCommand())) {
      if (path.size() >= MAX_STATEMENT_WORDS) {
        tooLong(peek().location());
        recover();
        return;
      }
      Token word = advance();
      path.add(word.text());
      where.add(word.location());
    }
    Token end = peek();
    switch (end.kind()) {
      case SEMICOLON -> {
        advance();
        if (replace) {
          // A leaf "keyword value;" replaces the keyword's value; a bare "keyword;" replaces
          // itself.
          tree.delete(path.size() - prefix.size() >= 2 ? path.subList(0, path.size() - 1) : path);
        }
        tree.set(path, where, location, inactive);
      }
      case LEFT_BRACE -> {
        advance();
        if (replace) {
          tree.delete(path);
        }
        tree.set(path, where, location, inactive);
        parseBlock(path, where, end);
      }
      case LEFT_BRACKET -> {
        advance();
        parseListTail(path, where, location, inactive, replace);
      }
      default -> {
        diagnostics.error(end.location(), "syntax error, expecting ';' or '{'");
        if (end.kind() == Token.Kind.RIGHT_BRACKET) {
          recover();
        }
      }
    }
  }

  private boolean startsCommand() {
    Token token = peek();
    return token.kind() == Token.Kind.WORD
        && token.firstOnLine()
        && COMMANDS.contains(token.text());
  }

  /** The statements of a block up to its closing brace; {@code open} is its opening brace. */
  private void parseBlock(List<String> path, List<SourceLocation> where, Token open) {
    while (true) {
      Token token = peek();
      if (token.kind() == Token.Kind.END) {
        diagnostics.error(open.location(), "missing closing brace");
        return;
      }
      if (token.kind() == Token.Kind.RIGHT_BRACE) {
        advance();
        return;
      }
      parseStatement(path, where, false);
    }
  }

  /** After {@code words [}: the elements, {@code ]} and {@code ;}. */
  private void parseListTail(
      List<String> path,
      List<SourceLocation> where,
      SourceLocation location,
      boolean inactive,
      boolean replace) {
    if (replace) {
      tree.delete(path);
    }
    List<Token> elements = new ArrayList<>();
    while (peek().isWordLike()) {
      elements.add(advance());
    }
    if (peek().kind() != Token.Kind.RIGHT_BRACKET) {
      diagnostics.error(peek().location(), "syntax error, expecting ']'");
      recover();
      return;
    }
    advance();
    if (peek().kind() != Token.Kind.SEMICOLON) {
      diagnostics.error(peek().location(), "syntax error, expecting ';'");
      recover();
      return;
    }
    advance();
    if (elements.isEmpty()) {
      tree.set(path, where, location, inactive);
    }
    if (path.size() >= MAX_STATEMENT_WORDS && !elements.isEmpty()) {
      tooLong(elements.getFirst().location());
      return;
    }
    for (Token element : elements) {
      List<String> elementPath = new ArrayList<>(path);
      elementPath.add(element.text());
      List<SourceLocation> elementWhere = new ArrayList<>(where);
      elementWhere.add(element.location());
      tree.set(elementPath, elementWhere, element.location(), inactive);
    }
  }

  /** Skips to just after the next {@code ;}, or to the next {@code }} (left for the block). */
  private void recover() {
    while (true) {
      switch (peek().kind()) {
        case END, RIGHT_BRACE -> {
          return;
        }
        case SEMICOLON -> {
          advance();
          return;
        }
        case LEFT_BRACE -> {
          advance();
          skipBlock();
          return;
        }
        default -> advance();
      }
    }
  }

  /** Skips a block whose opening brace was just consumed, nested blocks included. */
  private void skipBlock() {
    int depth = 1;
    while (depth > 0 && peek().kind() != Token.Kind.END) {
      Token token = advance();
      if (token.kind() == Token.Kind.LEFT_BRACE) {
        depth++;
      } else if (token.kind() == Token.Kind.RIGHT_BRACE) {
        depth--;
      }
    }
  }

  private Token peek() {
    return tokens.get(next);
  }

  private Token peek(int ahead) {
    return tokens.get(Math.min(next + ahead, tokens.size() - 1));
  }

  private Token advance() {
    Token token = tokens.get(next);
    if (token.kind() != Token.Kind.END) {
      next++;
    }
    return token;
  }
}
