package org.flowgate.dataplane.capture;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a pcapng file (block layouts drawn in {@link CaptureReader}): one Section Header Block,
 * then Interface Description Blocks as interfaces are added and Enhanced Packet Blocks. It can also
 * start further sections and write Simple and obsolete Packet Blocks, so that every block a reader
 * meets can be produced exactly.
 *
 * <p>Thread: owned by the one thread that writes; not for the per-packet path (it copies).
 */
public final class PcapNgWriter implements AutoCloseable {
  /** if_tsresol for microseconds (10^-6 s), the pcapng default. */
  public static final int TSRESOL_MICROSECONDS = 6;

  /** if_tsresol for nanoseconds (10^-9 s). */
  public static final int TSRESOL_NANOSECONDS = 9;

  /** Bit 7 of if_tsresol: the exponent is a power of two (2^-n s) instead of ten. */
  public static final int TSRESOL_BINARY = 0x80;

  private final OutputStream out;
  private final ByteOrder order;
  private int interfaceCount;
  private int[] tsresol = new int[8];

  private PcapNgWriter(OutputStream out, ByteOrder order) throws IOException {
    this.out = out;
    this.order = order;
    newSection();
  }

  public static PcapNgWriter open(Path file) throws IOException {
    return open(file, ByteOrder.nativeOrder());
  }

  public static PcapNgWriter open(Path file, ByteOrder order) throws IOException {
    return open(new BufferedOutputStream(Files.newOutputStream(file)), order);
  }

  /** Writes to {@code out}, which {@link #close()} closes. */
  public static PcapNgWriter open(OutputStream out, ByteOrder order) throws IOException {
    return new PcapNgWriter(out, order);
  }

  /** Starts a new section; interfaces of the previous section are forgotten (ids restart at 0). */
  public void newSection() throws IOException {
    ByteBuffer body = body(16);
    body.putInt(0x1a2b3c4d).putShort((short) 1).putShort((short) 0).putLong(-1L);
    block(0x0a0d0d0a, body);
    interfaceCount = 0;
  }

  /** Adds an interface with microsecond or nanosecond timestamps; returns its interface id. */
  public int addInterface(int linkType, boolean nanosecond) throws IOException {
    return addInterface(linkType, nanosecond ? TSRESOL_NANOSECONDS : TSRESOL_MICROSECONDS);
  }

  /**
   * Adds an interface whose timestamps are in units of the raw {@code if_tsresol} byte (decimal
   * exponent 0 to 9, or {@link #TSRESOL_BINARY} plus a binary exponent 0 to 32).
   */
  public int addInterface(int linkType, int ifTsresol) throws IOException {
    int exponent = ifTsresol & 0x7f;
    if ((ifTsresol & ~0xff) != 0
        || ((ifTsresol & TSRESOL_BINARY) == 0 ? exponent > 9 : exponent > 32)) {
      throw new IllegalArgumentException("unsupported if_tsresol " + ifTsresol);
    }
    ByteBuffer body = body(8 + 8 + 4);
    body.putShort((short) linkType).putShort((short) 0).putInt(PcapWriter.SNAP_LENGTH_BYTES);
    body.putShort((short) 9).putShort((short) 1).put((byte) ifTsresol).put(new byte[3]);
    body.putShort((short) 0).putShort((short) 0);
    block(1, body);
    if (interfaceCount == tsresol.length) {
      tsresol = java.util.Arrays.copyOf(tsresol, interfaceCount * 2);
    }
    tsresol[interfaceCount] = ifTsresol;
    return interfaceCount++;
  }

  /** Writes an Enhanced Packet Block carrying the whole frame. */
  public void write(int interfaceId, long timestampNs, byte[] frame) throws IOException {
    write(interfaceId, timestampNs, frame, frame.length);
  }

  /** Writes an Enhanced Packet Block for a frame cut to {@code frame.length} bytes by snaplen. */
  public void write(int interfaceId, long timestampNs, byte[] frame, int originalLengthBytes)
      throws IOException {
    packet(6, interfaceId, timestampNs, frame, originalLengthBytes);
  }

  /** Writes an obsolete Packet Block (type 2), as old writers did. */
  public void writeObsoletePacket(int interfaceId, long timestampNs, byte[] frame)
      throws IOException {
    packet(2, interfaceId, timestampNs, frame, frame.length);
  }

  /** Writes a Simple Packet Block: interface 0, no timestamp. */
  public void writeSimplePacket(byte[] frame) throws IOException {
    checkInterface(0);
    ByteBuffer body = body(4 + padded(frame.length));
    body.putInt(frame.length).put(frame);
    block(3, body);
  }

  /** Writes a block of a type readers skip (a custom block, type 0x00000bad). */
  public void writeOtherBlock(byte[] content) throws IOException {
    ByteBuffer body = body(padded(content.length));
    body.put(content);
    block(0x0bad, body);
  }

  private void packet(
      int type, int interfaceId, long timestampNs, byte[] frame, int originalLengthBytes)
      throws IOException {
    checkInterface(interfaceId);
    if (originalLengthBytes < frame.length) {
      throw new IllegalArgumentException("original length below captured length");
    }
    long units = toUnits(timestampNs, tsresol[interfaceId]);
    ByteBuffer body = body(20 + padded(frame.length));
    if (type == 2) {
      body.putShort((short) interfaceId).putShort((short) 0);
    } else {
      body.putInt(interfaceId);
    }
    body.putInt((int) (units >>> 32)).putInt((int) units);
    body.putInt(frame.length).putInt(originalLengthBytes).put(frame);
    block(type, body);
  }

  private static long toUnits(long timestampNs, int ifTsresol) {
    int exponent = ifTsresol & 0x7f;
    long seconds = Math.floorDiv(timestampNs, 1_000_000_000L);
    long fractionNs = Math.floorMod(timestampNs, 1_000_000_000L);
    if ((ifTsresol & TSRESOL_BINARY) != 0) {
      long fractionUnits = (fractionNs << exponent) / 1_000_000_000L; // truncated, as decimal
      return (seconds << exponent) + fractionUnits;
    }
    long perSecond = 1;
    for (int i = 0; i < exponent; i++) {
      perSecond *= 10;
    }
    return seconds * perSecond + fractionNs / (1_000_000_000L / perSecond);
  }

  private void checkInterface(int interfaceId) {
    if (interfaceId < 0 || interfaceId >= interfaceCount) {
      throw new IllegalArgumentException("no interface " + interfaceId + " in this section");
    }
  }

  private static int padded(int lengthBytes) {
    return (lengthBytes + 3) & ~3;
  }

  private ByteBuffer body(int lengthBytes) {
    return ByteBuffer.allocate(lengthBytes).order(order);
  }

  private void block(int type, ByteBuffer body) throws IOException {
    int total = 12 + body.capacity();
    ByteBuffer block = ByteBuffer.allocate(total).order(order);
    block.putInt(type).putInt(total).put(body.array()).putInt(total);
    out.write(block.array());
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
