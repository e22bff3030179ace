package org.flowgate.dataplane.live;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;

/**
 * The receive ring of one attached device: an {@code AF_PACKET} socket with a {@code TPACKET_V3}
 * ring mapped into our memory (packet(7), Documentation/networking/packet_mmap.rst). The kernel
 * fills blocks in ring order and hands each over whole, when it is full or when its retire timer
 * expires; the reader takes the frames where they lie and hands the block back by writing its
 * status. Nothing is copied on the way in.
 *
 * <pre>
 *  ring = blocks × blockBytes, mapped once                  block status: TP_STATUS_KERNEL (0)
 *  ┌──────────┬──────────┬──────────┬─────┐                               └► TP_STATUS_USER (1)
 *  │ block 0  │ block 1  │ block 2  │ ... │   kernel fills 0, 1, 2 ... and wraps; a block still
 *  └──────────┴──────────┴──────────┴─────┘   the user's stops it (the queue freezes, drops count)
 *
 *  block (struct tpacket_block_desc + tpacket_hdr_v1)
 *   0 version u32 | 4 offset_to_priv u32 | 8 block_status u32 | 12 num_pkts u32
 *  16 offset_to_first_pkt u32 | 20 blk_len u32 | 24 seq_num u64 | 32 ts_first | 40 ts_last
 *
 *  frame (struct tpacket3_hdr, 48 bytes, then struct sockaddr_ll)
 *   0 tp_next_offset u32 | 4 tp_sec u32 | 8 tp_nsec u32 | 12 tp_snaplen u32 | 16 tp_len u32
 *  20 tp_status u32 | 24 tp_mac u16 | 26 tp_net u16 | 28 rxhash u32 | 32 vlan_tci u32
 *  36 vlan_tpid u16 | 38 padding | 48 sockaddr_ll: 48 family u16 | 50 protocol be16
 *  52 ifindex i32 | 56 hatype u16 | 58 pkttype u8 | 59 halen u8 | 60 addr[8]
 *  tp_mac: the Ethernet header, from the frame's start; tp_snaplen bytes of tp_len were kept
 * </pre>
 *
 * <p>Thread: the reader methods belong to the one thread that reads the ring (the live source);
 * {@link #statistics} to any.
 */
public final class RxRing implements AutoCloseable {
  static final int TP_STATUS_KERNEL = 0;
  static final int TP_STATUS_USER = 1;
  static final int TP_STATUS_LOSING = 4;
  static final int TP_STATUS_VLAN_VALID = 0x10;

  /** sockaddr_ll's packet types. */
  static final int PACKET_HOST = 0;

  static final int PACKET_BROADCAST = 1;
  static final int PACKET_MULTICAST = 2;
  static final int PACKET_OTHERHOST = 3;
  static final int PACKET_OUTGOING = 4;

  private static final long BLOCK_STATUS = 8;
  private static final long BLOCK_PACKETS = 12;
  private static final long BLOCK_FIRST = 16;
  private static final long FRAME_NEXT = 0;
  private static final long FRAME_SECONDS = 4;
  private static final long FRAME_NANOSECONDS = 8;
  private static final long FRAME_SNAP_LENGTH = 12;
  private static final long FRAME_LENGTH = 16;
  private static final long FRAME_STATUS = 20;
  private static final long FRAME_MAC = 24;
  private static final long FRAME_PACKET_TYPE = 58;
  private static final VarHandle STATUS = ValueLayout.JAVA_INT.varHandle();

  private final NetDevice device;
  private final int fd;
  private final MemorySegment ring;
  private final int blockBytes;
  private final int blocks;
  private final MemorySegment state = Linux.errnoSegment();
  private boolean closed;

  private RxRing(NetDevice device, int fd, MemorySegment ring, int blockBytes, int blocks) {
    this.device = device;
    this.fd = fd;
    this.ring = ring;
    this.blockBytes = blockBytes;
    this.blocks = blocks;
  }

  /**
   * Opens a packet socket on {@code device} with a ring of {@code blocks} blocks of {@code
   * blockBytes} (a multiple of the page size), retired after {@code retireMs} milliseconds when not
   * full; it receives every frame the device receives, for this host or not, but none it sends.
   */
  public static RxRing open(NetDevice device, int blockBytes, int blocks, int retireMs)
      throws IOException {
    MemorySegment state = Linux.errnoSegment();
    int fd = Linux.socket(state, Linux.AF_PACKET, Linux.SOCK_RAW | Linux.SOCK_CLOEXEC, 0);
    if (fd < 0) {
      throw Linux.failure("socket(AF_PACKET)", "for " + device.name(), state);
    }
    MemorySegment mapped = MemorySegment.NULL;
    long length = (long) blockBytes * blocks;
    try (Arena arena = Arena.ofConfined()) {
      PacketSockets.intOption(state, fd, Linux.PACKET_VERSION, Linux.TPACKET_V3, device);
      // 4.20 and later: frames this host sends are not received (the packet type says so too)
      PacketSockets.tryIntOption(state, fd, Linux.PACKET_IGNORE_OUTGOING, 1);
      MemorySegment request = arena.allocate(28);
      request.set(ValueLayout.JAVA_INT, 0, blockBytes);
      request.set(ValueLayout.JAVA_INT, 4, blocks);
      request.set(ValueLayout.JAVA_INT, 8, PacketSockets.RX_FRAME_BYTES);
      request.set(ValueLayout.JAVA_INT, 12, blockBytes / PacketSockets.RX_FRAME_BYTES * blocks);
      request.set(ValueLayout.JAVA_INT, 16, retireMs);
      request.set(ValueLayout.JAVA_INT, 20, 0); // tp_sizeof_priv
      request.set(ValueLayout.JAVA_INT, 24, 0); // tp_feature_req_word
      if (Linux.setsockopt(state, fd, Linux.SOL_PACKET, Linux.PACKET_RX_RING, request, 28) < 0) {
        throw Linux.failure("setsockopt(PACKET_RX_RING)", "on " + device.name(), state);
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
        throw Linux.failure("mmap", "of the receive ring of " + device.name(), state);
      }
      PacketSockets.bind(state, fd, device, Linux.ETH_P_ALL);
      PacketSockets.allMulticast(state, fd, device);
      return new RxRing(device, fd, mapped.reinterpret(length), blockBytes, blocks);
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

  /** The socket, for {@code poll}. */
  int fd() {
    return fd;
  }

  /** The whole mapped ring: frames are offsets into it. */
  public MemorySegment memory() {
    return ring;
  }

  public int blocks() {
    return blocks;
  }

  /** True when the kernel has handed block {@code block} over. */
  public boolean ready(int block) {
    return ((int) STATUS.getAcquire(ring, blockOffset(block) + BLOCK_STATUS) & TP_STATUS_USER) != 0;
  }

  /** Hands the block back to the kernel; none of its frames may be read afterwards. */
  public void release(int block) {
    STATUS.setRelease(ring, blockOffset(block) + BLOCK_STATUS, TP_STATUS_KERNEL);
  }

  public int packets(int block) {
    return ring.get(ValueLayout.JAVA_INT, blockOffset(block) + BLOCK_PACKETS);
  }

  /** The offset in {@link #memory()} of the block's first frame header. */
  public long firstFrame(int block) {
    return blockOffset(block)
        + (ring.get(ValueLayout.JAVA_INT, blockOffset(block) + BLOCK_FIRST) & 0xffff_ffffL);
  }

  /** The frame header after {@code frame} in its block. */
  public long nextFrame(long frame) {
    return frame + (ring.get(ValueLayout.JAVA_INT, frame + FRAME_NEXT) & 0xffff_ffffL);
  }

  public long timestampNs(long frame) {
    return (ring.get(ValueLayout.JAVA_INT, frame + FRAME_SECONDS) & 0xffff_ffffL) * 1_000_000_000L
        + (ring.get(ValueLayout.JAVA_INT, frame + FRAME_NANOSECONDS) & 0xffff_ffffL);
  }

  /** Where the frame's Ethernet header lies in {@link #memory()}. */
  public long data(long frame) {
    return frame + (ring.get(ValueLayout.JAVA_SHORT, frame + FRAME_MAC) & 0xffff);
  }

  public int capturedBytes(long frame) {
    return ring.get(ValueLayout.JAVA_INT, frame + FRAME_SNAP_LENGTH);
  }

  public int lengthBytes(long frame) {
    return ring.get(ValueLayout.JAVA_INT, frame + FRAME_LENGTH);
  }

  public int status(long frame) {
    return ring.get(ValueLayout.JAVA_INT, frame + FRAME_STATUS);
  }

  /** PACKET_HOST, PACKET_BROADCAST, PACKET_MULTICAST, PACKET_OTHERHOST or PACKET_OUTGOING. */
  public int packetType(long frame) {
    return ring.get(ValueLayout.JAVA_BYTE, frame + FRAME_PACKET_TYPE) & 0xff;
  }

  private long blockOffset(int block) {
    return (long) block * blockBytes;
  }

  /**
   * The kernel's counters since the last call (reading resets them): frames it received for the
   * ring, and frames it dropped because no block was free.
   */
  public Statistics statistics() {
    return PacketSockets.statistics(fd);
  }

  /** Frames the kernel took for the ring, and dropped for want of a free block. */
  public record Statistics(long packets, long drops) {}

  /** Closes the socket and unmaps the ring: nothing may read a frame afterwards. */
  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      Linux.munmap(state, ring, ring.byteSize());
      Linux.close(state, fd);
    }
  }
}
