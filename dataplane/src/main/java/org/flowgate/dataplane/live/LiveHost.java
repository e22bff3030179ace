package org.flowgate.dataplane.live;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the Linux host around an attached device must not do, checked at attach time: the kernel
 * sees every frame Flowgate sees, so with an address of its own on the device, IP forwarding on, or
 * IPv6 enabled there, it would answer ARP and neighbour solicitations, send resets or forward
 * packets itself, next to Flowgate (docs/adr/0026). The attachment goes on; these are warnings.
 *
 * <p>Thread: stateless.
 */
public final class LiveHost {
  private static final long SIOCGIFADDR = 0x8915;

  private LiveHost() {}

  /** A sentence for each thing the host does that it should leave to Flowgate. */
  public static List<String> warnings(List<LiveDevice.Attachment> attachments) {
    List<String> warnings = new ArrayList<>();
    if ("1".equals(read(Path.of("/proc/sys/net/ipv4/ip_forward")))) {
      warnings.add(
          "Linux forwards IPv4 in this network namespace too (net.ipv4.ip_forward=1); set it to 0");
    }
    for (LiveDevice.Attachment attachment : attachments) {
      String device = attachment.deviceName();
      if ("0".equals(read(Path.of("/proc/sys/net/ipv6/conf", device, "disable_ipv6")))) {
        warnings.add(
            "Linux runs IPv6 on "
                + device
                + " itself (neighbour discovery, its own link-local address); set"
                + " net.ipv6.conf."
                + device
                + ".disable_ipv6=1");
      }
      if (hasIpv4Address(device)) {
        warnings.add(
            device
                + " has an IPv4 address in Linux: the kernel answers ARP and traffic for it too;"
                + " remove it (ip address flush dev "
                + device
                + ")");
      }
    }
    return warnings;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.US_ASCII).strip();
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static boolean hasIpv4Address(String device) {
    MemorySegment state = Linux.errnoSegment();
    int fd = Linux.socket(state, 2 /* AF_INET */, 2 /* SOCK_DGRAM */ | Linux.SOCK_CLOEXEC, 0);
    if (fd < 0) {
      return false;
    }
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment request = arena.allocate(40);
      byte[] name = device.getBytes(StandardCharsets.US_ASCII);
      MemorySegment.copy(name, 0, request, ValueLayout.JAVA_BYTE, 0, Math.min(name.length, 15));
      request.set(ValueLayout.JAVA_SHORT, 16, (short) 2);
      return Linux.ioctl(state, fd, SIOCGIFADDR, request) == 0;
    } finally {
      Linux.close(state, fd);
    }
  }
}
