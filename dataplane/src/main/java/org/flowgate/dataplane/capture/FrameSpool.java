package org.flowgate.dataplane.capture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The frames one SPU forwarded during a replay, spooled to a temporary file in the order the SPU
 * sent them (which is capture order), to be merged with the other SPUs' into one capture.
 *
 * <pre>
 * record: | key u64 | timestamp ns u64 | link type u16 | interface u16 | original length u32 |
 *         | captured length u32 | frame bytes (captured length) |
 * </pre>
 *
 * <p>Thread: written by its SPU's thread; read by the merging thread after the replay.
 */
public final class FrameSpool implements AutoCloseable {
  private static final int HEADER_BYTES = 28;
  private static final int BUFFER_BYTES = 1 << 20;

  private final Path file;
  private final FileChannel channel;
  private final ByteBuffer buffer =
      ByteBuffer.allocateDirect(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
  private final MemorySegment bufferSegment = MemorySegment.ofBuffer(buffer);
  private long frames;
  private long linkTypesSeen; // bit per link type below 64; bit 63 for any other

  public FrameSpool(Path directory) throws IOException {
    this.file = Files.createTempFile(directory, "flowgate-spool-", ".bin");
    this.channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.READ);
  }

  /** Appends a frame: {@code length} bytes of {@code segment} from {@code offset}. */
  public void append(
      long key,
      long timestampNs,
      int linkType,
      int captureInterface,
      int originalLengthBytes,
      MemorySegment segment,
      long offset,
      int length) {
    if (buffer.remaining() < HEADER_BYTES + length) {
      flush();
    }
    if (HEADER_BYTES + length > BUFFER_BYTES) {
      return; // larger than a snap length allows; never the case for a frame read from a capture
    }
    buffer
        .putLong(key)
        .putLong(timestampNs)
        .putShort((short) linkType)
        .putShort((short) captureInterface)
        .putInt(originalLengthBytes)
        .putInt(length);
    MemorySegment.copy(segment, offset, bufferSegment, buffer.position(), length);
    buffer.position(buffer.position() + length);
    frames++;
    linkTypesSeen |= 1L << Math.min(linkType, 63);
  }

  public long frames() {
    return frames;
  }

  public long linkTypesSeen() {
    return linkTypesSeen;
  }

  private void flush() {
    buffer.flip();
    try {
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot spool forwarded frames to " + file, e);
    } finally {
      buffer.clear();
    }
  }

  /** A reader of the spooled frames, from the first; flushes what is buffered. */
  public Reader reader() throws IOException {
    flush();
    return new Reader(Files.newInputStream(file));
  }

  @Override
  public void close() throws IOException {
    channel.close();
    Files.deleteIfExists(file);
  }

  /** Reads spooled frames back one by one. */
  public static final class Reader implements AutoCloseable {
    private final java.io.DataInputStream in;
    public long key;
    public long timestampNs;
    public int linkType;
    public int captureInterface;
    public int originalLengthBytes;
    public byte[] frame;

    Reader(java.io.InputStream stream) {
      this.in = new java.io.DataInputStream(new java.io.BufferedInputStream(stream, 1 << 16));
    }

    /** Moves to the next frame; false at the end. */
    public boolean next() throws IOException {
      byte[] header = new byte[HEADER_BYTES];
      int read = in.readNBytes(header, 0, HEADER_BYTES);
      if (read < HEADER_BYTES) {
        return false;
      }
      ByteBuffer h = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
      key = h.getLong();
      timestampNs = h.getLong();
      linkType = h.getShort() & 0xffff;
      captureInterface = h.getShort() & 0xffff;
      originalLengthBytes = h.getInt();
      frame = in.readNBytes(h.getInt());
      return true;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
