package org.flowgate.dataplane.appid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.flowgate.dataplane.appid.CorpusFlows.Key;
import org.flowgate.dataplane.appid.CorpusFlows.Result;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Application identification against nDPI: every {@code ndpi-*} capture of the shared corpus
 * ({@code <flowgate.shared>/pcaps}) is replayed through one inspector per capture ({@link
 * CorpusFlows}: flows grouped the way nDPI groups them), and each flow's application is compared
 * with the master protocol in {@code expected/nDPI/<capture>.out}, through the name table {@code
 * appid/ndpi-to-junos.tsv}.
 *
 * <p>Compared are the flows whose nDPI master protocol is in that table and which nDPI identified
 * from their payload: a "Match by port" or "Match by IP" flow is nDPI's guess for a flow it could
 * not identify (a SYN scan, a handful of encrypted packets), which Junos does not make; those are
 * counted and printed, not compared. At least 95 % of the compared flows must agree, and every
 * disagreement must be listed, with a category and a reason, in {@code
 * appid/ndpi-disagreements.tsv}: an unlisted one fails, and so does a listed one that no longer
 * occurs. The comparison is written to {@code target/appid/ndpi-comparison.tsv}.
 */
class NdpiCorpusAgreementTest {
  static final Pattern FLOW =
      Pattern.compile(
          "^\\t\\d+\\t(\\S+) (\\S+) (?:<->|->) (\\S+) .*?\\[proto: [^/\\]]*/([^\\]]+)\\].*?"
              + "\\[Confidence: ([^\\]]+)\\]");
  private static final Path OUTPUT = Path.of("target", "appid");
  private static final double REQUIRED_AGREEMENT = 0.95;

  /** Why a listed flow disagrees; see docs/adr/0014. */
  enum Category {
    /** nDPI reads further into the flow than Junos's inspection limits let us. */
    BEYOND_INSPECTION_LIMIT,
    /** nDPI names a flow from another flow (FTP data from its control connection ...). */
    NEEDS_ANOTHER_FLOW,
    /** The capture holds too little of the flow to tell (one-sided, truncated, mid-stream). */
    TOO_LITTLE_PAYLOAD,
    /** nDPI's name for the flow and the Junos one mean different things. */
    NAMING,
    /** A Flowgate decoder defect, kept visible until fixed. */
    BUG
  }

  record Comparison(String capture, String key, String ndpi, String flowgate) {
    String line() {
      return capture + "\t" + key + "\t" + ndpi + "\t" + flowgate;
    }
  }

  @Test
  void agreesWithNdpiOnAtLeast95PercentOfTheFlowsItIdentified() throws IOException {
    Path corpus = corpus();
    Map<String, Set<String>> names = mapping();
    Map<String, String> listed = listed();
    List<Comparison> disagreements = new ArrayList<>();
    StringBuilder report =
        new StringBuilder("capture\tflow\tnDPI\tconfidence\tFlowgate\tnested\tverdict\n");
    int compared = 0;
    int agreed = 0;
    int portGuesses = 0;
    int portGuessesNamedTheSame = 0;
    for (Path capture : ndpiCaptures(corpus)) {
      String name = capture.getFileName().toString();
      Path expected = corpus.resolve("expected/nDPI/" + name + ".out");
      ApplicationInspector inspector = new ApplicationInspector(AppIdSettings.defaults());
      Map<Key, Result> flows = CorpusFlows.replay(capture, inspector);
      for (String line : Files.readAllLines(expected, StandardCharsets.UTF_8)) {
        Matcher m = FLOW.matcher(line);
        if (!m.find()) {
          continue;
        }
        String master = m.group(4).split("\\.")[0];
        Set<String> junos = names.get(master);
        Key key = key(m.group(1), m.group(2), m.group(3));
        Result result = flows.get(key);
        String ours = result == null ? "no-flow" : result.application();
        String confidence = m.group(5);
        if (junos == null) {
          report.append(name).append('\t').append(key).append('\t').append(m.group(4));
          report.append('\t').append(confidence).append('\t').append(ours).append('\t');
          report.append(result == null ? "-" : result.nested()).append("\tnot-in-list\n");
          continue;
        }
        boolean guess = confidence.startsWith("Match by");
        boolean agree = junos.contains(ours);
        report
            .append(name)
            .append('\t')
            .append(key)
            .append('\t')
            .append(m.group(4))
            .append('\t')
            .append(confidence)
            .append('\t')
            .append(ours)
            .append('\t')
            .append(result == null ? "-" : result.nested())
            .append('\t')
            .append(guess ? "not-compared" : agree ? "agree" : "DISAGREE")
            .append('\n');
        if (guess) {
          portGuesses++;
          portGuessesNamedTheSame += agree ? 1 : 0;
          continue;
        }
        compared++;
        if (agree) {
          agreed++;
        } else {
          disagreements.add(new Comparison(name, key.toString(), master, ours));
        }
      }
    }
    Files.createDirectories(OUTPUT);
    Files.writeString(OUTPUT.resolve("ndpi-comparison.tsv"), report.toString());
    Set<String> found = new TreeSet<>();
    for (Comparison comparison : disagreements) {
      found.add(comparison.line());
    }
    Files.writeString(
        OUTPUT.resolve("ndpi-disagreements-found.tsv"), String.join("\n", found) + "\n");
    double agreement = compared == 0 ? 0 : (double) agreed / compared;
    System.out.printf(
        "nDPI agreement: %d of %d compared flows (%.1f %%); %d listed disagreements; "
            + "%d port/IP guesses not compared (%d of them named the same)%n",
        agreed, compared, 100 * agreement, listed.size(), portGuesses, portGuessesNamedTheSame);
    assertThat(compared).as("flows compared").isGreaterThan(300);
    assertThat(found)
        .as(
            "disagreements with nDPI (left: found, right: listed in appid/ndpi-disagreements.tsv;"
                + " found ones are in %s)",
            OUTPUT.resolve("ndpi-disagreements-found.tsv"))
        .isEqualTo(new TreeSet<>(listed.keySet()));
    assertThat(agreement).as("agreement with nDPI").isGreaterThanOrEqualTo(REQUIRED_AGREEMENT);
  }

  @Test
  void replaysEveryCaptureOfTheCorpusWithoutAnExceptionAndFreesEverySlot() throws IOException {
    Path corpus = corpus();
    List<Path> captures;
    try (Stream<Path> files = Files.list(corpus)) {
      captures =
          files
              .filter(Files::isRegularFile)
              .filter(p -> !p.getFileName().toString().endsWith(".md"))
              .sorted()
              .toList();
    }
    assertThat(captures).hasSizeGreaterThan(100);
    ApplicationInspector inspector = new ApplicationInspector(AppIdSettings.defaults());
    for (Path capture : captures) {
      assertThatCode(() -> CorpusFlows.replay(capture, inspector))
          .as(capture.getFileName().toString())
          .doesNotThrowAnyException();
    }
    assertThat(inspector.sessionsInProgress()).isZero();
    assertThat(inspector.streamBuffersInUse()).isZero();
    assertThat(inspector.staleHandles()).isZero();
  }

  static Key key(String protocol, String a, String b) {
    long[] x = CorpusFlows.endpoint(a);
    long[] y = CorpusFlows.endpoint(b);
    int number =
        switch (protocol) {
          case "TCP" -> 6;
          case "UDP" -> 17;
          case "ICMP" -> 1;
          case "ICMPV6" -> 58;
          case "ESP" -> 50;
          case "GRE" -> 47;
          case "SCTP" -> 132;
          case "IGMP" -> 2;
          case "OSPF" -> 89;
          default -> -1;
        };
    return Key.of(number, x[0], x[1], (int) x[2], y[0], y[1], (int) y[2]);
  }

  static Path corpus() {
    String shared = System.getProperty("flowgate.shared");
    Assumptions.assumeTrue(shared != null, "system property flowgate.shared is not set: no corpus");
    Path corpus = Path.of(shared, "pcaps");
    Assumptions.assumeTrue(
        Files.isDirectory(corpus.resolve("expected/nDPI")),
        "real capture corpus absent (" + corpus + "): comparison with nDPI skipped");
    return corpus;
  }

  static List<Path> ndpiCaptures(Path corpus) throws IOException {
    try (Stream<Path> files = Files.list(corpus.resolve("expected/nDPI"))) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".out"))
          .map(n -> corpus.resolve(n.substring(0, n.length() - 4)))
          .sorted()
          .toList();
    }
  }

  /** nDPI master → accepted Junos names. */
  static Map<String, Set<String>> mapping() throws IOException {
    Map<String, Set<String>> names = new TreeMap<>();
    for (String[] row : rows("/appid/ndpi-to-junos.tsv", 2)) {
      names.put(row[0], Set.of(row[1].split("\\|")));
    }
    return names;
  }

  /** Listed disagreement line (capture, key, nDPI, Flowgate) → category and reason. */
  static Map<String, String> listed() throws IOException {
    Map<String, String> listed = new LinkedHashMap<>();
    for (String[] row : rows("/appid/ndpi-disagreements.tsv", 6)) {
      Category.valueOf(row[4]);
      if (row[5].isBlank()) {
        throw new IllegalStateException("no reason for " + String.join(" ", row));
      }
      String line = row[0] + "\t" + row[1] + "\t" + row[2] + "\t" + row[3];
      if (listed.put(line, row[4] + ": " + row[5]) != null) {
        throw new IllegalStateException("listed twice: " + line);
      }
    }
    return listed;
  }

  private static List<String[]> rows(String resource, int columns) throws IOException {
    List<String[]> rows = new ArrayList<>();
    try (InputStream in = NdpiCorpusAgreementTest.class.getResourceAsStream(resource)) {
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] fields = line.split("\t", -1);
        if (fields.length != columns) {
          throw new IllegalStateException(resource + ": " + columns + " columns: " + line);
        }
        rows.add(fields);
      }
    }
    return rows;
  }
}
