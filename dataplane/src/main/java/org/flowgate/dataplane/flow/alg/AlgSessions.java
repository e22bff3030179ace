package org.flowgate.dataplane.flow.alg;

import org.flowgate.dataplane.alg.Alg;

/**
 * The ALG's side storage of one SPU's sessions: one 32-bit word per session slot, beside the full
 * 128-byte record (docs/adr/0002), so 4 bytes per session whatever the traffic. The record's {@code
 * FLAG_ALG} bit says whether the word means anything; the fast path reads the word only then.
 *
 * <pre>
 *  31 ........................... 7  6  5   4 .... 0
 * +---------------------------------+------+---------+
 * | handle (25 bits)                | role | ALG + 1 |
 * +---------------------------------+------+---------+
 * role 0 watched: the ALG checks the session's packets, keeps nothing (a DNS session)
 *      1 control: handle = its control state in {@link ControlStates}
 *      2 child:   handle = its resource in {@link ResourceManager} (whose group names its parent)
 * </pre>
 *
 * <p>Thread: owned by its SPU's thread.
 */
final class AlgSessions {
  static final int WATCHED = 0;
  static final int CONTROL = 1;
  static final int CHILD = 2;

  private static final int ALG_BITS = 5;
  private static final int ALG_MASK = (1 << ALG_BITS) - 1;
  private static final int ROLE_SHIFT = ALG_BITS;
  private static final int HANDLE_SHIFT = 7;

  /** The largest handle a word holds. */
  static final int MAXIMUM_HANDLE = (1 << (32 - HANDLE_SHIFT)) - 1;

  private final int[] words;

  AlgSessions(int capacity) {
    this.words = new int[capacity];
  }

  /** Bytes this storage takes per session slot. */
  static int bytesPerSession() {
    return Integer.BYTES;
  }

  void set(int slot, Alg alg, int role, int handle) {
    words[slot] = (alg.ordinal() + 1) | role << ROLE_SHIFT | handle << HANDLE_SHIFT;
  }

  void clear(int slot) {
    words[slot] = 0;
  }

  /** The session's ALG, or null. */
  Alg alg(int slot) {
    int alg = words[slot] & ALG_MASK;
    return alg == 0 ? null : Alg.of(alg - 1);
  }

  int role(int slot) {
    return (words[slot] >>> ROLE_SHIFT) & 3;
  }

  int handle(int slot) {
    return words[slot] >>> HANDLE_SHIFT;
  }

  int capacity() {
    return words.length;
  }
}
