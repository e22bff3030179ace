package org.flowgate.mgmt.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Failed logins are counted per source and logged; a source that fails too often waits. */
class LoginGuardTest {
  /** A clock the test moves by hand. */
  private static final class ManualClock extends Clock {
    long millis = 1_000_000;

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis);
    }
  }

  @Test
  void aSourceWithTooManyFailuresIsRefusedUntilTheWindowPasses() {
    ManualClock clock = new ManualClock();
    List<String> log = new ArrayList<>();
    LoginGuard guard = new LoginGuard(clock, log::add);
    for (int i = 0; i < LoginGuard.MAXIMUM_FAILURES; i++) {
      assertThat(guard.mayTry("192.0.2.7", "admin")).isTrue();
      guard.attempted("192.0.2.7", "admin", "password", false);
    }
    assertThat(guard.mayTry("192.0.2.7", "admin")).isFalse();
    assertThat(guard.mayTry("192.0.2.8", "admin")).isTrue(); // another source is not affected
    assertThat(log).contains("sshd: Failed password for admin from 192.0.2.7");
    assertThat(log.getLast()).contains("refused: too many failed logins");
    clock.millis += LoginGuard.WINDOW_MS + 1;
    assertThat(guard.mayTry("192.0.2.7", "admin")).isTrue();
    guard.attempted("192.0.2.7", "admin", "publickey", true);
    assertThat(log.getLast()).isEqualTo("sshd: Accepted publickey for admin from 192.0.2.7");
  }

  @Test
  void remembersABoundedNumberOfSources() {
    LoginGuard guard = new LoginGuard(Clock.systemUTC(), line -> {});
    for (int i = 0; i < LoginGuard.MAXIMUM_SOURCES + 100; i++) {
      guard.attempted("source-" + i, "x", "password", false);
    }
    // the oldest were forgotten rather than kept without bound
    assertThat(guard.mayTry("source-0", "x")).isTrue();
  }
}
