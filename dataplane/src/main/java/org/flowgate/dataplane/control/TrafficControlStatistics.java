package org.flowgate.dataplane.control;

import java.util.ArrayList;
import java.util.List;
import org.flowgate.dataplane.appid.ApplicationCatalog;
import org.flowgate.dataplane.appqos.AppQosRule;
import org.flowgate.dataplane.appqos.AppQosRuleSet;
import org.flowgate.dataplane.appqos.RateLimiter;
import org.flowgate.dataplane.appqos.TrafficControl;
import org.flowgate.dataplane.flow.SessionTrafficControl;
import org.flowgate.dataplane.spu.SpuAgent;

/**
 * One SPU's application traffic control and application tracking counters (docs/adr/0034), copied
 * on the SPU's thread: what {@code show class-of-service application-traffic-control counter |
 * statistics rule | statistics rate-limiter} and {@code show security application-tracking
 * counters} show.
 *
 * @param spu the SPU (a PIC of its own in Junos's views)
 * @param sessionsProcessed sessions whose policy applied a rule-set
 * @param sessionsMarked sessions whose rule marks DSCP or a forwarding class
 * @param sessionsHonored sessions whose rule sets a loss priority
 * @param sessionsRateLimited sessions whose rule names a rate limiter
 * @param rules every rule of every rule-set, with its hits on this SPU
 * @param rateLimited the rule-set and application pairs whose sessions got a rate limiter
 * @param limiters every rate limiter with the packets it passed, dropped and marked here
 */
public record TrafficControlStatistics(
    int spu,
    long sessionsProcessed,
    long sessionsMarked,
    long sessionsHonored,
    long sessionsRateLimited,
    long clientToServerFlowsRateLimited,
    long serverToClientFlowsRateLimited,
    List<RuleHits> rules,
    List<RateLimited> rateLimited,
    List<LimiterPackets> limiters,
    long appTrackCreateMessages,
    long appTrackCloseMessages,
    long appTrackVolumeUpdates,
    long appTrackFailedMessages) {

  /** {@code statistics rule}: a rule and its hits. */
  public record RuleHits(String ruleSet, String rule, long hits) {}

  /**
   * {@code statistics rate-limiter}: a rule-set and an application whose sessions were limited, the
   * limiters of each direction (null for none) and their bandwidth-limit in kbps (0 for none).
   */
  public record RateLimited(
      String ruleSet,
      String application,
      String clientToServer,
      long clientToServerKbps,
      String serverToClient,
      long serverToClientKbps) {}

  /** A rate limiter's bucket on this SPU: packets that passed, were dropped, passed marked. */
  public record LimiterPackets(String name, long passed, long dropped, long marked) {}

  public TrafficControlStatistics {
    rules = List.copyOf(rules);
    rateLimited = List.copyOf(rateLimited);
    limiters = List.copyOf(limiters);
  }

  /** Copies SPU {@code spu}'s counters, on its thread. */
  static TrafficControlStatistics of(SpuAgent spu, int index) {
    SessionTrafficControl control = spu.trafficControl();
    TrafficControl config = control.trafficControl();
    ApplicationCatalog catalog = spu.applications().catalog();
    long[] counters = control.counters();
    long[][] hits = control.ruleHits();
    List<RuleHits> rules = new ArrayList<>();
    for (int s = 0; s < hits.length; s++) {
      AppQosRuleSet set = config.ruleSets().get(s);
      for (int r = 0; r < hits[s].length; r++) {
        rules.add(new RuleHits(set.name(), set.rules().get(r).name(), hits[s][r]));
      }
    }
    List<RateLimited> limited = new ArrayList<>();
    for (int[] pair : control.limitedPairs()) {
      AppQosRuleSet set = config.ruleSets().get(pair[0]);
      AppQosRule rule = set.rules().get(set.match(pair[1]));
      RateLimiter c2s = limiter(config, rule.clientToServerLimiter());
      RateLimiter s2c = limiter(config, rule.serverToClientLimiter());
      limited.add(
          new RateLimited(
              set.name(),
              catalog.name(pair[1]),
              c2s == null ? null : c2s.name(),
              c2s == null ? 0 : c2s.bandwidthKbps(),
              s2c == null ? null : s2c.name(),
              s2c == null ? 0 : s2c.bandwidthKbps()));
    }
    long[][] packets = control.limiterPackets();
    List<LimiterPackets> limiters = new ArrayList<>();
    for (int i = 0; i < config.rateLimiters().size(); i++) {
      limiters.add(
          new LimiterPackets(
              config.rateLimiters().get(i).name(), packets[0][i], packets[1][i], packets[2][i]));
    }
    long[] track = control.appTrackCounters();
    return new TrafficControlStatistics(
        index,
        counters[0],
        counters[1],
        counters[2],
        counters[3],
        counters[4],
        counters[5],
        rules,
        limited,
        limiters,
        track[0],
        track[1],
        track[2],
        track[3]);
  }

  private static RateLimiter limiter(TrafficControl config, int index) {
    return index < 0 ? null : config.rateLimiters().get(index);
  }
}
