package org.flowgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The ALGs with NAT on several SPUs: the same capture replayed with {@code --spus 2} and {@code 4}
 * gives the sessions, gates, resource-manager groups, statistics and written packets it gives with
 * one SPU (ids, NAT ports and placement depend on the capture alone: docs/adr/0027-algs.md). A PPTP
 * call through interface source NAT (its control connection, the GRE both ways and a second call
 * whose GRE never comes, so that its gates stay open), and FTP lines split over segments (held
 * back, joined and rewritten; docs/adr/0039-alg-nat-rewriting.md).
 */
class AlgSeveralSpusCommandLineTest {
  @TempDir Path dir;

  private static final String INTERFACE_NAT =
      """
      set security nat source rule-set out from zone trust
      set security nat source rule-set out to zone untrust
      set security nat source rule-set out rule all match source-address 0.0.0.0/0
      set security nat source rule-set out rule all then source-nat interface
      """;

  private static final String[] VIEWS = {
    "show security flow session",
    "show security flow gate",
    "show security resource-manager group active",
    "show security resource-manager resource active",
    "show security flow statistics | match \"dropped|policy deny|held\""
  };

  private List<byte[]> pptpCalls() {
    String client = PptpAlgCommandLineTest.CLIENT;
    String server = PptpAlgCommandLineTest.SERVER;
    AlgReplay.Tcp pptp = new AlgReplay.Tcp(client, 1100, server, 1723);
    List<byte[]> frames = new ArrayList<>(pptp.handshake());
    frames.add(pptp.fromClient(PptpAlgCommandLineTest.control(1, 156, 0x0100)));
    frames.add(pptp.fromServer(PptpAlgCommandLineTest.control(2, 156, 0x0100, 0x0101)));
    frames.add(pptp.fromClient(PptpAlgCommandLineTest.control(7, 168, 0x0101, 0x0001)));
    frames.add(pptp.fromServer(PptpAlgCommandLineTest.outgoingCallReply(0x4001, 0x0101, 1)));
    frames.add(PptpAlgCommandLineTest.gre(client, server, 0x4001, 0));
    frames.add(PptpAlgCommandLineTest.gre(server, "203.0.113.1", 0x0101, 0));
    frames.add(PptpAlgCommandLineTest.gre(client, server, 0x4001, 1));
    // a second call on another control connection: connected, its GRE never comes
    AlgReplay.Tcp second = new AlgReplay.Tcp(client, 1101, server, 1723);
    frames.addAll(second.handshake());
    frames.add(second.fromClient(PptpAlgCommandLineTest.control(7, 168, 0x0202, 0x0001)));
    frames.add(second.fromServer(PptpAlgCommandLineTest.outgoingCallReply(0x4002, 0x0202, 1)));
    return frames;
  }

  private String replay(String config, Path capture, int spus, Path written) throws IOException {
    List<String> options = new ArrayList<>(List.of("--spus", Integer.toString(spus)));
    if (written != null) {
      options.addAll(List.of("--write", written.toString()));
    }
    AlgReplay.Run run = AlgReplay.replay(dir, config, capture, options, VIEWS);
    assertThat(run.status()).as(run.err()).isZero();
    // the pools' sizes are summed over the SPUs: all else must be the same
    return run.out().replaceAll("Total (groups|resources) \\d+,", "Total $1 N,");
  }

  @ParameterizedTest(name = "{0} SPUs")
  @ValueSource(ints = {2, 4})
  void aPptpCallThroughNatIsTheSameOnSeveralSpus(int spus) throws IOException {
    String config = PptpAlgCommandLineTest.config() + INTERFACE_NAT;
    Path capture = AlgReplay.capture(dir, "pptp.pcap", pptpCalls(), 0);
    Path oneWritten = dir.resolve("pptp-1.pcap");
    Path manyWritten = dir.resolve("pptp-" + spus + ".pcap");
    String one = replay(config, capture, 1, oneWritten);
    assertThat(one)
        .as("the GRE came through the gates as children, the second call's gates stay")
        .contains("policy deny: 0")
        .contains(";gre")
        .contains("Total gates: 3") // the first call's unused gate, the second call's two
        .contains("Packets dropped: 0");
    String many = replay(config, capture, spus, manyWritten);
    assertThat(many).isEqualTo(one);
    assertThat(Files.readAllBytes(manyWritten)).isEqualTo(Files.readAllBytes(oneWritten));
  }

  @ParameterizedTest(name = "{0} SPUs")
  @ValueSource(ints = {2, 4})
  void splitLinesThroughNatAreTheSameOnSeveralSpus(int spus) throws IOException {
    FtpSplitLineNatCommandLineTest.Tcp tcp =
        new FtpSplitLineNatCommandLineTest.Tcp(false, "10.0.1.10", 40_000, "198.51.100.7", 21);
    List<byte[]> frames = new ArrayList<>(tcp.handshake());
    frames.add(tcp.fromServer(FtpSplitLineNatCommandLineTest.ascii("220 ready\r\n")));
    for (String part : FtpSplitLineNatCommandLineTest.parts("three", "PORT 10,0,1,10,156,65\r\n")) {
      frames.add(tcp.fromClient(FtpSplitLineNatCommandLineTest.ascii(part)));
    }
    List<byte[]> outOfOrder = new ArrayList<>();
    for (String part : FtpSplitLineNatCommandLineTest.parts("two", "PORT 10,0,1,10,156,66\r\n")) {
      outOfOrder.add(tcp.fromClient(FtpSplitLineNatCommandLineTest.ascii(part)));
    }
    frames.add(outOfOrder.get(1));
    frames.add(outOfOrder.get(0));
    frames.add(tcp.fromServer(FtpSplitLineNatCommandLineTest.ascii("200 Command okay\r\n")));
    Path capture = AlgReplay.capture(dir, "split.pcap", frames, 0);
    String config = FtpSplitLineNatCommandLineTest.CONFIG;
    Path oneWritten = dir.resolve("split-1.pcap");
    Path manyWritten = dir.resolve("split-" + spus + ".pcap");
    String one = replay(config, capture, 1, oneWritten);
    assertThat(one)
        .contains("Total gates: 2")
        .contains("held by ALG until its message is whole: 3");
    String many = replay(config, capture, spus, manyWritten);
    assertThat(many).isEqualTo(one);
    assertThat(Files.readAllBytes(manyWritten)).isEqualTo(Files.readAllBytes(oneWritten));
  }
}
