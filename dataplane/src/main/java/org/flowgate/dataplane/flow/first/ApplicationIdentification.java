package org.flowgate.dataplane.flow.first;

import org.flowgate.dataplane.flow.FirstPacket;
import org.flowgate.dataplane.flow.SessionApplications;
import org.flowgate.dataplane.packet.DropReason;

/**
 * Application identification on the first path (docs/adr/0014): after policy and NAT permitted the
 * packet, just before the session is installed, identification begins. What needs no payload is
 * decided here: the IP protocol (ICMP, ESP, GRE ...), a custom application's {@code
 * address-mapping}, or the application system cache naming the server; any other TCP or UDP session
 * takes an inspection handle and shows {@code Pending} until its payload decides. The install
 * records the result (or the handle) for the slot and inspects the first packet; a full table gives
 * the handle back. Never drops.
 *
 * <p>Thread: owned by its SPU's thread. Allocates nothing.
 */
final class ApplicationIdentification implements FirstPathStage {
  private final SessionApplications applications;

  ApplicationIdentification(SessionApplications applications) {
    this.applications = applications;
  }

  @Override
  public DropReason apply(FirstPacket first) {
    applications.begin(first);
    return null;
  }
}
