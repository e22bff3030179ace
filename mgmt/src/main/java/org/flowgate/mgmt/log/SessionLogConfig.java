package org.flowgate.mgmt.log;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Where and how RT_FLOW session logs go. The server fills it from the compiled {@code security log}
 * ({@code mode stream}, {@code format syslog | sd-syslog}, {@code stream <name> host <address> port
 * <n> transport protocol udp|tcp}) and {@code system syslog} ({@code host}, {@code file}, {@code
 * match}, {@code structured-data}); tests build it directly.
 *
 * @param format standard text ({@code syslog}) or structured RFC 5424 ({@code sd-syslog}): the
 *     format of {@link #file} and of every host or file that does not name its own
 * @param file local log file ({@code --session-log}), or null for none
 * @param hosts remote syslog receivers
 * @param files local files with their own format and filter ({@code system syslog file})
 * @param platform last component of the SD-ID {@code junos@2636.1.1.1.2.<platform>}
 * @param facility syslog facility number (user = 1, as RT_FLOW uses)
 * @param severity syslog severity of every message (info)
 * @param bufferLines lines each sink holds while it cannot send; beyond it lines are dropped
 */
public record SessionLogConfig(
    Format format,
    Path file,
    List<LogHost> hosts,
    List<LogFile> files,
    int platform,
    int facility,
    Severity severity,
    int bufferLines) {

  /**
   * {@code format syslog} (standard text) or {@code format sd-syslog} (RFC 5424 structured data).
   */
  public enum Format {
    STANDARD,
    STRUCTURED
  }

  public enum Transport {
    UDP,
    TCP
  }

  /** RFC 5424 §6.2.1 severities, by their Junos keywords. */
  public enum Severity {
    EMERGENCY,
    ALERT,
    CRITICAL,
    ERROR,
    WARNING,
    NOTICE,
    INFO,
    DEBUG;

    public int code() {
      return ordinal();
    }
  }

  /**
   * A remote receiver: {@code host <address> port <port> transport <protocol>}.
   *
   * @param format its own format, or null for the configuration's
   * @param sourceAddress the local address its messages leave from, or null for any
   * @param filter which messages it takes
   */
  public record LogHost(
      String address,
      int port,
      Transport transport,
      Format format,
      String sourceAddress,
      MessageFilter filter) {
    public LogHost {
      Objects.requireNonNull(address, "address");
      Objects.requireNonNull(transport, "transport");
      Objects.requireNonNull(filter, "filter");
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("port must be 1 to 65535");
      }
    }

    public LogHost(String address, int port, Transport transport) {
      this(address, port, transport, null, null, MessageFilter.ALL);
    }
  }

  /**
   * A local file ({@code system syslog file NAME}, placed under the run's log directory).
   *
   * @param format its own format, or null for the configuration's
   * @param filter which messages it takes
   */
  public record LogFile(Path path, Format format, MessageFilter filter) {
    public LogFile {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(filter, "filter");
    }
  }

  public static final int USER_FACILITY = 1;

  /** The SD-ID suffix of the vSRX-class platforms in the real lines (reference §3.2 shows .28). */
  public static final int DEFAULT_PLATFORM = 28;

  public SessionLogConfig {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(severity, "severity");
    hosts = List.copyOf(hosts);
    files = List.copyOf(files);
    if (facility < 0 || facility > 23) {
      throw new IllegalArgumentException("facility must be 0 to 23");
    }
    if (platform < 0) {
      throw new IllegalArgumentException("platform must not be negative");
    }
    if (bufferLines < 1) {
      throw new IllegalArgumentException("bufferLines must be at least 1");
    }
  }

  /** Standard text, no file, no hosts, user.info, platform 28, 4096 lines per sink. */
  public static SessionLogConfig defaults() {
    return new SessionLogConfig(
        Format.STANDARD,
        null,
        List.of(),
        List.of(),
        DEFAULT_PLATFORM,
        USER_FACILITY,
        Severity.INFO,
        4096);
  }

  public SessionLogConfig withFormat(Format newFormat) {
    return new SessionLogConfig(
        newFormat, file, hosts, files, platform, facility, severity, bufferLines);
  }

  public SessionLogConfig withFile(Path newFile) {
    return new SessionLogConfig(
        format, newFile, hosts, files, platform, facility, severity, bufferLines);
  }

  public SessionLogConfig withHost(String address, int port, Transport transport) {
    return withHost(new LogHost(address, port, transport));
  }

  public SessionLogConfig withHost(LogHost host) {
    var all = new java.util.ArrayList<>(hosts);
    all.add(host);
    return new SessionLogConfig(
        format, file, all, files, platform, facility, severity, bufferLines);
  }

  public SessionLogConfig withFile(LogFile logFile) {
    var all = new java.util.ArrayList<>(files);
    all.add(logFile);
    return new SessionLogConfig(
        format, file, hosts, all, platform, facility, severity, bufferLines);
  }

  public SessionLogConfig withPlatform(int newPlatform) {
    return new SessionLogConfig(
        format, file, hosts, files, newPlatform, facility, severity, bufferLines);
  }

  public SessionLogConfig withBufferLines(int lines) {
    return new SessionLogConfig(format, file, hosts, files, platform, facility, severity, lines);
  }

  /** True when no destination is configured. */
  public boolean noDestination() {
    return file == null && hosts.isEmpty() && files.isEmpty();
  }

  /** The PRI value: facility × 8 + severity (RFC 5424 §6.2.1); user.info is 14. */
  public int priority() {
    return facility * 8 + severity.code();
  }
}
