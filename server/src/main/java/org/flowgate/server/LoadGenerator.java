package org.flowgate.server;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.flowgate.config.compile.CompileResult;
import org.flowgate.config.compile.JunosCompiler;
import org.flowgate.dataplane.capture.LinkType;
import org.flowgate.dataplane.capture.PcapWriter;
import org.flowgate.dataplane.control.FlowEngine;
import org.flowgate.dataplane.control.TableMemory;
import org.flowgate.dataplane.packet.DropReason;
import org.flowgate.dataplane.packet.PacketDescriptor;
import org.flowgate.dataplane.packet.PacketParser;
import org.flowgate.dataplane.replay.ReplayReport;
import org.flowgate.dataplane.runtime.FactoryDefault;
import org.flowgate.dataplane.runtime.RuntimeConfig;
import org.flowgate.dataplane.session.SessionTable;
import org.flowgate.dataplane.spu.SpuAgent;
import org.flowgate.testkit.PacketBuilder;

/**
 * {@code flowgate bench}: the end-to-end load generator. It builds N UDP flows between clients on
 * 192.168.1.0/24-style addresses (10.x.y.z behind the default route) and servers, then measures on
 * one core:
 *
 * <ol>
 *   <li>first path: every flow's first packet decoded, routed, policy-checked and installed;
 *   <li>fast path: packets of established flows in random order, decoded and matched;
 * </ol>
 *
 * and then end to end: the same packets written to a pcap and replayed through the SPU shards.
 * Numbers are wall-clock rates on this machine; JMH (module bench) gives the careful ones.
 */
final class LoadGenerator {
  private static final int FRAME_STRIDE = 64;

  private LoadGenerator() {}

  static int run(String[] args, PrintStream out, PrintStream err) {
    int sessions = 1_000_000;
    int packets = 20_000_000;
    int spus = Runtime.getRuntime().availableProcessors();
    boolean sourceNat = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--sessions" ->
            sessions = ReplayOptions.intValue("--sessions", next(args, ++i), 1, 50_000_000);
        case "--packets" ->
            packets = ReplayOptions.intValue("--packets", next(args, ++i), 1, 2_000_000_000);
        case "--spus" -> spus = ReplayOptions.intValue("--spus", next(args, ++i), 1, 64);
        case "--nat" ->
            sourceNat =
                switch (next(args, ++i)) {
                  case "none" -> false;
                  case "pool" -> true;
                  default -> throw new Main.UsageException("--nat takes none or pool");
                };
        default ->
            throw new Main.UsageException(
                "bench takes --sessions N, --packets N, --spus N, --nat none|pool");
      }
    }
    out.printf(
        "Flowgate load generator: %,d UDP flows, %,d fast-path packets, %d SPUs, %s%s%n",
        sessions,
        packets,
        spus,
        Runtime.version(),
        sourceNat ? ", source NAT with port translation (pool 203.0.113.0/24)" : "");
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment frames = buildFrames(arena, sessions);
      RuntimeConfig config =
          (sourceNat ? sourceNatConfig() : FactoryDefault.config()).withMaximumSessions(sessions);
      SessionTable table = new SessionTable(sessions);
      SpuAgent spu = new SpuAgent(0, table, config);
      PacketDescriptor packet = new PacketDescriptor();

      long start = System.nanoTime();
      int created = 0;
      for (int i = 0; i < sessions; i++) {
        if (processFrame(spu, packet, frames, i, 1_000L + i) == null) {
          created++;
        }
      }
      long firstPathNs = System.nanoTime() - start;
      out.printf(
          "first path    %,12.0f sessions/s per core  (%,d sessions installed)%n",
          created / (firstPathNs / 1e9), created);
      out.printf(
          "storage       %,12d bytes per session at the maximum (records + index), IPv4%n",
          table.bytesPerSession());

      // The fast-path packets arrive as they would from a NIC ring: a stream laid out in order
      // (here 2^22 frames drawn at random over the flows), taken in batches as an SPU takes them.
      int streamFrames = 1 << 22;
      MemorySegment stream = arena.allocate((long) streamFrames * FRAME_STRIDE, 64);
      SplittableRandom random = new SplittableRandom(42);
      for (int i = 0; i < streamFrames; i++) {
        MemorySegment.copy(
            frames,
            (long) random.nextInt(sessions) * FRAME_STRIDE,
            stream,
            (long) i * FRAME_STRIDE,
            FRAME_STRIDE);
      }
      PacketDescriptor[] batch = new PacketDescriptor[16];
      for (int i = 0; i < batch.length; i++) {
        batch[i] = new PacketDescriptor();
      }
      for (int round = 0; round < 2; round++) { // the first round warms the JIT
        start = System.nanoTime();
        long forwarded = 0;
        for (int i = 0; i < packets; i += batch.length) {
          for (int b = 0; b < batch.length; b++) {
            long offset = (long) ((i + b) & (streamFrames - 1)) * FRAME_STRIDE;
            int length = stream.get(ValueLayout.JAVA_SHORT, offset + FRAME_STRIDE - 2);
            PacketParser.parse(stream, offset, length, length, LinkType.ETHERNET, batch[b]);
            batch[b].timestampNs = 2_000_000L;
          }
          forwarded += spu.processBatch(batch, batch.length);
        }
        long fastNs = System.nanoTime() - start;
        if (round == 1) {
          out.printf(
              "fast path     %,12.0f packets/s per core   (%,d sessions, random order, batches of %d, %,d forwarded)%n",
              forwarded / (fastNs / 1e9), table.sessionsInUse(), batch.length, forwarded);
        }
      }
      replayThroughShards(frames, sessions, spus, config, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return 0;
  }

  /**
   * The factory default's interfaces and routes, as Junos text, with every client (10/8) source
   * translated through a /24 pool with port translation: 256 x 64512 pairs, room for 16 M flows.
   */
  private static final String SOURCE_NAT_CONFIG =
      """
      set interfaces ge-0/0/0 unit 0 family inet address 198.51.100.1/24
      set interfaces ge-0/0/1 unit 0 family inet address 192.168.1.1/24
      set routing-options static route 0.0.0.0/0 next-hop 198.51.100.254
      set security zones security-zone trust interfaces ge-0/0/0.0
      set security zones security-zone trust interfaces ge-0/0/1.0
      set security policies default-policy permit-all
      set security nat source pool bench address 203.0.113.0/24
      set security nat source rule-set clients from zone trust
      set security nat source rule-set clients to zone trust
      set security nat source rule-set clients rule all match source-address 10.0.0.0/8
      set security nat source rule-set clients rule all then source-nat pool bench
      """;

  private static RuntimeConfig sourceNatConfig() {
    CompileResult compiled = JunosCompiler.load(SOURCE_NAT_CONFIG, "bench-source-nat.conf");
    if (!compiled.ok()) {
      throw new IllegalStateException(
          "the load generator's NAT configuration: " + compiled.diagnostics());
    }
    return compiled.config();
  }

  private static String next(String[] args, int i) {
    if (i >= args.length) {
      throw new Main.UsageException(args[i - 1] + " needs a value");
    }
    return args[i];
  }

  private static DropReason processFrame(
      SpuAgent spu, PacketDescriptor packet, MemorySegment frames, int index, long timestampNs) {
    long offset = (long) index * FRAME_STRIDE;
    int length = frames.get(ValueLayout.JAVA_SHORT, offset + FRAME_STRIDE - 2);
    DropReason undecodable =
        PacketParser.parse(frames, offset, length, length, LinkType.ETHERNET, packet);
    if (undecodable != null) {
      return undecodable;
    }
    packet.timestampNs = timestampNs;
    return spu.process(packet);
  }

  /** One UDP frame per flow, each in a 64-byte cell whose last two bytes hold its length. */
  private static MemorySegment buildFrames(Arena arena, int sessions) {
    MemorySegment frames = arena.allocate((long) sessions * FRAME_STRIDE, 64);
    for (int i = 0; i < sessions; i++) {
      byte[] frame =
          PacketBuilder.ipv4(client(i), server(i)).udp(1024 + (i % 60_000), 53).ethernet();
      long offset = (long) i * FRAME_STRIDE;
      MemorySegment.copy(MemorySegment.ofArray(frame), 0, frames, offset, frame.length);
      frames.set(ValueLayout.JAVA_SHORT, offset + FRAME_STRIDE - 2, (short) frame.length);
    }
    return frames;
  }

  private static String client(int i) {
    return "10." + ((i >>> 16) & 0xff) + "." + ((i >>> 8) & 0xff) + "." + (i & 0xff);
  }

  private static String server(int i) {
    return "172.16." + ((i / 60_000) & 0xff) + "." + (1 + (i % 7));
  }

  private static void replayThroughShards(
      MemorySegment frames, int sessions, int spus, RuntimeConfig config, PrintStream out)
      throws IOException {
    Path file = Files.createTempFile("flowgate-bench", ".pcap");
    int repeats = 4;
    try {
      try (PcapWriter writer =
          PcapWriter.open(file, LinkType.ETHERNET, true, ByteOrder.nativeOrder())) {
        long t = 1_000;
        for (int round = 0; round < repeats; round++) {
          for (int i = 0; i < sessions; i++) {
            long offset = (long) i * FRAME_STRIDE;
            int length = frames.get(ValueLayout.JAVA_SHORT, offset + FRAME_STRIDE - 2);
            writer.write(t++, frames.asSlice(offset, length).toArray(ValueLayout.JAVA_BYTE));
          }
        }
      }
      try (FlowEngine engine =
          new FlowEngine(config.withMaximumSessions((long) sessions * 2), spus)) {
        long start = System.nanoTime();
        ReplayReport report = engine.replay(List.of(file), -1);
        long ns = System.nanoTime() - start;
        out.printf(
            "replay        %,12.0f packets/s through %d SPU%s (%,d packets: %d rounds over the flows, from %s)%n",
            report.packets() / (ns / 1e9),
            spus,
            spus == 1 ? "" : "s",
            report.packets(),
            repeats,
            "a pcap file");
        TableMemory memory = engine.memory().getFirst();
        out.printf(
            "session table %,12d bytes per session on SPU 0, %s%n",
            memory.bytesPerSession(),
            memory.hugePages()
                ? "huge pages asked for (MADV_HUGEPAGE)"
                : "no huge pages: " + memory.backing());
      }
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
