package org.flowgate.dataplane.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.flowgate.testkit.PacketBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CaptureReaderTest {
  private static final long T0_NS = 1_700_000_000_123_456_789L;

  @TempDir Path directory;

  private final byte[] first =
      PacketBuilder.ipv4("10.0.0.1", "10.0.0.2").udp(1000, 53).payloadLength(30).ethernet();
  private final byte[] second =
      PacketBuilder.ipv6("2001:db8::1", "2001:db8::2")
          .tcp(40000, 443, PacketBuilder.SYN, 7, 0)
          .ethernet();

  /** One record as the reader delivered it, copied out of the mapping. */
  record Record(
      byte[] frame, int originalLengthBytes, long timestampNs, int linkType, int interfaceId) {}

  private static List<Record> readAll(CaptureReader reader) {
    List<Record> records = new ArrayList<>();
    while (reader.next()) {
      MemorySegment frame =
          reader.segment().asSlice(reader.frameOffset(), reader.capturedLengthBytes());
      records.add(
          new Record(
              frame.toArray(ValueLayout.JAVA_BYTE),
              reader.originalLengthBytes(),
              reader.timestampNs(),
              reader.linkType(),
              reader.interfaceId()));
    }
    return records;
  }

  @ParameterizedTest(name = "nanosecond={0} order={1}")
  @CsvSource({
    "false, BIG_ENDIAN",
    "false, LITTLE_ENDIAN",
    "true, BIG_ENDIAN",
    "true, LITTLE_ENDIAN"
  })
  void readsBackEveryClassicPcapResolutionAndByteOrder(boolean nanosecond, String orderName)
      throws IOException {
    ByteOrder order =
        orderName.equals("BIG_ENDIAN") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    Path file = directory.resolve("trace.bin");
    try (PcapWriter writer = PcapWriter.open(file, LinkType.ETHERNET, nanosecond, order)) {
      writer.write(T0_NS, first);
      writer.write(T0_NS + 1_000_000_001L, second);
    }
    try (CaptureReader reader = CaptureReader.open(file)) {
      assertThat(reader.format())
          .isEqualTo(nanosecond ? CaptureFormat.PCAP_NANOSECONDS : CaptureFormat.PCAP_MICROSECONDS);
      assertThat(reader.byteOrder()).isEqualTo(order);
      List<Record> records = readAll(reader);
      long precision = nanosecond ? 1 : 1000;
      assertThat(records).hasSize(2);
      assertThat(records.get(0).frame()).isEqualTo(first);
      assertThat(records.get(0).timestampNs()).isEqualTo(T0_NS / precision * precision);
      assertThat(records.get(1).frame()).isEqualTo(second);
      assertThat(records.get(1).timestampNs())
          .isEqualTo((T0_NS + 1_000_000_001L) / precision * precision);
      assertThat(records.get(1).linkType()).isEqualTo(LinkType.ETHERNET);
      assertThat(records.get(1).interfaceId()).isZero();
      assertThat(reader.recordsRead()).isEqualTo(2);
      assertThat(reader.error()).isNull();
    }
  }

  @Test
  void readsNanosecondBigEndianPcapWrittenToAStream() throws IOException {
    Path file = directory.resolve("stream.cap");
    try (PcapWriter writer =
        PcapWriter.open(Files.newOutputStream(file), LinkType.RAW, true, ByteOrder.BIG_ENDIAN)) {
      writer.write(5, new byte[] {0x45});
    }
    assertThat(Files.readAllBytes(file)).startsWith(0xa1, 0xb2, 0x3c, 0x4d);
    try (CaptureReader reader = CaptureReader.open(file)) {
      assertThat(reader.next()).isTrue();
      assertThat(reader.timestampNs()).isEqualTo(5);
      assertThat(reader.linkType()).isEqualTo(LinkType.RAW);
    }
  }

  @Test
  void keepsOriginalLengthOfSnaplenTruncatedRecord() throws IOException {
    Path file = directory.resolve("cut.pcap");
    try (PcapWriter writer =
        PcapWriter.open(file, LinkType.ETHERNET, false, ByteOrder.LITTLE_ENDIAN)) {
      writer.write(T0_NS, java.util.Arrays.copyOf(first, 34), first.length);
    }
    try (CaptureReader reader = CaptureReader.open(file)) {
      assertThat(reader.next()).isTrue();
      assertThat(reader.capturedLengthBytes()).isEqualTo(34);
      assertThat(reader.originalLengthBytes()).isEqualTo(first.length);
    }
  }

  @ParameterizedTest(name = "order={0}")
  @CsvSource({"BIG_ENDIAN", "LITTLE_ENDIAN"})
  void readsPcapngWithTwoInterfacesOfDifferentLinkTypes(String orderName) throws IOException {
    ByteOrder order =
        orderName.equals("BIG_ENDIAN") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    byte[] raw = PacketBuilder.ipv4("10.0.0.1", "10.0.0.2").udp(1, 2).ip();
    Path file = directory.resolve("two.pcap"); // a pcapng despite the name
    try (PcapNgWriter writer = PcapNgWriter.open(file, order)) {
      int ethernet = writer.addInterface(LinkType.ETHERNET, false);
      int rawIp = writer.addInterface(LinkType.RAW, true);
      writer.write(ethernet, T0_NS, first);
      writer.writeOtherBlock(new byte[] {1, 2, 3});
      writer.write(rawIp, T0_NS + 7, raw);
    }
    try (CaptureReader reader = CaptureReader.open(file)) {
      assertThat(reader.format()).isEqualTo(CaptureFormat.PCAPNG);
      List<Record> records = readAll(reader);
      assertThat(records)
          .containsExactly(
              new Record(
                  records.get(0).frame(), first.length, T0_NS / 1000 * 1000, LinkType.ETHERNET, 0),
              new Record(records.get(1).frame(), raw.length, T0_NS + 7, LinkType.RAW, 1));
      assertThat(records.get(0).frame()).isEqualTo(first);
      assertThat(records.get(1).frame()).isEqualTo(raw);
      assertThat(reader.byteOrder()).isEqualTo(order);
      assertThat(reader.error()).isNull();
    }
  }

  @Test
  void forgetsInterfacesAtANewSection() throws IOException {
    Path file = directory.resolve("sections.pcapng");
    try (PcapNgWriter writer = PcapNgWriter.open(file, ByteOrder.BIG_ENDIAN)) {
      writer.addInterface(LinkType.ETHERNET, false);
      writer.addInterface(LinkType.LINUX_SLL, false);
      writer.write(1, T0_NS, new byte[16]);
      writer.newSection();
      writer.addInterface(LinkType.NULL, true);
      writer.write(0, T0_NS, new byte[4]);
    }
    try (CaptureReader reader = CaptureReader.open(file)) {
      List<Record> records = readAll(reader);
      assertThat(records)
          .extracting(Record::linkType)
          .containsExactly(LinkType.LINUX_SLL, LinkType.NULL);
      assertThat(records).extracting(Record::interfaceId).containsExactly(1, 0);
      assertThat(reader.error()).isNull();
    }
  }

  @Test
  void readsSectionsOfDifferentByteOrders() throws IOException {
    Path big = directory.resolve("big.pcapng");
    Path little = directory.resolve("little.pcapng");
    try (PcapNgWriter writer = PcapNgWriter.open(big, ByteOrder.BIG_ENDIAN)) {
      writer.write(writer.addInterface(LinkType.RAW, false), T0_NS, new byte[] {0x45});
    }
    try (PcapNgWriter writer = PcapNgWriter.open(little, ByteOrder.LITTLE_ENDIAN)) {
      writer.write(writer.addInterface(LinkType.IPV6, false), T0_NS, new byte[] {0x60});
    }
    Path both = directory.resolve("both.pcapng");
    Files.write(both, concat(Files.readAllBytes(big), Files.readAllBytes(little)));
    try (CaptureReader reader = CaptureReader.open(both)) {
      assertThat(readAll(reader))
          .extracting(Record::linkType)
          .containsExactly(LinkType.RAW, LinkType.IPV6);
      assertThat(reader.byteOrder()).isEqualTo(ByteOrder.LITTLE_ENDIAN);
    }
  }

  @Test
  void readsSimpleAndObsoletePacketBlocks() throws IOException {
    Path file = directory.resolve("old.pcapng");
    try (PcapNgWriter writer = PcapNgWriter.open(file, ByteOrder.LITTLE_ENDIAN)) {
      writer.addInterface(LinkType.ETHERNET, false);
      writer.writeSimplePacket(first);
      writer.writeObsoletePacket(0, T0_NS, second);
    }
    try (CaptureReader reader = CaptureReader.open(file)) {
      List<Record> records = readAll(reader);
      assertThat(records).hasSize(2);
      assertThat(records.get(0).frame()).isEqualTo(first);
      assertThat(records.get(0).timestampNs()).isZero();
      assertThat(records.get(1).frame()).isEqualTo(second);
      assertThat(records.get(1).timestampNs()).isEqualTo(T0_NS / 1000 * 1000);
    }
  }

  @Test
  void convertsDecimalAndBinaryTimestampResolutions() throws IOException {
    Path file = directory.resolve("resolutions.pcapng");
    try (PcapNgWriter writer = PcapNgWriter.open(file, ByteOrder.BIG_ENDIAN)) {
      int milliseconds = writer.addInterface(LinkType.RAW, 3);
      int binary = writer.addInterface(LinkType.RAW, PcapNgWriter.TSRESOL_BINARY | 30);
      int seconds = writer.addInterface(LinkType.RAW, PcapNgWriter.TSRESOL_BINARY);
      writer.write(milliseconds, T0_NS, new byte[] {0x45});
      writer.write(binary, 1_700_000_000_500_000_000L, new byte[] {0x45});
      writer.write(seconds, T0_NS, new byte[] {0x45});
    }
    try (CaptureReader reader = CaptureReader.open(file)) {
      assertThat(readAll(reader))
          .extracting(Record::timestampNs)
          .containsExactly(
              1_700_000_000_123_000_000L, 1_700_000_000_500_000_000L, 1_700_000_000_000_000_000L);
    }
    assertThat(CaptureReader.toNanoseconds(3, PcapNgWriter.TSRESOL_BINARY | 2))
        .isEqualTo(750_000_000L);
    assertThat(CaptureReader.toNanoseconds(123_456_789_012L, 12)).isEqualTo(123_456_789L);
  }

  @Test
  void detectsFormatByMagicNotByName() throws IOException {
    Path file = directory.resolve("looks-like.pcapng");
    try (PcapWriter writer = PcapWriter.open(file, LinkType.NULL, false, ByteOrder.BIG_ENDIAN)) {
      writer.write(T0_NS, new byte[4]);
    }
    try (CaptureReader reader = CaptureReader.open(file)) {
      assertThat(reader.format()).isEqualTo(CaptureFormat.PCAP_MICROSECONDS);
    }
  }

  @Test
  void refusesUnknownMagicNamingTheFile() throws IOException {
    Path file = directory.resolve("notes.pcap");
    Files.writeString(file, "hello, not a capture");
    assertThatThrownBy(() -> CaptureReader.open(file))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("notes.pcap")
        .hasMessageContaining("unknown magic number 68656c6c");
  }

  @Test
  void refusesFileShorterThanAMagicNumber() throws IOException {
    Path file = directory.resolve("tiny.pcap");
    Files.write(file, new byte[] {(byte) 0xd4, (byte) 0xc3});
    assertThatThrownBy(() -> CaptureReader.open(file))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("tiny.pcap");
  }

  @Test
  void stopsAtTruncatedLastRecordAndKeepsEarlierOnes() throws IOException {
    Path file = writeThreeRecordPcap("truncated.pcap");
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 5));
    long thirdRecordOffset = 24 + 2L * (16 + first.length);
    try (CaptureReader reader = CaptureReader.open(file)) {
      assertThat(readAll(reader)).hasSize(2);
      assertThat(reader.next()).isFalse();
      CaptureError error = reader.error();
      assertThat(error.offsetBytes()).isEqualTo(thirdRecordOffset);
      assertThat(error.toString())
          .isEqualTo(
              file.toAbsolutePath().normalize()
                  + ": corrupt record at byte offset "
                  + thirdRecordOffset
                  + ": captured length "
                  + first.length
                  + " runs past the end of the file ("
                  + (first.length - 5)
                  + " bytes left)");
    }
  }

  @Test
  void stopsAtCorruptRecordAndKeepsEarlierOnes() throws IOException {
    Path file = writeThreeRecordPcap("corrupt.pcap");
    byte[] bytes = Files.readAllBytes(file);
    long secondRecordOffset = 24 + 16 + first.length;
    ByteBuffer.wrap(bytes)
        .order(ByteOrder.LITTLE_ENDIAN)
        .putInt((int) secondRecordOffset + 8, 300_000);
    Files.write(file, bytes);
    try (CaptureReader reader = CaptureReader.open(file)) {
      assertThat(readAll(reader)).hasSize(1);
      assertThat(reader.error().toString())
          .isEqualTo(
              file.toAbsolutePath().normalize()
                  + ": corrupt record at byte offset "
                  + secondRecordOffset
                  + ": captured length 300000 exceeds snapshot length 262144");
    }
  }

  @Test
  void stopsAtTruncatedRecordHeader() throws IOException {
    Path file = writeThreeRecordPcap("header.pcap");
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, concat(bytes, new byte[7]));
    try (CaptureReader reader = CaptureReader.open(file)) {
      assertThat(readAll(reader)).hasSize(3);
      assertThat(reader.error().offsetBytes()).isEqualTo(bytes.length);
      assertThat(reader.error().message()).contains("record header truncated");
    }
  }

  @Test
  void stopsAtPcapngBlockWithInconsistentLength() throws IOException {
    Path file = directory.resolve("inconsistent.pcapng");
    try (PcapNgWriter writer = PcapNgWriter.open(file, ByteOrder.LITTLE_ENDIAN)) {
      int id = writer.addInterface(LinkType.ETHERNET, false);
      writer.write(id, T0_NS, first);
      writer.write(id, T0_NS, second);
    }
    byte[] bytes = Files.readAllBytes(file);
    int secondBlock = bytes.length - (32 + ((second.length + 3) & ~3));
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(bytes.length - 4, 999);
    Files.write(file, bytes);
    try (CaptureReader reader = CaptureReader.open(file)) {
      assertThat(readAll(reader)).hasSize(1);
      assertThat(reader.error().offsetBytes()).isEqualTo(secondBlock);
      assertThat(reader.error().message()).contains("block length inconsistent");
    }
  }

  @Test
  void stopsAtPcapngBlockRunningPastTheEnd() throws IOException {
    Path file = directory.resolve("short.pcapng");
    try (PcapNgWriter writer = PcapNgWriter.open(file, ByteOrder.BIG_ENDIAN)) {
      int id = writer.addInterface(LinkType.ETHERNET, true);
      writer.write(id, T0_NS, first);
      writer.write(id, T0_NS, second);
    }
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 10));
    try (CaptureReader reader = CaptureReader.open(file)) {
      assertThat(readAll(reader)).hasSize(1);
      assertThat(reader.error().message()).contains("runs past the end of the file");
    }
  }

  @Test
  void stopsAtPacketOfUndescribedInterface() throws IOException {
    Path file = directory.resolve("noif.pcapng");
    try (PcapNgWriter writer = PcapNgWriter.open(file, ByteOrder.BIG_ENDIAN)) {
      writer.write(writer.addInterface(LinkType.ETHERNET, true), T0_NS, first);
    }
    byte[] bytes = Files.readAllBytes(file);
    int packetBlock = bytes.length - (32 + ((first.length + 3) & ~3));
    ByteBuffer.wrap(bytes).putInt(packetBlock + 8, 3);
    Files.write(file, bytes);
    try (CaptureReader reader = CaptureReader.open(file)) {
      assertThat(reader.next()).isFalse();
      assertThat(reader.error().message()).contains("interface 3");
    }
  }

  @Test
  void aDirectoryOrAMissingFileIsRefusedWithItsWholePath() throws IOException {
    Path missing = directory.resolve("missing.pcap");
    assertThatThrownBy(() -> CaptureReader.open(missing))
        .isInstanceOf(IOException.class)
        .hasMessage(missing.toAbsolutePath() + ": no such file");
    assertThatThrownBy(() -> CaptureReader.open(directory))
        .isInstanceOf(IOException.class)
        .hasMessage(directory.toAbsolutePath() + ": is a directory, not a capture file");
  }

  @Test
  void readsEmptyCaptureCleanly() throws IOException {
    Path file = directory.resolve("empty.pcap");
    PcapWriter.open(file, LinkType.ETHERNET, false, ByteOrder.LITTLE_ENDIAN).close();
    try (CaptureReader reader = CaptureReader.open(file)) {
      assertThat(reader.next()).isFalse();
      assertThat(reader.next()).isFalse();
      assertThat(reader.error()).isNull();
      assertThat(reader.recordsRead()).isZero();
    }
  }

  @Test
  void namesLinkTypesForMessages() {
    assertThat(LinkType.name(LinkType.LINUX_SLL2)).isEqualTo("linux-sll2");
    assertThat(LinkType.name(147)).isEqualTo("linktype 147");
  }

  /** A pcap of {@code count} records of varied lengths, one millisecond apart; returns offsets. */
  private long[] writeVariedPcap(Path file, int count, boolean nanosecond) throws IOException {
    long[] offsets = new long[count];
    long offset = 24;
    try (PcapWriter writer =
        PcapWriter.open(file, LinkType.ETHERNET, nanosecond, ByteOrder.LITTLE_ENDIAN)) {
      for (int i = 0; i < count; i++) {
        byte[] frame =
            PacketBuilder.ipv4("10.0.0.1", "10.0.0.2")
                .udp(1000 + i, 53)
                .payloadLength(20 + (i * 37) % 400)
                .ethernet();
        offsets[i] = offset;
        writer.write(T0_NS + i * 1_000_000L, frame);
        offset += 16 + frame.length;
      }
    }
    return offsets;
  }

  private static void putInt(Path file, long offset, int value) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt((int) offset, value);
    Files.write(file, bytes);
  }

  private static int getInt(Path file, long offset) throws IOException {
    return ByteBuffer.wrap(Files.readAllBytes(file))
        .order(ByteOrder.LITTLE_ENDIAN)
        .getInt((int) offset);
  }

  @ParameterizedTest(name = "captured length {0} bytes off")
  @org.junit.jupiter.params.provider.ValueSource(ints = {-6, -1, 1, 9, 200})
  void aWrongCapturedLengthIsReportedAtItsOwnRecord(int delta) throws IOException {
    Path file = directory.resolve("caplen.pcap");
    long[] offsets = writeVariedPcap(file, 60, false);
    int bad = 20;
    putInt(file, offsets[bad] + 8, getInt(file, offsets[bad] + 8) + delta);
    try (CaptureReader reader = CaptureReader.open(file)) {
      assertThat(readAll(reader)).hasSize(bad);
      assertThat(reader.error().offsetBytes()).isEqualTo(offsets[bad]);
      assertThat(reader.error().message()).contains("captured length");
    }
  }

  @Test
  void microsecondsOfOneSecondOrMoreAreACorruptRecord() throws IOException {
    Path file = directory.resolve("usec.pcap");
    long[] offsets = writeVariedPcap(file, 5, false);
    putInt(file, offsets[3] + 4, 1_000_000);
    try (CaptureReader reader = CaptureReader.open(file)) {
      assertThat(readAll(reader)).hasSize(3);
      assertThat(reader.error().offsetBytes()).isEqualTo(offsets[3]);
      assertThat(reader.error().message())
          .isEqualTo("microseconds 1000000 are not below one second");
    }
  }

  @Test
  void nanosecondsOfOneSecondOrMoreAreACorruptRecord() throws IOException {
    Path file = directory.resolve("nsec.pcap");
    long[] offsets = writeVariedPcap(file, 5, true);
    putInt(file, offsets[0] + 4, 1_000_000_000);
    try (CaptureReader reader = CaptureReader.open(file)) {
      assertThat(readAll(reader)).isEmpty();
      assertThat(reader.error().offsetBytes()).isEqualTo(offsets[0]);
      assertThat(reader.error().message()).startsWith("nanoseconds 1000000000");
    }
  }

  @Test
  void aLengthOnTheWireShorterThanTheCapturedLengthIsACorruptRecord() throws IOException {
    Path file = directory.resolve("orig.pcap");
    long[] offsets = writeVariedPcap(file, 5, false);
    putInt(file, offsets[4] + 12, 10);
    try (CaptureReader reader = CaptureReader.open(file)) {
      assertThat(readAll(reader)).hasSize(4);
      assertThat(reader.error().offsetBytes()).isEqualTo(offsets[4]);
      assertThat(reader.error().message()).contains("length on the wire 10 is shorter");
    }
  }

  @Test
  void aPcapngPacketLongerThanItsInterfaceSnapshotLengthIsACorruptBlock() throws IOException {
    Path file = directory.resolve("snap.pcapng");
    try (PcapNgWriter writer = PcapNgWriter.open(file, ByteOrder.LITTLE_ENDIAN)) {
      int id = writer.addInterface(LinkType.ETHERNET, false);
      writer.write(id, T0_NS, first);
      writer.write(id, T0_NS, second);
    }
    byte[] bytes = Files.readAllBytes(file);
    int idb = 28; // after a section header block without options
    assertThat(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt(idb)).isEqualTo(1);
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(idb + 12, first.length);
    Files.write(file, bytes);
    int secondBlock = bytes.length - (32 + ((second.length + 3) & ~3));
    try (CaptureReader reader = CaptureReader.open(file)) {
      assertThat(readAll(reader)).hasSize(1);
      assertThat(reader.error().offsetBytes()).isEqualTo(secondBlock);
      assertThat(reader.error().message()).contains("exceeds the snapshot length");
    }
  }

  private Path writeThreeRecordPcap(String name) throws IOException {
    Path file = directory.resolve(name);
    try (PcapWriter writer =
        PcapWriter.open(file, LinkType.ETHERNET, false, ByteOrder.LITTLE_ENDIAN)) {
      writer.write(T0_NS, first);
      writer.write(T0_NS + 1, first);
      writer.write(T0_NS + 2, first);
    }
    return file;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
