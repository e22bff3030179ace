package org.flowgate.config.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigLexerTest {
  private final Diagnostics diagnostics = new Diagnostics();

  private List<Token> lex(String text) {
    return ConfigLexer.tokenize(text, "t.conf", diagnostics);
  }

  private static List<String> texts(List<Token> tokens) {
    return tokens.stream().map(Token::text).toList();
  }

  @Test
  void splitsWordsAndPunctuationWithLocations() {
    List<Token> tokens = lex("system {\n    host-name fw1;\n}\n");
    assertThat(texts(tokens)).containsExactly("system", "{", "host-name", "fw1", ";", "}", "");
    assertThat(tokens.get(2).location()).isEqualTo(new SourceLocation("t.conf", 2, 5));
    assertThat(tokens.get(3).location()).isEqualTo(new SourceLocation("t.conf", 2, 15));
    assertThat(tokens.get(4).kind()).isEqualTo(Token.Kind.SEMICOLON);
    assertThat(tokens.getLast().kind()).isEqualTo(Token.Kind.END);
    assertThat(diagnostics.isEmpty()).isTrue();
  }

  @Test
  void readsBracketListsAsSeparateTokens() {
    assertThat(texts(lex("application [ junos-http junos-https];")))
        .containsExactly("application", "[", "junos-http", "junos-https", "]", ";", "");
  }

  @Test
  void resolvesEscapesInQuotedStrings() {
    List<Token> tokens = lex("description \"a \\\"b\\\" c\\\\d \\n\";");
    assertThat(tokens.get(1).kind()).isEqualTo(Token.Kind.STRING);
    assertThat(tokens.get(1).text()).isEqualTo("a \"b\" c\\d \\n");
  }

  @Test
  void keepsSpecialCharactersInsideQuotes() {
    assertThat(lex("x \"{ ; } # /* [\";").get(1).text()).isEqualTo("{ ; } # /* [");
  }

  @Test
  void skipsLineCommentsAndLastCommitHeader() {
    assertThat(texts(lex("## Last commit: 2018-07-18 11:21:58 PDT by echen\nversion 1; # why\n")))
        .containsExactly("version", "1", ";", "");
  }

  @Test
  void keepsHashInsideAWord() {
    assertThat(texts(lex("community pub#1;"))).containsExactly("community", "pub#1", ";", "");
  }

  @Test
  void skipsMultiLineBlockCommentsAndCountsTheirLines() {
    List<Token> tokens = lex("/* note\n   two lines */ system;");
    assertThat(tokens.getFirst().text()).isEqualTo("system");
    assertThat(tokens.getFirst().location()).isEqualTo(new SourceLocation("t.conf", 2, 17));
    assertThat(tokens.getFirst().firstOnLine()).isTrue();
  }

  @Test
  void recognisesAnnotationsAsTheirOwnKind() {
    List<Token> tokens = lex("inactive: protect: replace: interfaces;");
    assertThat(tokens.subList(0, 3)).allMatch(t -> t.kind() == Token.Kind.ANNOTATION);
    assertThat(tokens.get(3).kind()).isEqualTo(Token.Kind.WORD);
  }

  @Test
  void marksTheFirstTokenOfEachLine() {
    List<Token> tokens = lex("set a b\nset c");
    assertThat(tokens.stream().map(Token::firstOnLine).toList())
        .containsExactly(true, false, false, true, false, true);
  }

  @Test
  void keepsWildcardsAndSlashesInWords() {
    assertThat(texts(lex("<ge-*> ge-0/0/0.0 10.0.0.0/8")))
        .containsExactly("<ge-*>", "ge-0/0/0.0", "10.0.0.0/8", "");
  }

  @Test
  void reportsAnUnterminatedStringAtItsStart() {
    lex("a;\nb \"open\n");
    assertThat(diagnostics.all())
        .extracting(Diagnostic::toString)
        .containsExactly("t.conf:2:3: error: unterminated string");
  }

  @Test
  void reportsAnUnterminatedCommentAtItsStart() {
    lex("a;\n  /* open\n");
    assertThat(diagnostics.all())
        .extracting(Diagnostic::toString)
        .containsExactly("t.conf:2:3: error: unterminated comment");
  }

  @Test
  void countsCarriageReturnLineFeedAsOneLineBreak() {
    List<Token> tokens = lex("a;\r\nb;");
    assertThat(tokens.get(2).location()).isEqualTo(new SourceLocation("t.conf", 2, 1));
  }
}
