package org.flowgate.server;

import java.io.IOException;
import java.io.PrintStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Supplier;
import org.flowgate.config.compile.SessionLogSettings;
import org.flowgate.dataplane.flow.SessionEvents;
import org.flowgate.dataplane.log.SessionLogRecorder;
import org.flowgate.dataplane.policy.SecurityPolicy;
import org.flowgate.dataplane.runtime.RuntimeConfig;
import org.flowgate.mgmt.log.MessageFilter;
import org.flowgate.mgmt.log.SessionLogConfig;
import org.flowgate.mgmt.log.SessionLogger;

/**
 * RT_FLOW session logging for a run: the recorder the SPUs write events to, and the logger thread
 * that formats them to where the configuration sends them and, with {@code --session-log FILE}, to
 * a local file. Policies decide what is logged, as on an SRX: {@code log session-init} for CREATE,
 * {@code log session-close} for CLOSE, and either for DENY.
 *
 * <pre>
 *  security log mode stream ──► security log stream S host H [port P] [transport protocol tcp]
 *  security log mode event  ──► system syslog host H [port P] [source-address A]   (UDP)
 *  (no mode: stream when a        system syslog file F  ──► LOG-DIR/F  (--log-dir, default var/log)
 *   stream exists, else event)    each with its facility/level (user info), match, match-strings
 *                                 and structured-data (RFC 5424) or the standard form
 *  --session-log FILE ─────────► FILE, always, in the security log format
 * </pre>
 */
final class SessionLogging implements AutoCloseable {
  private static final int RING_EVENTS = 1 << 14;

  /**
   * Where {@code system syslog file NAME} goes without {@code --log-dir}: var/log under the working
   * directory.
   */
  static final Path DEFAULT_LOG_DIRECTORY = Path.of("var", "log");

  private final SessionLogRecorder recorder;
  private final SessionLogger logger;
  private final PrintStream err;

  private SessionLogging(SessionLogRecorder recorder, SessionLogger logger, PrintStream err) {
    this.recorder = recorder;
    this.logger = logger;
    this.err = err;
  }

  /**
   * Starts logging when anything asks for it; null otherwise. Says on {@code err} where files go,
   * and when a {@code source-address} cannot be used on this machine.
   *
   * @param logDirectory where {@code system syslog file} names are placed
   */
  static SessionLogging start(
      RuntimeConfig config,
      SessionLogSettings settings,
      Path file,
      Path logDirectory,
      int spus,
      PrintStream err) {
    return start(() -> config, settings, file, logDirectory, spus, err);
  }

  /**
   * As {@link #start(RuntimeConfig, SessionLogSettings, Path, Path, int, PrintStream)} for a device
   * whose configuration changes while it runs: each event is judged and formatted with the
   * generation {@code config} gives then.
   */
  static SessionLogging start(
      Supplier<RuntimeConfig> config,
      SessionLogSettings settings,
      Path file,
      Path logDirectory,
      int spus,
      PrintStream err) {
    SessionLogConfig logConfig =
        SessionLogConfig.defaults()
            .withFormat(
                settings.structured()
                    ? SessionLogConfig.Format.STRUCTURED
                    : SessionLogConfig.Format.STANDARD);
    if (file != null) {
      logConfig = logConfig.withFile(file);
    }
    for (SessionLogSettings.Stream stream : settings.activeStreams()) {
      logConfig =
          logConfig.withHost(
              stream.host(),
              stream.port(),
              "tcp".equals(stream.transport())
                  ? SessionLogConfig.Transport.TCP
                  : SessionLogConfig.Transport.UDP);
    }
    for (SessionLogSettings.SyslogDestination destination : settings.sessionLogDestinations()) {
      SessionLogConfig.Format format =
          destination.structured()
              ? SessionLogConfig.Format.STRUCTURED
              : SessionLogConfig.Format.STANDARD;
      MessageFilter filter = MessageFilter.of(destination.match(), destination.matchStrings());
      switch (destination.kind()) {
        case HOST ->
            logConfig =
                logConfig.withHost(
                    new SessionLogConfig.LogHost(
                        destination.name(),
                        destination.port(),
                        SessionLogConfig.Transport.UDP,
                        format,
                        usableSourceAddress(destination, err),
                        filter));
        case FILE -> {
          Path path = logDirectory.resolve(destination.name());
          String problem = cannotWrite(path);
          if (problem != null) {
            throw new Main.Refused("system syslog file " + destination.name() + ": " + problem);
          }
          err.println(
              "flowgate: system syslog file "
                  + destination.name()
                  + ": RT_FLOW session logs go to "
                  + path);
          logConfig = logConfig.withFile(new SessionLogConfig.LogFile(path, format, filter));
        }
      }
    }
    if (logConfig.noDestination()) {
      return null;
    }
    SessionLogRecorder recorder =
        new SessionLogRecorder(
            spus,
            RING_EVENTS,
            // judged against the generation the session ran under, not the one current when
            // the predicate runs (a replay's --commit-at installs others on the SPUs)
            (generation, policy) -> logs(generation, policy, true, false),
            (generation, policy) -> logs(generation, policy, false, true),
            (generation, policy) -> logs(generation, policy, true, true));
    return new SessionLogging(recorder, new SessionLogger(recorder, logConfig, config), err);
  }

  /**
   * The host's {@code source-address} when this machine has it; a replay usually runs elsewhere
   * than the firewall whose address it names, and then messages leave from the machine's own.
   */
  private static String usableSourceAddress(
      SessionLogSettings.SyslogDestination host, PrintStream err) {
    if (host.sourceAddress() == null) {
      return null;
    }
    try (DatagramSocket probe =
        new DatagramSocket(new InetSocketAddress(InetAddress.getByName(host.sourceAddress()), 0))) {
      return host.sourceAddress();
    } catch (IOException e) {
      err.println(
          "flowgate: system syslog host "
              + host.name()
              + " source-address "
              + host.sourceAddress()
              + " is not an address of this machine: messages leave from its own address");
      return null;
    }
  }

  /**
   * Whether policy {@code index} of {@code config} logs session-init (when {@code init}) or
   * session-close (when {@code close}); false for an index a commit has taken away meanwhile.
   */
  private static boolean logs(RuntimeConfig config, int index, boolean init, boolean close) {
    if (config == null || index < 0 || index >= config.policies().size()) {
      return false;
    }
    SecurityPolicy policy = config.policies().get(index);
    return (init && policy.logInit()) || (close && policy.logClose());
  }

  SessionEvents listener() {
    return recorder;
  }

  /** The logger thread: what it formatted, sent and dropped. */
  SessionLogger logger() {
    return logger;
  }

  /**
   * Waits (at most {@code timeoutMs}) until every event the replay wrote is formatted and sent, so
   * that {@code show log FILE} after it sees every line (the logger thread writes the files).
   */
  void awaitWritten(long timeoutMs) {
    logger.awaitIdle(timeoutMs);
  }

  /**
   * Waits (at most a few seconds) until every event is formatted and sent, then stops; says on
   * {@code err} how many events could not be formatted, by reason, when there were any.
   */
  @Override
  public void close() {
    logger.awaitIdle(5_000);
    logger.close();
    String malformed = logger.malformedEventsReport();
    if (malformed != null) {
      err.println("flowgate: " + malformed);
    }
  }

  /** As {@link #close()}, then says on {@code err} which destinations lost lines, and how many. */
  void close(PrintStream err) {
    close();
    for (org.flowgate.mgmt.log.LogSink sink : logger.allSinks()) {
      if (sink.dropped() > 0) {
        err.println(
            "flowgate: warning: "
                + sink.dropped()
                + " RT_FLOW session log lines could not be sent to "
                + sink.name());
      }
    }
  }

  /**
   * Null when {@code file} can be opened for appending (its directory is made as the logger would
   * make it), else the file's whole path and why not.
   */
  static String cannotWrite(Path file) {
    Path path = file.toAbsolutePath().normalize();
    try {
      if (Files.isDirectory(path)) {
        return path + ": is a directory";
      }
      if (path.getParent() != null) {
        Files.createDirectories(path.getParent());
      }
      Files.newOutputStream(path, StandardOpenOption.CREATE, StandardOpenOption.APPEND).close();
      return null;
    } catch (IOException | RuntimeException e) {
      return path + ": cannot be written (" + reason(e) + ")";
    }
  }

  private static String reason(Exception e) {
    return switch (e) {
      case java.nio.file.NoSuchFileException n -> "no such file or directory";
      case java.nio.file.AccessDeniedException a -> "permission denied";
      case java.nio.file.FileAlreadyExistsException f -> f.getFile() + " is not a directory";
      case java.nio.file.FileSystemException f ->
          f.getReason() != null ? f.getReason() : f.getClass().getSimpleName();
      default -> String.valueOf(e.getMessage());
    };
  }
}
