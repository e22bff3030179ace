package org.flowgate.dataplane.capture;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;

/**
 * The capture reader on whole files, coverage-guided (Jazzer): saved inputs in {@code
 * CaptureReaderFuzzTestInputs/} run as regression tests; {@code JAZZER_FUZZ=1} fuzzes
 * (docs/reliability.md). Whatever the bytes, the reader either refuses the file at open with an
 * {@link IOException} naming it, or delivers records whose frames lie inside the file, in file
 * order, and stops at the end or at a {@link CaptureError} whose offset lies inside the file after
 * the last record it delivered.
 */
class CaptureReaderFuzzTest {
  /** The name the bytes go by in messages; nothing is written to it. */
  private static final Path FILE = Path.of("/fuzz/input.pcap");

  private static final int[] PCAP_MAGICS = {0xa1b2c3d4, 0xd4c3b2a1, 0xa1b23c4d, 0x4d3cb2a1};

  /** Input bytes as a pcap file: the first byte picks one of the four magic numbers. */
  @FuzzTest(maxDuration = "10m")
  void readsAnyPcapToItsEndOrToACorruptRecordInsideIt(byte[] input) throws IOException {
    byte[] file = input.clone();
    if (file.length >= 4) {
      int magic = PCAP_MAGICS[file[0] & 3];
      file[0] = (byte) (magic >>> 24);
      file[1] = (byte) (magic >>> 16);
      file[2] = (byte) (magic >>> 8);
      file[3] = (byte) magic;
    }
    readWhole(file);
  }

  /** Input bytes as a pcapng file: the section header's block type is kept in place. */
  @FuzzTest(maxDuration = "10m")
  void readsAnyPcapngToItsEndOrToACorruptBlockInsideIt(byte[] input) throws IOException {
    byte[] file = input.clone();
    if (file.length >= 4) {
      file[0] = 0x0a;
      file[1] = 0x0d;
      file[2] = 0x0d;
      file[3] = 0x0a;
    }
    readWhole(file);
  }

  private static void readWhole(byte[] bytes) throws IOException {
    String name = FILE.toAbsolutePath().normalize().toString();
    CaptureReader opened;
    try {
      opened = CaptureReader.ofBytes(Path.of(name), MemorySegment.ofArray(bytes));
    } catch (IOException e) {
      assertThat(e.getMessage()).startsWith(name + ": ");
      return;
    }
    long size = bytes.length;
    try (CaptureReader reader = opened) {
      long records = 0;
      long delivered = 0; // end of the last frame delivered
      while (reader.next()) {
        records++;
        long frame = reader.frameOffset();
        int captured = reader.capturedLengthBytes();
        // plain checks in the loop: AssertJ per record made each execution a millisecond
        check(reader.recordOffset() >= delivered, "record before the end of the last", reader);
        check(frame > reader.recordOffset(), "frame before its record header", reader);
        check(captured >= 0 && frame + captured <= size, "frame outside the file", reader);
        check(reader.originalLengthBytes() >= captured, "wire length below captured", reader);
        if (captured > 0) { // every byte of the frame is readable
          reader.segment().get(ValueLayout.JAVA_BYTE, frame);
          reader.segment().get(ValueLayout.JAVA_BYTE, frame + captured - 1);
        }
        delivered = frame + captured;
        check(records <= size / 12, "more records than the file can hold", reader);
      }
      assertThat(reader.next()).isFalse();
      assertThat(reader.recordsRead()).isEqualTo(records);
      CaptureError error = reader.error();
      if (error != null) {
        assertThat(error.offsetBytes()).isGreaterThanOrEqualTo(delivered).isLessThan(size);
        assertThat(error.toString()).startsWith(name + ": corrupt record at byte offset ");
      }
    }
  }

  private static void check(boolean holds, String what, CaptureReader reader) {
    if (!holds) {
      throw new AssertionError(
          what
              + ": record "
              + reader.recordsRead()
              + " at offset "
              + reader.recordOffset()
              + ", frame at "
              + reader.frameOffset()
              + ", captured "
              + reader.capturedLengthBytes()
              + ", on the wire "
              + reader.originalLengthBytes());
    }
  }
}
