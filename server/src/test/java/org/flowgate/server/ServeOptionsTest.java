package org.flowgate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.flowgate.dataplane.live.RxRing;
import org.junit.jupiter.api.Test;

/** {@code serve}'s receive-ring option (ADR 0043). */
class ServeOptionsTest {
  @Test
  void liveInterfacesTakeFramesOneAtATimeUnlessBlocksAreAskedFor() {
    assertThat(Serve.parse(new String[] {"--attach", "ge-0/0/0=veth0"}).rxRing())
        .isEqualTo(RxRing.Layout.FRAMES);
    assertThat(Serve.parse(new String[] {"--attach", "ge-0/0/0=veth0", "--rx-ring", "v3"}).rxRing())
        .isEqualTo(RxRing.Layout.BLOCKS);
    assertThat(Serve.parse(new String[] {"--rx-ring", "v2", "--attach", "ge-0/0/0=veth0"}).rxRing())
        .isEqualTo(RxRing.Layout.FRAMES);
  }

  @Test
  void refusesAnUnknownRingAndARingWithoutAnAttachment() {
    assertThatThrownBy(
            () -> Serve.parse(new String[] {"--attach", "ge-0/0/0=veth0", "--rx-ring", "v4"}))
        .isInstanceOf(Main.UsageException.class)
        .hasMessageContaining("--rx-ring takes v2")
        .hasMessageContaining("v3");
    assertThatThrownBy(() -> Serve.parse(new String[] {"--rx-ring", "v3"}))
        .isInstanceOf(Main.UsageException.class)
        .hasMessage("--rx-ring chooses the rings of live interfaces: it needs --attach");
    assertThatThrownBy(() -> Serve.parse(new String[] {"--attach", "ge-0/0/0=veth0", "--rx-ring"}))
        .isInstanceOf(Main.UsageException.class);
  }
}
