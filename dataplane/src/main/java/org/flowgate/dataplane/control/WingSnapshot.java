package org.flowgate.dataplane.control;

import org.flowgate.dataplane.net.IpAddress;

/**
 * One wing of a session as operators see it ({@code In:} for the forward wing, {@code Out:} for the
 * reverse wing), copied out of an SPU's session table. Every value is computed by the engine.
 *
 * @param direction {@code In} or {@code Out}
 * @param protocol IP protocol number
 * @param connTag connection tag (GTP-U TEID or SCTP vTag), 0 when not used
 * @param interfaceName the firewall interface of this wing, {@code .local..0} for the device itself
 * @param sessionToken internal token derived from the routing instance and zone of this wing
 * @param flag internal wing flags; bit 0 marks the initiator (In) wing as on an SRX
 * @param route internal next-hop id of the route the wing uses
 * @param gateway next-hop gateway, or the destination itself when it is directly connected
 * @param tunnelId tunnel id, 0 when the wing is not in a tunnel
 * @param portSequence internal port sequence (0 unless a port-translating feature sets it)
 * @param finSequence TCP sequence number of this wing's FIN, 0 before it is seen
 * @param finState TCP FIN state of this wing: 0 none, 1 FIN sent, 2 FIN acknowledged
 * @param packets packets received on this wing
 * @param bytes IP bytes (header and payload) received on this wing
 * @param cpSessionId central-point session id of this wing
 */
public record WingSnapshot(
    String direction,
    IpAddress sourceAddress,
    int sourcePort,
    IpAddress destinationAddress,
    int destinationPort,
    int protocol,
    long connTag,
    String interfaceName,
    int sessionToken,
    long flag,
    long route,
    IpAddress gateway,
    long tunnelId,
    long portSequence,
    long finSequence,
    int finState,
    long packets,
    long bytes,
    long cpSessionId) {
  /** {@code Conn Tag}: Flowgate keeps no connection tags yet (GTP-U TEID, SCTP vTag), ADR 0004. */
  public static final long CONN_TAG_NONE = 0;

  /** {@code Tunnel info}: no session is carried in a tunnel yet (IPsec, GRE), ADR 0004. */
  public static final long TUNNEL_NONE = 0;

  /** {@code Port sequence}: no port-translating ALG sets it yet, ADR 0004. */
  public static final long PORT_SEQUENCE_NONE = 0;
}
