package org.flowgate.dataplane.appid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowgate.dataplane.appid.Payloads.clientHello;
import static org.flowgate.dataplane.appid.Payloads.record;
import static org.flowgate.dataplane.appid.Payloads.serverHello;

import org.junit.jupiter.api.Test;

class ApplicationSystemCacheTest {
  private static final long SECOND_NS = 1_000_000_000L;

  private static AppIdFlow tlsSession(ApplicationInspector inspector, int clientPort, long nowNs) {
    AppIdFlow flow =
        AppIdFlow.of(inspector, "10.0.0.1", clientPort, "203.0.113.9", 443, 6).at(nowNs);
    flow.handshake();
    flow.client(record(22, clientHello("www.netflix.com", null, 0)));
    flow.server(serverHello());
    flow.end();
    return flow;
  }

  private static final AppIdSettings FOR_SECURITY_SERVICES =
      AppIdSettings.defaults().withCacheUse(AppIdSettings.CacheUse.ALL);

  @Test
  void namesALaterSessionToTheSameServerOnItsFirstPacket() {
    ApplicationInspector inspector = new ApplicationInspector(FOR_SECURITY_SERVICES);
    tlsSession(inspector, 40_001, 0);

    AppIdFlow later =
        AppIdFlow.of(inspector, "10.0.0.2", 50_000, "203.0.113.9", 443, 6).at(60 * SECOND_NS);

    assertThat(later.begin()).isEqualTo(ApplicationInspector.NO_HANDLE);
    assertThat(inspector.lastApplication()).isEqualTo(inspector.catalog().id("junos:SSL"));
    assertThat(inspector.lastNestedApplication())
        .isEqualTo(inspector.catalog().id("junos:NETFLIX"));
    assertThat(inspector.decidedByCache()).isEqualTo(1);
    assertThat(inspector.cache().hits()).isEqualTo(1);
  }

  @Test
  void entriesAgeOutAfterTheTimeoutAndAreRemovedByTheLookupThatFindsThem() {
    AppIdSettings settings = FOR_SECURITY_SERVICES.withApplicationSystemCache(true, 600);
    ApplicationInspector inspector = new ApplicationInspector(settings);
    tlsSession(inspector, 40_001, 0);
    assertThat(inspector.cache().size()).isEqualTo(1);

    AppIdFlow later =
        AppIdFlow.of(inspector, "10.0.0.2", 50_000, "203.0.113.9", 443, 6).at(600 * SECOND_NS);

    assertThat(later.begin()).isNotEqualTo(ApplicationInspector.NO_HANDLE);
    assertThat(inspector.cache().expirations()).isEqualTo(1);
    assertThat(inspector.cache().size()).isZero();
  }

  @Test
  void noApplicationSystemCacheInspectsEverySession() {
    AppIdSettings settings = AppIdSettings.defaults().withApplicationSystemCache(false, 3600);
    ApplicationInspector inspector = new ApplicationInspector(settings);
    tlsSession(inspector, 40_001, 0);

    assertThat(AppIdFlow.of(inspector, "10.0.0.2", 50_000, "203.0.113.9", 443, 6).begin())
        .isNotEqualTo(ApplicationInspector.NO_HANDLE);
    assertThat(inspector.cache().insertions()).isZero();
  }

  @Test
  void aSessionIdentifiedFromOneSideOnlyIsNotCached() {
    ApplicationInspector inspector = new ApplicationInspector(AppIdSettings.defaults());
    AppIdFlow oneSided = AppIdFlow.of(inspector, "10.0.0.1", 40_000, "203.0.113.7", 53, 17);
    oneSided.begin();
    oneSided.datagram(true, Payloads.hex("0001 0100 0001 0000 0000 0000 0161 00 0001 0001"));
    assertThat(oneSided.verdict()).isEqualTo(inspector.catalog().id("junos:DNS"));

    assertThat(inspector.cache().insertions()).isZero();
  }

  @Test
  void theCacheKeepsAtMostItsCapacityAndEvictsTheEntryClosestToExpiry() {
    ApplicationSystemCache cache = new ApplicationSystemCache(16, 100, true);
    for (int i = 0; i < 1000; i++) {
      cache.insert(i * SECOND_NS / 100, 0, 0xffff_0000_0000L | i, 443, 6, 10, 1);
    }

    assertThat(cache.size()).isLessThanOrEqualTo(16);
    assertThat(cache.evictions() + cache.expirations()).isEqualTo(1000 - cache.size());
    // the newest entry is there
    assertThat(cache.lookup(10 * SECOND_NS, 0, 0xffff_0000_0000L | 999, 443, 6))
        .isEqualTo(10L << 32 | 1);
  }

  @Test
  void theKeyIsTheServerAddressPortAndProtocol() {
    ApplicationSystemCache cache = new ApplicationSystemCache(64, 100, true);
    cache.insert(0, 1, 2, 443, 6, 7, 8);

    assertThat(cache.lookup(0, 1, 2, 443, 6)).isEqualTo(7L << 32 | 8);
    assertThat(cache.lookup(0, 1, 2, 443, 17)).isEqualTo(-1);
    assertThat(cache.lookup(0, 1, 2, 8443, 6)).isEqualTo(-1);
    assertThat(cache.lookup(0, 1, 3, 443, 6)).isEqualTo(-1);
    assertThat(cache.misses()).isEqualTo(3);
  }

  @Test
  void withoutSecurityServicesTheEntryIsKeptButNamesNoSession() {
    ApplicationInspector inspector = new ApplicationInspector(AppIdSettings.defaults());
    tlsSession(inspector, 40_001, 0);

    assertThat(inspector.cache().size()).isEqualTo(1);
    assertThat(AppIdFlow.of(inspector, "10.0.0.2", 50_000, "203.0.113.9", 443, 6).begin())
        .isNotEqualTo(ApplicationInspector.NO_HANDLE);
    assertThat(inspector.cache().hits() + inspector.cache().misses()).isZero();
  }

  @Test
  void theSameServerAddressInAnotherRoutingInstanceIsAnotherServer() {
    ApplicationSystemCache cache = new ApplicationSystemCache(64, 100, true);
    cache.insert(0, 3, 1, 2, 443, 6, 7, 8);

    assertThat(cache.lookup(0, 3, 1, 2, 443, 6)).isEqualTo(7L << 32 | 8);
    assertThat(cache.lookup(0, 0, 1, 2, 443, 6)).isEqualTo(-1);
    assertThat(cache.entries(0)).singleElement().extracting(e -> e.routingInstance()).isEqualTo(3);
  }

  /**
   * An SPU's replica announces what its SPU identified instead of storing it, with the ordinal of
   * the deciding packet; it stores what the ingress hands back; its lookups leave an expired entry
   * in place (every replica must keep the same slots, ADR 0041).
   */
  @Test
  void aReplicaAnnouncesItsIdentificationsAndStoresWhatItIsHanded() {
    ApplicationSystemCache replica = new ApplicationSystemCache(64, 100, true);
    CacheAnnouncements announcements = new CacheAnnouncements();
    replica.announceTo(announcements);
    replica.at(41);
    replica.insert(5 * SECOND_NS, 2, 1, 2, 443, 6, 7, 8);

    assertThat(replica.size()).isZero();
    assertThat(replica.announced()).isEqualTo(1);
    assertThat(announcements.peekOrdinal()).isEqualTo(41);
    long[] got = new long[9];
    assertThat(
            announcements.take(
                (ordinal, nowNs, vrf, hi, lo, port, protocol, app, nested) -> {
                  got[0] = ordinal;
                  got[1] = nowNs;
                  got[2] = vrf;
                  got[3] = hi;
                  got[4] = lo;
                  got[5] = port;
                  got[6] = protocol;
                  got[7] = app;
                  got[8] = nested;
                }))
        .isTrue();
    assertThat(got).containsExactly(41, 5 * SECOND_NS, 2, 1, 2, 443, 6, 7, 8);
    assertThat(announcements.peekOrdinal()).isEqualTo(Long.MAX_VALUE);

    replica.store(5 * SECOND_NS, 2, 1, 2, 443, 6, 7, 8);
    assertThat(replica.lookup(6 * SECOND_NS, 2, 1, 2, 443, 6)).isEqualTo(7L << 32 | 8);
    assertThat(replica.lookup(105 * SECOND_NS, 2, 1, 2, 443, 6)).isEqualTo(-1);
    assertThat(replica.size()).as("an expired entry stays in a replica").isEqualTo(1);
    assertThat(replica.expirations()).isZero();
    assertThat(replica.entries(105 * SECOND_NS)).isEmpty();
  }

  @Test
  void announcementsBeyondTheRingAreCountedNotWaitedFor() {
    CacheAnnouncements announcements = new CacheAnnouncements();
    for (int i = 0; i < CacheAnnouncements.CAPACITY + 3; i++) {
      announcements.announce(i, 0, 0, 0, i, 443, 6, 7, 1);
    }
    assertThat(announcements.lost()).isEqualTo(3);
    assertThat(announcements.peekOrdinal()).isZero();
  }
}
