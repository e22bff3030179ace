package org.flowgate.mgmt.netconf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** RFC 6242 framing: both forms read back, and input that breaks the rules ends the session. */
class FramingTest {
  private static Framing framing(String input) {
    return new Framing(
        new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
        new ByteArrayOutputStream());
  }

  @Test
  void readsEndOfMessageFramesAndACleanEnd() throws IOException {
    Framing framing = framing("<rpc a=\"]]>\"/>]]>]]>\n<rpc/>]]>]]>");
    assertThat(framing.read()).isEqualTo("<rpc a=\"]]>\"/>");
    assertThat(framing.read()).isEqualTo("\n<rpc/>");
    assertThat(framing.read()).isNull();
  }

  @Test
  void aMessageEndingInBracketsEndsAtTheFirstWholeDelimiter() throws IOException {
    // "]" then "]]>]]>": the third ']' is where the delimiter starts, not the first (the reader
    // used to restart its match at one ']' and ran past the end of the message)
    Framing framing = framing("<ok/>]]]>]]>x]]]]]>]]>");
    assertThat(framing.read()).isEqualTo("<ok/>]");
    assertThat(framing.read()).isEqualTo("x]]]");
    assertThat(framing.read()).isNull();
  }

  @Test
  void endOfChunksBeforeAnyChunkEndsTheSession() {
    // "\n##\n" alone is no message (RFC 6242: 1*chunk end-of-chunks); it used to read as an empty
    // one, which chunked framing cannot even write back (a chunk is 1 byte or more)
    Framing framing = framing("\n##\n");
    framing.useChunked();
    assertThatThrownBy(framing::read)
        .isInstanceOf(Framing.FramingException.class)
        .hasMessageContaining("before any chunk");
    Framing writer = framing("");
    writer.useChunked();
    assertThatThrownBy(() -> writer.write("")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void readsAMessageSplitIntoChunks() throws IOException {
    Framing framing = framing("\n#4\n<rpc\n#3\n/>\n\n##\n");
    framing.useChunked();
    assertThat(framing.read()).isEqualTo("<rpc/>\n");
  }

  @Test
  void aChunkHeaderThatLiesOrIsMalformedEndsTheSession() {
    Framing lying = framing("\n#100\n<rpc/>");
    lying.useChunked();
    assertThatThrownBy(lying::read)
        .isInstanceOf(Framing.FramingException.class)
        .hasMessageContaining("lied");
    Framing zero = framing("\n#012\n<rpc/>");
    zero.useChunked();
    assertThatThrownBy(zero::read).isInstanceOf(Framing.FramingException.class);
    Framing huge = framing("\n#99999999999\n");
    huge.useChunked();
    assertThatThrownBy(huge::read).isInstanceOf(Framing.FramingException.class);
    Framing garbage = framing("\u0000\u0001binary");
    garbage.useChunked();
    assertThatThrownBy(garbage::read).isInstanceOf(Framing.FramingException.class);
  }

  @Test
  void anOversizedMessageIsRefused() {
    Framing framing = framing("\n#" + (Framing.MAXIMUM_MESSAGE_BYTES + 1) + "\n");
    framing.useChunked();
    assertThatThrownBy(framing::read)
        .isInstanceOf(Framing.FramingException.class)
        .hasMessageContaining("longer");
  }

  @Test
  void malformedXmlAndDtdsAreRefusedWithoutExpansion() {
    assertThatThrownBy(() -> Xml.parse("<rpc><get></rpc>"))
        .isInstanceOf(Xml.MalformedException.class);
    assertThatThrownBy(
            () ->
                Xml.parse(
                    "<!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]><rpc>&b;</rpc>"))
        .isInstanceOf(Xml.MalformedException.class);
    assertThatThrownBy(() -> Xml.parse("<a>".repeat(100) + "</a>".repeat(100)))
        .isInstanceOf(Xml.MalformedException.class);
  }
}
