package org.flowgate.dataplane.live;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;

/**
 * The receive ring of one attached device: an {@code AF_PACKET} socket with a ring mapped into our
 * memory (packet(7), Documentation/networking/packet_mmap.rst), in one of two layouts ({@link
 * Layout}). Nothing is copied on the way in: the reader takes the frames where the kernel wrote
 * them and hands them back by writing a status word.
 *
 * <p>{@link Layout#BLOCKS} ({@code TPACKET_V3}): the kernel packs frames of any size into blocks
 * and hands each block over whole, when it is full or when its retire timer expires (1 ms at the
 * finest), so a lone frame waits for the timer. Reading a block before it is handed over is not
 * safe: af_packet.c's {@code prb_fill_curr_block} counts the frame in {@code num_pkts} when it
 * reserves the room, before the data is copied (outside the queue lock, by as many CPUs as receive
 * at once), and {@code tpacket_rcv} writes the V3 frame's {@code tp_status} before its length,
 * offsets and time, with no barrier between; only the block status is published after every frame
 * in it is complete ({@code blk_fill_in_prog}).
 *
 * <p>{@link Layout#FRAMES} ({@code TPACKET_V2}): fixed slots, one frame each, each with its own
 * status, which {@code tpacket_rcv} sets to {@code TP_STATUS_USER} after the frame and its header
 * are written ({@code smp_mb}, then {@code __packet_set_status} with {@code smp_wmb}) and wakes the
 * reader per frame: a frame is readable as soon as it is complete, with no retire wait. The cost is
 * a slot of the largest frame for every frame, and a status word per frame to read and write.
 *
 * <pre>
 *  BLOCKS: ring = blocks × blockBytes, mapped once        block status: TP_STATUS_KERNEL (0)
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
 *
 *  FRAMES: ring = frames × frameBytes (blocks of whole slots, so slot i is at i × frameBytes)
 *  ┌────────┬────────┬────────┬─────┐  kernel fills slot after slot and wraps; a slot still the
 *  │ slot 0 │ slot 1 │ slot 2 │ ... │  user's (status not KERNEL) makes it drop (drops count)
 *  └────────┴────────┴────────┴─────┘
 *  slot (struct tpacket2_hdr, 32 bytes, then struct sockaddr_ll)
 *   0 tp_status u32 | 4 tp_len u32 | 8 tp_snaplen u32 | 12 tp_mac u16 | 14 tp_net u16
 *  16 tp_sec u32 | 20 tp_nsec u32 | 24 vlan_tci u16 | 26 vlan_tpid u16 | 28 padding
 *  32 sockaddr_ll: 32 family u16 | 34 protocol be16 | 36 ifindex i32 | 40 hatype u16
 *  42 pkttype u8 | 43 halen u8 | 44 addr[8]
 * </pre>
 *
 * <p>Thread: the reader methods belong to the one thread that reads the ring (the live source);
 * {@link #statistics} to any.
 */
public final class RxRing implements AutoCloseable {
  /** How the kernel lays frames out in the ring and hands them over. */
  public enum Layout {
    /** TPACKET_V2: a slot per frame, each handed over as soon as it is written (low latency). */
    FRAMES,
    /** TPACKET_V3: frames packed into blocks handed over when full or retired (1 ms). */
    BLOCKS
  }

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
  private static final long V2_HEADER_BYTES = 32;
  private static final VarHandle STATUS = ValueLayout.JAVA_INT.varHandle();

  private final NetDevice device;
  private final int fd;
  private final MemorySegment ring;
  private final int blockBytes;
  private final int blocks;
  private final Layout layout;
  private final int frameBytes;
  private final int frames;
  // where each header field lies in a frame's header, by layout
  private final long frameSeconds;
  private final long frameNanoseconds;
  private final long frameSnapLength;
  private final long frameLength;
  private final long frameStatus;
  private final long frameMac;
  private final long framePacketType;
  private final MemorySegment state = Linux.errnoSegment();
  private boolean closed;

  private RxRing(
      NetDevice device,
      int fd,
      MemorySegment ring,
      int blockBytes,
      int blocks,
      Layout layout,
      int frameBytes) {
    this.device = device;
    this.fd = fd;
    this.ring = ring;
    this.blockBytes = blockBytes;
    this.blocks = blocks;
    this.layout = layout;
    this.frameBytes = frameBytes;
    this.frames = layout == Layout.FRAMES ? blockBytes / frameBytes * blocks : 0;
    boolean v2 = layout == Layout.FRAMES;
    this.frameSeconds = v2 ? 16 : 4;
    this.frameNanoseconds = v2 ? 20 : 8;
    this.frameSnapLength = v2 ? 8 : 12;
    this.frameLength = v2 ? 4 : 16;
    this.frameStatus = v2 ? 0 : 20;
    this.frameMac = v2 ? 12 : 24;
    this.framePacketType = v2 ? V2_HEADER_BYTES + 10 : 58;
  }

  /**
   * Opens a packet socket on {@code device} with a ring of {@code blocks} blocks of {@code
   * blockBytes} (a multiple of the page size), retired after {@code retireMs} milliseconds when not
   * full; it receives every frame the device receives, for this host or not, but none it sends.
   */
  public static RxRing open(NetDevice device, int blockBytes, int blocks, int retireMs)
      throws IOException {
    return open(device, Layout.BLOCKS, blockBytes, blocks, PacketSockets.RX_FRAME_BYTES, retireMs);
  }

  /**
   * Opens a packet socket on {@code device} with a {@code TPACKET_V2} ring of at least {@code
   * frames} slots, each large enough for a frame of the device's MTU with a VLAN tag; it receives
   * every frame the device receives, for this host or not, but none it sends.
   */
  public static RxRing openFrames(NetDevice device, int frames) throws IOException {
    int frameBytes = frameBytesFor(device);
    int blockBytes = Math.max(1 << 16, frameBytes);
    int perBlock = blockBytes / frameBytes;
    int blocks = Math.max(1, (frames + perBlock - 1) / perBlock);
    return open(device, Layout.FRAMES, blockBytes, blocks, frameBytes, 0);
  }

  /**
   * The slot size that holds a frame of the device's MTU plus a VLAN tag behind the V2 header and
   * the sockaddr_ll, aligned as tpacket_rcv aligns the network header (a power of two, at least
   * 2,048).
   */
  static int frameBytesFor(NetDevice device) {
    int needed = 128 + device.mtuBytes() + 14 + 4;
    return Math.max(2048, Integer.highestOneBit(needed - 1) << 1);
  }

  private static RxRing open(
      NetDevice device, Layout layout, int blockBytes, int blocks, int frameBytes, int retireMs)
      throws IOException {
    MemorySegment state = Linux.errnoSegment();
    int fd = Linux.socket(state, Linux.AF_PACKET, Linux.SOCK_RAW | Linux.SOCK_CLOEXEC, 0);
    if (fd < 0) {
      throw Linux.failure("socket(AF_PACKET)", "for " + device.name(), state);
    }
    MemorySegment mapped = MemorySegment.NULL;
    long length = (long) blockBytes * blocks;
    try (Arena arena = Arena.ofConfined()) {
      PacketSockets.intOption(
          state,
          fd,
          Linux.PACKET_VERSION,
          layout == Layout.FRAMES ? Linux.TPACKET_V2 : Linux.TPACKET_V3,
          device);
      // 4.20 and later: frames this host sends are not received (the packet type says so too)
      PacketSockets.tryIntOption(state, fd, Linux.PACKET_IGNORE_OUTGOING, 1);
      // struct tpacket_req3 (28 bytes); V2 reads only its first four words (struct tpacket_req)
      int requestBytes = layout == Layout.FRAMES ? 16 : 28;
      MemorySegment request = arena.allocate(28);
      request.set(ValueLayout.JAVA_INT, 0, blockBytes);
      request.set(ValueLayout.JAVA_INT, 4, blocks);
      request.set(ValueLayout.JAVA_INT, 8, frameBytes);
      request.set(ValueLayout.JAVA_INT, 12, blockBytes / frameBytes * blocks);
      request.set(ValueLayout.JAVA_INT, 16, retireMs);
      request.set(ValueLayout.JAVA_INT, 20, 0); // tp_sizeof_priv
      request.set(ValueLayout.JAVA_INT, 24, 0); // tp_feature_req_word
      if (Linux.setsockopt(state, fd, Linux.SOL_PACKET, Linux.PACKET_RX_RING, request, requestBytes)
          < 0) {
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
      return new RxRing(
          device, fd, mapped.reinterpret(length), blockBytes, blocks, layout, frameBytes);
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

  public Layout layout() {
    return layout;
  }

  /** {@link Layout#FRAMES}: the number of slots (0 for blocks). */
  public int frames() {
    return frames;
  }

  /** {@link Layout#FRAMES}: the offset in {@link #memory()} of slot {@code slot}'s header. */
  public long slot(int slot) {
    return (long) slot * frameBytes;
  }

  /** {@link Layout#FRAMES}: true when the kernel has handed slot {@code slot} over. */
  public boolean slotReady(int slot) {
    return ((int) STATUS.getAcquire(ring, slot(slot)) & TP_STATUS_USER) != 0;
  }

  /** {@link Layout#FRAMES}: hands the slot back; its frame may not be read afterwards. */
  public void releaseSlot(int slot) {
    STATUS.setRelease(ring, slot(slot), TP_STATUS_KERNEL);
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
    return (ring.get(ValueLayout.JAVA_INT, frame + frameSeconds) & 0xffff_ffffL) * 1_000_000_000L
        + (ring.get(ValueLayout.JAVA_INT, frame + frameNanoseconds) & 0xffff_ffffL);
  }

  /** Where the frame's Ethernet header lies in {@link #memory()}. */
  public long data(long frame) {
    return frame + (ring.get(ValueLayout.JAVA_SHORT, frame + frameMac) & 0xffff);
  }

  public int capturedBytes(long frame) {
    return ring.get(ValueLayout.JAVA_INT, frame + frameSnapLength);
  }

  public int lengthBytes(long frame) {
    return ring.get(ValueLayout.JAVA_INT, frame + frameLength);
  }

  public int status(long frame) {
    return ring.get(ValueLayout.JAVA_INT, frame + frameStatus);
  }

  /** PACKET_HOST, PACKET_BROADCAST, PACKET_MULTICAST, PACKET_OTHERHOST or PACKET_OUTGOING. */
  public int packetType(long frame) {
    return ring.get(ValueLayout.JAVA_BYTE, frame + framePacketType) & 0xff;
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
