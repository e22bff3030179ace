package org.flowgate.mgmt.reply;

import java.util.List;

/**
 * {@code show security alg sip counters}: per request method, the requests sent and the responses
 * to them by class (T: first transmissions, RT: retransmissions), then the error counters
 * (docs/adr/0032-sip-alg.md; element names from Juniper's 24.4R1 YANG {@code
 * alg-sip-counter-information}).
 *
 * @param methods one row per method, in Junos's order
 * @param errors the error counters, in the text's order
 */
public record SipCountersReply(List<Method> methods, List<Error> errors) implements ViewReply {

  public SipCountersReply {
    methods = List.copyOf(methods);
    errors = List.copyOf(errors);
  }

  /**
   * One method's row.
   *
   * @param name INVITE, CANCEL ... OTHER
   * @param sent column 0 the requests, 1..6 the responses 1xx..6xx
   * @param resent the same, retransmitted
   */
  public record Method(String name, List<Long> sent, List<Long> resent) {
    public Method {
      sent = List.copyOf(sent);
      resent = List.copyOf(resent);
    }
  }

  /**
   * One error counter.
   *
   * @param label the text's label
   * @param element the XML element
   * @param value its count
   */
  public record Error(String label, String element, long value) {}

  /** From the engine's counters, summed over the SPUs. */
  public static SipCountersReply of(org.flowgate.dataplane.flow.alg.SipCounters c) {
    List<Method> rows = new java.util.ArrayList<>();
    List<String> names = org.flowgate.dataplane.flow.alg.SipCounters.METHODS;
    for (int m = 0; m < names.size(); m++) {
      List<Long> sent = new java.util.ArrayList<>();
      List<Long> resent = new java.util.ArrayList<>();
      for (int col = 0; col < org.flowgate.dataplane.flow.alg.SipCounters.COLUMNS; col++) {
        sent.add(c.sent(m, col));
        resent.add(c.resent(m, col));
      }
      rows.add(new Method(names.get(m), sent, resent));
    }
    List<Error> errors =
        List.of(
            new Error("Total Pkt-in", "alg-sip-counters-total-packet-in", c.totalPacketIn),
            new Error(
                "Total Pkt dropped on error",
                "alg-sip-counters-pkt-drop-on-error",
                c.droppedOnError),
            new Error("Call error", "alg-sip-counters-call-error", c.callError),
            new Error("IP resolve error", "alg-sip-counters-ip-resolve-error", c.ipResolveError),
            new Error("NAT error", "alg-sip-counters-nat-error", c.natError),
            new Error(
                "Resource manager error", "alg-sip-counters-resmgr-error", c.resourceManagerError),
            new Error(
                "RR header exceeded max",
                "alg-sip-counters-rr-hdr-exceeded-max",
                c.recordRouteExceededMaximum),
            new Error(
                "Contact header exceeded max",
                "alg-sip-counters-contact-hdr-exceeded-max",
                c.contactExceededMaximum),
            new Error(
                "Call Dropped due to limit",
                "alg-sip-counters-call-drop-to-limit",
                c.callDroppedToLimit),
            new Error("SIP stack error", "alg-sip-counters-sip-stack-error", c.stackError),
            new Error("SIP decode error", "alg-sip-counters-sip-decode-error", c.decodeError),
            new Error(
                "SIP unknown method error",
                "alg-sip-counters-unknown-method-error",
                c.unknownMethod));
    return new SipCountersReply(rows, errors);
  }
}
