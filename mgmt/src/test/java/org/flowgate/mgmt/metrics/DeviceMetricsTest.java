package org.flowgate.mgmt.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import org.flowgate.dataplane.capture.LinkType;
import org.flowgate.dataplane.capture.PcapWriter;
import org.flowgate.dataplane.control.FlowEngine;
import org.flowgate.dataplane.runtime.FactoryDefault;
import org.flowgate.testkit.PacketBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Prometheus endpoint, scraped over HTTP after a replay. */
class DeviceMetricsTest {
  @TempDir Path dir;

  @Test
  void scrapeShowsSessionsPacketsDropsAndPolicyHits() throws Exception {
    Path capture = dir.resolve("three.pcap");
    try (PcapWriter writer =
        PcapWriter.open(capture, LinkType.ETHERNET, false, ByteOrder.LITTLE_ENDIAN)) {
      for (int i = 0; i < 3; i++) {
        writer.write(
            1_700_000_000_000_000_000L + i,
            PacketBuilder.ipv4("192.168.1.10", "203.0.113.5").udp(5000 + i, 53).ethernet());
      }
    }
    try (FlowEngine engine = new FlowEngine(FactoryDefault.config(), 2);
        DeviceMetrics metrics = DeviceMetrics.start(engine, "127.0.0.1", 0)) {
      engine.replay(List.of(capture), -1);
      String body = scrape(metrics.port());
      assertThat(sum(body, "flowgate_sessions{")).isEqualTo(3);
      assertThat(sum(body, "flowgate_sessions_created_total{")).isEqualTo(3);
      assertThat(sum(body, "flowgate_packets_total{fate=\"received\"}")).isEqualTo(3);
      assertThat(sum(body, "flowgate_packets_total{fate=\"forwarded\"}")).isEqualTo(3);
      assertThat(sum(body, "flowgate_policy_hits_total{")).isEqualTo(3);
      assertThat(body).contains("flowgate_drops_total{reason=");
      assertThat(sum(body, "flowgate_session_table_bytes{")).isPositive();
      assertThat(body)
          .containsPattern(
              "flowgate_session_table_huge_pages\\{backing=\"[^\"]+\",spu=\"0\"\\} [01]");
    }
  }

  private static String scrape(int port) throws IOException, InterruptedException {
    try (HttpClient client = HttpClient.newHttpClient()) {
      HttpResponse<String> response =
          client.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      return response.body();
    }
  }

  /** The sum of every sample whose line starts with {@code prefix}. */
  private static long sum(String body, String prefix) {
    return Math.round(
        body.lines()
            .filter(l -> l.startsWith(prefix))
            .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
            .sum());
  }
}
