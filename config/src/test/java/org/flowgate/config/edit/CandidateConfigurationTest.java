package org.flowgate.config.edit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.flowgate.config.text.ConfigParser;
import org.flowgate.config.text.ConfigPrinter;
import org.flowgate.config.text.Diagnostics;
import org.junit.jupiter.api.Test;

/** Editing a candidate as configuration mode does, and comparing it with what was committed. */
class CandidateConfigurationTest {
  private static final String BASE =
      """
      system {
          host-name fw1;
      }
      security {
          policies {
              from-zone trust to-zone untrust {
                  policy allow-web {
                      match {
                          source-address any;
                          destination-address any;
                          application junos-http;
                      }
                      then {
                          permit;
                      }
                  }
              }
          }
      }
      """;

  private static CandidateConfiguration base() {
    Diagnostics diagnostics = new Diagnostics();
    CandidateConfiguration candidate =
        CandidateConfiguration.of(ConfigParser.parseConfig(BASE, "base", diagnostics).configured());
    assertThat(diagnostics.all()).isEmpty();
    return candidate;
  }

  private static List<String> words(String line) {
    return Words.split(line);
  }

  @Test
  void setReplacesASingleValueAndAddsToAList() {
    CandidateConfiguration candidate = base();
    candidate.set(words("system host-name fw2"));
    candidate.set(
        words(
            "security policies from-zone trust to-zone untrust policy allow-web match application junos-https"));
    candidate.set(
        words("security policies from-zone trust to-zone untrust policy allow-web then deny"));
    String set = ConfigPrinter.displaySet(candidate.statements());
    assertThat(set)
        .contains("set system host-name fw2")
        .doesNotContain("host-name fw1")
        .contains("match application junos-http\n")
        .contains("match application junos-https\n")
        .contains("then deny")
        .doesNotContain("then permit");
  }

  @Test
  void deleteRemovesASubtreeAndEmptyParents() {
    CandidateConfiguration candidate = base();
    assertThat(
            candidate.delete(
                words("security policies from-zone trust to-zone untrust policy allow-web")))
        .isTrue();
    assertThat(candidate.contains(List.of("security"))).isFalse();
    assertThat(candidate.delete(words("security zones"))).isFalse();
    assertThat(candidate.delete(words("system host-name"))).isTrue();
    assertThat(candidate.statements()).isEmpty();
  }

  @Test
  void compareShowsChangesUnderTheirHierarchyAsJunosDoes() {
    CandidateConfiguration before = base();
    CandidateConfiguration after = base();
    after.set(words("system host-name fw2"));
    after.set(
        words(
            "security policies from-zone trust to-zone untrust policy deny-rest match source-address any"));
    after.set(words("security policies from-zone trust to-zone dmz policy p1 then permit"));
    assertThat(ConfigCompare.compare(before.statements(), after.statements()))
        .isEqualTo(
            """
            [edit system]
            -   host-name fw1;
            +   host-name fw2;
            [edit security policies from-zone trust to-zone untrust]
            +   policy deny-rest {
            +       match {
            +           source-address any;
            +       }
            +   }
            [edit security policies]
            +   from-zone trust to-zone dmz {
            +       policy p1 {
            +           then {
            +               permit;
            +           }
            +       }
            +   }
            """);
    assertThat(ConfigCompare.compare(before.statements(), base().statements())).isEmpty();
  }

  @Test
  void loadSetAppliesCommandsInOrderAndLeavesTheCandidateOnError() {
    CandidateConfiguration candidate = base();
    Diagnostics diagnostics = new Diagnostics();
    boolean changed =
        candidate.load(
            CandidateConfiguration.LoadMode.SET,
            "set system domain-name example.net\ndelete system host-name\n",
            "terminal",
            diagnostics);
    assertThat(changed).isTrue();
    assertThat(diagnostics.all()).isEmpty();
    assertThat(ConfigPrinter.displaySet(candidate.statements()))
        .contains("set system domain-name example.net")
        .doesNotContain("host-name");

    Diagnostics bad = new Diagnostics();
    String before = candidate.text();
    assertThat(
            candidate.load(
                CandidateConfiguration.LoadMode.SET,
                "set system host-name x\nfrobnicate system\n",
                "terminal",
                bad))
        .isFalse();
    assertThat(bad.errors()).hasSize(1);
    assertThat(bad.errors().getFirst().location().line()).isEqualTo(2);
    assertThat(candidate.text()).isEqualTo(before);
  }

  @Test
  void loadMergeAddsAndOverrideReplacesAndReplaceTagsReplaceASubtree() {
    CandidateConfiguration merged = base();
    Diagnostics diagnostics = new Diagnostics();
    merged.load(
        CandidateConfiguration.LoadMode.MERGE,
        "system { domain-name example.net; }",
        "terminal",
        diagnostics);
    assertThat(ConfigPrinter.displaySet(merged.statements()))
        .contains("set system host-name fw1")
        .contains("set system domain-name example.net")
        .contains("allow-web");

    CandidateConfiguration overridden = base();
    overridden.load(
        CandidateConfiguration.LoadMode.OVERRIDE,
        "system { host-name only; }",
        "terminal",
        diagnostics);
    assertThat(ConfigPrinter.displaySet(overridden.statements()))
        .isEqualTo("set system host-name only\n");

    CandidateConfiguration replaced = base();
    replaced.load(
        CandidateConfiguration.LoadMode.REPLACE,
        """
        security {
            replace:
            policies {
                default-policy {
                    deny-all;
                }
            }
        }
        """,
        "terminal",
        diagnostics);
    assertThat(diagnostics.errors()).isEmpty();
    assertThat(ConfigPrinter.displaySet(replaced.statements()))
        .isEqualTo("set system host-name fw1\nset security policies default-policy deny-all\n");
  }
}
