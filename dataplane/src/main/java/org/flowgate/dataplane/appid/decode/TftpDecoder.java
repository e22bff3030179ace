package org.flowgate.dataplane.appid.decode;

import static org.flowgate.dataplane.appid.decode.Bytes.ascii;
import static org.flowgate.dataplane.appid.decode.Bytes.u16;
import static org.flowgate.dataplane.appid.decode.Bytes.u8;

import java.lang.foreign.MemorySegment;
import org.flowgate.dataplane.appid.ApplicationCatalog;
import org.flowgate.dataplane.appid.DecodeContext;
import org.flowgate.dataplane.appid.ProtocolDecoder;

/**
 * TFTP (RFC 1350 §5, option extension RFC 2347): {@code junos:TFTP}. The request goes to port 69;
 * the transfer then runs between two other ports, a session of its own.
 *
 * <pre>
 *  RRQ/WRQ: | 1 or 2 (2) | filename | 0 | "netascii" | "octet" | "mail" | 0 | [option 0 value 0]
 *  DATA:    | 3 | block (2) | 0..512 bytes (more with blksize) |
 *  ACK:     | 4 | block (2) |
 *  ERROR:   | 5 | code 0..8 (2) | message | 0 |
 *  OACK:    | 6 | option 0 value 0 ... |
 *  a request on port 69 is proof; other messages from one side are provisional, from both final
 * </pre>
 */
public final class TftpDecoder extends ProtocolDecoder {
  private static final byte[][] MODES = {ascii("NETASCII"), ascii("OCTET"), ascii("MAIL")};

  private final int tftp;

  public TftpDecoder(ApplicationCatalog catalog) {
    super("tftp");
    this.tftp = catalog.requireId("junos:TFTP");
  }

  @Override
  public boolean udp() {
    return true;
  }

  @Override
  public boolean acceptsFirstByte(int direction, int b) {
    return b == 0;
  }

  @Override
  public int decodeDatagram(
      DecodeContext c, int direction, MemorySegment s, long offset, int length) {
    if (length < 4) {
      return NO_MATCH;
    }
    int opcode = u16(s, offset);
    return switch (opcode) {
      case 1, 2 -> c.serverPort() == 69 && request(s, offset + 2, length - 2) ? tftp : NO_MATCH;
      case 3 -> u16(s, offset + 2) >= 1 && length <= 4 + 65_464 ? provisional(tftp) : NO_MATCH;
      case 4 -> length == 4 ? provisional(tftp) : NO_MATCH;
      case 5 ->
          u16(s, offset + 2) <= 8 && length >= 5 && u8(s, offset + length - 1) == 0
              ? provisional(tftp)
              : NO_MATCH;
      case 6 -> length >= 6 && u8(s, offset + length - 1) == 0 ? provisional(tftp) : NO_MATCH;
      default -> NO_MATCH;
    };
  }

  /** filename NUL mode NUL, the mode one of RFC 1350's. */
  private static boolean request(MemorySegment s, long at, int length) {
    int nul = Bytes.indexOf(s, at, Math.min(length, 512), (byte) 0);
    if (nul < 1 || !Bytes.printable(s, at, nul)) {
      return false;
    }
    long mode = at + nul + 1;
    int left = length - nul - 1;
    for (byte[] candidate : MODES) {
      if (Bytes.startsWithIgnoreCase(s, mode, left, candidate)
          && left > candidate.length
          && u8(s, mode + candidate.length) == 0) {
        return true;
      }
    }
    return false;
  }
}
