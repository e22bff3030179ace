package org.flowgate.dataplane.flow.alg;

import java.lang.foreign.MemorySegment;
import org.flowgate.dataplane.alg.Alg;
import org.flowgate.dataplane.net.IpProtocol;
import org.flowgate.dataplane.packet.Wire;

/**
 * The MS-RPC ALG: reads the DCE/RPC endpoint mapper on TCP port 135; the response to an ept_map
 * request (opnum 3) names, in its protocol towers, the port (and address) where the asked-for
 * interface listens, and the ALG opens a gate for it.
 *
 * <pre>
 *  connection-oriented PDU (DCE 1.1 RPC, C706 §12.6), 16-byte common header
 *   0 rpc_vers 5 | 1 minor | 2 PTYPE (0 request, 2 response) | 3 pfc_flags (1 first, 2 last,
 *   0x80 object uuid) | 4..7 drep (byte 4 bit 4: little-endian integers) | 8 frag_length (2)
 *   | 10 auth_length (2) | 12 call_id (4)
 *  request:  16 alloc_hint (4) | 20 p_cont_id (2) | 22 opnum (2) | [24 object uuid (16)] | stub
 *  response: 16 alloc_hint (4) | 20 p_cont_id (2) | 22 cancel_count | 23 reserved | 24 stub
 *
 *  ept_map response stub (NDR, drep byte order):
 *   entry_handle (20) | num_towers (4) | max_count (4) | offset (4) | actual_count (4)
 *   | a referent id (4) per tower | per tower: max_count (4) | tower_length (4) | octets, padded
 *  tower octets (little-endian counts, big-endian values, DCE C706 appendix L):
 *   floor_count (2) | per floor: lhs_length (2) | lhs (protocol id first) | rhs_length (2) | rhs
 *   protocol 0x07 TCP port (rhs: port), 0x08 UDP port, 0x09 IPv4 address (rhs: 4 bytes)
 *
 *  the request's call_id is kept (scratch word 0); the response with that call_id, whole in one
 *  fragment, opens per tower a gate
 *    client:any ─► address (0.0.0.0 or none: the server as the client knows it):port
 *    reusable, open for map-entry-timeout (8 hours), outliving the mapper connection
 *  under destination NAT of the server a tower naming the server's real address is rewritten to
 *  the address the client knows (same length: the TCP stream keeps its sequence numbers) and the
 *  gate translates back
 *  a tower naming a third host: gate to that host (Junos reads no mismatch check for MS-RPC)
 *  a PDU that does not parse (version not 5, fragment shorter than its header, counts beyond the
 *  PDU): malformed, passed without a gate (counted)
 * </pre>
 *
 * <p>Thread: owned by its SPU's thread.
 */
final class MsRpcAlg implements Gateway {
  static final int EPT_MAP = 3;
  static final int MAXIMUM_TOWERS = 4;

  private int mapEntrySeconds = 480 * 60;

  /** Set by {@link #towers}: the endpoints the response names, and where each address lies. */
  int endpoints;

  final int[] endpointProtocol = new int[MAXIMUM_TOWERS];
  final int[] endpointPort = new int[MAXIMUM_TOWERS];
  final long[] endpointAddress = new long[MAXIMUM_TOWERS];

  /** The interface UUID of each tower's first floor (as text reads it: time_low first), 0 none. */
  final long[] endpointUuidHi = new long[MAXIMUM_TOWERS];

  final long[] endpointUuidLo = new long[MAXIMUM_TOWERS];

  /** Offset (from the PDU's start) of each tower's IPv4 address, -1 when it names none. */
  final int[] addressOffset = new int[MAXIMUM_TOWERS];

  @Override
  public Alg alg() {
    return Alg.MSRPC;
  }

  @Override
  public void install(org.flowgate.dataplane.alg.AlgSettings settings) {
    mapEntrySeconds = settings.msRpc().mapEntryTimeoutMinutes() * 60;
  }

  // ------------------------------------------------------------------ the UUID to OID map

  /** The most UUIDs one SPU keeps; a full table gives the one closest to expiry up. */
  static final int UUIDS = 256;

  private final long[] uuidHi = new long[UUIDS];
  private final long[] uuidLo = new long[UUIDS];
  private final long[] uuidOid = new long[UUIDS];
  private final long[] uuidExpiryTick = new long[UUIDS];
  private final boolean[] uuidUsed = new boolean[UUIDS];

  /**
   * An interface UUID an endpoint-mapper response named gets an object id (Junos's UUID-to-OID
   * table, {@code show security alg msrpc object-id-map}), kept for map-entry-timeout. The OID is
   * Flowgate's: 0x80000000 plus the device-wide ordinal of the response packet that first named the
   * UUID, so that 1 or N SPUs give the same numbers.
   */
  void remember(long nowTick, long hi, long lo, long ordinal) {
    int free = -1;
    int soonest = 0;
    long expiry = nowTick + org.flowgate.dataplane.flow.SpuClock.ticks(mapEntrySeconds);
    for (int k = 0; k < UUIDS; k++) {
      if (uuidUsed[k] && uuidExpiryTick[k] <= nowTick) {
        uuidUsed[k] = false;
      }
      if (!uuidUsed[k]) {
        if (free < 0) {
          free = k;
        }
        continue;
      }
      if (uuidHi[k] == hi && uuidLo[k] == lo) {
        uuidExpiryTick[k] = expiry;
        return;
      }
      if (uuidExpiryTick[k] < uuidExpiryTick[soonest]) {
        soonest = k;
      }
    }
    int k = free >= 0 ? free : soonest;
    uuidUsed[k] = true;
    uuidHi[k] = hi;
    uuidLo[k] = lo;
    uuidOid[k] = 0x8000_0000L | (ordinal & 0x7fff_ffffL);
    uuidExpiryTick[k] = expiry;
  }

  /** The UUIDs not yet expired. */
  java.util.List<AlgEngine.ObjectIdMapping> objectIds(int spu, long nowTick) {
    java.util.List<AlgEngine.ObjectIdMapping> out = new java.util.ArrayList<>();
    for (int k = 0; k < UUIDS; k++) {
      if (uuidUsed[k] && uuidExpiryTick[k] > nowTick) {
        out.add(new AlgEngine.ObjectIdMapping(spu, uuidHi[k], uuidLo[k], uuidOid[k]));
      }
    }
    return out;
  }

  @Override
  public boolean datagrams(int protocol) {
    return false; // the endpoint mapper over UDP 135 (connectionless DCE/RPC) is not read
  }

  @Override
  public boolean gatesOutliveControl() {
    return true;
  }

  @Override
  public long resynchronise(MemorySegment s, long at, long end) {
    return at < end ? at : -1;
  }

  @Override
  public int frame(MemorySegment s, long at, int available, int direction) {
    if (available < 10) {
      return available >= 1 && Text.at(s, at) != 5 ? -1 : 0;
    }
    if (Text.at(s, at) != 5) {
      return -1;
    }
    int length = u16(s, at + 8, littleEndian(s, at));
    if (length < 16) {
      return -1;
    }
    return available >= length ? length : 0;
  }

  @Override
  public boolean mayRewrite(MemorySegment s, long at, int available, int direction) {
    return direction == 1 && available >= 3 && Text.at(s, at + 2) == 2;
  }

  private static boolean littleEndian(MemorySegment s, long pdu) {
    return (Text.at(s, pdu + 4) & 0x10) != 0;
  }

  private static int u16(MemorySegment s, long at, boolean le) {
    int v = Wire.u16(s, at);
    return le ? Integer.reverseBytes(v) >>> 16 : v;
  }

  private static long u32(MemorySegment s, long at, boolean le) {
    long v = Wire.u32(s, at);
    return le ? Integer.toUnsignedLong(Integer.reverseBytes((int) v)) : v;
  }

  private static int u16le(MemorySegment s, long at) {
    return Text.at(s, at) | Text.at(s, at + 1) << 8;
  }

  @Override
  public int message(Inspection i, MemorySegment s, long at, int length) {
    if (length < 16 || Text.at(s, at) != 5) {
      i.counters().malformed++;
      return PASS;
    }
    int type = Text.at(s, at + 2);
    int flags = Text.at(s, at + 3);
    boolean le = littleEndian(s, at);
    long callId = u32(s, at + 12, le);
    if (i.fromClient()) {
      if (type == 0 && length >= 24 && u16(s, at + 22, le) == EPT_MAP) {
        i.scratch(0, callId << 1 | 1);
      }
      return PASS;
    }
    long pending = i.scratch(0);
    if (type != 2 || (pending & 1) == 0 || pending >>> 1 != callId) {
      return PASS;
    }
    i.scratch(0, 0);
    if ((flags & 3) != 3) {
      return PASS; // a response in several fragments is not read
    }
    if (towers(s, at, length) < 0) {
      i.counters().malformed++;
      return PASS;
    }
    for (int t = 0; t < endpoints; t++) {
      if (endpointUuidHi[t] != 0 || endpointUuidLo[t] != 0) {
        remember(i.nowTick(), endpointUuidHi[t], endpointUuidLo[t], i.engine.ordinal());
      }
      long address = endpointAddress[t];
      long lo = 0x0000_ffff_0000_0000L | address;
      boolean theServer = address == 0 || (i.serverHi == 0 && lo == i.serverLo);
      boolean translate = theServer && i.serverTranslated();
      if (translate && addressOffset[t] >= 0 && i.canRewrite) {
        i.edits.begin();
        long seen = i.serverSeenLo;
        i.edits.append((int) (seen >>> 24) & 0xff).append((int) (seen >>> 16) & 0xff);
        i.edits.append((int) (seen >>> 8) & 0xff).append((int) seen & 0xff);
        i.edits.replace(addressOffset[t], 4);
      }
      i.engine.openGate(
          i,
          endpointProtocol[t],
          false,
          i.clientHi,
          i.clientLo,
          0,
          theServer ? i.serverSeenHi : 0,
          theServer ? i.serverSeenLo : lo,
          endpointPort[t],
          translate,
          i.serverHi,
          i.serverLo,
          endpointPort[t],
          false,
          mapEntrySeconds,
          0,
          i.clientInterface);
    }
    return PASS;
  }

  /**
   * Reads the towers of an ept_map response PDU at {@code pdu} ({@code length} bytes): the number
   * of endpoints found ({@link #endpoints}), or -1 when the PDU does not parse. Never reads past
   * the PDU.
   */
  int towers(MemorySegment s, long pdu, int length) {
    endpoints = 0;
    if (length < 24 || Text.at(s, pdu) != 5 || Text.at(s, pdu + 2) != 2) {
      return -1;
    }
    boolean le = littleEndian(s, pdu);
    int fragment = u16(s, pdu + 8, le);
    int auth = u16(s, pdu + 10, le);
    long limit = pdu + Math.min(length, fragment) - (auth > 0 ? auth + 8 : 0);
    long p = pdu + 24 + 20; // the stub, past the entry handle
    if (p + 16 > limit) {
      return -1;
    }
    long count = u32(s, p, le);
    long actual = u32(s, p + 12, le);
    if (count > 1000 || actual > count) {
      return -1;
    }
    p += 16;
    if (p + 4 * actual > limit) {
      return -1;
    }
    p += 4 * actual; // referent ids
    for (long t = 0; t < actual && endpoints < MAXIMUM_TOWERS; t++) {
      if (p + 8 > limit) {
        return -1;
      }
      long towerLength = u32(s, p + 4, le);
      long octets = p + 8;
      if (towerLength > limit - octets) {
        return -1;
      }
      if (!tower(s, pdu, octets, octets + towerLength)) {
        return -1;
      }
      p = octets + ((towerLength + 3) & ~3L);
    }
    return endpoints;
  }

  private boolean tower(MemorySegment s, long pdu, long at, long end) {
    if (at + 2 > end) {
      return false;
    }
    int floors = u16le(s, at);
    long p = at + 2;
    int protocol = 0;
    int port = -1;
    long address = 0;
    int addressAt = -1;
    long uuidHi = 0;
    long uuidLo = 0;
    for (int f = 0; f < floors; f++) {
      if (p + 2 > end) {
        return false;
      }
      int lhs = u16le(s, p);
      if (lhs < 1 || p + 2 + lhs + 2 > end) {
        return false;
      }
      int id = Text.at(s, p + 2);
      long rhsAt = p + 2 + lhs;
      int rhs = u16le(s, rhsAt);
      long value = rhsAt + 2;
      if (value + rhs > end) {
        return false;
      }
      if (f == 0 && id == 0x0d && lhs >= 17) {
        // the interface: its UUID, little-endian time fields (C706 appendix A, L)
        long u = p + 3;
        long timeLow = Integer.toUnsignedLong(Integer.reverseBytes((int) Wire.u32(s, u)));
        long timeMid = Integer.reverseBytes(Wire.u16(s, u + 4)) >>> 16 & 0xffff;
        long timeHigh = Integer.reverseBytes(Wire.u16(s, u + 6)) >>> 16 & 0xffff;
        uuidHi = timeLow << 32 | timeMid << 16 | timeHigh;
        uuidLo = Wire.u32(s, u + 8) << 32 | Wire.u32(s, u + 12);
      }
      if ((id == 0x07 || id == 0x08) && rhs == 2) {
        protocol = id == 0x07 ? IpProtocol.TCP : IpProtocol.UDP;
        port = Wire.u16(s, value);
      } else if (id == 0x09 && rhs == 4) {
        address = Wire.u32(s, value);
        addressAt = (int) (value - pdu);
      }
      p = value + rhs;
    }
    if (protocol != 0 && port > 0) {
      endpointProtocol[endpoints] = protocol;
      endpointPort[endpoints] = port;
      endpointAddress[endpoints] = address;
      addressOffset[endpoints] = addressAt;
      endpointUuidHi[endpoints] = uuidHi;
      endpointUuidLo[endpoints] = uuidLo;
      endpoints++;
    }
    return true;
  }
}
