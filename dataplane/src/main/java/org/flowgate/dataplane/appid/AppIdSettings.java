package org.flowgate.dataplane.appid;

import java.util.List;
import java.util.Objects;
import org.flowgate.dataplane.net.IpProtocol;

/**
 * Application identification settings, as the configuration compiler fills them from {@code
 * services application-identification} (docs/adr/0014 lists the statements), plus the bounds of
 * Flowgate's own per-SPU pools, which have no Junos statement.
 *
 * <pre>
 * services application-identification {
 *     no-application-identification;                        -&gt; enabled = false
 *     inspection-limit {
 *         tcp { byte-limit N; packet-limit M; }             -&gt; tcpLimit
 *         udp { byte-limit N; packet-limit M; }             -&gt; udpLimit
 *     }
 *     no-application-system-cache;                          -&gt; applicationSystemCache = false
 *     application-system-cache-timeout SECONDS;             -&gt; applicationSystemCacheTimeoutSeconds
 *     application-system-cache {
 *         no-miscellaneous-services;                        -&gt; cacheUse.miscellaneousServices = false
 *         security-services;                                -&gt; cacheUse.securityServices = true
 *     }
 *     nested-application-settings no-application-system-cache; -&gt; cacheUse.nestedApplications
 *     application NAME { ... }                              -&gt; customApplications
 * }
 * </pre>
 *
 * @param enabled false for {@code no-application-identification}: every session is {@code
 *     junos:UNKNOWN}
 * @param tcpLimit inspection limit of TCP sessions
 * @param udpLimit inspection limit of UDP sessions
 * @param applicationSystemCache false for {@code no-application-system-cache}
 * @param applicationSystemCacheTimeoutSeconds lifetime of a cache entry (0: entries never live)
 * @param customApplications {@code application NAME} definitions, in configuration order
 * @param sessionsPerSpu sessions one SPU inspects at once; a session that finds the pool full is
 *     named by the cache, an address mapping or its IP protocol, else {@code junos:UNKNOWN}
 * @param streamBuffersPerSpu TCP reassembly buffers per direction per SPU (a QUIC session uses one
 *     client buffer for its CRYPTO stream)
 * @param clientStreamBytes bytes of each client-to-server reassembly buffer: the first bytes of the
 *     stream that decoders see; later bytes are counted, not kept
 * @param serverStreamBytes bytes of each server-to-client reassembly buffer
 * @param cacheEntriesPerSpu capacity of the device's application system cache, which every SPU
 *     keeps a replica of (docs/adr/0041): the same whatever the number of SPUs
 * @param cacheUse who may use the cache's entries ({@code application-system-cache { ... }}) and
 *     whether nested applications are kept ({@code nested-application-settings})
 */
public record AppIdSettings(
    boolean enabled,
    InspectionLimit tcpLimit,
    InspectionLimit udpLimit,
    boolean applicationSystemCache,
    long applicationSystemCacheTimeoutSeconds,
    List<CustomApplication> customApplications,
    int sessionsPerSpu,
    int streamBuffersPerSpu,
    int clientStreamBytes,
    int serverStreamBytes,
    int cacheEntriesPerSpu,
    CacheUse cacheUse) {

  /** Default inspection limit, TCP and UDP alike (docs/adr/0014: what we found and did not). */
  public static final InspectionLimit DEFAULT_LIMIT = new InspectionLimit(6000, 10);

  /** {@code application-system-cache-timeout} default: 3600 s. */
  public static final long DEFAULT_CACHE_TIMEOUT_SECONDS = 3600;

  /**
   * The most custom applications: application ids fit 15 bits, the room a session keeps for them
   * (docs/adr/0014, bytes per session).
   */
  public static final int MAXIMUM_CUSTOM_APPLICATIONS = 16_000;

  public AppIdSettings {
    Objects.requireNonNull(tcpLimit, "tcpLimit");
    Objects.requireNonNull(udpLimit, "udpLimit");
    Objects.requireNonNull(cacheUse, "cacheUse");
    customApplications = List.copyOf(customApplications);
    if (customApplications.size() > MAXIMUM_CUSTOM_APPLICATIONS) {
      throw new IllegalArgumentException(
          customApplications.size()
              + " custom applications: at most "
              + MAXIMUM_CUSTOM_APPLICATIONS);
    }
    if (applicationSystemCacheTimeoutSeconds < 0
        || applicationSystemCacheTimeoutSeconds > 1_000_000) {
      throw new IllegalArgumentException(
          "application-system-cache-timeout "
              + applicationSystemCacheTimeoutSeconds
              + " out of 0..1000000 seconds");
    }
    requireRange("sessionsPerSpu", sessionsPerSpu, 1, 1 << 22);
    requireRange("streamBuffersPerSpu", streamBuffersPerSpu, 0, 1 << 20);
    requireRange("clientStreamBytes", clientStreamBytes, 256, 1 << 16);
    requireRange("serverStreamBytes", serverStreamBytes, 256, 1 << 16);
    requireRange("cacheEntriesPerSpu", cacheEntriesPerSpu, 8, 1 << 24);
  }

  private static void requireRange(String name, int value, int low, int high) {
    if (value < low || value > high) {
      throw new IllegalArgumentException(name + " " + value + " out of " + low + ".." + high);
    }
  }

  /**
   * Junos defaults, and pools of 16 384 sessions, 2 048 reassembly buffers per direction (4 KiB
   * client-to-server, 2 KiB server-to-client: 12 MiB per SPU) and 65 536 cache entries per SPU.
   */
  public static AppIdSettings defaults() {
    return new AppIdSettings(
        true,
        DEFAULT_LIMIT,
        DEFAULT_LIMIT,
        true,
        DEFAULT_CACHE_TIMEOUT_SECONDS,
        List.of(),
        16_384,
        2_048,
        4_096,
        2_048,
        65_536,
        CacheUse.DEFAULT);
  }

  public AppIdSettings withLimits(InspectionLimit tcp, InspectionLimit udp) {
    return new AppIdSettings(
        enabled,
        tcp,
        udp,
        applicationSystemCache,
        applicationSystemCacheTimeoutSeconds,
        customApplications,
        sessionsPerSpu,
        streamBuffersPerSpu,
        clientStreamBytes,
        serverStreamBytes,
        cacheEntriesPerSpu,
        cacheUse);
  }

  public AppIdSettings withApplicationSystemCache(boolean enabled, long timeoutSeconds) {
    return new AppIdSettings(
        this.enabled,
        tcpLimit,
        udpLimit,
        enabled,
        timeoutSeconds,
        customApplications,
        sessionsPerSpu,
        streamBuffersPerSpu,
        clientStreamBytes,
        serverStreamBytes,
        cacheEntriesPerSpu,
        cacheUse);
  }

  public AppIdSettings withCustomApplications(List<CustomApplication> applications) {
    return new AppIdSettings(
        enabled,
        tcpLimit,
        udpLimit,
        applicationSystemCache,
        applicationSystemCacheTimeoutSeconds,
        applications,
        sessionsPerSpu,
        streamBuffersPerSpu,
        clientStreamBytes,
        serverStreamBytes,
        cacheEntriesPerSpu,
        cacheUse);
  }

  public AppIdSettings withPools(
      int sessions, int streamBuffers, int clientBytes, int serverBytes, int cacheEntries) {
    return new AppIdSettings(
        enabled,
        tcpLimit,
        udpLimit,
        applicationSystemCache,
        applicationSystemCacheTimeoutSeconds,
        customApplications,
        sessions,
        streamBuffers,
        clientBytes,
        serverBytes,
        cacheEntries,
        cacheUse);
  }

  public AppIdSettings withEnabled(boolean on) {
    return new AppIdSettings(
        on,
        tcpLimit,
        udpLimit,
        applicationSystemCache,
        applicationSystemCacheTimeoutSeconds,
        customApplications,
        sessionsPerSpu,
        streamBuffersPerSpu,
        clientStreamBytes,
        serverStreamBytes,
        cacheEntriesPerSpu,
        cacheUse);
  }

  public AppIdSettings withCacheUse(CacheUse use) {
    return new AppIdSettings(
        enabled,
        tcpLimit,
        udpLimit,
        applicationSystemCache,
        applicationSystemCacheTimeoutSeconds,
        customApplications,
        sessionsPerSpu,
        streamBuffersPerSpu,
        clientStreamBytes,
        serverStreamBytes,
        cacheEntriesPerSpu,
        use);
  }

  /**
   * Who uses the application system cache's entries, as {@code services application-identification
   * application-system-cache} says: the security services (application firewall, AppQoS, IDP,
   * unified policies: in Flowgate, the session's dynamic application itself) only with {@code
   * security-services}; the miscellaneous services (advanced policy-based routing: Flowgate has
   * none) unless {@code no-miscellaneous-services}. Junos's statement descriptions: "Enable ASC for
   * security services (appfw, appqos, idp, skyatp..)", "Disable ASC for miscellaneous services
   * APBR,..." (docs/adr/0041).
   *
   * @param securityServices a cached application names a new session at its first packet
   * @param miscellaneousServices lookups for the miscellaneous services (shown, nothing else)
   * @param nestedApplications false for {@code nested-application-settings
   *     no-application-system-cache}: entries keep no nested application
   */
  public record CacheUse(
      boolean securityServices, boolean miscellaneousServices, boolean nestedApplications) {
    /** Junos's defaults: security services off, miscellaneous services on, nested kept. */
    public static final CacheUse DEFAULT = new CacheUse(false, true, true);

    /** Every use on: a cached application names the next session to its server. */
    public static final CacheUse ALL = new CacheUse(true, true, true);
  }

  /** The inspection limit of {@code protocol} (TCP 6, anything else UDP's). */
  public InspectionLimit limit(int protocol) {
    return protocol == IpProtocol.TCP ? tcpLimit : udpLimit;
  }

  /** The catalog of these settings: the built-in applications and the custom ones after them. */
  public ApplicationCatalog catalog() {
    return ApplicationCatalog.withCustom(customApplications);
  }
}
