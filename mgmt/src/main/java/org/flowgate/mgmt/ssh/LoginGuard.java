package org.flowgate.mgmt.ssh;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Rate-limits failed logins per source address and logs every login attempt: after {@link
 * #MAXIMUM_FAILURES} failures within {@link #WINDOW_MS} a source is refused without its password
 * being checked until the window has passed. Remembers at most {@link #MAXIMUM_SOURCES} sources
 * (the oldest forgotten first), so a scan of many addresses cannot grow it without bound.
 *
 * <p>Thread: any; synchronized.
 */
public final class LoginGuard {
  static final int MAXIMUM_FAILURES = 5;
  static final long WINDOW_MS = 60_000;
  static final int MAXIMUM_SOURCES = 10_000;

  private final Clock clock;
  private final Consumer<String> log;
  private final Map<String, Deque<Long>> failures =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<Long>> eldest) {
          return size() > MAXIMUM_SOURCES;
        }
      };

  public LoginGuard(Clock clock, Consumer<String> log) {
    this.clock = clock;
    this.log = log;
  }

  /** True when {@code source} may try to log in now. */
  public synchronized boolean mayTry(String source, String user) {
    Deque<Long> recent = recent(source);
    if (recent.size() >= MAXIMUM_FAILURES) {
      log.accept(
          "sshd: login of '" + user + "' from " + source + " refused: too many failed logins");
      return false;
    }
    return true;
  }

  /** Records the outcome of an attempt. */
  public synchronized void attempted(String source, String user, String method, boolean ok) {
    if (ok) {
      log.accept("sshd: Accepted " + method + " for " + user + " from " + source);
      return;
    }
    recent(source).addLast(clock.millis());
    log.accept("sshd: Failed " + method + " for " + user + " from " + source);
  }

  private Deque<Long> recent(String source) {
    Deque<Long> recent = failures.computeIfAbsent(source, s -> new ArrayDeque<>());
    long now = clock.millis();
    while (!recent.isEmpty() && now - recent.peekFirst() > WINDOW_MS) {
      recent.removeFirst();
    }
    return recent;
  }
}
