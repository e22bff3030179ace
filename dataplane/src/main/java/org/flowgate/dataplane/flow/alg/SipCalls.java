package org.flowgate.dataplane.flow.alg;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One SPU's SIP calls (dialogs begun by an INVITE), in a fixed pool: each keyed by its signalling
 * session's control state and its Call-ID, holding its tags, state, current method, the resource
 * manager group its media gates and sessions belong to, and a deadline (docs/adr/0032-sip-alg.md).
 *
 * <pre>
 *            INVITE                1xx              2xx
 *   (none) ─────────► SETUP ─────────► PROCEEDING ─────► ESTABLISHED ◄─┐ re-INVITE, 2xx
 *                       │  3xx-6xx, CANCEL  │                 │ BYE   ─┘
 *                       └──────────┬────────┘                 │
 *                                  ▼                          ▼
 *                               TEARDOWN ◄────────────────────┘
 *                                  │  T4 later: gates close, the group is let go
 *                                  ▼   (a new INVITE of the call before then revives it: SETUP)
 *                               (none)
 *   deadlines: SETUP, PROCEEDING  c-timeout after the last INVITE
 *              ESTABLISHED        maximum-call-duration after the call began
 *              TEARDOWN           t4-interval
 *
 *            REGISTER               2xx, Expires > 0
 *   (none) ───────────► REGISTERING ──────────────────► REGISTERED ◄─┐ REGISTER, 2xx (refresh)
 *                         │ 3xx-6xx, c-timeout            │ Expires ─┘
 *                         ▼                               ▼ passed, or a 2xx with Expires 0
 *                       (none)                          (none): the gate closes, NAT port freed
 *   a registration outlives its signalling session (detach: keyed by DETACHED from then on)
 * </pre>
 *
 * <p>Thread: owned by its SPU's thread. Allocates nothing after construction but the strings of a
 * view's snapshot.
 */
final class SipCalls {
  static final int NONE = -1;
  static final int CALL_ID_BYTES = 128;
  static final int TAG_BYTES = 64;

  static final byte SETUP = 1;
  static final byte PROCEEDING = 2;
  static final byte ESTABLISHED = 3;
  static final byte TEARDOWN = 4;

  /** A REGISTER is on its way: its Contact (and NAT port) is kept until the registrar answers. */
  static final byte REGISTERING = 5;

  /** A registrar accepted the Contact: a gate admits incoming requests to it until Expires. */
  static final byte REGISTERED = 6;

  /** The control state of a registration whose signalling session ended (it lives on). */
  static final int DETACHED = -1;

  private final int capacity;
  final int[] control;
  final byte[] state;
  final byte[] method;
  final int[] group;
  final long[] startedTick;
  final byte[] callId;
  final short[] callIdLength;
  final byte[] fromTag;
  final byte[] fromTagLength;
  final byte[] toTag;
  final byte[] toTagLength;

  /** The last request's CSeq number and method, per direction (retransmissions). */
  final long[] lastRequest;

  /** The last response's CSeq number, method and code (retransmissions). */
  final long[] lastResponse;

  /** A registration's Contact (as the registering host wrote it): address and port. */
  final long[] contactHi;

  final long[] contactLo;
  final int[] contactPort;

  /** A registration's Contact port as the outside sees it (its NAT port), -1 untranslated. */
  final int[] contactNatPort;

  /** A NAT port a registration holds until its gate takes it over (NatTranslator's hold), 0. */
  final long[] hold;

  /** True when the registering host is the signalling session's client (its initiator). */
  final boolean[] registeredByClient;

  final DeadlineHeap deadlines;
  private final int[] hashNext;
  private final int[] buckets;
  private final int mask;
  private final int[] free;
  private int freeCount;

  SipCalls(int capacity) {
    this.capacity = capacity;
    control = new int[capacity];
    state = new byte[capacity];
    method = new byte[capacity];
    group = new int[capacity];
    startedTick = new long[capacity];
    callId = new byte[capacity * CALL_ID_BYTES];
    callIdLength = new short[capacity];
    fromTag = new byte[capacity * TAG_BYTES];
    fromTagLength = new byte[capacity];
    toTag = new byte[capacity * TAG_BYTES];
    toTagLength = new byte[capacity];
    lastRequest = new long[capacity * 2];
    lastResponse = new long[capacity * 2];
    contactHi = new long[capacity];
    contactLo = new long[capacity];
    contactPort = new int[capacity];
    contactNatPort = new int[capacity];
    hold = new long[capacity];
    registeredByClient = new boolean[capacity];
    deadlines = new DeadlineHeap(capacity);
    int size = Integer.highestOneBit(Math.max(2, capacity) * 2 - 1);
    mask = size - 1;
    buckets = new int[size];
    Arrays.fill(buckets, NONE);
    hashNext = new int[capacity];
    free = new int[capacity];
    for (int i = 0; i < capacity; i++) {
      free[i] = capacity - 1 - i;
    }
    freeCount = capacity;
  }

  int capacity() {
    return capacity;
  }

  boolean used(int call) {
    return state[call] != 0;
  }

  private static int hash(int controlEntry, MemorySegment s, long from, int length) {
    int h = controlEntry * 0x9E3779B1;
    for (int i = 0; i < length; i++) {
      h = (h ^ Text.at(s, from + i)) * 0x01000193;
    }
    return h ^ (h >>> 16);
  }

  /**
   * The call of {@code controlEntry} with this Call-ID (its first CALL_ID_BYTES bytes), or NONE.
   */
  int find(int controlEntry, MemorySegment s, long from, int length) {
    length = Math.min(length, CALL_ID_BYTES);
    int c = buckets[hash(controlEntry, s, from, length) & mask];
    while (c != NONE) {
      if (control[c] == controlEntry && callIdLength[c] == length && sameId(c, s, from, length)) {
        return c;
      }
      c = hashNext[c];
    }
    return NONE;
  }

  private boolean sameId(int c, MemorySegment s, long from, int length) {
    int base = c * CALL_ID_BYTES;
    for (int i = 0; i < length; i++) {
      if (callId[base + i] != (byte) Text.at(s, from + i)) {
        return false;
      }
    }
    return true;
  }

  /** A new call, or NONE when the pool is full. */
  int open(int controlEntry, MemorySegment s, long from, int length, long nowTick) {
    if (freeCount == 0) {
      return NONE;
    }
    length = Math.min(length, CALL_ID_BYTES);
    int c = free[--freeCount];
    control[c] = controlEntry;
    state[c] = SETUP;
    method[c] = SipCounters.INVITE;
    group[c] = NONE;
    startedTick[c] = nowTick;
    MemorySegment.copy(
        s, java.lang.foreign.ValueLayout.JAVA_BYTE, from, callId, c * CALL_ID_BYTES, length);
    callIdLength[c] = (short) length;
    fromTagLength[c] = 0;
    toTagLength[c] = 0;
    contactNatPort[c] = -1;
    hold[c] = 0;
    lastRequest[c * 2] = -1;
    lastRequest[c * 2 + 1] = -1;
    lastResponse[c * 2] = -1;
    lastResponse[c * 2 + 1] = -1;
    int b = hash(controlEntry, s, from, length) & mask;
    hashNext[c] = buckets[b];
    buckets[b] = c;
    return c;
  }

  /** Frees a call (its group is the caller's business). */
  void close(int c) {
    if (state[c] == 0) {
      return;
    }
    unlink(c);
    deadlines.remove(c);
    state[c] = 0;
    free[freeCount++] = c;
  }

  /**
   * A registration outlives its signalling session: it is keyed by {@link #DETACHED} from then on,
   * so that the control state can be reused and a later REGISTER of the same Call-ID on another
   * signalling session finds it ({@link #rekey}).
   */
  void detach(int c) {
    rekey(c, DETACHED);
  }

  /** Takes entry {@code c} out of its hash chain (its key is about to change or it is freed). */
  private void unlink(int c) {
    int b = hashOf(c) & mask;
    int at = buckets[b];
    int previous = NONE;
    while (at != NONE) {
      if (at == c) {
        if (previous == NONE) {
          buckets[b] = hashNext[c];
        } else {
          hashNext[previous] = hashNext[c];
        }
        break;
      }
      previous = at;
      at = hashNext[at];
    }
  }

  /** The entry now belongs to another control state (same Call-ID). */
  void rekey(int c, int newControl) {
    unlink(c);
    control[c] = newControl;
    int nb = hashOf(c) & mask;
    hashNext[c] = buckets[nb];
    buckets[nb] = c;
  }

  boolean registration(int c) {
    return state[c] == REGISTERING || state[c] == REGISTERED;
  }

  private int hashOf(int c) {
    int h = control[c] * 0x9E3779B1;
    int base = c * CALL_ID_BYTES;
    for (int i = 0; i < callIdLength[c]; i++) {
      h = (h ^ (callId[base + i] & 0xff)) * 0x01000193;
    }
    return h ^ (h >>> 16);
  }

  void setTag(boolean to, int c, MemorySegment s, long from, int length) {
    length = Math.min(length, TAG_BYTES);
    MemorySegment.copy(
        s,
        java.lang.foreign.ValueLayout.JAVA_BYTE,
        from,
        to ? toTag : fromTag,
        c * TAG_BYTES,
        length);
    if (to) {
      toTagLength[c] = (byte) length;
    } else {
      fromTagLength[c] = (byte) length;
    }
  }

  String callIdText(int c) {
    return new String(callId, c * CALL_ID_BYTES, callIdLength[c], StandardCharsets.ISO_8859_1);
  }

  String fromTagText(int c) {
    return new String(fromTag, c * TAG_BYTES, fromTagLength[c], StandardCharsets.ISO_8859_1);
  }

  String toTagText(int c) {
    return new String(toTag, c * TAG_BYTES, toTagLength[c], StandardCharsets.ISO_8859_1);
  }

  static String stateName(byte state) {
    return switch (state) {
      case SETUP -> "SETUP";
      case PROCEEDING -> "PROCEEDING";
      case ESTABLISHED -> "ESTABLISHED";
      case TEARDOWN -> "TEARDOWN";
      case REGISTERING -> "REGISTERING";
      case REGISTERED -> "REGISTERED";
      default -> "UNKNOWN";
    };
  }
}
