package org.flowgate.server.corpus;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.flowgate.dataplane.control.FlowEngine;
import org.flowgate.dataplane.control.FlowStatistics;
import org.flowgate.dataplane.control.SessionFilter;
import org.flowgate.dataplane.control.SessionSnapshot;
import org.flowgate.dataplane.control.SessionSnapshots;
import org.flowgate.dataplane.flow.SessionEvents;
import org.flowgate.dataplane.flow.SessionView;
import org.flowgate.dataplane.replay.ReplayReport;
import org.flowgate.dataplane.runtime.FactoryDefault;
import org.flowgate.dataplane.runtime.FlowSettings;
import org.flowgate.dataplane.runtime.RuntimeConfig;
import org.flowgate.dataplane.session.CloseReason;
import org.flowgate.dataplane.session.SessionState;

/**
 * Every session the engine made while replaying one capture, in creation order: those that closed
 * during the replay (taken as they closed, before they are reaped) and those still open at its end.
 *
 * @param sessions snapshots in the order the sessions were created
 * @param statistics the counters of the one SPU, drops by reason included
 */
record EngineSessions(
    List<SessionSnapshot> sessions, FlowStatistics statistics, ReplayReport report) {

  /** Longer than any capture of the corpus lasts (its longest spans about nine hours). */
  static final int NO_AGEING_SECONDS = 10_000_000;

  /**
   * Permit everything, no SYN check, no sequence check, no inactivity ageing within a capture
   * (tcp-initial included); FIN/RST closing (2 s) and the echo/DNS response timeout (4 s) keep
   * their Junos values because they are how sessions end, not ageing.
   */
  static RuntimeConfig config() {
    FlowSettings settings =
        FlowSettings.junosDefaults().toBuilder()
            .tcpInitialTimeoutSeconds(NO_AGEING_SECONDS)
            .tcpTimeoutSeconds(NO_AGEING_SECONDS)
            .udpTimeoutSeconds(NO_AGEING_SECONDS)
            .icmpTimeoutSeconds(NO_AGEING_SECONDS)
            .otherTimeoutSeconds(NO_AGEING_SECONDS)
            .synCheck(false)
            .sequenceCheck(false)
            .build();
    return FactoryDefault.config().withSettings(settings).withMaximumSessions(1 << 16);
  }

  static EngineSessions replay(Path capture) {
    return replay(capture, config());
  }

  /** Replays through {@code config} (e.g. with Junos's TCP checks on). */
  static EngineSessions replay(Path capture, RuntimeConfig config) {
    Collector collector = new Collector();
    try (FlowEngine engine = new FlowEngine(config, 1, collector)) {
      ReplayReport report = engine.replay(List.of(capture), -1);
      for (List<SessionSnapshot> spu : engine.sessions(SessionFilter.ALL)) {
        for (SessionSnapshot open : spu) {
          if (open.state() != SessionState.INVALIDATED) { // closed ones were taken as they closed
            collector.add(open);
          }
        }
      }
      FlowStatistics statistics = FlowStatistics.total(engine.statistics());
      List<SessionSnapshot> sessions =
          collector.found.stream()
              .sorted(Comparator.comparingLong(Found::createdOrder))
              .map(Found::snapshot)
              .toList();
      return new EngineSessions(sessions, statistics, report);
    }
  }

  private record Found(long createdOrder, SessionSnapshot snapshot) {}

  /** Hears sessions on the SPU thread; the test thread reads only after the replay is idle. */
  private static final class Collector implements SessionEvents {
    private final Map<Long, Long> createdOrder = new ConcurrentHashMap<>();
    private final List<Found> found = java.util.Collections.synchronizedList(new ArrayList<>());
    private long created;

    @Override
    public void sessionCreated(SessionView session) {
      createdOrder.put(session.sessionId(), created++);
    }

    @Override
    public void sessionClosed(SessionView session, CloseReason reason) {
      add(SessionSnapshots.of(session));
    }

    void add(SessionSnapshot snapshot) {
      found.add(
          new Found(createdOrder.getOrDefault(snapshot.sessionId(), Long.MAX_VALUE), snapshot));
    }
  }
}
