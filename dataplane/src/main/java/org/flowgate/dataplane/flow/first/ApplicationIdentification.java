package org.flowgate.dataplane.flow.first;

import org.flowgate.dataplane.flow.FirstPacket;
import org.flowgate.dataplane.flow.SessionApplications;
import org.flowgate.dataplane.flow.nat.NatTranslator;
import org.flowgate.dataplane.packet.DropReason;

/**
 * Application identification on the first path (docs/adr/0014): after policy and NAT permitted the
 * packet, just before the session is installed, identification begins. What needs no payload is
 * decided here: the IP protocol (ICMP, ESP, GRE ...), a custom application's {@code
 * address-mapping}, or the application system cache naming the server; any other TCP or UDP session
 * takes an inspection handle and shows {@code Pending} until its payload decides. The install
 * records the result (or the handle) for the slot and inspects the first packet; a full table gives
 * the handle back. Drops only for unified policies (ADR 0033): when the policy was left pending and
 * identification decided here, the final policy is matched at once, and may deny or reject.
 *
 * <p>Thread: owned by its SPU's thread. Allocates nothing.
 */
final class ApplicationIdentification implements FirstPathStage {
  private final SessionApplications applications;
  private final PolicyLookup policy;
  private final NatTranslator nat;

  ApplicationIdentification(
      SessionApplications applications, PolicyLookup policy, NatTranslator nat) {
    this.applications = applications;
    this.policy = policy;
    this.nat = nat;
  }

  @Override
  public DropReason apply(FirstPacket first) {
    applications.begin(first);
    if (!first.policyPending) {
      return null;
    }
    DropReason verdict =
        policy.finalMatch(
            first, applications.begunApplication(), applications.begunNestedApplication());
    if (verdict != null) {
      nat.abandon(first);
      applications.abandon();
    }
    return verdict;
  }
}
