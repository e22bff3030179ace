package org.flowgate.dataplane.capture;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a classic pcap file (layout drawn in {@link CaptureReader}) in either timestamp resolution
 * and either byte order.
 *
 * <p>Thread: owned by the one thread that writes; not for the per-packet path (it copies).
 */
public final class PcapWriter implements AutoCloseable {
  /** Snapshot length written in the file header; frames longer than this are refused. */
  public static final int SNAP_LENGTH_BYTES = 262_144;

  private final OutputStream out;
  private final boolean nanosecond;
  private final ByteBuffer recordHeader;

  private PcapWriter(OutputStream out, int linkType, boolean nanosecond, ByteOrder order)
      throws IOException {
    this.out = out;
    this.nanosecond = nanosecond;
    this.recordHeader = ByteBuffer.allocate(16).order(order);
    ByteBuffer header = ByteBuffer.allocate(24).order(order);
    header.putInt(nanosecond ? 0xa1b23c4d : 0xa1b2c3d4);
    header.putShort((short) 2).putShort((short) 4);
    header.putInt(0).putInt(0);
    header.putInt(SNAP_LENGTH_BYTES);
    header.putInt(linkType & 0xffff);
    out.write(header.array());
  }

  /** Creates (or replaces) {@code file} and writes the file header. */
  public static PcapWriter open(Path file, int linkType, boolean nanosecond, ByteOrder order)
      throws IOException {
    return open(new BufferedOutputStream(Files.newOutputStream(file)), linkType, nanosecond, order);
  }

  /** Writes to {@code out}, which {@link #close()} closes. */
  public static PcapWriter open(OutputStream out, int linkType, boolean nanosecond, ByteOrder order)
      throws IOException {
    return new PcapWriter(out, linkType, nanosecond, order);
  }

  /** Writes one whole frame. */
  public void write(long timestampNs, byte[] frame) throws IOException {
    write(timestampNs, frame, frame.length);
  }

  /** Writes {@code frame} as captured from a frame of {@code originalLengthBytes} on the wire. */
  public void write(long timestampNs, byte[] frame, int originalLengthBytes) throws IOException {
    if (frame.length > SNAP_LENGTH_BYTES) {
      throw new IllegalArgumentException("frame of " + frame.length + " bytes exceeds snaplen");
    }
    if (originalLengthBytes < frame.length) {
      throw new IllegalArgumentException(
          "original length " + originalLengthBytes + " below captured length " + frame.length);
    }
    long seconds = Math.floorDiv(timestampNs, 1_000_000_000L);
    long fractionNs = Math.floorMod(timestampNs, 1_000_000_000L);
    recordHeader.clear();
    recordHeader.putInt((int) seconds);
    recordHeader.putInt((int) (nanosecond ? fractionNs : fractionNs / 1000));
    recordHeader.putInt(frame.length);
    recordHeader.putInt(originalLengthBytes);
    out.write(recordHeader.array());
    out.write(frame);
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
