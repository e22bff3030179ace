package org.flowgate.mgmt.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowgate.mgmt.render.Sessions.in;
import static org.flowgate.mgmt.render.Sessions.out;
import static org.flowgate.mgmt.render.Sessions.session;

import java.io.IOException;
import java.util.List;
import org.flowgate.dataplane.control.SessionSnapshot;
import org.flowgate.dataplane.session.SessionState;
import org.flowgate.mgmt.reply.FlowSessionReply;
import org.flowgate.mgmt.reply.FlowSessionReply.View;
import org.flowgate.mgmt.reply.SpuSessions;
import org.junit.jupiter.api.Test;

class FlowSessionTextRendererTest {
  private static final int ICMP = 1;
  private static final int TCP = 6;
  private static final int UDP = 17;
  private static final int GRE = 47;
  private static final int ICMP6 = 58;
  private static final int SCTP = 132;
  private static final int L2TP = 115;

  /**
   * A mix: source NAT with an application, IPv6, one wing without policy, states, tags, tunnels.
   */
  static List<SessionSnapshot> mixedSessions(int spu, long idBase) {
    return List.of(
        session(idBase + 1)
            .spu(spu)
            .policy("trust-to-untrust", 4)
            .sourceNatPool("pool-a")
            .application("junos-http", 6)
            .dynamicApplication("junos:HTTP")
            .encryption("No")
            .flags(0x42, 0x0, 0x1, 0x8103)
            .timeouts(1800, 1795)
            .started(1200, 5)
            .wings(
                in("192.168.1.10", 51000, "203.0.113.7", 80, TCP)
                    .on("ge-0/0/1.0")
                    .token(0x7, 0x1021)
                    .route(0x40010, "192.168.1.10")
                    .counted(6, 1145)
                    .cp(idBase + 101),
                out("203.0.113.7", 80, "198.51.100.1", 2048, TCP)
                    .on("ge-0/0/0.0")
                    .token(0x8, 0x1020)
                    .route(0x50010, "198.51.100.254")
                    .fin(0, 3735928559L, 1)
                    .counted(5, 3881)
                    .cp(idBase + 101))
            .build(),
        session(idBase + 2)
            .spu(spu)
            .policy("v6-out", 9)
            .timeouts(60, 0)
            .state(SessionState.INVALIDATED)
            .started(1300, 60)
            .wings(
                in("2001:db8::10", 7, "2001:db8:1::1", 3, ICMP6)
                    .on("ge-0/0/1.0")
                    .counted(1, 104)
                    .cp(idBase + 102),
                out("2001:db8:1::1", 3, "2001:db8::10", 7, ICMP6)
                    .on("ge-0/0/0.0")
                    .tunnel(7)
                    .counted(1, 104)
                    .cp(idBase + 102))
            .build(),
        session(idBase + 3)
            .spu(spu)
            .noPolicy()
            .state(SessionState.PENDING)
            .started(1400, 1)
            .oneWing(in("10.9.9.1", 1, "10.9.9.2", 1, GRE).on("gr-0/0/0.0").route(0, null))
            .build(),
        session(idBase + 4)
            .spu(spu)
            .policy("sctp-in", 12)
            .timeouts(1800, 1234)
            .started(900, 400)
            .wings(
                in("10.0.0.1", 36412, "10.0.0.2", 36412, SCTP)
                    .connTag(0x1a2b)
                    .on("xe-0/0/2.0")
                    .counted(20, 2400)
                    .cp(idBase + 104),
                out("10.0.0.2", 36412, "10.0.0.1", 36412, SCTP)
                    .connTag(0x3c4d)
                    .on("xe-0/0/3.0")
                    .counted(18, 2100)
                    .cp(idBase + 104))
            .build(),
        session(idBase + 5)
            .spu(spu)
            .policy("l2tp", 13)
            .timeouts(60, 31)
            .started(1000, 29)
            .wings(
                in("172.16.0.1", 0, "172.16.0.2", 0, L2TP)
                    .on("ge-0/0/4.0")
                    .counted(3, 300)
                    .cp(idBase + 105),
                out("172.16.0.2", 0, "172.16.0.1", 0, L2TP)
                    .on("ge-0/0/5.0")
                    .counted(0, 0)
                    .cp(idBase + 105))
            .build());
  }

  static FlowSessionReply multiSpu(View view) {
    return new FlowSessionReply(
        view,
        true,
        List.of(
            new SpuSessions(0, mixedSessions(0, 0x1_0000_0000L).subList(0, 2)),
            new SpuSessions(1, List.of()),
            new SpuSessions(4, mixedSessions(4, 0x5_0000_0000L).subList(2, 5))));
  }

  @Test
  void briefSingleSpuMatchesGolden() throws IOException {
    GoldenFiles.assertMatches(
        "brief-single-spu.txt",
        FlowSessionTextRenderer.render(
            FlowSessionReply.singleSpu(View.BRIEF, mixedSessions(0, 100))));
  }

  @Test
  void briefMultiSpuMatchesGolden() throws IOException {
    GoldenFiles.assertMatches(
        "brief-multi-spu.txt", FlowSessionTextRenderer.render(multiSpu(View.BRIEF)));
  }

  @Test
  void extensiveSingleSpuMatchesGolden() throws IOException {
    GoldenFiles.assertMatches(
        "extensive-single-spu.txt",
        FlowSessionTextRenderer.render(
            FlowSessionReply.singleSpu(View.EXTENSIVE, mixedSessions(0, 100))));
  }

  @Test
  void extensiveMultiSpuMatchesGolden() throws IOException {
    GoldenFiles.assertMatches(
        "extensive-multi-spu.txt", FlowSessionTextRenderer.render(multiSpu(View.EXTENSIVE)));
  }

  @Test
  void emptyTableShowsOnlyTheTotal() {
    assertThat(FlowSessionTextRenderer.render(FlowSessionReply.singleSpu(View.BRIEF, List.of())))
        .isEqualTo("Total sessions: 0\n");
    assertThat(
            FlowSessionTextRenderer.render(FlowSessionReply.singleSpu(View.EXTENSIVE, List.of())))
        .isEqualTo("\nTotal sessions: 0\n");
  }

  @Test
  void sessionWithoutPolicyShowsNotApplicableTimeout() {
    String text =
        FlowSessionTextRenderer.render(
            FlowSessionReply.singleSpu(
                View.BRIEF,
                List.of(
                    session(7)
                        .noPolicy()
                        .timeout(30)
                        .oneWing(in("10.0.0.1", 1, "10.0.0.2", 1, GRE).on("gr-0/0/0.0"))
                        .build())));

    assertThat(text)
        .startsWith("Session ID: 7, Policy name: N/A, Timeout: N/A, Session State: Valid\n")
        .doesNotContain("Out:");
  }

  @Test
  void ipsecWingShowsDerivedTunnelInfo() {
    String text =
        FlowSessionTextRenderer.render(
            FlowSessionReply.singleSpu(
                View.EXTENSIVE,
                List.of(
                    session(8)
                        .wings(
                            in("10.0.0.1", 5, "10.0.0.2", 6, UDP)
                                .on("st0.0")
                                .route(0x20010, "10.0.0.2")
                                .tunnel(500002),
                            out("10.0.0.2", 6, "10.0.0.1", 5, UDP))
                        .build())));

    assertThat(text)
        .contains(
            "    Route: 0x20010, Gateway: 10.0.0.2, Tunnel ID: 500002, Tunnel type: IPsec, Tunnel info: 537370914 \n");
  }

  @Test
  void wingLinesEndInCpSessionIdOnlyOnMultiSpuTables() {
    SessionSnapshot ping =
        session(9)
            .spu(0)
            .wings(
                in("10.0.0.1", 1, "10.0.0.2", 2, ICMP).counted(1, 84).cp(77),
                out("10.0.0.2", 2, "10.0.0.1", 1, ICMP).counted(1, 84).cp(77))
            .build();

    String single =
        FlowSessionTextRenderer.render(FlowSessionReply.singleSpu(View.BRIEF, List.of(ping)));
    String multi =
        FlowSessionTextRenderer.render(
            new FlowSessionReply(View.BRIEF, true, List.of(new SpuSessions(0, List.of(ping)))));

    assertThat(single).contains("Pkts: 1, Bytes: 84, \n").doesNotContain("CP Session ID");
    assertThat(multi)
        .startsWith("Flow Sessions on FPC0 PIC1:\n\n")
        .contains("Pkts: 1, Bytes: 84, CP Session ID: 77\n");
  }

  @Test
  void appendsToAnExistingBuilder() {
    StringBuilder out = new StringBuilder("> ");
    FlowSessionTextRenderer.render(FlowSessionReply.singleSpu(View.BRIEF, List.of()), out);
    assertThat(out).hasToString("> Total sessions: 0\n");
  }
}
