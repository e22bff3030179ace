package org.flowgate.mgmt.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowgate.mgmt.render.Sessions.in;
import static org.flowgate.mgmt.render.Sessions.out;
import static org.flowgate.mgmt.render.Sessions.session;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.flowgate.dataplane.control.FlowSummary;
import org.flowgate.dataplane.control.SessionSnapshot;
import org.flowgate.mgmt.reply.FlowSessionReply;
import org.flowgate.mgmt.reply.FlowSessionReply.View;
import org.flowgate.mgmt.reply.FlowSummaryReply;
import org.flowgate.mgmt.reply.SpuSessions;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Rebuilds the sessions of the real XML replies ({@code ../shared/junos/samples/
 * get-flow-session-information-*.xml}) as snapshots and compares our {@code | display xml} with the
 * device's element by element (both parsed with the JDK DOM, flattened by {@link JunosTrees}).
 *
 * <p>Differences applied, and nothing else:
 *
 * <ul>
 *   <li>every sample: the release in the namespace URIs (15.1I0, 15.1X49 against ours), normalised
 *       on both sides;
 *   <li>{@code le-multi}: the sample is cut after two sessions and elides the second session's
 *       wings, the session count and the CLI trailer; those parts of ours are left out;
 *   <li>{@code summary-le} (15.1X49): ours adds the later {@code active-services-offload-sessions}
 *       and {@code active-drop-sessions}; they are left out of ours;
 *   <li>{@code ha-cluster}, {@code ha-he-snat}: Flowgate has no chassis cluster, so only node0's
 *       {@code flow-session-information} elements are compared (the first, or the three PICs before
 *       the sample is cut), with the cluster-only {@code session-state} taken out of the sample.
 * </ul>
 *
 * The samples are not part of the project; each test skips where they are absent.
 */
class JunosXmlSampleFidelityTest {
  private static final int ICMP = 1;
  private static final int TCP = 6;
  private static final int UDP = 17;

  private static Document sample(String name) throws IOException {
    Path file = JunosSamples.sharedDir().resolve("junos/samples").resolve(name);
    assumeTrue(
        Files.isRegularFile(file),
        () -> "skipped: Junos sample " + file + " not found (../shared is not beside the project)");
    return JunosTrees.parseXml(Files.readString(file, StandardCharsets.UTF_8));
  }

  private static List<String> flat(Document document) {
    return JunosTrees.flatten(document.getDocumentElement());
  }

  @Test
  void highEndSessionOnTheSecondOfThreePics() throws IOException {
    Document sample = sample("get-flow-session-information-he-session-1.xml");
    SessionSnapshot session =
        session(20000753)
            .spu(1)
            .flags(0x40, 0x0, 0x8003)
            .policy("p1", 4)
            .timeouts(1800, 1798)
            .started(1200007, 2)
            .wings(
                in("2000:100::2", 58612, "2000:200::2", 54093, TCP)
                    .on("xe-2/0/0.0")
                    .token(0x7, 0x40001023)
                    .route(0xd0010, "2000:100::2")
                    .counted(39, 2816)
                    .cp(20002443),
                out("2000:200::2", 54093, "2000:100::2", 58612, TCP)
                    .on("xe-2/0/1.0")
                    .token(0x8, 0x40001022)
                    .route(0xe0010, "2000:200::2")
                    .counted(93, 137776)
                    .cp(20002443))
            .build();
    FlowSessionReply reply =
        new FlowSessionReply(
            View.BRIEF,
            true,
            List.of(
                new SpuSessions(0, List.of()),
                new SpuSessions(1, List.of(session)),
                new SpuSessions(2, List.of())));

    assertThat(flat(JunosTrees.parseXml(JunosXml.write(JunosReplyTree.of(reply)))))
        .containsExactlyElementsOf(flat(sample));
  }

  @Test
  void branchIcmpSessions() throws IOException {
    Document sample = sample("get-flow-session-information-le-multi-1.xml");
    FlowSessionReply reply =
        FlowSessionReply.singleSpu(
            View.BRIEF, List.of(ping(70, 2, 95259, 3), ping(71, 3, 95260, 2)));

    List<String> ours =
        flat(JunosTrees.parseXml(JunosXml.write(JunosReplyTree.of(reply)))).stream()
            .filter(line -> !line.contains("/flow-session[2]/flow-information["))
            .filter(line -> !line.contains("/displayed-session-count["))
            .filter(line -> !line.startsWith("rpc-reply[1]/cli["))
            .toList();

    assertThat(ours).containsExactlyElementsOf(flat(sample));
  }

  private static SessionSnapshot ping(long id, int icmpSequence, long start, long duration) {
    return session(id)
        .flags(0x80000040L, 0x0, 0x800003)
        .policy("default-policy-logical-system-00", 2)
        .timeouts(4, 2)
        .started(start, duration)
        .wings(
            in("100.1.0.2", icmpSequence, "100.2.0.2", 49983, ICMP)
                .on("ge-0/0/2.0")
                .token(0x6, 0x21)
                .route(0x90010, "100.1.0.2")
                .counted(1, 84),
            out("100.2.0.2", 49983, "100.1.0.2", icmpSequence, ICMP)
                .on("ge-0/0/3.0")
                .token(0x7, 0x20)
                .route(0xa0010, "100.2.0.2")
                .counted(1, 84))
        .build();
  }

  @Test
  void branchSummarySitsBetweenTwoEmptySessionLists() throws IOException {
    Document sample = sample("get-flow-session-information-summary-le-1.xml");
    FlowSummaryReply reply =
        FlowSummaryReply.singleSpu(new FlowSummary(0, 4, 0, 0, 0, 0, 6, 4, 0, 2, 0, 524288));

    List<String> ours =
        flat(JunosTrees.parseXml(JunosXml.write(JunosReplyTree.of(reply)))).stream()
            .filter(line -> !line.contains("/active-services-offload-sessions["))
            .filter(line -> !line.contains("/active-drop-sessions["))
            .toList();

    assertThat(ours).containsExactlyElementsOf(flat(sample));
  }

  @Test
  void clusterNodeSessionsWithAnApplication() throws IOException {
    Document sample = sample("get-flow-session-information-ha-cluster-1.xml");
    FlowSessionReply reply =
        FlowSessionReply.singleSpu(
            View.BRIEF,
            List.of(
                telnet(
                    57,
                    0x8400040L,
                    0x108023,
                    1784,
                    70050,
                    16,
                    0x1021,
                    0x4c6bc2,
                    10,
                    676,
                    0x1030,
                    8,
                    576),
                telnet(
                    2, 0x10400040L, 0x8023, 14388, 69242, 15, 0x21, 0x4f03c2, 0, 0, 0x30, 0, 0)));

    Element node0 = (Element) sample.getElementsByTagName("flow-session-information").item(0);
    List<String> expected =
        JunosTrees.flatten(node0).stream()
            .filter(line -> !line.contains("/session-state["))
            .toList();
    Element ours =
        (Element)
            JunosTrees.parseXml(JunosXml.write(JunosReplyTree.of(reply)))
                .getElementsByTagName("flow-session-information")
                .item(0);

    assertThat(JunosTrees.flatten(ours)).containsExactlyElementsOf(expected);
  }

  private static SessionSnapshot telnet(
      long id,
      long natFlag,
      long flag,
      int timeout,
      long start,
      long duration,
      long inFlag,
      long inRoute,
      long inPackets,
      long inBytes,
      long outFlag,
      long outPackets,
      long outBytes) {
    return session(id)
        .flags(natFlag, 0x0, flag)
        .policy("default-policy-logical-system-00", 2)
        .application("junos-telnet", 10)
        .timeouts(1800, timeout)
        .started(start, duration)
        .wings(
            in("31.0.1.1", 55048, "11.0.1.1", 23, TCP)
                .on("reth0.0")
                .token(0x7, inFlag)
                .route(inRoute, "31.0.1.1")
                .counted(inPackets, inBytes),
            out("11.0.1.1", 23, "31.0.1.1", 55048, TCP)
                .on(".local..0")
                .token(0x2, outFlag)
                .route(0xfffb0006L, "11.0.1.1")
                .counted(outPackets, outBytes))
        .build();
  }

  @Test
  void highEndClusterSourceNatSessionsOnThreePics() throws IOException {
    Document sample = sample("get-flow-session-information-ha-he-snat-1.xml");
    SessionSnapshot syslog =
        session(20000019)
            .spu(1)
            .flags(0x8000000, 0x8000000, 0x0, 0x3)
            .policy("t_un", 4)
            .sourceNatPool("root_src_v6_pat_10")
            .application("junos-syslog", 23)
            .timeouts(6000, 5584)
            .started(239720, 419)
            .wings(
                in("2000::2", 10000, "2000:1::2", 514, UDP)
                    .on("reth0.0")
                    .token(0x6008, 0x40000023)
                    .route(0x76d33c2, "2000::2")
                    .counted(2, 160)
                    .cp(20000034),
                out("2000:1::2", 514, "3000:10::1", 10226, UDP)
                    .on("reth1.0")
                    .token(0x6009, 0x60000022)
                    .route(0x76d43c2, "2000:1::2")
                    .counted(0, 0)
                    .cp(210000017))
            .build();
    SessionSnapshot telnet =
        session(20000020)
            .spu(1)
            .flags(0x8000000, 0x8000000, 0x0, 0x108003)
            .policy("t_un", 4)
            .sourceNatPool("root_src_v6_pat_10")
            .application("junos-telnet", 10)
            .timeouts(1800, 1388)
            .started(239726, 413)
            .wings(
                in("2000::2", 40241, "2000:1::2", 23, TCP)
                    .on("reth0.0")
                    .token(0x6008, 0x40001023)
                    .route(0x76d33c2, "2000::2")
                    .counted(16, 1218)
                    .cp(20000035),
                out("2000:1::2", 23, "3000:10::2", 12065, TCP)
                    .on("reth1.0")
                    .token(0x6009, 0x60001022)
                    .route(0x76d43c2, "2000:1::2")
                    .counted(16, 2905)
                    .cp(30000027))
            .build();
    SessionSnapshot v4 =
        session(30000018)
            .spu(2)
            .flags(0x8000000, 0x8000000, 0x0, 0x3)
            .policy("t_un", 4)
            .sourceNatPool("root_src_v4_pat")
            .timeouts(6000, 5574)
            .started(239712, 426)
            .wings(
                in("100.0.0.10", 10000, "100.0.1.10", 20000, UDP)
                    .on("reth0.0")
                    .token(0x6008, 0x40000021)
                    .route(0xc0020006L, "100.0.0.10")
                    .counted(2, 120)
                    .cp(30000026),
                out("100.0.1.10", 20000, "30.0.1.2", 11053, UDP)
                    .on("reth1.0")
                    .token(0x6009, 0x60000020)
                    .route(0x0, "100.0.1.10")
                    .counted(0, 0)
                    .cp(200000032))
            .build();
    FlowSessionReply reply =
        new FlowSessionReply(
            View.BRIEF,
            true,
            List.of(
                new SpuSessions(0, List.of()),
                new SpuSessions(1, List.of(syslog, telnet)),
                new SpuSessions(2, List.of(v4))));

    Document ours = JunosTrees.parseXml(JunosXml.write(JunosReplyTree.of(reply)));
    for (int pic = 0; pic < 3; pic++) {
      List<String> expected =
          JunosTrees.flatten(
                  (Element) sample.getElementsByTagName("flow-session-information").item(pic))
              .stream()
              .filter(line -> !line.contains("/session-state["))
              .toList();
      assertThat(
              JunosTrees.flatten(
                  (Element) ours.getElementsByTagName("flow-session-information").item(pic)))
          .as("FPC0 PIC%d", pic + 1)
          .containsExactlyElementsOf(expected);
    }
  }
}
