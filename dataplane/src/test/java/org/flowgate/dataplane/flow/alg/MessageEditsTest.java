package org.flowgate.dataplane.flow.alg;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MessageEditsTest {
  private final MessageEdits edits = new MessageEdits();

  @BeforeEach
  void clear() {
    edits.clear();
  }

  private String applied(String message) {
    byte[] bytes = message.getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[bytes.length + MessageEdits.TEXT_BYTES];
    int written = edits.apply(MemorySegment.ofArray(bytes), 0, bytes.length, out, 0);
    return new String(out, 0, written, StandardCharsets.US_ASCII);
  }

  /** The text of the edit begun last, then a clean slate. */
  private String text() {
    edits.replace(0, 0);
    int i = edits.count - 1;
    String t =
        new String(edits.text, edits.textStart[i], edits.textLength[i], StandardCharsets.US_ASCII);
    edits.clear();
    return t;
  }

  @Test
  void replacesEachRangeInOrderAndKnowsTheLengthChange() {
    edits.begin().append("CCCCCC").replace(4, 4);
    edits.begin().append("D").replace(15, 2);
    assertThat(edits.delta()).isEqualTo(+1);
    assertThat(applied("....AAAA.......BB.....")).isEqualTo("....CCCCCC.......D.....");
  }

  @Test
  void rewritesAPortLineAsTheFtpAlgDoes() {
    String line = "PORT 192,168,1,10,156,65\r\n";
    edits.begin().ipv4(0xCB00_7101L, ',').append(',').decimal(40_001 >>> 8).append(',');
    edits.decimal(40_001 & 0xff).replace(5, line.length() - 7);
    assertThat(applied(line)).isEqualTo("PORT 203,0,113,1,156,65\r\n");
    assertThat(edits.delta()).isEqualTo(-1);
  }

  @Test
  void editsAreKeptRelativeToThePayloadWhenTheMessageStartsLater() {
    edits.base = 10;
    edits.begin().append("xy").replace(2, 1);
    assertThat(edits.at[0]).isEqualTo(12);
    assertThat(applied("0123456789ab#cd")).isEqualTo("0123456789abxycd");
  }

  @Test
  void writesDecimalNumbersIncludingZeroNegativesAndTheExtremes() {
    assertThat(decimal(0)).isEqualTo("0");
    assertThat(decimal(65535)).isEqualTo("65535");
    assertThat(decimal(-42)).isEqualTo("-42");
    assertThat(decimal(Long.MAX_VALUE)).isEqualTo("9223372036854775807");
    assertThat(decimal(Long.MIN_VALUE)).isEqualTo("-9223372036854775808");
  }

  private String decimal(long value) {
    edits.begin().decimal(value);
    return text();
  }

  @Test
  void writesIpv6AddressesCompressedAsRfc5952Says() {
    assertThat(v6(0x2001_0db8_0000_0000L, 0x0000_0000_0000_0001L)).isEqualTo("2001:db8::1");
    assertThat(v6(0, 1)).isEqualTo("::1");
    assertThat(v6(0, 0)).isEqualTo("::");
    // one zero group alone is not compressed (RFC 5952 §4.2.2)
    assertThat(v6(0x2001_0db8_0000_0001L, 0x0001_0001_0001_0001L))
        .isEqualTo("2001:db8:0:1:1:1:1:1");
    // the longest run goes (§4.2.3)
    assertThat(v6(0x2001_0000_0000_0001L, 0x0000_0000_0000_0001L)).isEqualTo("2001:0:0:1::1");
    // of two equal runs, the first (§4.2.3)
    assertThat(v6(0x2001_0db8_0000_0000L, 0x0001_0000_0000_0001L)).isEqualTo("2001:db8::1:0:0:1");
    assertThat(v6(0x2001_0db8_0000_0000L, 0x0000_0000_0000_0000L)).isEqualTo("2001:db8::");
    // an IPv4-mapped address is written dotted
    assertThat(v6(0, 0x0000_ffff_c000_0201L)).isEqualTo("192.0.2.1");
  }

  private String v6(long hi, long lo) {
    edits.begin().address(hi, lo);
    return text();
  }

  @Test
  void overlappingOrOutOfOrderEditsVoidTheWholeSet() {
    edits.begin().append("a").replace(5, 3);
    edits.begin().append("b").replace(6, 1);
    assertThat(edits.overflow).isTrue();
    edits.clear();
    edits.begin().append("a").replace(5, 1);
    edits.begin().append("b").replace(2, 1);
    assertThat(edits.overflow).isTrue();
  }

  @Test
  void tooManyEditsOrTooMuchTextVoidTheSet() {
    for (int i = 0; i <= MessageEdits.MAXIMUM_EDITS; i++) {
      edits.begin().append("z").replace(i * 2, 1);
    }
    assertThat(edits.overflow).isTrue();
    edits.clear();
    assertThat(edits.overflow).isFalse();
    edits.begin().append("q".repeat(MessageEdits.TEXT_BYTES + 1)).replace(0, 1);
    assertThat(edits.overflow).isTrue();
  }
}
