package org.flowgate.dataplane.replay;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;
import org.flowgate.dataplane.capture.CaptureError;
import org.flowgate.dataplane.capture.CaptureReader;
import org.flowgate.dataplane.capture.LinkType;
import org.flowgate.dataplane.spu.Ingress;

/**
 * Captures replayed in order on their own timestamps (virtual time, docs/adr/0005): every frame
 * goes to its SPU; every SPU's clock starts at the first packet and ends at the last one (or at
 * {@code --at} after the first); each timed commit is installed on every SPU between the packets
 * before and after its moment.
 *
 * <pre>
 *  for each capture: open (mmap) ─► for each record: commits due? ─► past --at? stop
 *                                                     ─► a second since every clock last moved?
 *                                                        move every SPU's clock to it
 *                                                     ─► Ingress.offer(frame)
 *  end: commits due by the end ─► every clock to the end ─► wait until every SPU is idle
 * </pre>
 *
 * <p>Thread: runs on the caller's thread; one replay at a time per engine.
 */
public final class CaptureReplay implements PacketSource<ReplayReport> {
  /**
   * How often every SPU's clock is moved to the capture's time, packets of its own or not: an SPU
   * that gets no packet for a while still ends and reaps its sessions on time (its timers are due
   * by the capture's clock, not by its next packet).
   */
  static final long CLOCK_STEP_NS = 1_000_000_000L;

  private final List<Path> captures;
  private final long atNs;
  private final List<TimedCommit> commits;
  private final double speed;
  private LongConsumer recordHook = records -> {};

  /**
   * @param atNs stop this long after the first packet; -1 to replay to the end
   */
  public CaptureReplay(List<Path> captures, long atNs, List<TimedCommit> commits) {
    this(captures, atNs, commits, 0);
  }

  /**
   * @param atNs stop this long after the first packet; -1 to replay to the end
   * @param speed 0 to replay as fast as the SPUs take packets; else the pace against the wall clock
   *     (1 real time, 10 ten times faster)
   */
  public CaptureReplay(List<Path> captures, long atNs, List<TimedCommit> commits, double speed) {
    if (!(speed >= 0) || Double.isInfinite(speed)) {
      throw new IllegalArgumentException("replay speed must be a finite number >= 0");
    }
    this.speed = speed;
    this.captures = List.copyOf(captures);
    this.atNs = atNs;
    this.commits = commits.stream().sorted(Comparator.comparingLong(TimedCommit::afterNs)).toList();
  }

  /**
   * For tests: called on the replay thread after each record is handed to an SPU, with how many
   * records of the current capture have been; lets a test act at an exact point of a replay.
   */
  public CaptureReplay recordHook(LongConsumer hook) {
    this.recordHook = hook;
    return this;
  }

  @Override
  public ReplayReport feed(Ingress ingress) {
    List<ReplayReport.CaptureReport> reports = new ArrayList<>();
    List<CaptureReader> open = new ArrayList<>();
    List<Mapped> mapped = new ArrayList<>();
    ReplayClock clock = new ReplayClock();
    int nextCommit = 0;
    long first = -1;
    long last = -1;
    long stopAt = Long.MAX_VALUE;
    long packets = 0;
    long nextClockStep = Long.MAX_VALUE;
    long wallStartNs = 0;
    boolean interrupted = false;
    boolean stoppedEarly = false;
    try {
      for (Path file : captures) {
        CaptureReader reader;
        try {
          reader = CaptureReader.open(file);
        } catch (IOException e) {
          reports.add(new ReplayReport.CaptureReport(file, 0, null, e.getMessage(), 0, -1));
          continue;
        }
        open.add(reader);
        int source = ingress.addSource(reader.segment(), reader::sizeNowBytes);
        long replayed = 0;
        long undecoded = 0;
        int undecodedLinkType = -1;
        // One record ahead: the clock tells a bad timestamp from time that moved by the next one.
        boolean more = reader.next();
        try {
          while (more) {
            long raw = reader.timestampNs();
            long recordOffset = reader.recordOffset();
            long frameOffset = reader.frameOffset();
            int captured = reader.capturedLengthBytes();
            int original = reader.originalLengthBytes();
            int linkType = reader.linkType();
            int captureInterface = reader.interfaceId();
            long record = reader.recordsRead();
            more = reader.next();
            long timestamp =
                clock.timeOf(
                    raw,
                    more ? reader.timestampNs() : ReplayClock.NO_NEXT,
                    file,
                    record,
                    recordOffset);
            if (first < 0) {
              first = timestamp;
              stopAt = atNs >= 0 ? ReplayClock.plus(first, atNs) : Long.MAX_VALUE;
              ingress.advanceTime(first); // every SPU's clock starts at the first packet
              nextClockStep = first + CLOCK_STEP_NS;
              wallStartNs = System.nanoTime();
            }
            if (speed > 0 && !paceUntil(wallStartNs + (long) ((timestamp - first) / speed))) {
              interrupted = true;
              stoppedEarly = true;
              break;
            }
            while (nextCommit < commits.size()
                && timestamp >= ReplayClock.plus(first, commits.get(nextCommit).afterNs())) {
              TimedCommit commit = commits.get(nextCommit++);
              ingress.commitAt(commit.config(), ReplayClock.plus(first, commit.afterNs()));
            }
            if (timestamp > stopAt) {
              stoppedEarly = true;
              break;
            }
            if (timestamp >= nextClockStep) {
              ingress.advanceTime(timestamp);
              nextClockStep = timestamp + CLOCK_STEP_NS;
            }
            last = Math.max(last, timestamp);
            if (!LinkType.isDecoded(linkType)) {
              undecoded++;
              undecodedLinkType = linkType;
            }
            ingress.offer(
                source,
                reader.segment(),
                linkType,
                captureInterface,
                frameOffset,
                timestamp,
                captured,
                original);
            packets++;
            replayed++;
            recordHook.accept(replayed);
          }
        } catch (InternalError e) {
          // A read of the mapping faulted on this thread (the dispatcher decodes frames): the
          // file shrank under it (docs/adr/0018-captures-that-shrink.md).
          if (!reader.stopAfterFault()) {
            throw e;
          }
        }
        mapped.add(new Mapped(reports.size(), reader));
        reports.add(
            new ReplayReport.CaptureReport(
                file, replayed, reader.error(), null, undecoded, undecodedLinkType));
        if (stoppedEarly) {
          break;
        }
      }
      long end = interrupted ? last : stoppedEarly || (atNs >= 0 && first >= 0) ? stopAt : last;
      while (first >= 0
          && nextCommit < commits.size()
          && ReplayClock.plus(first, commits.get(nextCommit).afterNs()) <= end) {
        TimedCommit commit = commits.get(nextCommit++);
        ingress.commitAt(commit.config(), ReplayClock.plus(first, commit.afterNs()));
      }
      if (end >= 0) {
        ingress.advanceTime(end);
      }
      ingress.awaitIdle();
      truncatedUnderTheSpus(reports, mapped);
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      return new ReplayReport(
          List.copyOf(reports),
          first,
          end,
          packets,
          stoppedEarly,
          last,
          clock.jumps(),
          clock.jumpCount(),
          clock.outOfOrderRecords());
    } finally {
      try {
        ingress.awaitIdle();
      } catch (org.flowgate.dataplane.spu.SpuStoppedException stopped) {
        // the engine was closed under the replay: no SPU reads the captures any more
      }
      open.forEach(CaptureReader::close);
    }
  }

  /** A capture being replayed: its report's place and its reader. */
  private record Mapped(int report, CaptureReader reader) {}

  /**
   * Reports the captures truncated after the reader had read past the new end, which an SPU may
   * have found (docs/adr/0018-captures-that-shrink.md): the error is at the file's new end.
   */
  private static void truncatedUnderTheSpus(
      List<ReplayReport.CaptureReport> reports, List<Mapped> mapped) {
    for (Mapped capture : mapped) {
      ReplayReport.CaptureReport report = reports.get(capture.report());
      if (report.error() != null || !capture.reader().checkTruncated()) {
        continue;
      }
      long end = capture.reader().truncatedToBytes();
      reports.set(
          capture.report(),
          new ReplayReport.CaptureReport(
              report.file(),
              report.records(),
              new CaptureError(
                  report.file(),
                  end,
                  "the file was truncated to "
                      + end
                      + " bytes (from "
                      + capture.reader().mappedBytes()
                      + ") while it was replayed; the frames past its new end were dropped"
                      + " (capture truncated while replayed)"),
              null,
              report.undecodedRecords(),
              report.undecodedLinkType()));
    }
  }

  /** Waits until {@code System.nanoTime()} reaches {@code deadlineNs}; false when interrupted. */
  private static boolean paceUntil(long deadlineNs) {
    long waitNs;
    while ((waitNs = deadlineNs - System.nanoTime()) > 0) {
      LockSupport.parkNanos(waitNs);
      if (Thread.interrupted()) {
        return false;
      }
    }
    return !Thread.interrupted();
  }
}
