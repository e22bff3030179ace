package org.flowgate.dataplane.capture;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads a classic pcap or a pcapng file record by record over one memory mapping of the file.
 *
 * <p>Thread: owned by one thread at a time (the replay thread). The mapping lives in a shared
 * {@link Arena} so the reader, and the segment it hands out, may be passed to another thread before
 * use; it is closed by {@link #close()}, after which no segment from it may be touched.
 *
 * <p>The format is told by the magic number alone, never by the file name:
 *
 * <pre>
 *  first 4 bytes (as stored)   format                      byte order
 *  a1 b2 c3 d4                 pcap, microsecond stamps    big-endian
 *  d4 c3 b2 a1                 pcap, microsecond stamps    little-endian
 *  a1 b2 3c 4d                 pcap, nanosecond stamps     big-endian
 *  4d 3c b2 a1                 pcap, nanosecond stamps     little-endian
 *  0a 0d 0d 0a                 pcapng                      from the section's byte-order magic
 * </pre>
 *
 * <p>Use: {@code while (reader.next()) { ... reader.segment(), reader.frameOffset() ... }} then
 * look at {@link #error()}: null means the file ended cleanly, otherwise the reader stopped at a
 * truncated or inconsistent record and every record before it was delivered. {@link #next()}
 * allocates nothing; the only allocations after {@link #open} are the {@link CaptureError} at a bad
 * record and growing the pcapng interface table past {@value #INITIAL_INTERFACES} interfaces.
 */
public final class CaptureReader implements AutoCloseable {
  private static final int INITIAL_INTERFACES = 16;

  /** How far reading goes between two looks at the file's size (one fstat a MiB). */
  static final long SIZE_CHECK_BYTES = 1 << 20;

  private static final ValueLayout.OfInt INT_BIG =
      ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
  private static final ValueLayout.OfInt INT_LITTLE =
      ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  private static final ValueLayout.OfShort SHORT_BIG =
      ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
  private static final ValueLayout.OfShort SHORT_LITTLE =
      ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  private static final ValueLayout.OfLong LONG_BIG =
      ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
  private static final ValueLayout.OfLong LONG_LITTLE =
      ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  private static final int MAGIC_MICROSECONDS = 0xa1b2c3d4;
  private static final int MAGIC_MICROSECONDS_SWAPPED = 0xd4c3b2a1;
  private static final int MAGIC_NANOSECONDS = 0xa1b23c4d;
  private static final int MAGIC_NANOSECONDS_SWAPPED = 0x4d3cb2a1;
  private static final int PCAPNG_SECTION_HEADER = 0x0a0d0d0a;
  private static final int PCAPNG_BYTE_ORDER_MAGIC = 0x1a2b3c4d;
  private static final int PCAPNG_BYTE_ORDER_MAGIC_SWAPPED = 0x4d3c2b1a;

  /*
   * Classic pcap (draft-ietf-opsawg-pcap), all fields in the byte order told by the magic:
   *
   *   File header, 24 bytes                     Record header, 16 bytes, then captured bytes
   *    0                   1                   2                   3
   *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
   *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   *   |                          Magic Number                         |  0   | Timestamp (seconds)  |  0
   *   |     Major Version (2)         |      Minor Version (4)        |  4   | Timestamp (us or ns) |  4
   *   |                   Reserved1 (was thiszone)                    |  8   | Captured Length      |  8
   *   |                   Reserved2 (was sigfigs)                     | 12   | Original Length      | 12
   *   |                          SnapLen                              | 16   | Packet Data ...      | 16
   *   | FCS |f|0 0 0 0 0 0 0 0 0 0 0 0|         LinkType              | 20
   *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   */
  private static final int PCAP_FILE_HEADER_BYTES = 24;
  private static final int PCAP_RECORD_HEADER_BYTES = 16;

  /**
   * The longest frame a record may hold or describe: 16 MiB, far above any link's frames (jumbo
   * frames, 64 KiB offloaded segments, 256 KiB libpcap snapshots) and far below what a corrupt
   * length field usually says.
   */
  static final long MAXIMUM_RECORD_BYTES = 16L << 20;

  /*
   * pcapng (draft-ietf-opsawg-pcapng). Every block:
   *
   *    0                   1                   2                   3
   *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
   *   +---------------------------------------------------------------+
   *   |                          Block Type                           |
   *   |                      Block Total Length                       |  multiple of 4, >= 12
   *   /                          Block Body                           /
   *   |                      Block Total Length                       |  same value again
   *   +---------------------------------------------------------------+
   *
   *   Section Header (0x0a0d0d0a): body = byte-order magic 1a2b3c4d, major 1, minor 0,
   *     section length (64 bits, -1 = unknown), options. A new section forgets all interfaces.
   *   Interface Description (1): LinkType (16), reserved (16), SnapLen (32), options;
   *     if_tsresol (code 9, 1 byte: bit 7 clear = 10^-n s, set = 2^-n s; default 10^-6),
   *     if_tsoffset (code 14, 64-bit seconds added to every timestamp).
   *   Enhanced Packet (6): Interface ID (32), Timestamp upper (32), Timestamp lower (32),
   *     Captured Length (32), Original Length (32), data padded to 32 bits, options.
   *   Simple Packet (3): Original Length (32), data; interface 0, no timestamp; the captured
   *     length is the smaller of the original length, the interface snaplen and the block body.
   *   Packet (2, obsolete): Interface ID (16), Drops Count (16), then as Enhanced Packet.
   *   Every other block type is skipped. A section whose shb_userappl (code 4) is "Flowgate live
   *     capture" (serve --capture) marks each packet's direction in epb_flags (code 2, bits 0-1:
   *     01 inbound, 10 outbound); its outbound packets, the device's own output, are skipped.
   */
  private static final int BLOCK_INTERFACE_DESCRIPTION = 1;
  private static final int BLOCK_PACKET_OBSOLETE = 2;
  private static final int BLOCK_SIMPLE_PACKET = 3;
  private static final int BLOCK_ENHANCED_PACKET = 6;
  private static final int OPTION_END = 0;
  private static final int OPTION_IF_TSRESOL = 9;
  private static final int OPTION_IF_TSOFFSET = 14;
  private static final int OPTION_SHB_USERAPPL = 4;
  private static final int OPTION_EPB_FLAGS = 2;

  /** shb_userappl of {@code flowgate serve --capture} (dataplane.live.LiveCapture). */
  public static final String FLOWGATE_LIVE_CAPTURE = "Flowgate live capture";

  private static final int DEFAULT_TSRESOL = 6;

  private static final long NANOS_PER_SECOND = 1_000_000_000L;
  private static final long[] POWERS_OF_TEN = new long[19];

  static {
    POWERS_OF_TEN[0] = 1;
    for (int i = 1; i < POWERS_OF_TEN.length; i++) {
      POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
    }
  }

  private final Path file;
  private final Arena arena;
  private final MemorySegment segment;

  /** Where the file ends: its size at open, or less once it was truncated under the reader. */
  private long sizeBytes;

  private long truncatedToBytes = -1;
  private final CaptureFormat format;

  private ValueLayout.OfInt intLayout;
  private ValueLayout.OfShort shortLayout;
  private ValueLayout.OfLong longLayout;

  // classic pcap
  private int pcapLinkType;
  private long pcapSnapLengthBytes;

  // pcapng interfaces of the current section
  private int interfaceCount;
  private boolean flowgateLive;
  private int[] interfaceLinkTypes = new int[INITIAL_INTERFACES];
  private long[] interfaceSnapLengthBytes = new long[INITIAL_INTERFACES];
  private int[] interfaceTsresol = new int[INITIAL_INTERFACES];
  private long[] interfaceTsOffsetSeconds = new long[INITIAL_INTERFACES];

  private long positionBytes;

  /**
   * Where the record header that the previous record's look-ahead found sound lies (-1: none), so
   * that each header is checked once, not twice.
   */
  private long validatedBytes = -1;

  private boolean finished;

  /** Open while the reader is: asked for the file's size as reading goes on. */
  private FileChannel channel;

  /** Reading past this offset first asks whether the file shrank since the last time. */
  private long nextSizeCheckBytes = SIZE_CHECK_BYTES;

  private CaptureError error;
  private long recordsRead;

  // the current record
  private long recordOffset;
  private long frameOffset;
  private int capturedLengthBytes;
  private int originalLengthBytes;
  private long timestampNs;
  private int linkType;
  private int interfaceId;

  private CaptureReader(
      Path file, Arena arena, MemorySegment segment, CaptureFormat format, ByteOrder order) {
    this.file = file;
    this.arena = arena;
    this.segment = segment;
    this.sizeBytes = segment.byteSize();
    this.format = format;
    useByteOrder(order);
  }

  /**
   * Maps {@code file} and reads its header. Throws {@link IOException} naming the file when it
   * cannot be read, is shorter than a header, or starts with an unknown magic number.
   */
  public static CaptureReader open(Path file) throws IOException {
    Path named = file.toAbsolutePath().normalize();
    if (Files.isDirectory(named)) {
      throw new IOException(named + ": is a directory, not a capture file");
    }
    Arena arena = Arena.ofShared();
    FileChannel channel = null;
    try {
      MemorySegment segment;
      try {
        channel = FileChannel.open(file, StandardOpenOption.READ);
        long size = channel.size();
        if (size < 4) {
          throw new IOException(named + ": not a capture file: only " + size + " bytes");
        }
        if (!Files.isRegularFile(named)) {
          throw new IOException(named + ": not a regular file (a pipe or device cannot be mapped)");
        }
        segment = channel.map(FileChannel.MapMode.READ_ONLY, 0, size, arena);
      } catch (NoSuchFileException e) {
        throw new IOException(named + ": no such file", e);
      } catch (AccessDeniedException e) {
        throw new IOException(named + ": permission denied", e);
      } catch (IOException e) {
        String message = e.getMessage();
        throw message != null && message.startsWith(named.toString())
            ? e
            : new IOException(named + ": " + message, e);
      }
      CaptureReader reader = detect(named, arena, segment);
      reader.channel = channel;
      reader.readFileHeader();
      return reader;
    } catch (IOException | RuntimeException e) {
      arena.close();
      if (channel != null) {
        channel.close();
      }
      throw e;
    }
  }

  /**
   * A reader over bytes already in memory, named {@code file} in its messages: the fuzz targets
   * read whole files this way, thousands of times a second, without a file system.
   */
  static CaptureReader ofBytes(Path file, MemorySegment contents) throws IOException {
    if (contents.byteSize() < 4) {
      throw new IOException(file + ": not a capture file: only " + contents.byteSize() + " bytes");
    }
    CaptureReader reader = detect(file, Arena.ofAuto(), contents);
    reader.readFileHeader();
    return reader;
  }

  private static CaptureReader detect(Path file, Arena arena, MemorySegment segment)
      throws IOException {
    int magic = segment.get(INT_BIG, 0);
    return switch (magic) {
      case MAGIC_MICROSECONDS ->
          new CaptureReader(
              file, arena, segment, CaptureFormat.PCAP_MICROSECONDS, ByteOrder.BIG_ENDIAN);
      case MAGIC_MICROSECONDS_SWAPPED ->
          new CaptureReader(
              file, arena, segment, CaptureFormat.PCAP_MICROSECONDS, ByteOrder.LITTLE_ENDIAN);
      case MAGIC_NANOSECONDS ->
          new CaptureReader(
              file, arena, segment, CaptureFormat.PCAP_NANOSECONDS, ByteOrder.BIG_ENDIAN);
      case MAGIC_NANOSECONDS_SWAPPED ->
          new CaptureReader(
              file, arena, segment, CaptureFormat.PCAP_NANOSECONDS, ByteOrder.LITTLE_ENDIAN);
      case PCAPNG_SECTION_HEADER ->
          new CaptureReader(file, arena, segment, CaptureFormat.PCAPNG, ByteOrder.BIG_ENDIAN);
      default ->
          throw new IOException(
              String.format(
                  "%s: not a pcap or pcapng file: unknown magic number %08x", file, magic));
    };
  }

  private void readFileHeader() throws IOException {
    if (format == CaptureFormat.PCAPNG) {
      if (sizeBytes < 12) {
        throw new IOException(file + ": pcapng section header block truncated");
      }
      int byteOrderMagic = segment.get(INT_BIG, 8);
      if (byteOrderMagic != PCAPNG_BYTE_ORDER_MAGIC
          && byteOrderMagic != PCAPNG_BYTE_ORDER_MAGIC_SWAPPED) {
        throw new IOException(
            String.format(
                "%s: pcapng section header with bad byte-order magic %08x", file, byteOrderMagic));
      }
      positionBytes = 0; // next() reads the section header block itself
      return;
    }
    if (sizeBytes < PCAP_FILE_HEADER_BYTES) {
      throw new IOException(file + ": pcap file header truncated: only " + sizeBytes + " bytes");
    }
    pcapSnapLengthBytes = segment.get(intLayout, 16) & 0xffff_ffffL;
    pcapLinkType = segment.get(intLayout, 20) & 0xffff;
    positionBytes = PCAP_FILE_HEADER_BYTES;
  }

  private void useByteOrder(ByteOrder order) {
    boolean big = order == ByteOrder.BIG_ENDIAN;
    intLayout = big ? INT_BIG : INT_LITTLE;
    shortLayout = big ? SHORT_BIG : SHORT_LITTLE;
    longLayout = big ? LONG_BIG : LONG_LITTLE;
  }

  /** Advances to the next packet record; false at the end of the file or at a bad record. */
  public boolean next() {
    if (finished) {
      return false;
    }
    if (positionBytes >= nextSizeCheckBytes) {
      nextSizeCheckBytes = positionBytes + SIZE_CHECK_BYTES;
      checkTruncated();
    }
    boolean found;
    long start = positionBytes;
    try {
      found = format == CaptureFormat.PCAPNG ? nextBlock() : nextPcapRecord();
    } catch (InternalError e) { // the mapping faulted: the file shrank under it
      if (!checkTruncated()) {
        throw e;
      }
      positionBytes = start;
      found = readWithin(); // again, now only up to the new end
    }
    if (!found && error == null && truncatedToBytes >= 0) {
      fail(positionBytes, ""); // the new end fell between two records
    }
    if (found) {
      recordsRead++;
    } else {
      finished = true;
    }
    return found;
  }

  private boolean readWithin() {
    try {
      return format == CaptureFormat.PCAPNG ? nextBlock() : nextPcapRecord();
    } catch (InternalError e) { // truncated once more under the reader
      checkTruncated();
      return fail(positionBytes, "");
    }
  }

  /**
   * Asks the file's size; when someone truncated it since it was opened, reading goes on only up to
   * the new end, and stops with a {@link CaptureError} at the first record that is not whole (a
   * mapped page past the new end faults when read: see docs/adr/0018-captures-that-shrink.md).
   * Returns true when the file is shorter than when it was opened. The replay calls it too when a
   * read of the mapping raised the fault outside {@link #next()}.
   */
  public boolean checkTruncated() {
    long now = sizeNowBytes();
    if (now >= sizeBytes) {
      return truncatedToBytes >= 0;
    }
    truncatedToBytes = now;
    sizeBytes = now;
    validatedBytes = -1; // checked against the old size
    return true;
  }

  /**
   * Stops reading at the current record after the mapping faulted outside {@link #next()} (in the
   * dispatcher's decoding of a frame): true when the file was truncated, which is then the error.
   */
  public boolean stopAfterFault() {
    if (!checkTruncated()) {
      return false;
    }
    if (error == null) {
      fail(positionBytes, "");
    }
    finished = true;
    return true;
  }

  /** The size the file was truncated to while it was read, or -1. */
  public long truncatedToBytes() {
    return truncatedToBytes;
  }

  private boolean nextPcapRecord() {
    long at = positionBytes;
    long left = sizeBytes - at;
    if (left == 0) {
      return false;
    }
    if (at != validatedBytes) {
      String problem = pcapRecordProblem(at);
      if (problem != null) {
        return fail(at, problem);
      }
    }
    long seconds = segment.get(intLayout, at) & 0xffff_ffffL;
    long fraction = segment.get(intLayout, at + 4) & 0xffff_ffffL;
    long captured = segment.get(intLayout, at + 8) & 0xffff_ffffL;
    long original = segment.get(intLayout, at + 12) & 0xffff_ffffL;
    long next = at + PCAP_RECORD_HEADER_BYTES + captured;
    boolean nextFollows = sizeBytes - next >= PCAP_RECORD_HEADER_BYTES;
    boolean nextSound = nextFollows && pcapRecordProblem(next) == null;
    validatedBytes = nextSound ? next : -1;
    if (nextFollows && !nextSound) {
      // What follows is no record header. Either that record is corrupt (reported when it is
      // read), or this record's captured length is wrong and the next header lies elsewhere: the
      // length on the wire, cut at the snapshot length, says where a frame this long would end.
      long expected = pcapSnapLengthBytes == 0 ? original : Math.min(original, pcapSnapLengthBytes);
      long expectedNext = at + PCAP_RECORD_HEADER_BYTES + expected;
      if (expected != captured
          && expectedNext <= sizeBytes
          && (expectedNext == sizeBytes || pcapRecordProblem(expectedNext) == null)) {
        return fail(
            at,
            "captured length "
                + captured
                + " is wrong: the frame was "
                + original
                + " bytes on the wire and the next record header follows "
                + expected
                + " bytes of it, at offset "
                + expectedNext);
      }
    }
    boolean nanosecond = format == CaptureFormat.PCAP_NANOSECONDS;
    timestampNs = seconds * NANOS_PER_SECOND + (nanosecond ? fraction : fraction * 1000);
    recordOffset = at;
    frameOffset = at + PCAP_RECORD_HEADER_BYTES;
    capturedLengthBytes = (int) captured;
    originalLengthBytes = (int) original;
    linkType = pcapLinkType;
    interfaceId = 0;
    positionBytes = next;
    return true;
  }

  /**
   * Null when the 16 bytes at {@code at} can be a record header whose frame the file holds, else
   * what is wrong with them. Each field is checked against what a writer can produce: a fraction of
   * a second below one second, a captured length within the snapshot length (at most {@value
   * #MAXIMUM_RECORD_BYTES}), a length on the wire at least the captured length and at most {@value
   * #MAXIMUM_RECORD_BYTES}. Random bytes pass all of them about once in 10^9 (microsecond files) or
   * 10^5 (nanosecond files), so a reader that lost its place stops at once. Allocates only the
   * message of a bad header.
   */
  private String pcapRecordProblem(long at) {
    long left = sizeBytes - at;
    if (left < PCAP_RECORD_HEADER_BYTES) {
      return "record header truncated: " + left + " bytes left in the file";
    }
    long fraction = segment.get(intLayout, at + 4) & 0xffff_ffffL;
    long captured = segment.get(intLayout, at + 8) & 0xffff_ffffL;
    long original = segment.get(intLayout, at + 12) & 0xffff_ffffL;
    boolean nanosecond = format == CaptureFormat.PCAP_NANOSECONDS;
    if (fraction >= (nanosecond ? NANOS_PER_SECOND : 1_000_000)) {
      return (nanosecond ? "nanoseconds " : "microseconds ")
          + fraction
          + " are not below one second";
    }
    if (pcapSnapLengthBytes != 0 && captured > pcapSnapLengthBytes) {
      return "captured length " + captured + " exceeds snapshot length " + pcapSnapLengthBytes;
    }
    if (captured > MAXIMUM_RECORD_BYTES) {
      return "captured length " + captured + " exceeds " + MAXIMUM_RECORD_BYTES + " bytes";
    }
    if (original < captured) {
      return "length on the wire " + original + " is shorter than captured length " + captured;
    }
    if (original > MAXIMUM_RECORD_BYTES) {
      return "length on the wire " + original + " exceeds " + MAXIMUM_RECORD_BYTES + " bytes";
    }
    if (captured > left - PCAP_RECORD_HEADER_BYTES) {
      return "captured length "
          + captured
          + " runs past the end of the file ("
          + (left - PCAP_RECORD_HEADER_BYTES)
          + " bytes left)";
    }
    return null;
  }

  private boolean nextBlock() {
    while (true) {
      long at = positionBytes;
      long left = sizeBytes - at;
      if (left == 0) {
        return false;
      }
      if (left < 12) {
        return fail(at, "block header truncated: " + left + " bytes left in the file");
      }
      if (segment.get(INT_BIG, at) == PCAPNG_SECTION_HEADER) {
        int byteOrderMagic = segment.get(INT_BIG, at + 8);
        if (byteOrderMagic == PCAPNG_BYTE_ORDER_MAGIC) {
          useByteOrder(ByteOrder.BIG_ENDIAN);
        } else if (byteOrderMagic == PCAPNG_BYTE_ORDER_MAGIC_SWAPPED) {
          useByteOrder(ByteOrder.LITTLE_ENDIAN);
        } else {
          return fail(at, "section header block with bad byte-order magic");
        }
        interfaceCount = 0;
      }
      int type = segment.get(intLayout, at);
      long length = segment.get(intLayout, at + 4) & 0xffff_ffffL;
      if (length < 12 || (length & 3) != 0) {
        return fail(at, "block length " + length + " is not a multiple of 4 of at least 12");
      }
      if (length > left) {
        return fail(
            at,
            "block length " + length + " runs past the end of the file (" + left + " bytes left)");
      }
      long trailing = segment.get(intLayout, at + length - 4) & 0xffff_ffffL;
      if (trailing != length) {
        return fail(
            at,
            "block length inconsistent: " + length + " at the start, " + trailing + " at the end");
      }
      positionBytes = at + length;
      switch (type) {
        case PCAPNG_SECTION_HEADER -> flowgateLive = flowgateLiveSection(at, length);
        case BLOCK_ENHANCED_PACKET -> {
          if (flowgateLive && outbound(at, length)) {
            continue; // the live device's own output, not its input
          }
          return enhancedPacket(at, length, false);
        }
        case BLOCK_PACKET_OBSOLETE -> {
          return enhancedPacket(at, length, true);
        }
        case BLOCK_SIMPLE_PACKET -> {
          return simplePacket(at, length);
        }
        case BLOCK_INTERFACE_DESCRIPTION -> {
          if (!interfaceDescription(at, length)) {
            return false;
          }
        }
        default -> {
          // statistics, name resolution, custom blocks skipped
        }
      }
    }
  }

  /**
   * True for a section {@code flowgate serve --capture} wrote (shb_userappl, option 4, says so):
   * its packets carry epb_flags with their direction, and the outbound ones are skipped.
   */
  private boolean flowgateLiveSection(long at, long length) {
    long end = at + length - 4;
    long option = at + 24;
    while (option + 4 <= end) {
      int code = segment.get(shortLayout, option) & 0xffff;
      int valueBytes = segment.get(shortLayout, option + 2) & 0xffff;
      if (code == OPTION_END || option + 4 + valueBytes > end) {
        return false;
      }
      if (code == OPTION_SHB_USERAPPL) {
        byte[] value = new byte[valueBytes];
        MemorySegment.copy(segment, ValueLayout.JAVA_BYTE, option + 4, value, 0, valueBytes);
        return FLOWGATE_LIVE_CAPTURE.equals(new String(value, StandardCharsets.UTF_8));
      }
      option += 4 + ((valueBytes + 3) & ~3);
    }
    return false;
  }

  /** Whether an enhanced packet block's epb_flags (option 2) say outbound (direction bits 10). */
  private boolean outbound(long at, long length) {
    if (length < 32) {
      return false; // enhancedPacket reports it
    }
    long captured = segment.get(intLayout, at + 20) & 0xffff_ffffL;
    long end = at + length - 4;
    long option = at + 28 + ((captured + 3) & ~3L);
    while (option + 4 <= end) {
      int code = segment.get(shortLayout, option) & 0xffff;
      int valueBytes = segment.get(shortLayout, option + 2) & 0xffff;
      if (code == OPTION_END || option + 4 + valueBytes > end) {
        return false;
      }
      if (code == OPTION_EPB_FLAGS && valueBytes == 4) {
        return (segment.get(intLayout, option + 4) & 3) == 2;
      }
      option += 4 + ((valueBytes + 3) & ~3);
    }
    return false;
  }

  private boolean interfaceDescription(long at, long length) {
    if (length < 20) {
      return fail(at, "interface description block too short: " + length + " bytes");
    }
    if (interfaceCount == interfaceLinkTypes.length) {
      int grown = interfaceCount * 2;
      interfaceLinkTypes = java.util.Arrays.copyOf(interfaceLinkTypes, grown);
      interfaceSnapLengthBytes = java.util.Arrays.copyOf(interfaceSnapLengthBytes, grown);
      interfaceTsresol = java.util.Arrays.copyOf(interfaceTsresol, grown);
      interfaceTsOffsetSeconds = java.util.Arrays.copyOf(interfaceTsOffsetSeconds, grown);
    }
    int index = interfaceCount;
    interfaceLinkTypes[index] = segment.get(shortLayout, at + 8) & 0xffff;
    interfaceSnapLengthBytes[index] = segment.get(intLayout, at + 12) & 0xffff_ffffL;
    interfaceTsresol[index] = DEFAULT_TSRESOL;
    interfaceTsOffsetSeconds[index] = 0;
    long option = at + 16;
    long end = at + length - 4;
    while (option + 4 <= end) {
      int code = segment.get(shortLayout, option) & 0xffff;
      int valueBytes = segment.get(shortLayout, option + 2) & 0xffff;
      if (code == OPTION_END) {
        break;
      }
      if (option + 4 + valueBytes > end) {
        return fail(at, "interface description option " + code + " runs past its block");
      }
      if (code == OPTION_IF_TSRESOL && valueBytes >= 1) {
        interfaceTsresol[index] = segment.get(ValueLayout.JAVA_BYTE, option + 4) & 0xff;
      } else if (code == OPTION_IF_TSOFFSET && valueBytes >= 8) {
        interfaceTsOffsetSeconds[index] = segment.get(longLayout, option + 4);
      }
      option += 4 + ((valueBytes + 3) & ~3);
    }
    interfaceCount++;
    return true;
  }

  private boolean enhancedPacket(long at, long length, boolean obsolete) {
    if (length < 32) {
      return fail(at, "packet block too short: " + length + " bytes");
    }
    long id =
        obsolete
            ? segment.get(shortLayout, at + 8) & 0xffff
            : segment.get(intLayout, at + 8) & 0xffff_ffffL;
    if (id >= interfaceCount) {
      return fail(
          at, "packet block names interface " + id + " but the section has " + interfaceCount);
    }
    long units =
        ((segment.get(intLayout, at + 12) & 0xffff_ffffL) << 32)
            | (segment.get(intLayout, at + 16) & 0xffff_ffffL);
    long captured = segment.get(intLayout, at + 20) & 0xffff_ffffL;
    long original = segment.get(intLayout, at + 24) & 0xffff_ffffL;
    if (32 + ((captured + 3) & ~3L) > length) {
      return fail(
          at, "captured length " + captured + " runs past its block of " + length + " bytes");
    }
    long snapLength = interfaceSnapLengthBytes[(int) id];
    if (snapLength != 0 && captured > snapLength) {
      return fail(
          at,
          "captured length "
              + captured
              + " exceeds the snapshot length "
              + snapLength
              + " of interface "
              + id);
    }
    if (original < captured) {
      return fail(
          at, "length on the wire " + original + " is shorter than captured length " + captured);
    }
    if (original > MAXIMUM_RECORD_BYTES) {
      return fail(
          at, "length on the wire " + original + " exceeds " + MAXIMUM_RECORD_BYTES + " bytes");
    }
    interfaceId = (int) id;
    linkType = interfaceLinkTypes[interfaceId];
    timestampNs =
        toNanoseconds(units, interfaceTsresol[interfaceId])
            + interfaceTsOffsetSeconds[interfaceId] * NANOS_PER_SECOND;
    recordOffset = at;
    frameOffset = at + 28;
    capturedLengthBytes = (int) captured;
    originalLengthBytes = (int) original;
    return true;
  }

  private boolean simplePacket(long at, long length) {
    if (length < 16) {
      return fail(at, "simple packet block too short: " + length + " bytes");
    }
    if (interfaceCount == 0) {
      return fail(at, "simple packet block before any interface description block");
    }
    long original = segment.get(intLayout, at + 8) & 0xffff_ffffL;
    long captured = Math.min(original, length - 16);
    long snapLength = interfaceSnapLengthBytes[0];
    if (snapLength != 0) {
      captured = Math.min(captured, snapLength);
    }
    interfaceId = 0;
    linkType = interfaceLinkTypes[0];
    timestampNs = 0;
    recordOffset = at;
    frameOffset = at + 12;
    capturedLengthBytes = (int) captured;
    originalLengthBytes = (int) Math.min(original, Integer.MAX_VALUE);
    return true;
  }

  /** Converts a pcapng timestamp in units of {@code if_tsresol} to nanoseconds. */
  static long toNanoseconds(long units, int tsresol) {
    int exponent = tsresol & 0x7f;
    if ((tsresol & 0x80) == 0) {
      if (exponent == 9) {
        return units;
      }
      if (exponent < 9) {
        return units * POWERS_OF_TEN[9 - exponent];
      }
      int down = exponent - 9;
      return down < POWERS_OF_TEN.length ? Long.divideUnsigned(units, POWERS_OF_TEN[down]) : 0;
    }
    if (exponent == 0) {
      return units * NANOS_PER_SECOND;
    }
    if (exponent >= 64) {
      return 0;
    }
    long seconds = units >>> exponent;
    long fraction = units & ((1L << exponent) - 1);
    // fraction / 2^exponent as a 0.64 fixed-point number, times 10^9, keeps the integer part.
    long fractionNs = Math.unsignedMultiplyHigh(fraction << (64 - exponent), NANOS_PER_SECOND);
    return seconds * NANOS_PER_SECOND + fractionNs;
  }

  /** The file's size now (a system call; any thread): 0 when it can no longer be asked. */
  public long sizeNowBytes() {
    if (channel == null) {
      return segment.byteSize(); // bytes in memory do not shrink
    }
    try {
      return channel.size();
    } catch (IOException e) {
      return 0;
    }
  }

  /** Bytes the file had when it was opened (the mapping's size). */
  public long mappedBytes() {
    return segment.byteSize();
  }

  private boolean fail(long offsetBytes, String message) {
    String why =
        truncatedToBytes < 0
            ? message
            : "the file was truncated to "
                + truncatedToBytes
                + " bytes (from "
                + segment.byteSize()
                + ") while it was replayed; this record is not whole";
    error = new CaptureError(file, offsetBytes, why);
    return false;
  }

  /** The whole mapped file; a record is {@code [frameOffset, frameOffset + capturedLength)}. */
  public MemorySegment segment() {
    return segment;
  }

  /** Byte offset of the current record's header (pcap) or block (pcapng) in the file. */
  public long recordOffset() {
    return recordOffset;
  }

  /** Byte offset of the current record's first frame byte in {@link #segment()}. */
  public long frameOffset() {
    return frameOffset;
  }

  public int capturedLengthBytes() {
    return capturedLengthBytes;
  }

  /** Length of the frame on the wire (may exceed the captured length when snaplen cut it). */
  public int originalLengthBytes() {
    return originalLengthBytes;
  }

  /** Nanoseconds since the Unix epoch (0 for a pcapng Simple Packet Block, which has none). */
  public long timestampNs() {
    return timestampNs;
  }

  /** The LINKTYPE of the current record's interface; see {@link LinkType}. */
  public int linkType() {
    return linkType;
  }

  /** pcapng interface id of the current record, 0 for classic pcap. */
  public int interfaceId() {
    return interfaceId;
  }

  /** Records delivered so far by {@link #next()}. */
  public long recordsRead() {
    return recordsRead;
  }

  /** Why reading stopped early, or null while reading and after a clean end of file. */
  public CaptureError error() {
    return error;
  }

  public CaptureFormat format() {
    return format;
  }

  /** Byte order of the file header (pcap) or of the current section (pcapng). */
  public ByteOrder byteOrder() {
    return intLayout == INT_BIG ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
  }

  public Path file() {
    return file;
  }

  /** Unmaps the file; segments obtained from this reader become inaccessible. */
  @Override
  public void close() {
    if (channel == null) {
      return; // bytes in memory: the garbage collector frees them
    }
    arena.close();
    try {
      channel.close();
    } catch (IOException e) {
      // nothing was written through it
    }
  }
}
