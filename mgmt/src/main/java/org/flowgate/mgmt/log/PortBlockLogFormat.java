package org.flowgate.mgmt.log;

import static org.flowgate.dataplane.log.SessionLogEvent.CLIENT_PACKETS;
import static org.flowgate.dataplane.log.SessionLogEvent.HEADER;
import static org.flowgate.dataplane.log.SessionLogEvent.NAT_SOURCE_HI;
import static org.flowgate.dataplane.log.SessionLogEvent.NAT_SOURCE_LO;
import static org.flowgate.dataplane.log.SessionLogEvent.POLICY;
import static org.flowgate.dataplane.log.SessionLogEvent.PORTS;
import static org.flowgate.dataplane.log.SessionLogEvent.SERVER_PACKETS;
import static org.flowgate.dataplane.log.SessionLogEvent.SOURCE_HI;
import static org.flowgate.dataplane.log.SessionLogEvent.SOURCE_LO;
import static org.flowgate.dataplane.log.SessionLogEvent.TIME;

import org.flowgate.dataplane.log.SessionLogEvent;
import org.flowgate.dataplane.net.IpAddress;
import org.flowgate.dataplane.runtime.RuntimeConfig;

/**
 * The RT_NAT messages of port block allocation ({@link SessionLogEvent#PORT_BLOCK}), standard and
 * structured (docs/adr/0038). Field names and order of the structured form are those of an SRX's
 * RT_SRC_NAT_PBA_ALLOC / _RELEASE lines as a public NAT-log collector quotes them; the standard
 * text is the one Junos's collectors parse ({@code Subscriber ... used/maximum [u/m] blocks,
 * allocates port block [low-high] from A in source pool P}).
 *
 * <pre>
 * standard   RT_NAT: RT_SRC_NAT_PBA_ALLOC: Subscriber 10.0.0.5 used/maximum [1/8] blocks,
 *            allocates port block [1024-1151] from 198.18.0.1 in source pool pba lsys_id: 0
 *            (RELEASE: "releases port block")
 * structured RT_NAT - RT_SRC_NAT_PBA_ALLOC [junos@2636.1.1.1.2.N internal-ip="10.0.0.5"
 *            block-used="1" block-max-per-host="8" block-port-low="1024" block-port-high="1151"
 *            reflexive-ip="198.18.0.1" nat-pool-name="pba" logical-system-id="0"
 *            epoch-time-64="6553f100"]
 * </pre>
 *
 * <p>Thread: stateless.
 */
final class PortBlockLogFormat {
  private PortBlockLogFormat() {}

  static void standard(StringBuilder out, long[] e, RuntimeConfig config) {
    SessionLogFormatter.bsdTimestamp(out, e[TIME]);
    out.append(' ').append(config.hostName()).append(" RT_NAT: ").append(tag(e)).append(": ");
    out.append("Subscriber ");
    IpAddress.appendTo(out, e[SOURCE_HI], e[SOURCE_LO]);
    out.append(" used/maximum [")
        .append(e[CLIENT_PACKETS])
        .append('/')
        .append(e[SERVER_PACKETS])
        .append("] blocks, ")
        .append(released(e) ? "releases" : "allocates")
        .append(" port block [")
        .append(SessionLogEvent.sourcePort(e[PORTS]))
        .append('-')
        .append(SessionLogEvent.destinationPort(e[PORTS]))
        .append("] from ");
    IpAddress.appendTo(out, e[NAT_SOURCE_HI], e[NAT_SOURCE_LO]);
    out.append(" in source pool ").append(poolName(e, config)).append(" lsys_id: 0");
  }

  static void structured(StringBuilder out, long[] e, RuntimeConfig config, String sdId) {
    out.append("1 ");
    SessionLogFormatter.isoTimestamp(out, e[TIME]);
    out.append(' ').append(config.hostName()).append(" RT_NAT - ").append(tag(e)).append(" [");
    out.append(sdId);
    out.append(" internal-ip=\"");
    IpAddress.appendTo(out, e[SOURCE_HI], e[SOURCE_LO]);
    out.append("\" block-used=\"").append(e[CLIENT_PACKETS]);
    out.append("\" block-max-per-host=\"").append(e[SERVER_PACKETS]);
    out.append("\" block-port-low=\"").append(SessionLogEvent.sourcePort(e[PORTS]));
    out.append("\" block-port-high=\"").append(SessionLogEvent.destinationPort(e[PORTS]));
    out.append("\" reflexive-ip=\"");
    IpAddress.appendTo(out, e[NAT_SOURCE_HI], e[NAT_SOURCE_LO]);
    out.append("\" nat-pool-name=\"");
    SessionLogFormatter.escapeParamValue(out, poolName(e, config));
    out.append("\" logical-system-id=\"0\" epoch-time-64=\"")
        .append(Long.toHexString(Math.floorDiv(e[TIME], 1_000_000_000L)))
        .append("\"]");
  }

  private static boolean released(long[] e) {
    return (SessionLogEvent.flags(e[HEADER]) & SessionLogEvent.FLAG_RELEASED) != 0;
  }

  private static String tag(long[] e) {
    return released(e) ? "RT_SRC_NAT_PBA_RELEASE" : "RT_SRC_NAT_PBA_ALLOC";
  }

  private static String poolName(long[] e, RuntimeConfig config) {
    int pool = SessionLogEvent.policyIndex(e[POLICY]);
    if (pool < 0 || pool >= config.nat().sourcePools().size()) {
      throw new MalformedEvent.Exception(MalformedEvent.UNREADABLE, "no source pool " + pool);
    }
    return config.nat().sourcePools().get(pool).name();
  }
}
