package org.flowgate.dataplane.flow.alg;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import org.flowgate.dataplane.alg.Alg;
import org.flowgate.dataplane.net.IpProtocol;
import org.flowgate.dataplane.packet.Wire;

/**
 * The Sun RPC ALG: reads the portmapper (program 100000, RFC 1833) on UDP and TCP port 111; a
 * GETPORT call and its successful reply open a gate for the program's port, so that the client's
 * calls to the program itself come through without a policy of their own.
 *
 * <pre>
 *  TCP record marking (RFC 5531 §11): each record starts with 4 bytes
 *   +-+-------------------------------+
 *   |L| length (31 bits)              |  L: last fragment of the message
 *   +-+-------------------------------+
 *  UDP: the datagram is the message, no marking
 *
 *  call (client ─► server:111), XDR, big-endian words
 *   xid | 0 CALL | rpcvers 2 | prog 100000 | vers 2 | proc 3 GETPORT
 *   | cred: flavor, length, body (padded to 4) | verf: flavor, length, body
 *   | mapping: prog | vers | prot (6 TCP, 17 UDP) | port
 *  reply (server ─► client)
 *   xid | 1 REPLY | 0 MSG_ACCEPTED | verf: flavor, length, body | 0 SUCCESS | port
 *
 *  the call's xid, prot and program are kept (control state scratch word 0 and 1); the reply
 *  with that xid and a port other than 0 opens the gate
 *  gate  prot  client:any ─► server (as the client knows it):port, translated to the real
 *        server under destination NAT; reusable (each connection to the program is a child) and
 *        open for map-entry-timeout (8 hours by default); it outlives the portmapper session
 *  versions 3 and 4 (rpcbind GETADDR, a universal address string) are not read: they pass
 *  a message that does not parse (a record length under 28 bytes, an opaque body longer than
 *  the message, a call that is not RPC version 2): malformed, passed without a gate (counted)
 * </pre>
 *
 * The portmapper reply carries a port only, so NAT changes nothing in it.
 *
 * <p>Thread: owned by its SPU's thread.
 */
final class SunRpcAlg implements Gateway {
  static final long PORTMAPPER = 100_000;
  static final int GETPORT = 3;

  private int mapEntrySeconds = 480 * 60;

  /** Set by {@link #call}: the mapping a GETPORT asks for. */
  long xid;

  long program;
  int protocol;

  /** Set by {@link #reply}: the port the portmapper answered. */
  int port;

  @Override
  public Alg alg() {
    return Alg.SUNRPC;
  }

  @Override
  public void install(org.flowgate.dataplane.alg.AlgSettings settings) {
    mapEntrySeconds = settings.sunRpc().mapEntryTimeoutMinutes() * 60;
  }

  // ------------------------------------------------------------------ the port map

  /** The most mappings one SPU keeps; a full table gives the one closest to expiry up. */
  static final int MAPPINGS = 1024;

  private final long[] mapHi = new long[MAPPINGS];
  private final long[] mapLo = new long[MAPPINGS];
  private final int[] mapPort = new int[MAPPINGS];
  private final int[] mapProtocol = new int[MAPPINGS];
  private final long[] mapProgram = new long[MAPPINGS];
  private final long[] mapExpiryTick = new long[MAPPINGS];
  private final boolean[] mapUsed = new boolean[MAPPINGS];

  /**
   * A GETPORT reply's mapping (server, port, protocol, program) is kept for map-entry-timeout, as
   * Junos's Sun RPC port map table ({@code show security alg sunrpc portmap}); the same mapping
   * learnt again lives longer.
   */
  void remember(long nowTick, long hi, long lo, int port, int prot, long program) {
    int free = -1;
    int soonest = 0;
    long expiry = nowTick + org.flowgate.dataplane.flow.SpuClock.ticks(mapEntrySeconds);
    for (int k = 0; k < MAPPINGS; k++) {
      if (mapUsed[k] && mapExpiryTick[k] <= nowTick) {
        mapUsed[k] = false;
      }
      if (!mapUsed[k]) {
        if (free < 0) {
          free = k;
        }
        continue;
      }
      if (mapHi[k] == hi
          && mapLo[k] == lo
          && mapPort[k] == port
          && mapProtocol[k] == prot
          && mapProgram[k] == program) {
        mapExpiryTick[k] = expiry;
        return;
      }
      if (mapExpiryTick[k] < mapExpiryTick[soonest]) {
        soonest = k;
      }
    }
    int k = free >= 0 ? free : soonest;
    mapUsed[k] = true;
    mapHi[k] = hi;
    mapLo[k] = lo;
    mapPort[k] = port;
    mapProtocol[k] = prot;
    mapProgram[k] = program;
    mapExpiryTick[k] = expiry;
  }

  /** The mappings not yet expired, in the order they were first kept on their slots. */
  List<AlgEngine.PortMapping> portmap(int spu, long nowTick) {
    List<AlgEngine.PortMapping> out = new ArrayList<>();
    for (int k = 0; k < MAPPINGS; k++) {
      if (mapUsed[k] && mapExpiryTick[k] > nowTick) {
        out.add(
            new AlgEngine.PortMapping(
                spu, mapHi[k], mapLo[k], mapPort[k], mapProtocol[k], mapProgram[k]));
      }
    }
    return out;
  }

  /** {@code clear security alg sunrpc portmap}: the table is emptied. */
  void clearPortmap() {
    java.util.Arrays.fill(mapUsed, false);
  }

  @Override
  public boolean datagrams(int protocol) {
    return protocol == IpProtocol.UDP;
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
    return recordFrame(s, at, available);
  }

  /** The length of the TCP record at {@code at} with its marking, 0 for more, -1 when none. */
  static int recordFrame(MemorySegment s, long at, int available) {
    if (available < 4) {
      return 0;
    }
    long length = Wire.u32(s, at) & 0x7fff_ffffL;
    if (length < 12 || length > AlgEngine.STREAM_BUFFER_BYTES - 4) {
      return -1;
    }
    if (available >= 12) {
      long type = Wire.u32(s, at + 8);
      if (type != 0 && type != 1) {
        return -1;
      }
    }
    return available >= length + 4 ? (int) length + 4 : 0;
  }

  @Override
  public boolean mayRewrite(MemorySegment s, long at, int available, int direction) {
    return false;
  }

  @Override
  public int message(Inspection i, MemorySegment s, long at, int length) {
    long from = at;
    int size = length;
    if (i.protocol == IpProtocol.TCP) {
      from += 4; // the record marking
      size -= 4;
    }
    if (i.fromClient()) {
      int kind = call(s, from, size);
      if (kind < 0) {
        i.counters().malformed++;
      } else if (kind == 1) {
        i.scratch(0, xid << 32 | (long) protocol << 8 | 1);
        i.scratch(1, program);
      }
      return PASS;
    }
    long pending = i.scratch(0);
    if ((pending & 1) == 0) {
      return PASS;
    }
    int kind = reply(s, from, size, pending >>> 32);
    if (kind < 0) {
      i.counters().malformed++;
      return PASS;
    }
    if (kind == 0) {
      return PASS;
    }
    i.scratch(0, 0);
    if (port == 0) {
      return PASS; // the program is not registered
    }
    int prot = (int) (pending >>> 8) & 0xff;
    remember(i.nowTick(), i.serverHi, i.serverLo, port, prot, i.scratch(1));
    i.engine.openGate(
        i,
        prot,
        false,
        i.clientHi,
        i.clientLo,
        0,
        i.serverSeenHi,
        i.serverSeenLo,
        port,
        i.serverTranslated(),
        i.serverHi,
        i.serverLo,
        port,
        false,
        mapEntrySeconds,
        0,
        i.clientInterface);
    return PASS;
  }

  /**
   * Reads an RPC call: 1 for a portmapper version 2 GETPORT (setting {@link #xid}, {@link
   * #program}, {@link #protocol}), 0 for another call or a reply, -1 when it does not parse.
   */
  int call(MemorySegment s, long at, int length) {
    if (length < 24) {
      return -1;
    }
    long limit = at + length;
    long id = Wire.u32(s, at);
    long type = Wire.u32(s, at + 4);
    if (type == 1) {
      return 0;
    }
    if (type != 0 || Wire.u32(s, at + 8) != 2) {
      return -1;
    }
    long prog = Wire.u32(s, at + 12);
    long vers = Wire.u32(s, at + 16);
    long proc = Wire.u32(s, at + 20);
    long p = skipOpaqueAuth(s, at + 24, limit); // credentials
    p = p < 0 ? -1 : skipOpaqueAuth(s, p, limit); // verifier
    if (p < 0) {
      return -1;
    }
    if (prog != PORTMAPPER || vers != 2 || proc != GETPORT) {
      return 0;
    }
    if (p + 16 > limit) {
      return -1;
    }
    long prot = Wire.u32(s, p + 8);
    if (prot != IpProtocol.TCP && prot != IpProtocol.UDP) {
      return -1;
    }
    xid = id;
    program = Wire.u32(s, p);
    protocol = (int) prot;
    return 1;
  }

  /**
   * Reads the reply to call {@code expectedXid}: 1 for an accepted, successful one (setting {@link
   * #port}), 0 for another message (another xid, a denial, an error), -1 when it does not parse.
   */
  int reply(MemorySegment s, long at, int length, long expectedXid) {
    if (length < 12) {
      return -1;
    }
    long limit = at + length;
    if (Wire.u32(s, at + 4) != 1) {
      return 0; // a call from the server's side
    }
    if (Wire.u32(s, at) != expectedXid) {
      return 0;
    }
    if (Wire.u32(s, at + 8) != 0) {
      return 0; // MSG_DENIED
    }
    long p = skipOpaqueAuth(s, at + 12, limit);
    if (p < 0 || p + 4 > limit) {
      return -1;
    }
    if (Wire.u32(s, p) != 0) {
      return 0; // PROG_UNAVAIL, GARBAGE_ARGS ...
    }
    if (p + 8 > limit) {
      return -1;
    }
    long value = Wire.u32(s, p + 4);
    if (value > 65535) {
      return -1;
    }
    port = (int) value;
    return 1;
  }

  /** Skips an opaque_auth (flavor, length, body padded to 4); -1 when it runs past the limit. */
  private static long skipOpaqueAuth(MemorySegment s, long at, long limit) {
    if (at + 8 > limit) {
      return -1;
    }
    long length = Wire.u32(s, at + 4);
    if (length > 400) {
      return -1; // RFC 5531: at most 400 bytes
    }
    long end = at + 8 + ((length + 3) & ~3L);
    return end > limit ? -1 : end;
  }
}
