package org.flowgate.dataplane.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.flowgate.dataplane.control.FlowEngine;
import org.flowgate.dataplane.runtime.FactoryDefault;
import org.junit.jupiter.api.Test;

class SessionMemoryTest {
  @Test
  void aTableNeedsItsRecordsAndAnIndexOfTwoEntriesPerSessionAtMostThreeQuartersFull() {
    // 1 Mi sessions: 128 MiB of records, 4 Mi index entries of 8 bytes
    assertThat(SessionMemory.tableBytes(1 << 20)).isEqualTo((128L << 20) + (32L << 20));
    assertThat(SessionMemory.neededBytes(1 << 20, 4))
        .isEqualTo(4 * SessionMemory.tableBytes(1 << 18));
  }

  @Test
  void refusesTablesLargerThanWhatIsAvailableNamingBothSizes() {
    assertThatThrownBy(() -> SessionMemory.check(1 << 30, 64, 24L << 30))
        .isInstanceOf(SessionMemory.TooLarge.class)
        .hasMessage(
            "a session table of 1073741824 sessions over 64 SPUs needs "
                + SessionMemory.neededBytes(1 << 30, 64)
                + " bytes (160.0 GiB), but 25769803776 bytes (24.0 GiB) of memory are available");
    SessionMemory.check(1 << 20, 2, 24L << 30);
  }

  @Test
  void theEngineRefusesATableTheMachineCannotHoldBeforeAllocatingIt() {
    long sessions = 1L << 30;
    assumeTrue(
        SessionMemory.neededBytes(sessions, 64) > SessionMemory.availableBytes(),
        "this machine has more than 160 GiB available");
    assertThatThrownBy(
            () -> new FlowEngine(FactoryDefault.config().withMaximumSessions(sessions), 64).close())
        .isInstanceOf(SessionMemory.TooLarge.class);
  }

  @Test
  void whatIsAvailableIsPositiveAndBelowThePhysicalMemory() {
    long total =
        ((com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean())
            .getTotalMemorySize();
    assertThat(SessionMemory.availableBytes()).isPositive().isLessThanOrEqualTo(total);
  }
}
