package org.flowgate.dataplane.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.flowgate.dataplane.capture.LinkType;
import org.flowgate.dataplane.control.FlowStatistics;
import org.flowgate.dataplane.control.SessionSnapshot;
import org.flowgate.dataplane.control.SessionSnapshots;
import org.flowgate.dataplane.packet.DropReason;
import org.flowgate.dataplane.packet.PacketDescriptor;
import org.flowgate.dataplane.packet.PacketParser;
import org.flowgate.dataplane.runtime.FactoryDefault;
import org.flowgate.dataplane.session.CloseReason;
import org.flowgate.dataplane.session.SessionTable;
import org.flowgate.testkit.PacketBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link FlowProcessor#processBatch} reads ahead and reuses each packet's key hash; whatever the
 * traffic, it must leave exactly what {@link FlowProcessor#process}, one packet at a time, leaves.
 * Random traffic over a few hosts and ports, in batches of random size, with everything that
 * changes the table between a batch's read-ahead and its lookups: sessions created and closed by
 * earlier packets of the same batch, timers firing on a packet's timestamp, a full table, TCP
 * handshakes and teardowns, DNS responses, ICMP echoes and errors, fragments, IPv6 and frames that
 * do not decode.
 */
class BatchEquivalenceTest {
  private static final long START_NS = 1_700_000_000_000_000_000L;

  /** One SPU and everything it told its listener, in order. */
  private static final class Spu implements SessionListener {
    final FlowProcessor processor;
    final List<String> events = new ArrayList<>();

    Spu() {
      processor = new FlowProcessor(0, new SessionTable(48), FactoryDefault.config());
      processor.setListener(this);
      processor.startClock(START_NS);
    }

    @Override
    public void sessionCreated(FlowProcessor spu, int slot) {
      events.add("created " + spu.sessionId(slot));
    }

    @Override
    public void sessionClosed(FlowProcessor spu, int slot, CloseReason reason) {
      events.add(
          "closed " + spu.sessionId(slot) + " " + reason + " " + SessionSnapshots.of(spu, slot));
    }

    List<SessionSnapshot> sessions() {
      List<SessionSnapshot> all = new ArrayList<>();
      for (int slot = 0; slot < processor.table().capacity(); slot++) {
        if (processor.table().state(slot) != 0) {
          all.add(SessionSnapshots.of(processor, slot));
        }
      }
      return all;
    }

    String counters() {
      FlowStatistics s = processor.counters().snapshot(0);
      return s.packetsReceived()
          + " received, "
          + s.packetsForwarded()
          + " forwarded, "
          + s.packetsDropped()
          + " dropped "
          + s.dropCounts()
          + ", "
          + s.bytesReceived()
          + " bytes, "
          + s.fragments()
          + " fragments, "
          + s.icmpErrorsMatched()
          + " ICMP errors, "
          + s.sessionsCreated()
          + " created, "
          + s.sessionsClosed()
          + " closed, "
          + s.failedSessions()
          + " failed";
    }
  }

  private record Frame(long timestampNs, byte[] bytes) {}

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void batchesLeaveWhatSinglePacketsLeave(long seed) {
    List<Frame> traffic = traffic(new SplittableRandom(seed), 6_000);

    Spu single = new Spu();
    PacketDescriptor packet = new PacketDescriptor();
    long forwardedOneByOne = 0;
    for (Frame frame : traffic) {
      DropReason undecodable = parse(frame, packet);
      if (undecodable != null) {
        single.processor.countUndecodable(undecodable, frame.timestampNs());
      } else if (single.processor.process(packet) == null) {
        forwardedOneByOne++;
      }
    }

    Spu batched = new Spu();
    SplittableRandom sizes = new SplittableRandom(seed * 31);
    PacketDescriptor[] batch = new PacketDescriptor[FlowProcessor.MAXIMUM_BATCH];
    for (int i = 0; i < batch.length; i++) {
      batch[i] = new PacketDescriptor();
    }
    long forwardedInBatches = 0;
    int next = 0;
    while (next < traffic.size()) {
      int size = Math.min(1 + sizes.nextInt(FlowProcessor.MAXIMUM_BATCH), traffic.size() - next);
      int decoded = 0;
      for (int i = 0;
          i < size;
          i++) { // as an SPU does: a frame that does not decode splits the batch
        Frame frame = traffic.get(next + i);
        DropReason undecodable = parse(frame, batch[decoded]);
        if (undecodable == null) {
          decoded++;
          continue;
        }
        forwardedInBatches += batched.processor.processBatch(batch, decoded);
        decoded = 0;
        batched.processor.countUndecodable(undecodable, frame.timestampNs());
      }
      forwardedInBatches += batched.processor.processBatch(batch, decoded);
      next += size;
    }

    assertThat(forwardedInBatches).as("seed %d", seed).isEqualTo(forwardedOneByOne);
    assertThat(batched.counters()).as("seed %d", seed).isEqualTo(single.counters());
    assertThat(batched.events).as("seed %d", seed).isEqualTo(single.events);
    assertThat(batched.sessions()).as("seed %d", seed).isEqualTo(single.sessions());
    assertThat(single.processor.counters().sessionsCreated)
        .as("the traffic makes sessions")
        .isGreaterThan(100);
    assertThat(single.processor.counters().sessionsClosed).as("and ends them").isGreaterThan(50);
    assertThat(forwardedOneByOne).as("and forwards most packets").isGreaterThan(traffic.size() / 3);
  }

  private static DropReason parse(Frame frame, PacketDescriptor packet) {
    DropReason undecodable =
        PacketParser.parse(
            MemorySegment.ofArray(frame.bytes()),
            0,
            frame.bytes().length,
            frame.bytes().length,
            LinkType.ETHERNET,
            packet);
    packet.timestampNs = frame.timestampNs();
    return undecodable;
  }

  /** Packets among four clients and three servers, mostly replies to what came before. */
  private static List<Frame> traffic(SplittableRandom random, int count) {
    String[] clients = {"192.168.1.10", "192.168.1.11", "192.168.1.12", "192.168.1.13"};
    String[] servers = {"198.51.100.1", "198.51.100.2", "192.168.1.1"}; // the last is the firewall
    String[] clients6 = {"2001:db8:1::10", "2001:db8:1::11"};
    String[] servers6 = {"2001:db8:ffff::1", "2001:db8:ffff::2"};
    List<Frame> frames = new ArrayList<>();
    long now = START_NS;
    while (frames.size() < count) {
      // mostly microseconds apart; now and then long enough for sessions to time out
      int gap = random.nextInt(100);
      now +=
          gap < 90
              ? random.nextLong(1_000, 2_000_000)
              : gap < 98
                  ? random.nextLong(1L, 5L) * 1_000_000_000L
                  : random.nextLong(20, 130) * 1_000_000_000L;
      boolean forward = random.nextBoolean();
      String client = clients[random.nextInt(clients.length)];
      String server = servers[random.nextInt(servers.length)];
      String source = forward ? client : server;
      String destination = forward ? server : client;
      int clientPort = 1024 + random.nextInt(6);
      int serverPort = random.nextInt(4) == 0 ? 53 : 5000 + random.nextInt(2);
      int sourcePort = forward ? clientPort : serverPort;
      int destinationPort = forward ? serverPort : clientPort;
      byte[] frame;
      switch (random.nextInt(14)) {
        case 0, 1, 2, 3 ->
            frame =
                PacketBuilder.ipv4(source, destination)
                    .udp(sourcePort, destinationPort)
                    .payloadLength(random.nextInt(200))
                    .ethernet();
        case 4, 5, 6, 7 -> {
          int[] flags = {
            PacketBuilder.SYN,
            PacketBuilder.SYN | PacketBuilder.ACK,
            PacketBuilder.ACK,
            PacketBuilder.ACK,
            PacketBuilder.ACK,
            PacketBuilder.FIN | PacketBuilder.ACK,
            PacketBuilder.RST
          };
          long sequence = forward ? 1_000 + random.nextInt(3) : 50_000 + random.nextInt(3);
          long acknowledgement = forward ? 50_001 + random.nextInt(2) : 1_001 + random.nextInt(2);
          frame =
              PacketBuilder.ipv4(source, destination)
                  .tcp(
                      sourcePort,
                      destinationPort,
                      flags[random.nextInt(flags.length)],
                      sequence,
                      acknowledgement)
                  .payloadLength(random.nextInt(3))
                  .ethernet();
        }
        case 8 ->
            frame =
                PacketBuilder.ipv4(source, destination)
                    .icmpEcho(forward, 7, 1 + random.nextInt(3))
                    .ethernet();
        case 9 -> {
          byte[] quoted =
              PacketBuilder.ipv4(destination, source).udp(destinationPort, sourcePort).ip();
          frame = PacketBuilder.ipv4(source, destination).icmpError(3, 3, quoted).ethernet();
        }
        case 10 -> {
          for (byte[] fragment :
              PacketBuilder.ipv4(source, destination)
                  .udp(sourcePort, destinationPort)
                  .identification(random.nextInt(4))
                  .payloadLength(600)
                  .ipv4Fragments(256)) {
            frames.add(new Frame(now, PacketBuilder.frame(LinkType.ETHERNET, fragment)));
            now += 1_000;
          }
          continue;
        }
        case 11, 12 -> {
          String source6 = forward ? clients6[random.nextInt(2)] : servers6[random.nextInt(2)];
          String destination6 = forward ? servers6[random.nextInt(2)] : clients6[random.nextInt(2)];
          frame =
              PacketBuilder.ipv6(source6, destination6).udp(sourcePort, destinationPort).ethernet();
        }
        default -> {
          frame =
              PacketBuilder.ipv4(source, destination).udp(sourcePort, destinationPort).ethernet();
          frame[14] = 0x43; // IHL of three words: does not decode
        }
      }
      frames.add(new Frame(now, frame));
    }
    return frames;
  }
}
