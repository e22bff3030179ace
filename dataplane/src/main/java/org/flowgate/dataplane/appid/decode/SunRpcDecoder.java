package org.flowgate.dataplane.appid.decode;

import static org.flowgate.dataplane.appid.decode.Bytes.u32;

import java.lang.foreign.MemorySegment;
import org.flowgate.dataplane.appid.ApplicationCatalog;
import org.flowgate.dataplane.appid.DecodeContext;
import org.flowgate.dataplane.appid.ProtocolDecoder;

/**
 * ONC/Sun RPC (RFC 5531 §9; TCP record marking §11): {@code junos:NFS} for the NFS, mount and lock
 * programs, {@code junos:SUNRPC} for the others (portmapper ...).
 *
 * <pre>
 *  TCP record mark: | last fragment (1) | fragment length (31) |   (UDP: none)
 *  CALL:  | xid (4) | msg_type 0 | rpcvers 2 | prog (4) | vers (4) | proc (4) |
 *         | cred flavor (4) &lt;= 6 | cred length (4) &lt;= 400 | ...
 *  REPLY: | xid (4) = the call's | msg_type 1 | reply_stat 0 accepted, 1 denied | ...
 * </pre>
 */
public final class SunRpcDecoder extends ProtocolDecoder {
  private final int sunrpc;
  private final int nfs;

  public SunRpcDecoder(ApplicationCatalog catalog) {
    super("sunrpc");
    this.sunrpc = catalog.requireId("junos:SUNRPC");
    this.nfs = catalog.requireId("junos:NFS");
  }

  @Override
  public boolean tcp() {
    return true;
  }

  @Override
  public boolean udp() {
    return true;
  }

  @Override
  public int decodeStream(DecodeContext c) {
    int clientLength = c.streamLength(0);
    int serverLength = c.streamLength(1);
    int application = -1;
    if (clientLength > 0) {
      MemorySegment s = c.stream(0);
      long at = c.streamOffset(0);
      if (clientLength >= 4) {
        long fragment = u32(s, at) & 0x7fff_ffffL;
        if (fragment < 40 || fragment > 1 << 20) {
          return NO_MATCH;
        }
      }
      if (clientLength >= 4 + 12 && (u32(s, at + 8) != 0 || u32(s, at + 12) != 2)) {
        return NO_MATCH; // msg_type CALL, rpcvers 2
      }
      if (clientLength < 4 + 40) {
        return c.streamFull(0) ? NO_MATCH : NEED_MORE;
      }
      application = call(s, at + 4);
      if (application < 0) {
        return NO_MATCH;
      }
    }
    if (serverLength > 0) {
      if (serverLength < 4 + 12) {
        return c.streamFull(1)
            ? NO_MATCH
            : (application < 0 ? NEED_MORE : provisional(application));
      }
      MemorySegment s = c.stream(1);
      long at = c.streamOffset(1);
      if (!reply(s, at + 4)) {
        return NO_MATCH;
      }
      if (application >= 0) {
        return u32(s, at + 4) == u32(c.stream(0), c.streamOffset(0) + 4) ? application : NO_MATCH;
      }
      return NEED_MORE; // a reply alone does not say which program
    }
    return application < 0 ? NEED_MORE : provisional(application);
  }

  @Override
  public int decodeDatagram(
      DecodeContext c, int direction, MemorySegment s, long offset, int length) {
    if (direction == 0) {
      if (length < 40) {
        return NO_MATCH;
      }
      int application = call(s, offset);
      if (application < 0) {
        return NO_MATCH;
      }
      return provisional(application);
    }
    if (length < 12 || !reply(s, offset)) {
      return NO_MATCH;
    }
    return provisional(c.port(2049) ? nfs : sunrpc);
  }

  /** The application a CALL at {@code at} names, or -1 when it is not one. */
  private int call(MemorySegment s, long at) {
    if (u32(s, at + 4) != 0 || u32(s, at + 8) != 2) {
      return -1;
    }
    long program = u32(s, at + 12);
    long version = u32(s, at + 16);
    long flavor = u32(s, at + 24);
    long credentials = u32(s, at + 28);
    if (version == 0 || version > 10 || flavor > 6 || credentials > 400) {
      return -1;
    }
    if (program == 100_003 || program == 100_005 || program == 100_021) {
      return nfs;
    }
    boolean known =
        (program >= 100_000 && program <= 100_300) || (program >= 390_000 && program <= 399_999);
    return known ? sunrpc : -1;
  }

  private static boolean reply(MemorySegment s, long at) {
    return u32(s, at + 4) == 1 && u32(s, at + 8) <= 1;
  }
}
