package org.flowgate.mgmt.log;

import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One destination of session-log lines with its own bounded buffer and sender thread, so a slow or
 * absent receiver costs lines (counted), never time on the logger or the SPUs.
 *
 * <pre>
 *  logger thread ─► offer(line) ─► [bounded queue] ─► sender thread ─► send(line)
 *                   full: dropped++                   IOException: dropped++, reopen later
 * </pre>
 *
 * <p>Thread: {@link #offer} from the logger thread; {@link #send} and {@link #closeTransport} only
 * on this sink's sender thread; the counters from any thread.
 */
public abstract sealed class LogSink implements AutoCloseable permits FileSink, UdpSink, TcpSink {
  private static final String END = new String("end of log"); // identity marks the end of the queue

  private final ArrayBlockingQueue<String> queue;
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong inFlight = new AtomicLong();
  private final Thread sender;
  private final String name;

  protected LogSink(String name, int bufferLines) {
    this.name = name;
    this.queue = new ArrayBlockingQueue<>(bufferLines + 1);
    this.sender = Thread.ofPlatform().daemon().name("session-log " + name).unstarted(this::run);
  }

  /** Starts the sender; subclasses call it once constructed. */
  protected final void start() {
    sender.start();
  }

  public String name() {
    return name;
  }

  /** Queues a line without waiting; counts it as dropped when the buffer is full. */
  public final void offer(String line) {
    inFlight.incrementAndGet();
    if (!queue.offer(line)) {
      inFlight.decrementAndGet();
      dropped.incrementAndGet();
    }
  }

  /** Lines handed to the transport. */
  public final long sent() {
    return sent.get();
  }

  /** Lines lost: buffer full, or the transport failed. */
  public final long dropped() {
    return dropped.get();
  }

  /** Lines queued or being sent. */
  public final long pending() {
    return inFlight.get();
  }

  private void run() {
    try {
      while (true) {
        String line = queue.poll(100, TimeUnit.MILLISECONDS);
        if (line == null) {
          quietFlush();
          continue;
        }
        if (line == END) {
          break;
        }
        try {
          send(line);
          sent.incrementAndGet();
          if (queue.isEmpty()) {
            quietFlush();
          }
        } catch (IOException e) {
          dropped.incrementAndGet();
          closeTransport();
        } finally {
          inFlight.decrementAndGet();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      quietFlush();
      closeTransport();
    }
  }

  /** Flushes; a failure closes the transport (buffered lines are lost, already counted as sent). */
  private void quietFlush() {
    try {
      flushTransport();
    } catch (IOException e) {
      closeTransport();
    }
  }

  /** Sends one line; may (re)open the transport first. Throws when the line is lost. */
  protected abstract void send(String line) throws IOException;

  /** Pushes buffered bytes out, when the transport buffers. */
  protected void flushTransport() throws IOException {}

  /** Closes the transport after a failure or at the end; the next send may reopen it. */
  protected abstract void closeTransport();

  /** Sends what is queued, then stops the sender (waits up to two seconds). */
  @Override
  public void close() {
    while (!queue.offer(END)) {
      queue.poll(); // make room: the end mark must get in
      dropped.incrementAndGet();
      inFlight.decrementAndGet();
    }
    try {
      sender.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
