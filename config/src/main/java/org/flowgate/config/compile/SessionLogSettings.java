package org.flowgate.config.compile;

import java.util.List;

/**
 * Where RT_FLOW session logs leave the device (reference §3, §7): {@code security log} streams in
 * stream mode, {@code system syslog} hosts and files in event mode.
 *
 * <pre>
 * set security log mode stream                       set security log mode event
 * set security log format sd-syslog                  set system syslog host 192.0.2.9 any any
 * set security log source-address 192.168.99.1       set system syslog host 192.0.2.9 port 5514
 * set security log stream syslog-server host 192.168.99.252
 * set security log stream syslog-server host port 514
 * set security log stream syslog-server transport protocol tcp
 *                                                    set system syslog file traffic-log any any
 *                                                    set system syslog file traffic-log match RT_FLOW_SESSION
 *                                                    set system syslog file traffic-log structured-data
 * </pre>
 *
 * <p>Which of the two applies: {@code security log mode} when it is configured; without it, the
 * streams when any is configured, else {@code system syslog} (Junos's default mode differs by
 * platform and release: event on older branch SRXs, stream on later ones).
 *
 * @param mode {@code event}, {@code stream}, or null when not configured
 * @param format {@code syslog} (standard text) or {@code sd-syslog} (structured, RFC 5424)
 * @param streams the stream destinations
 * @param syslog every {@code system syslog} host and file, whether or not it takes RT_FLOW messages
 */
public record SessionLogSettings(
    String mode,
    String format,
    String sourceAddress,
    List<Stream> streams,
    List<SyslogDestination> syslog) {
  public static final SessionLogSettings NONE =
      new SessionLogSettings(null, null, null, List.of(), List.of());

  public SessionLogSettings {
    streams = List.copyOf(streams);
    syslog = List.copyOf(syslog);
  }

  public SessionLogSettings(
      String mode, String format, String sourceAddress, List<Stream> streams) {
    this(mode, format, sourceAddress, streams, List.of());
  }

  /** One {@code security log stream}: a syslog host, its port (514) and transport (UDP). */
  public record Stream(String name, String host, int port, String transport, String format) {}

  /**
   * One {@code system syslog host} or {@code file}, as far as RT_FLOW session logs are concerned.
   *
   * @param name the host (address or name) or the file name (a name, no directories)
   * @param port UDP port of a host (514); 0 for a file
   * @param sourceAddress {@code source-address} of a host (or {@code system syslog
   *     source-address}), null when not configured
   * @param structured {@code structured-data}: RFC 5424 messages instead of the standard form
   * @param match {@code match}: a regular expression (POSIX extended, case-insensitive; a leading
   *     {@code !} selects messages that do not match), or null
   * @param matchStrings {@code match-strings}: a message containing any of them is logged
   * @param takesSessionLogs true when the facility and level selectors let RT_FLOW messages in
   *     (facility user, severity info: {@code any any}, {@code user info}, ...)
   */
  public record SyslogDestination(
      Kind kind,
      String name,
      int port,
      String sourceAddress,
      boolean structured,
      String match,
      List<String> matchStrings,
      boolean takesSessionLogs) {
    public SyslogDestination {
      matchStrings = List.copyOf(matchStrings);
    }

    public enum Kind {
      HOST,
      FILE
    }
  }

  public boolean structured() {
    return "sd-syslog".equals(format)
        || streams.stream().anyMatch(s -> "sd-syslog".equals(s.format()));
  }

  /** True when session logs go through {@code system syslog} (event mode), false for streams. */
  public boolean eventMode() {
    return mode == null ? streams.isEmpty() : mode.equals("event");
  }

  /** The streams session logs go to: all of them in stream mode, none in event mode. */
  public List<Stream> activeStreams() {
    return eventMode() ? List.of() : streams;
  }

  /**
   * The {@code system syslog} hosts and files session logs go to: in event mode, those that take
   * them.
   */
  public List<SyslogDestination> sessionLogDestinations() {
    return eventMode()
        ? syslog.stream().filter(SyslogDestination::takesSessionLogs).toList()
        : List.of();
  }
}
