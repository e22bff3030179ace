package org.flowgate.mgmt.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.flowgate.dataplane.control.FlowEngine;
import org.flowgate.mgmt.render.NatFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code show security nat …} typed at the command line of an engine running the office edge:
 * abbreviations, {@code ?}, TAB, names that are not configured, and the three displays.
 */
class NatCommandsTest {
  private FlowEngine engine;
  private OperationalCommands cli;

  @BeforeEach
  void start() {
    engine = new FlowEngine(NatFixtures.officeEdge(), 2);
    cli = new OperationalCommands(engine);
  }

  @AfterEach
  void close() {
    engine.close();
  }

  @Test
  void everyViewAnswersFromTheRunningConfiguration() {
    assertThat(cli.execute("show security nat source summary"))
        .contains("Total pools: 2\n")
        .contains("Total rules: 4\n");
    assertThat(cli.execute("show security nat source pool all"))
        .contains("Pool name          : servers-no-pat\n");
    assertThat(cli.execute("show security nat source rule all")).startsWith("Total rules: 4\n");
    assertThat(cli.execute("show security nat destination summary")).contains("Total rules: 3\n");
    assertThat(cli.execute("show security nat destination pool all"))
        .startsWith("Total destination-nat pools: 2\n");
    assertThat(cli.execute("show security nat destination rule all"))
        .startsWith("Total destination-nat rules: 3\n");
    assertThat(cli.execute("show security nat static rule all"))
        .startsWith("Total static-nat rules: 2\n");
    // nothing has been translated on this engine yet: the counters are the SPUs' own, all zero
    assertThat(cli.execute("show security nat source rule office-pat"))
        .contains("  Translation hits           : 0\n    Successful sessions      : 0\n");
  }

  @Test
  void wordsMayBeAbbreviated() {
    // "po" would be pool or port-block, as on Junos
    assertThat(cli.execute("sh sec nat so poo all"))
        .isEqualTo(cli.execute("show security nat source pool all"));
    assertThat(cli.execute("sh sec nat sta ru ssh-jump"))
        .isEqualTo(cli.execute("show security nat static rule ssh-jump"))
        .startsWith("Static NAT rule: ssh-jump\n");
    assertThat(cli.execute("show security nat d su"))
        .isEqualTo(cli.execute("show security nat destination summary"));
  }

  @Test
  void anAmbiguousAbbreviationListsWhatItCouldMean() {
    assertThat(cli.execute("show security nat s rule all"))
        .isEqualTo(
            """
        show security nat s rule all
                          ^
        's' is ambiguous.
        Possible completions:
          source               Show source NAT information
          static               Show static NAT information
        """);
  }

  @Test
  void aQuestionMarkListsWhatMayComeNext() {
    assertThat(cli.execute("show security nat ?"))
        .isEqualTo(
            """
        Possible completions:
          destination          Show destination NAT information
          interface-nat-ports  Show interface NAT ports information
          source               Show source NAT information
          static               Show static NAT information
        """);
    assertThat(cli.execute("show security nat source pool ?"))
        .isEqualTo(
            """
        Possible completions:
          <pool-name>          Pool name
          all                  Show all source NAT pools
        """);
    assertThat(cli.execute("show security nat destination rule web ?"))
        .isEqualTo(
            """
        Possible completions:
          <[Enter]>            Execute this command
          |                    Pipe through a command
        """);
    assertThat(cli.execute("show security ?"))
        .contains("  nat                  Show Network Address Translation information\n");
  }

  @Test
  void tabCompletesKeywordsButNotNames() {
    assertThat(cli.completions("show security nat s")).containsExactly("source", "static");
    assertThat(cli.completions("show security nat source "))
        .containsExactly("persistent-nat-table", "pool", "port-block", "rule", "summary");
    assertThat(cli.completions("show security nat source pool a")).containsExactly("all");
    assertThat(cli.completions("show security nat source pool internet-pat ")).isEmpty();
  }

  @Test
  void aPoolOrRuleThatIsNotConfiguredIsAnError() {
    assertThat(cli.execute("show security nat source pool nosuch"))
        .isEqualTo("error: source NAT pool 'nosuch' is not configured\n");
    assertThat(cli.execute("show security nat destination pool internet-pat"))
        .isEqualTo("error: destination NAT pool 'internet-pat' is not configured\n");
    assertThat(cli.execute("show security nat source rule web"))
        .isEqualTo("error: source NAT rule 'web' is not configured\n");
    assertThat(cli.execute("show security nat destination rule nosuch"))
        .isEqualTo("error: destination NAT rule 'nosuch' is not configured\n");
    assertThat(cli.execute("show security nat static rule nosuch | display xml"))
        .isEqualTo("error: static NAT rule 'nosuch' is not configured\n");
  }

  @Test
  void aKeywordCountsOnlyWrittenInFull() {
    // "al" is a pool name here, not an abbreviation of all: a pool may be called "al"
    assertThat(cli.execute("show security nat source pool al"))
        .isEqualTo("error: source NAT pool 'al' is not configured\n");
  }

  @Test
  void aMissingOrExtraWordGetsACaret() {
    assertThat(cli.execute("show security nat source pool"))
        .isEqualTo(
            """
        show security nat source pool
                                      ^
        syntax error, command is incomplete.
        Possible completions:
          <pool-name>          Pool name
          all                  Show all source NAT pools
        """);
    assertThat(cli.execute("show security nat source rule all extra"))
        .isEqualTo(
            """
        show security nat source rule all extra
                                          ^
        syntax error, expecting <command>.
        """);
    assertThat(cli.execute("show security nat")).contains("syntax error, command is incomplete.");
  }

  @Test
  void displayXmlAndJsonCarryTheView() throws Exception {
    String xml = cli.execute("show security nat destination pool web-servers | display xml");
    DocumentBuilderFactory.newInstance()
        .newDocumentBuilder()
        .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    assertThat(xml)
        .startsWith("<rpc-reply xmlns:junos=")
        .contains(
            "<destination-nat-pool-information xmlns=\"http://xml.juniper.net/junos/24.4R1-S2.9/junos-nat\">")
        .contains("<address-range-high>10.0.2.11</address-range-high>");
    assertThat(cli.execute("show security nat source rule all | display json"))
        .startsWith("{\n    \"source-nat-rule-detail-information\" : [");
    assertThat(
            cli.execute(
                "show security nat source summary | display xml | match pat-port-num>193536 | count"))
        .isEqualTo("Count: 1 lines\n");
  }

  @Test
  void displayXmlRpcShowsTheRpcOfEachView() {
    List<String[]> expected =
        List.of(
            new String[] {"show security nat source summary", "<retrieve-source-nat-summary>"},
            new String[] {
              "show security nat source pool all", "<retrieve-source-nat-pool-information>"
            },
            new String[] {
              "show security nat source rule all", "<get-source-nat-rule-sets-information>"
            },
            new String[] {
              "show security nat destination summary",
              "<retrieve-destination-nat-summary-information>"
            },
            new String[] {
              "show security nat destination pool all", "<get-destination-nat-pool-information>"
            },
            new String[] {
              "show security nat destination rule all",
              "<get-destination-nat-rule-sets-information>"
            },
            new String[] {
              "show security nat static rule all", "<get-static-nat-rule-information>"
            });
    for (String[] pair : expected) {
      assertThat(cli.execute(pair[0] + " | display xml rpc")).as(pair[0]).contains(pair[1]);
    }
    assertThat(cli.execute("show security nat source pool all | display xml rpc"))
        .isEqualTo(
            """
        <rpc-reply>
            <rpc>
                <retrieve-source-nat-pool-information>
                        <all/>
                </retrieve-source-nat-pool-information>
            </rpc>
            <cli>
                <banner></banner>
            </cli>
        </rpc-reply>
        """);
    assertThat(cli.execute("show security nat destination rule web | display xml rpc"))
        .contains("        <rule-name>web</rule-name>\n");
    assertThat(cli.execute("show security nat source pool nosuch | display xml rpc"))
        .contains("<pool-name>nosuch</pool-name>");
  }
}
