package org.flowgate.server;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.flowgate.config.compile.CompileResult;
import org.flowgate.config.compile.JunosCompiler;
import org.flowgate.dataplane.capture.LinkType;
import org.flowgate.dataplane.capture.PcapWriter;
import org.flowgate.dataplane.control.FlowEngine;
import org.flowgate.dataplane.control.FlowStatistics;
import org.flowgate.dataplane.control.FlowSummary;
import org.flowgate.dataplane.replay.ReplayClock;
import org.flowgate.dataplane.replay.ReplayReport;
import org.flowgate.dataplane.runtime.RuntimeConfig;
import org.flowgate.testkit.PacketBuilder;

/**
 * {@code flowgate soak}: one capture looped through the engine for a stretch of wall time, with a
 * configuration committed at a fixed interval and every session logged to a syslog receiver over
 * TCP, sampling memory, sessions and log lines as it goes (issue 10's soak).
 *
 * <pre>
 *  capture (written once): F UDP flows over P s of capture time, each a query and its answer
 *        │  the same file N times in one replay: each pass goes back P s, which the replay's
 *        ▼  clock treats as a rewind (ADR 0019), so pass k+1 runs on from where pass k ended
 *  FlowEngine (S SPUs, table of M sessions) ◄── commit thread: a new generation every C s
 *        │  policy "soak": log session-init, log session-close
 *        ▼
 *  SessionLogging (the product's recorder, logger and TCP sink)
 *        │  RFC 6587 octet-counted syslog over TCP
 *        ▼
 *  receiver (this class; or an external one with --syslog HOST:PORT) counts what arrives
 * </pre>
 *
 * At the end every SPU's clock is moved past the last session's timeout, a second at a time at the
 * soak's pace (a packet a second that no policy permits), so every session must close: created =
 * closed, and the receiver must have had one CREATE line per session created and one CLOSE line per
 * session closed.
 *
 * <p>Thread: {@link #run} on the caller's thread; the replay, the commits, the samples and the
 * receiver each run on a thread of their own, started and stopped by {@link #soak}.
 */
final class Soak {
  private static final long SECOND_NS = 1_000_000_000L;
  private static final long T0_NS = 1_750_000_000L * SECOND_NS;

  private Soak() {}

  /**
   * What to run.
   *
   * @param durationSeconds wall time to loop for (with {@code speed > 0}); 0 to run {@code passes}
   * @param passes passes of the capture when {@code durationSeconds} is 0
   * @param flows flows in one pass of the capture
   * @param passSeconds capture time one pass spans
   * @param speed replay pace against the wall clock (1 real time; 0 as fast as possible)
   * @param syslogHost where the TCP stream goes; null starts the built-in receiver
   */
  record Options(
      double durationSeconds,
      int passes,
      int flows,
      double passSeconds,
      double speed,
      int spus,
      int maximumSessions,
      int timeoutSeconds,
      double commitEverySeconds,
      double sampleEverySeconds,
      String syslogHost,
      int syslogPort,
      Path directory) {}

  /** One reading. Sessions and lines are totals since the start. */
  record Sample(
      double elapsedSeconds,
      long anonymousBytes,
      long mappedFileBytes,
      long heapUsedBytes,
      long packets,
      long sessionsCreated,
      long sessionsClosed,
      long sessionsInUse,
      long sessionsInvalidated,
      long failedSessions,
      long commits,
      long linesFormatted,
      long linesSent,
      long linesReceived,
      long linesDropped,
      long eventsDropped) {

    String row() {
      return String.format(
          Locale.ROOT,
          "%7.0f %9.1f %9.1f %9.1f %12d %11d %11d %9d %7d %6d %7d %11d %11d %11d %7d %7d",
          elapsedSeconds,
          anonymousBytes / 1048576.0,
          mappedFileBytes / 1048576.0,
          heapUsedBytes / 1048576.0,
          packets,
          sessionsCreated,
          sessionsClosed,
          sessionsInUse,
          sessionsInvalidated,
          failedSessions,
          commits,
          linesFormatted,
          linesSent,
          linesReceived,
          linesDropped,
          eventsDropped);
    }

    static final String HEADER =
        "      s  anon MiB  file MiB  heap MiB      packets     created      closed    in use invalid failed"
            + " commits   formatted        sent    received dropped ev.lost";
  }

  /** The readings, the one after the loop, and the one after every session has timed out. */
  record Result(
      List<Sample> samples,
      Sample afterLoop,
      Sample drained,
      long createLinesReceived,
      long closeLinesReceived,
      long otherLinesReceived,
      long passesStarted,
      ReplayReport report) {

    /** What does not hold, one line each; empty when the soak passed. */
    List<String> problems() {
      List<String> problems = new ArrayList<>();
      Sample d = drained;
      if (d.sessionsInUse() != 0) {
        problems.add(d.sessionsInUse() + " sessions still in use after every timeout");
      }
      if (d.sessionsCreated() != d.sessionsClosed()) {
        problems.add(
            "created "
                + d.sessionsCreated()
                + " - closed "
                + d.sessionsClosed()
                + " = "
                + (d.sessionsCreated() - d.sessionsClosed())
                + ", in use "
                + d.sessionsInUse());
      }
      Sample a = afterLoop;
      if (a.sessionsCreated() - a.sessionsClosed() != a.sessionsInUse() - a.sessionsInvalidated()) {
        problems.add(
            "after the loop: created - closed = "
                + (a.sessionsCreated() - a.sessionsClosed())
                + " but in use - invalidated (closed, listed 2 s) = "
                + (a.sessionsInUse() - a.sessionsInvalidated()));
      }
      if (createLinesReceived >= 0 && createLinesReceived != d.sessionsCreated()) {
        problems.add(
            createLinesReceived
                + " RT_FLOW_SESSION_CREATE lines received for "
                + d.sessionsCreated()
                + " sessions created");
      }
      if (closeLinesReceived >= 0 && closeLinesReceived != d.sessionsClosed()) {
        problems.add(
            closeLinesReceived
                + " RT_FLOW_SESSION_CLOSE lines received for "
                + d.sessionsClosed()
                + " sessions closed");
      }
      if (d.linesDropped() != 0 || d.eventsDropped() != 0) {
        problems.add(
            d.eventsDropped() + " events and " + d.linesDropped() + " lines dropped by the logger");
      }
      if (d.failedSessions() != 0) {
        problems.add(d.failedSessions() + " sessions failed (table full?)");
      }
      if (!report.ok()) {
        problems.add("the replay had capture errors");
      }
      return problems;
    }
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    Options options = parse(args);
    Result result;
    try {
      Files.createDirectories(options.directory());
      result = soak(options, out);
    } catch (IOException e) {
      err.println("flowgate: soak: " + e.getMessage());
      return 1;
    }
    out.println(memorySummary(result, options));
    List<String> problems = result.problems();
    for (String problem : problems) {
      out.println("soak: FAILED: " + problem);
    }
    if (problems.isEmpty()) {
      out.println("soak: passed");
    }
    return problems.isEmpty() ? 0 : 1;
  }

  /**
   * How memory moved once the table was full (from the first sample a whole pass after the start to
   * the last sample of the loop): resident anonymous memory and the live heap.
   */
  static String memorySummary(Result result, Options options) {
    double fullAfterSeconds =
        options.speed() > 0 ? options.passSeconds() / options.speed() : Double.MAX_VALUE;
    List<Sample> steady =
        result.samples().stream().filter(s -> s.elapsedSeconds() >= fullAfterSeconds).toList();
    if (steady.size() < 2) {
      return "soak: memory: too few samples after the first pass to compare";
    }
    Sample first = steady.getFirst();
    Sample last = steady.getLast();
    long heapLow = steady.stream().mapToLong(Sample::heapUsedBytes).min().orElse(0);
    long heapHigh = steady.stream().mapToLong(Sample::heapUsedBytes).max().orElse(0);
    return String.format(
        Locale.ROOT,
        "soak: memory from %.0f s to %.0f s: anonymous resident %.1f -> %.1f MiB (%+.1f MiB),"
            + " live heap %.1f to %.1f MiB",
        first.elapsedSeconds(),
        last.elapsedSeconds(),
        first.anonymousBytes() / 1048576.0,
        last.anonymousBytes() / 1048576.0,
        (last.anonymousBytes() - first.anonymousBytes()) / 1048576.0,
        heapLow / 1048576.0,
        heapHigh / 1048576.0);
  }

  static Options parse(String[] args) {
    double duration = 1800;
    int passes = 0;
    int flows = 1_000_000;
    double passSeconds = 360;
    double speed = 1;
    int spus = 2;
    int maximum = 1 << 20;
    int timeout = 300;
    double commitEvery = 60;
    double sampleEvery = 60;
    String host = null;
    int port = 0;
    Path directory = Path.of("var", "soak");
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String value = i + 1 < args.length ? args[i + 1] : null;
      if (value == null) {
        throw new Main.UsageException(arg + " needs a value");
      }
      i++;
      switch (arg) {
        case "--seconds" -> duration = decimal(arg, value, 0);
        case "--passes" -> passes = ReplayOptions.intValue(arg, value, 1, 1_000_000);
        case "--flows" -> flows = ReplayOptions.intValue(arg, value, 1, 16_000_000);
        case "--pass-seconds" -> passSeconds = decimal(arg, value, 1);
        case "--speed" -> speed = decimal(arg, value, 0);
        case "--spus" -> spus = ReplayOptions.intValue(arg, value, 1, 64);
        case "--max-sessions" -> maximum = ReplayOptions.intValue(arg, value, 1, 1 << 30);
        case "--timeout" -> timeout = ReplayOptions.intValue(arg, value, 2, 86_400);
        case "--commit-every" -> commitEvery = decimal(arg, value, 0.01);
        case "--sample-every" -> sampleEvery = decimal(arg, value, 0.01);
        case "--dir" -> directory = Path.of(value);
        case "--syslog" -> {
          int colon = value.lastIndexOf(':');
          if (colon <= 0) {
            throw new Main.UsageException("--syslog takes HOST:PORT");
          }
          host = value.substring(0, colon);
          port = ReplayOptions.intValue(arg, value.substring(colon + 1), 1, 65535);
        }
        default -> throw new Main.UsageException("unknown soak option '" + arg + "'");
      }
    }
    if (passes > 0) {
      duration = 0;
    } else if (speed == 0) {
      throw new Main.UsageException("a soak by --seconds needs --speed > 0; else give --passes");
    }
    if (passSeconds * SECOND_NS <= ReplayClock.OUTLIER_BOUND_NS) {
      throw new Main.UsageException(
          "--pass-seconds must exceed "
              + ReplayClock.OUTLIER_BOUND_NS / SECOND_NS
              + ": only a step back longer than that is a rewind, after which the next pass"
              + " runs on from where the last one ended (ADR 0019)");
    }
    if (passSeconds <= timeout + 2) {
      throw new Main.UsageException(
          "--pass-seconds must exceed --timeout + 2: a flow's session must have closed before"
              + " the next pass brings the flow back");
    }
    return new Options(
        duration,
        passes,
        flows,
        passSeconds,
        speed,
        spus,
        maximum,
        timeout,
        commitEvery,
        sampleEvery,
        host,
        port,
        directory);
  }

  private static double decimal(String option, String text, double minimum) {
    try {
      double value = Double.parseDouble(text);
      if (value >= minimum && !Double.isInfinite(value)) {
        return value;
      }
    } catch (NumberFormatException e) {
      // below
    }
    throw new Main.UsageException(option + " must be a number >= " + minimum);
  }

  /** The configuration of commit {@code n}: the same policy, a different address-book entry. */
  static String configuration(Options options, int syslogPort, String syslogHost, int n) {
    return """
        set system host-name soak
        set interfaces ge-0/0/0 unit 0 family inet address 198.51.100.1/24
        set interfaces ge-0/0/1 unit 0 family inet address 192.168.1.1/24
        set routing-options static route 0.0.0.0/0 next-hop 198.51.100.254
        set security zones security-zone trust interfaces ge-0/0/1.0
        set security zones security-zone untrust interfaces ge-0/0/0.0
        set applications application soak-app protocol udp
        set applications application soak-app destination-port 5000
        set applications application soak-app inactivity-timeout %d
        set security address-book global address commit-%d 198.18.%d.%d/32
        set security policies from-zone trust to-zone untrust policy soak match source-address any
        set security policies from-zone trust to-zone untrust policy soak match destination-address any
        set security policies from-zone trust to-zone untrust policy soak match application soak-app
        set security policies from-zone trust to-zone untrust policy soak then permit
        set security policies from-zone trust to-zone untrust policy soak then log session-init
        set security policies from-zone trust to-zone untrust policy soak then log session-close
        set security log mode stream
        set security log stream soak host %s
        set security log stream soak host port %d
        set security log stream soak transport protocol tcp
        """
        .formatted(options.timeoutSeconds(), n, (n >>> 8) & 0xff, n & 0xff, syslogHost, syslogPort);
  }

  private static CompileResult compile(String text) {
    CompileResult compiled = JunosCompiler.load(text, "soak.conf");
    if (!compiled.ok()) {
      throw new IllegalStateException("the soak configuration: " + compiled.diagnostics());
    }
    return compiled;
  }

  /**
   * Flow {@code i}: 192.168.1.(2 + i mod 250) port 1024 + i / 250 to 8.a.b.c port 5000 (not 53: the
   * DNS ALG closes a session at its answer), a request at i * P / F and its answer half a spacing
   * later.
   */
  static void writeCapture(Path file, int flows, double passSeconds) throws IOException {
    long spacingNs = Math.max(2, (long) (passSeconds * SECOND_NS / flows));
    try (PcapWriter writer =
        PcapWriter.open(file, LinkType.ETHERNET, true, ByteOrder.nativeOrder())) {
      for (int i = 0; i < flows; i++) {
        String client = "192.168.1." + (2 + i % 250);
        int port = 1024 + i / 250;
        String server = "8." + ((i >>> 16) & 0xff) + "." + ((i >>> 8) & 0xff) + "." + (i & 0xff);
        long t = T0_NS + i * spacingNs;
        writer.write(t, PacketBuilder.ipv4(client, server).udp(port, 5000).ethernet());
        writer.write(
            t + spacingNs / 2, PacketBuilder.ipv4(server, client).udp(5000, port).ethernet());
      }
    }
  }

  static Result soak(Options options, PrintStream out) throws IOException {
    Path capture = options.directory().resolve("soak.pcap");
    writeCapture(capture, options.flows(), options.passSeconds());
    try (Receiver receiver = options.syslogHost() == null ? Receiver.start() : null) {
      String host = receiver == null ? options.syslogHost() : "127.0.0.1";
      int port = receiver == null ? options.syslogPort() : receiver.port();
      CompileResult first = compile(configuration(options, port, host, 0));
      RuntimeConfig initial = first.config().withMaximumSessions(options.maximumSessions());
      SessionLogging logging =
          SessionLogging.start(
              initial, first.sessionLog(), null, options.directory(), options.spus(), out);
      if (logging == null) {
        throw new IllegalStateException("the soak configuration logs nowhere");
      }
      try (FlowEngine engine = new FlowEngine(initial, options.spus(), logging.listener())) {
        return loop(options, capture, engine, logging, receiver, host, port, out);
      } finally {
        logging.close(out);
      }
    }
  }

  private static Result loop(
      Options options,
      Path capture,
      FlowEngine engine,
      SessionLogging logging,
      Receiver receiver,
      String host,
      int port,
      PrintStream out)
      throws IOException {
    long startNs = System.nanoTime();
    AtomicLong commits = new AtomicLong();
    int passes =
        options.passes() > 0
            ? options.passes()
            : (int) Math.ceil(options.durationSeconds() * options.speed() / options.passSeconds())
                + 1;
    List<Sample> samples = new CopyOnWriteArrayList<>();
    AtomicReference<ReplayReport> report = new AtomicReference<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread replay =
        Thread.ofPlatform()
            .name("soak-replay")
            .start(
                () -> {
                  try {
                    report.set(
                        engine.replay(
                            Collections.nCopies(passes, capture), -1, List.of(), options.speed()));
                  } catch (Throwable t) {
                    failure.set(t);
                  }
                });
    ScheduledExecutorService timers =
        Executors.newScheduledThreadPool(
            2, r -> Thread.ofPlatform().name("soak-timer").daemon().unstarted(r));
    long commitEveryMs = Math.round(options.commitEverySeconds() * 1000);
    long sampleEveryMs = Math.round(options.sampleEverySeconds() * 1000);
    out.printf(
        Locale.ROOT,
        "soak: %d flows a pass over %.0f s of capture time, %d passes at speed %s, %d SPUs,"
            + " table of %d sessions, UDP timeout %d s, a commit every %s s, logs over TCP to"
            + " %s:%d%n",
        options.flows(),
        options.passSeconds(),
        passes,
        options.speed(),
        options.spus(),
        options.maximumSessions(),
        options.timeoutSeconds(),
        options.commitEverySeconds(),
        host,
        port);
    out.println(Sample.HEADER);
    try {
      timers.scheduleAtFixedRate(
          () -> {
            int n = (int) commits.incrementAndGet();
            RuntimeConfig next =
                compile(configuration(options, port, host, n))
                    .config()
                    .withMaximumSessions(options.maximumSessions());
            engine.commit(next);
          },
          commitEveryMs,
          commitEveryMs,
          TimeUnit.MILLISECONDS);
      timers.scheduleAtFixedRate(
          () -> {
            Sample s = sample(startNs, engine, logging, receiver, commits.get());
            samples.add(s);
            out.println(s.row());
          },
          0,
          sampleEveryMs,
          TimeUnit.MILLISECONDS);
      if (options.durationSeconds() > 0) {
        replay.join(Math.round(options.durationSeconds() * 1000));
        replay.interrupt();
      }
      replay.join();
    } catch (InterruptedException e) {
      replay.interrupt();
      Thread.currentThread().interrupt();
    } finally {
      timers.shutdown();
      try {
        timers.awaitTermination(1, TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (failure.get() != null) {
      throw new IllegalStateException("the replay failed", failure.get());
    }
    ReplayReport done = report.get();
    logging.logger().awaitIdle(60_000);
    awaitReceived(receiver, logging);
    Sample afterLoop = sample(startNs, engine, logging, receiver, commits.get());
    out.println(afterLoop.row() + "   (the loop ended)");
    // Every clock past the last timeout, one second at a time and at the soak's pace, so that the
    // sessions close as they would have (a jump of the clock would close them all at once, faster
    // than any logger formats): one packet a second that no policy permits.
    Path drain = options.directory().resolve("drain.pcap");
    try (PcapWriter writer =
        PcapWriter.open(drain, LinkType.ETHERNET, true, ByteOrder.nativeOrder())) {
      for (long second = 1; second <= options.timeoutSeconds() + 10L; second++) {
        writer.write(
            done.endTimestampNs() + second * SECOND_NS,
            PacketBuilder.ipv4("8.8.8.8", "192.168.1.9").udp(53, 53).ethernet());
      }
    }
    engine.replay(List.of(drain), -1, List.of(), options.speed());
    logging.logger().awaitIdle(60_000);
    awaitReceived(receiver, logging);
    Sample drained = sample(startNs, engine, logging, receiver, commits.get());
    out.println(drained.row() + "   (every timeout passed)");
    long passesStarted = done.captures().stream().filter(c -> c.records() > 0).count();
    return new Result(
        List.copyOf(samples),
        afterLoop,
        drained,
        receiver == null ? -1 : receiver.creates.get(),
        receiver == null ? -1 : receiver.closes.get(),
        receiver == null ? -1 : receiver.others.get(),
        passesStarted,
        done);
  }

  /** Waits (a minute at most) until the receiver has had every line the sink sent. */
  private static void awaitReceived(Receiver receiver, SessionLogging logging) {
    if (receiver == null) {
      return;
    }
    long deadline = System.nanoTime() + 60 * SECOND_NS;
    while (receiver.total() < logging.logger().linesSent() && System.nanoTime() < deadline) {
      java.util.concurrent.locks.LockSupport.parkNanos(10_000_000);
    }
  }

  private static Sample sample(
      long startNs, FlowEngine engine, SessionLogging logging, Receiver receiver, long commits) {
    System.gc(); // the live heap, not what the last collection left behind
    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    long packets = 0;
    long created = 0;
    long closed = 0;
    long failed = 0;
    for (FlowStatistics statistics : engine.statistics()) {
      packets += statistics.packetsReceived();
      created += statistics.sessionsCreated();
      closed += statistics.sessionsClosed();
      failed += statistics.failedSessions();
    }
    long inUse = 0;
    long invalidated = 0;
    for (FlowSummary summary : engine.summaries()) {
      inUse += summary.sessionsInUse();
      invalidated += summary.invalidatedSessions();
    }
    var logger = logging.logger();
    return new Sample(
        (System.nanoTime() - startNs) / 1e9,
        resident("RssAnon:"),
        resident("RssFile:"),
        heap,
        packets,
        created,
        closed,
        inUse,
        invalidated,
        failed,
        commits,
        logger.formatted(),
        logger.linesSent(),
        receiver == null ? -1 : receiver.total(),
        logger.linesDropped(),
        logger.eventsDropped());
  }

  /**
   * One part of the process's resident set from Linux's {@code /proc/self/status}: {@code RssAnon:}
   * (heap, the session table, every other allocation) or {@code RssFile:} (mapped files: the
   * captures being replayed); -1 elsewhere.
   */
  static long resident(String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith(field)) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux
    }
    return -1;
  }

  /**
   * A syslog receiver over TCP with octet-counted framing (RFC 6587 §3.4.1), independent of the
   * product's sink: it counts the RT_FLOW messages it receives by type.
   *
   * <p>Thread: an acceptor thread and one thread per connection; the counters are atomic.
   */
  static final class Receiver implements AutoCloseable {
    private final ServerSocket server;
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    final AtomicLong creates = new AtomicLong();
    final AtomicLong closes = new AtomicLong();
    final AtomicLong others = new AtomicLong();
    final AtomicLong framingErrors = new AtomicLong();

    private Receiver(ServerSocket server) {
      this.server = server;
    }

    static Receiver start() throws IOException {
      ServerSocket socket = new ServerSocket();
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      Receiver receiver = new Receiver(socket);
      Thread.ofPlatform().name("soak-syslog-accept").daemon().start(receiver::accept);
      return receiver;
    }

    int port() {
      return server.getLocalPort();
    }

    long total() {
      return creates.get() + closes.get() + others.get();
    }

    private void accept() {
      while (!server.isClosed()) {
        try {
          Socket socket = server.accept();
          connections.add(socket);
          Thread.ofPlatform().name("soak-syslog").daemon().start(() -> read(socket));
        } catch (IOException e) {
          return; // closed
        }
      }
    }

    private void read(Socket socket) {
      try (InputStream in = new BufferedInputStream(socket.getInputStream(), 1 << 16)) {
        byte[] message = new byte[8192];
        while (true) {
          int length = 0;
          int c;
          while ((c = in.read()) >= '0' && c <= '9') {
            length = length * 10 + (c - '0');
          }
          if (c < 0) {
            return;
          }
          if (c != ' ' || length <= 0) {
            framingErrors.incrementAndGet();
            return;
          }
          if (length > message.length) {
            message = new byte[length];
          }
          if (in.readNBytes(message, 0, length) != length) {
            framingErrors.incrementAndGet();
            return;
          }
          String text = new String(message, 0, length, StandardCharsets.UTF_8);
          if (text.contains("RT_FLOW_SESSION_CREATE")) {
            creates.incrementAndGet();
          } else if (text.contains("RT_FLOW_SESSION_CLOSE")) {
            closes.incrementAndGet();
          } else {
            others.incrementAndGet();
          }
        }
      } catch (IOException e) {
        // the sink closed the connection
      }
    }

    @Override
    public void close() throws IOException {
      server.close();
      for (Socket socket : connections) {
        socket.close();
      }
    }
  }
}
