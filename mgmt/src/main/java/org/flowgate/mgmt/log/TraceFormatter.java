package org.flowgate.mgmt.log;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.flowgate.dataplane.log.TraceEvent;
import org.flowgate.dataplane.nat.NatBinding;
import org.flowgate.dataplane.nat.NatConfig;
import org.flowgate.dataplane.nat.SourceNatRule;
import org.flowgate.dataplane.net.IpAddress;
import org.flowgate.dataplane.net.IpProtocol;
import org.flowgate.dataplane.packet.DropReason;
import org.flowgate.dataplane.runtime.RuntimeConfig;
import org.flowgate.dataplane.runtime.TraceOptions;

/**
 * The Junos flow trace lines of one traced packet ({@link TraceEvent}), as {@code security flow
 * traceoptions flag basic-datapath} writes them (docs/adr/0025-nat-and-operator-views.md).
 *
 * <pre>
 * MMM dd HH:mm:ss HH:mm:ss.uuuuuu:CID-0:RT:TEXT        the packet's own time, UTC
 *
 * every packet   &lt;src/sp-&gt;dst/dp;proto&gt; matched filter F:
 *                packet [LEN] ipid = ID, @0xFRAME
 *                ---- flow_process_pkt: (thd T): ... rtbl_idx = VR     (T: the SPU where the
 *                                                     platform shows SPUs, else 0)
 *                 flow process pak fast ifl IFL in_ifp IF
 *                  IF:src/sp-&gt;dst/dp, proto, flag F syn       (ICMP: (type/code))
 *                 find flow: table 0xT, hash H(0xffff), sa, da, sp, dp, proto, tok ZONE-ID
 * fast path       flow got session. / flow session id N
 * first path      no session found, start first path ... flow_first_create_session
 *                 flow_first_in_dst_nat ... DST xlate | DST no-xlate
 *                 flow_first_routing ... routed (x_dst_ip X) from ZONE (IF in 0) to OUT
 *                 flow_first_policy_search ... Policy lkup ... permitted by | denied by
 *                 flow_first_src_xlate ... dip id ...
 *                 flow_first_final_check ... flow_first_install_session ... session id
 * end            packet dropped, REASON  |  post addr xlation: SRC-&gt;DST.
 *                 ----- flow_process_pkt rc 0x0 (fp rc 0)   (rc 0x7, fp rc -1 when dropped)
 * </pre>
 *
 * The lines up to {@code Policy lkup} follow a real SRX trace (a public capture of a 2018 SRX, with
 * destination NAT); the later ones are in its words, Flowgate's where no public trace shows them.
 * Memory addresses a device prints are the frame's offset in its capture here.
 *
 * <p>Thread: one writer thread.
 */
public final class TraceFormatter {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss HH:mm:ss.SSSSSS", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private final StringBuilder line = new StringBuilder(256);

  /** The lines of one traced packet, each without its newline. */
  public void format(long[] e, RuntimeConfig config, List<String> out) {
    String stamp = STAMP.format(Instant.ofEpochSecond(0, e[TraceEvent.TIME])) + ":CID-0:RT:";
    int protocol = TraceEvent.protocol(e);
    String src = address(e[TraceEvent.SOURCE_HI], e[TraceEvent.SOURCE_LO]);
    String dst = address(e[TraceEvent.DESTINATION_HI], e[TraceEvent.DESTINATION_LO]);
    int sp = TraceEvent.sourcePort(e);
    int dp = TraceEvent.destinationPort(e);
    String xsrc = address(e[TraceEvent.LEAVING_SOURCE_HI], e[TraceEvent.LEAVING_SOURCE_LO]);
    String xdst =
        address(e[TraceEvent.LEAVING_DESTINATION_HI], e[TraceEvent.LEAVING_DESTINATION_LO]);
    int xsp = TraceEvent.leavingSourcePort(e);
    int xdp = TraceEvent.leavingDestinationPort(e);
    String in = interfaceName(config, TraceEvent.ingress(e));
    TraceOptions trace = config.settings().trace();
    int filter = TraceEvent.filter(e);
    String filterName = filter < trace.filters().size() ? trace.filters().get(filter).name() : "";
    DropReason verdict = TraceEvent.verdict(e);
    int routingInstance = TraceEvent.routingInstance(e);

    if (!trace.filters().isEmpty()) { // without a packet filter every packet is traced, unnamed
      add(
          out,
          stamp,
          "<"
              + src
              + "/"
              + sp
              + "->"
              + dst
              + "/"
              + dp
              + ";"
              + protocol
              + "> matched filter "
              + filterName
              + ":");
    }
    add(
        out,
        stamp,
        "packet ["
            + TraceEvent.ipLength(e)
            + "] ipid = "
            + TraceEvent.ipId(e)
            + ", @0x"
            + Long.toHexString(e[TraceEvent.FRAME]));
    add(
        out,
        stamp,
        "---- flow_process_pkt: (thd "
            + TraceEvent.thread(e)
            + "): flow_ctxt type 15, common flag 0x0, mbuf 0x"
            + Long.toHexString(e[TraceEvent.FRAME])
            + ", rtbl_idx = "
            + routingInstance);
    add(
        out,
        stamp,
        " flow process pak fast ifl "
            + org.flowgate.mgmt.reply.Placeholders.logicalInterfaceIndex(
                Math.max(0, TraceEvent.ingress(e)))
            + " in_ifp "
            + in);
    add(
        out,
        stamp,
        "  " + in + ":" + src + "/" + sp + "->" + dst + "/" + dp + ", " + packetWords(e, protocol));
    int fromZone = TraceEvent.fromZone(e);
    add(
        out,
        stamp,
        " find flow: table 0x"
            + Integer.toHexString(TraceEvent.thread(e))
            + ", hash "
            + (TraceEvent.keyHash(e) & 0xffff)
            + "(0xffff), sa "
            + src
            + ", da "
            + dst
            + ", sp "
            + sp
            + ", dp "
            + dp
            + ", proto "
            + protocol
            + ", tok "
            + (fromZone >= 0 && fromZone < config.zones().size()
                ? config.zones().get(fromZone).id()
                : 0));
    if (!TraceEvent.firstPath(e)) {
      add(out, stamp, "  flow got session.");
      add(out, stamp, "  flow session id " + e[TraceEvent.SESSION]);
      finish(out, stamp, verdict, xsrc, xdst, !xsrc.equals(src) || !xdst.equals(dst));
      return;
    }
    add(out, stamp, "  no session found, start first path. in_tunnel - 0x0, from_cp_flag - 0");
    if (verdict == DropReason.TCP_NO_SYN || verdict == DropReason.DNS_REPLY_WITHOUT_REQUEST) {
      finish(out, stamp, verdict, xsrc, xdst, false);
      return;
    }
    add(out, stamp, "  flow_first_create_session");
    add(
        out,
        stamp,
        "  flow_first_in_dst_nat: in <"
            + in
            + ">, out <N/A> dst_adr "
            + dst
            + ", sp "
            + sp
            + ", dp "
            + dp);
    add(out, stamp, "  chose interface " + in + " as incoming nat if.");
    int binding = TraceEvent.natBinding(e);
    int destinationKind = NatBinding.destinationKind(binding);
    if (destinationKind != NatBinding.DESTINATION_NONE) {
      add(
          out,
          stamp,
          "flow_first_rule_dst_xlate: DST xlate: "
              + dst
              + "("
              + dp
              + ") to "
              + xdst
              + "("
              + xdp
              + "), rule/pool id "
              + (NatBinding.destinationRule(binding) + 1)
              + "/"
              + destinationPoolId(config, binding)
              + ".");
    } else {
      add(
          out,
          stamp,
          "flow_first_rule_dst_xlate: DST no-xlate: 0.0.0.0(0) to " + dst + "(" + dp + ")");
    }
    add(
        out,
        stamp,
        "flow_first_routing: vr_id "
            + routingInstance
            + ", call flow_route_lookup(): src_ip "
            + src
            + ", x_dst_ip "
            + xdst
            + ", in ifp "
            + in
            + ", out ifp N/A sp "
            + sp
            + ", dp "
            + xdp
            + ", ip_proto "
            + protocol
            + ", tos 0");
    add(out, stamp, "Doing DESTINATION addr route-lookup");
    if (verdict == DropReason.NO_ROUTE || verdict == DropReason.ROUTE_DISCARD) {
      finish(out, stamp, verdict, xsrc, xdst, false);
      return;
    }
    boolean toSelf = TraceEvent.toSelf(e);
    String out2 =
        toSelf ? RuntimeConfig.LOCAL_INTERFACE : interfaceName(config, TraceEvent.egress(e));
    add(
        out,
        stamp,
        "  routed (x_dst_ip "
            + xdst
            + ") from "
            + zoneName(config, fromZone)
            + " ("
            + in
            + " in 0) to "
            + out2
            + ", Next-hop: "
            + xdst);
    if (verdict == DropReason.HOST_INBOUND_DENIED) {
      finish(out, stamp, verdict, xsrc, xdst, false);
      return;
    }
    int toZone = TraceEvent.toZone(e);
    add(
        out,
        stamp,
        "flow_first_policy_search: policy search from zone "
            + zoneName(config, fromZone)
            + "-> zone "
            + (toSelf ? "junos-host" : zoneName(config, toZone))
            + " (0x"
            + Integer.toHexString(protocol)
            + ",0x"
            + Long.toHexString((long) sp << 16 | xdp)
            + ",0x"
            + Integer.toHexString(xdp)
            + ")");
    add(
        out,
        stamp,
        "Policy lkup: vsys 0 zone("
            + zoneId(config, fromZone)
            + ":"
            + zoneName(config, fromZone)
            + ") -> zone("
            + (toSelf ? 2 : zoneId(config, toZone))
            + ":"
            + (toSelf ? "junos-host" : zoneName(config, toZone))
            + ") scope:0");
    add(
        out,
        stamp,
        "             " + src + "/" + sp + " -> " + xdst + "/" + xdp + " proto " + protocol);
    int policy = TraceEvent.policy(e);
    String policyText =
        policy >= 0 && policy < config.policies().size()
            ? config.policies().get(policy).name() + "(" + config.policies().get(policy).id() + ")"
            : "N/A";
    if (verdict == DropReason.POLICY_DENY || verdict == DropReason.POLICY_REJECT) {
      add(out, stamp, "  denied by policy " + policyText + ", dropping pkt");
      finish(out, stamp, verdict, xsrc, xdst, false);
      return;
    }
    add(out, stamp, "  permitted by policy " + policyText);
    add(out, stamp, "  packet passed, Permitted by policy.");
    boolean sourceTranslated =
        NatBinding.sourceKind(binding) != NatBinding.SOURCE_NONE
            && NatBinding.sourceKind(binding) != 7;
    boolean failed = verdict == DropReason.NAT_POOL_EXHAUSTED;
    add(
        out,
        stamp,
        "flow_first_src_xlate:  nat_src_xlated: "
            + (sourceTranslated ? "True" : "False")
            + ", nat_src_xlate_failed: "
            + (failed ? "True" : "False"));
    if (sourceTranslated) {
      int rule = NatBinding.sourceRule(binding);
      boolean persistent = persistent(config, binding);
      String pool = sourcePoolId(config, binding);
      add(
          out,
          stamp,
          "flow_first_src_xlate: src nat returns status: 1, rule/pool id: "
              + (rule + 1)
              + "/"
              + pool
              + ", pst_nat: "
              + (persistent ? "True" : "False")
              + ".");
      add(
          out,
          stamp,
          "  dip id = " + pool + "/0, " + src + "/" + sp + "->" + xsrc + "/" + xsp + " protocol 0");
    }
    if (failed) {
      finish(out, stamp, verdict, xsrc, xdst, false);
      return;
    }
    add(out, stamp, "  choose interface " + out2 + " as outgoing phy if");
    add(out, stamp, "  flow_first_final_check: in <" + in + ">, out <" + out2 + ">");
    if (verdict != null) {
      finish(out, stamp, verdict, xsrc, xdst, false);
      return;
    }
    add(out, stamp, "  flow_first_install_session======> ");
    add(out, stamp, "  flow session id " + e[TraceEvent.SESSION]);
    finish(out, stamp, null, xsrc, xdst, !xsrc.equals(src) || !xdst.equals(dst));
  }

  /** The verdict's lines and the end of the packet's processing. */
  private void finish(
      List<String> out,
      String stamp,
      DropReason verdict,
      String xsrc,
      String xdst,
      boolean translated) {
    if (verdict != null) {
      add(out, stamp, "  packet dropped, " + verdict.description());
      add(out, stamp, " ----- flow_process_pkt rc 0x7 (fp rc -1)");
      return;
    }
    if (translated) {
      add(out, stamp, "  post addr xlation: " + xsrc + "->" + xdst + ".");
    }
    add(out, stamp, " ----- flow_process_pkt rc 0x0 (fp rc 0)");
  }

  private void add(List<String> out, String stamp, String text) {
    line.setLength(0);
    out.add(line.append(stamp).append(text).toString());
  }

  /** {@code tcp, flag 2 syn}, {@code udp}, {@code icmp, (8/0)}. */
  private static String packetWords(long[] e, int protocol) {
    return switch (protocol) {
      case IpProtocol.TCP -> {
        int flags = TraceEvent.tcpFlags(e);
        StringBuilder words = new StringBuilder("tcp, flag ").append(Integer.toHexString(flags));
        if ((flags & 0x02) != 0) {
          words.append(" syn");
        }
        if ((flags & 0x01) != 0) {
          words.append(" fin");
        }
        if ((flags & 0x04) != 0) {
          words.append(" rst");
        }
        yield words.toString();
      }
      case IpProtocol.UDP -> "udp";
      case IpProtocol.ICMP, IpProtocol.ICMPV6 ->
          (protocol == IpProtocol.ICMP ? "icmp" : "icmp6")
              + ", ("
              + TraceEvent.icmpType(e)
              + "/"
              + TraceEvent.icmpCode(e)
              + ")";
      default -> String.valueOf(protocol);
    };
  }

  private static String address(long hi, long lo) {
    return new IpAddress(hi, lo).toString();
  }

  private static String interfaceName(RuntimeConfig config, int index) {
    return index >= 0 && index < config.interfaces().size()
        ? config.interfaceAt(index).name()
        : RuntimeConfig.LOCAL_INTERFACE;
  }

  private static String zoneName(RuntimeConfig config, int zone) {
    return zone >= 0 && zone < config.zones().size() ? config.zones().get(zone).name() : "N/A";
  }

  private static int zoneId(RuntimeConfig config, int zone) {
    return zone >= 0 && zone < config.zones().size() ? config.zones().get(zone).id() : 0;
  }

  private static boolean persistent(RuntimeConfig config, int binding) {
    int rule = NatBinding.sourceRule(binding);
    NatConfig nat = config.nat();
    return NatBinding.sourceKind(binding) != NatBinding.SOURCE_STATIC
        && rule >= 0
        && rule < nat.sourceRules().size()
        && nat.sourceRules().get(rule).persistentNat() != null;
  }

  /** The pool id of a source translation ({@code Pool id}; 0 for the interface's address). */
  private static String sourcePoolId(RuntimeConfig config, int binding) {
    NatConfig nat = config.nat();
    int rule = NatBinding.sourceRule(binding);
    if (!NatBinding.sourcePool(binding) || rule < 0 || rule >= nat.sourceRules().size()) {
      return "0";
    }
    SourceNatRule matched = nat.sourceRules().get(rule);
    int pool =
        NatBinding.sourceKind(binding) == NatBinding.SOURCE_OVERFLOW_POOL
            ? nat.sourcePools().get(matched.pool()).overflowPool()
            : matched.pool();
    return Integer.toString(nat.sourcePools().get(pool).id());
  }

  private static String destinationPoolId(RuntimeConfig config, int binding) {
    NatConfig nat = config.nat();
    int rule = NatBinding.destinationRule(binding);
    if (NatBinding.destinationKind(binding) == NatBinding.DESTINATION_POOL
        && rule >= 0
        && rule < nat.destinationRules().size()) {
      int pool = nat.destinationRules().get(rule).pool();
      return pool >= 0 ? Integer.toString(nat.destinationPools().get(pool).id()) : "0";
    }
    return "0";
  }
}
