package org.flowgate.mgmt.reply;

import java.util.List;

/**
 * {@code show security alg sip calls [brief | detail]}: the calls the SIP ALG follows, SPU by SPU
 * (docs/adr/0032-sip-alg.md). Brief shows each call's Call-ID and method, detail adds its state and
 * resource-manager group; the XML carries all four (Juniper's 24.4R1 YANG {@code
 * alg-sip-call-information}).
 *
 * <pre>
 * Total number of calls: 1
 *   Call ID  : 47090a32@30.2.20.5
 *   Method   : INVITE
 *   State    : SETUP          (detail)
 *   Group ID : 24575          (detail)
 * </pre>
 *
 * @param calls the calls
 * @param detail the detail form
 */
public record SipCallsReply(List<Call> calls, boolean detail) implements ViewReply {

  public SipCallsReply {
    calls = List.copyOf(calls);
  }

  /**
   * One call.
   *
   * @param callId its Call-ID as the messages carry it
   * @param method the method of its current transaction
   * @param state SETUP, PROCEEDING, ESTABLISHED or TEARDOWN
   * @param groupId its resource-manager group (its media gates and sessions)
   */
  public record Call(String callId, String method, String state, long groupId) {}

  /** From the engine's calls. */
  public static SipCallsReply of(
      List<org.flowgate.dataplane.control.SipCall> calls, boolean detail) {
    return new SipCallsReply(
        calls.stream().map(c -> new Call(c.callId(), c.method(), c.state(), c.groupId())).toList(),
        detail);
  }
}
