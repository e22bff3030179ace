package org.flowgate.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelSubsystem;
import org.apache.sshd.client.session.ClientSession;
import org.flowgate.dataplane.capture.LinkType;
import org.flowgate.dataplane.capture.PcapWriter;
import org.flowgate.dataplane.replay.ReplayReport;
import org.flowgate.dataplane.runtime.FactoryDefault;
import org.flowgate.mgmt.auth.UnixCrypt;
import org.flowgate.mgmt.device.DeviceServer;
import org.flowgate.testkit.PacketBuilder;

/**
 * The device under management load: a table of N sessions, a replay of established-flow packets
 * running, and C clients (half SSH exec, half NETCONF) each issuing a show command about once a
 * second (summary, statistics, a filtered session list that scans the table, the RPC of a summary).
 * Prints the replay's packets/s without and with the clients, the command latencies, and the heap.
 *
 * <pre>
 * java -Xmx8g --enable-native-access=ALL-UNNAMED -cp bench/target/benchmarks.jar \
 *     org.flowgate.bench.DeviceLoad 1000000 50 8000000
 * </pre>
 */
public final class DeviceLoad {
  private static final String PASSWORD = "load-test";
  private static final long T0_NS = 1_700_000_000_000_000_000L;

  private DeviceLoad() {}

  public static void main(String[] args) throws Exception {
    int sessions = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int clients = args.length > 1 ? Integer.parseInt(args[1]) : 50;
    int packets = args.length > 2 ? Integer.parseInt(args[2]) : 8_000_000;
    Path dir = Files.createTempDirectory("flowgate-load");
    Path fill = dir.resolve("fill.pcap");
    Path traffic = dir.resolve("traffic.pcap");
    write(fill, sessions, sessions, 0, 1);
    write(traffic, sessions, packets, 1, 1);
    Path paced = dir.resolve("paced.pcap");
    int pacedPackets = packets / 2;
    write(paced, sessions, pacedPackets, 100, 2_000); // 500 000 packets/s of capture time
    String config =
        DeviceServer.factoryDefaultText()
            + "set system login user admin class super-user\n"
            + "set system login user admin authentication encrypted-password \""
            + UnixCrypt.sha512(PASSWORD)
            + "\"\n";
    try (DeviceServer server =
        DeviceServer.start(
            new DeviceServer.Settings(
                dir.resolve("state"),
                config,
                "load",
                "127.0.0.1",
                0,
                0,
                -1,
                2,
                FactoryDefault.config().withMaximumSessions(sessions + 65536L),
                r -> r.config().withMaximumSessions(sessions + 65536L),
                line -> {}))) {
      long started = System.nanoTime();
      server.device().replays().submit(fill, 0).get();
      System.out.printf(
          "table: %d sessions in %.1f s%n", sessions, (System.nanoTime() - started) / 1e9);
      System.out.printf("heap after fill: %d MiB, RSS %d MiB%n", heapMiB(), rssMiB());
      System.out.printf("warm-up replay: %.0f packets/s%n", replay(server, traffic));

      SshClient ssh = SshClient.setUpDefaultClient();
      ssh.start();
      AtomicBoolean running = new AtomicBoolean(true);
      AtomicBoolean active = new AtomicBoolean(false);
      ConcurrentLinkedQueue<Long> cheapMs = new ConcurrentLinkedQueue<>();
      ConcurrentLinkedQueue<Long> scanMs = new ConcurrentLinkedQueue<>();
      AtomicLong commands = new AtomicLong();
      AtomicLong failures = new AtomicLong();
      CountDownLatch ready = new CountDownLatch(clients);
      List<Thread> threads = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        boolean netconf = c % 2 == 1;
        int id = c;
        threads.add(
            Thread.ofVirtual()
                .start(
                    () ->
                        client(
                            ssh, server, netconf, id, running, active, ready, cheapMs, scanMs,
                            commands, failures)));
      }
      ready.await();
      System.out.printf(
          "%d clients logged in; heap %d MiB, RSS %d MiB%n", clients, heapMiB(), rssMiB());
      List<Double> alone = new ArrayList<>();
      List<Double> loaded = new ArrayList<>();
      java.util.Map<String, Long> cpuAlone = new java.util.TreeMap<>();
      java.util.Map<String, Long> cpuLoaded = new java.util.TreeMap<>();
      for (int phase = 0; phase < 3; phase++) {
        active.set(false);
        java.util.Map<String, Long> before = cpuByGroup();
        alone.add(replay(server, traffic));
        java.util.Map<String, Long> middle = cpuByGroup();
        active.set(true);
        loaded.add(replay(server, traffic));
        java.util.Map<String, Long> after = cpuByGroup();
        add(cpuAlone, before, middle);
        add(cpuLoaded, middle, after);
        System.out.printf(
            "phase %d: alone %.0f, with clients %.0f packets/s; RSS %d MiB%n",
            phase, alone.getLast(), loaded.getLast(), rssMiB());
      }
      List<Double> pacedAlone = new ArrayList<>();
      List<Double> pacedLoaded = new ArrayList<>();
      for (int phase = 0; phase < 3; phase++) {
        active.set(false);
        pacedAlone.add(replay(server, paced, 1.0));
        active.set(true);
        pacedLoaded.add(replay(server, paced, 1.0));
        System.out.printf(
            "paced phase %d (500 000 packets/s offered): alone %.0f, with clients %.0f packets/s%n",
            phase, pacedAlone.getLast(), pacedLoaded.getLast());
      }
      active.set(false);
      System.out.printf(
          "paced median: alone %.0f, with clients %.0f packets/s (loss %.1f %%)%n",
          median(pacedAlone),
          median(pacedLoaded),
          100.0 * (1 - median(pacedLoaded) / median(pacedAlone)));
      System.out.println("CPU ms by thread group, 3 phases alone: " + cpuAlone);
      System.out.println("CPU ms by thread group, 3 phases with clients: " + cpuLoaded);
      double aloneMedian = median(alone);
      double loadedMedian = median(loaded);
      running.set(false);
      for (Thread thread : threads) {
        thread.join();
      }
      ssh.stop();
      System.out.printf(
          "median replay: alone %.0f, with %d clients %.0f packets/s (loss %.1f %%)%n",
          aloneMedian, clients, loadedMedian, 100.0 * (1 - loadedMedian / aloneMedian));
      System.out.printf(
          "commands: %d, failed %d; cheap (summary/statistics) ms p50 %d p99 %d max %d;"
              + " table scans ms p50 %d p99 %d max %d%n",
          commands.get(),
          failures.get(),
          percentile(cheapMs, 50),
          percentile(cheapMs, 99),
          percentile(cheapMs, 100),
          percentile(scanMs, 50),
          percentile(scanMs, 99),
          percentile(scanMs, 100));
      System.out.printf(
          "heap after the clients left: %d MiB; active SSH commands %d%n",
          heapMiB(), server.activeSshCommands());
    }
  }

  private static double replay(DeviceServer server, Path capture) throws Exception {
    return replay(server, capture, 0);
  }

  private static double replay(DeviceServer server, Path capture, double speed) throws Exception {
    long start = System.nanoTime();
    ReplayReport report = server.device().replays().submit(capture, speed).get();
    return report.packets() / ((System.nanoTime() - start) / 1e9);
  }

  private static void client(
      SshClient ssh,
      DeviceServer server,
      boolean netconf,
      int id,
      AtomicBoolean running,
      AtomicBoolean active,
      CountDownLatch ready,
      ConcurrentLinkedQueue<Long> cheapMs,
      ConcurrentLinkedQueue<Long> scanMs,
      AtomicLong commands,
      AtomicLong failures) {
    boolean counted = false;
    try (ClientSession session =
        ssh.connect("admin", "127.0.0.1", netconf ? server.netconfPort() : server.sshPort())
            .verify(Duration.ofSeconds(60))
            .getSession()) {
      session.addPasswordIdentity(PASSWORD);
      session.auth().verify(Duration.ofSeconds(60));
      Netconf nc = netconf ? new Netconf(session) : null;
      ready.countDown();
      counted = true;
      long round = 0;
      while (running.get()) {
        long next = System.nanoTime() + 1_000_000_000L;
        if (!active.get()) {
          Thread.sleep(Duration.ofMillis(50)); // idle between measured phases
          continue;
        }
        boolean scan = (round++ + id) % 4 == 3;
        String command =
            scan
                ? "show security flow session source-prefix 10.0.0." + (id % 250) + "/32"
                : round % 2 == 0
                    ? "show security flow session summary"
                    : "show security flow statistics";
        long start = System.nanoTime();
        try {
          String out =
              nc != null
                  ? nc.rpc(
                      scan
                          ? "<get-flow-session-information><source-prefix>10.0.0."
                              + (id % 250)
                              + "/32</source-prefix></get-flow-session-information>"
                          : "<get-flow-session-information><summary/></get-flow-session-information>")
                  : session.executeRemoteCommand(command);
          if (out.contains("error")) {
            failures.incrementAndGet();
          }
        } catch (IOException e) {
          failures.incrementAndGet();
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        (scan ? scanMs : cheapMs).add(ms);
        commands.incrementAndGet();
        long wait = next - System.nanoTime();
        if (wait > 0) {
          Thread.sleep(Duration.ofNanos(wait)); // the client's think time, not a test wait
        }
      }
      if (nc != null) {
        nc.close();
      }
    } catch (Exception e) {
      failures.incrementAndGet();
      System.err.println("client " + id + ": " + e);
    } finally {
      if (!counted) {
        ready.countDown();
      }
    }
  }

  /** A minimal NETCONF client: end-of-message framing. */
  private static final class Netconf {
    private final ChannelSubsystem channel;
    private final OutputStream out;
    private final InputStream in;

    Netconf(ClientSession session) throws IOException {
      channel = session.createSubsystemChannel("netconf");
      channel.open().verify(Duration.ofSeconds(60));
      out = channel.getInvertedIn();
      in = channel.getInvertedOut();
      read();
      send(
          "<hello xmlns=\"urn:ietf:params:xml:ns:netconf:base:1.0\"><capabilities><capability>"
              + "urn:ietf:params:netconf:base:1.0</capability></capabilities></hello>");
    }

    String rpc(String body) throws IOException {
      send("<rpc message-id=\"1\">" + body + "</rpc>");
      return read();
    }

    private void send(String message) throws IOException {
      out.write((message + "]]>]]>").getBytes(StandardCharsets.UTF_8));
      out.flush();
    }

    private String read() throws IOException {
      StringBuilder message = new StringBuilder();
      int c;
      while ((c = in.read()) >= 0) {
        message.append((char) c);
        if (message.length() >= 6 && message.lastIndexOf("]]>]]>") == message.length() - 6) {
          String text = message.substring(0, message.length() - 6);
          return text.contains("<rpc-error>") ? "error" : text;
        }
      }
      throw new IOException("netconf session ended");
    }

    void close() throws IOException {
      channel.close();
    }
  }

  private static long percentile(ConcurrentLinkedQueue<Long> values, int percentile) {
    List<Long> sorted = new ArrayList<>(values);
    if (sorted.isEmpty()) {
      return -1;
    }
    Collections.sort(sorted);
    int index =
        Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1);
    return sorted.get(Math.max(0, index));
  }

  /** CPU time (ms) of live platform threads, grouped by what their names say they are. */
  private static java.util.Map<String, Long> cpuByGroup() {
    var threads = ManagementFactory.getThreadMXBean();
    java.util.Map<String, Long> groups = new java.util.TreeMap<>();
    for (long id : threads.getAllThreadIds()) {
      var info = threads.getThreadInfo(id);
      long cpu = threads.getThreadCpuTime(id);
      if (info == null || cpu < 0) {
        continue;
      }
      String name = info.getThreadName();
      String group =
          name.contains("SshClient")
              ? "ssh-client-io"
              : name.contains("SshServer")
                  ? "ssh-server-io"
                  : name.startsWith("ForkJoinPool")
                      ? "virtual-threads (server handlers + clients)"
                      : name.startsWith("replay")
                          ? "replay"
                          : name.startsWith("spu") ? "spu" : "other";
      groups.merge(group, cpu / 1_000_000, Long::sum);
    }
    return groups;
  }

  private static void add(
      java.util.Map<String, Long> total,
      java.util.Map<String, Long> from,
      java.util.Map<String, Long> to) {
    to.forEach((group, ms) -> total.merge(group, ms - from.getOrDefault(group, 0L), Long::sum));
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  /** Resident memory of this process (heap, off-heap session table, threads). */
  private static long rssMiB() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) >> 10;
        }
      }
    } catch (IOException e) {
      // not Linux
    }
    return -1;
  }

  private static long heapMiB() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
  }

  /**
   * {@code count} packets of {@code flows} UDP flows, 10.x.y.z:1024 to 172.16.0.1:5000-5063, in
   * flow order, all at T0 + offset seconds.
   */
  private static void write(Path file, int flows, int count, int offsetSeconds, long gapNs)
      throws IOException {
    byte[] frame = PacketBuilder.ipv4("10.0.0.0", "172.16.0.1").udp(1024, 5000).ethernet();
    try (PcapWriter writer =
        PcapWriter.open(file, LinkType.ETHERNET, true, ByteOrder.LITTLE_ENDIAN)) {
      for (int i = 0; i < count; i++) {
        int flow = i % flows;
        frame[26] = (byte) 10;
        frame[27] = (byte) (flow >>> 16);
        frame[28] = (byte) (flow >>> 8);
        frame[29] = (byte) flow;
        frame[35] = (byte) (flow & 0x3f);
        writer.write(T0_NS + offsetSeconds * 1_000_000_000L + i * gapNs, frame);
      }
    }
  }
}
