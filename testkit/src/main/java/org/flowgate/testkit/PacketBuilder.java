package org.flowgate.testkit;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Makes exact packets for tests and the demo: an IPv4 or IPv6 packet with a TCP, UDP, SCTP or ICMP
 * payload and correct checksums, wrapped in any link layer Flowgate reads. Header layouts are drawn
 * in the data plane's {@code PacketParser}. This module depends on nothing of Flowgate's: its wire
 * constants are written out here on purpose, so a wrong constant in the parser cannot hide behind
 * the same constant in the builder.
 *
 * <pre>{@code
 * byte[] syn = PacketBuilder.ipv4("10.0.0.1", "192.0.2.7")
 *     .tcp(40000, 443, PacketBuilder.SYN, 1000, 0).ethernet(100);
 * }</pre>
 *
 * <p>Thread: confined to the thread that builds; allocates freely (never on the packet path).
 */
public final class PacketBuilder {
  // link types (tcpdump.org LINKTYPE_*), EtherTypes, PPP protocols, IP protocol numbers
  public static final int LINKTYPE_NULL = 0;
  public static final int LINKTYPE_ETHERNET = 1;
  public static final int LINKTYPE_PPP = 9;
  public static final int LINKTYPE_RAW = 101;
  public static final int LINKTYPE_LINUX_SLL = 113;
  public static final int LINKTYPE_IPV4 = 228;
  public static final int LINKTYPE_IPV6 = 229;
  public static final int LINKTYPE_NFLOG = 239;
  public static final int LINKTYPE_LINUX_SLL2 = 276;
  private static final int ETHERTYPE_IPV4 = 0x0800;
  private static final int ETHERTYPE_IPV6 = 0x86dd;
  private static final int ETHERTYPE_VLAN = 0x8100;
  private static final int ETHERTYPE_QINQ = 0x88a8;
  private static final int ETHERTYPE_PPPOE_SESSION = 0x8864;
  private static final int PPP_IPV4 = 0x0021;
  private static final int PPP_IPV6 = 0x0057;
  public static final int PROTOCOL_ICMP = 1;
  public static final int PROTOCOL_TCP = 6;
  public static final int PROTOCOL_UDP = 17;
  public static final int PROTOCOL_ICMPV6 = 58;
  public static final int PROTOCOL_SCTP = 132;

  public static final int FIN = 0x01;
  public static final int SYN = 0x02;
  public static final int RST = 0x04;
  public static final int PSH = 0x08;
  public static final int ACK = 0x10;
  public static final int URG = 0x20;

  /** Source MAC of built Ethernet frames unless {@link #macs} says otherwise. */
  public static final long SOURCE_MAC = 0x0200_0000_0001L;

  /** Destination MAC of built Ethernet frames unless {@link #macs} says otherwise. */
  public static final long DESTINATION_MAC = 0x0200_0000_0002L;

  private enum Transport {
    OTHER,
    TCP,
    UDP,
    SCTP,
    ICMP_ECHO,
    ICMP_ERROR
  }

  private final boolean ipv6;
  private final byte[] source;
  private final byte[] destination;
  private Transport transport = Transport.OTHER;
  private int protocol = 253; // RFC 3692 experimental, until told otherwise
  private int sourcePort;
  private int destinationPort;
  private int tcpFlags;
  private long sequence;
  private long acknowledgement;
  private boolean echoRequest;
  private int echoIdentifier;
  private int echoSequence;
  private int errorType;
  private int errorCode;
  private byte[] quoted = new byte[0];
  private byte[] payload = new byte[0];
  private int ttl = 64;
  private int identification = 0x1234;
  private long sourceMac = SOURCE_MAC;
  private long destinationMac = DESTINATION_MAC;
  private byte[] ipv4Options = new byte[0];
  private final List<int[]> ipv6Extensions = new ArrayList<>(); // {type, lengthBytes}

  private PacketBuilder(boolean ipv6, String source, String destination) {
    this.ipv6 = ipv6;
    this.source = addressBytes(source, ipv6);
    this.destination = addressBytes(destination, ipv6);
  }

  public static PacketBuilder ipv4(String source, String destination) {
    return new PacketBuilder(false, source, destination);
  }

  public static PacketBuilder ipv6(String source, String destination) {
    return new PacketBuilder(true, source, destination);
  }

  public PacketBuilder tcp(
      int sourcePort, int destinationPort, int flags, long sequence, long acknowledgement) {
    this.transport = Transport.TCP;
    this.protocol = PROTOCOL_TCP;
    this.sourcePort = sourcePort;
    this.destinationPort = destinationPort;
    this.tcpFlags = flags;
    this.sequence = sequence;
    this.acknowledgement = acknowledgement;
    return this;
  }

  public PacketBuilder udp(int sourcePort, int destinationPort) {
    this.transport = Transport.UDP;
    this.protocol = PROTOCOL_UDP;
    this.sourcePort = sourcePort;
    this.destinationPort = destinationPort;
    return this;
  }

  public PacketBuilder sctp(int sourcePort, int destinationPort) {
    this.transport = Transport.SCTP;
    this.protocol = PROTOCOL_SCTP;
    this.sourcePort = sourcePort;
    this.destinationPort = destinationPort;
    return this;
  }

  /** An ICMP (IPv4) or ICMPv6 (IPv6) echo request or reply. */
  public PacketBuilder icmpEcho(boolean request, int identifier, int sequence) {
    this.transport = Transport.ICMP_ECHO;
    this.protocol = icmpProtocol();
    this.echoRequest = request;
    this.echoIdentifier = identifier;
    this.echoSequence = sequence;
    return this;
  }

  /** An ICMP or ICMPv6 error of {@code type}/{@code code} quoting {@code quotedIpPacket}. */
  public PacketBuilder icmpError(int type, int code, byte[] quotedIpPacket) {
    this.transport = Transport.ICMP_ERROR;
    this.protocol = icmpProtocol();
    this.errorType = type;
    this.errorCode = code;
    this.quoted = quotedIpPacket.clone();
    return this;
  }

  /** Any other IP protocol: the payload follows the IP header as it is. */
  public PacketBuilder protocol(int number) {
    this.transport = Transport.OTHER;
    this.protocol = number;
    return this;
  }

  public PacketBuilder payload(byte[] bytes) {
    this.payload = bytes.clone();
    return this;
  }

  /** A payload of {@code bytes} filler bytes (0, 1, 2 ... modulo 256). */
  public PacketBuilder payloadLength(int bytes) {
    this.payload = new byte[bytes];
    for (int i = 0; i < bytes; i++) {
      payload[i] = (byte) i;
    }
    return this;
  }

  /** IPv4 TTL or IPv6 hop limit (default 64). */
  public PacketBuilder ttl(int ttl) {
    this.ttl = ttl;
    return this;
  }

  /** IPv4 identification, or the IPv6 fragment-header identification (default 0x1234). */
  public PacketBuilder identification(int identification) {
    this.identification = identification;
    return this;
  }

  /** MAC addresses (low 48 bits) of the Ethernet frames built. */
  public PacketBuilder macs(long sourceMac, long destinationMac) {
    this.sourceMac = sourceMac;
    this.destinationMac = destinationMac;
    return this;
  }

  /** Raw IPv4 option bytes; padded with end-of-list bytes to a multiple of 4. */
  public PacketBuilder ipv4Options(byte[] options) {
    this.ipv4Options = Arrays.copyOf(options, (options.length + 3) & ~3);
    return this;
  }

  /**
   * Appends an IPv6 extension header of {@code type} (0, 43, 60, 135, 139, 140: a multiple of 8
   * bytes; 51: a multiple of 4 of at least 12) filled with zeros (Pad1 options).
   */
  public PacketBuilder ipv6Extension(int type, int lengthBytes) {
    boolean authentication = type == 51;
    if (authentication
        ? lengthBytes < 12 || lengthBytes % 4 != 0
        : lengthBytes < 8 || lengthBytes % 8 != 0) {
      throw new IllegalArgumentException("bad length " + lengthBytes + " for header " + type);
    }
    ipv6Extensions.add(new int[] {type, lengthBytes});
    return this;
  }

  // ---------------------------------------------------------------- output

  /** The IP packet: header (with options or extension headers), transport header, payload. */
  public byte[] ip() {
    byte[] upper = upperLayer();
    return ipv6 ? ipv6Packet(upper) : ipv4Packet(upper);
  }

  /** The IP packet in an Ethernet II frame. */
  public byte[] ethernet() {
    return ethernetFrame(sourceMac, destinationMac, new int[0], ip());
  }

  /** The IP packet in an Ethernet frame tagged 802.1Q, or 802.1ad outside 802.1Q for QinQ. */
  public byte[] ethernet(int... vlanIds) {
    return ethernetFrame(sourceMac, destinationMac, vlanIds, ip());
  }

  /** The IP packet in PPP in a PPPoE session (RFC 2516) in Ethernet. */
  public byte[] pppoeEthernet(int sessionId) {
    byte[] packet = ip();
    ByteBuffer frame = ByteBuffer.allocate(14 + 8 + packet.length);
    putMac(frame, destinationMac);
    putMac(frame, sourceMac);
    frame.putShort((short) ETHERTYPE_PPPOE_SESSION);
    frame.put((byte) 0x11).put((byte) 0).putShort((short) sessionId);
    frame.putShort((short) (packet.length + 2));
    frame.putShort((short) (ipv6 ? PPP_IPV6 : PPP_IPV4));
    frame.put(packet);
    return frame.array();
  }

  /** {@link #ip()} cut into IPv4 fragments of {@code fragmentPayloadBytes} (a multiple of 8). */
  public List<byte[]> ipv4Fragments(int fragmentPayloadBytes) {
    if (ipv6) {
      throw new IllegalStateException("not an IPv4 packet");
    }
    checkFragmentSize(fragmentPayloadBytes);
    byte[] packet = ip();
    int headerBytes = (packet[0] & 0x0f) * 4;
    List<byte[]> fragments = new ArrayList<>();
    for (int offset = 0; offset < packet.length - headerBytes; offset += fragmentPayloadBytes) {
      int chunk = Math.min(fragmentPayloadBytes, packet.length - headerBytes - offset);
      boolean more = offset + chunk < packet.length - headerBytes;
      byte[] fragment = new byte[headerBytes + chunk];
      System.arraycopy(packet, 0, fragment, 0, headerBytes);
      System.arraycopy(packet, headerBytes + offset, fragment, headerBytes, chunk);
      ByteBuffer header = ByteBuffer.wrap(fragment);
      header.putShort(2, (short) fragment.length);
      header.putShort(6, (short) ((more ? 0x2000 : 0) | (offset / 8)));
      header.putShort(10, (short) 0);
      header.putShort(10, (short) checksum(0, fragment, 0, headerBytes));
      fragments.add(fragment);
    }
    return fragments;
  }

  /**
   * One IPv4 fragment of {@link #ip()}: bytes {@code [offsetBytes, offsetBytes + lengthBytes)} of
   * its payload (zeros past the payload's end) behind its header, with MF as told. Makes the
   * fragments a reassembly must refuse: two that overlap (a tear-drop) or one that runs past 65535
   * bytes (a ping of death).
   */
  public byte[] ipv4Fragment(int offsetBytes, int lengthBytes, boolean moreFragments) {
    if (ipv6) {
      throw new IllegalStateException("not an IPv4 packet");
    }
    if (offsetBytes < 0 || offsetBytes % 8 != 0 || offsetBytes / 8 > 0x1fff || lengthBytes < 0) {
      throw new IllegalArgumentException("offset must be a multiple of 8 up to 65528");
    }
    byte[] packet = ip();
    int headerBytes = (packet[0] & 0x0f) * 4;
    if (headerBytes + lengthBytes > 0xffff) {
      throw new IllegalArgumentException("a fragment holds at most 65535 bytes");
    }
    byte[] fragment = new byte[headerBytes + lengthBytes];
    System.arraycopy(packet, 0, fragment, 0, headerBytes);
    int available = Math.max(0, Math.min(lengthBytes, packet.length - headerBytes - offsetBytes));
    if (available > 0) {
      System.arraycopy(packet, headerBytes + offsetBytes, fragment, headerBytes, available);
    }
    ByteBuffer header = ByteBuffer.wrap(fragment);
    header.putShort(2, (short) fragment.length);
    header.putShort(6, (short) ((moreFragments ? 0x2000 : 0) | (offsetBytes / 8)));
    header.putShort(10, (short) 0);
    header.putShort(10, (short) checksum(0, fragment, 0, headerBytes));
    return fragment;
  }

  /**
   * {@link #ip()} cut into IPv6 fragments of {@code fragmentPayloadBytes} (a multiple of 8); the
   * extension headers added are the unfragmentable part, then comes the fragment header.
   */
  public List<byte[]> ipv6Fragments(int fragmentPayloadBytes) {
    if (!ipv6) {
      throw new IllegalStateException("not an IPv6 packet");
    }
    checkFragmentSize(fragmentPayloadBytes);
    byte[] packet = ip();
    int unfragmentable = 40;
    int nextHeaderAt = 6;
    for (int[] extension : ipv6Extensions) {
      nextHeaderAt = unfragmentable;
      unfragmentable += extension[1];
    }
    int upperProtocol = packet[nextHeaderAt] & 0xff;
    int fragmentable = packet.length - unfragmentable;
    List<byte[]> fragments = new ArrayList<>();
    for (int offset = 0; offset < fragmentable; offset += fragmentPayloadBytes) {
      int chunk = Math.min(fragmentPayloadBytes, fragmentable - offset);
      boolean more = offset + chunk < fragmentable;
      byte[] fragment = new byte[unfragmentable + 8 + chunk];
      System.arraycopy(packet, 0, fragment, 0, unfragmentable);
      fragment[nextHeaderAt] = 44;
      ByteBuffer buffer = ByteBuffer.wrap(fragment);
      buffer.putShort(4, (short) (fragment.length - 40));
      buffer.put(unfragmentable, (byte) upperProtocol);
      buffer.put(unfragmentable + 1, (byte) 0);
      buffer.putShort(unfragmentable + 2, (short) (offset | (more ? 1 : 0)));
      buffer.putInt(unfragmentable + 4, identification);
      System.arraycopy(packet, unfragmentable + offset, fragment, unfragmentable + 8, chunk);
      fragments.add(fragment);
    }
    return fragments;
  }

  private static void checkFragmentSize(int fragmentPayloadBytes) {
    if (fragmentPayloadBytes <= 0 || fragmentPayloadBytes % 8 != 0) {
      throw new IllegalArgumentException("fragment payload must be a positive multiple of 8");
    }
  }

  // ---------------------------------------------------------------- link layers

  /**
   * Wraps an IP packet for {@code linkType} (see {@link LinkType}); the version nibble says which
   * protocol number the link header carries. Ethernet uses {@link #SOURCE_MAC} and {@link
   * #DESTINATION_MAC}; SLL and SLL2 carry {@link #SOURCE_MAC}; NULL is written little-endian; PPP
   * with the 0xff03 address and control bytes; NFLOG TLVs little-endian. Wireshark takes the
   * capture file's byte order as the capturing host's, so put NULL and NFLOG frames made here in a
   * little-endian file (or use {@link #nullFrame} and {@link #nflogFrame} with the file's order).
   */
  public static byte[] frame(int linkType, byte[] ipPacket) {
    boolean v6 = ipPacket.length > 0 && (ipPacket[0] & 0xf0) == 0x60;
    int etherType = v6 ? ETHERTYPE_IPV6 : ETHERTYPE_IPV4;
    return switch (linkType) {
      case LINKTYPE_ETHERNET -> ethernetFrame(SOURCE_MAC, DESTINATION_MAC, new int[0], ipPacket);
      case LINKTYPE_LINUX_SLL -> {
        ByteBuffer frame = ByteBuffer.allocate(16 + ipPacket.length);
        frame.putShort((short) 0).putShort((short) 1).putShort((short) 6);
        putMac(frame, SOURCE_MAC);
        frame.putShort((short) 0).putShort((short) etherType).put(ipPacket);
        yield frame.array();
      }
      case LINKTYPE_LINUX_SLL2 -> {
        ByteBuffer frame = ByteBuffer.allocate(20 + ipPacket.length);
        frame.putShort((short) etherType).putShort((short) 0).putInt(1).putShort((short) 1);
        frame.put((byte) 0).put((byte) 6);
        putMac(frame, SOURCE_MAC);
        frame.putShort((short) 0).put(ipPacket);
        yield frame.array();
      }
      case LINKTYPE_NULL -> nullFrame(ipPacket, v6 ? 30 : 2, ByteOrder.LITTLE_ENDIAN);
      case LINKTYPE_PPP -> pppFrame(ipPacket, true);
      case LINKTYPE_RAW, LINKTYPE_IPV4, LINKTYPE_IPV6 -> ipPacket.clone();
      case LINKTYPE_NFLOG -> nflogFrame(ipPacket, ByteOrder.LITTLE_ENDIAN);
      default -> throw new IllegalArgumentException("no framing for " + linkType);
    };
  }

  /** BSD loopback: {@code addressFamily} as 4 bytes in {@code order}, then the packet. */
  public static byte[] nullFrame(byte[] ipPacket, int addressFamily, ByteOrder order) {
    return ByteBuffer.allocate(4 + ipPacket.length)
        .order(order)
        .putInt(addressFamily)
        .put(ipPacket)
        .array();
  }

  /** PPP with or without the HDLC-like 0xff03 address and control bytes (RFC 1662). */
  public static byte[] pppFrame(byte[] ipPacket, boolean addressAndControl) {
    boolean v6 = ipPacket.length > 0 && (ipPacket[0] & 0xf0) == 0x60;
    ByteBuffer frame = ByteBuffer.allocate((addressAndControl ? 4 : 2) + ipPacket.length);
    if (addressAndControl) {
      frame.put((byte) 0xff).put((byte) 0x03);
    }
    frame.putShort((short) (v6 ? PPP_IPV6 : PPP_IPV4)).put(ipPacket);
    return frame.array();
  }

  /**
   * NFLOG: header (family 2 or 10, version 0, resource id 0), an NFULA_PACKET_HDR TLV, then the
   * NFULA_PAYLOAD TLV; TLV lengths and types in {@code tlvOrder} (the capturing host's order).
   */
  public static byte[] nflogFrame(byte[] ipPacket, ByteOrder tlvOrder) {
    boolean v6 = ipPacket.length > 0 && (ipPacket[0] & 0xf0) == 0x60;
    int payloadTlv = 4 + ipPacket.length;
    ByteBuffer frame = ByteBuffer.allocate(4 + 8 + ((payloadTlv + 3) & ~3));
    frame.put((byte) (v6 ? 10 : 2)).put((byte) 0).putShort((short) 0);
    frame.order(tlvOrder).putShort((short) 8).putShort((short) 1);
    frame
        .order(ByteOrder.BIG_ENDIAN)
        .putShort((short) (v6 ? ETHERTYPE_IPV6 : ETHERTYPE_IPV4))
        .put((byte) 0)
        .put((byte) 0);
    frame.order(tlvOrder).putShort((short) payloadTlv).putShort((short) 9);
    frame.put(ipPacket);
    return frame.array();
  }

  private static byte[] ethernetFrame(
      long sourceMac, long destinationMac, int[] vlanIds, byte[] packet) {
    boolean v6 = packet.length > 0 && (packet[0] & 0xf0) == 0x60;
    ByteBuffer frame = ByteBuffer.allocate(14 + 4 * vlanIds.length + packet.length);
    putMac(frame, destinationMac);
    putMac(frame, sourceMac);
    for (int i = 0; i < vlanIds.length; i++) {
      boolean outerOfQinQ = vlanIds.length >= 2 && i == 0;
      frame.putShort((short) (outerOfQinQ ? ETHERTYPE_QINQ : ETHERTYPE_VLAN));
      frame.putShort((short) (vlanIds[i] & 0x0fff));
    }
    frame.putShort((short) (v6 ? ETHERTYPE_IPV6 : ETHERTYPE_IPV4));
    frame.put(packet);
    return frame.array();
  }

  private static void putMac(ByteBuffer buffer, long mac) {
    buffer.putShort((short) (mac >>> 32)).putInt((int) mac);
  }

  // ---------------------------------------------------------------- IP and transport bytes

  private int icmpProtocol() {
    return ipv6 ? PROTOCOL_ICMPV6 : PROTOCOL_ICMP;
  }

  private byte[] upperLayer() {
    return switch (transport) {
      case OTHER -> payload.clone();
      case TCP -> {
        ByteBuffer tcp = ByteBuffer.allocate(20 + payload.length);
        tcp.putShort((short) sourcePort).putShort((short) destinationPort);
        tcp.putInt((int) sequence).putInt((int) acknowledgement);
        tcp.put((byte) (5 << 4)).put((byte) tcpFlags).putShort((short) 65535);
        tcp.putShort((short) 0).putShort((short) 0).put(payload);
        byte[] bytes = tcp.array();
        putChecksum(bytes, 16, checksum(pseudoHeaderSum(bytes.length), bytes, 0, bytes.length));
        yield bytes;
      }
      case UDP -> {
        ByteBuffer udp = ByteBuffer.allocate(8 + payload.length);
        udp.putShort((short) sourcePort).putShort((short) destinationPort);
        udp.putShort((short) (8 + payload.length)).putShort((short) 0).put(payload);
        byte[] bytes = udp.array();
        int sum = checksum(pseudoHeaderSum(bytes.length), bytes, 0, bytes.length);
        putChecksum(bytes, 6, sum == 0 ? 0xffff : sum); // RFC 768: zero means "none"
        yield bytes;
      }
      case SCTP -> {
        ByteBuffer sctp = ByteBuffer.allocate(12 + payload.length);
        sctp.putShort((short) sourcePort).putShort((short) destinationPort).putInt(0).putInt(0);
        sctp.put(payload);
        byte[] bytes = sctp.array();
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        // RFC 9260 Appendix A: the CRC32c goes on the wire least significant byte first
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(8, (int) crc.getValue());
        yield bytes;
      }
      case ICMP_ECHO -> {
        int type = ipv6 ? (echoRequest ? 128 : 129) : (echoRequest ? 8 : 0);
        ByteBuffer icmp = ByteBuffer.allocate(8 + payload.length);
        icmp.put((byte) type).put((byte) 0).putShort((short) 0);
        icmp.putShort((short) echoIdentifier).putShort((short) echoSequence).put(payload);
        yield icmpWithChecksum(icmp.array());
      }
      case ICMP_ERROR -> {
        ByteBuffer icmp = ByteBuffer.allocate(8 + quoted.length);
        icmp.put((byte) errorType).put((byte) errorCode).putShort((short) 0).putInt(0);
        icmp.put(quoted);
        yield icmpWithChecksum(icmp.array());
      }
    };
  }

  private byte[] icmpWithChecksum(byte[] bytes) {
    long initial = ipv6 ? pseudoHeaderSum(bytes.length) : 0; // RFC 4443 §2.3 vs RFC 792
    putChecksum(bytes, 2, checksum(initial, bytes, 0, bytes.length));
    return bytes;
  }

  private byte[] ipv4Packet(byte[] upper) {
    int headerBytes = 20 + ipv4Options.length;
    if (headerBytes > 60) {
      throw new IllegalStateException("IPv4 options longer than 40 bytes");
    }
    ByteBuffer packet = ByteBuffer.allocate(headerBytes + upper.length);
    packet.put((byte) (0x40 | headerBytes / 4)).put((byte) 0);
    packet.putShort((short) (headerBytes + upper.length));
    packet.putShort((short) identification).putShort((short) 0);
    packet.put((byte) ttl).put((byte) protocol).putShort((short) 0);
    packet.put(source).put(destination).put(ipv4Options).put(upper);
    byte[] bytes = packet.array();
    putChecksum(bytes, 10, checksum(0, bytes, 0, headerBytes));
    return bytes;
  }

  private byte[] ipv6Packet(byte[] upper) {
    ByteArrayOutputStream extensions = new ByteArrayOutputStream();
    for (int i = 0; i < ipv6Extensions.size(); i++) {
      int[] extension = ipv6Extensions.get(i);
      int next = i + 1 < ipv6Extensions.size() ? ipv6Extensions.get(i + 1)[0] : protocol;
      byte[] header = new byte[extension[1]];
      header[0] = (byte) next;
      header[1] = (byte) (extension[0] == 51 ? extension[1] / 4 - 2 : extension[1] / 8 - 1);
      extensions.writeBytes(header);
    }
    byte[] chain = extensions.toByteArray();
    int first = ipv6Extensions.isEmpty() ? protocol : ipv6Extensions.get(0)[0];
    ByteBuffer packet = ByteBuffer.allocate(40 + chain.length + upper.length);
    packet.putInt(0x6000_0000).putShort((short) (chain.length + upper.length));
    packet.put((byte) first).put((byte) ttl).put(source).put(destination);
    packet.put(chain).put(upper);
    return packet.array();
  }

  /** Sum of the RFC 793 / RFC 8200 §8.1 pseudo-header for an upper layer of this length. */
  private long pseudoHeaderSum(int upperLengthBytes) {
    long sum = checksumAdd(0, source, 0, source.length);
    sum = checksumAdd(sum, destination, 0, destination.length);
    return sum + protocol + (upperLengthBytes & 0xffff) + (upperLengthBytes >>> 16);
  }

  /** The Internet checksum (RFC 1071) of {@code data[offset, offset + length)} plus a sum. */
  static int checksum(long initialSum, byte[] data, int offset, int length) {
    long sum = checksumAdd(initialSum, data, offset, length);
    while ((sum >>> 16) != 0) {
      sum = (sum & 0xffff) + (sum >>> 16);
    }
    return (int) (~sum & 0xffff);
  }

  private static long checksumAdd(long sum, byte[] data, int offset, int length) {
    long total = sum;
    for (int i = 0; i < length; i += 2) {
      int high = data[offset + i] & 0xff;
      int low = i + 1 < length ? data[offset + i + 1] & 0xff : 0;
      total += (high << 8) | low;
    }
    return total;
  }

  private static void putChecksum(byte[] bytes, int offset, int checksum) {
    bytes[offset] = (byte) (checksum >>> 8);
    bytes[offset + 1] = (byte) checksum;
  }

  private static byte[] addressBytes(String text, boolean ipv6) {
    byte[] bytes;
    try {
      if (!text.matches("[0-9A-Fa-f:.]+")) {
        throw new UnknownHostException(text);
      }
      bytes = InetAddress.getByName(text).getAddress(); // a literal: no name lookup
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(text + " is not an IP address", e);
    }
    if ((bytes.length == 16) != ipv6) {
      throw new IllegalArgumentException(
          text + " is not an " + (ipv6 ? "IPv6" : "IPv4") + " address");
    }
    return bytes;
  }
}
