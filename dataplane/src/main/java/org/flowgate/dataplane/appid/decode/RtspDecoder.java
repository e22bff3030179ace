package org.flowgate.dataplane.appid.decode;

import static org.flowgate.dataplane.appid.decode.Bytes.ascii;

import org.flowgate.dataplane.appid.ApplicationCatalog;
import org.flowgate.dataplane.appid.DecodeContext;
import org.flowgate.dataplane.appid.ProtocolDecoder;

/**
 * RTSP 1.0 and 2.0 over TCP (RFC 2326 §6, §7, §10; RFC 7826): {@code junos:RTSP}.
 *
 * <pre>
 *  request: DESCRIBE rtsp://media.example/stream RTSP/1.0 CRLF     (OPTIONS may use *)
 *  status:  RTSP/1.0 200 OK CRLF
 * </pre>
 */
public final class RtspDecoder extends ProtocolDecoder {
  private static final byte[][] METHODS = {
    ascii("OPTIONS "),
    ascii("DESCRIBE "),
    ascii("SETUP "),
    ascii("PLAY "),
    ascii("PAUSE "),
    ascii("TEARDOWN "),
    ascii("GET_PARAMETER "),
    ascii("SET_PARAMETER "),
    ascii("ANNOUNCE "),
    ascii("RECORD "),
    ascii("REDIRECT "),
    ascii("PLAY_NOTIFY ")
  };
  private static final byte[] VERSION = ascii("RTSP/");
  private static final byte[][] SCHEMES = {ascii("RTSP:"), ascii("RTSPS:"), ascii("RTSPU:")};

  private final int rtsp;

  public RtspDecoder(ApplicationCatalog catalog) {
    super("rtsp");
    this.rtsp = catalog.requireId("junos:RTSP");
  }

  @Override
  public boolean tcp() {
    return true;
  }

  @Override
  public boolean acceptsFirstByte(int direction, int b) {
    return b >= 'A' && b <= 'Z';
  }

  @Override
  public int decodeStream(DecodeContext c) {
    return TextStreams.decode(c, METHODS, VERSION, SCHEMES, rtsp);
  }
}
