package org.flowgate.dataplane.appid;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.flowgate.dataplane.capture.CaptureReader;
import org.flowgate.dataplane.capture.LinkType;
import org.flowgate.dataplane.net.IpAddress;
import org.flowgate.dataplane.packet.PacketDescriptor;
import org.flowgate.dataplane.packet.PacketParser;

/**
 * Test code: replays a capture through {@link CaptureReader} and {@link PacketParser}, groups the
 * packets into bidirectional flows the way nDPI's reader does (5-tuple without direction, ICMP and
 * other protocols without ports; the tunnels nDPI looks into, IP-in-IP, GRE, VXLAN and GTP-U, by
 * their inner packet), and runs one {@link ApplicationInspector} over every flow as an SPU would:
 * {@code begin} at the flow's first packet (its sender is the client), {@code inspect} for every
 * packet until decided, {@code end} at the end of the capture.
 */
final class CorpusFlows {
  /** A flow key without direction: the lower endpoint first. */
  record Key(int protocol, long aHi, long aLo, int aPort, long bHi, long bLo, int bPort) {
    static Key of(int protocol, long xHi, long xLo, int xPort, long yHi, long yLo, int yPort) {
      boolean xFirst =
          Long.compareUnsigned(xHi, yHi) < 0
              || (xHi == yHi && Long.compareUnsigned(xLo, yLo) < 0)
              || (xHi == yHi && xLo == yLo && xPort <= yPort);
      return xFirst
          ? new Key(protocol, xHi, xLo, xPort, yHi, yLo, yPort)
          : new Key(protocol, yHi, yLo, yPort, xHi, xLo, xPort);
    }

    @Override
    public String toString() {
      return protocolName(protocol)
          + " "
          + endpoint(aHi, aLo, aPort)
          + " <-> "
          + endpoint(bHi, bLo, bPort);
    }

    private static String endpoint(long hi, long lo, int port) {
      String address = IpAddress.format(hi, lo);
      return (address.indexOf(':') >= 0 ? "[" + address + "]" : address) + ":" + port;
    }
  }

  /** What the inspector concluded for a flow. */
  record Result(String application, String nested, long packets) {}

  private static final class Flow {
    final int handle;
    final long clientHi;
    final long clientLo;
    final int clientPort;
    int application = ApplicationCatalog.PENDING;
    int nested = ApplicationCatalog.UNKNOWN;
    long packets;

    Flow(int handle, long clientHi, long clientLo, int clientPort) {
      this.handle = handle;
      this.clientHi = clientHi;
      this.clientLo = clientLo;
      this.clientPort = clientPort;
    }
  }

  private CorpusFlows() {}

  static String protocolName(int protocol) {
    return switch (protocol) {
      case 6 -> "TCP";
      case 17 -> "UDP";
      case 1 -> "ICMP";
      case 58 -> "ICMPV6";
      case 50 -> "ESP";
      case 47 -> "GRE";
      case 132 -> "SCTP";
      default -> "IP" + protocol;
    };
  }

  /** Replays {@code capture}; every flow's result, in order of first packet. */
  static Map<Key, Result> replay(Path capture, ApplicationInspector inspector) throws IOException {
    Map<Key, Flow> flows = new LinkedHashMap<>();
    PacketDescriptor outer = new PacketDescriptor();
    PacketDescriptor inner = new PacketDescriptor();
    try (CaptureReader reader = CaptureReader.open(capture)) {
      while (reader.next()) {
        MemorySegment segment = reader.segment();
        if (PacketParser.parse(
                segment,
                reader.frameOffset(),
                reader.capturedLengthBytes(),
                reader.originalLengthBytes(),
                reader.linkType(),
                outer)
            != null) {
          continue;
        }
        PacketDescriptor packet = tunnelled(outer, inner) ? inner : outer;
        if (packet.fragment && !packet.firstFragment) {
          continue; // no transport header: nothing to identify
        }
        long nowNs = reader.timestampNs();
        int protocol = packet.protocol;
        boolean ports = protocol == 6 || protocol == 17 || protocol == 132;
        int sourcePort = ports ? packet.sourcePort : 0;
        int destinationPort = ports ? packet.destinationPort : 0;
        Key key =
            Key.of(
                protocol,
                packet.sourceHi,
                packet.sourceLo,
                sourcePort,
                packet.destinationHi,
                packet.destinationLo,
                destinationPort);
        Flow flow = flows.get(key);
        if (flow == null) {
          int handle =
              inspector.begin(
                  nowNs,
                  protocol,
                  packet.ipVersion == 6,
                  packet.sourceHi,
                  packet.sourceLo,
                  sourcePort,
                  packet.destinationHi,
                  packet.destinationLo,
                  destinationPort);
          flow = new Flow(handle, packet.sourceHi, packet.sourceLo, sourcePort);
          if (handle == ApplicationInspector.NO_HANDLE) {
            flow.application = inspector.lastApplication();
            flow.nested = inspector.lastNestedApplication();
          }
          flows.put(key, flow);
        }
        flow.packets++;
        if (flow.application != ApplicationCatalog.PENDING) {
          continue;
        }
        boolean fromClient =
            packet.sourceHi == flow.clientHi
                && packet.sourceLo == flow.clientLo
                && sourcePort == flow.clientPort;
        int verdict =
            inspector.inspect(
                flow.handle,
                fromClient
                    ? ApplicationInspector.CLIENT_TO_SERVER
                    : ApplicationInspector.SERVER_TO_CLIENT,
                packet.segment,
                packet.payloadOffset,
                packet.payloadBytes,
                protocol == 6,
                packet.tcpFlags,
                packet.tcpSequence,
                nowNs);
        if (verdict != ApplicationCatalog.PENDING) {
          flow.application = verdict;
          flow.nested = inspector.nestedApplication(flow.handle);
          inspector.end(flow.handle);
        }
      }
    }
    Map<Key, Result> results = new LinkedHashMap<>();
    ApplicationCatalog catalog = inspector.catalog();
    for (Map.Entry<Key, Flow> entry : flows.entrySet()) {
      Flow flow = entry.getValue();
      if (flow.application == ApplicationCatalog.PENDING) {
        flow.application = inspector.end(flow.handle);
        flow.nested = inspector.lastNestedApplication();
      }
      results.put(
          entry.getKey(),
          new Result(catalog.name(flow.application), catalog.name(flow.nested), flow.packets));
    }
    return results;
  }

  /**
   * Decodes the inner packet of the tunnels nDPI looks into; true when {@code inner} holds it.
   *
   * <pre>
   *  IP-in-IP (4, 41):  | outer IP | inner IP |
   *  GRE (47, RFC 2784/2890; PPTP's version 1, RFC 2637): | C . K S .. | ver | protocol (2) |
   *                     [checksum, reserved (4)] [key (4)] [sequence (4)] [ack (4), version 1]
   *                     protocol 0x0800 IPv4, 0x86dd IPv6, 0x880b PPP (| [ff 03] | 0021/0057 | IP)
   *  VXLAN (udp/4789, RFC 7348): | flags | reserved | VNI | reserved | inner Ethernet frame |
   *  GTP-U (udp/2152, 3GPP TS 29.281): | ver/PT/E/S/PN | type 0xff | length | TEID |
   *                     [sequence (2), N-PDU (1), next extension (1) when E, S or PN] | IP |
   * </pre>
   */
  private static boolean tunnelled(PacketDescriptor outer, PacketDescriptor inner) {
    MemorySegment s = outer.segment;
    long end = outer.l3Offset + outer.ipLengthBytes;
    long capturedEnd = outer.frameOffset + outer.capturedLengthBytes;
    end = Math.min(end, capturedEnd);
    if (outer.fragment) {
      return false;
    }
    long l4 = outer.l4Offset;
    switch (outer.protocol) {
      case 4, 41 -> {
        return l4 > 0 && ip(s, l4, end, inner);
      }
      case 47 -> {
        if (l4 == 0 || end - l4 < 4) {
          return false;
        }
        int flags = u8(s, l4);
        int version = u8(s, l4 + 1) & 7;
        int type = u16(s, l4 + 2);
        long p = l4 + 4;
        if ((flags & 0x80) != 0) {
          p += 4;
        }
        if ((flags & 0x20) != 0) {
          p += 4;
        }
        if ((flags & 0x10) != 0) {
          p += 4;
        }
        if (version == 1 && (u8(s, l4 + 1) & 0x80) != 0) {
          p += 4;
        }
        if (type == 0x880b) {
          if (end - p >= 2 && u8(s, p) == 0xff && u8(s, p + 1) == 0x03) {
            p += 2;
          }
          if (end - p < 2) {
            return false;
          }
          int pppProtocol = u16(s, p);
          return (pppProtocol == 0x0021 || pppProtocol == 0x0057) && ip(s, p + 2, end, inner);
        }
        return (type == 0x0800 || type == 0x86dd) && ip(s, p, end, inner);
      }
      case 17 -> {
        long payload = outer.payloadOffset;
        if (outer.destinationPort == 4789 && outer.payloadBytes > 8 + 14) {
          int length = (int) (end - payload - 8);
          return PacketParser.parse(s, payload + 8, length, length, LinkType.ETHERNET, inner)
                  == null
              && inner.hasPorts | inner.protocol != 0;
        }
        if ((outer.destinationPort == 2152 || outer.sourcePort == 2152) && outer.payloadBytes > 8) {
          int flags = u8(s, payload);
          if ((flags >>> 5) != 1 || u8(s, payload + 1) != 0xff) {
            return false;
          }
          long p = payload + 8;
          if ((flags & 0x07) != 0) {
            int next = u8(s, p + 3);
            p += 4;
            while (next != 0 && p < end) {
              int words = u8(s, p);
              if (words == 0) {
                return false;
              }
              next = u8(s, p + words * 4L - 1);
              p += words * 4L;
            }
          }
          return p < end && ip(s, p, end, inner);
        }
        return false;
      }
      default -> {
        return false;
      }
    }
  }

  private static boolean ip(MemorySegment s, long at, long end, PacketDescriptor inner) {
    int length = (int) (end - at);
    return length > 20 && PacketParser.parseIp(s, at, length, length, inner) == null;
  }

  private static int u8(MemorySegment s, long at) {
    return s.get(java.lang.foreign.ValueLayout.JAVA_BYTE, at) & 0xff;
  }

  private static int u16(MemorySegment s, long at) {
    return u8(s, at) << 8 | u8(s, at + 1);
  }

  /** Parses nDPI's "a.b.c.d:port" or "[v6]:port". */
  static long[] endpoint(String text) {
    int colon = text.lastIndexOf(':');
    String address = text.substring(0, colon);
    if (address.startsWith("[")) {
      address = address.substring(1, address.length() - 1);
    }
    IpAddress parsed = IpAddress.parse(address);
    return new long[] {parsed.hi(), parsed.lo(), Integer.parseInt(text.substring(colon + 1))};
  }
}
