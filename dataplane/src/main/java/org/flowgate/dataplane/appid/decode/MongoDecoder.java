package org.flowgate.dataplane.appid.decode;

import static org.flowgate.dataplane.appid.decode.Bytes.u32le;

import java.lang.foreign.MemorySegment;
import org.flowgate.dataplane.appid.ApplicationCatalog;
import org.flowgate.dataplane.appid.DecodeContext;

/**
 * MongoDB wire protocol (MongoDB manual, "Wire Protocol": MsgHeader): {@code junos:MONGODB}.
 *
 * <pre>
 *  MsgHeader: messageLength (4, LE) | requestID (4) | responseTo (4) | opCode (4) | body ...
 *  client: responseTo 0, opCode 2004 OP_QUERY | 2013 OP_MSG | 2012 OP_COMPRESSED
 *  server: responseTo = the client's requestID, opCode 1 OP_REPLY | 2013 | 2012
 * </pre>
 */
public final class MongoDecoder extends TwoSidedDecoder {
  public MongoDecoder(ApplicationCatalog catalog) {
    super("mongodb", catalog.requireId("junos:MONGODB"));
  }

  @Override
  int side(DecodeContext c, int direction, MemorySegment s, long at, int length, boolean full) {
    if (length >= 4 && (u32le(s, at) < 16 || u32le(s, at) > 48_000_000)) {
      return -1;
    }
    if (length < 16) {
      return tooShort(full);
    }
    long declared = u32le(s, at);
    long responseTo = u32le(s, at + 8);
    long opCode = u32le(s, at + 12);
    if (declared < 16 || declared > 48_000_000) {
      return -1;
    }
    if (direction == 0) {
      return responseTo == 0 && (opCode == 2004 || opCode == 2013 || opCode == 2012) ? 1 : -1;
    }
    if (opCode != 1 && opCode != 2013 && opCode != 2012) {
      return -1;
    }
    if (c.streamLength(0) >= 16) {
      return responseTo == u32le(c.stream(0), c.streamOffset(0) + 4) ? 1 : -1;
    }
    return responseTo != 0 ? 1 : -1;
  }
}
