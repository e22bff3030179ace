package org.flowgate.dataplane.live;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.flowgate.dataplane.capture.CaptureReader;

/**
 * {@code serve --capture FILE}: what the device received and sent, as a pcapng file that {@code
 * flowgate replay} reads back. Every frame the live source hands to the SPUs is written, in the
 * order it was handed over and with the timestamp the SPUs saw, as an inbound packet; frames the
 * device sent are written as outbound packets. A replay of the file skips the outbound ones (they
 * were the device's output, not its input) and so offers the SPUs exactly what the live run did:
 * the same packets, order and times, hence the same sessions.
 *
 * <pre>
 *  Section Header   shb_userappl (4) = "Flowgate live capture"        (CaptureReader knows it by this)
 *  Interface k      LINKTYPE_ETHERNET, if_name (2) = the device, if_description (3) = the firewall
 *                   interface, if_tsresol (9) = 9 (nanoseconds); one per port, then "local"
 *                   (frames of the device's own host stack that went through the flow)
 *  Enhanced Packet  interface, timestamp (ns), captured, original length, frame padded to 4,
 *                   epb_flags (2) = 1 inbound | 2 outbound, end of options
 * </pre>
 *
 * Frames are gathered in one off-heap buffer and written when it fills (and on {@link #flush});
 * writing allocates nothing. A frame the buffer cannot take whole is counted and left out.
 *
 * <p>Thread: any; writers take the capture's lock, so a capture slows a busy device down.
 */
final class LiveCapture implements AutoCloseable {
  static final String APPLICATION = CaptureReader.FLOWGATE_LIVE_CAPTURE;
  static final int INBOUND = 1;
  static final int OUTBOUND = 2;
  private static final int BUFFER_BYTES = 4 << 20;
  private static final int SNAP_LENGTH_BYTES = 262_144;

  private final FileChannel channel;
  private final MemorySegment buffer;
  private final ByteBuffer view;
  private int used;
  private long framesLeftOut;
  private IOException failure;
  private boolean closed;

  private LiveCapture(FileChannel channel) {
    this.channel = channel;
    this.buffer = Arena.ofAuto().allocate(BUFFER_BYTES, 8);
    this.view = buffer.asByteBuffer();
  }

  /**
   * Creates {@code file} with an interface per port ({@code devices} and {@code interfaces} by port
   * number) and one for the device's own frames, numbered after them.
   */
  static LiveCapture open(Path file, List<String> devices, List<String> interfaces)
      throws IOException {
    FileChannel channel =
        FileChannel.open(
            file,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE);
    LiveCapture capture = new LiveCapture(channel);
    try {
      capture.sectionHeader();
      for (int port = 0; port < devices.size(); port++) {
        capture.interfaceDescription(devices.get(port), interfaces.get(port));
      }
      capture.interfaceDescription("local", ".local..0");
      capture.flush();
    } catch (IOException e) {
      channel.close();
      throw e;
    }
    return capture;
  }

  /** A frame handed to the SPUs (inbound). */
  synchronized void received(
      int port, long timestampNs, MemorySegment from, long offset, int captured, int original) {
    packet(port, timestampNs, from, offset, captured, original, INBOUND);
  }

  /** A frame the device sent (outbound). */
  synchronized void sent(int port, long timestampNs, MemorySegment from, long offset, int length) {
    packet(port, timestampNs, from, offset, length, length, OUTBOUND);
  }

  /** Frames that were not written (larger than the buffer, or after a write failed). */
  synchronized long framesLeftOut() {
    return framesLeftOut;
  }

  /** The first write failure, or null. */
  synchronized IOException failure() {
    return failure;
  }

  private void packet(
      int port,
      long timestampNs,
      MemorySegment from,
      long offset,
      int captured,
      int original,
      int direction) {
    int padded = (captured + 3) & ~3;
    int total = 28 + padded + 12 + 4; // header, data, epb_flags and end of options, length
    if (closed || failure != null || total > BUFFER_BYTES) {
      framesLeftOut++;
      return;
    }
    if (used + total > BUFFER_BYTES && !drain()) {
      framesLeftOut++;
      return;
    }
    long at = used;
    buffer.set(ValueLayout.JAVA_INT, at, 6);
    buffer.set(ValueLayout.JAVA_INT, at + 4, total);
    buffer.set(ValueLayout.JAVA_INT, at + 8, port);
    buffer.set(ValueLayout.JAVA_INT, at + 12, (int) (timestampNs >>> 32));
    buffer.set(ValueLayout.JAVA_INT, at + 16, (int) timestampNs);
    buffer.set(ValueLayout.JAVA_INT, at + 20, captured);
    buffer.set(ValueLayout.JAVA_INT, at + 24, original);
    MemorySegment.copy(from, offset, buffer, at + 28, captured);
    for (int pad = captured; pad < padded; pad++) {
      buffer.set(ValueLayout.JAVA_BYTE, at + 28 + pad, (byte) 0);
    }
    long options = at + 28 + padded;
    buffer.set(ValueLayout.JAVA_SHORT, options, (short) 2); // epb_flags
    buffer.set(ValueLayout.JAVA_SHORT, options + 2, (short) 4);
    buffer.set(ValueLayout.JAVA_INT, options + 4, direction);
    buffer.set(ValueLayout.JAVA_INT, options + 8, 0); // opt_endofopt
    buffer.set(ValueLayout.JAVA_INT, options + 12, total);
    used += total;
  }

  private void sectionHeader() throws IOException {
    byte[] application = APPLICATION.getBytes(StandardCharsets.US_ASCII);
    int optionBytes = 4 + ((application.length + 3) & ~3) + 4;
    int total = 28 + optionBytes;
    long at = used;
    buffer.set(ValueLayout.JAVA_INT, at, 0x0a0d0d0a);
    buffer.set(ValueLayout.JAVA_INT, at + 4, total);
    buffer.set(ValueLayout.JAVA_INT, at + 8, 0x1a2b3c4d);
    buffer.set(ValueLayout.JAVA_SHORT, at + 12, (short) 1);
    buffer.set(ValueLayout.JAVA_SHORT, at + 14, (short) 0);
    buffer.set(ValueLayout.JAVA_LONG, at + 16, -1L);
    long option = stringOption(at + 24, 4, application);
    buffer.set(ValueLayout.JAVA_INT, option, 0);
    buffer.set(ValueLayout.JAVA_INT, option + 4, total);
    used += total;
  }

  private void interfaceDescription(String device, String interfaceName) throws IOException {
    byte[] name = device.getBytes(StandardCharsets.UTF_8);
    byte[] description = interfaceName.getBytes(StandardCharsets.UTF_8);
    int optionBytes = 4 + ((name.length + 3) & ~3) + 4 + ((description.length + 3) & ~3) + 8 + 4;
    int total = 20 + optionBytes;
    long at = used;
    buffer.set(ValueLayout.JAVA_INT, at, 1);
    buffer.set(ValueLayout.JAVA_INT, at + 4, total);
    buffer.set(ValueLayout.JAVA_SHORT, at + 8, (short) 1); // LINKTYPE_ETHERNET
    buffer.set(ValueLayout.JAVA_SHORT, at + 10, (short) 0);
    buffer.set(ValueLayout.JAVA_INT, at + 12, SNAP_LENGTH_BYTES);
    long option = stringOption(at + 16, 2, name);
    option = stringOption(option, 3, description);
    buffer.set(ValueLayout.JAVA_SHORT, option, (short) 9); // if_tsresol
    buffer.set(ValueLayout.JAVA_SHORT, option + 2, (short) 1);
    buffer.set(ValueLayout.JAVA_INT, option + 4, 9);
    buffer.set(ValueLayout.JAVA_INT, option + 8, 0);
    buffer.set(ValueLayout.JAVA_INT, option + 12, total);
    used += total;
  }

  private long stringOption(long at, int code, byte[] value) {
    buffer.set(ValueLayout.JAVA_SHORT, at, (short) code);
    buffer.set(ValueLayout.JAVA_SHORT, at + 2, (short) value.length);
    MemorySegment.copy(value, 0, buffer, ValueLayout.JAVA_BYTE, at + 4, value.length);
    int padded = (value.length + 3) & ~3;
    for (int pad = value.length; pad < padded; pad++) {
      buffer.set(ValueLayout.JAVA_BYTE, at + 4 + pad, (byte) 0);
    }
    return at + 4 + padded;
  }

  /** Writes what is gathered to the file. */
  synchronized void flush() throws IOException {
    if (!drain() && failure != null) {
      throw failure;
    }
  }

  private boolean drain() {
    if (failure != null) {
      return false;
    }
    try {
      view.clear().limit(used);
      while (view.hasRemaining()) {
        channel.write(view);
      }
      used = 0;
      return true;
    } catch (IOException e) {
      failure = e;
      return false;
    }
  }

  @Override
  public synchronized void close() throws IOException {
    if (closed) {
      return;
    }
    try {
      drain();
    } finally {
      closed = true;
      channel.close();
    }
    if (failure != null) {
      throw failure;
    }
  }
}
