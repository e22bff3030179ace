package org.flowgate.server;

import java.nio.file.Path;
import org.flowgate.config.compile.SessionLogSettings;
import org.flowgate.dataplane.flow.SessionListener;
import org.flowgate.dataplane.log.SessionLogRecorder;
import org.flowgate.dataplane.runtime.RuntimeConfig;
import org.flowgate.dataplane.runtime.SecurityPolicy;
import org.flowgate.mgmt.log.SessionLogConfig;
import org.flowgate.mgmt.log.SessionLogger;

/**
 * RT_FLOW session logging for a run: the recorder the SPUs write events to, and the logger thread
 * that formats them to the configured syslog streams ({@code security log stream}) and, with
 * {@code --session-log FILE}, to a local file. Policies decide what is logged, as on an SRX: {@code
 * log session-init} for CREATE, {@code log session-close} for CLOSE, and either for DENY.
 */
final class SessionLogging implements AutoCloseable {
  private static final int RING_EVENTS = 1 << 14;

  private final SessionLogRecorder recorder;
  private final SessionLogger logger;

  private SessionLogging(SessionLogRecorder recorder, SessionLogger logger) {
    this.recorder = recorder;
    this.logger = logger;
  }

  /** Starts logging when anything asks for it; null otherwise. */
  static SessionLogging start(RuntimeConfig config, SessionLogSettings settings, Path file, int spus) {
    if (settings.streams().isEmpty() && file == null) {
      return null;
    }
    SessionLogConfig logConfig = SessionLogConfig.defaults()
        .withFormat(settings.structured() ? SessionLogConfig.Format.STRUCTURED : SessionLogConfig.Format.STANDARD);
    if (file != null) {
      logConfig = logConfig.withFile(file);
    }
    for (SessionLogSettings.Stream stream : settings.streams()) {
      logConfig = logConfig.withHost(stream.host(), stream.port(),
          "tcp".equals(stream.transport()) ? SessionLogConfig.Transport.TCP : SessionLogConfig.Transport.UDP);
    }
    SessionLogRecorder recorder = new SessionLogRecorder(spus, RING_EVENTS,
        policy -> policy(config, policy).logInit(),
        policy -> policy(config, policy).logClose(),
        policy -> policy(config, policy).logInit() || policy(config, policy).logClose());
    return new SessionLogging(recorder, new SessionLogger(recorder, logConfig, () -> config));
  }

  private static SecurityPolicy policy(RuntimeConfig config, int index) {
    return config.policies().get(index);
  }

  SessionListener listener() {
    return recorder;
  }

  /** Waits (at most a few seconds) until every event is formatted and sent, then stops. */
  @Override
  public void close() {
    logger.awaitIdle(5_000);
    logger.close();
  }
}
