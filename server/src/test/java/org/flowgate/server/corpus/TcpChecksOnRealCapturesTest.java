package org.flowgate.server.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import org.flowgate.dataplane.control.SessionSnapshot;
import org.flowgate.dataplane.runtime.FactoryDefault;
import org.flowgate.testkit.Shared;
import org.junit.jupiter.api.Test;

/**
 * Junos's TCP checks (syn-check, sequence check) on real captures, where the corpus comparison runs
 * without them: a real session must not be silenced by a stray segment.
 */
class TcpChecksOnRealCapturesTest {
  @Test
  void aStraySynAckDoesNotSilenceTheKakaoTalkSession() {
    var capture = Shared.resolve("pcaps/ndpi-KakaoTalk_chat.pcap");
    assumeTrue(Files.isRegularFile(capture), Shared.missing("pcaps/ndpi-KakaoTalk_chat.pcap"));
    EngineSessions replayed =
        EngineSessions.replay(capture, FactoryDefault.config().withMaximumSessions(4096));
    SessionSnapshot session =
        replayed.sessions().stream()
            .filter(s -> s.forward().sourcePort() == 35503)
            .findFirst()
            .orElseThrow();
    // tshark and Linux conntrack count 18 server packets; before the fix the engine passed 2
    assertThat(session.reverse().packets()).isEqualTo(18);
  }
}
