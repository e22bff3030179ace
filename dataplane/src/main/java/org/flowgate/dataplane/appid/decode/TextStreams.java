package org.flowgate.dataplane.appid.decode;

import org.flowgate.dataplane.appid.DecodeContext;
import org.flowgate.dataplane.appid.ProtocolDecoder;

/**
 * Both TCP directions of a request/status text protocol ({@link RequestLine}): a line of the
 * protocol on one side is provisional, on both final.
 */
final class TextStreams {
  private TextStreams() {}

  static int decode(
      DecodeContext c, byte[][] methods, byte[] version, byte[][] schemes, int application) {
    int client = side(c, 0, methods, version, schemes);
    int server = side(c, 1, methods, version, schemes);
    if (client == RequestLine.NO || server == RequestLine.NO) {
      return ProtocolDecoder.NO_MATCH;
    }
    if (client == RequestLine.YES && server == RequestLine.YES) {
      return application;
    }
    if ((client == RequestLine.YES && c.streamLength(1) == 0)
        || (server == RequestLine.YES && c.streamLength(0) == 0)) {
      return application | ProtocolDecoder.PROVISIONAL;
    }
    return ProtocolDecoder.NEED_MORE;
  }

  private static int side(
      DecodeContext c, int direction, byte[][] methods, byte[] version, byte[][] schemes) {
    int length = c.streamLength(direction);
    if (length == 0) {
      return RequestLine.MAYBE;
    }
    int answer =
        RequestLine.read(
            c.stream(direction), c.streamOffset(direction), length, methods, version, schemes);
    return answer == RequestLine.MAYBE && c.streamFull(direction) ? RequestLine.NO : answer;
  }
}
