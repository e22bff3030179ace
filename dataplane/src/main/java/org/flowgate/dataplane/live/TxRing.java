package org.flowgate.dataplane.live;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;

/**
 * A transmit ring on one device: an {@code AF_PACKET} socket bound to it with protocol 0 (it
 * receives nothing) and a {@code TPACKET_V3} {@code PACKET_TX_RING} of fixed-size frames (TX on V3
 * takes fixed frames only, {@code tp_next_offset} 0, since Linux 4.11). The writer fills frames in
 * ring order and marks each for sending; one {@code sendto} without data then sends every marked
 * frame ({@link #kick}), so a batch of packets costs one system call. The kernel hands a frame back
 * once the device took it.
 *
 * <pre>
 *  frame i at i × frameBytes:   0 tpacket3_hdr (48 bytes: 12 tp_snaplen, 16 tp_len, 20 tp_status)
 *                              48 the Ethernet frame, tp_len bytes
 *  tp_status: AVAILABLE (0) ─► user writes, SEND_REQUEST (1) ─► kernel SENDING (2) ─► AVAILABLE
 *             WRONG_FORMAT (4): the kernel refused the frame (PACKET_LOSS on: it went on)
 * </pre>
 *
 * <p>Thread: owned by one writer thread (an SPU's sink, or the host thread).
 */
public final class TxRing implements AutoCloseable {
  static final int TP_STATUS_AVAILABLE = 0;
  static final int TP_STATUS_SEND_REQUEST = 1;
  static final int TP_STATUS_SENDING = 2;
  static final int TP_STATUS_WRONG_FORMAT = 4;

  /** Where the frame starts in a slot: TPACKET3_HDRLEN less the sockaddr_ll. */
  static final int DATA_OFFSET = 48;

  private static final long SNAP_LENGTH = 12;
  private static final long LENGTH = 16;
  private static final long STATUS = 20;
  private static final int BLOCK_BYTES = 1 << 16;
  private static final VarHandle STATUS_WORD = ValueLayout.JAVA_INT.varHandle();

  private final NetDevice device;
  private final int fd;
  private final MemorySegment ring;
  private final int frameBytes;
  private final int frames;
  private final MemorySegment state = Linux.errnoSegment();
  private int head;
  private int unsent;
  private long refused;
  private long kickFailures;
  private volatile long kicks;
  private boolean closed;

  private TxRing(NetDevice device, int fd, MemorySegment ring, int frameBytes, int frames) {
    this.device = device;
    this.fd = fd;
    this.ring = ring;
    this.frameBytes = frameBytes;
    this.frames = frames;
  }

  /** The frame size that holds a frame of the device's MTU (plus a VLAN tag) and its header. */
  static int frameBytesFor(NetDevice device) {
    int needed = DATA_OFFSET + device.mtuBytes() + 14 + 4;
    return Math.max(2048, Integer.highestOneBit(needed - 1) << 1);
  }

  /** Opens a ring of at least {@code frames} frames on {@code device}. */
  public static TxRing open(NetDevice device, int frames) throws IOException {
    int frameBytes = frameBytesFor(device);
    int blockBytes = Math.max(BLOCK_BYTES, frameBytes);
    int perBlock = blockBytes / frameBytes;
    int blocks = Math.max(1, (frames + perBlock - 1) / perBlock);
    int total = blocks * perBlock;
    long length = (long) blocks * blockBytes;
    MemorySegment state = Linux.errnoSegment();
    int fd = Linux.socket(state, Linux.AF_PACKET, Linux.SOCK_RAW | Linux.SOCK_CLOEXEC, 0);
    if (fd < 0) {
      throw Linux.failure("socket(AF_PACKET)", "for " + device.name(), state);
    }
    MemorySegment mapped = MemorySegment.NULL;
    try (Arena arena = Arena.ofConfined()) {
      PacketSockets.intOption(state, fd, Linux.PACKET_VERSION, Linux.TPACKET_V3, device);
      PacketSockets.intOption(state, fd, Linux.PACKET_LOSS, 1, device);
      // straight to the driver: a firewall's own queueing is its rings, not the host's qdisc
      PacketSockets.tryIntOption(state, fd, Linux.PACKET_QDISC_BYPASS, 1);
      MemorySegment request = arena.allocate(28);
      request.set(ValueLayout.JAVA_INT, 0, blockBytes);
      request.set(ValueLayout.JAVA_INT, 4, blocks);
      request.set(ValueLayout.JAVA_INT, 8, frameBytes);
      request.set(ValueLayout.JAVA_INT, 12, total);
      if (Linux.setsockopt(state, fd, Linux.SOL_PACKET, Linux.PACKET_TX_RING, request, 28) < 0) {
        throw Linux.failure("setsockopt(PACKET_TX_RING)", "on " + device.name(), state);
      }
      mapped =
          Linux.mmap(
              state,
              length,
              Linux.PROT_READ | Linux.PROT_WRITE,
              Linux.MAP_SHARED | Linux.MAP_POPULATE,
              fd,
              0);
      if (mapped.address() == -1L) {
        mapped = MemorySegment.NULL;
        throw Linux.failure("mmap", "of the transmit ring of " + device.name(), state);
      }
      PacketSockets.bind(state, fd, device, 0);
      return new TxRing(device, fd, mapped.reinterpret(length), frameBytes, total);
    } catch (IOException | RuntimeException e) {
      if (mapped.address() != 0) {
        Linux.munmap(state, mapped, length);
      }
      Linux.close(state, fd);
      throw e;
    }
  }

  public NetDevice device() {
    return device;
  }

  /** The ring's memory: {@link #claim} returns offsets into it. */
  public MemorySegment memory() {
    return ring;
  }

  /** The largest frame a slot takes. */
  public int maximumFrameBytes() {
    return frameBytes - DATA_OFFSET;
  }

  /**
   * The offset in {@link #memory()} where the next frame is to be written, or -1 when the ring is
   * full (every frame still waiting for the device). Write the frame, then {@link #commit} it.
   */
  public long claim() {
    long slot = (long) head * frameBytes;
    int status = (int) STATUS_WORD.getAcquire(ring, slot + STATUS);
    if ((status & (TP_STATUS_SEND_REQUEST | TP_STATUS_SENDING)) != 0) {
      return -1;
    }
    if ((status & TP_STATUS_WRONG_FORMAT) != 0) {
      refused++;
    }
    return slot + DATA_OFFSET;
  }

  /** Marks the claimed frame, {@code lengthBytes} long, for sending at the next {@link #kick}. */
  public void commit(int lengthBytes) {
    long slot = (long) head * frameBytes;
    ring.set(ValueLayout.JAVA_INT, slot, 0); // tp_next_offset: fixed frames
    ring.set(ValueLayout.JAVA_INT, slot + SNAP_LENGTH, lengthBytes);
    ring.set(ValueLayout.JAVA_INT, slot + LENGTH, lengthBytes);
    STATUS_WORD.setRelease(ring, slot + STATUS, TP_STATUS_SEND_REQUEST);
    head = head + 1 == frames ? 0 : head + 1;
    if (++unsent >= KICK_FRAMES) {
      kick();
    }
  }

  /**
   * Frames committed before a kick is made anyway: a virtual device takes a whole burst into its
   * peer's backlog at once (netdev_max_backlog, 1,000 by default) and drops what does not fit, so a
   * batch of 1,024 frames lost a third of a UDP run; 64 costs one system call per 64 frames.
   */
  static final int KICK_FRAMES = 64;

  /** Frames committed since the last kick. */
  public int unsent() {
    return unsent;
  }

  /** Asks the kernel to send every committed frame; does not wait for the device. */
  public void kick() {
    if (unsent == 0) {
      return;
    }
    unsent = 0;
    kicks = kicks + 1; // its one writer; read by others
    long sent =
        Linux.sendto(state, fd, MemorySegment.NULL, 0, Linux.MSG_DONTWAIT, MemorySegment.NULL, 0);
    if (sent < 0) {
      int errno = Linux.errno(state);
      if (errno != Linux.EAGAIN && errno != Linux.ENOBUFS && errno != Linux.EINTR) {
        kickFailures++;
      }
    }
  }

  /** Frames the kernel refused as malformed, seen as their slots came round again. */
  public long refused() {
    return refused;
  }

  /** The {@code sendto} calls made so far (kicks with frames to send). */
  public long kicks() {
    return kicks;
  }

  /** Kicks that failed for a reason other than a busy device. */
  public long kickFailures() {
    return kickFailures;
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      Linux.munmap(state, ring, ring.byteSize());
      Linux.close(state, fd);
    }
  }
}
