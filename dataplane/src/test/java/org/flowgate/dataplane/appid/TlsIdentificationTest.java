package org.flowgate.dataplane.appid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowgate.dataplane.appid.Payloads.clientHello;
import static org.flowgate.dataplane.appid.Payloads.concat;
import static org.flowgate.dataplane.appid.Payloads.record;
import static org.flowgate.dataplane.appid.Payloads.serverHello;
import static org.flowgate.dataplane.appid.Payloads.slice;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import org.flowgate.dataplane.appid.decode.TlsClientHello;
import org.junit.jupiter.api.Test;

class TlsIdentificationTest {
  private final ApplicationInspector inspector = new ApplicationInspector(AppIdSettings.defaults());
  private final ApplicationCatalog catalog = inspector.catalog();

  private int id(String name) {
    return catalog.requireId(name);
  }

  @Test
  void namesSslAndTheNestedApplicationOfTheServerName() {
    AppIdFlow flow = AppIdFlow.tcp(inspector, 443).handshake();

    assertThat(flow.client(record(22, clientHello("www.youtube.com", "h2", 0))))
        .isEqualTo(ApplicationCatalog.PENDING);
    assertThat(flow.server(serverHello())).isEqualTo(id("junos:SSL"));
    assertThat(flow.nested()).isEqualTo(id("junos:YOUTUBE"));
    assertThat(inspector.encryption(flow.verdict())).isEqualTo(Encryption.YES);
  }

  @Test
  void namesTlsFromSplitClientHello() {
    byte[] hello = record(22, clientHello("mail.google.com", "http/1.1", 900));
    AppIdFlow flow = AppIdFlow.tcp(inspector, 443).handshake();

    assertThat(flow.client(slice(hello, 0, 3))).isEqualTo(ApplicationCatalog.PENDING);
    assertThat(flow.client(slice(hello, 3, 400))).isEqualTo(ApplicationCatalog.PENDING);
    assertThat(flow.client(slice(hello, 400, hello.length))).isEqualTo(ApplicationCatalog.PENDING);
    assertThat(flow.server(serverHello())).isEqualTo(id("junos:SSL"));
    assertThat(flow.nested()).isEqualTo(id("junos:GMAIL"));
  }

  @Test
  void namesTlsFromAClientHelloSpreadOverTwoRecords() {
    byte[] message = clientHello("www.facebook.com", null, 300);
    byte[] twoRecords =
        concat(record(22, slice(message, 0, 100)), record(22, slice(message, 100, message.length)));
    AppIdFlow flow = AppIdFlow.tcp(inspector, 443).handshake();

    flow.client(twoRecords);
    assertThat(flow.server(serverHello())).isEqualTo(id("junos:SSL"));
    assertThat(flow.nested()).isEqualTo(id("junos:FACEBOOK-ACCESS"));
  }

  @Test
  void reassemblesOutOfOrderAndRetransmittedSegments() {
    byte[] hello = record(22, clientHello("github.com", "h2", 600));
    int a = 200;
    int b = 500;
    AppIdFlow flow = AppIdFlow.tcp(inspector, 443).handshake();

    // third part first, then the second, a retransmission of the third, then the first
    assertThat(flow.clientAt(b, slice(hello, b, hello.length)))
        .isEqualTo(ApplicationCatalog.PENDING);
    assertThat(flow.clientAt(a, slice(hello, a, b))).isEqualTo(ApplicationCatalog.PENDING);
    assertThat(flow.clientAt(b, slice(hello, b, hello.length)))
        .isEqualTo(ApplicationCatalog.PENDING);
    assertThat(flow.clientAt(0, slice(hello, 0, a))).isEqualTo(ApplicationCatalog.PENDING);
    // an overlapping retransmission of the start changes nothing
    assertThat(flow.clientAt(0, slice(hello, 0, a + 10))).isEqualTo(ApplicationCatalog.PENDING);
    flow.advanceClient(hello.length);
    assertThat(flow.server(serverHello())).isEqualTo(id("junos:SSL"));
    assertThat(flow.nested()).isEqualTo(id("junos:GITHUB"));
    assertThat(inspector.bytesNotReassembled()).isZero();
  }

  @Test
  void namesTheApplicationOfTheServerPort() {
    AppIdFlow flow = AppIdFlow.tcp(inspector, 993).handshake();
    flow.client(record(22, clientHello("imap.example.net", null, 0)));

    assertThat(flow.server(serverHello())).isEqualTo(id("junos:IMAPS"));
    assertThat(flow.nested()).isEqualTo(ApplicationCatalog.UNKNOWN);
  }

  @Test
  void aClientHelloAloneIsSslWhenTheSessionEnds() {
    AppIdFlow flow = AppIdFlow.tcp(inspector, 443).handshake();
    flow.client(record(22, clientHello("www.wikipedia.org", null, 0)));

    assertThat(flow.end()).isEqualTo(id("junos:SSL"));
    assertThat(inspector.lastNestedApplication()).isEqualTo(id("junos:WIKIPEDIA"));
  }

  @Test
  void countsARecordWithAnAbsurdLengthAndRulesTlsOut() {
    AppIdFlow flow = AppIdFlow.tcp(inspector, 443).handshake();

    flow.client(Payloads.hex("160303ffff 0100fffb 0303")); // a 65535-byte record

    assertThat(inspector.decodeErrors(DecodeError.LENGTH_OUT_OF_RANGE)).isEqualTo(1);
    assertThat(flow.end()).isIn(ApplicationCatalog.UNKNOWN, ApplicationCatalog.INCONCLUSIVE);
  }

  @Test
  void aMalformedClientHelloIsCountedNotThrown() {
    byte[] hello = clientHello("x.example", null, 0);
    hello[4 + 2 + 32] = 99; // session id length over 32
    AppIdFlow flow = AppIdFlow.tcp(inspector, 443).handshake();

    flow.client(record(22, hello));

    assertThat(inspector.decodeErrors(DecodeError.MALFORMED)).isEqualTo(1);
  }

  @Test
  void namesSslFromASessionPickedUpAfterItsHandshake() {
    AppIdFlow flow = AppIdFlow.tcp(inspector, 443);
    flow.begin();

    flow.client(record(23, new byte[200]));

    assertThat(flow.server(record(23, new byte[900]))).isEqualTo(id("junos:SSL"));
  }

  @Test
  void readsServerNameAlpnAndVersionsOfAClientHello() {
    byte[] message = clientHello("api.example.org", "h2", 50);
    TlsClientHello hello = new TlsClientHello();

    int result = hello.parse(MemorySegment.ofArray(message), 0, message.length);

    assertThat(result).isEqualTo(TlsClientHello.COMPLETE);
    assertThat(text(message, hello.serverNameOffset, hello.serverNameLength))
        .isEqualTo("api.example.org");
    assertThat(text(message, hello.alpnOffset, hello.alpnLength)).isEqualTo("h2");
    assertThat(hello.legacyVersion).isEqualTo(0x0303);
    assertThat(hello.highestVersion).isEqualTo(0x0304);
  }

  @Test
  void findsTheServerNameOfAClientHelloThatHasNotFullyArrived() {
    byte[] message = clientHello("partial.example", null, 1000);
    TlsClientHello hello = new TlsClientHello();

    int result = hello.parse(MemorySegment.ofArray(message), 0, 200);

    assertThat(result).isEqualTo(TlsClientHello.PARTIAL);
    assertThat(text(message, hello.serverNameOffset, hello.serverNameLength))
        .isEqualTo("partial.example");
  }

  private static String text(byte[] bytes, long offset, int length) {
    return new String(bytes, (int) offset, length, StandardCharsets.US_ASCII);
  }
}
