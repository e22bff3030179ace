package org.flowgate.dataplane.appid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowgate.dataplane.appid.Payloads.ascii;
import static org.flowgate.dataplane.appid.Payloads.clientHello;
import static org.flowgate.dataplane.appid.Payloads.record;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Pending, junos:UNKNOWN, INCONCLUSIVE, the limits, the pools and the handles. */
class InspectorBehaviourTest {
  private static ApplicationInspector inspector(AppIdSettings settings) {
    return new ApplicationInspector(settings);
  }

  private static final AppIdSettings DEFAULTS = AppIdSettings.defaults();

  @Test
  void aSessionIsPendingUntilDecided() {
    ApplicationInspector inspector = inspector(DEFAULTS);
    AppIdFlow flow = AppIdFlow.tcp(inspector, 80).handshake();

    assertThat(flow.verdict()).isEqualTo(ApplicationCatalog.PENDING);
    assertThat(inspector.catalog().name(ApplicationCatalog.PENDING)).isEqualTo("Pending");
    assertThat(inspector.encryption(ApplicationCatalog.PENDING)).isEqualTo(Encryption.UNKNOWN);
  }

  @Test
  void isUnknownWhenTheLimitsPassWithBothSidesTalking() {
    ApplicationInspector inspector =
        inspector(DEFAULTS.withLimits(new InspectionLimit(0, 3), DEFAULTS.udpLimit()));
    AppIdFlow flow = AppIdFlow.tcp(inspector, 7000).handshake();

    // text that no decoder rules out at once (an IRC-like client line) keeps the session open
    flow.server(ascii("hello\r\n"));
    flow.client(ascii("NICK a"));
    flow.client(ascii("b"));
    int verdict = flow.client(ascii("c"));

    assertThat(verdict).isEqualTo(ApplicationCatalog.UNKNOWN);
    assertThat(inspector.catalog().name(verdict)).isEqualTo("junos:UNKNOWN");
    assertThat(inspector.unknown()).isEqualTo(1);
  }

  @Test
  void isInconclusiveWhenTheLimitsPassWithOneSideOnly() {
    ApplicationInspector inspector =
        inspector(DEFAULTS.withLimits(DEFAULTS.tcpLimit(), new InspectionLimit(0, 4)));
    AppIdFlow flow = AppIdFlow.udp(inspector, 16_000);
    flow.begin();
    int verdict = ApplicationCatalog.PENDING;
    for (int i = 0; i < 4; i++) {
      verdict = flow.datagram(true, new byte[] {(byte) 0x80, 0, 0, (byte) i}); // too short for RTP
    }

    assertThat(verdict).isEqualTo(ApplicationCatalog.INCONCLUSIVE);
    assertThat(inspector.inconclusive()).isEqualTo(1);
  }

  @Test
  void theByteLimitConcludesAsWellAsThePacketLimit() {
    ApplicationInspector inspector =
        inspector(DEFAULTS.withLimits(DEFAULTS.tcpLimit(), new InspectionLimit(100, 0)));
    AppIdFlow flow = AppIdFlow.udp(inspector, 16_000);
    flow.begin();

    assertThat(flow.datagram(true, new byte[60])).isEqualTo(ApplicationCatalog.PENDING);
    flow.datagram(false, new byte[10]);
    assertThat(flow.datagram(true, new byte[60])).isEqualTo(ApplicationCatalog.UNKNOWN);
  }

  @Test
  void isInconclusiveWhenTheSessionEndsUndecided() {
    ApplicationInspector inspector = inspector(DEFAULTS);
    AppIdFlow flow = AppIdFlow.tcp(inspector, 80).handshake();

    assertThat(flow.end()).isEqualTo(ApplicationCatalog.INCONCLUSIVE);
    assertThat(inspector.sessionsInProgress()).isZero();
  }

  @Test
  void aOneSidedSessionIsNamedFromItsSideWhenItEnds() {
    ApplicationInspector inspector = inspector(DEFAULTS);
    AppIdFlow flow = AppIdFlow.tcp(inspector, 80).handshake();
    flow.client(ascii("GET / HTTP/1.1\r\nHost: example.com\r\n\r\n"));

    assertThat(flow.verdict()).isEqualTo(ApplicationCatalog.PENDING);
    assertThat(flow.end()).isEqualTo(inspector.catalog().id("junos:HTTP"));
    assertThat(inspector.decidedProvisional()).isEqualTo(1);
  }

  @Test
  void isUnknownAtOnceWhenNoDecoderCanMatch() {
    ApplicationInspector inspector = inspector(DEFAULTS);
    AppIdFlow flow = AppIdFlow.tcp(inspector, 9999).handshake();

    assertThat(flow.client(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0}))
        .isEqualTo(ApplicationCatalog.UNKNOWN);
  }

  @Test
  void aFullPoolLeavesNewSessionsUnknownAndCountsThem() {
    ApplicationInspector inspector = inspector(DEFAULTS.withPools(2, 4, 1024, 1024, 64));
    AppIdFlow.tcp(inspector, 80).begin();
    AppIdFlow.tcp(inspector, 80).begin();
    AppIdFlow third = AppIdFlow.tcp(inspector, 80);

    assertThat(third.begin()).isEqualTo(ApplicationInspector.NO_HANDLE);
    assertThat(inspector.lastApplication()).isEqualTo(ApplicationCatalog.UNKNOWN);
    assertThat(inspector.poolFull()).isEqualTo(1);
  }

  @Test
  void aStaleHandleIsCountedAndAnswersUnknown() {
    ApplicationInspector inspector = inspector(DEFAULTS);
    AppIdFlow flow = AppIdFlow.tcp(inspector, 80);
    int handle = flow.begin();
    inspector.end(handle);
    AppIdFlow.tcp(inspector, 80).begin(); // takes the same slot again

    assertThat(inspector.application(handle)).isEqualTo(ApplicationCatalog.UNKNOWN);
    assertThat(inspector.end(handle)).isEqualTo(ApplicationCatalog.UNKNOWN);
    assertThat(inspector.staleHandles()).isEqualTo(2);
    assertThat(inspector.sessionsInProgress()).isEqualTo(1);
  }

  @Test
  void withoutReassemblyBuffersOnlyTheFirstSegmentIsSeenAndTheRestIsCounted() {
    ApplicationInspector inspector = inspector(DEFAULTS.withPools(16, 0, 1024, 1024, 64));
    byte[] hello = record(22, clientHello("www.google.com", null, 600));
    AppIdFlow flow = AppIdFlow.tcp(inspector, 443).handshake();

    flow.client(Payloads.slice(hello, 0, 40)); // ends before the server name
    flow.client(Payloads.slice(hello, 40, hello.length));

    assertThat(inspector.streamBuffersExhausted()).isPositive();
    assertThat(inspector.bytesNotReassembled()).isEqualTo(hello.length);
    assertThat(flow.end()).isEqualTo(ApplicationCatalog.INCONCLUSIVE);
  }

  @Test
  void bytesPastTheReassemblyBufferAreCountedNotKept() {
    ApplicationInspector inspector = inspector(DEFAULTS.withPools(16, 16, 512, 512, 64));
    AppIdFlow flow = AppIdFlow.tcp(inspector, 80).handshake();

    byte[] request = ascii("GET /" + "a".repeat(700) + " HTTP/1.1\r\n");
    flow.client(request);

    assertThat(inspector.bytesNotReassembled()).isEqualTo(request.length - 512);
  }

  @Test
  void aSessionDecidedOnItsFirstSegmentTakesNoReassemblyBuffer() {
    ApplicationInspector inspector = inspector(DEFAULTS);
    AppIdFlow flow = AppIdFlow.tcp(inspector, 22).handshake();
    flow.server(ascii("SSH-2.0-server\r\n"));

    assertThat(inspector.streamBuffersInUse()).isEqualTo(1); // the banner waits for the client's
    flow.client(ascii("SSH-2.0-client\r\n"));
    assertThat(flow.verdict()).isEqualTo(inspector.catalog().id("junos:SSH"));
    assertThat(inspector.streamBuffersInUse()).isZero();
  }

  @Test
  void turnedOffEverySessionIsUnknown() {
    ApplicationInspector inspector = inspector(DEFAULTS.withEnabled(false));

    assertThat(AppIdFlow.tcp(inspector, 80).begin()).isEqualTo(ApplicationInspector.NO_HANDLE);
    assertThat(inspector.lastApplication()).isEqualTo(ApplicationCatalog.UNKNOWN);
  }

  @Test
  void everySlotAndBufferComesBackAfterManySessions() {
    ApplicationInspector inspector = inspector(DEFAULTS.withPools(8, 8, 1024, 1024, 64));
    for (int i = 0; i < 200; i++) {
      AppIdFlow flow = AppIdFlow.tcp(inspector, 443).handshake();
      flow.client(Payloads.slice(record(22, clientHello("a.example", null, 300)), 0, 50));
      if (i % 3 == 0) {
        flow.server(ascii("x"));
      }
      flow.end();
    }

    assertThat(inspector.sessionsInProgress()).isZero();
    assertThat(inspector.streamBuffersInUse()).isZero();
    assertThat(inspector.poolFull()).isZero();
  }

  @Test
  void settingsRefuseOutOfRangeValues() {
    for (Runnable bad :
        List.<Runnable>of(
            () -> new InspectionLimit(-1, 0),
            () -> DEFAULTS.withApplicationSystemCache(true, 2_000_000),
            () -> DEFAULTS.withPools(0, 1, 1024, 1024, 64),
            () -> DEFAULTS.withPools(1, 1, 10, 1024, 64))) {
      org.assertj.core.api.Assertions.assertThatIllegalArgumentException().isThrownBy(bad::run);
    }
  }
}
