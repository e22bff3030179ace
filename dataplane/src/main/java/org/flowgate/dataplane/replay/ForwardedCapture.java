package org.flowgate.dataplane.replay;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.flowgate.dataplane.capture.FrameSpool;
import org.flowgate.dataplane.capture.PcapNgWriter;
import org.flowgate.dataplane.capture.PcapWriter;

/**
 * Merges the SPUs' spools of forwarded frames into one capture in capture order. Each spool is in
 * capture order already (an SPU handles its frames in the order the dispatcher saw them), so a
 * k-way merge on the frame key suffices.
 */
public final class ForwardedCapture {
  private ForwardedCapture() {}

  /** A fresh spool per SPU, in {@code directory}, and the sinks that fill them. */
  public static List<FrameSpool> spools(int spus, Path directory) throws IOException {
    List<FrameSpool> spools = new ArrayList<>();
    try {
      for (int i = 0; i < spus; i++) {
        spools.add(new FrameSpool(directory));
      }
    } catch (IOException e) {
      for (FrameSpool spool : spools) {
        spool.close();
      }
      throw e;
    }
    return spools;
  }

  /** The sink that spools one SPU's packets. */
  public static org.flowgate.dataplane.flow.PacketSink sink(FrameSpool spool) {
    return new SpoolingSink(spool);
  }

  /** Writes the merged frames to {@code file}; returns how many. */
  public static long write(List<FrameSpool> spools, Path file) throws IOException {
    long seen = 0;
    for (FrameSpool spool : spools) {
      seen |= spool.linkTypesSeen();
    }
    List<FrameSpool.Reader> readers = new ArrayList<>();
    try {
      for (FrameSpool spool : spools) {
        FrameSpool.Reader reader = spool.reader();
        readers.add(reader.next() ? reader : null);
        if (readers.getLast() == null) {
          reader.close();
        }
      }
      boolean oneLinkType = Long.bitCount(seen) <= 1 && (seen & (1L << 63)) == 0;
      int linkType =
          seen == 0
              ? org.flowgate.dataplane.capture.LinkType.ETHERNET
              : Long.numberOfTrailingZeros(seen);
      try (Sink sink = oneLinkType ? new PcapSink(file, linkType) : new PcapNgSink(file)) {
        long written = 0;
        while (true) {
          int next = -1;
          for (int i = 0; i < readers.size(); i++) {
            FrameSpool.Reader r = readers.get(i);
            if (r != null && (next < 0 || Long.compareUnsigned(r.key, readers.get(next).key) < 0)) {
              next = i;
            }
          }
          if (next < 0) {
            return written;
          }
          FrameSpool.Reader r = readers.get(next);
          sink.write(r);
          written++;
          if (!r.next()) {
            r.close();
            readers.set(next, null);
          }
        }
      }
    } finally {
      for (FrameSpool.Reader r : readers) {
        if (r != null) {
          r.close();
        }
      }
    }
  }

  private sealed interface Sink extends AutoCloseable permits PcapSink, PcapNgSink {
    void write(FrameSpool.Reader frame) throws IOException;

    @Override
    void close() throws IOException;
  }

  private static final class PcapSink implements Sink {
    private final PcapWriter writer;

    PcapSink(Path file, int linkType) throws IOException {
      this.writer = PcapWriter.open(file, linkType, true, ByteOrder.nativeOrder());
    }

    @Override
    public void write(FrameSpool.Reader frame) throws IOException {
      writer.write(frame.timestampNs, frame.frame, frame.originalLengthBytes);
    }

    @Override
    public void close() throws IOException {
      writer.close();
    }
  }

  private static final class PcapNgSink implements Sink {
    private final PcapNgWriter writer;
    private final Map<Integer, Integer> interfaces = new HashMap<>();

    PcapNgSink(Path file) throws IOException {
      this.writer = PcapNgWriter.open(file);
    }

    @Override
    public void write(FrameSpool.Reader frame) throws IOException {
      Integer id = interfaces.get(frame.linkType);
      if (id == null) {
        id = writer.addInterface(frame.linkType, true);
        interfaces.put(frame.linkType, id);
      }
      writer.write(id, frame.timestampNs, frame.frame, frame.originalLengthBytes);
    }

    @Override
    public void close() throws IOException {
      writer.close();
    }
  }
}
