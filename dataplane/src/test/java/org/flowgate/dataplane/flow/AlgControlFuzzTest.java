package org.flowgate.dataplane.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.flowgate.dataplane.alg.Alg;
import org.flowgate.dataplane.capture.LinkType;
import org.flowgate.dataplane.control.SessionSnapshot;
import org.flowgate.dataplane.control.WingSnapshot;
import org.flowgate.dataplane.packet.DropReason;
import org.flowgate.dataplane.packet.PacketDescriptor;
import org.flowgate.dataplane.packet.PacketParser;
import org.flowgate.dataplane.packet.Wire;
import org.flowgate.dataplane.policy.PolicyAction;
import org.flowgate.dataplane.runtime.RuntimeConfig;
import org.flowgate.dataplane.runtime.RuntimeConfigBuilder;
import org.flowgate.testkit.PacketBuilder;
import org.junit.jupiter.api.Test;

/**
 * Every ALG's control-line parsing, coverage-guided (Jazzer) through the whole flow: a control
 * session on an ALG's well-known port (TCP or UDP, IPv4 or IPv6, with or without interface source
 * NAT) carries up to eight messages of any bytes from either side, with sequence and
 * acknowledgement numbers as the other side saw the stream. Saved inputs in {@code
 * AlgControlFuzzTestInputs/} run as regression tests; {@code JAZZER_FUZZ=1} fuzzes
 * (docs/reliability.md).
 *
 * <p>What must hold: each message is forwarded, dropped by the ALG, or held by it until its message
 * is whole (never a flow fault, never an ALG's inspection fault); whatever leaves has valid IP and
 * transport checksums and lies inside its frame; the flow goes on taking packets afterwards.
 */
class AlgControlFuzzTest {
  private static final int TCP = PacketBuilder.PROTOCOL_TCP;
  private static final int UDP = PacketBuilder.PROTOCOL_UDP;

  /**
   * The ALGs' control services ({protocol, port}): FTP, TFTP, Sun RPC, MS-RPC, RTSP, PPTP, SIP,
   * DNS.
   */
  private static final int[][] SERVICES = {
    {TCP, 21},
    {UDP, 69},
    {UDP, 111},
    {TCP, 111},
    {TCP, 135},
    {TCP, 554},
    {TCP, 1723},
    {UDP, 5060},
    {TCP, 5060},
    {UDP, 53},
    {TCP, 53}
  };

  /** What the flow may answer instead of forwarding (a DNS reply as a first packet: no session). */
  private static final Set<DropReason> MAY_DROP =
      Set.of(DropReason.ALG_DROPPED, DropReason.ALG_HELD, DropReason.DNS_REPLY_WITHOUT_REQUEST);

  private static final RuntimeConfig PLAIN = twoZones(false);
  private static final RuntimeConfig TRANSLATED = twoZones(true);

  private static RuntimeConfig twoZones(boolean sourceNat) {
    RuntimeConfigBuilder builder =
        new RuntimeConfigBuilder()
            .zone("trust")
            .zone("untrust")
            .interfaceIn("trust", "ge-0/0/1.0", "10.0.1.1/24", "fd00:1::1/64")
            .interfaceIn("untrust", "ge-0/0/0.0", "203.0.113.1/24", "2001:db8:100::1/48")
            .staticRoute("0.0.0.0/0", "203.0.113.254")
            .staticRoute("::/0", "2001:db8:100::fe")
            .policy(
                "out", "trust", "untrust", List.of(), List.of(), List.of(), PolicyAction.PERMIT);
    if (sourceNat) {
      builder.nat(NatFixtures.interfaceNat(0, 1));
    }
    return builder.build();
  }

  private record Message(boolean fromClient, byte[] payload) {}

  @FuzzTest(maxDuration = "10m")
  void inspectsAnyControlConversationWithoutAFaultAndForwardsOnlyValidPackets(
      FuzzedDataProvider data) {
    boolean nat = data.consumeBoolean();
    boolean ipv6 = data.consumeBoolean();
    int[] service = data.pickValue(SERVICES);
    List<Message> messages = new ArrayList<>();
    int count = data.consumeInt(1, 8);
    for (int i = 0; i < count && data.remainingBytes() > 0; i++) {
      boolean fromClient = data.consumeBoolean() || messages.isEmpty(); // the client starts
      byte[] payload = data.consumeBytes(i == count - 1 ? 1400 : data.consumeInt(1, 1400));
      if (payload.length > 0) {
        messages.add(new Message(fromClient, payload));
      }
    }
    new Conversation(nat, ipv6, service[0], service[1]).run(messages);
  }

  /**
   * The same checks on FTP conversations written by hand, in every build: a PORT and a 227 reply
   * through NAT (rewritten, so lengths change), an EPRT over IPv6, PORT and EPRT lines split across
   * two segments (under NAT the first part is held back and the line leaves whole, rewritten; one
   * split line follows a whole NOOP in its first segment), a PORT naming a third host and a
   * malformed one.
   */
  @Test
  void ftpConversationsWrittenByHandPassTheSameChecks() {
    List<Message> v4 =
        List.of(
            new Message(false, ascii("220 ready\r\n")),
            new Message(true, ascii("PORT 10,0,1,10,156,65\r\n")),
            new Message(false, ascii("200 PORT command successful\r\n")),
            new Message(true, ascii("PASV\r\n")),
            new Message(false, ascii("227 Entering Passive Mode (198,51,100,7,195,80)\r\n")),
            new Message(true, ascii("PORT 10,0,1,10,")),
            new Message(true, ascii("156,66\r\n")),
            new Message(true, ascii("NOOP\r\nPORT 10,0,1,10,")),
            new Message(true, ascii("156,68\r\n")),
            new Message(true, ascii("PORT 192,0,2,99,156,67\r\n")),
            new Message(true, ascii("PORT 10,0,1,300,1\r\n")));
    for (boolean nat : new boolean[] {false, true}) {
      var ftp = new Conversation(nat, false, TCP, 21).run(v4);
      assertThat(ftp.gatesOpened).as("PORT, 227 and the split PORTs open gates").isEqualTo(4);
      assertThat(ftp.malformed).as("the PORT with 300 in it").isEqualTo(1);
      assertThat(ftp.rewrites)
          .as("the PORT and the split PORTs rewritten through NAT (the 227 names the server)")
          .isEqualTo(nat ? 3 : 0);
      assertThat(ftp.held)
          .as("the split PORTs' first parts held back (the NOOP before one leaves)")
          .isEqualTo(nat ? 2 : 0);
      assertThat(ftp.rewritesFailed).as(nat ? "NAT" : "no NAT").isZero();
    }
    List<Message> v6 =
        List.of(
            new Message(true, ascii("EPRT |2|fd00:1::10|40100|\r\n")),
            new Message(false, ascii("200 EPRT command successful\r\n")),
            new Message(true, ascii("EPSV\r\n")),
            new Message(false, ascii("229 Entering Extended Passive Mode (|||50000|)\r\n")),
            new Message(true, ascii("EPRT |2|fd00:1::10|")),
            new Message(true, ascii("40102|\r\n")));
    for (boolean nat : new boolean[] {false, true}) {
      var ftp = new Conversation(nat, true, TCP, 21).run(v6);
      assertThat(ftp.gatesOpened).as("EPRT, 229 and the split EPRT open gates").isEqualTo(3);
      assertThat(ftp.rewrites).as("both EPRTs rewritten through NAT").isEqualTo(nat ? 2 : 0);
      assertThat(ftp.held).as("the split EPRT's first part held").isEqualTo(nat ? 1 : 0);
    }
  }

  private static byte[] ascii(String text) {
    return text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }

  /** One control session: its handshake, then the messages, checked one by one. */
  private static final class Conversation {
    private final FlowHarness flow;
    private final boolean ipv6;
    private final int protocol;
    private final int port;
    private final String client;
    private final String server;
    private final String description;
    private final PacketDescriptor left = new PacketDescriptor();
    private long clientNext = 1_000; // the client's next sequence number as it sends
    private long serverNext = 700_000; // the server's
    private long clientAcknowledges; // what the client has seen of the server's stream
    private long serverAcknowledges; // what the server has seen of the client's stream
    private double seconds;

    Conversation(boolean nat, boolean ipv6, int protocol, int port) {
      this.flow = new FlowHarness(nat ? TRANSLATED : PLAIN, 64);
      this.ipv6 = ipv6;
      this.protocol = protocol;
      this.port = port;
      this.client = ipv6 ? "fd00:1::10" : "10.0.1.10";
      this.server = ipv6 ? "2001:db8:200::7" : "198.51.100.7";
      this.description =
          (protocol == TCP ? "TCP" : "UDP")
              + " "
              + port
              + (nat ? " NAT" : "")
              + (ipv6 ? " v6" : "");
    }

    /** Runs the conversation, checking each message; returns the FTP ALG's counters after it. */
    org.flowgate.dataplane.flow.alg.AlgCounters run(List<Message> messages) {
      if (protocol == TCP) {
        handshake();
      }
      for (int i = 0; i < messages.size(); i++) {
        Message m = messages.get(i);
        if (!m.fromClient() && control() == null) {
          break; // the session ended (a DNS response closes its own): the server knows no address
        }
        String what =
            description
                + " message "
                + i
                + (m.fromClient() ? " from client " : " from server ")
                + HexFormat.of().formatHex(m.payload());
        DropReason verdict =
            send(m.fromClient(), m.payload(), PacketBuilder.ACK | PacketBuilder.PSH);
        assertThat(verdict == null || MAY_DROP.contains(verdict))
            .as("%s: %s", what, verdict)
            .isTrue();
        if (verdict == null) {
          checkLeft(what, m.fromClient());
        }
      }
      for (Alg alg : Alg.values()) {
        assertThat(flow.spu.alg().counters(alg).inspectionFaults)
            .as("%s: inspection faults of %s", description, alg)
            .isZero();
      }
      assertThat(flow.statistics().drops(DropReason.FLOW_FAULT)).as(description).isZero();
      org.flowgate.dataplane.flow.alg.AlgCounters ftp = flow.spu.alg().counters(Alg.FTP);
      // the flow goes on: a new session after the conversation is still set up
      assertThat(flow.send(seconds + 1, newFlow()))
          .as("%s: the next session", description)
          .isNull();
      return ftp;
    }

    private void handshake() {
      assertThat(send(true, new byte[0], PacketBuilder.SYN)).as(description + " SYN").isNull();
      clientNext++;
      serverAcknowledges = clientNext;
      assertThat(send(false, new byte[0], PacketBuilder.SYN | PacketBuilder.ACK))
          .as(description + " SYN/ACK")
          .isNull();
      serverNext++;
      clientAcknowledges = serverNext;
      assertThat(send(true, new byte[0], PacketBuilder.ACK)).as(description + " ACK").isNull();
    }

    /** Sends a packet as its side would, to the address that side knows the other by. */
    private DropReason send(boolean fromClient, byte[] payload, int flags) {
      seconds += 0.001;
      byte[] frame;
      if (fromClient) {
        PacketBuilder b =
            ipv6 ? PacketBuilder.ipv6(client, server) : PacketBuilder.ipv4(client, server);
        b =
            protocol == TCP
                ? b.tcp(
                    40_000,
                    port,
                    flags,
                    clientNext,
                    (flags & PacketBuilder.ACK) != 0 ? clientAcknowledges : 0)
                : b.udp(40_000, port);
        frame = b.payload(payload).ethernet();
        if (protocol == TCP) {
          clientNext += payload.length;
        }
      } else {
        WingSnapshot reverse = control().reverse(); // run() saw it live
        String to = reverse.destinationAddress().toString();
        int toPort = reverse.destinationPort();
        PacketBuilder b = ipv6 ? PacketBuilder.ipv6(server, to) : PacketBuilder.ipv4(server, to);
        b =
            protocol == TCP
                ? b.tcp(port, toPort, flags, serverNext, serverAcknowledges)
                : b.udp(port, toPort);
        frame = b.payload(payload).ethernet();
        if (protocol == TCP) {
          serverNext += payload.length;
        }
      }
      return flow.send(seconds, frame);
    }

    /** The control session (the one from the client's port 40000), null when there is none. */
    private SessionSnapshot control() {
      for (SessionSnapshot s : flow.sessions()) {
        if (s.forward().sourcePort() == 40_000 && s.forward().destinationPort() == port) {
          return s;
        }
      }
      return null;
    }

    /**
     * The packet that left: inside its frame, valid checksums; the side it went to has now seen the
     * stream up to its end.
     */
    private void checkLeft(String what, boolean fromClient) {
      byte[] bytes = flow.lastForwarded();
      MemorySegment segment = MemorySegment.ofArray(bytes);
      assertThat(
              PacketParser.parse(segment, 0, bytes.length, bytes.length, LinkType.ETHERNET, left))
          .as("%s: the packet that left decodes", what)
          .isNull();
      assertThat(left.l3Offset + left.ipLengthBytes).as(what).isLessThanOrEqualTo(bytes.length);
      if (left.ipVersion == 4) {
        assertThat(Wire.checksum(Wire.sum(segment, left.l3Offset, 20)))
            .as("%s: IPv4 header checksum", what)
            .isZero();
      }
      int length = (int) (left.l3Offset + left.ipLengthBytes - left.l4Offset);
      long sum = Wire.sum(segment, left.l4Offset, length);
      sum +=
          left.ipVersion == 4
              ? Wire.sum(segment, left.l3Offset + 12, 8) + left.protocol + length
              : Wire.sum(segment, left.l3Offset + 8, 32) + left.protocol + length;
      boolean udpWithoutChecksum =
          left.protocol == UDP && left.ipVersion == 4 && Wire.u16(segment, left.l4Offset + 6) == 0;
      if (!udpWithoutChecksum) {
        assertThat(Wire.checksum(sum)).as("%s: transport checksum", what).isZero();
      }
      if (left.protocol == TCP) {
        long end = (Wire.u32(segment, left.l4Offset + 4) + left.payloadBytes) & 0xffff_ffffL;
        if (fromClient) {
          serverAcknowledges = end;
        } else {
          clientAcknowledges = end;
        }
      }
    }

    private byte[] newFlow() {
      return (ipv6
              ? PacketBuilder.ipv6("fd00:1::11", "2001:db8:200::8")
              : PacketBuilder.ipv4("10.0.1.11", "198.51.100.8"))
          .tcp(40_001, 443, PacketBuilder.SYN, 1, 0)
          .ethernet();
    }
  }
}
