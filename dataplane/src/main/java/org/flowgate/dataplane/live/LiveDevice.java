package org.flowgate.dataplane.live;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.flowgate.dataplane.flow.PacketSink;
import org.flowgate.dataplane.runtime.RuntimeConfig;
import org.flowgate.dataplane.spu.Ingress;

/**
 * Firewall interfaces attached to Linux network devices (docs/adr/0026-live-forwarding.md): for
 * each port a receive ring, a transmit ring per SPU and one for the host; the live source thread
 * that feeds the SPUs; the host thread; and each SPU's {@link PacketSink}. The engine installs the
 * sinks on its SPUs, then {@link #start}s the threads; {@link #close} stops them in the reverse
 * order and unmaps the rings only when no SPU can read them any more.
 *
 * <pre>
 *  device ─► RxRing ─► LiveSource ─► Ingress ─► SPU k ─► LiveSink k ─► TxRing[k][port] ─► device
 *                 └─ ARP, ND ─► HostPlane ◄─ LOCAL, RESOLVE ─┘   HostPlane ─► TxRing[host][port]
 *                               └─ echo replies ─► LiveSource (through the flow)
 * </pre>
 *
 * <p>Thread: opened, started and closed by the engine's owner; {@link #install}, {@link
 * #neighbours} and {@link #statistics} from any thread.
 */
public final class LiveDevice implements AutoCloseable {
  /** {@code --attach ge-0/0/0=veth0}: a firewall interface and the Linux device it is. */
  public record Attachment(String interfaceName, String deviceName) {
    /** Parses {@code IF=DEV}; IllegalArgumentException names what is wrong. */
    public static Attachment parse(String text) {
      int equals = text.indexOf('=');
      if (equals <= 0 || equals == text.length() - 1) {
        throw new IllegalArgumentException(
            "--attach takes INTERFACE=DEVICE (ge-0/0/0=veth0), not '" + text + "'");
      }
      return new Attachment(text.substring(0, equals), text.substring(equals + 1));
    }
  }

  /** One port's counters. */
  public record PortStatistics(
      String interfaceName,
      String deviceName,
      long mac,
      int mtuBytes,
      long framesReceived,
      long bytesReceived,
      long framesSent,
      long bytesSent,
      long kernelDrops,
      long notForUs) {}

  /**
   * Receive ring: 1,024 blocks of 64 KiB (64 MiB per device). A block is retired to us after 1 ms
   * even when nearly empty, so at a light load the ring holds about a second of traffic while the
   * threads are not scheduled; 64 blocks (64 ms) lost half of a UDP run on a busy 2-core host.
   */
  static final int RX_BLOCK_BYTES = 1 << 16;

  static final int RX_BLOCKS = 1024;
  static final int RX_RETIRE_MS = 1;

  /**
   * Receive ring of slots (TPACKET_V2): 32,768 slots of 2 KiB at an MTU of 1,500 (64 MiB per
   * device, as the blocks), about a third of a second of 64-byte frames at 100,000 a second.
   */
  static final int RX_SLOTS = 32_768;

  /** The receive ring when none is asked for: slots, for the latency (docs/adr/0043). */
  public static final RxRing.Layout DEFAULT_LAYOUT = RxRing.Layout.FRAMES;

  static final int TX_FRAMES = 1024;
  static final int HOST_TX_FRAMES = 128;
  static final int HOST_QUEUE_FRAMES = 1024;

  private final List<Attachment> attachments;
  private final List<NetDevice> devices;
  private final LiveState state;
  private final RxRing[] rx;
  private final TxRing[][] tx;
  private final TxRing[] hostTx;
  private final LiveSink[] sinks;
  private final FrameQueue fromSource;
  private final FrameQueue[] fromSpus;
  private final FrameQueue toFlow;
  private final LiveCapture capture;
  private final LiveClock clock = new LiveClock();
  private final SourceCounters sourceCounters;
  private final HostPlane host;
  private final long[] kernelDrops;
  private final int eventFd;
  private LiveSource source;
  private Thread sourceThread;
  private Thread hostThread;
  private Ingress ingress;
  private boolean closed;

  private LiveDevice(
      List<Attachment> attachments,
      List<NetDevice> devices,
      LiveState state,
      RxRing[] rx,
      TxRing[][] tx,
      TxRing[] hostTx,
      LiveCapture capture,
      int eventFd) {
    this.attachments = attachments;
    this.devices = devices;
    this.state = state;
    this.rx = rx;
    this.tx = tx;
    this.hostTx = hostTx;
    this.capture = capture;
    this.eventFd = eventFd;
    int largest = 0;
    for (NetDevice device : devices) {
      largest = Math.max(largest, device.mtuBytes() + 18);
    }
    this.fromSource = new FrameQueue(HOST_QUEUE_FRAMES, largest);
    this.toFlow = new FrameQueue(HOST_QUEUE_FRAMES, largest);
    this.fromSpus = new FrameQueue[tx.length];
    this.sinks = new LiveSink[tx.length];
    for (int spu = 0; spu < tx.length; spu++) {
      fromSpus[spu] = new FrameQueue(HOST_QUEUE_FRAMES, largest);
      sinks[spu] = new LiveSink(state, tx[spu], fromSpus[spu], capture);
    }
    this.sourceCounters = new SourceCounters(devices.size());
    this.kernelDrops = new long[devices.size()];
    this.host = new HostPlane(state, fromSource, fromSpus, toFlow, hostTx, capture, clock);
    state.sourceWakeFd = eventFd;
  }

  /**
   * Opens every port's rings for an engine of {@code spus} SPUs running {@code config}, and the
   * capture when {@code captureFile} is not null. Nothing runs yet. An IOException names the device
   * and the call that failed; everything opened so far is closed again.
   */
  public static LiveDevice open(
      List<Attachment> attachments, Path captureFile, RuntimeConfig config, int spus)
      throws IOException {
    return open(attachments, captureFile, config, spus, DEFAULT_LAYOUT);
  }

  /** As {@link #open(List, Path, RuntimeConfig, int)}, with receive rings of {@code layout}. */
  public static LiveDevice open(
      List<Attachment> attachments,
      Path captureFile,
      RuntimeConfig config,
      int spus,
      RxRing.Layout layout)
      throws IOException {
    if (attachments.isEmpty()) {
      throw new IllegalArgumentException("nothing to attach");
    }
    List<NetDevice> devices = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (Attachment attachment : attachments) {
      NetDevice device = NetDevice.of(attachment.deviceName());
      if (devices.stream().anyMatch(d -> d.index() == device.index())) {
        throw new IOException(attachment.deviceName() + " is attached twice");
      }
      devices.add(device);
      names.add(attachment.interfaceName());
    }
    List<AutoCloseable> opened = new ArrayList<>();
    try {
      RxRing[] rx = new RxRing[devices.size()];
      TxRing[][] tx = new TxRing[spus][devices.size()];
      TxRing[] hostTx = new TxRing[devices.size()];
      for (int port = 0; port < devices.size(); port++) {
        rx[port] =
            layout == RxRing.Layout.FRAMES
                ? RxRing.openFrames(devices.get(port), RX_SLOTS)
                : RxRing.open(devices.get(port), RX_BLOCK_BYTES, RX_BLOCKS, RX_RETIRE_MS);
        opened.add(rx[port]);
        hostTx[port] = TxRing.open(devices.get(port), HOST_TX_FRAMES);
        opened.add(hostTx[port]);
        for (int spu = 0; spu < spus; spu++) {
          tx[spu][port] = TxRing.open(devices.get(port), TX_FRAMES);
          opened.add(tx[spu][port]);
        }
      }
      LiveCapture capture = null;
      if (captureFile != null) {
        List<String> deviceNames = new ArrayList<>();
        List<String> units = new ArrayList<>();
        for (Attachment attachment : attachments) {
          deviceNames.add(attachment.deviceName());
          units.add(unitName(attachment.interfaceName()));
        }
        capture = LiveCapture.open(captureFile, deviceNames, units);
        opened.add(capture);
      }
      java.lang.foreign.MemorySegment errno = Linux.errnoSegment();
      int eventFd = Linux.eventfd(errno, 0, Linux.EFD_NONBLOCK | Linux.EFD_CLOEXEC);
      if (eventFd < 0) {
        throw Linux.failure("eventfd", "for the live source", errno);
      }
      LiveState state = new LiveState(Forwarding.of(config, names, devices));
      return new LiveDevice(
          List.copyOf(attachments), List.copyOf(devices), state, rx, tx, hostTx, capture, eventFd);
    } catch (IOException | RuntimeException e) {
      for (AutoCloseable resource : opened.reversed()) {
        try {
          resource.close();
        } catch (Exception suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e;
    }
  }

  /** {@code ge-0/0/0} names unit 0, {@code ge-0/0/0.0}; a unit stays as it is. */
  static String unitName(String name) {
    return name.contains(".") ? name : name + ".0";
  }

  /** SPU {@code spu}'s sink: install it on that SPU before {@link #start}. */
  public PacketSink sink(int spu) {
    return sinks[spu];
  }

  /** How the receive rings hand frames over. */
  public RxRing.Layout layout() {
    return rx[0].layout();
  }

  /** The attachments, by port number (the capture interface id their frames carry). */
  public List<Attachment> attachments() {
    return attachments;
  }

  /** Starts the host thread and the live source, which feeds {@code ingress} from now on. */
  public synchronized void start(Ingress ingress) {
    this.ingress = ingress;
    hostThread = Thread.ofPlatform().name("live-host").daemon(true).start(host);
    source =
        new LiveSource(
            ingress,
            rx,
            fromSource,
            toFlow,
            HOST_QUEUE_FRAMES,
            state,
            capture,
            clock,
            eventFd,
            sourceCounters);
    sourceThread = Thread.ofPlatform().name("live-source").daemon(true).start(source);
  }

  /** A new configuration generation: addresses, routes and interfaces as it says. */
  public void install(RuntimeConfig config) {
    List<String> names = new ArrayList<>();
    for (Attachment attachment : attachments) {
      names.add(attachment.interfaceName());
    }
    state.forwarding = Forwarding.of(config, names, devices);
  }

  /** The neighbour tables, from the host thread; empty when it does not answer in 5 seconds. */
  public List<NeighbourEntry> neighbours() {
    try {
      return host.ask(HostPlane::list).get(5, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      return List.of();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of();
    }
  }

  /** Each port's counters. */
  public synchronized List<PortStatistics> ports() {
    List<PortStatistics> out = new ArrayList<>();
    for (int port = 0; port < devices.size(); port++) {
      kernelDrops[port] += rx[port].statistics().drops();
      long framesSent = 0;
      long bytesSent = 0;
      for (LiveSink sink : sinks) {
        framesSent += sink.counters().framesSent[port];
        bytesSent += sink.counters().bytesSent[port];
      }
      NetDevice device = devices.get(port);
      out.add(
          new PortStatistics(
              unitName(attachments.get(port).interfaceName()),
              device.name(),
              device.mac(),
              device.mtuBytes(),
              sourceCounters.framesReceived[port],
              sourceCounters.bytesReceived[port],
              framesSent,
              bytesSent,
              kernelDrops[port],
              sourceCounters.notForUs[port]));
    }
    return out;
  }

  /** Every other counter of the live path, by name, summed over the SPUs. */
  public Map<String, Long> counters() {
    Map<String, Long> totals = new LinkedHashMap<>();
    for (LiveSink sink : sinks) {
      sink.counters().into(totals);
    }
    host.counters().into(totals);
    SinkCounters.add(totals, "host queue full (ARP, ND)", sourceCounters.hostQueueFull);
    long tagged = 0;
    for (long count : sourceCounters.tagged) {
      tagged += count;
    }
    SinkCounters.add(totals, "VLAN-tagged frames left out", tagged);
    long expired = 0;
    for (long count : sourceCounters.ttlExpired) {
      expired += count;
    }
    SinkCounters.add(totals, "TTL or hop limit expired in transit", expired);
    long kicks = 0;
    for (TxRing[] rings : tx) {
      for (TxRing ring : rings) {
        kicks += ring.kicks();
      }
    }
    SinkCounters.add(totals, "transmit kicks by the SPUs (sendto)", kicks);
    long truncated = 0;
    for (long count : sourceCounters.truncated) {
      truncated += count;
    }
    SinkCounters.add(totals, "frames larger than a receive slot left out", truncated);
    if (capture != null) {
      SinkCounters.add(totals, "capture: frames left out", capture.framesLeftOut());
    }
    return totals;
  }

  /**
   * Stops the source (the SPUs get no more frames), waits until every SPU has processed what it was
   * given, then stops the host and closes rings and capture. The engine puts other sinks on its
   * SPUs before calling {@link #closeRings()}.
   */
  public synchronized void stopSource() {
    if (source != null) {
      source.stop();
      join(sourceThread);
      source = null;
      ingress.awaitIdle();
    }
  }

  /**
   * Stops the host thread and closes every ring and the capture; call after {@link #stopSource}.
   */
  public synchronized void closeRings() {
    if (closed) {
      return;
    }
    closed = true;
    if (hostThread != null) {
      host.stop();
      join(hostThread);
    }
    for (RxRing ring : rx) {
      ring.close();
    }
    for (TxRing[] rings : tx) {
      for (TxRing ring : rings) {
        ring.close();
      }
    }
    for (TxRing ring : hostTx) {
      ring.close();
    }
    Linux.close(Linux.errnoSegment(), eventFd);
    if (capture != null) {
      try {
        capture.close();
      } catch (IOException e) {
        // counted as frames left out; the file holds what was written
      }
    }
  }

  /** The capture's first write failure, or null. */
  public IOException captureFailure() {
    return capture == null ? null : capture.failure();
  }

  @Override
  public void close() {
    stopSource();
    closeRings();
  }

  private static void join(Thread thread) {
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
