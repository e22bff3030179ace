package org.flowgate.dataplane.appid.decode;

import static org.flowgate.dataplane.appid.decode.Bytes.ascii;

import java.lang.foreign.MemorySegment;
import org.flowgate.dataplane.appid.ApplicationCatalog;
import org.flowgate.dataplane.appid.DecodeContext;
import org.flowgate.dataplane.appid.ProtocolDecoder;

/**
 * SSH (RFC 4253 §4.2): both sides open with an identification string.
 *
 * <pre>
 *  SSH-protoversion-softwareversion [SP comments] CR LF      protoversion 2.0 or 1.99 (1.5: SSH-1)
 *  one side's banner -&gt; provisional junos:SSH;   both -&gt; final
 * </pre>
 */
public final class SshDecoder extends ProtocolDecoder {
  private static final byte[] SSH = ascii("SSH-");
  private static final byte[] V2 = ascii("SSH-2.0-");
  private static final byte[] V199 = ascii("SSH-1.99-");
  private static final byte[] V15 = ascii("SSH-1.5-");

  private final int ssh;

  public SshDecoder(ApplicationCatalog catalog) {
    super("ssh");
    this.ssh = catalog.requireId("junos:SSH");
  }

  @Override
  public boolean tcp() {
    return true;
  }

  @Override
  public boolean acceptsFirstByte(int direction, int b) {
    return b == 'S';
  }

  @Override
  public int decodeStream(DecodeContext c) {
    int client = banner(c, 0);
    int server = banner(c, 1);
    if (client < 0 || server < 0) {
      return NO_MATCH;
    }
    if (client == 1 && server == 1) {
      return ssh;
    }
    if (client == 1 || server == 1) {
      return provisional(ssh);
    }
    return NEED_MORE;
  }

  /** 1: an identification string; 0: nothing yet or not complete; -1: not SSH. */
  private static int banner(DecodeContext c, int direction) {
    int length = c.streamLength(direction);
    if (length == 0) {
      return 0;
    }
    MemorySegment s = c.stream(direction);
    long at = c.streamOffset(direction);
    if (!Bytes.mayStartWith(s, at, length, SSH)) {
      return -1;
    }
    if (length < V199.length) {
      return Bytes.mayStartWith(s, at, length, V2)
              || Bytes.mayStartWith(s, at, length, V199)
              || Bytes.mayStartWith(s, at, length, V15)
          ? 0
          : -1;
    }
    if (!Bytes.startsWith(s, at, length, V2)
        && !Bytes.startsWith(s, at, length, V199)
        && !Bytes.startsWith(s, at, length, V15)) {
      return -1;
    }
    int window = Math.min(length, 255);
    int end = Bytes.indexOfLf(s, at, window);
    if (end < 0) {
      return window == 255 || c.streamFull(direction) ? -1 : 0;
    }
    return Bytes.printable(s, at, end > 0 && Bytes.u8(s, at + end - 1) == '\r' ? end - 1 : end)
        ? 1
        : -1;
  }
}
