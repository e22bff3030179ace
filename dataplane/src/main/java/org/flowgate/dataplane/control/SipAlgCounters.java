package org.flowgate.dataplane.control;

import java.util.List;
import org.flowgate.dataplane.flow.alg.SipCounters;

/**
 * The SIP ALG's counters summed over the SPUs, for {@code show security alg sip counters}
 * (docs/adr/0032-sip-alg.md): per method (Junos's rows), the requests and the responses by class,
 * first sent and retransmitted, and the error counters.
 *
 * @param methods the rows: INVITE ... SERVICE, OTHER
 * @param sent {@code sent.get(row)[column]}: column 0 the requests, 1..6 the responses 1xx..6xx
 * @param resent the same, retransmissions
 * @param errors the error counters in Junos's order: Total Pkt-in, dropped on error, call error, IP
 *     resolve error, NAT error, resource manager error, RR header exceeded max, Contact header
 *     exceeded max, call dropped due to limit, SIP stack error, SIP decode error, unknown method
 */
public record SipAlgCounters(
    List<String> methods, List<long[]> sent, List<long[]> resent, long[] errors) {

  public SipAlgCounters {
    methods = List.copyOf(methods);
    sent = List.copyOf(sent);
    resent = List.copyOf(resent);
    errors = errors.clone();
  }

  static SipAlgCounters of(SipCounters c) {
    List<long[]> sent = new java.util.ArrayList<>();
    List<long[]> resent = new java.util.ArrayList<>();
    for (int m = 0; m < SipCounters.METHODS.size(); m++) {
      long[] s = new long[SipCounters.COLUMNS];
      long[] r = new long[SipCounters.COLUMNS];
      for (int col = 0; col < SipCounters.COLUMNS; col++) {
        s[col] = c.sent(m, col);
        r[col] = c.resent(m, col);
      }
      sent.add(s);
      resent.add(r);
    }
    long[] errors = {
      c.totalPacketIn,
      c.droppedOnError,
      c.callError,
      c.ipResolveError,
      c.natError,
      c.resourceManagerError,
      c.recordRouteExceededMaximum,
      c.contactExceededMaximum,
      c.callDroppedToLimit,
      c.stackError,
      c.decodeError,
      c.unknownMethod
    };
    return new SipAlgCounters(SipCounters.METHODS, sent, resent, errors);
  }
}
