package org.flowgate.dataplane.live;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/**
 * A Linux network device as the kernel describes it when it is attached: its index, Ethernet
 * address and MTU, read with the interface ioctls in the calling thread's network namespace.
 *
 * <pre>
 * struct ifreq (40 bytes)
 *   0  ifr_name[16]            NUL-terminated
 *  16  union: ifr_ifindex int | ifr_mtu int | ifr_flags short
 *             | ifr_hwaddr { sa_family u16, sa_data[14] }  (MAC at 18)
 * </pre>
 *
 * @param name the Linux name ({@code veth0})
 * @param index its ifindex
 * @param mac its Ethernet address in the low 48 bits
 * @param mtuBytes the largest IP packet it sends
 * @param up administratively up and running
 */
public record NetDevice(String name, int index, long mac, int mtuBytes, boolean up) {
  private static final int IFNAMSIZ = 16;
  private static final int IFREQ_BYTES = 40;

  /** Reads the device named {@code name}; an IOException names it when it is absent. */
  public static NetDevice of(String name) throws IOException {
    byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
    if (bytes.length == 0 || bytes.length >= IFNAMSIZ) {
      throw new IOException("'" + name + "' is not a Linux interface name (1 to 15 characters)");
    }
    MemorySegment state = Linux.errnoSegment();
    int fd = Linux.socket(state, Linux.AF_PACKET, Linux.SOCK_RAW | Linux.SOCK_CLOEXEC, 0);
    if (fd < 0) {
      throw Linux.failure("socket(AF_PACKET)", "to look up " + name, state);
    }
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment request = arena.allocate(IFREQ_BYTES);
      int index =
          ioctl(state, fd, request, bytes, Linux.SIOCGIFINDEX, name).get(ValueLayout.JAVA_INT, 16);
      MemorySegment hw = ioctl(state, fd, request, bytes, Linux.SIOCGIFHWADDR, name);
      long mac = 0;
      for (int i = 0; i < 6; i++) {
        mac = (mac << 8) | (hw.get(ValueLayout.JAVA_BYTE, 18 + i) & 0xff);
      }
      int mtu =
          ioctl(state, fd, request, bytes, Linux.SIOCGIFMTU, name).get(ValueLayout.JAVA_INT, 16);
      int flags =
          ioctl(state, fd, request, bytes, Linux.SIOCGIFFLAGS, name).get(ValueLayout.JAVA_SHORT, 16)
              & 0xffff;
      boolean up = (flags & Linux.IFF_UP) != 0 && (flags & Linux.IFF_RUNNING) != 0;
      return new NetDevice(name, index, mac, mtu, up);
    } finally {
      Linux.close(state, fd);
    }
  }

  private static MemorySegment ioctl(
      MemorySegment state, int fd, MemorySegment request, byte[] name, long call, String device)
      throws IOException {
    request.fill((byte) 0);
    MemorySegment.copy(name, 0, request, ValueLayout.JAVA_BYTE, 0, name.length);
    if (Linux.ioctl(state, fd, call, request) < 0) {
      throw Linux.failure("ioctl", "on interface " + device, state);
    }
    return request;
  }

  /** The MAC as Junos and Linux print it ({@code 02:00:5e:10:00:01}). */
  public static String macText(long mac) {
    StringBuilder text = new StringBuilder(17);
    for (int shift = 40; shift >= 0; shift -= 8) {
      int octet = (int) (mac >>> shift) & 0xff;
      text.append(Character.forDigit(octet >>> 4, 16)).append(Character.forDigit(octet & 15, 16));
      if (shift > 0) {
        text.append(':');
      }
    }
    return text.toString();
  }
}
