package org.flowgate.mgmt.render;

import static org.flowgate.mgmt.render.JunosElement.attribute;
import static org.flowgate.mgmt.render.JunosElement.container;
import static org.flowgate.mgmt.render.JunosElement.leaf;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.flowgate.dataplane.control.FlowStatistics;
import org.flowgate.mgmt.reply.AlgStatusReply;
import org.flowgate.mgmt.reply.ChassisHardwareReply;
import org.flowgate.mgmt.reply.FlowStatisticsReply;
import org.flowgate.mgmt.reply.FlowStatusReply;
import org.flowgate.mgmt.reply.InterfacesTerseReply;
import org.flowgate.mgmt.reply.MatchPoliciesReply;
import org.flowgate.mgmt.reply.MonitoringReply;
import org.flowgate.mgmt.reply.Placeholders;
import org.flowgate.mgmt.reply.PoliciesReply;
import org.flowgate.mgmt.reply.PolicyHitCountReply;
import org.flowgate.mgmt.reply.RouteReply;
import org.flowgate.mgmt.reply.ScreenClearReply;
import org.flowgate.mgmt.reply.ScreenIdsOptionReply;
import org.flowgate.mgmt.reply.ScreenStatisticsReply;
import org.flowgate.mgmt.reply.UptimeReply;
import org.flowgate.mgmt.reply.VersionReply;
import org.flowgate.mgmt.reply.ViewReply;
import org.flowgate.mgmt.reply.ZonesReply;

/**
 * The {@code <rpc-reply>} trees of the views held by a {@link ViewReply}, for {@code | display xml}
 * and {@code | display json}. Which element names are real and which are Flowgate's is in ADR 0020:
 *
 * <pre>
 * statistics  flow-statistics-all                real (18.1 branch: flat; 15.1 high end: per SPU
 *                                                and " Summary:"); services-offload and drop
 *                                                elements Flowgate's
 * status      flow-status-all                    real (15.1, nested blocks)
 * monitoring  spu-monitoring-information-list    Flowgate's
 * version     software-information               real names (Junos RPC get-software-information)
 * uptime      system-uptime-information          real names (get-system-uptime-information)
 * chassis     chassis-inventory                  real names (get-chassis-inventory)
 * </pre>
 *
 * Stateless; any thread.
 */
public final class ViewReplyTree {
  private static final List<JunosElement.Attribute> FLOW =
      List.of(attribute("xmlns", JunosReplyTree.FLOW_NAMESPACE));
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private ViewReplyTree() {}

  /** The whole {@code <rpc-reply>}. */
  public static JunosElement of(ViewReply reply) {
    List<JunosElement> body =
        switch (reply) {
          case FlowStatisticsReply r -> statistics(r);
          case FlowStatusReply r -> List.of(status(r));
          case MonitoringReply r -> List.of(monitoring(r));
          case VersionReply r -> List.of(version(r));
          case UptimeReply r -> List.of(uptime(r));
          case ChassisHardwareReply r -> List.of(chassis(r));
          case ZonesReply r -> List.of(ConfigViewReplyTree.zones(r));
          case AlgStatusReply r -> List.of(algStatus(r));
          case org.flowgate.mgmt.reply.SipCallsReply r -> List.of(SipReplyTree.calls(r));
          case org.flowgate.mgmt.reply.SipCountersReply r -> List.of(SipReplyTree.counters(r));
          case org.flowgate.mgmt.reply.RpcAlgTableReply r -> List.of(RpcAlgRenderer.tree(r));
          case PoliciesReply r -> List.of(ConfigViewReplyTree.policies(r));
          case PolicyHitCountReply r -> List.of(ConfigViewReplyTree.hitCount(r));
          case MatchPoliciesReply r -> List.of(ConfigViewReplyTree.matchPolicies(r));
          case RouteReply r -> List.of(ConfigViewReplyTree.route(r));
          case InterfacesTerseReply r -> List.of(ConfigViewReplyTree.interfacesTerse(r));
          case ScreenStatisticsReply r -> List.of(ScreenReplyTree.statistics(r));
          case ScreenIdsOptionReply r -> List.of(ScreenReplyTree.idsOption(r));
          case ScreenClearReply r -> List.of(ScreenReplyTree.cleared(r));
          case org.flowgate.mgmt.reply.OperatorReply r -> OperatorReplyTree.body(r);
          case org.flowgate.mgmt.reply.AlgReply r -> AlgReplyTree.body(r);
          case org.flowgate.mgmt.reply.AppServicesReply r -> List.of(AppServicesReplyTree.body(r));
        };
    return JunosReplyTree.reply(body);
  }

  private static List<JunosElement> statistics(FlowStatisticsReply reply) {
    if (!reply.perSpu()) {
      return List.of(container("flow-statistics-all", FLOW, counters(reply.total(), null)));
    }
    List<JunosElement> blocks = new ArrayList<>();
    for (FlowStatisticsReply.Counters spu : reply.spus()) {
      blocks.add(
          container(
              "flow-statistics-all", FLOW, counters(spu, " of " + SpuNames.name(spu.spu()) + ":")));
    }
    blocks.add(container("flow-statistics-all", FLOW, counters(reply.total(), " Summary:")));
    return blocks;
  }

  private static List<JunosElement> counters(FlowStatisticsReply.Counters c, String spuId) {
    List<JunosElement> leaves = new ArrayList<>();
    if (spuId != null) {
      leaves.add(leaf("flow-spu-id", spuId));
    }
    leaves.add(
        leaf(
            spuId != null && spuId.equals(" Summary:")
                ? "flow-session-valid-system"
                : "flow-session-count-valid",
            c.currentSessions()));
    leaves.add(leaf("flow-pkt-count-rx", c.packetsReceived()));
    leaves.add(leaf("flow-pkt-count-tx", c.packetsTransmitted()));
    leaves.add(leaf("flow-pkt-count-fwd", c.packetsForwardedQueued()));
    leaves.add(leaf("flow-pkt-count-copy", c.packetsCopied()));
    leaves.add(leaf("flow-pkt-count-drop", c.packetsDropped()));
    leaves.add(leaf("flow-pkt-count-services-offload", c.servicesOffloadPackets()));
    leaves.add(leaf("flow-frag-count-fwd", c.fragmentPackets()));
    leaves.add(leaf("tunnel-frag-gen-pre", c.preFragmentsGenerated()));
    leaves.add(leaf("tunnel-frag-gen-post", c.postFragmentsGenerated()));
    for (FlowStatistics.DropCounter drop : c.drops()) {
      leaves.add(
          container(
              "flow-pkt-drop-reason",
              List.of(leaf("drop-reason", drop.reason()), leaf("drop-count", drop.packets()))));
    }
    return leaves;
  }

  /**
   * {@code show security alg status}: {@code <alg-status>} with one {@code alg-NAME-status} leaf
   * per ALG, in the text's order (the {@code alg-status-block} of Juniper's 24.4R1 YANG, RPC {@code
   * get-alg-status}).
   */
  private static JunosElement algStatus(AlgStatusReply r) {
    List<JunosElement> leaves = new ArrayList<>();
    for (AlgStatusReply.Entry e : r.algs()) {
      leaves.add(leaf("alg-" + e.statement() + "-status", e.enabled() ? "Enabled" : "Disabled"));
    }
    return container("alg-status", FLOW, leaves);
  }

  private static JunosElement status(FlowStatusReply r) {
    return container(
        "flow-status-all",
        FLOW,
        List.of(
            container(
                "flow-forwarding-mode",
                List.of(
                    leaf("flow-forwarding-mode-inet", r.inetMode()),
                    leaf("flow-forwarding-mode-inet6", r.inet6Mode()),
                    leaf("flow-forwarding-mode-mpls", r.mplsMode()),
                    leaf("flow-forwarding-mode-iso", r.isoMode()))),
            container("flow-trace-option", List.of(leaf("flow-trace-status", r.tracingStatus()))),
            container(
                "flow-session-distribution",
                List.of(
                    leaf("mode", r.distributionMode()),
                    leaf("gtpu-distr-status", r.gtpuDistribution()))),
            container(
                "flow-ipsec-performance-acceleration",
                List.of(leaf("ipa-status", r.ipsecPerformanceAcceleration()))),
            container("flow-packet-ordering", List.of(leaf("ordering-mode", r.orderingMode())))));
  }

  private static JunosElement monitoring(MonitoringReply reply) {
    List<JunosElement> rows = new ArrayList<>();
    for (MonitoringReply.Row row : reply.rows()) {
      rows.add(
          container(
              "spu-monitoring-information",
              List.of(
                  leaf("fpc-number", row.fpc()),
                  leaf("pic-number", row.pic()),
                  leaf("spu-cpu-utilization", row.cpuPercent()),
                  leaf("spu-memory-utilization", row.memoryPercent()),
                  leaf("spu-current-flow-session", row.flowSessions()),
                  leaf("spu-max-flow-session", row.flowSessionsMaximum()),
                  leaf("spu-current-cp-session", row.cpSessions()),
                  leaf("spu-max-cp-session", row.cpSessionsMaximum()))));
    }
    return container("spu-monitoring-information-list", rows);
  }

  private static JunosElement version(VersionReply r) {
    return container(
        "software-information",
        List.of(
            leaf("host-name", r.hostName()),
            leaf("product-model", r.model()),
            leaf("product-name", r.productName()),
            leaf("junos-version", r.junosVersion())));
  }

  private static JunosElement uptime(UptimeReply r) {
    Duration up = Duration.between(r.booted(), r.now());
    return container(
        "system-uptime-information",
        List.of(attribute("xmlns", JunosReplyTree.JUNOS_NAMESPACE)),
        List.of(
            container("current-time", List.of(dateTime(r.now()))),
            leaf("time-source", " LOCAL CLOCK "),
            container(
                "system-booted-time",
                List.of(dateTime(r.booted()), timeLength(ViewTextRenderer.ago(up)))),
            container(
                "protocols-started-time",
                List.of(dateTime(r.booted()), timeLength(ViewTextRenderer.ago(up)))),
            container(
                "uptime-information",
                List.of(
                    dateTime(r.now()),
                    leaf("up-time", ViewTextRenderer.upTime(up)),
                    leaf("active-user-count", r.users()),
                    leaf("load-average-1", ViewTextRenderer.loadAverage(r.loadAverageOneMinute())),
                    leaf("load-average-5", Placeholders.LOAD_AVERAGE_UNKNOWN),
                    leaf("load-average-15", Placeholders.LOAD_AVERAGE_UNKNOWN)))));
  }

  private static JunosElement dateTime(Instant instant) {
    return new JunosElement(
        "date-time",
        List.of(attribute("junos:seconds", Long.toString(instant.getEpochSecond()))),
        JunosElement.Kind.LEAF,
        DATE_TIME.format(instant),
        List.of());
  }

  private static JunosElement timeLength(String text) {
    return leaf("time-length", text);
  }

  private static JunosElement chassis(ChassisHardwareReply r) {
    List<JunosElement> children = new ArrayList<>();
    children.add(leaf("name", "Chassis"));
    children.add(leaf("serial-number", r.serialNumber()));
    children.add(leaf("description", r.description()));
    for (ChassisHardwareReply.Module fpc : r.modules()) {
      List<JunosElement> module = new ArrayList<>();
      module.add(leaf("name", fpc.name()));
      module.add(leaf("description", fpc.description()));
      for (ChassisHardwareReply.Module pic : fpc.subModules()) {
        module.add(
            container(
                "chassis-sub-module",
                List.of(leaf("name", pic.name()), leaf("description", pic.description()))));
      }
      children.add(container("chassis-module", module));
    }
    return container(
        "chassis-inventory",
        List.of(attribute("xmlns", CHASSIS_NAMESPACE)),
        List.of(container("chassis", List.of(attribute("junos:style", "inventory")), children)));
  }

  /** Default namespace of the chassis replies. */
  public static final String CHASSIS_NAMESPACE =
      "http://xml.juniper.net/junos/" + JunosReplyTree.RELEASE + "/junos-chassis";
}
