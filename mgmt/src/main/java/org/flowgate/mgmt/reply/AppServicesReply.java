package org.flowgate.mgmt.reply;

import java.util.List;
import org.flowgate.dataplane.control.TrafficControlStatistics;

/**
 * The views of application traffic control (AppQoS) and application tracking (AppTrack),
 * docs/adr/0034: one record each, built from the SPUs' counters, rendered as text, XML and JSON.
 * Each SPU is a {@code pic} of its own, named {@code FPC/PIC} as {@code SpuLocation} numbers it.
 *
 * <pre>
 * show class-of-service application-traffic-control counter            get-appqos-counter
 * show class-of-service application-traffic-control statistics rule    get-appqos-rule-statistics
 * show class-of-service application-traffic-control statistics rate-limiter
 *                                                      get-appqos-rate-limiter-statistics
 * show security application-tracking counters                          get-avt-counters
 * show services application-identification group summary       get-appid-application-group-summary
 * show services application-identification group detail NAME   get-appid-application-group-detail
 * </pre>
 */
public sealed interface AppServicesReply extends ViewReply {
  /** {@code counter}: per SPU, the six counters in Junos's order, named as the text names them. */
  record Counter(List<Pic> pics) implements AppServicesReply {
    public Counter {
      pics = List.copyOf(pics);
    }
  }

  /** {@code statistics rule}: per SPU, every rule of every rule-set with its hits. */
  record RuleStatistics(List<Pic> pics) implements AppServicesReply {
    public RuleStatistics {
      pics = List.copyOf(pics);
    }
  }

  /** {@code statistics rate-limiter}: per SPU, the rule-set and application pairs limited. */
  record RateLimiterStatistics(List<Pic> pics) implements AppServicesReply {
    public RateLimiterStatistics {
      pics = List.copyOf(pics);
    }
  }

  /** {@code show security application-tracking counters}: summed over the SPUs. */
  record AppTrackCounters(
      long sessionCreateMessages,
      long sessionCloseMessages,
      long sessionVolumeUpdates,
      long failedMessages)
      implements AppServicesReply {}

  /**
   * {@code show services application-identification group summary}: every application group,
   * predefined ({@code junos:} and the catalog's categories) and user-defined (docs/adr/0044).
   */
  record GroupSummary(List<org.flowgate.dataplane.control.ApplicationGroupListing.Group> groups)
      implements AppServicesReply {
    public GroupSummary {
      groups = List.copyOf(groups);
    }
  }

  /** {@code show services application-identification group detail NAME}: one group. */
  record GroupDetail(org.flowgate.dataplane.control.ApplicationGroupListing.Group group)
      implements AppServicesReply {}

  /** The group views of generation {@code config}; {@code name} null for the summary. */
  static AppServicesReply groupView(
      org.flowgate.dataplane.runtime.RuntimeConfig config, String name) {
    List<org.flowgate.dataplane.control.ApplicationGroupListing.Group> all =
        org.flowgate.dataplane.control.ApplicationGroupListing.of(config);
    if (name == null) {
      return new GroupSummary(all);
    }
    return all.stream()
        .filter(g -> g.name().equals(name))
        .findFirst()
        .<AppServicesReply>map(GroupDetail::new)
        .orElse(null);
  }

  /** One SPU's counters, and its name ({@code 0/0}). */
  record Pic(String name, TrafficControlStatistics statistics) {
    /** The counter rows of {@code counter}: name as the text shows it, value. */
    public List<CounterRow> counters() {
      TrafficControlStatistics s = statistics;
      return List.of(
          new CounterRow("Sessions processed", s.sessionsProcessed()),
          new CounterRow("Sessions marked", s.sessionsMarked()),
          new CounterRow("Sessions honored", s.sessionsHonored()),
          new CounterRow("Sessions rate limited", s.sessionsRateLimited()),
          new CounterRow("Client-to-server flows rate limited", s.clientToServerFlowsRateLimited()),
          new CounterRow(
              "Server-to-client flows rate limited", s.serverToClientFlowsRateLimited()));
    }
  }

  record CounterRow(String name, long value) {}

  /** The SPUs' statistics as pics, named FPC/PIC. */
  static List<Pic> pics(List<TrafficControlStatistics> spus) {
    return spus.stream()
        .map(
            s ->
                new Pic(
                    org.flowgate.dataplane.control.SpuLocation.fpc(s.spu())
                        + "/"
                        + org.flowgate.dataplane.control.SpuLocation.pic(s.spu()),
                    s))
        .toList();
  }

  /** The reply of view {@code kind} from the SPUs' statistics. */
  static AppServicesReply of(Kind kind, List<TrafficControlStatistics> spus) {
    return switch (kind) {
      case COUNTER -> new Counter(pics(spus));
      case RULE_STATISTICS -> new RuleStatistics(pics(spus));
      case RATE_LIMITER_STATISTICS -> new RateLimiterStatistics(pics(spus));
      case APPTRACK_COUNTERS -> {
        long create = 0;
        long close = 0;
        long update = 0;
        long failed = 0;
        for (TrafficControlStatistics s : spus) {
          create += s.appTrackCreateMessages();
          close += s.appTrackCloseMessages();
          update += s.appTrackVolumeUpdates();
          failed += s.appTrackFailedMessages();
        }
        yield new AppTrackCounters(create, close, update, failed);
      }
    };
  }

  /** Which view. */
  enum Kind {
    COUNTER,
    RULE_STATISTICS,
    RATE_LIMITER_STATISTICS,
    APPTRACK_COUNTERS
  }
}
