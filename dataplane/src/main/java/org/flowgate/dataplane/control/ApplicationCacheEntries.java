package org.flowgate.dataplane.control;

import java.util.List;
import org.flowgate.dataplane.net.IpAddress;

/**
 * {@code show services application-identification application-system-cache}: one SPU's replica of
 * the device's application system cache, copied out on its thread (every SPU keeps the same
 * entries, docs/adr/0041), with the lookups that SPU made.
 *
 * @param spu the SPU
 * @param enabled false with {@code no-application-system-cache}
 * @param timeoutSeconds {@code application-system-cache-timeout}
 * @param entries the live entries, in the cache's slot order
 * @param securityServices {@code application-system-cache security-services}: cached applications
 *     name new sessions
 * @param miscellaneousServices false with {@code application-system-cache
 *     no-miscellaneous-services}
 * @param nestedApplications false with {@code nested-application-settings
 *     no-application-system-cache}
 * @param hits new sessions this SPU named from the cache
 * @param misses new sessions this SPU looked up and did not find
 */
public record ApplicationCacheEntries(
    int spu,
    boolean enabled,
    long timeoutSeconds,
    List<ApplicationCacheEntries.Entry> entries,
    boolean securityServices,
    boolean miscellaneousServices,
    boolean nestedApplications,
    long hits,
    long misses) {

  public ApplicationCacheEntries {
    entries = List.copyOf(entries);
  }

  /** Junos's default uses (security services off), no lookups counted. */
  public ApplicationCacheEntries(
      int spu, boolean enabled, long timeoutSeconds, List<ApplicationCacheEntries.Entry> entries) {
    this(spu, enabled, timeoutSeconds, entries, false, true, true, 0, 0);
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
