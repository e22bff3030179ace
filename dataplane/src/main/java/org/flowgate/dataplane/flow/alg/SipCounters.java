package org.flowgate.dataplane.flow.alg;

import java.util.List;

/**
 * What the SIP ALG counted on one SPU, as {@code show security alg sip counters} shows it: per
 * request method, the requests sent and the responses to them by class, each split into first
 * transmissions and retransmissions; and the error counters (docs/adr/0032-sip-alg.md).
 *
 * <pre>
 *  table[method * COLUMNS + column]      column 0 requests, 1..6 responses 1xx..6xx
 *  retransmitted[method * COLUMNS + column]  the same, for retransmissions
 *  methods: INVITE CANCEL ACK BYE REGISTER OPTIONS INFO MESSAGE NOTIFY PRACK PUBLISH REFER
 *           SUBSCRIBE UPDATE BENOTIFY SERVICE OTHER (Junos's rows)
 * </pre>
 *
 * <p>Thread: the SPU's thread writes; a query copies them on that thread ({@link #copy}).
 */
public final class SipCounters {
  /** The rows, in Junos's order; OTHER counts methods the ALG does not know. */
  public static final List<String> METHODS =
      List.of(
          "INVITE",
          "CANCEL",
          "ACK",
          "BYE",
          "REGISTER",
          "OPTIONS",
          "INFO",
          "MESSAGE",
          "NOTIFY",
          "PRACK",
          "PUBLISH",
          "REFER",
          "SUBSCRIBE",
          "UPDATE",
          "BENOTIFY",
          "SERVICE",
          "OTHER");

  public static final int INVITE = 0;
  public static final int CANCEL = 1;
  public static final int ACK = 2;
  public static final int BYE = 3;
  public static final int REGISTER = 4;
  public static final int OTHER = METHODS.size() - 1;

  /** Columns: the requests, then the responses of classes 1xx .. 6xx. */
  public static final int COLUMNS = 7;

  public final long[] table = new long[METHODS.size() * COLUMNS];
  public final long[] retransmitted = new long[METHODS.size() * COLUMNS];

  /** SIP messages the ALG read. */
  public long totalPacketIn;

  /** Messages dropped because of an error below. */
  public long droppedOnError;

  /** A call that could not be kept: the call table is full (also counted in callDroppedToLimit). */
  public long callError;

  /** A host name where an address was expected (the ALG resolves no names): no gate. */
  public long ipResolveError;

  /** A NAT port for announced media could not be allocated. */
  public long natError;

  /** A gate or a group could not be opened (resource manager pools full). */
  public long resourceManagerError;

  public long recordRouteExceededMaximum;
  public long contactExceededMaximum;
  public long callDroppedToLimit;

  /** Faults of the ALG's own (also counted as inspection faults). */
  public long stackError;

  /** Messages that are not SIP, or whose SDP cannot be read. */
  public long decodeError;

  /** Requests of a method the ALG does not know: dropped. */
  public long unknownMethod;

  public static int methodIndex(String name) {
    int i = METHODS.indexOf(name);
    return i < 0 ? OTHER : i;
  }

  public SipCounters copy() {
    SipCounters c = new SipCounters();
    c.add(this);
    return c;
  }

  /** Every counter back to 0 ({@code clear security alg sip counters}). */
  public void clear() {
    java.util.Arrays.fill(table, 0);
    java.util.Arrays.fill(retransmitted, 0);
    totalPacketIn = 0;
    droppedOnError = 0;
    callError = 0;
    ipResolveError = 0;
    natError = 0;
    resourceManagerError = 0;
    recordRouteExceededMaximum = 0;
    contactExceededMaximum = 0;
    callDroppedToLimit = 0;
    stackError = 0;
    decodeError = 0;
    unknownMethod = 0;
  }

  /** Adds another SPU's counters to these. */
  public void add(SipCounters o) {
    for (int k = 0; k < table.length; k++) {
      table[k] += o.table[k];
      retransmitted[k] += o.retransmitted[k];
    }
    totalPacketIn += o.totalPacketIn;
    droppedOnError += o.droppedOnError;
    callError += o.callError;
    ipResolveError += o.ipResolveError;
    natError += o.natError;
    resourceManagerError += o.resourceManagerError;
    recordRouteExceededMaximum += o.recordRouteExceededMaximum;
    contactExceededMaximum += o.contactExceededMaximum;
    callDroppedToLimit += o.callDroppedToLimit;
    stackError += o.stackError;
    decodeError += o.decodeError;
    unknownMethod += o.unknownMethod;
  }

  /** Requests of {@code method} sent (column 0) or responses of class {@code column}xx. */
  public long sent(int method, int column) {
    return table[method * COLUMNS + column];
  }

  public long resent(int method, int column) {
    return retransmitted[method * COLUMNS + column];
  }
}
