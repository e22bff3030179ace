package org.flowgate.mgmt.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowgate.mgmt.render.JunosSamples.lines;
import static org.flowgate.mgmt.render.JunosSamples.output;

import java.io.IOException;
import java.util.List;
import org.flowgate.dataplane.nat.NatStatistics;
import org.flowgate.dataplane.runtime.RuntimeConfig;
import org.flowgate.mgmt.reply.NatReplies;
import org.junit.jupiter.api.Test;

/**
 * Rebuilds the configuration and counters behind the real vSRX destination NAT views ({@code
 * ../shared/junos/samples/show-security-nat-destination-1.txt}: {@code show security nat
 * destination rule all}, then {@code … pool all}) and checks the renderer gives the device's lines
 * back, byte for byte, trailing space of the pool table's heading included.
 */
class NatSampleFidelityTest {

  /** The sample's two outputs: prompts removed, split at the blank line between them. */
  private static List<List<String>> sections() throws IOException {
    List<String> sample = output("show-security-nat-destination-1.txt");
    int blank = sample.indexOf("");
    assertThat(blank).as("blank line between the two outputs").isPositive();
    return List.of(sample.subList(0, blank), sample.subList(blank + 1, sample.size()));
  }

  @Test
  void destinationRuleAllIsTheDevicesOutput() throws IOException {
    RuntimeConfig config = NatFixtures.dnatSample();
    NatStatistics counters = NatFixtures.dnatSampleCounters();

    String text = NatTextRenderer.render(NatReplies.destinationRules(config, counters, null));

    assertThat(lines(text)).containsExactlyElementsOf(sections().get(0));
  }

  @Test
  void destinationPoolAllIsTheDevicesOutput() throws IOException {
    RuntimeConfig config = NatFixtures.dnatSample();
    NatStatistics counters = NatFixtures.dnatSampleCounters();

    String text = NatTextRenderer.render(NatReplies.destinationPools(config, counters, null));

    assertThat(lines(text)).containsExactlyElementsOf(sections().get(1));
    assertThat(lines(text)).contains("Address range                        Port ");
  }
}
