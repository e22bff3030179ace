package org.flowgate.dataplane.control;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flowgate.dataplane.live.LiveDevice;
import org.flowgate.dataplane.live.NeighbourEntry;

/**
 * The engine's live interfaces as management sees them ({@link FlowEngine#attach}): neighbours,
 * per-interface counters and the live path's other counters, all copies.
 *
 * <p>Thread: any.
 */
public final class LiveForwarding {
  private final LiveDevice device;
  private final Path capture;

  LiveForwarding(LiveDevice device, Path capture) {
    this.device = device;
    this.capture = capture;
  }

  LiveDevice device() {
    return device;
  }

  /** The IPv4 neighbours (ARP) when {@code ipv6} is false, else the IPv6 ones. */
  public List<Neighbour> neighbours(boolean ipv6) {
    List<Neighbour> out = new ArrayList<>();
    for (NeighbourEntry entry : device.neighbours()) {
      if (entry.address().isIpv4() != ipv6) {
        out.add(
            new Neighbour(
                entry.interfaceName(),
                entry.address(),
                entry.mac(),
                entry.state(),
                entry.expiresInSeconds(),
                entry.router()));
      }
    }
    return out;
  }

  public List<LivePort> ports() {
    List<LivePort> out = new ArrayList<>();
    for (LiveDevice.PortStatistics port : device.ports()) {
      out.add(
          new LivePort(
              port.interfaceName(),
              port.deviceName(),
              port.mac(),
              port.mtuBytes(),
              port.framesReceived(),
              port.bytesReceived(),
              port.framesSent(),
              port.bytesSent(),
              port.kernelDrops(),
              port.notForUs()));
    }
    return out;
  }

  /** The live path's other counters by name (ARP, ND, ICMP errors, drops by reason). */
  public Map<String, Long> counters() {
    return device.counters();
  }

  /** The capture file of {@code --capture}, or null. */
  public Path capture() {
    return capture;
  }

  /** The capture's first write failure, or null. */
  public IOException captureFailure() {
    return device.captureFailure();
  }
}
