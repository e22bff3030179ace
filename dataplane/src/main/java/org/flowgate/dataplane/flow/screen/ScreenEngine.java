package org.flowgate.dataplane.flow.screen;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.flowgate.dataplane.flow.FirstPacket;
import org.flowgate.dataplane.flow.SessionEvents;
import org.flowgate.dataplane.net.IpProtocol;
import org.flowgate.dataplane.packet.DropReason;
import org.flowgate.dataplane.packet.PacketDescriptor;
import org.flowgate.dataplane.packet.TcpFlags;
import org.flowgate.dataplane.packet.Wire;
import org.flowgate.dataplane.route.Route;
import org.flowgate.dataplane.route.RouteType;
import org.flowgate.dataplane.runtime.RuntimeConfig;
import org.flowgate.dataplane.screen.IdsOption;
import org.flowgate.dataplane.screen.ScreenAttack;
import org.flowgate.dataplane.session.SessionTable;

/**
 * One SPU's screens: the {@code security screen ids-option} of each packet's ingress zone, applied
 * where Junos applies them (docs/adr/0024-screens.md). Stateless checks look at every packet, on
 * the first path and on the fast path; the floods count every packet; the SYN flood, scans, sweeps,
 * spoofing and session limits look at first packets; ping of death and bad options at the packets
 * the decoder refused for them.
 *
 * <pre>
 *  every packet of a screened zone     first packets only           undecodable packets
 *  ─────────────────────────────────   ─────────────────────────    ─────────────────────
 *  IP   unknown-protocol, options,     IP spoofing (route back)     BAD_FRAGMENT of ICMP:
 *       block-frag, tear-drop          TCP syn-flood source,            ping-death
 *  ICMP fragment, large, flood         destination, attack          BAD_IP_OPTIONS:
 *  TCP  syn-frag, syn-fin, fin-no-ack,  (+ alarm) threshold             bad-option
 *       tcp-no-flag, winnuke, land     scans: TCP/UDP port-scan,
 *  UDP  flood                          tcp-/udp-/ip-sweep
 *                                      limit-session source/dest.
 * </pre>
 *
 * The first check that fires decides: its counter (per ingress interface and attack; a zone's
 * statistics are the sum of its interfaces) counts the packet, its RT_IDS alarm goes to the session
 * events (at most once a minute per attack and key, once a second for a SYN flood, {@link
 * AlarmLimiter}), and the packet is dropped with the screen's {@link DropReason}. Under {@code
 * alarm-without-drop} every check that fires counts and alarms and the packet goes on.
 *
 * <p>State is per SPU and bounded: direct-mapped tables of {@value #LINES} lines per kind, made at
 * install for the kinds a generation uses; session counts sized to the SPU's session table. With
 * several SPUs a per-source or per-destination threshold holds per SPU (docs/adr/0024).
 *
 * <p>Thread: owned by its SPU's thread; {@link #statistics} and {@link #clear} run there too (as
 * SPU queries). Allocates nothing per packet.
 */
public final class ScreenEngine {
  static final long SECOND_NS = 1_000_000_000L;

  /** Lines of each direct-mapped table (floods, SYN flood, scans, tear-drop, alarms). */
  public static final int LINES = 4096;

  private static final int ATTACKS = ScreenAttack.count();
  private static final DropReason[] DROP = new DropReason[ATTACKS];

  /** ICMP of more IP bytes than this is a large ICMP packet (Junos: size > 1024). */
  static final int LARGE_ICMP_BYTES = 1024;

  /** IPv4 protocol numbers from here up are unknown (JUNIPER-JS-SCREENING-MIB: 137 or greater). */
  static final int FIRST_UNKNOWN_PROTOCOL = 137;

  /** NetBIOS session service, the port WinNuke aims at. */
  static final int NETBIOS_SESSION_PORT = 139;

  private static final int COUNTED_SOURCE = 1;
  private static final int COUNTED_DESTINATION = 2;

  static {
    for (ScreenAttack attack : ScreenAttack.values()) {
      if (attack.detected()) {
        DROP[attack.ordinal()] = DropReason.valueOf("SCREEN_" + attack.name());
      }
    }
  }

  private final int spu;
  private final SessionTable table;
  private final Alarm alarm = new Alarm();
  private final AlarmLimiter limiter = new AlarmLimiter(LINES);
  private SessionEvents events = SessionEvents.NONE;
  private RuntimeConfig config;
  private boolean active;
  private Profile[] zoneProfiles = new Profile[0];
  private int[] zoneNumbers = new int[0];
  private int[] interfaceRows = new int[0];

  // stable numbers by name, so that counters and session counts outlive a commit that renumbers
  private final Map<String, Integer> zoneNumberByName = new HashMap<>();
  private final Map<String, Integer> rowByInterfaceName = new HashMap<>();
  private long[] counts = new long[0];

  private RateWindows icmpFlood;
  private RateWindows udpFlood;
  private RateWindows synAttack;
  private RateWindows synSource;
  private RateWindows synDestination;
  private DistinctWindows tcpPortScan;
  private DistinctWindows udpPortScan;
  private DistinctWindows ipSweep;
  private DistinctWindows tcpSweep;
  private DistinctWindows udpSweep;
  private FragmentOverlaps fragments;
  private SessionCounts sourceSessions;
  private SessionCounts destinationSessions;
  private byte[] countedKinds;
  private int[] countedZone;

  // the first packet under way
  private boolean screenedOnFastPath;
  private int pendingKinds;
  private int pendingZone;

  public ScreenEngine(int spu, SessionTable table) {
    this.spu = spu;
    this.table = table;
  }

  public void setEvents(SessionEvents sessionEvents) {
    this.events = sessionEvents;
  }

  /** Takes a new generation: each zone's ids-option, and the tables its screens need. */
  public void install(RuntimeConfig generation) {
    config = generation;
    active = generation.screens().screensAnyZone();
    int zones = generation.zones().size();
    zoneProfiles = new Profile[zones];
    zoneNumbers = new int[zones];
    boolean limits = false;
    for (int zone = 0; zone < zones; zone++) {
      zoneNumbers[zone] =
          zoneNumberByName.computeIfAbsent(
              generation.zones().get(zone).name(), n -> zoneNumberByName.size());
      IdsOption option = generation.screens().forZone(zone);
      if (option == null || !option.screensAnything()) {
        continue;
      }
      Profile profile = new Profile(option);
      zoneProfiles[zone] = profile;
      makeTables(profile);
      limits |= profile.sourceSessions > 0 || profile.destinationSessions > 0;
    }
    if (limits && sourceSessions == null) {
      sourceSessions = new SessionCounts(table.capacity());
      destinationSessions = new SessionCounts(table.capacity());
      countedKinds = new byte[table.capacity()];
      countedZone = new int[table.capacity()];
    }
    int interfaces = generation.interfaces().size();
    interfaceRows = new int[interfaces];
    for (int i = 0; i < interfaces; i++) {
      interfaceRows[i] =
          rowByInterfaceName.computeIfAbsent(
              generation.interfaceAt(i).name(), n -> rowByInterfaceName.size());
    }
    if (counts.length < rowByInterfaceName.size() * ATTACKS) {
      counts = Arrays.copyOf(counts, rowByInterfaceName.size() * ATTACKS);
    }
  }

  private void makeTables(Profile p) {
    if (p.icmpFloodPps > 0 && icmpFlood == null) {
      icmpFlood = new RateWindows(LINES);
    }
    if (p.udpFloodPps > 0 && udpFlood == null) {
      udpFlood = new RateWindows(LINES);
    }
    if (p.synFlood && synAttack == null) {
      synAttack = new RateWindows(LINES);
      synSource = new RateWindows(LINES);
      synDestination = new RateWindows(LINES);
    }
    if (p.tcpPortScanNs > 0 && tcpPortScan == null) {
      tcpPortScan = new DistinctWindows(LINES);
    }
    if (p.udpPortScanNs > 0 && udpPortScan == null) {
      udpPortScan = new DistinctWindows(LINES);
    }
    if (p.ipSweepNs > 0 && ipSweep == null) {
      ipSweep = new DistinctWindows(LINES);
    }
    if (p.tcpSweepNs > 0 && tcpSweep == null) {
      tcpSweep = new DistinctWindows(LINES);
    }
    if (p.udpSweepNs > 0 && udpSweep == null) {
      udpSweep = new DistinctWindows(LINES);
    }
    if (p.has(ScreenAttack.IP_TEAR_DROP) && fragments == null) {
      fragments = new FragmentOverlaps(LINES);
    }
  }

  /** True when some zone of the generation applies a screen: the one check of a packet path. */
  public boolean active() {
    return active;
  }

  // ------------------------------------------------------------------ fast path

  /**
   * A packet of a session, before the fast path takes it: the every-packet screens of the zone its
   * wing arrives from. Null to go on, else why it is dropped.
   */
  public DropReason onSessionPacket(
      int slot, int wing, PacketDescriptor packet, boolean transportHeader, long nowNs) {
    int ingress = table.interfaceIndex(slot, wing);
    int zone = config.zoneOf(ingress);
    Profile profile = zone < 0 ? null : zoneProfiles[zone];
    if (profile == null) {
      return null;
    }
    return everyPacket(profile, packet, transportHeader, ingress, zone, nowNs);
  }

  /**
   * Says whether the packet about to take the first path was screened on the fast path already (a
   * session that ended under it), so that its every-packet screens do not count it twice.
   */
  public void screenedOnFastPath(boolean screened) {
    screenedOnFastPath = screened;
  }

  // ------------------------------------------------------------------ first path

  /** The first-path stage: every-packet screens (unless done) and the first-packet ones. */
  public DropReason onFirstPacket(FirstPacket first) {
    pendingKinds = 0;
    boolean alreadyScreened = screenedOnFastPath;
    screenedOnFastPath = false;
    if (!active || first.fromZone < 0) {
      return null;
    }
    Profile profile = zoneProfiles[first.fromZone];
    if (profile == null) {
      return null;
    }
    PacketDescriptor packet = first.packet;
    long nowNs = first.nowNs();
    int ingress = first.ingress;
    int zone = first.fromZone;
    if (!alreadyScreened) {
      DropReason verdict =
          everyPacket(profile, packet, first.transportHeader, ingress, zone, nowNs);
      if (verdict != null) {
        return verdict;
      }
    }
    return profile.firstPacketWork ? firstPacket(profile, first, packet, nowNs) : null;
  }

  /** After the first path installed the session in {@code slot}: counts it for limit-session. */
  public void sessionInstalled(int slot) {
    if (pendingKinds == 0 || slot < 0) {
      return;
    }
    countedKinds[slot] = (byte) pendingKinds;
    countedZone[slot] = pendingZone;
    if ((pendingKinds & COUNTED_SOURCE) != 0) {
      sourceSessions.increment(
          table.sourceHi(slot, SessionTable.FORWARD),
          table.sourceLo(slot, SessionTable.FORWARD),
          pendingZone);
    }
    if ((pendingKinds & COUNTED_DESTINATION) != 0) {
      destinationSessions.increment(
          table.destinationHi(slot, SessionTable.FORWARD),
          table.destinationLo(slot, SessionTable.FORWARD),
          pendingZone);
    }
    pendingKinds = 0;
  }

  /** A session is ending: it no longer counts toward its source's and destination's limit. */
  public void sessionEnding(int slot) {
    if (countedKinds == null || countedKinds[slot] == 0) {
      return;
    }
    int kinds = countedKinds[slot];
    countedKinds[slot] = 0;
    if ((kinds & COUNTED_SOURCE) != 0) {
      sourceSessions.decrement(
          table.sourceHi(slot, SessionTable.FORWARD),
          table.sourceLo(slot, SessionTable.FORWARD),
          countedZone[slot]);
    }
    if ((kinds & COUNTED_DESTINATION) != 0) {
      destinationSessions.decrement(
          table.destinationHi(slot, SessionTable.FORWARD),
          table.destinationLo(slot, SessionTable.FORWARD),
          countedZone[slot]);
    }
  }

  // ------------------------------------------------------------------ undecodable packets

  /**
   * A packet the decoder refused, with the interface it came in on: an ICMP fragment running past
   * 65535 bytes is a ping of death, a malformed IPv4 option list a bad option, when the zone
   * screens them. Answers the reason it is dropped for.
   */
  public DropReason onUndecodable(
      DropReason reason, PacketDescriptor packet, int ingress, long nowNs) {
    int zone = ingress < 0 || config == null ? -1 : config.zoneOf(ingress);
    Profile profile = zone < 0 ? null : zoneProfiles[zone];
    if (profile == null) {
      return reason;
    }
    ScreenAttack attack =
        reason == DropReason.BAD_FRAGMENT && IpProtocol.isIcmp(packet.protocol)
            ? ScreenAttack.ICMP_PING_OF_DEATH
            : reason == DropReason.BAD_IP_OPTIONS ? ScreenAttack.IP_BAD_OPTIONS : null;
    if (attack == null || !profile.has(attack)) {
      return reason;
    }
    return fires(profile, attack, packet, ingress, zone, nowNs, addressKey(packet), true)
        ? DROP[attack.ordinal()]
        : reason;
  }

  // ------------------------------------------------------------------ the checks

  private DropReason everyPacket(
      Profile p,
      PacketDescriptor packet,
      boolean transportHeader,
      int ingress,
      int zone,
      long nowNs) {
    long checks = p.checks;
    int protocol = packet.protocol;
    long pair = addressKey(packet);
    if ((checks & Profile.bit(ScreenAttack.IP_UNKNOWN_PROTOCOL)) != 0
        && packet.ipVersion == 4
        && protocol >= FIRST_UNKNOWN_PROTOCOL
        && fires(p, ScreenAttack.IP_UNKNOWN_PROTOCOL, packet, ingress, zone, nowNs, pair, true)) {
      return DROP[ScreenAttack.IP_UNKNOWN_PROTOCOL.ordinal()];
    }
    if ((checks & Profile.OPTION_CHECKS) != 0 && packet.ipVersion == 4) {
      DropReason verdict = options(p, packet, ingress, zone, nowNs, pair);
      if (verdict != null) {
        return verdict;
      }
    }
    if (packet.fragment && (checks & Profile.FRAGMENT_CHECKS) != 0) {
      DropReason verdict = fragment(p, packet, transportHeader, ingress, zone, nowNs, pair);
      if (verdict != null) {
        return verdict;
      }
    }
    if (IpProtocol.isIcmp(protocol)) {
      if ((checks & Profile.bit(ScreenAttack.ICMP_LARGE_PACKET)) != 0
          && packet.ipLengthBytes > LARGE_ICMP_BYTES
          && fires(p, ScreenAttack.ICMP_LARGE_PACKET, packet, ingress, zone, nowNs, pair, true)) {
        return DROP[ScreenAttack.ICMP_LARGE_PACKET.ordinal()];
      }
      if (p.icmpFloodPps > 0
          && flood(
              p,
              icmpFlood,
              p.icmpFloodPps,
              ScreenAttack.ICMP_FLOOD,
              packet,
              ingress,
              zone,
              nowNs)) {
        return DROP[ScreenAttack.ICMP_FLOOD.ordinal()];
      }
      return null;
    }
    if (protocol == IpProtocol.TCP) {
      return transportHeader && (checks & Profile.TCP_FLAG_CHECKS) != 0
          ? tcpFlags(p, packet, ingress, zone, nowNs, pair)
          : null;
    }
    if (protocol == IpProtocol.UDP
        && p.udpFloodPps > 0
        && flood(
            p, udpFlood, p.udpFloodPps, ScreenAttack.UDP_FLOOD, packet, ingress, zone, nowNs)) {
      return DROP[ScreenAttack.UDP_FLOOD.ordinal()];
    }
    return null;
  }

  /*
   * IPv4 options (RFC 791 §3.1; option types with the copied bit):
   *   7 record route   68 timestamp   130 security   131 loose source route
   *   136 stream id    137 strict source route       0 end of list, 1 no-op
   * The decoder has checked the list's lengths (else BAD_IP_OPTIONS).
   */
  private DropReason options(
      Profile p, PacketDescriptor packet, int ingress, int zone, long nowNs, long pair) {
    long at = packet.l3Offset;
    int headerBytes = (Wire.u8(packet.segment, at) & 0x0f) * 4;
    long end = at + headerBytes;
    long position = at + 20;
    while (position < end) {
      int type = Wire.u8(packet.segment, position);
      if (type == 0) {
        break;
      }
      if (type == 1) {
        position++;
        continue;
      }
      ScreenAttack attack =
          switch (type) {
            case 7 -> ScreenAttack.IP_RECORD_ROUTE_OPTION;
            case 68 -> ScreenAttack.IP_TIMESTAMP_OPTION;
            case 130 -> ScreenAttack.IP_SECURITY_OPTION;
            case 131 -> ScreenAttack.IP_LOOSE_SOURCE_ROUTE_OPTION;
            case 136 -> ScreenAttack.IP_STREAM_OPTION;
            case 137 -> ScreenAttack.IP_STRICT_SOURCE_ROUTE_OPTION;
            default -> null;
          };
      if (attack != null) {
        if (p.has(attack) && fires(p, attack, packet, ingress, zone, nowNs, pair, true)) {
          return DROP[attack.ordinal()];
        }
        boolean sourceRoute = type == 131 || type == 137;
        if (sourceRoute
            && p.has(ScreenAttack.IP_SOURCE_ROUTE_OPTION)
            && fires(
                p, ScreenAttack.IP_SOURCE_ROUTE_OPTION, packet, ingress, zone, nowNs, pair, true)) {
          return DROP[ScreenAttack.IP_SOURCE_ROUTE_OPTION.ordinal()];
        }
      }
      position += Math.max(2, Wire.u8(packet.segment, position + 1));
    }
    return null;
  }

  private DropReason fragment(
      Profile p,
      PacketDescriptor packet,
      boolean transportHeader,
      int ingress,
      int zone,
      long nowNs,
      long pair) {
    if (p.has(ScreenAttack.IP_BLOCK_FRAGMENT)
        && fires(p, ScreenAttack.IP_BLOCK_FRAGMENT, packet, ingress, zone, nowNs, pair, true)) {
      return DROP[ScreenAttack.IP_BLOCK_FRAGMENT.ordinal()];
    }
    if (p.has(ScreenAttack.IP_TEAR_DROP) && packet.ipVersion == 4) {
      int headerBytes = (Wire.u8(packet.segment, packet.l3Offset) & 0x0f) * 4;
      if (fragments.overlaps(
              packet.sourceHi,
              packet.sourceLo,
              packet.destinationHi,
              packet.destinationLo,
              packet.fragmentId,
              packet.protocol,
              packet.fragmentOffsetBytes,
              packet.ipLengthBytes - headerBytes)
          && fires(p, ScreenAttack.IP_TEAR_DROP, packet, ingress, zone, nowNs, pair, true)) {
        return DROP[ScreenAttack.IP_TEAR_DROP.ordinal()];
      }
    }
    if (IpProtocol.isIcmp(packet.protocol)
        && p.has(ScreenAttack.ICMP_FRAGMENT)
        && fires(p, ScreenAttack.ICMP_FRAGMENT, packet, ingress, zone, nowNs, pair, true)) {
      return DROP[ScreenAttack.ICMP_FRAGMENT.ordinal()];
    }
    if (packet.protocol == IpProtocol.TCP
        && transportHeader
        && (packet.tcpFlags & TcpFlags.SYN) != 0
        && p.has(ScreenAttack.TCP_SYN_FRAGMENT)
        && fires(p, ScreenAttack.TCP_SYN_FRAGMENT, packet, ingress, zone, nowNs, pair, true)) {
      return DROP[ScreenAttack.TCP_SYN_FRAGMENT.ordinal()];
    }
    return null;
  }

  /*
   * TCP flags (RFC 9293 §3.1): SYN with FIN; FIN without ACK; no flag at all; URG to NetBIOS
   * (WinNuke); SYN whose source address is its destination (land).
   */
  private DropReason tcpFlags(
      Profile p, PacketDescriptor packet, int ingress, int zone, long nowNs, long pair) {
    int flags = packet.tcpFlags;
    ScreenAttack attack = null;
    if ((flags & (TcpFlags.SYN | TcpFlags.FIN)) == (TcpFlags.SYN | TcpFlags.FIN)) {
      attack = ScreenAttack.TCP_SYN_FIN;
    } else if ((flags & (TcpFlags.FIN | TcpFlags.ACK)) == TcpFlags.FIN) {
      attack = ScreenAttack.TCP_FIN_NO_ACK;
    } else if ((flags & 0x3f) == 0) {
      attack = ScreenAttack.TCP_NO_FLAG;
    }
    if (attack != null
        && p.has(attack)
        && fires(p, attack, packet, ingress, zone, nowNs, pair, true)) {
      return DROP[attack.ordinal()];
    }
    if ((flags & TcpFlags.URG) != 0
        && packet.destinationPort == NETBIOS_SESSION_PORT
        && p.has(ScreenAttack.TCP_WINNUKE)
        && fires(p, ScreenAttack.TCP_WINNUKE, packet, ingress, zone, nowNs, pair, true)) {
      return DROP[ScreenAttack.TCP_WINNUKE.ordinal()];
    }
    if ((flags & TcpFlags.SYN) != 0
        && packet.sourceLo == packet.destinationLo
        && packet.sourceHi == packet.destinationHi
        && p.has(ScreenAttack.TCP_LAND_ATTACK)
        && fires(p, ScreenAttack.TCP_LAND_ATTACK, packet, ingress, zone, nowNs, pair, true)) {
      return DROP[ScreenAttack.TCP_LAND_ATTACK.ordinal()];
    }
    return null;
  }

  /**
   * ICMP or UDP flood: packets per second to one destination address. Past the threshold the screen
   * takes every packet to that destination for the rest of the second and the next one (Junos:
   * "ignores further ... for the remainder of that second and the next second").
   */
  private boolean flood(
      Profile p,
      RateWindows windows,
      int thresholdPps,
      ScreenAttack attack,
      PacketDescriptor packet,
      int ingress,
      int zone,
      long nowNs) {
    long second = Math.floorDiv(nowNs, SECOND_NS);
    int zoneNumber = zoneNumbers[zone];
    int count = windows.count(packet.destinationHi, packet.destinationLo, zoneNumber, second);
    if (count <= thresholdPps) {
      return false;
    }
    if (count != RateWindows.BLOCKED) {
      windows.block(second + 1);
    }
    return fires(
        p, attack, packet, ingress, zone, nowNs, destinationKey(packet, zoneNumber, 0), true);
  }

  private DropReason firstPacket(
      Profile p, FirstPacket first, PacketDescriptor packet, long nowNs) {
    int ingress = first.ingress;
    int zone = first.fromZone;
    int zoneNumber = zoneNumbers[zone];
    if (p.has(ScreenAttack.IP_SPOOFING) && spoofed(first)) {
      if (fires(
          p, ScreenAttack.IP_SPOOFING, packet, ingress, zone, nowNs, addressKey(packet), true)) {
        return DROP[ScreenAttack.IP_SPOOFING.ordinal()];
      }
    }
    int protocol = packet.protocol;
    if (protocol == IpProtocol.TCP && first.transportHeader) {
      if (p.synFlood && TcpFlags.isInitialSyn(packet.tcpFlags)) {
        DropReason verdict = synFlood(p, packet, ingress, zone, zoneNumber, nowNs);
        if (verdict != null) {
          return verdict;
        }
      }
      if (p.tcpPortScanNs > 0
          && scan(
              p,
              tcpPortScan,
              p.tcpPortScanNs,
              packet.destinationPort,
              false,
              ScreenAttack.TCP_PORT_SCAN,
              packet,
              ingress,
              zone,
              zoneNumber,
              nowNs)) {
        return DROP[ScreenAttack.TCP_PORT_SCAN.ordinal()];
      }
      if (p.tcpSweepNs > 0
          && scan(
              p,
              tcpSweep,
              p.tcpSweepNs,
              Keys.fold(packet.destinationHi, packet.destinationLo),
              false,
              ScreenAttack.TCP_SWEEP,
              packet,
              ingress,
              zone,
              zoneNumber,
              nowNs)) {
        return DROP[ScreenAttack.TCP_SWEEP.ordinal()];
      }
    } else if (protocol == IpProtocol.UDP && first.transportHeader) {
      if (p.udpPortScanNs > 0
          && scan(
              p,
              udpPortScan,
              p.udpPortScanNs,
              packet.destinationPort,
              false,
              ScreenAttack.UDP_PORT_SCAN,
              packet,
              ingress,
              zone,
              zoneNumber,
              nowNs)) {
        return DROP[ScreenAttack.UDP_PORT_SCAN.ordinal()];
      }
      if (p.udpSweepNs > 0
          && scan(
              p,
              udpSweep,
              p.udpSweepNs,
              Keys.fold(packet.destinationHi, packet.destinationLo),
              false,
              ScreenAttack.UDP_SWEEP,
              packet,
              ingress,
              zone,
              zoneNumber,
              nowNs)) {
        return DROP[ScreenAttack.UDP_SWEEP.ordinal()];
      }
    } else if (packet.icmpEcho
        && (packet.icmpType == 8 || packet.icmpType == 128)
        && p.ipSweepNs > 0
        && scan(
            p,
            ipSweep,
            p.ipSweepNs,
            Keys.fold(packet.destinationHi, packet.destinationLo),
            true,
            ScreenAttack.ICMP_ADDRESS_SWEEP,
            packet,
            ingress,
            zone,
            zoneNumber,
            nowNs)) {
      return DROP[ScreenAttack.ICMP_ADDRESS_SWEEP.ordinal()];
    }
    return sessionLimits(p, packet, ingress, zone, zoneNumber, nowNs);
  }

  /**
   * IP spoofing: the route back to the source must leave through the interface the packet came in
   * on; no route, a discard or reject route, or the firewall's own address as source is spoofed.
   */
  private boolean spoofed(FirstPacket first) {
    List<org.flowgate.dataplane.route.RoutingInstance> instances = config.routingInstances();
    if (first.routingInstance < 0 || first.routingInstance >= instances.size()) {
      return true;
    }
    Route back =
        instances.get(first.routingInstance).lookup(first.packet.sourceHi, first.packet.sourceLo);
    return back == null || back.type() == RouteType.LOCAL || back.interfaceIndex() != first.ingress;
  }

  /*
   * SYN flood, in the order a SYN meets the thresholds:
   *   source-threshold       SYN per second from the source address        > threshold: drop
   *   destination-threshold  SYN per second to the destination address     > threshold: drop
   *   attack-threshold       SYN per second to the destination address and port
   *                          > attack: taken by the screen (Junos proxies them with SYN cookies;
   *                          Flowgate, without a proxy, drops them); alarm logged when
   *                          > attack + alarm-threshold (Junos: "3001 SYN" for 2000 + 1000)
   */
  private DropReason synFlood(
      Profile p, PacketDescriptor packet, int ingress, int zone, int zoneNumber, long nowNs) {
    long second = Math.floorDiv(nowNs, SECOND_NS);
    if (synSource.count(packet.sourceHi, packet.sourceLo, zoneNumber, second) > p.synSource
        && fires(
            p,
            ScreenAttack.TCP_SYN_FLOOD_SOURCE,
            packet,
            ingress,
            zone,
            nowNs,
            sourceKey(packet, zoneNumber),
            true)) {
      return DROP[ScreenAttack.TCP_SYN_FLOOD_SOURCE.ordinal()];
    }
    if (synDestination.count(packet.destinationHi, packet.destinationLo, zoneNumber, second)
            > p.synDestination
        && fires(
            p,
            ScreenAttack.TCP_SYN_FLOOD_DESTINATION,
            packet,
            ingress,
            zone,
            nowNs,
            destinationKey(packet, zoneNumber, 0),
            true)) {
      return DROP[ScreenAttack.TCP_SYN_FLOOD_DESTINATION.ordinal()];
    }
    long portKey = (long) zoneNumber << 16 | packet.destinationPort;
    int count = synAttack.count(packet.destinationHi, packet.destinationLo, portKey, second);
    if (count > p.synAttack
        && fires(
            p,
            ScreenAttack.TCP_SYN_FLOOD,
            packet,
            ingress,
            zone,
            nowNs,
            destinationKey(packet, zoneNumber, packet.destinationPort),
            (long) count > (long) p.synAttack + p.synAlarm)) {
      return DROP[ScreenAttack.TCP_SYN_FLOOD.ordinal()];
    }
    return null;
  }

  private boolean scan(
      Profile p,
      DistinctWindows windows,
      long thresholdNs,
      long value,
      boolean toSecondEnd,
      ScreenAttack attack,
      PacketDescriptor packet,
      int ingress,
      int zone,
      int zoneNumber,
      long nowNs) {
    return windows.attack(
            packet.sourceHi, packet.sourceLo, zoneNumber, value, nowNs, thresholdNs, toSecondEnd)
        && fires(p, attack, packet, ingress, zone, nowNs, sourceKey(packet, zoneNumber), true);
  }

  /**
   * limit-session: a first packet from a source (to a destination) that already has as many
   * sessions in the zone as the limit is dropped; else, once the session is installed, it counts.
   */
  private DropReason sessionLimits(
      Profile p, PacketDescriptor packet, int ingress, int zone, int zoneNumber, long nowNs) {
    int kinds = 0;
    if (p.sourceSessions > 0) {
      if (sourceSessions.count(packet.sourceHi, packet.sourceLo, zoneNumber) >= p.sourceSessions) {
        if (fires(
            p,
            ScreenAttack.SOURCE_SESSION_LIMIT,
            packet,
            ingress,
            zone,
            nowNs,
            sourceKey(packet, zoneNumber),
            true)) {
          return DROP[ScreenAttack.SOURCE_SESSION_LIMIT.ordinal()];
        }
      }
      kinds |= COUNTED_SOURCE;
    }
    if (p.destinationSessions > 0) {
      if (destinationSessions.count(packet.destinationHi, packet.destinationLo, zoneNumber)
          >= p.destinationSessions) {
        if (fires(
            p,
            ScreenAttack.DESTINATION_SESSION_LIMIT,
            packet,
            ingress,
            zone,
            nowNs,
            destinationKey(packet, zoneNumber, 0),
            true)) {
          return DROP[ScreenAttack.DESTINATION_SESSION_LIMIT.ordinal()];
        }
      }
      kinds |= COUNTED_DESTINATION;
    }
    pendingKinds = kinds;
    pendingZone = zoneNumber;
    return null;
  }

  // ------------------------------------------------------------------ firing

  // The limiter's key: which addresses (as one long) and the attack, zone and port.
  private long keyHi;
  private long keyLo;

  private long addressKey(PacketDescriptor packet) {
    keyHi = packet.sourceHi ^ Long.rotateLeft(packet.destinationHi, 17);
    keyLo = packet.sourceLo ^ Long.rotateLeft(packet.destinationLo, 29);
    return 0;
  }

  private long sourceKey(PacketDescriptor packet, int zoneNumber) {
    keyHi = packet.sourceHi;
    keyLo = packet.sourceLo;
    return (long) zoneNumber << 16;
  }

  private long destinationKey(PacketDescriptor packet, int zoneNumber, int port) {
    keyHi = packet.destinationHi;
    keyLo = packet.destinationLo;
    return (long) zoneNumber << 16 | port;
  }

  /**
   * A screen fired: counts the packet on its ingress interface, offers the alarm (at most once a
   * minute per key, a second for the SYN flood's), and answers whether the packet is dropped. The
   * key words come from the last {@code *Key} call ({@code extra} is what it returned).
   */
  private boolean fires(
      Profile p,
      ScreenAttack attack,
      PacketDescriptor packet,
      int ingress,
      int zone,
      long nowNs,
      long extra,
      boolean log) {
    if (ingress >= 0 && ingress < interfaceRows.length) {
      counts[interfaceRows[ingress] * ATTACKS + attack.ordinal()]++;
    }
    if (log
        && limiter.allow(
            keyHi,
            keyLo,
            extra ^ (long) attack.ordinal() << 48 ^ (long) zone << 40,
            nowNs,
            attack == ScreenAttack.TCP_SYN_FLOOD ? SECOND_NS : AlarmLimiter.MINUTE_NS)) {
      alarm.set(attack, packet, ingress, zone, nowNs, !p.alarmOnly);
      events.screenAttack(alarm);
    }
    return !p.alarmOnly;
  }

  /** The reusable alarm handed to the session events. */
  private final class Alarm implements SessionEvents.ScreenAlarm {
    private ScreenAttack attack;
    private PacketDescriptor packet;
    private int ingress;
    private int zone;
    private long nowNs;
    private boolean dropped;

    void set(
        ScreenAttack what,
        PacketDescriptor which,
        int interfaceIndex,
        int zoneIndex,
        long timeNs,
        boolean drop) {
      attack = what;
      packet = which;
      ingress = interfaceIndex;
      zone = zoneIndex;
      nowNs = timeNs;
      dropped = drop;
    }

    @Override
    public int spu() {
      return spu;
    }

    @Override
    public long nowNs() {
      return nowNs;
    }

    @Override
    public RuntimeConfig config() {
      return config;
    }

    @Override
    public PacketDescriptor packet() {
      return packet;
    }

    @Override
    public ScreenAttack attack() {
      return attack;
    }

    @Override
    public int ingressInterface() {
      return ingress;
    }

    @Override
    public int zone() {
      return zone;
    }

    @Override
    public boolean dropped() {
      return dropped;
    }
  }

  // ------------------------------------------------------------------ statistics

  /**
   * The counters of every interface of the generation, by name: for each, the packets each attack
   * was found in ({@link ScreenAttack} order). Copies; runs on the SPU's thread.
   */
  public Map<String, long[]> statistics() {
    Map<String, long[]> byInterface = new java.util.LinkedHashMap<>();
    for (int i = 0; i < interfaceRows.length; i++) {
      int row = interfaceRows[i] * ATTACKS;
      byInterface.put(config.interfaceAt(i).name(), Arrays.copyOfRange(counts, row, row + ATTACKS));
    }
    return byInterface;
  }

  /** Zeroes the counters of the interfaces named. */
  public void clear(Set<String> interfaceNames) {
    for (String name : interfaceNames) {
      Integer row = rowByInterfaceName.get(name);
      if (row != null) {
        Arrays.fill(counts, row * ATTACKS, row * ATTACKS + ATTACKS, 0);
      }
    }
  }
}
