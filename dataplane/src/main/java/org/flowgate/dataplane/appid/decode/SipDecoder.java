package org.flowgate.dataplane.appid.decode;

import static org.flowgate.dataplane.appid.decode.Bytes.ascii;

import java.lang.foreign.MemorySegment;
import org.flowgate.dataplane.appid.ApplicationCatalog;
import org.flowgate.dataplane.appid.DecodeContext;
import org.flowgate.dataplane.appid.ProtocolDecoder;

/**
 * SIP over UDP and TCP (RFC 3261 §7; methods of RFC 3261, 3262, 3265, 3311, 3428, 3515, 3903,
 * 6086): {@code junos:SIP}.
 *
 * <pre>
 *  request: INVITE sip:bob@biloxi.example SIP/2.0 CRLF        (sip:, sips:, tel: URIs)
 *  status:  SIP/2.0 200 OK CRLF
 *  a request or status from one side -&gt; provisional; from both -&gt; final
 * </pre>
 */
public final class SipDecoder extends ProtocolDecoder {
  private static final byte[][] METHODS = {
    ascii("INVITE "), ascii("ACK "), ascii("BYE "), ascii("CANCEL "), ascii("OPTIONS "),
    ascii("REGISTER "), ascii("PRACK "), ascii("SUBSCRIBE "), ascii("NOTIFY "), ascii("PUBLISH "),
    ascii("INFO "), ascii("REFER "), ascii("MESSAGE "), ascii("UPDATE ")
  };
  private static final byte[] VERSION = ascii("SIP/2.0");
  private static final byte[][] SCHEMES = {ascii("SIP:"), ascii("SIPS:"), ascii("TEL:")};

  private final int sip;

  public SipDecoder(ApplicationCatalog catalog) {
    super("sip");
    this.sip = catalog.requireId("junos:SIP");
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
    return b >= 'A' && b <= 'Z';
  }

  @Override
  public int decodeDatagram(
      DecodeContext c, int direction, MemorySegment s, long offset, int length) {
    return RequestLine.read(s, offset, length, METHODS, VERSION, SCHEMES) == RequestLine.YES
        ? provisional(sip)
        : NO_MATCH;
  }

  @Override
  public int decodeStream(DecodeContext c) {
    return TextStreams.decode(c, METHODS, VERSION, SCHEMES, sip);
  }
}
