package org.flowgate.dataplane.policy;

import java.util.Arrays;

/**
 * One dimension of a {@link PolicyListIndex}: for each key (a prefix, an application, a zone) the
 * set of rules (positions in one policy list) that key admits, plus the rules every key admits.
 *
 * <p>A set is a bitset over rule positions (bit {@code r % 64} of word {@code r / 64}), but only
 * its non-zero words are stored, so memory grows with the number of (key, rule) pairs, not keys x
 * rules. Layout (compressed sparse rows):
 *
 * <pre>
 *   key:      0                   1         2 ...
 *   start:    0 ----------------- 2 ------- 3 ------------------------ 6
 *   entries: [0, bits, 3, bits,  | 1, bits, | 0, bits, 1, bits, 156, bits ... ]
 *             word index (which 64-rule block), then which rules of that block
 * </pre>
 *
 * (Index and bits side by side: one cache line holds both.)
 *
 * <p>Thread: immutable once built.
 */
final class RuleSets {
  /** Bitset words for {@code rules} rules. */
  final int words;

  /** Rules in every key's set (dense, {@link #words} long). */
  final long[] always;

  /** True when {@link #always} holds every rule: the dimension rules nothing out. */
  final boolean everything;

  /** True when {@link #always} is empty. */
  final boolean alwaysEmpty;

  private final int[] start;

  /** Entry {@code i}: word index at {@code 2 i}, bits at {@code 2 i + 1}. */
  private final long[] entries;

  private RuleSets(int rules, long[] always, int[] start, long[] entries) {
    this.words = wordsFor(rules);
    this.always = always;
    this.start = start;
    this.entries = entries;
    boolean full = true;
    boolean empty = true;
    for (int w = 0; w < words; w++) {
      long expected = w < words - 1 || rules % 64 == 0 ? -1L : (1L << (rules % 64)) - 1;
      full &= always[w] == expected;
      empty &= always[w] == 0;
    }
    this.everything = full;
    this.alwaysEmpty = empty;
  }

  static int wordsFor(int rules) {
    return (rules + 63) >>> 6;
  }

  int keyCount() {
    return start.length - 1;
  }

  /**
   * ORs the key's set (without {@link #always}) into {@code out}, words {@code from} to {@code to}
   * (exclusive) only; a long set is entered by binary search, so the cost follows the range.
   */
  void orInto(int key, long[] out, int from, int to) {
    int i = start[key];
    int end = start[key + 1];
    if (end - i > 8) {
      int low = i;
      int high = end;
      while (low < high) { // first stored word >= from
        int middle = (low + high) >>> 1;
        if (entries[2 * middle] < from) {
          low = middle + 1;
        } else {
          high = middle;
        }
      }
      i = low;
    }
    for (; i < end; i++) {
      int word = (int) entries[2 * i];
      if (word >= to) {
        return;
      }
      if (word >= from) {
        out[word] |= entries[2 * i + 1];
      }
    }
  }

  /** The first word the key's own set touches, or {@link Integer#MAX_VALUE} when it is empty. */
  int firstWord(int key) {
    return start[key] < start[key + 1] ? (int) entries[2 * start[key]] : Integer.MAX_VALUE;
  }

  /** One past the last word the key's own set touches, or 0 when it is empty. */
  int endWord(int key) {
    return start[key] < start[key + 1] ? (int) entries[2 * (start[key + 1] - 1)] + 1 : 0;
  }

  /** Approximate heap bytes of the arrays. */
  long sizeBytes() {
    return 64 + 8L * always.length + 4L * start.length + 8L * entries.length;
  }

  /** Stored (word index, bits) pairs: the dimension's size beyond {@link #always}. */
  int storedWords() {
    return entries.length / 2;
  }

  /**
   * Collects rule memberships. Rules must be added in ascending position per key (a list is indexed
   * top down), so each key's words come out sorted.
   */
  static final class Builder {
    private final int rules;
    private final long[] always;
    private int[][] members = new int[16][];
    private int[] memberCounts = new int[16];
    private int keys;

    Builder(int rules) {
      this.rules = rules;
      this.always = new long[wordsFor(rules)];
    }

    /** Makes room for keys {@code 0 .. count - 1} even if some get no rule. */
    Builder keys(int count) {
      ensure(count - 1);
      return this;
    }

    void addAlways(int rule) {
      always[rule >>> 6] |= 1L << rule;
    }

    void add(int key, int rule) {
      ensure(key);
      int[] list = members[key];
      int count = memberCounts[key];
      if (list == null) {
        list = members[key] = new int[2];
      } else if (count == list.length) {
        list = members[key] = Arrays.copyOf(list, count * 2);
      }
      if (count > 0 && list[count - 1] > rule) {
        throw new IllegalStateException(
            "rules must be added top down: " + rule + " after " + list[count - 1]);
      }
      list[count] = rule;
      memberCounts[key] = count + 1;
    }

    private void ensure(int key) {
      if (key >= members.length) {
        int size = Math.max(key + 1, members.length * 2);
        members = Arrays.copyOf(members, size);
        memberCounts = Arrays.copyOf(memberCounts, size);
      }
      keys = Math.max(keys, key + 1);
    }

    RuleSets build() {
      int[] start = new int[keys + 1];
      int stored = 0;
      for (int k = 0; k < keys; k++) {
        stored += distinctWords(k);
      }
      long[] entries = new long[2 * stored];
      int at = 0;
      for (int k = 0; k < keys; k++) {
        start[k] = at;
        int lastWord = -1;
        for (int i = 0; i < memberCounts[k]; i++) {
          int rule = members[k][i];
          int word = rule >>> 6;
          if (word != lastWord) {
            entries[2 * at] = word;
            at++;
            lastWord = word;
          }
          entries[2 * at - 1] |= 1L << rule;
        }
      }
      start[keys] = at;
      return new RuleSets(rules, always, start, entries);
    }

    private int distinctWords(int key) {
      int count = 0;
      int lastWord = -1;
      for (int i = 0; i < memberCounts[key]; i++) {
        int word = members[key][i] >>> 6;
        if (word != lastWord) {
          count++;
          lastWord = word;
        }
      }
      return count;
    }
  }
}
