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

  /** The error counters' labels and elements, in the order the engine gives them. */
  private static final String[][] ERRORS = {
    {"Total Pkt-in", "alg-sip-counters-total-packet-in"},
    {"Total Pkt dropped on error", "alg-sip-counters-pkt-drop-on-error"},
    {"Call error", "alg-sip-counters-call-error"},
    {"IP resolve error", "alg-sip-counters-ip-resolve-error"},
    {"NAT error", "alg-sip-counters-nat-error"},
    {"Resource manager error", "alg-sip-counters-resmgr-error"},
    {"RR header exceeded max", "alg-sip-counters-rr-hdr-exceeded-max"},
    {"Contact header exceeded max", "alg-sip-counters-contact-hdr-exceeded-max"},
    {"Call Dropped due to limit", "alg-sip-counters-call-drop-to-limit"},
    {"SIP stack error", "alg-sip-counters-sip-stack-error"},
    {"SIP decode error", "alg-sip-counters-sip-decode-error"},
    {"SIP unknown method error", "alg-sip-counters-unknown-method-error"}
  };

  /** From the engine's counters, summed over the SPUs. */
  public static SipCountersReply of(org.flowgate.dataplane.control.SipAlgCounters c) {
    List<Method> rows = new java.util.ArrayList<>();
    for (int m = 0; m < c.methods().size(); m++) {
      rows.add(
          new Method(
              c.methods().get(m),
              java.util.Arrays.stream(c.sent().get(m)).boxed().toList(),
              java.util.Arrays.stream(c.resent().get(m)).boxed().toList()));
    }
    List<Error> errors = new java.util.ArrayList<>();
    for (int k = 0; k < ERRORS.length; k++) {
      errors.add(new Error(ERRORS[k][0], ERRORS[k][1], c.errors()[k]));
    }
    return new SipCountersReply(rows, errors);
  }
}
