package org.flowgate.config.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, items 3, 7 and 9: absurd nesting and length, a byte-order mark, bytes that are not
 * UTF-8 and groups that apply each other are refused (or accepted) with a location, never with a
 * stack overflow or a silent misreading.
 */
class InputLimitsTest {
  private static Diagnostics parse(String text) {
    Diagnostics diagnostics = new Diagnostics();
    ConfigParser.parseConfig(text, "d.conf", diagnostics);
    return diagnostics;
  }

  private static List<String> errors(Diagnostics diagnostics) {
    return diagnostics.errors().stream().map(Diagnostic::toString).toList();
  }

  @Test
  void refusesNestingFourThousandLevelsDeepAtTheFirstWordTooMany() {
    String text = "protocols {\n".repeat(4000) + "x;\n" + "}\n".repeat(4000);
    assertThat(errors(parse(text)))
        .containsExactly(
            "d.conf:257:1: error: statement too long: more than 256 words (levels and words of"
                + " one statement)");
  }

  @Test
  void refusesATenThousandWordSetLine() {
    String text = "set protocols" + " a".repeat(10_000) + "\nset system host-name fw\n";
    List<String> errors = errors(parse(text));
    // "protocols" and 255 a's fit; the 256th a, the statement's 257th word, is at 13 + 256 * 2.
    assertThat(errors)
        .containsExactly(
            "d.conf:1:525: error: statement too long: more than 256 words (levels and words of"
                + " one statement)");
  }

  @Test
  void loadsTheLongestStatementAllowedAndPrintsItBothWays() {
    // protocols is a Junos statement Flowgate keeps as names only, so any words may follow.
    StringBuilder text = new StringBuilder();
    for (int depth = 0; depth < ConfigParser.MAX_STATEMENT_WORDS - 1; depth++) {
      text.append(depth == 0 ? "protocols" : "w" + depth).append(" {\n");
    }
    text.append("last;\n").append("}\n".repeat(ConfigParser.MAX_STATEMENT_WORDS - 1));
    Diagnostics diagnostics = new Diagnostics();
    ParsedConfig parsed = ConfigParser.parseConfig(text.toString(), "d.conf", diagnostics);
    assertThat(diagnostics.all()).isEmpty();
    assertThat(parsed.statements()).hasSize(1);
    assertThat(parsed.statements().getFirst().words()).hasSize(256);

    String hierarchical = ConfigPrinter.hierarchical(parsed.configured());
    String displaySet = ConfigPrinter.displaySet(parsed.configured());
    for (String printed : List.of(hierarchical, displaySet)) {
      Diagnostics again = new Diagnostics();
      assertThat(ConfigParser.parseConfig(printed, "p.conf", again).statements())
          .extracting(ConfigStatement::words)
          .containsExactly(parsed.statements().getFirst().words());
      assertThat(again.all()).isEmpty();
    }
  }

  @Test
  void skipsAByteOrderMarkAtTheStart() {
    String text = "\uFEFFsystem {\n    host-name fw;\n}\nsecurity { flow { allow-dns-reply; } }\n";
    Diagnostics diagnostics = new Diagnostics();
    ParsedConfig parsed = ConfigParser.parseConfig(text, "bom.conf", diagnostics);
    assertThat(diagnostics.all()).isEmpty();
    assertThat(parsed.statements())
        .extracting(ConfigStatement::path)
        .containsExactly("system host-name fw", "security flow allow-dns-reply");
    assertThat(parsed.statements().getFirst().location().toString()).isEqualTo("bom.conf:2:5");
  }

  @Test
  void aByteOrderMarkElsewhereIsPartOfAWord() {
    assertThat(errors(parse("system {\n    \uFEFFhost-name fw;\n}\n")))
        .containsExactly("d.conf:2:5: error: syntax error: \"\uFEFFhost-name\" [edit system]");
  }

  @Test
  void refusesBytesThatAreNotUtf8WithTheirLineAndColumn() {
    byte[] bytes = "system {\n    host-name f\u00e9X;\n}\n".getBytes(StandardCharsets.UTF_8);
    int bad = indexOf(bytes, (byte) 'X');
    bytes[bad] = (byte) 0xFF;
    Diagnostics diagnostics = new Diagnostics();
    assertThat(ConfigSource.decode(bytes, "latin.conf", diagnostics)).isNull();
    assertThat(errors(diagnostics))
        .containsExactly(
            "latin.conf:2:17: error: invalid UTF-8: 0xFF at byte offset "
                + bad
                + " (a configuration is UTF-8 text)");
  }

  @Test
  void refusesATruncatedSequenceAtTheEnd() {
    byte[] bytes = {'s', 'e', 't', ' ', (byte) 0xE2, (byte) 0x82};
    Diagnostics diagnostics = new Diagnostics();
    assertThat(ConfigSource.decode(bytes, "cut.conf", diagnostics)).isNull();
    assertThat(errors(diagnostics))
        .containsExactly(
            "cut.conf:1:5: error: invalid UTF-8: 0xE2 0x82 at byte offset 4 (a configuration is"
                + " UTF-8 text)");
  }

  @Test
  void decodesUtf8WithABomUnchanged() {
    byte[] bytes = "\uFEFFset system host-name \u00e9\n".getBytes(StandardCharsets.UTF_8);
    Diagnostics diagnostics = new Diagnostics();
    assertThat(ConfigSource.decode(bytes, "ok.conf", diagnostics))
        .isEqualTo("\uFEFFset system host-name \u00e9\n");
    assertThat(diagnostics.all()).isEmpty();
  }

  @Test
  void refusesAGroupThatAppliesItself() {
    String text =
        """
        groups {
            G {
                apply-groups G;
                system { host-name fw; }
            }
        }
        apply-groups G;
        """;
    assertThat(errors(parse(text)))
        .containsExactly("d.conf:3:22: error: apply-groups loop: group G applies G");
  }

  @Test
  void refusesGroupsThatApplyEachOtherNamingTheLoop() {
    String text =
        """
        set groups A apply-groups B
        set groups A system host-name a
        set groups B security apply-groups C
        set groups C apply-groups A
        set apply-groups A
        """;
    assertThat(errors(parse(text)))
        .containsExactly(
            "d.conf:4:27: error: apply-groups loop: group A applies B applies C applies A");
  }

  @Test
  void aGroupInheritsTheGroupsItApplies() {
    String text =
        """
        set groups BASE system host-name base
        set groups BASE system domain-name example.net
        set groups SITE apply-groups BASE
        set groups SITE system host-name site
        set apply-groups SITE
        """;
    Diagnostics diagnostics = new Diagnostics();
    ParsedConfig parsed = ConfigParser.parseConfig(text, "d.conf", diagnostics);
    assertThat(diagnostics.all()).isEmpty();
    assertThat(parsed.statements())
        .extracting(ConfigStatement::path)
        .containsExactly("system host-name site", "system domain-name example.net");
  }

  @Test
  void aLongChainOfGroupsDoesNotOverflowTheStack() {
    StringBuilder text = new StringBuilder();
    int groups = 20_000;
    for (int i = 0; i < groups; i++) {
      text.append("set groups G").append(i).append(" apply-groups G").append(i + 1).append('\n');
    }
    text.append("set groups G").append(groups).append(" system host-name end\n");
    text.append("set apply-groups G0\n");
    Diagnostics diagnostics = new Diagnostics();
    ParsedConfig parsed = ConfigParser.parseConfig(text.toString(), "d.conf", diagnostics);
    assertThat(diagnostics.all()).isEmpty();
    assertThat(parsed.statements())
        .extracting(ConfigStatement::path)
        .contains("system host-name end");
  }

  /** Fuzzing finding: a group's own "groups" was inherited into the configuration. */
  @Test
  void refusesGroupsInsideAGroupAndNeverInheritsThem() {
    String text = "set groups G groups H system host-name x\nset apply-groups G\n";
    assertThat(errors(parse(text)))
        .containsExactly("d.conf:1:14: error: syntax error: groups [edit groups G]");
    Diagnostics diagnostics = new Diagnostics();
    ParsedConfig parsed =
        ConfigParser.parseConfig(text, "d.conf", diagnostics, ConfigParser.Words.ANY);
    assertThat(diagnostics.all()).isEmpty();
    assertThat(parsed.statements()).isEmpty();
  }

  /**
   * Fuzzing finding: an apply-groups below an inactive statement was applied (and its undefined
   * group reported) only when the inactive mark sat on it, so printing and reading back differed.
   */
  @Test
  void appliesNoGroupBelowAnInactiveStatement() {
    Diagnostics diagnostics = new Diagnostics();
    ParsedConfig parsed =
        ConfigParser.parseConfig(
            "set groups G system domain-name d\n"
                + "set system apply-groups [ G MISSING ]\n"
                + "set system host-name h\n"
                + "deactivate system\n",
            "d.conf",
            diagnostics);
    assertThat(diagnostics.all()).isEmpty();
    assertThat(parsed.statements())
        .extracting(s -> s.path() + (s.inactive() ? " (inactive)" : ""))
        .containsExactly("system host-name h (inactive)");
  }

  @Test
  void stopsGroupsThatWouldInheritMoreThanAMillionStatements() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 1000; i++) {
      text.append("set groups G interfaces <*> unit 0 description d").append(i).append('\n');
    }
    for (int i = 0; i < 2000; i++) {
      text.append("set interfaces ge-0/0/").append(i).append(" unit 0\n");
    }
    text.append("set apply-groups G\n");
    assertThat(errors(parse(text.toString())))
        .containsExactly(
            "d.conf:3001:18: error: groups inherit more than 1000000 statements (group 'G' was"
                + " applied here when the limit was reached)");
  }

  /** Fuzzing finding: a word starting with U+FEFF, printed first, was read back as a mark. */
  @Test
  void quotesAWordStartingWithAByteOrderMark() {
    Diagnostics diagnostics = new Diagnostics();
    ParsedConfig parsed =
        ConfigParser.parseConfig(
            "\uFEFF\uFEFFqystem hoet;\n", "d.conf", diagnostics, ConfigParser.Words.ANY);
    assertThat(parsed.configured())
        .extracting(ConfigStatement::path)
        .containsExactly("\uFEFFqystem hoet");
    String printed = ConfigPrinter.hierarchical(parsed.configured());
    assertThat(printed).isEqualTo("\"\uFEFFqystem\" hoet;\n");
    assertThat(
            ConfigParser.parseConfig(printed, "p.conf", new Diagnostics(), ConfigParser.Words.ANY)
                .configured())
        .extracting(ConfigStatement::path)
        .containsExactly("\uFEFFqystem hoet");
  }

  /** Fuzzing finding: with "inactive: groups", a group's own apply-groups was still resolved. */
  @Test
  void inactiveGroupsApplyNothing() {
    Diagnostics diagnostics = new Diagnostics();
    ParsedConfig parsed =
        ConfigParser.parseConfig(
            "set groups G3 security apply-groups G0\n"
                + "set groups G3 system host-name g\n"
                + "deactivate groups\n"
                + "set apply-groups G3\n",
            "d.conf",
            diagnostics);
    assertThat(diagnostics.all()).isEmpty();
    assertThat(parsed.statements()).isEmpty();
  }

  private static int indexOf(byte[] bytes, byte wanted) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == wanted) {
        return i;
      }
    }
    throw new AssertionError("no " + wanted);
  }
}
