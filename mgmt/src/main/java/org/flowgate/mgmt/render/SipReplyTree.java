package org.flowgate.mgmt.render;

import static org.flowgate.mgmt.render.JunosElement.container;
import static org.flowgate.mgmt.render.JunosElement.leaf;

import java.util.ArrayList;
import java.util.List;
import org.flowgate.mgmt.reply.SipCallsReply;
import org.flowgate.mgmt.reply.SipCountersReply;

/**
 * The XML and JSON of the SIP ALG views, with the element names of Juniper's 24.4R1 YANG ({@code
 * get-alg-sip-call-information}, {@code get-alg-sip-counter-information}).
 *
 * <p>Thread: stateless.
 */
final class SipReplyTree {
  private SipReplyTree() {}

  static final List<String> COLUMNS = List.of("", "-1xx", "-2xx", "-3xx", "-4xx", "-5xx", "-6xx");

  static JunosElement calls(SipCallsReply r) {
    List<JunosElement> body = new ArrayList<>();
    body.add(leaf("alg-sip-calls-total-num-calls", Integer.toString(r.calls().size())));
    for (SipCallsReply.Call c : r.calls()) {
      body.add(
          container(
              "alg-sip-calls-data",
              List.of(
                  leaf("alg-sip-calls-call-id", c.callId()),
                  leaf("alg-sip-calls-method", c.method()),
                  leaf("alg-sip-calls-state", c.state()),
                  leaf("alg-sip-calls-rm-group-id", Long.toString(c.groupId())))));
    }
    return container("alg-sip-call-information", body);
  }

  static JunosElement counters(SipCountersReply r) {
    List<JunosElement> body = new ArrayList<>();
    for (SipCountersReply.Error e : r.errors()) {
      body.add(leaf(e.element(), Long.toString(e.value())));
    }
    for (SipCountersReply.Method m : r.methods()) {
      List<JunosElement> row = new ArrayList<>();
      row.add(leaf("alg-sip-counters-tbl-method", m.name()));
      for (int c = 0; c < COLUMNS.size(); c++) {
        row.add(
            leaf("alg-sip-counters-tbl-transmit" + COLUMNS.get(c), Long.toString(m.sent().get(c))));
      }
      for (int c = 0; c < COLUMNS.size(); c++) {
        row.add(
            leaf(
                "alg-sip-counters-tbl-retransmit" + COLUMNS.get(c),
                Long.toString(m.resent().get(c))));
      }
      body.add(container("alg-sip-counters-data", row));
    }
    return container("alg-sip-counter-information", body);
  }
}
