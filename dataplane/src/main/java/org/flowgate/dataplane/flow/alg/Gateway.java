package org.flowgate.dataplane.flow.alg;

import java.lang.foreign.MemorySegment;
import org.flowgate.dataplane.alg.Alg;

/**
 * One application layer gateway: how it cuts its control stream into messages and what it does with
 * each. {@link AlgEngine} does everything around it (reassembly, holding back an unfinished message
 * that may need rewriting, the rewrite itself, sequence adjustment, gates, groups).
 *
 * <pre>
 *  control packet ─► AlgEngine: stream d, in order ─► frame(bytes) ─► message(inspection, bytes)
 *                                                      0: need more   └► gates, edits, verdict
 *                                                     -1: cannot frame here (resynchronise)
 * </pre>
 *
 * <p>Thread: one instance per SPU, owned by its thread; an implementation keeps per-session state
 * only in the control state's scratch words, per-call state only in its own bounded pools.
 */
sealed interface Gateway
    permits FtpAlg, SipAlg, TftpAlg, SunRpcAlg, MsRpcAlg, PptpAlg, RtspAlg, DnsAlg {
  /** The message passes (possibly rewritten). */
  int PASS = 0;

  /** The message is dropped (counted by the ALG). */
  int DROP = 1;

  Alg alg();

  /** True when the ALG reads TCP control connections (DNS over TCP is not read). */
  default boolean streams() {
    return true;
  }

  /** True when a datagram is a message; false for a TCP byte stream. */
  boolean datagrams(int protocol);

  /**
   * The length of the complete message at {@code at} ({@code available} bytes there): 0 when more
   * bytes are needed, -1 when no message can start there (the stream is lost until resynchronised).
   */
  int frame(MemorySegment s, long at, int available, int direction);

  /**
   * True when an unfinished message starting with these bytes might have to be rewritten (so that,
   * under NAT, it is held back until it is whole).
   */
  boolean mayRewrite(MemorySegment s, long at, int available, int direction);

  /**
   * The longest message the ALG reads; a longer one passes unread (counted). Bounded by the
   * reassembly buffer.
   */
  default int maximumMessageBytes() {
    return AlgEngine.STREAM_BUFFER_BYTES;
  }

  /** Reads one whole message; may open gates and ask for edits. Returns PASS or DROP. */
  int message(Inspection i, MemorySegment s, long at, int length);

  /**
   * After a gap or an overlong message: where the next message may start in {@code [at, end)}, or
   * -1 when not in these bytes. A text protocol's next line; a binary protocol (records with a
   * length) tries the segment's start, which its {@link #frame} then judges.
   */
  default long resynchronise(MemorySegment s, long at, long end) {
    long boundary = Text.indexOf(s, at, end, '\n');
    return boundary < 0 ? -1 : boundary + 1;
  }

  /**
   * True for an ALG that checks each message and keeps no state, no group and no gate (DNS): its
   * sessions are watched, not control sessions, and the session views show no resource.
   */
  default boolean watchesOnly() {
    return false;
  }

  /**
   * True when the ALG may change messages on {@code wing} of a session NAT does not translate (the
   * DNS ALG's doctoring of replies by static NAT rules): the engine makes such a packet writable.
   */
  default boolean doctors(int wing) {
    return false;
  }

  /** Takes the knobs of a new generation. */
  default void install(org.flowgate.dataplane.alg.AlgSettings settings) {}

  /** A control session of this ALG was installed (before its first payload). */
  default void started(Inspection i) {}

  /**
   * A control session of this ALG is ending (before its control state is given back): what the ALG
   * keeps of it in its own pools (SIP calls) goes.
   */
  default void ending(AlgEngine engine, int control) {}

  /** True when a group's children end with its control session (PPTP, RTSP). */
  default boolean childrenEndWithControl() {
    return false;
  }

  /**
   * A gate of {@code group} is due: seconds more it stays open (its conversation still uses it, as
   * SIP media that flows), or 0 to close it now.
   */
  default int keepGateSeconds(AlgEngine engine, int group) {
    return 0;
  }

  /** True when a group's gates stay open after its control session ends (RPC mappings). */
  default boolean gatesOutliveControl() {
    return false;
  }
}
