package org.flowgate.mgmt.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.flowgate.dataplane.control.FlowStatistics;
import org.flowgate.mgmt.reply.ChassisHardwareReply;
import org.flowgate.mgmt.reply.DeviceModel;
import org.flowgate.mgmt.reply.FlowStatisticsReply;
import org.flowgate.mgmt.reply.FlowStatusReply;
import org.flowgate.mgmt.reply.MonitoringReply;
import org.flowgate.mgmt.reply.UptimeReply;
import org.flowgate.mgmt.reply.VersionReply;
import org.flowgate.mgmt.reply.ViewReply;
import org.junit.jupiter.api.Test;

/**
 * The views rendered whole from a {@link ViewReply}: golden files in text, XML and JSON, XML and
 * JSON carrying the same values, and the layouts line for line against the real samples.
 */
class ViewRepliesTest {
  private static final DeviceModel VSRX =
      DeviceModel.of(org.flowgate.dataplane.control.Platform.VSRX, "fw1", 4, 1048576);
  private static final DeviceModel HIGH_END =
      DeviceModel.of(org.flowgate.dataplane.control.Platform.SRX5800, "fw1", 3, 3145728);

  private static List<FlowStatistics.DropCounter> drops(long noRoute, long policyDeny) {
    return List.of(
        new FlowStatistics.DropCounter("no route", noRoute),
        new FlowStatistics.DropCounter("policy deny", policyDeny));
  }

  private static FlowStatisticsReply.Counters counters(int spu, long sessions, long received) {
    return new FlowStatisticsReply.Counters(
        spu, sessions, received, received - 3, 0, 0, 3, 0, 2, 0, 0, drops(1, 2));
  }

  private static void assertGolden(String name, ViewReply reply) throws IOException {
    GoldenFiles.assertMatches(name + ".txt", ViewTextRenderer.render(reply));
    String xml = JunosXml.write(ViewReplyTree.of(reply));
    String json = JunosJson.write(ViewReplyTree.of(reply));
    GoldenFiles.assertMatches(name + ".xml", xml);
    GoldenFiles.assertMatches(name + ".json", json);
    JunosXmlJsonTest.assertSameValues(xml, json);
  }

  @Test
  void statisticsOfASingleFlowdAndPerSpu() throws IOException {
    assertGolden(
        "statistics-single-spu",
        new FlowStatisticsReply(false, List.of(counters(0, 5, 100)), counters(-1, 5, 100)));
    assertGolden(
        "statistics-per-spu",
        new FlowStatisticsReply(
            true, List.of(counters(0, 2, 40), counters(1, 3, 60)), counters(-1, 5, 100)));
  }

  @Test
  void statusMonitoringVersionUptimeAndChassis() throws IOException {
    assertGolden("status", FlowStatusReply.flowgate());
    assertGolden(
        "monitoring-per-spu",
        new MonitoringReply(
            List.of(
                new MonitoringReply.Row(0, 1, 3, 1, 10, 1048576, 0, 0),
                new MonitoringReply.Row(0, 2, 4, 2, 20, 1048576, 0, 0))));
    assertGolden("version", VersionReply.of(VSRX));
    assertGolden(
        "uptime",
        new UptimeReply(
            Instant.parse("2026-01-02T03:04:05Z"), Instant.parse("2025-12-20T01:00:00Z"), 1, 0.25));
    assertGolden("chassis-vsrx", ChassisHardwareReply.of(VSRX));
    assertGolden("chassis-high-end", ChassisHardwareReply.of(HIGH_END));
  }

  /** vSRX 24.4 sample: the ten counter lines, values put in, come out byte for byte. */
  @Test
  void statisticsLinesAreTheVsrxSamplesLines() throws IOException {
    List<String> sample = JunosSamples.output("show-flow-statistics-vsrx244-1.txt");
    FlowStatisticsReply.Counters values =
        new FlowStatisticsReply.Counters(
            -1,
            5545,
            53426518218L,
            53091802103L,
            40436060,
            1208046,
            293072009,
            0,
            21545,
            0,
            0,
            List.of());
    List<String> ours =
        JunosSamples.lines(
            ViewTextRenderer.render(new FlowStatisticsReply(false, List.of(values), values)));
    assertThat(ours.subList(0, 10)).containsExactlyElementsOf(sample);
  }

  /** SRX4700 sample: the same ten labels in the same order (its values are from other traffic). */
  @Test
  void statisticsLabelsAreTheSrx4700SamplesLabels() throws IOException {
    List<String> sample =
        JunosSamples.output("show-flow-statistics-srx4700-1.txt").stream()
            .filter(line -> !line.isBlank())
            .map(line -> line.substring(0, line.indexOf(':')))
            .toList();
    FlowStatisticsReply.Counters zero =
        new FlowStatisticsReply.Counters(-1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, List.of());
    List<String> ours = new ArrayList<>();
    for (String line :
        JunosSamples.lines(
            ViewTextRenderer.render(new FlowStatisticsReply(false, List.of(zero), zero)))) {
      ours.add(line.substring(0, line.indexOf(':')));
    }
    assertThat(ours.subList(0, 10)).containsExactlyElementsOf(sample);
  }

  /** SRX4700 sample: leading line, heading and a row of a single flowd, byte for byte. */
  @Test
  void monitoringIsTheSrx4700SamplesLayout() throws IOException {
    List<String> sample = JunosSamples.output("show-security-monitoring-srx4700-1.txt");
    String ours =
        ViewTextRenderer.render(
            new MonitoringReply(List.of(new MonitoringReply.Row(0, 0, 0, 17, 3, 44040192, 0, 0))));
    assertThat(JunosSamples.lines(ours)).containsExactlyElementsOf(sample);
  }

  @Test
  void uptimeCountsFromBoot() {
    assertThat(ViewTextRenderer.ago(java.time.Duration.ofSeconds(3 * 86400 + 3661)))
        .isEqualTo("3d 01:01:01");
    assertThat(ViewTextRenderer.ago(java.time.Duration.ofSeconds(15 * 86400)))
        .isEqualTo("2w1d 00:00:00");
    assertThat(ViewTextRenderer.upTime(java.time.Duration.ofMinutes(10))).isEqualTo("10 mins");
    assertThat(ViewTextRenderer.upTime(java.time.Duration.ofMinutes(1500)))
        .isEqualTo("1 day, 1:00");
  }
}
