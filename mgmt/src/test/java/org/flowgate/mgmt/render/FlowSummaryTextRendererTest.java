package org.flowgate.mgmt.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.flowgate.dataplane.control.FlowSummary;
import org.flowgate.mgmt.reply.FlowSummaryReply;
import org.junit.jupiter.api.Test;

class FlowSummaryTextRendererTest {
  private static final FlowSummary SPU0 =
      new FlowSummary(0, 12, 1, 0, 3, 2, 17, 13, 1, 3, 0, 1048576);
  private static final FlowSummary SPU1 = new FlowSummary(1, 5, 0, 0, 0, 0, 6, 5, 0, 1, 0, 1048576);
  private static final FlowSummary SPU6 = new FlowSummary(6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1048576);

  @Test
  void singleSpuMatchesGolden() throws IOException {
    GoldenFiles.assertMatches(
        "summary-single-spu.txt", FlowSummaryTextRenderer.render(FlowSummaryReply.singleSpu(SPU0)));
  }

  @Test
  void multiSpuPrintsOneBlockPerPic() throws IOException {
    GoldenFiles.assertMatches(
        "summary-multi-spu.txt",
        FlowSummaryTextRenderer.render(new FlowSummaryReply(true, List.of(SPU0, SPU1, SPU6))));
  }

  @Test
  void singleSpuReplyOfSeveralSummariesShowsTheirSum() {
    String text = FlowSummaryTextRenderer.render(new FlowSummaryReply(false, List.of(SPU0, SPU1)));

    assertThat(text)
        .startsWith("Unicast-sessions: 17\n")
        .contains("Sessions-in-use: 23\n", "  Invalidated sessions: 4\n")
        .endsWith("Maximum-sessions: 2097152\n")
        .doesNotContain("Flow Sessions on");
  }
}
