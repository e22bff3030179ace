package org.flowgate.dataplane.live;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * What the receive and transmit rings share: packet socket options, {@code bind} to one device, the
 * all-multicast membership, the kernel's counters.
 *
 * <pre>
 * struct sockaddr_ll (20 bytes)                  struct packet_mreq (16 bytes)
 *   0 sll_family u16 = AF_PACKET                   0 mr_ifindex i32
 *   2 sll_protocol be16 (ETH_P_ALL, or 0: none)    4 mr_type u16 (PACKET_MR_ALLMULTI)
 *   4 sll_ifindex i32                              6 mr_alen u16 | 8 mr_address[8]
 *   8 sll_hatype u16 | 10 pkttype u8 | 11 halen u8 | 12 sll_addr[8]
 *
 * struct tpacket_stats_v3: 0 tp_packets u32 | 4 tp_drops u32 | 8 tp_freeze_q_cnt u32
 * </pre>
 *
 * <p>Thread: stateless.
 */
final class PacketSockets {
  /**
   * The frame size a {@code tpacket_req3} names for a receive ring: TPACKET_V3 packs frames of any
   * size into its blocks, so this only has to divide the block size.
   */
  static final int RX_FRAME_BYTES = 2048;

  static final int SOCKADDR_LL_BYTES = 20;

  private PacketSockets() {}

  static void intOption(MemorySegment state, int fd, int option, int value, NetDevice device)
      throws IOException {
    if (!tryIntOption(state, fd, option, value)) {
      throw Linux.failure("setsockopt(SOL_PACKET, " + option + ")", "on " + device.name(), state);
    }
  }

  static boolean tryIntOption(MemorySegment state, int fd, int option, int value) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment word = arena.allocate(ValueLayout.JAVA_INT);
      word.set(ValueLayout.JAVA_INT, 0, value);
      return Linux.setsockopt(state, fd, Linux.SOL_PACKET, option, word, 4) == 0;
    }
  }

  /** Binds the socket to {@code device}; {@code protocol} 0 receives nothing (a sender). */
  static void bind(MemorySegment state, int fd, NetDevice device, int protocol) throws IOException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment address = arena.allocate(SOCKADDR_LL_BYTES);
      address.set(ValueLayout.JAVA_SHORT, 0, (short) Linux.AF_PACKET);
      address.set(ValueLayout.JAVA_SHORT, 2, Linux.networkOrder(protocol));
      address.set(ValueLayout.JAVA_INT, 4, device.index());
      if (Linux.bind(state, fd, address, SOCKADDR_LL_BYTES) < 0) {
        throw Linux.failure("bind", "to " + device.name(), state);
      }
    }
  }

  /**
   * Asks the device for every multicast frame (IPv6 neighbour discovery goes to solicited-node
   * groups a physical NIC would otherwise filter); best effort.
   */
  static void allMulticast(MemorySegment state, int fd, NetDevice device) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment request = arena.allocate(16);
      request.set(ValueLayout.JAVA_INT, 0, device.index());
      request.set(ValueLayout.JAVA_SHORT, 4, (short) Linux.PACKET_MR_ALLMULTI);
      Linux.setsockopt(state, fd, Linux.SOL_PACKET, Linux.PACKET_ADD_MEMBERSHIP, request, 16);
    }
  }

  static RxRing.Statistics statistics(int fd) {
    MemorySegment state = Linux.errnoSegment();
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment counters = arena.allocate(12);
      MemorySegment length = arena.allocate(ValueLayout.JAVA_INT);
      length.set(ValueLayout.JAVA_INT, 0, 12);
      if (Linux.getsockopt(state, fd, Linux.SOL_PACKET, Linux.PACKET_STATISTICS, counters, length)
          < 0) {
        return new RxRing.Statistics(0, 0);
      }
      return new RxRing.Statistics(
          counters.get(ValueLayout.JAVA_INT, 0) & 0xffff_ffffL,
          counters.get(ValueLayout.JAVA_INT, 4) & 0xffff_ffffL);
    }
  }
}
