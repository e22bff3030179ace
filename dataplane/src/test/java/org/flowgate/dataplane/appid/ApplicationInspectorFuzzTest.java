package org.flowgate.dataplane.appid;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The application decoders (every TCP and UDP decoder, the QUIC Initial decryption, the custom
 * signature patterns), coverage-guided (Jazzer): saved inputs in {@code
 * ApplicationInspectorFuzzTestInputs/} run as regression tests; {@code JAZZER_FUZZ=1} fuzzes
 * (docs/reliability.md). Test files only: the decoders' sources belong to application
 * identification.
 */
class ApplicationInspectorFuzzTest {
  /** The ports the decoders look at first, and a few they do not. */
  private static final int[] PORTS = {
    21, 22, 23, 25, 53, 67, 68, 69, 80, 88, 110, 111, 119, 123, 135, 137, 138, 139, 143, 161, 389,
    443, 445, 500, 514, 546, 547, 554, 587, 993, 995, 1194, 1433, 1883, 2049, 3306, 3389, 3478,
    4500, 5060, 5353, 5432, 5672, 6379, 6667, 6881, 8080, 27017, 51820, 40000, 9
  };

  private static final ApplicationInspector INSPECTOR =
      new ApplicationInspector(AppIdSettings.defaults());
  private static final ApplicationCatalog CATALOG = ApplicationCatalog.builtIn();

  /** One session's payloads, in order: which side sent each. */
  private record Message(boolean fromClient, byte[] payload) {}

  /**
   * Any session, TCP or UDP, on a decoder's port or another, with up to eight payloads from either
   * side: the inspector answers an application of the catalog, PENDING, UNKNOWN or INCONCLUSIVE at
   * every step, nothing escapes, and the same payloads on a new session (another server, so no
   * cache entry) give the same answers: decoders keep no state across sessions.
   */
  @FuzzTest(maxDuration = "10m")
  void namesAnySessionWithAnApplicationOfTheCatalogTheSameWayTwice(FuzzedDataProvider data) {
    boolean tcp = data.consumeBoolean();
    int port = data.consumeBoolean() ? data.pickValue(PORTS) : data.consumeInt(1, 65535);
    List<Message> messages = new ArrayList<>();
    int count = data.consumeInt(1, 8);
    for (int i = 0; i < count && data.remainingBytes() > 0; i++) {
      boolean fromClient = data.consumeBoolean();
      byte[] payload = data.consumeBytes(i == count - 1 ? 1500 : data.consumeInt(1, 1500));
      if (payload.length > 0) {
        messages.add(new Message(fromClient, payload));
      }
    }
    List<Integer> first = run(tcp, port, messages);
    List<Integer> second = run(tcp, port, messages);
    for (int answer : first) {
      assertThat(known(answer))
          .as("answer %d (%s)", answer, describe(tcp, port, messages))
          .isTrue();
    }
    assertThat(second).as(describe(tcp, port, messages)).isEqualTo(first);
  }

  /**
   * Any custom signature pattern against any bytes: refused with an IllegalArgumentException, or
   * compiled; a match answers 1, 0 or -1 (budget) and never throws; a pattern of plain letters and
   * digits matches its own text.
   */
  @FuzzTest(maxDuration = "10m")
  void compilesAnySignaturePatternOrRefusesItAndMatchesWithinItsBudget(FuzzedDataProvider data) {
    boolean ignoreCase = data.consumeBoolean();
    boolean wholeValue = data.consumeBoolean();
    // Up to a little past the longest pattern compile takes (1,000 characters), so that both the
    // refusal and the longest patterns are reached (docs/reliability.md, A1: the matcher no longer
    // recurses per token).
    String source = data.consumeString(data.consumeInt(0, 1200));
    byte[] value = data.consumeRemainingAsBytes();
    SignaturePattern pattern;
    try {
      pattern = SignaturePattern.compile(source, ignoreCase, wholeValue);
    } catch (IllegalArgumentException refused) {
      assertThat(refused.getMessage()).as("why %s is refused", source).isNotBlank();
      return;
    }
    int result = pattern.match(MemorySegment.ofArray(value), 0, value.length);
    assertThat(result).isBetween(-1, 1);
    if (!source.isEmpty()
        && source.chars().allMatch(c -> c < 128 && Character.isLetterOrDigit(c))) {
      byte[] own = source.getBytes(StandardCharsets.US_ASCII);
      assertThat(pattern.match(MemorySegment.ofArray(own), 0, own.length))
          .as("%s against itself", source)
          .isEqualTo(1);
    }
  }

  private static List<Integer> run(boolean tcp, int port, List<Message> messages) {
    AppIdFlow flow =
        tcp ? AppIdFlow.tcp(INSPECTOR, port).handshake() : AppIdFlow.udp(INSPECTOR, port);
    List<Integer> answers = new ArrayList<>();
    if (!tcp) {
      flow.begin();
      answers.add(flow.verdict());
    }
    for (Message message : messages) {
      answers.add(
          tcp
              ? message.fromClient()
                  ? flow.client(message.payload())
                  : flow.server(message.payload())
              : flow.datagram(message.fromClient(), message.payload()));
    }
    answers.add(flow.end());
    return answers;
  }

  private static boolean known(int answer) {
    int id = answer & ProtocolDecoder.APPLICATION_MASK;
    return answer >= 0
        && (answer & ~(ProtocolDecoder.APPLICATION_MASK | ProtocolDecoder.PROVISIONAL)) == 0
        && (id == ApplicationCatalog.PENDING
            || id == ApplicationCatalog.UNKNOWN
            || id == ApplicationCatalog.INCONCLUSIVE
            || (id < CATALOG.size() && CATALOG.name(id) != null));
  }

  private static String describe(boolean tcp, int port, List<Message> messages) {
    StringBuilder text = new StringBuilder(tcp ? "tcp/" : "udp/").append(port);
    for (Message message : messages) {
      text.append(message.fromClient() ? " >" : " <").append(message.payload().length);
    }
    return text.toString();
  }
}
