package org.flowgate.config.compile;

import java.util.List;

/**
 * {@code security log}: how RT_FLOW session logs leave the device (reference §3, §7).
 *
 * <pre>
 * set security log mode stream
 * set security log format sd-syslog
 * set security log source-address 192.168.99.1
 * set security log stream syslog-server host 192.168.99.252
 * set security log stream syslog-server host port 514
 * set security log stream syslog-server transport protocol tcp
 * </pre>
 *
 * @param format {@code syslog} (standard text) or {@code sd-syslog} (structured, RFC 5424)
 * @param streams the stream destinations
 */
public record SessionLogSettings(String mode, String format, String sourceAddress, List<Stream> streams) {
  public static final SessionLogSettings NONE = new SessionLogSettings(null, null, null, List.of());

  /** One {@code security log stream}: a syslog host, its port (514) and transport (UDP). */
  public record Stream(String name, String host, int port, String transport, String format) {}

  public boolean structured() {
    return "sd-syslog".equals(format) || streams.stream().anyMatch(s -> "sd-syslog".equals(s.format()));
  }
}
