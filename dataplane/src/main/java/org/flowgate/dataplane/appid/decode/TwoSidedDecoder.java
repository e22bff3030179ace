package org.flowgate.dataplane.appid.decode;

import java.lang.foreign.MemorySegment;
import org.flowgate.dataplane.appid.DecodeContext;
import org.flowgate.dataplane.appid.ProtocolDecoder;

/**
 * A TCP protocol recognised from the first message of each side, each judged on its own:
 *
 * <pre>
 *  client message matches, server message matches  -&gt; final
 *  one side matches, the other has said nothing     -&gt; provisional
 *  either side contradicts                          -&gt; no match
 * </pre>
 *
 * Subclasses read the first bytes of one direction and answer 1 (matches), 0 (cannot tell yet) or
 * -1 (not this protocol).
 */
abstract class TwoSidedDecoder extends ProtocolDecoder {
  private final int application;

  TwoSidedDecoder(String name, int application) {
    super(name);
    this.application = application;
  }

  @Override
  public boolean tcp() {
    return true;
  }

  /** The application a match names; subclasses naming more than one override. */
  int application(DecodeContext c) {
    return application;
  }

  /**
   * Reads the first {@code length} bytes of direction {@code direction}.
   *
   * @param full no more bytes of this direction will come
   * @return 1 matches, 0 cannot tell yet, -1 not this protocol
   */
  abstract int side(
      DecodeContext c, int direction, MemorySegment s, long at, int length, boolean full);

  @Override
  public int decodeStream(DecodeContext c) {
    int client = 0;
    if (c.streamLength(0) > 0) {
      client = side(c, 0, c.stream(0), c.streamOffset(0), c.streamLength(0), c.streamFull(0));
      if (client < 0) {
        return NO_MATCH;
      }
    }
    int server = 0;
    if (c.streamLength(1) > 0) {
      server = side(c, 1, c.stream(1), c.streamOffset(1), c.streamLength(1), c.streamFull(1));
      if (server < 0) {
        return NO_MATCH;
      }
    }
    if (client > 0 && server > 0) {
      return application(c);
    }
    if ((client > 0 && c.streamLength(1) == 0) || (server > 0 && c.streamLength(0) == 0)) {
      return provisional(application(c));
    }
    return NEED_MORE;
  }

  /** 0 while more may come, else -1: for a message that is too short to judge. */
  static int tooShort(boolean full) {
    return full ? -1 : 0;
  }
}
