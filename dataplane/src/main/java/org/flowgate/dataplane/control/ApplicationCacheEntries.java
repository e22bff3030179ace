package org.flowgate.dataplane.control;

import java.util.List;
import org.flowgate.dataplane.net.IpAddress;

/**
 * {@code show services application-identification application-system-cache}: one SPU's application
 * system cache, copied out on its thread (Flowgate keeps a cache per SPU, docs/adr/0014).
 *
 * @param spu the SPU
 * @param enabled false with {@code no-application-system-cache}
 * @param timeoutSeconds {@code application-system-cache-timeout}
 * @param entries the live entries, in the cache's slot order
 */
public record ApplicationCacheEntries(
    int spu, boolean enabled, long timeoutSeconds, List<ApplicationCacheEntries.Entry> entries) {

  public ApplicationCacheEntries {
    entries = List.copyOf(entries);
  }

  /**
   * One server the cache names.
   *
   * @param address the server's address
   * @param port the server's port
   * @param protocol IP protocol number
   * @param application the application as the cache shows it ({@code HTTP}: without {@code junos:},
   *     as Junos's cache replies write it)
   * @param nestedApplication the nested application the same way, {@code UNKNOWN} for none
   * @param encrypted {@code Yes} or {@code No}
   * @param classificationPath {@code IP:TCP:HTTP}, {@code IP:TCP:SSL:FACEBOOK-ACCESS} ...
   * @param remainingSeconds seconds before the entry stops naming sessions
   */
  public record Entry(
      IpAddress address,
      int port,
      int protocol,
      String application,
      String nestedApplication,
      String encrypted,
      String classificationPath,
      long remainingSeconds) {}
}
