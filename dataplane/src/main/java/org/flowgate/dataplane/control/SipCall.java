package org.flowgate.dataplane.control;

/**
 * One SIP call an SPU's ALG follows, for {@code show security alg sip calls}
 * (docs/adr/0032-sip-alg.md).
 *
 * @param spu the SPU that holds it
 * @param callId its Call-ID
 * @param method the method of its current transaction
 * @param state SETUP, PROCEEDING, ESTABLISHED or TEARDOWN
 * @param groupId its resource-manager group
 * @param fromTag the caller's tag
 * @param toTag the callee's tag, empty until an answer carried one
 */
public record SipCall(
    int spu,
    String callId,
    String method,
    String state,
    long groupId,
    String fromTag,
    String toTag) {
  static SipCall of(org.flowgate.dataplane.flow.alg.AlgEngine.SipCallSnapshot c) {
    return new SipCall(
        c.spu(),
        c.callId(),
        c.method(),
        c.state(),
        c.groupId() & 0xffff_ffffL,
        c.fromTag(),
        c.toTag());
  }
}
