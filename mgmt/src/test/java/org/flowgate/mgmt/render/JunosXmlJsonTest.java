package org.flowgate.mgmt.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.flowgate.mgmt.render.Sessions.in;
import static org.flowgate.mgmt.render.Sessions.out;
import static org.flowgate.mgmt.render.Sessions.session;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.flowgate.dataplane.control.FlowSummary;
import org.flowgate.mgmt.reply.FlowSessionClearReply;
import org.flowgate.mgmt.reply.FlowSessionReply;
import org.flowgate.mgmt.reply.FlowSessionReply.View;
import org.flowgate.mgmt.reply.FlowSummaryReply;
import org.flowgate.mgmt.reply.RpcRequest;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * {@code | display xml}, {@code | display json} and {@code | display xml rpc} of every reply:
 * golden files for the exact bytes, and for every output that it parses (JDK DOM, Jackson) and that
 * XML and JSON carry the same values.
 */
public class JunosXmlJsonTest {
  private static final int TCP = 6;
  private static final int UDP = 17;

  private static final FlowSummary SPU0 =
      new FlowSummary(0, 12, 1, 0, 3, 2, 17, 13, 1, 3, 0, 1048576);
  private static final FlowSummary SPU1 = new FlowSummary(1, 5, 0, 0, 0, 0, 6, 5, 0, 1, 0, 1048576);
  private static final FlowSummary SPU6 = new FlowSummary(6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1048576);

  private static FlowSessionReply briefSingle() {
    return FlowSessionReply.singleSpu(
        View.BRIEF, FlowSessionTextRendererTest.mixedSessions(0, 100));
  }

  /**
   * Renders both formats, checks them against golden/{@code name}.xml/.json, parses and compares.
   */
  private static void assertGoldenPair(String name, JunosElement tree) throws IOException {
    String xml = JunosXml.write(tree);
    String json = JunosJson.write(tree);
    GoldenFiles.assertMatches(name + ".xml", xml);
    GoldenFiles.assertMatches(name + ".json", json);
    assertSameValues(xml, json);
  }

  /** Everything inside {@code <rpc-reply>} but the CLI trailer, as lines, equals the JSON's. */
  public static void assertSameValues(String xml, String json) {
    Document document = JunosTrees.parseXml(xml);
    Element root = document.getDocumentElement();
    assertThat(root.getNodeName()).isEqualTo("rpc-reply");
    List<String> fromXml =
        JunosTrees.flattenChildren(root).stream()
            .filter(line -> !line.startsWith("cli["))
            .sorted()
            .toList();
    List<String> fromJson = JunosTrees.flattenJson(json).stream().sorted().toList();
    assertThat(fromJson).isNotEmpty().containsExactlyElementsOf(fromXml);
  }

  @Test
  void briefSingleSpu() throws IOException {
    assertGoldenPair("brief-single-spu", JunosReplyTree.of(briefSingle()));
  }

  /** Every SPU of the multi-SPU fixture, the empty ones included, as the engine lists them. */
  private static FlowSessionReply everySpu(View view) {
    List<org.flowgate.mgmt.reply.SpuSessions> sections = new java.util.ArrayList<>();
    var sparse = FlowSessionTextRendererTest.multiSpu(view).sections();
    for (int spu = 0, i = 0; spu <= sparse.getLast().spu(); spu++) {
      sections.add(
          i < sparse.size() && sparse.get(i).spu() == spu
              ? sparse.get(i++)
              : new org.flowgate.mgmt.reply.SpuSessions(spu, List.of()));
    }
    return new FlowSessionReply(view, true, sections);
  }

  /** The streamed list is byte for byte the reply tree of the whole list, in XML and JSON. */
  @Test
  void aStreamedListIsTheWholeReplysTree() {
    for (FlowSessionReply reply :
        List.of(
            briefSingle(),
            everySpu(View.BRIEF),
            everySpu(View.EXTENSIVE),
            FlowSessionReply.singleSpu(View.BRIEF, List.of()))) {
      for (boolean xml : List.of(true, false)) {
        java.io.StringWriter out = new java.io.StringWriter();
        ReplyWriter writer = xml ? new XmlReplyWriter(out) : new JsonReplyWriter(out);
        FlowSessionReplyStream stream =
            new FlowSessionReplyStream(reply.view(), reply.multiSpu(), writer);
        for (org.flowgate.mgmt.reply.SpuSessions section : reply.sections()) {
          stream.spu(section.spu());
          section.sessions().forEach(stream::session);
          stream.flush();
        }
        int spus = reply.sections().isEmpty() ? 1 : reply.sections().getLast().spu() + 1;
        stream.end(spus);
        JunosElement tree = JunosReplyTree.of(reply);
        assertThat(out.toString()).isEqualTo(xml ? JunosXml.write(tree) : JunosJson.write(tree));
      }
    }
  }

  @Test
  void briefMultiSpu() throws IOException {
    assertGoldenPair(
        "brief-multi-spu", JunosReplyTree.of(FlowSessionTextRendererTest.multiSpu(View.BRIEF)));
  }

  @Test
  void extensiveSingleSpu() throws IOException {
    assertGoldenPair(
        "extensive-single-spu",
        JunosReplyTree.of(
            FlowSessionReply.singleSpu(
                View.EXTENSIVE, FlowSessionTextRendererTest.mixedSessions(0, 100))));
  }

  @Test
  void extensiveMultiSpu() throws IOException {
    assertGoldenPair(
        "extensive-multi-spu",
        JunosReplyTree.of(FlowSessionTextRendererTest.multiSpu(View.EXTENSIVE)));
  }

  @Test
  void summarySingleSpu() throws IOException {
    assertGoldenPair("summary-single-spu", JunosReplyTree.of(FlowSummaryReply.singleSpu(SPU0)));
  }

  @Test
  void summaryMultiSpu() throws IOException {
    assertGoldenPair(
        "summary-multi-spu",
        JunosReplyTree.of(new FlowSummaryReply(true, List.of(SPU0, SPU1, SPU6))));
  }

  @Test
  void clear() throws IOException {
    assertGoldenPair("clear", JunosReplyTree.of(new FlowSessionClearReply(3)));
    assertThat(JunosXml.write(JunosReplyTree.of(new FlowSessionClearReply(1))))
        .contains(">1 active sessions cleared</output>");
  }

  @Test
  void emptyTable() throws IOException {
    assertGoldenPair(
        "brief-empty", JunosReplyTree.of(FlowSessionReply.singleSpu(View.BRIEF, List.of())));
  }

  @Test
  void displayXmlRpcOfSummaryMatchesTheLiveCapture() throws IOException {
    RpcRequest rpc =
        new RpcRequest(
            "get-flow-session-information",
            List.of(Map.entry("protocol", "tcp"), Map.entry("summary", "")));

    String xml = JunosXml.write(JunosReplyTree.of(rpc));

    GoldenFiles.assertMatches("rpc-summary.xml", xml);
    // reference §2.1, the live capture: arguments two levels in, the toggle self-closed.
    assertThat(xml)
        .startsWith(
            """
        <rpc-reply>
            <rpc>
                <get-flow-session-information>
                        <protocol>tcp</protocol>
                        <summary/>
                </get-flow-session-information>
            </rpc>
        """);
    JunosTrees.parseXml(xml);
    assertThat(JunosTrees.flattenJson(JunosJson.write(JunosReplyTree.of(rpc))))
        .containsExactly(
            "rpc[1]/get-flow-session-information[1]/protocol[1] = tcp",
            "rpc[1]/get-flow-session-information[1]/summary[1] = ");
  }

  @Test
  void rpcWithoutArgumentsIsAnEmptyContainer() throws IOException {
    String xml = JunosXml.write(JunosReplyTree.of(RpcRequest.of("clear-flow-session-all")));

    GoldenFiles.assertMatches("rpc-clear-all.xml", xml);
    assertThat(xml)
        .contains(
            """
                <clear-flow-session-all>
                </clear-flow-session-all>
        """);
  }

  @Test
  void markupInNamesIsEscapedInBothFormats() {
    String nasty = "a<b>&c\"d'e]]>f";
    FlowSessionReply reply =
        FlowSessionReply.singleSpu(
            View.BRIEF,
            List.of(
                session(1)
                    .policy(nasty, 7)
                    .sourceNatPool("<pool & \"1\">")
                    .application("app'<&>", 99)
                    .dynamicApplication("junos:&amp;")
                    .encryption("'\"'")
                    .wings(
                        in("10.0.0.1", 1, "10.0.0.2", 2, TCP).on("ge-0/0/0.0<&>"),
                        out("10.0.0.2", 2, "10.0.0.1", 1, TCP).on("if\"'"))
                    .build()));

    String xml = JunosXml.write(JunosReplyTree.of(reply));
    String json = JunosJson.write(JunosReplyTree.of(reply));

    assertThat(xml)
        .doesNotContain(nasty)
        .contains("a&lt;b&gt;&amp;c\"d'e]]&gt;f")
        .contains("junos:&amp;amp;");
    List<String> lines = JunosTrees.flattenChildren(JunosTrees.parseXml(xml).getDocumentElement());
    String session = "flow-session-information[1]/flow-session[1]/";
    assertThat(lines)
        .contains(
            session + "policy[1] = " + nasty + "/7",
            session + "nat-source-pool-name[1] = <pool & \"1\">",
            session + "application-name[1] = app'<&>",
            session + "dynamic-application-name[1] = junos:&amp;",
            session + "encryption-traffic-name[1] =  '\"'",
            session + "flow-information[1]/interface-name[1] = ge-0/0/0.0<&>",
            session + "flow-information[2]/interface-name[1] = if\"'");
    assertSameValues(xml, json);
  }

  @Test
  void markupInAttributesIsEscaped() {
    JunosElement tree =
        JunosElement.container(
            "rpc-reply",
            List.of(),
            List.of(
                JunosElement.container(
                    "x",
                    List.of(JunosElement.attribute("name", "<&\"'>")),
                    List.of(JunosElement.leaf("y", "1")))));

    String xml = JunosXml.write(tree);

    assertThat(JunosTrees.flattenChildren(JunosTrees.parseXml(xml).getDocumentElement()))
        .containsExactly("x[1]@name = <&\"'>", "x[1]/y[1] = 1");
    assertSameValues(xml, JunosJson.write(tree));
  }

  @Test
  void charactersXmlCannotCarryBecomeReplacementCharacters() {
    FlowSessionReply reply =
        FlowSessionReply.singleSpu(
            View.BRIEF,
            List.of(
                session(1)
                    .policy("bell\u0007nul\u0000" + "\uD800x\uFFFE", 1)
                    .wings(
                        in("10.0.0.1", 1, "10.0.0.2", 2, UDP).on("tab\there"),
                        out("10.0.0.2", 2, "10.0.0.1", 1, UDP))
                    .build()));

    String xml = JunosXml.write(JunosReplyTree.of(reply));
    String json = JunosJson.write(JunosReplyTree.of(reply));

    assertThat(JunosTrees.flattenChildren(JunosTrees.parseXml(xml).getDocumentElement()))
        .contains(
            "flow-session-information[1]/flow-session[1]/policy[1] = bell\uFFFDnul\uFFFD\uFFFDx\uFFFD/1",
            "flow-session-information[1]/flow-session[1]/flow-information[1]/interface-name[1] = tab\there");
    assertSameValues(xml, json);
  }

  @Test
  void prefixedAttributeNeedsItsPrefixDeclared() {
    JunosElement tree =
        JunosElement.container(
            "a", List.of(JunosElement.attribute("junos:style", "brief")), List.of());

    assertThatThrownBy(() -> JunosXml.write(tree))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("prefix junos");
  }

  @Test
  void elementKindsKeepTheirShape() {
    assertThatThrownBy(
            () -> new JunosElement("x", List.of(), JunosElement.Kind.LEAF, null, List.of()))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(
            () -> new JunosElement("x", List.of(), JunosElement.Kind.TOGGLE, "t", List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new JunosElement(
                    "x",
                    List.of(),
                    JunosElement.Kind.LEAF,
                    "t",
                    List.of(JunosElement.leaf("y", "1"))))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
