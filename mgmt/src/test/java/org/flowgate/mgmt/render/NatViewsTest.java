package org.flowgate.mgmt.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.flowgate.dataplane.control.Platform;
import org.flowgate.dataplane.nat.NatConfig;
import org.flowgate.dataplane.nat.NatStatistics;
import org.flowgate.dataplane.runtime.FactoryDefault;
import org.flowgate.dataplane.runtime.RuntimeConfig;
import org.flowgate.mgmt.reply.NatReplies;
import org.flowgate.mgmt.reply.NatReply;
import org.flowgate.mgmt.reply.Placeholders;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * Every {@code show security nat} view of the office edge ({@link NatFixtures#officeEdge()}) in
 * text, {@code | display xml} and {@code | display json}: golden files for the exact bytes, XML and
 * JSON parsed back and compared value for value, and the values that must follow from the
 * configuration and counters checked on their own.
 */
class NatViewsTest {
  private static final RuntimeConfig EDGE = NatFixtures.officeEdge();
  private static final NatStatistics COUNTERS = NatFixtures.officeEdgeCounters();

  /** golden/{@code name}.txt, .xml and .json, and XML and JSON carrying the same values. */
  private static String assertGolden(String name, NatReply reply) throws IOException {
    String text = NatTextRenderer.render(reply);
    GoldenFiles.assertMatches(name + ".txt", text);
    JunosElement tree = NatReplyTree.of(reply);
    String xml = JunosXml.write(tree);
    String json = JunosJson.write(tree);
    GoldenFiles.assertMatches(name + ".xml", xml);
    GoldenFiles.assertMatches(name + ".json", json);
    Element root = JunosTrees.parseXml(xml).getDocumentElement();
    assertThat(root.getNodeName()).isEqualTo("rpc-reply");
    List<String> fromXml =
        JunosTrees.flattenChildren(root).stream()
            .filter(l -> !l.startsWith("cli["))
            .sorted()
            .toList();
    assertThat(JunosTrees.flattenJson(json).stream().sorted().toList())
        .isNotEmpty()
        .containsExactlyElementsOf(fromXml);
    return text;
  }

  @Test
  void sourceSummaryCountsThePortsOfTranslatingPoolsOnly() throws IOException {
    String text =
        assertGolden(
            "nat-source-summary",
            NatReplies.sourceSummary(EDGE, Placeholders.natMaximumPatPorts(Platform.VSRX)));

    // internet-pat: 3 addresses x 64512 ports; servers-no-pat translates no ports
    assertThat(text)
        .startsWith(
            "Total port number usage for port translation pool: 193536\n"
                + "Maximum port number for port translation pool: 201326592\n"
                + "Total pools: 2\n")
        // a range wider than its column pushes the routing instance along; PAT stays in its column
        .contains(
            "\ninternet-pat         203.0.113.10-203.0.113.10 default             yes  3\n"
                + "                     203.0.113.20-203.0.113.21\n")
        .contains("    From      : trust                 To : untrust\n    From      : dmz\n");
  }

  @Test
  void sourcePoolShowsPortsInUsePerAddressRange() throws IOException {
    String all = assertGolden("nat-source-pool-all", NatReplies.sourcePools(EDGE, COUNTERS, null));
    String one =
        assertGolden(
            "nat-source-pool-named", NatReplies.sourcePools(EDGE, COUNTERS, "internet-pat"));

    assertThat(all)
        .startsWith("Total pools: 2\n")
        .contains("Address assignment : paired\n")
        .contains("Port               : no translation\n");
    // a pool without its own range keeps twin ports: their line, their column and the totals
    assertThat(one)
        .startsWith("Pool name          : internet-pat\nPool id            : 4\n")
        .contains("Port               : [1024, 63487]\nTwin port          : [63488, 65535]\n")
        .contains("Translation hits   : 118\n")
        .contains("Address range                        Single Ports   Twin Ports\n")
        .contains("   203.0.113.10 - 203.0.113.10                 30            0\n")
        .contains("   203.0.113.20 - 203.0.113.21                 11            0\n")
        .contains("Total used ports   :" + " ".repeat(27) + "41            0\n")
        .doesNotContain("servers-no-pat");
  }

  @Test
  void sourceRuleShowsMatchActionAndCounters() throws IOException {
    String all = assertGolden("nat-source-rule-all", NatReplies.sourceRules(EDGE, COUNTERS, null));
    String one =
        assertGolden("nat-source-rule-named", NatReplies.sourceRules(EDGE, COUNTERS, "office-pat"));

    // prefixes the four rules match on: 1+1, 2, 1, and 172.16.0.0/24 with 2001:db8:10::/48
    assertThat(all)
        .startsWith("Total rules: 4\nTotal referenced IPv4/IPv6 ip-prefixes: 6/1\n")
        .contains(
            "  From routing instance      : guest-vr\n  To interface               : ge-0/0/0.0\n")
        .contains("  Action                        : off\n  Translation hits           : 0\n")
        .contains(
            "    Destination port         : 25              - 25\n"
                + "                               8000            - 8080\n");
    assertThat(one)
        .startsWith("source NAT rule: office-pat\n")
        .contains("  From zone                  : trust\n                             : dmz\n")
        .contains(
            "    Source addresses         : 192.168.1.0     - 192.168.1.255\n"
                + "                               10.0.2.0        - 10.0.2.255\n")
        .contains("    IP protocol              : tcp\n                               udp\n")
        .contains("  Action                        : internet-pat\n")
        .contains("    Failed sessions          : 2\n  Number of sessions         : 41\n");
  }

  @Test
  void failedSessionsAppearOnlyWhenATranslationFailed() {
    String rules = NatTextRenderer.render(NatReplies.sourceRules(EDGE, COUNTERS, null));

    assertThat(rules.split("Failed sessions", -1)).hasSize(2);
    assertThat(NatTextRenderer.render(NatReplies.sourceRules(EDGE, COUNTERS, "guest-interface")))
        .doesNotContain("Failed sessions")
        .contains("    Successful sessions      : 3\n");
  }

  @Test
  void destinationViews() throws IOException {
    String summary =
        assertGolden("nat-destination-summary", NatReplies.destinationSummary(EDGE, COUNTERS));
    String pools =
        assertGolden("nat-destination-pool-all", NatReplies.destinationPools(EDGE, COUNTERS, null));
    assertGolden("nat-destination-pool-named", NatReplies.destinationPools(EDGE, COUNTERS, "mail"));
    String rules =
        assertGolden("nat-destination-rule-all", NatReplies.destinationRules(EDGE, COUNTERS, null));
    assertGolden("nat-destination-rule-named", NatReplies.destinationRules(EDGE, COUNTERS, "web"));

    assertThat(summary)
        .contains("\nweb-servers          10.0.2.10-10.0.2.11      default              8080  2\n");
    assertThat(pools)
        .contains("Translation hits: 50\n")
        .contains("      10.0.2.10 - 10.0.2.11          8080\n");
    assertThat(rules)
        .startsWith("Total destination-nat rules: 3\nTotal referenced IPv4/IPv6 ip-prefixes: 4/0\n")
        .contains(
            "    Destination port         : 80              - 80\n    IP protocol              : tcp\n");
  }

  @Test
  void staticRuleShowsBothSidesOfTheMapping() throws IOException {
    assertGolden("nat-static-rule-all", NatReplies.staticRules(EDGE, COUNTERS, null));
    String jump =
        assertGolden("nat-static-rule-named", NatReplies.staticRules(EDGE, COUNTERS, "ssh-jump"));

    assertThat(jump)
        .contains(
            "  Destination addresses      : 198.51.100.48\n"
                + "  Destination port           : 2222            - 2222\n"
                + "  Host addresses             : 10.0.2.48\n"
                + "  Host port                  : 22              - 22\n"
                + "  Netmask                    : 29\n"
                + "  Host routing-instance      : guest-vr\n");
    assertThat(JunosXml.write(NatReplyTree.of(NatReplies.staticRules(EDGE, COUNTERS, "ssh-jump"))))
        .contains("<static-nat-rule-entry junos:style=\"with-pat\">");
  }

  @Test
  void rulePositionCountsAcrossRuleSets() {
    NatReply.SourceRules rules = NatReplies.sourceRules(EDGE, COUNTERS, "guest-interface");

    // first rule of the second rule set, after the three rules of the first
    assertThat(rules.rules())
        .singleElement()
        .satisfies(
            rule -> {
              assertThat(rule.id()).isEqualTo(4);
              assertThat(rule.position()).isEqualTo(4);
            });
  }

  @Test
  void withoutNatEveryViewIsEmpty() {
    RuntimeConfig plain = FactoryDefault.config();
    NatStatistics none = NatStatistics.empty(NatConfig.NONE);

    assertThat(NatTextRenderer.render(NatReplies.sourceRules(plain, none, null)))
        .isEqualTo("Total rules: 0\nTotal referenced IPv4/IPv6 ip-prefixes: 0/0\n");
    assertThat(NatTextRenderer.render(NatReplies.destinationPools(plain, none, null)))
        .isEqualTo("Total destination-nat pools: 0\n");
    // the maximum is the platform's figure even without a pool, as on the vSRX 24.4 capture
    assertThat(
            NatTextRenderer.render(
                NatReplies.sourceSummary(plain, Placeholders.natMaximumPatPorts(Platform.VSRX))))
        .isEqualTo(
            """
        Total port number usage for port translation pool: 0
        Maximum port number for port translation pool: 201326592
        Total pools: 0

        Total rules: 0
        """);
  }

  @Test
  void aNameNotConfiguredFindsNothing() {
    assertThat(NatReplies.sourcePools(EDGE, COUNTERS, "nosuch").pools()).isEmpty();
    assertThat(NatReplies.sourcePools(EDGE, COUNTERS, "nosuch").all()).isFalse();
    assertThat(NatReplies.staticRules(EDGE, COUNTERS, "web").rules()).isEmpty();
  }

  @Test
  void countersOfAGenerationBeingReplacedReadAsZero() {
    NatStatistics shorter = NatStatistics.empty(NatConfig.NONE);

    NatReply.SourcePools pools = NatReplies.sourcePools(EDGE, shorter, "internet-pat");

    assertThat(pools.pools().getFirst().hits()).isZero();
    assertThat(pools.pools().getFirst().ranges())
        .allSatisfy(range -> assertThat(range.portsInUse()).isZero());
    assertThat(NatReplies.destinationRules(EDGE, shorter, "web").rules().getFirst().counters())
        .isEqualTo(new NatReply.Counters(0, 0, 0, 0));
  }
}
