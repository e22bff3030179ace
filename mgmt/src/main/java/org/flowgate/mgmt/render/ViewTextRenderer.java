package org.flowgate.mgmt.render;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
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
 * Junos CLI text of the views held by a {@link ViewReply}: one method per view, every value read
 * from the reply. Layouts and their sources are in ADR 0020. Stateless; any thread.
 */
public final class ViewTextRenderer {
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("h:mma", Locale.ROOT).withZone(ZoneOffset.UTC);

  private ViewTextRenderer() {}

  /** The whole reply as text, each line ending in a newline. */
  public static String render(ViewReply reply) {
    StringBuilder out = new StringBuilder(512);
    switch (reply) {
      case FlowStatisticsReply r -> statistics(r, out);
      case FlowStatusReply r -> status(r, out);
      case MonitoringReply r -> monitoring(r, out);
      case VersionReply r -> version(r, out);
      case UptimeReply r -> uptime(r, out);
      case ChassisHardwareReply r -> chassis(r, out);
      case ZonesReply r -> ConfigViewTextRenderer.zones(r, out);
      case AlgStatusReply r -> algStatus(r, out);
      case org.flowgate.mgmt.reply.SipCallsReply r -> SipTextRenderer.calls(r, out);
      case org.flowgate.mgmt.reply.SipCountersReply r -> SipTextRenderer.counters(r, out);
      case org.flowgate.mgmt.reply.RpcAlgTableReply r -> RpcAlgRenderer.text(r, out);
      case PoliciesReply r -> ConfigViewTextRenderer.policies(r, out);
      case PolicyHitCountReply r -> ConfigViewTextRenderer.hitCount(r, out);
      case MatchPoliciesReply r -> ConfigViewTextRenderer.matchPolicies(r, out);
      case RouteReply r -> ConfigViewTextRenderer.route(r, out);
      case InterfacesTerseReply r -> ConfigViewTextRenderer.interfacesTerse(r, out);
      case ScreenStatisticsReply r -> ScreenTextRenderer.statistics(r, out);
      case ScreenIdsOptionReply r -> ScreenTextRenderer.idsOption(r, out);
      case ScreenClearReply r -> ScreenTextRenderer.cleared(r, out);
      case org.flowgate.mgmt.reply.OperatorReply r -> OperatorTextRenderer.render(r, out);
      case org.flowgate.mgmt.reply.AlgReply r -> AlgTextRenderer.render(r, out);
      case org.flowgate.mgmt.reply.AppServicesReply r -> AppServicesTextRenderer.render(r, out);
    }
    return out.toString();
  }

  // ---- show security flow statistics ------------------------------------------------------------

  /**
   * The vSRX 24.4 / SRX4700 layout (samples {@code show-flow-statistics-*}), every line indented
   * four spaces; then the drops per reason. The high-end layout prints a block per SPU and a
   * summary, as the real per-SPU XML is laid out.
   */
  private static void statistics(FlowStatisticsReply reply, StringBuilder out) {
    if (!reply.perSpu()) {
      counters(reply.total(), "Current sessions", out);
      return;
    }
    for (FlowStatisticsReply.Counters spu : reply.spus()) {
      out.append("  Flow Statistics of ").append(SpuNames.name(spu.spu())).append(":\n");
      counters(spu, "Current sessions", out);
    }
    out.append("  Flow Statistics Summary:\n");
    counters(reply.total(), "System total valid sessions", out);
  }

  private static void counters(FlowStatisticsReply.Counters c, String sessions, StringBuilder out) {
    line(out, sessions, c.currentSessions());
    line(out, "Packets received", c.packetsReceived());
    line(out, "Packets transmitted", c.packetsTransmitted());
    line(out, "Packets forwarded/queued", c.packetsForwardedQueued());
    line(out, "Packets copied", c.packetsCopied());
    line(out, "Packets dropped", c.packetsDropped());
    line(out, "Services-offload packets processed", c.servicesOffloadPackets());
    line(out, "Fragment packets", c.fragmentPackets());
    line(out, "Pre fragments generated", c.preFragmentsGenerated());
    line(out, "Post fragments generated", c.postFragmentsGenerated());
    out.append("    Packets dropped due to:\n");
    for (FlowStatistics.DropCounter drop : c.drops()) {
      out.append("      ").append(drop.reason()).append(": ").append(drop.packets()).append('\n');
    }
  }

  private static void line(StringBuilder out, String label, long value) {
    out.append("    ").append(label).append(": ").append(value).append('\n');
  }

  // ---- show security alg status

  /** {@code ALG Status :}, then each ALG's name padded to nine columns and its state. */
  private static void algStatus(AlgStatusReply r, StringBuilder out) {
    out.append("ALG Status :\n");
    for (AlgStatusReply.Entry e : r.algs()) {
      out.append("  ").append(e.name());
      for (int i = e.name().length(); i < 9; i++) {
        out.append(' ');
      }
      out.append(": ").append(e.enabled() ? "Enabled" : "Disabled").append('\n');
    }
  }

  // ---- show security flow status
  // ------------------------------------------------------------------

  /** The field order of the Junos output-field table and of the real {@code flow-status-all}. */
  private static void status(FlowStatusReply r, StringBuilder out) {
    out.append("  Flow forwarding mode:\n")
        .append("    Inet forwarding mode: ")
        .append(r.inetMode())
        .append('\n')
        .append("    Inet6 forwarding mode: ")
        .append(r.inet6Mode())
        .append('\n')
        .append("    MPLS forwarding mode: ")
        .append(r.mplsMode())
        .append('\n')
        .append("    ISO forwarding mode: ")
        .append(r.isoMode())
        .append('\n')
        .append("  Flow trace status\n")
        .append("    Flow tracing status: ")
        .append(r.tracingStatus())
        .append('\n')
        .append("  Flow session distribution\n")
        .append("    Distribution mode: ")
        .append(r.distributionMode())
        .append('\n')
        .append("    GTP-U distribution: ")
        .append(r.gtpuDistribution())
        .append('\n')
        .append("  Flow ipsec performance acceleration: ")
        .append(r.ipsecPerformanceAcceleration())
        .append('\n')
        .append("  Flow packet ordering\n")
        .append("    Ordering mode: ")
        .append(r.orderingMode())
        .append('\n');
  }

  // ---- show security monitoring
  // --------------------------------------------------------------------

  /** The SRX4700 layout (sample {@code show-security-monitoring-srx4700-1.txt}). */
  private static void monitoring(MonitoringReply reply, StringBuilder out) {
    out.append(" ".repeat(15))
        .append('\n')
        .append("                  Flow session   Flow session     CP session     CP session \n")
        .append("FPC PIC CPU Mem        current        maximum        current        maximum\n");
    for (MonitoringReply.Row row : reply.rows()) {
      out.append(
          String.format(
              Locale.ROOT,
              "%3d %3d %3d %3d %14d %14d %14d %14d%n",
              row.fpc(),
              row.pic(),
              row.cpuPercent(),
              row.memoryPercent(),
              row.flowSessions(),
              row.flowSessionsMaximum(),
              row.cpSessions(),
              row.cpSessionsMaximum()));
    }
  }

  // ---- show version, show system uptime, show chassis hardware ------------------------------

  /** The first lines of a vSRX's {@code show version}; Flowgate has no packages to list. */
  private static void version(VersionReply r, StringBuilder out) {
    out.append("Hostname: ").append(r.hostName()).append('\n');
    out.append("Model: ").append(r.model()).append('\n');
    out.append("Junos: ").append(r.junosVersion()).append('\n');
  }

  private static void uptime(UptimeReply r, StringBuilder out) {
    Duration up = Duration.between(r.booted(), r.now());
    out.append("Current time: ").append(DATE_TIME.format(r.now())).append('\n');
    out.append("Time Source:  LOCAL CLOCK \n");
    out.append("System booted: ")
        .append(DATE_TIME.format(r.booted()))
        .append(" (")
        .append(ago(up))
        .append(" ago)\n");
    out.append("Protocols started: ")
        .append(DATE_TIME.format(r.booted()))
        .append(" (")
        .append(ago(up))
        .append(" ago)\n");
    out.append(CLOCK.format(r.now()))
        .append("  up ")
        .append(upTime(up))
        .append(", ")
        .append(r.users())
        .append(r.users() == 1 ? " user" : " users")
        .append(", load averages: ")
        .append(loadAverage(r.loadAverageOneMinute()))
        .append(", ")
        .append(Placeholders.LOAD_AVERAGE_UNKNOWN)
        .append(", ")
        .append(Placeholders.LOAD_AVERAGE_UNKNOWN)
        .append('\n');
  }

  /** {@code 2w3d 04:05:06} as Junos writes how long ago something was. */
  static String ago(Duration d) {
    long seconds = Math.max(0, d.toSeconds());
    long days = seconds / 86_400;
    String clock =
        String.format(
            Locale.ROOT, "%02d:%02d:%02d", seconds / 3600 % 24, seconds / 60 % 60, seconds % 60);
    if (days == 0) {
      return clock;
    }
    return (days >= 7 ? days / 7 + "w" : "") + (days % 7 != 0 ? days % 7 + "d " : " ") + clock;
  }

  /** {@code 10 mins}, {@code 3:04}, {@code 2 days, 3:04} as the uptime line writes it. */
  static String upTime(Duration d) {
    long minutes = Math.max(0, d.toMinutes());
    long days = minutes / 1440;
    long hours = minutes / 60 % 24;
    String clock =
        hours == 0 ? (minutes % 60) + " mins" : hours + ":" + String.format("%02d", minutes % 60);
    return days == 0 ? clock : days + (days == 1 ? " day, " : " days, ") + clock;
  }

  static String loadAverage(double value) {
    return value < 0
        ? Placeholders.LOAD_AVERAGE_UNKNOWN
        : String.format(Locale.ROOT, "%.2f", value);
  }

  private static void chassis(ChassisHardwareReply r, StringBuilder out) {
    out.append("Hardware inventory:\n");
    out.append("Item             Version  Part number  Serial number     Description\n");
    out.append(
        String.format(
            Locale.ROOT,
            "%-17s%-9s%-13s%-18s%s%n",
            "Chassis",
            "",
            "",
            r.serialNumber(),
            r.description()));
    for (ChassisHardwareReply.Module fpc : r.modules()) {
      out.append(
          String.format(
              Locale.ROOT, "%-17s%-9s%-13s%-18s%s%n", fpc.name(), "", "", "", fpc.description()));
      for (ChassisHardwareReply.Module pic : fpc.subModules()) {
        out.append(
            String.format(
                Locale.ROOT,
                "  %-15s%-9s%-13s%-18s%s%n",
                pic.name(),
                "",
                "",
                "",
                pic.description()));
      }
    }
  }
}
