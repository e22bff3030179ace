package org.flowgate.config.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits Junos configuration text into {@link Token}s, each with its {@link SourceLocation}.
 *
 * <pre>
 * token      = word | string | annotation | "{" | "}" | ";" | "[" | "]" ;
 * word       = char-not-special { char-not-special } ;   (* special: space, { } [ ] ; " *)
 * string     = '"' { char-not-quote-or-backslash | "\" any-char } '"' ;
 * annotation = ( "inactive:" | "protect:" | "replace:" ) ;   (* a whole bare word *)
 * comment    = "#" { any-but-newline } | "/*" { any } "*&#47;" ;   (* only where a token starts *)
 * </pre>
 *
 * <p>{@code ## Last commit: ...} header lines and {@code /* annotate *&#47;} comments are comments
 * and yield no token. In a quoted string, {@code \"} stands for {@code "} and {@code \\} for {@code
 * \}; any other backslash is kept as written. A {@code #} or {@code /*} inside a word is part of
 * the word. An unterminated string or block comment is reported as an ERROR at its start and ends
 * the text.
 *
 * <p>A byte-order mark (U+FEFF) at the very start of the text is skipped, as Python's {@code
 * utf-8-sig} codec and editors that write one do; columns on the first line count from after it.
 * Anywhere else it is an ordinary character.
 *
 * <p>Not thread-safe; one instance lexes one text.
 */
public final class ConfigLexer {
  /** The byte-order mark, as a character. */
  static final char BYTE_ORDER_MARK = '\uFEFF';

  /** The statement prefixes Junos writes before a statement in the hierarchical form. */
  public static final Set<String> ANNOTATIONS = Set.of("inactive:", "protect:", "replace:");

  private final String text;
  private final String fileName;
  private final Diagnostics diagnostics;
  private int position;
  private int line = 1;
  private int column = 1;
  private boolean lineBreakSeen = true;

  private ConfigLexer(String text, String fileName, Diagnostics diagnostics) {
    this.text = text;
    this.fileName = fileName;
    this.diagnostics = diagnostics;
    if (!text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK) {
      position = 1;
    }
  }

  /** The tokens of {@code text}, ending with one {@link Token.Kind#END} token. */
  public static List<Token> tokenize(String text, String fileName, Diagnostics diagnostics) {
    return new ConfigLexer(text, fileName, diagnostics).run();
  }

  private List<Token> run() {
    List<Token> tokens = new ArrayList<>();
    while (true) {
      skipBlanksAndComments();
      SourceLocation start = here();
      boolean first = lineBreakSeen;
      lineBreakSeen = false;
      if (position >= text.length()) {
        tokens.add(new Token(Token.Kind.END, "", start, true));
        return tokens;
      }
      char c = text.charAt(position);
      Token.Kind punctuation =
          switch (c) {
            case '{' -> Token.Kind.LEFT_BRACE;
            case '}' -> Token.Kind.RIGHT_BRACE;
            case ';' -> Token.Kind.SEMICOLON;
            case '[' -> Token.Kind.LEFT_BRACKET;
            case ']' -> Token.Kind.RIGHT_BRACKET;
            default -> null;
          };
      if (punctuation != null) {
        advance();
        tokens.add(new Token(punctuation, String.valueOf(c), start, first));
      } else if (c == '"') {
        tokens.add(new Token(Token.Kind.STRING, quotedString(start), start, first));
      } else {
        String word = bareWord();
        Token.Kind kind = ANNOTATIONS.contains(word) ? Token.Kind.ANNOTATION : Token.Kind.WORD;
        tokens.add(new Token(kind, word, start, first));
      }
    }
  }

  private void skipBlanksAndComments() {
    while (position < text.length()) {
      char c = text.charAt(position);
      if (c == '\n') {
        lineBreakSeen = true;
        advance();
      } else if (Character.isWhitespace(c)) {
        advance();
      } else if (c == '#') {
        while (position < text.length() && text.charAt(position) != '\n') {
          advance();
        }
      } else if (c == '/' && position + 1 < text.length() && text.charAt(position + 1) == '*') {
        SourceLocation start = here();
        int end = text.indexOf("*/", position + 2);
        int stop = end < 0 ? text.length() : end + 2;
        while (position < stop) {
          if (text.charAt(position) == '\n') {
            lineBreakSeen = true;
          }
          advance();
        }
        if (end < 0) {
          diagnostics.error(start, "unterminated comment");
        }
      } else {
        return;
      }
    }
  }

  private String quotedString(SourceLocation start) {
    advance(); // the opening quote
    StringBuilder value = new StringBuilder();
    while (position < text.length()) {
      char c = text.charAt(position);
      if (c == '"') {
        advance();
        return value.toString();
      }
      if (c == '\\' && position + 1 < text.length()) {
        char next = text.charAt(position + 1);
        if (next == '"' || next == '\\') {
          value.append(next);
          advance();
          advance();
          continue;
        }
      }
      value.append(c);
      advance();
    }
    diagnostics.error(start, "unterminated string");
    return value.toString();
  }

  private String bareWord() {
    int start = position;
    while (position < text.length() && !endsWord(text.charAt(position))) {
      advance();
    }
    return text.substring(start, position);
  }

  private static boolean endsWord(char c) {
    return Character.isWhitespace(c)
        || c == '{'
        || c == '}'
        || c == ';'
        || c == '['
        || c == ']'
        || c == '"';
  }

  private void advance() {
    if (text.charAt(position) == '\n') {
      line++;
      column = 1;
    } else {
      column++;
    }
    position++;
  }

  private SourceLocation here() {
    return new SourceLocation(fileName, line, column);
  }
}
