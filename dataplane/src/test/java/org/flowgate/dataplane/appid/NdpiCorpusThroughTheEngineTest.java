package org.flowgate.dataplane.appid;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import org.flowgate.dataplane.appid.CorpusFlows.Key;
import org.flowgate.dataplane.control.FlowEngine;
import org.flowgate.dataplane.control.SessionFilter;
import org.flowgate.dataplane.control.SessionSnapshot;
import org.flowgate.dataplane.control.SessionSnapshots;
import org.flowgate.dataplane.flow.SessionEvents;
import org.flowgate.dataplane.flow.SessionView;
import org.flowgate.dataplane.net.IpProtocol;
import org.flowgate.dataplane.runtime.FactoryDefault;
import org.flowgate.dataplane.runtime.FlowSettings;
import org.flowgate.dataplane.runtime.RuntimeConfig;
import org.flowgate.dataplane.session.CloseReason;
import org.junit.jupiter.api.Test;

/**
 * The nDPI comparison of {@link NdpiCorpusAgreementTest}, through the whole engine: every {@code
 * ndpi-*} capture replayed through a {@link FlowEngine} (permit everything, no SYN or sequence
 * check, no ageing within a capture), each session's Dynamic application taken as it closed or at
 * the end of the capture (when they are cleared, as nDPI ends its flows there), and compared with
 * nDPI's master protocol through the same name table. The engine sees a session where nDPI sees a
 * flow: a tuple reused after a close is a second session (the first one is compared), and it sees
 * the outer session of a tunnel nDPI looks into.
 *
 * <p>A flow of which the engine makes no session (inside a tunnel it does not look into, an ICMP
 * error) is not a session to compare: each is listed with its reason and left out of the count.
 * Every other disagreement must be one the inspector alone has too (listed with its reason in
 * {@code appid/ndpi-disagreements.tsv}) or one listed for the engine in {@code
 * appid/ndpi-engine-disagreements.tsv}; at least 95 % of the compared flows must agree. The
 * comparison is written to {@code target/appid/ndpi-engine-comparison.tsv}.
 */
class NdpiCorpusThroughTheEngineTest {
  private static final int NO_AGEING_SECONDS = 10_000_000;

  private static RuntimeConfig config() {
    FlowSettings settings =
        FlowSettings.junosDefaults().toBuilder()
            .tcpInitialTimeoutSeconds(NO_AGEING_SECONDS)
            .tcpTimeoutSeconds(NO_AGEING_SECONDS)
            .udpTimeoutSeconds(NO_AGEING_SECONDS)
            .icmpTimeoutSeconds(NO_AGEING_SECONDS)
            .otherTimeoutSeconds(NO_AGEING_SECONDS)
            .synCheck(false)
            .sequenceCheck(false)
            .build();
    return FactoryDefault.config().withSettings(settings).withMaximumSessions(1 << 16);
  }

  /** The first session of each flow key: taken as it closed, or open at the end. */
  private static Map<Key, SessionSnapshot> sessions(Path capture) {
    Map<Key, SessionSnapshot> first = new ConcurrentHashMap<>();
    SessionEvents collector =
        new SessionEvents() {
          @Override
          public void sessionClosed(SessionView session, CloseReason reason) {
            SessionSnapshot s = SessionSnapshots.of(session);
            first.putIfAbsent(key(s), s);
          }
        };
    try (FlowEngine engine = new FlowEngine(config(), 1, collector)) {
      engine.replay(List.of(capture), -1);
      // the capture ends: the sessions still open end too (as nDPI ends its flows), each with
      // the provisional application it has or INCONCLUSIVE, and are heard as they close
      engine.clear(SessionFilter.ALL);
    }
    return first;
  }

  private static Key key(SessionSnapshot s) {
    int protocol = s.forward().protocol();
    boolean ports = protocol == IpProtocol.TCP || protocol == IpProtocol.UDP;
    return Key.of(
        protocol,
        s.forward().sourceAddress().hi(),
        s.forward().sourceAddress().lo(),
        ports ? s.forward().sourcePort() : 0,
        s.forward().destinationAddress().hi(),
        s.forward().destinationAddress().lo(),
        ports ? s.forward().destinationPort() : 0);
  }

  @Test
  void agreesWithNdpiThroughTheEngineOnAtLeast95PercentOfTheFlowsItIdentified() throws IOException {
    Path corpus = NdpiCorpusAgreementTest.corpus();
    Map<String, Set<String>> names = NdpiCorpusAgreementTest.mapping();
    Set<String> explained = new TreeSet<>();
    for (String line : NdpiCorpusAgreementTest.listed().keySet()) {
      explained.add(line);
    }
    Map<String, String> engineListed = engineListed();
    StringBuilder report = new StringBuilder("capture\tflow\tnDPI\tFlowgate\tverdict\n");
    Set<String> unexplained = new TreeSet<>();
    Set<String> engineFound = new TreeSet<>();
    int compared = 0;
    int agreed = 0;
    int notSessions = 0;
    for (Path capture : NdpiCorpusAgreementTest.ndpiCaptures(corpus)) {
      String name = capture.getFileName().toString();
      Map<Key, SessionSnapshot> sessions = sessions(capture);
      Path expected = corpus.resolve("expected/nDPI/" + name + ".out");
      for (String line : Files.readAllLines(expected, StandardCharsets.UTF_8)) {
        Matcher m = NdpiCorpusAgreementTest.FLOW.matcher(line);
        if (!m.find() || m.group(5).startsWith("Match by")) {
          continue;
        }
        String master = m.group(4).split("\\.")[0];
        Set<String> junos = names.get(master);
        if (junos == null) {
          continue;
        }
        Key key = NdpiCorpusAgreementTest.key(m.group(1), m.group(2), m.group(3));
        SessionSnapshot session = sessions.get(key);
        String ours = session == null ? "no-session" : session.dynamicApplication();
        String disagreement = name + "\t" + key + "\t" + master + "\t" + ours;
        if (session == null && engineListed.containsKey(disagreement)) {
          // a flow the engine makes no session of (inside a tunnel, an ICMP error): listed with
          // its reason, and not among the sessions compared
          engineFound.add(disagreement);
          notSessions++;
          continue;
        }
        compared++;
        boolean agree = junos.contains(ours);
        report.append(name).append('\t').append(key).append('\t').append(master);
        report.append('\t').append(ours).append('\t').append(agree ? "agree" : "DISAGREE");
        report.append('\n');
        if (agree) {
          agreed++;
          continue;
        }
        if (!explained.contains(disagreement)) {
          engineFound.add(disagreement);
          if (!engineListed.containsKey(disagreement)) {
            unexplained.add(disagreement);
          }
        }
      }
    }
    Path output = Path.of("target", "appid");
    Files.createDirectories(output);
    Files.writeString(output.resolve("ndpi-engine-comparison.tsv"), report.toString());
    Files.writeString(
        output.resolve("ndpi-engine-disagreements-found.tsv"),
        String.join("\n", engineFound) + "\n");
    double agreement = compared == 0 ? 0 : (double) agreed / compared;
    System.out.printf(
        "nDPI agreement through the engine: %d of %d compared sessions (%.1f %%); %d flows are"
            + " no session of the engine (listed)%n",
        agreed, compared, 100 * agreement, notSessions);
    assertThat(compared).as("flows compared").isGreaterThan(300);
    assertThat(unexplained)
        .as("disagreements neither the inspector's nor listed for the engine (see %s)", output)
        .isEmpty();
    assertThat(new TreeSet<>(engineListed.keySet()))
        .as("listed engine disagreements that no longer occur")
        .isSubsetOf(engineFound);
    assertThat(agreement).as("agreement with nDPI").isGreaterThanOrEqualTo(0.95);
  }

  /** Engine-only disagreement line (capture, key, nDPI, Flowgate) → its reason. */
  private static Map<String, String> engineListed() throws IOException {
    Map<String, String> listed = new TreeMap<>();
    try (var in =
        NdpiCorpusThroughTheEngineTest.class.getResourceAsStream(
            "/appid/ndpi-engine-disagreements.tsv")) {
      assertThat(in).as("appid/ndpi-engine-disagreements.tsv").isNotNull();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t", -1);
        if (f.length != 5 || f[4].isBlank()) {
          throw new IllegalStateException("5 columns, the last a reason: " + line);
        }
        listed.put(String.join("\t", f[0], f[1], f[2], f[3]), f[4]);
      }
    }
    return listed;
  }
}
