package org.flowgate.dataplane.appid.decode;

import static org.flowgate.dataplane.appid.decode.Bytes.ascii;

import java.lang.foreign.MemorySegment;
import org.flowgate.dataplane.appid.ApplicationCatalog;
import org.flowgate.dataplane.appid.DecodeContext;
import org.flowgate.dataplane.appid.ProtocolDecoder;

/**
 * BitTorrent peer wire handshake (BEP 3) over TCP, and its DHT (BEP 5, KRPC bencoded dictionaries)
 * over UDP: {@code junos:BITTORRENT}.
 *
 * <pre>
 *  TCP handshake: | 19 | "BitTorrent protocol" | reserved (8) | info_hash (20) | peer_id (20) |
 *  DHT query:     d1:ad2:id20:&lt;20 bytes&gt;...       response: d1:rd2:id20:&lt;20 bytes&gt;...
 * </pre>
 */
public final class BitTorrentDecoder extends ProtocolDecoder {
  private static final byte[] HANDSHAKE = ascii("\u0013BitTorrent protocol");
  private static final byte[] DHT_QUERY = ascii("d1:ad2:id20:");
  private static final byte[] DHT_RESPONSE = ascii("d1:rd2:id20:");

  private final int bittorrent;

  public BitTorrentDecoder(ApplicationCatalog catalog) {
    super("bittorrent");
    this.bittorrent = catalog.requireId("junos:BITTORRENT");
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
  public boolean acceptsFirstByte(int direction, int b) {
    return b == 19 || b == 'd';
  }

  @Override
  public int decodeStream(DecodeContext c) {
    int client = handshake(c, 0);
    int server = handshake(c, 1);
    if (client < 0 || server < 0) {
      return NO_MATCH;
    }
    if (client > 0 && server > 0) {
      return bittorrent;
    }
    return client > 0 || server > 0 ? provisional(bittorrent) : NEED_MORE;
  }

  private static int handshake(DecodeContext c, int direction) {
    int length = c.streamLength(direction);
    if (length == 0) {
      return 0;
    }
    MemorySegment s = c.stream(direction);
    long at = c.streamOffset(direction);
    if (!Bytes.mayStartWith(s, at, length, HANDSHAKE)) {
      return -1;
    }
    return length >= HANDSHAKE.length ? 1 : (c.streamFull(direction) ? -1 : 0);
  }

  @Override
  public int decodeDatagram(
      DecodeContext c, int direction, MemorySegment s, long offset, int length) {
    if (length >= DHT_QUERY.length + 20
        && (Bytes.startsWith(s, offset, length, DHT_QUERY)
            || Bytes.startsWith(s, offset, length, DHT_RESPONSE))
        && Bytes.u8(s, offset + length - 1) == 'e') {
      return provisional(bittorrent);
    }
    return NO_MATCH;
  }
}
