package org.flowgate.server.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.flowgate.dataplane.control.SessionSnapshot;
import org.flowgate.dataplane.control.WingSnapshot;
import org.flowgate.dataplane.net.IpAddress;
import org.flowgate.server.corpus.FlowKey.Endpoint;
import org.flowgate.testkit.Shared;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays every capture of the shared real corpus ({@code <flowgate.shared>/pcaps}) through a
 * permit-all engine and compares, per tshark-flows session key, the number of sessions and the
 * packets and IP bytes in each direction with {@code expected/tshark-flows/<capture>.flows.tsv}.
 *
 * <p>Every difference must be listed, with a category and an explanation, in {@code
 * corpus/differences.tsv}; the test fails on a difference that is not listed and on a listed one
 * that no longer occurs. The differences found are written to {@code
 * target/corpus/<capture>.differences.tsv} (with the engine's drop counters) to ease updating.
 *
 * <p>Mapping engine sessions to tshark-flows keys (see docs/corpus.md):
 *
 * <ul>
 *   <li>key = (protocol, initiator, initiator port, responder, responder port), compared without
 *       direction; packets and bytes are summed per direction over every session of the key, the
 *       direction named by tshark's initiator (or the engine's In wing when tshark has no such
 *       key);
 *   <li>ICMP echo: the engine keys each request by (identifier, sequence); tshark-flows by the
 *       identifier on both sides, so echo sessions are summed per identifier and their session
 *       count is not compared ({@code n=*});
 *   <li>every other ICMP message is a port-0 session in both.
 * </ul>
 */
class RealCorpusMatchesTsharkFlowsTest {
  private static final String DIFFERENCES = "/corpus/differences.tsv";
  private static final Path OUTPUT = Path.of("target", "corpus");

  /** Why a difference is expected; see docs/corpus.md. */
  enum Category {
    /** The engine counts an ICMP error in the session of the packet it quotes. */
    ICMP_ERROR_IN_QUOTED_SESSION,
    /** An ICMP error quoting a packet of no session is dropped; it never makes a session. */
    ICMP_ERROR_WITHOUT_SESSION,
    /** A non-first fragment whose first fragment was not seen (yet) is dropped. */
    FRAGMENT_WITHOUT_FIRST,
    /** A malformed packet is dropped with a decoding DropReason. */
    MALFORMED_DROPPED,
    /**
     * A DNS response (QR = 1) to UDP port 53 as a first packet is dropped and makes no session, as
     * Junos does without {@code security flow allow-dns-reply}.
     */
    DNS_REPLY_WITHOUT_REQUEST,
    /** A session ends (FIN/RST closing, DNS response) and later packets open a new one. */
    SESSION_SPLIT,
    /** tshark-flows keys IPv6 by the first next header, the engine by the upper layer. */
    IPV6_EXTENSION_HEADER,
    /** Multicast beyond the link is not routed (no multicast routing): dropped, no session. */
    MULTICAST_NOT_ROUTED,
    /** An engine defect, reported to the lead; listed so that the fix shows up here. */
    BUG
  }

  record Difference(String capture, String key, String expected, String actual) {
    String line() {
      return capture + "\t" + key + "\t" + expected + "\t" + actual;
    }
  }

  record Listed(Difference difference, Category category, String explanation) {}

  // ------------------------------------------------------------------ tests

  @TestFactory
  Stream<DynamicTest> everyCaptureMatchesTsharkFlowsUpToListedDifferences() throws IOException {
    Path corpus = corpus();
    Map<String, List<Listed>> listed = listedDifferences();
    Files.createDirectories(OUTPUT);
    return captures(corpus).stream()
        .map(
            capture ->
                DynamicTest.dynamicTest(
                    capture.getFileName().toString(), () -> compare(corpus, capture, listed)));
  }

  @Test
  void listedDifferencesNameCapturesOfTheCorpus() throws IOException {
    Path corpus = corpus();
    Set<String> names =
        captures(corpus).stream().map(p -> p.getFileName().toString()).collect(Collectors.toSet());
    assertThat(listedDifferences().keySet()).isSubsetOf(names);
  }

  private static void compare(Path corpus, Path capture, Map<String, List<Listed>> listed)
      throws IOException {
    String name = capture.getFileName().toString();
    Path expectedFile = corpus.resolve("expected/tshark-flows/" + name + ".flows.tsv");
    assertThat(expectedFile).as("tshark-flows file of %s", name).exists();
    List<Flow> expected = readTsharkFlows(expectedFile);
    EngineSessions engine = EngineSessions.replay(capture);
    assertThat(engine.report().ok()).as("replay of %s: %s", name, engine.report()).isTrue();
    List<Flow> actual = engineFlows(engine.sessions(), expected);
    List<Difference> found = differences(name, expected, actual);
    writeFound(name, found, engine);

    Set<String> foundLines =
        found.stream().map(Difference::line).collect(Collectors.toCollection(TreeSet::new));
    Set<String> listedLines =
        listed.getOrDefault(name, List.of()).stream()
            .map(l -> l.difference().line())
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(foundLines)
        .as(
            "differences of %s from tshark-flows (left: found, right: listed in %s; "
                + "found ones are in %s)",
            name, DIFFERENCES, OUTPUT.resolve(name + ".differences.tsv"))
        .isEqualTo(listedLines);
  }

  // ------------------------------------------------------------------ the comparison

  /** One session (or one tshark row) reduced to what is compared. */
  record Flow(
      FlowKey key,
      long packetsForward,
      long bytesForward,
      long packetsReverse,
      long bytesReverse) {}

  /** Sums per key; {@code key} is oriented by the first flow seen. */
  private static final class Totals {
    final FlowKey key;
    int sessions;
    long packetsAtoB;
    long bytesAtoB;
    long packetsBtoA;
    long bytesBtoA;

    Totals(FlowKey key) {
      this.key = key;
    }

    void add(Flow flow) {
      sessions++;
      if (flow.key().a().equals(key.a())) {
        packetsAtoB += flow.packetsForward();
        bytesAtoB += flow.bytesForward();
        packetsBtoA += flow.packetsReverse();
        bytesBtoA += flow.bytesReverse();
      } else {
        packetsAtoB += flow.packetsReverse();
        bytesAtoB += flow.bytesReverse();
        packetsBtoA += flow.packetsForward();
        bytesBtoA += flow.bytesForward();
      }
    }

    String text() {
      boolean echo = key.isIcmp() && key.a().port() != 0;
      return "n="
          + (echo ? "*" : String.valueOf(sessions))
          + " "
          + packetsAtoB
          + "/"
          + bytesAtoB
          + " "
          + packetsBtoA
          + "/"
          + bytesBtoA;
    }
  }

  static List<Difference> differences(String capture, List<Flow> expected, List<Flow> actual) {
    Map<FlowKey, FlowKey> orientation = new LinkedHashMap<>();
    for (Flow flow : expected) {
      orientation.putIfAbsent(flow.key().unordered(), flow.key());
    }
    for (Flow flow : actual) {
      orientation.putIfAbsent(flow.key().unordered(), flow.key());
    }
    Map<FlowKey, Totals> expectedTotals = totals(expected, orientation);
    Map<FlowKey, Totals> actualTotals = totals(actual, orientation);
    List<Difference> found = new ArrayList<>();
    for (Map.Entry<FlowKey, FlowKey> entry : orientation.entrySet()) {
      Totals e = expectedTotals.get(entry.getKey());
      Totals a = actualTotals.get(entry.getKey());
      String expectedText = e == null ? "-" : e.text();
      String actualText = a == null ? "-" : a.text();
      if (!expectedText.equals(actualText)) {
        found.add(new Difference(capture, entry.getValue().toString(), expectedText, actualText));
      }
    }
    return found;
  }

  private static Map<FlowKey, Totals> totals(List<Flow> flows, Map<FlowKey, FlowKey> orientation) {
    Map<FlowKey, Totals> totals = new LinkedHashMap<>();
    for (Flow flow : flows) {
      FlowKey unordered = flow.key().unordered();
      totals.computeIfAbsent(unordered, k -> new Totals(orientation.get(k))).add(flow);
    }
    return totals;
  }

  /**
   * The engine's sessions as tshark-flows keys. An echo session's In wing carries (identifier,
   * sequence) when a request opened it and (sequence, identifier) when a reply did; the identifier
   * is the one tshark-flows knows, the request's position otherwise.
   */
  static List<Flow> engineFlows(List<SessionSnapshot> sessions, List<Flow> expected) {
    Set<FlowKey> known =
        expected.stream().map(f -> f.key().unordered()).collect(Collectors.toSet());
    List<Flow> flows = new ArrayList<>(sessions.size());
    for (SessionSnapshot session : sessions) {
      WingSnapshot in = session.forward();
      WingSnapshot out = session.reverse();
      int protocol = in.protocol();
      int sourcePort = in.sourcePort();
      int destinationPort = in.destinationPort();
      if ((protocol == 1 || protocol == 58) && (sourcePort != 0 || destinationPort != 0)) {
        FlowKey byRequest = echoKey(protocol, in, sourcePort);
        FlowKey byReply = echoKey(protocol, in, destinationPort);
        int identifier =
            !known.contains(byRequest.unordered()) && known.contains(byReply.unordered())
                ? destinationPort
                : sourcePort;
        sourcePort = identifier;
        destinationPort = identifier;
      }
      FlowKey key =
          new FlowKey(
              protocol,
              new Endpoint(in.sourceAddress(), sourcePort),
              new Endpoint(in.destinationAddress(), destinationPort));
      flows.add(
          new Flow(
              key,
              in.packets(),
              in.bytes(),
              out == null ? 0 : out.packets(),
              out == null ? 0 : out.bytes()));
    }
    return flows;
  }

  private static FlowKey echoKey(int protocol, WingSnapshot in, int identifier) {
    return new FlowKey(
        protocol,
        new Endpoint(in.sourceAddress(), identifier),
        new Endpoint(in.destinationAddress(), identifier));
  }

  /** Rows of a tshark-flows file (header line first; columns as in tools/tshark-flows.py). */
  static List<Flow> readTsharkFlows(Path file) throws IOException {
    List<Flow> flows = new ArrayList<>();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (String line : lines.subList(1, lines.size())) {
      if (line.isBlank()) {
        continue;
      }
      String[] c = line.split("\t");
      FlowKey key =
          new FlowKey(
              Integer.parseInt(c[0]),
              new Endpoint(IpAddress.parse(c[1]), port(c[2])),
              new Endpoint(IpAddress.parse(c[3]), port(c[4])));
      flows.add(
          new Flow(
              key,
              Long.parseLong(c[5]),
              Long.parseLong(c[6]),
              Long.parseLong(c[7]),
              Long.parseLong(c[8])));
    }
    return flows;
  }

  /** A port, or an ICMPv6 echo identifier, which tshark prints in hexadecimal ({@code 0x1f97}). */
  private static int port(String text) {
    return text.startsWith("0x") ? Integer.parseInt(text.substring(2), 16) : Integer.parseInt(text);
  }

  // ------------------------------------------------------------------ files

  private static Path corpus() {
    Path corpus = Shared.resolve("pcaps");
    Assumptions.assumeTrue(
        Files.isDirectory(corpus.resolve("expected/tshark-flows")),
        "real capture corpus absent (" + corpus + "): comparison with tshark-flows skipped");
    return corpus;
  }

  private static List<Path> captures(Path corpus) throws IOException {
    try (Stream<Path> files = Files.list(corpus)) {
      return files
          .filter(Files::isRegularFile)
          .filter(p -> p.getFileName().toString().matches(".*\\.(pcap|pcapng|cap)"))
          .sorted()
          .toList();
    }
  }

  /** {@code capture key expected actual category explanation}, tab-separated; # comments. */
  static Map<String, List<Listed>> listedDifferences() {
    Map<String, List<Listed>> listed = new LinkedHashMap<>();
    try (InputStream in = RealCorpusMatchesTsharkFlowsTest.class.getResourceAsStream(DIFFERENCES)) {
      assertThat(in).as(DIFFERENCES).isNotNull();
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      int number = 0;
      for (String line : text.split("\n")) {
        number++;
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] c = line.split("\t");
        assertThat(c).as("%s line %d: six tab-separated columns", DIFFERENCES, number).hasSize(6);
        assertThat(c[5]).as("%s line %d: explanation", DIFFERENCES, number).isNotBlank();
        Category category = Category.valueOf(c[4]);
        listed
            .computeIfAbsent(c[0], k -> new ArrayList<>())
            .add(new Listed(new Difference(c[0], c[1], c[2], c[3]), category, c[5]));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return listed;
  }

  private static void writeFound(String capture, List<Difference> found, EngineSessions engine)
      throws IOException {
    StringBuilder out = new StringBuilder();
    out.append("# ")
        .append(capture)
        .append(": ")
        .append(engine.sessions().size())
        .append(" engine sessions; drops ")
        .append(engine.statistics().dropCounts())
        .append('\n');
    for (Difference difference : found) {
      out.append(difference.line()).append("\t?\t?\n");
    }
    Files.writeString(OUTPUT.resolve(capture + ".differences.tsv"), out.toString());
  }
}
