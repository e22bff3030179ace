package org.flowgate.config.text;

/**
 * One lexical token of Junos configuration text.
 *
 * @param kind what the token is
 * @param text a word's text (unescaped for a quoted string), the annotation keyword with its colon,
 *     or the punctuation character
 * @param location where the token starts
 * @param firstOnLine true when a line break (outside a quoted string) comes between the previous
 *     token and this one, or this is the first token; {@code set} lines end where this is true
 */
public record Token(Kind kind, String text, SourceLocation location, boolean firstOnLine) {
  /** The closed set of token kinds. */
  public enum Kind {
    /** A bare word: any run of characters other than white space, braces, brackets, ; and ". */
    WORD,
    /** A double-quoted string; {@link Token#text()} holds its content with escapes resolved. */
    STRING,
    /** {@code inactive:}, {@code protect:} or {@code replace:} before a statement. */
    ANNOTATION,
    LEFT_BRACE,
    RIGHT_BRACE,
    SEMICOLON,
    LEFT_BRACKET,
    RIGHT_BRACKET,
    /** End of the text; always the last token. */
    END
  }

  /** A word, quoted string or annotation keyword: anything that can be a word of a path. */
  public boolean isWordLike() {
    return kind == Kind.WORD || kind == Kind.STRING || kind == Kind.ANNOTATION;
  }

  /** How the token reads in a message: {@code ';'}, {@code 'policy'}, {@code end of file}. */
  String describe() {
    return kind == Kind.END ? "end of file" : "'" + text + "'";
  }
}
