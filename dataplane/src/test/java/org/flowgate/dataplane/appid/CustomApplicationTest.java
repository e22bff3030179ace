package org.flowgate.dataplane.appid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.flowgate.dataplane.appid.Payloads.ascii;
import static org.flowgate.dataplane.appid.Payloads.clientHello;
import static org.flowgate.dataplane.appid.Payloads.record;
import static org.flowgate.dataplane.appid.Payloads.serverHello;

import java.lang.foreign.MemorySegment;
import java.util.List;
import org.flowgate.dataplane.appid.CustomApplication.AddressMapping;
import org.flowgate.dataplane.appid.CustomApplication.Context;
import org.flowgate.dataplane.appid.CustomApplication.Direction;
import org.flowgate.dataplane.appid.CustomApplication.Member;
import org.flowgate.dataplane.appid.CustomApplication.Over;
import org.flowgate.dataplane.appid.CustomApplication.PortRange;
import org.flowgate.dataplane.appid.CustomApplication.Signature;
import org.junit.jupiter.api.Test;

/** services application-identification application NAME { address-mapping | over ... }. */
class CustomApplicationTest {
  private static Signature signature(
      Over over,
      Context context,
      Direction direction,
      String pattern,
      List<PortRange> tcp,
      List<PortRange> udp) {
    return new Signature(
        "s1", over, List.of(new Member("m01", context, direction, pattern)), tcp, udp);
  }

  private static ApplicationInspector inspector(CustomApplication... applications) {
    return new ApplicationInspector(
        AppIdSettings.defaults().withCustomApplications(List.of(applications)));
  }

  @Test
  void anAddressMappingNamesTheSessionAtItsFirstPacket() {
    CustomApplication erp =
        new CustomApplication(
            "erp-backend",
            List.of(
                new AddressMapping(
                    "m1",
                    AddressPrefix.parse("198.51.100.0/24"),
                    null,
                    List.of(new PortRange(8000, 8099)),
                    List.of())),
            List.of(),
            false);
    ApplicationInspector inspector = inspector(erp);

    AppIdFlow inside = AppIdFlow.of(inspector, "10.0.0.1", 40_000, "198.51.100.20", 8080, 6);
    assertThat(inside.begin()).isEqualTo(ApplicationInspector.NO_HANDLE);
    assertThat(inspector.catalog().name(inspector.lastApplication())).isEqualTo("erp-backend");

    assertThat(AppIdFlow.of(inspector, "10.0.0.1", 40_000, "198.51.100.20", 9000, 6).begin())
        .isNotEqualTo(ApplicationInspector.NO_HANDLE);
    assertThat(AppIdFlow.of(inspector, "10.0.0.1", 40_000, "198.51.101.20", 8080, 6).begin())
        .isNotEqualTo(ApplicationInspector.NO_HANDLE);
  }

  @Test
  void aStreamSignatureOverTcpNamesTheSessionBeforeThePredefinedOnes() {
    CustomApplication legacy =
        new CustomApplication(
            "legacy-app",
            List.of(),
            List.of(
                signature(
                    Over.TCP,
                    Context.STREAM,
                    Direction.CLIENT_TO_SERVER,
                    "\\x4c45\\xGACY[0-9]+",
                    List.of(new PortRange(9000, 9100)),
                    List.of())),
            false);
    ApplicationInspector inspector = inspector(legacy);
    AppIdFlow flow = AppIdFlow.of(inspector, "10.0.0.1", 40_000, "192.0.2.1", 9001, 6).handshake();

    assertThat(inspector.catalog().name(flow.client(ascii("LEGACY42 hello"))))
        .isEqualTo("legacy-app");
    assertThat(inspector.decidedByCustomSignature()).isEqualTo(1);

    AppIdFlow otherPort =
        AppIdFlow.of(inspector, "10.0.0.1", 40_001, "192.0.2.1", 9200, 6).handshake();
    otherPort.client(ascii("LEGACY42 hello"));
    assertThat(otherPort.end()).isNotEqualTo(inspector.catalog().id("legacy-app"));
  }

  @Test
  void aStreamSignatureOverUdpMatchesOneDatagram() {
    CustomApplication game =
        new CustomApplication(
            "game-x",
            List.of(),
            List.of(
                signature(
                    Over.UDP,
                    Context.STREAM,
                    Direction.ANY,
                    "\\xfeedface\\x.*",
                    List.of(),
                    List.of())),
            false);
    ApplicationInspector inspector = inspector(game);
    AppIdFlow flow = AppIdFlow.udp(inspector, 27_015);
    flow.begin();

    assertThat(inspector.catalog().name(flow.datagram(true, Payloads.hex("feedface 0102"))))
        .isEqualTo("game-x");
  }

  @Test
  void anHttpHostSignatureNamesANestedApplicationOfHttp() {
    CustomApplication intranet =
        new CustomApplication(
            "intranet",
            List.of(),
            List.of(
                signature(
                    Over.HTTP,
                    Context.HTTP_HEADER_HOST,
                    Direction.CLIENT_TO_SERVER,
                    ".*\\.corp\\.example",
                    List.of(),
                    List.of())),
            true);
    ApplicationInspector inspector = inspector(intranet);
    AppIdFlow flow = AppIdFlow.tcp(inspector, 80).handshake();
    flow.client(ascii("GET / HTTP/1.1\r\nHost: Wiki.Corp.Example\r\n\r\n"));
    flow.server(ascii("HTTP/1.1 200 OK\r\n\r\n"));

    assertThat(flow.verdict()).isEqualTo(inspector.catalog().id("junos:HTTP"));
    assertThat(inspector.catalog().name(flow.nested())).isEqualTo("intranet");
    assertThat(inspector.cache().insertions()).isEqualTo(1); // cacheable
  }

  @Test
  void aUrlSignatureMatchesThePathFromItsStart() {
    CustomApplication downloads =
        new CustomApplication(
            "downloads",
            List.of(),
            List.of(
                signature(
                    Over.HTTP,
                    Context.HTTP_URL_PARSED,
                    Direction.CLIENT_TO_SERVER,
                    "/download/",
                    List.of(),
                    List.of())),
            false);
    ApplicationInspector inspector = inspector(downloads);
    AppIdFlow flow = AppIdFlow.tcp(inspector, 80).handshake();
    flow.client(ascii("GET /download/file.iso HTTP/1.1\r\nHost: x\r\n\r\n"));
    flow.server(ascii("HTTP/1.1 200 OK\r\n\r\n"));

    assertThat(inspector.catalog().name(flow.nested())).isEqualTo("downloads");
    assertThat(inspector.cache().insertions()).isZero(); // not cacheable
  }

  @Test
  void anSslServerNameSignatureNamesANestedApplicationOfSsl() {
    CustomApplication vpn =
        new CustomApplication(
            "corp-vpn",
            List.of(),
            List.of(
                signature(
                    Over.SSL,
                    Context.SSL_SERVER_NAME,
                    Direction.CLIENT_TO_SERVER,
                    "vpn[0-9]*\\.example\\.net",
                    List.of(),
                    List.of())),
            false);
    ApplicationInspector inspector = inspector(vpn);
    AppIdFlow flow = AppIdFlow.tcp(inspector, 443).handshake();
    flow.client(record(22, clientHello("VPN7.example.net", null, 0)));
    flow.server(serverHello());

    assertThat(flow.verdict()).isEqualTo(inspector.catalog().id("junos:SSL"));
    assertThat(inspector.catalog().name(flow.nested())).isEqualTo("corp-vpn");
  }

  @Test
  void aContextThatDoesNotFitTheSignatureIsRefused() {
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                signature(
                    Over.TCP, Context.HTTP_HEADER_HOST, Direction.ANY, "x", List.of(), List.of()));
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                ApplicationCatalog.withCustom(
                    List.of(new CustomApplication("junos:HTTP", List.of(), List.of(), false))));
  }

  @Test
  void patternsMatchLiteralsClassesHexAndRepetition() {
    assertThat(match("abc", false, true, "abc")).isTrue();
    assertThat(match("a.c", false, true, "axc")).isTrue();
    assertThat(match("a[0-9]+z", false, true, "a123z")).isTrue();
    assertThat(match("a[0-9]+z", false, true, "az")).isFalse();
    assertThat(match("[^a-z]x", false, true, "9x")).isTrue();
    assertThat(match("colou?r", false, true, "color")).isTrue();
    assertThat(match("\\x0102\\x.*", false, false, "\u0001\u0002rest")).isTrue();
    assertThat(match(".*\\.example\\.com", true, true, "WWW.Example.COM")).isTrue();
    assertThat(match(".*\\.example\\.com", true, true, "www.example.com.evil")).isFalse();
    assertThat(match("GET /", false, false, "GET /index")).isTrue();
    assertThatIllegalArgumentException()
        .isThrownBy(() -> SignaturePattern.compile("*a", false, false));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> SignaturePattern.compile("\\x012\\x", false, false));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> SignaturePattern.compile("[a-", false, false));
  }

  @Test
  void aPatternThatBacktracksTooLongFailsWithinItsBudget() {
    SignaturePattern pattern = SignaturePattern.compile("a*a*a*a*a*a*a*a*b", false, true);
    byte[] text = ascii("a".repeat(40));

    assertThat(pattern.match(MemorySegment.ofArray(text), 0, text.length)).isEqualTo(-1);
  }

  /**
   * Reliability's A1: the matcher recursed once per token, so a long literal pattern overflowed the
   * stack of the SPU matching it (3,000 characters on a 1 MiB stack; the longest pattern compile
   * takes, 1,000, on a 256 KiB one). It keeps its backtracking on the heap now.
   */
  @Test
  void theLongestPatternsMatchOnAThreadWithLittleStack() throws InterruptedException {
    int longest = SignaturePattern.MAXIMUM_PATTERN_CHARACTERS;
    String literal = "x".repeat(longest);
    String optional = "x?".repeat(longest / 2 - 1);
    java.util.concurrent.atomic.AtomicReference<Object> outcome =
        new java.util.concurrent.atomic.AtomicReference<>();
    Thread small =
        new Thread(
            null,
            () -> {
              try {
                outcome.set(
                    List.of(
                        match(literal, false, true, literal),
                        match(literal, true, false, literal + "tail"),
                        match(literal, false, true, literal.substring(1) + "y"),
                        match(optional, false, true, "x".repeat(longest / 2 - 1)),
                        match(optional + "y", false, true, "x".repeat(longest / 2 - 1))));
              } catch (Throwable t) {
                outcome.set(t);
              }
            },
            "small-stack",
            256 * 1024);
    small.start();
    small.join();

    assertThat(outcome.get()).isEqualTo(List.of(true, true, false, true, false));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> SignaturePattern.compile("x".repeat(longest + 1), false, false))
        .withMessage("pattern of 1001 characters: at most 1000");
  }

  private static boolean match(String pattern, boolean ignoreCase, boolean whole, String text) {
    byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    return SignaturePattern.compile(pattern, ignoreCase, whole)
            .match(MemorySegment.ofArray(bytes), 0, bytes.length)
        == 1;
  }
}
