package org.flowgate.dataplane.appid;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * A custom signature's {@code pattern}, compiled once when the catalog is built and matched on the
 * first path without allocating. The syntax is the part of the Junos application-signature pattern
 * language that custom signatures use:
 *
 * <pre>
 *   c          the byte c                    \x0102ff\x   the bytes 01 02 ff (hex between \x ... \x)
 *   .          any byte                      \. \* \\ ... the escaped character itself
 *   [a-z0-9_]  one byte of the class         [^...]       one byte not in the class
 *   t*  t+  t? the token t repeated 0..n, 1..n, 0..1 times (greedy)
 * </pre>
 *
 * <p>Host contexts match the whole value ignoring ASCII case; stream and URL contexts match a
 * prefix (the pattern must match from the first byte, anything may follow). Matching backtracks; a
 * match that would take more than {@link #STEP_BUDGET} steps fails and is counted as {@link
 * DecodeError#PATTERN_BUDGET}.
 *
 * <p>Thread: confined to its SPU: each {@link ApplicationInspector} compiles its own patterns,
 * since a match counts its steps in the instance.
 */
public final class SignaturePattern {
  /** Steps (token tries) one match may take. */
  public static final int STEP_BUDGET = 20_000;

  private static final int LITERAL = 0;
  private static final int ANY = 1;
  private static final int CLASS = 2;

  private static final int ONE = 0;
  private static final int STAR = 1;
  private static final int PLUS = 2;
  private static final int OPTIONAL = 3;

  private final String source;
  private final boolean ignoreCase;
  private final boolean wholeValue;
  private final int[] kinds;
  private final int[] values; // LITERAL: the byte; CLASS: index into classes
  private final int[] quantifiers;
  private final long[] classes; // 4 longs (256 bits) per class

  private int steps; // reset per match

  // the backtracking stack of a match: one choice point per quantified token at most
  private final int[] choiceToken;
  private final int[] choicePosition;
  private final int[] choiceTaken;

  private SignaturePattern(
      String source,
      boolean ignoreCase,
      boolean wholeValue,
      int[] kinds,
      int[] values,
      int[] quantifiers,
      long[] classes) {
    this.source = source;
    this.ignoreCase = ignoreCase;
    this.wholeValue = wholeValue;
    this.kinds = kinds;
    this.values = values;
    this.quantifiers = quantifiers;
    this.classes = classes;
    this.choiceToken = new int[kinds.length];
    this.choicePosition = new int[kinds.length];
    this.choiceTaken = new int[kinds.length];
  }

  /**
   * The longest pattern {@link #compile} takes: a bound on the memory a pattern holds (the
   * matcher's stack is as deep as the pattern has tokens, on the heap, not the thread's stack).
   */
  public static final int MAXIMUM_PATTERN_CHARACTERS = 1_000;

  /**
   * Compiles {@code pattern}; throws IllegalArgumentException with the position of a syntax error.
   *
   * @param ignoreCase match letters in any case (host contexts)
   * @param wholeValue the pattern must cover the whole value (host contexts), not only a prefix
   */
  public static SignaturePattern compile(String pattern, boolean ignoreCase, boolean wholeValue) {
    if (pattern.length() > MAXIMUM_PATTERN_CHARACTERS) {
      // a bound on what one configured pattern may hold (docs/reliability.md, A1)
      throw new IllegalArgumentException(
          "pattern of " + pattern.length() + " characters: at most " + MAXIMUM_PATTERN_CHARACTERS);
    }
    List<int[]> tokens = new ArrayList<>(); // {kind, value, quantifier}
    List<long[]> classList = new ArrayList<>();
    int i = 0;
    int n = pattern.length();
    while (i < n) {
      char c = pattern.charAt(i);
      if (c == '\\'
          && i + 1 < n
          && (pattern.charAt(i + 1) == 'x' || pattern.charAt(i + 1) == 'X')) {
        int end = pattern.indexOf("\\x", i + 2);
        int endUpper = pattern.indexOf("\\X", i + 2);
        if (end < 0 || (endUpper >= 0 && endUpper < end)) {
          end = endUpper;
        }
        if (end < 0 || ((end - i - 2) & 1) != 0) {
          throw new IllegalArgumentException(
              "hex bytes at "
                  + i
                  + " of \""
                  + pattern
                  + "\" need pairs of digits and a closing \\x");
        }
        for (int h = i + 2; h < end; h += 2) {
          int value = Integer.parseInt(pattern, h, h + 2, 16);
          tokens.add(new int[] {LITERAL, value, ONE});
        }
        i = end + 2;
        continue;
      }
      if (c == '\\') {
        if (i + 1 >= n) {
          throw new IllegalArgumentException("dangling \\ at the end of \"" + pattern + "\"");
        }
        tokens.add(new int[] {LITERAL, literal(pattern.charAt(i + 1), pattern), ONE});
        i += 2;
      } else if (c == '.') {
        tokens.add(new int[] {ANY, 0, ONE});
        i++;
      } else if (c == '[') {
        int close = pattern.indexOf(']', i + 2);
        if (close < 0) {
          throw new IllegalArgumentException("unclosed [ at " + i + " of \"" + pattern + "\"");
        }
        long[] bits = classBits(pattern, i + 1, close, ignoreCase);
        tokens.add(new int[] {CLASS, classList.size(), ONE});
        classList.add(bits);
        i = close + 1;
      } else if (c == '*' || c == '+' || c == '?') {
        if (tokens.isEmpty() || tokens.getLast()[2] != ONE) {
          throw new IllegalArgumentException(
              "quantifier " + c + " at " + i + " of \"" + pattern + "\" follows no token");
        }
        tokens.getLast()[2] = c == '*' ? STAR : c == '+' ? PLUS : OPTIONAL;
        i++;
      } else {
        tokens.add(new int[] {LITERAL, literal(c, pattern), ONE});
        i++;
      }
    }
    int count = tokens.size();
    int[] kinds = new int[count];
    int[] values = new int[count];
    int[] quantifiers = new int[count];
    for (int t = 0; t < count; t++) {
      int[] token = tokens.get(t);
      kinds[t] = token[0];
      values[t] = token[0] == LITERAL && ignoreCase ? lower(token[1]) : token[1];
      quantifiers[t] = token[2];
    }
    long[] classes = new long[classList.size() * 4];
    for (int k = 0; k < classList.size(); k++) {
      System.arraycopy(classList.get(k), 0, classes, k * 4, 4);
    }
    return new SignaturePattern(
        pattern, ignoreCase, wholeValue, kinds, values, quantifiers, classes);
  }

  private static int literal(char c, String pattern) {
    if (c > 0xff) {
      throw new IllegalArgumentException("non-Latin-1 character in \"" + pattern + "\"");
    }
    return c;
  }

  private static long[] classBits(String pattern, int from, int to, boolean ignoreCase) {
    long[] bits = new long[4];
    boolean negate = pattern.charAt(from) == '^';
    int i = negate ? from + 1 : from;
    while (i < to) {
      int low = pattern.charAt(i);
      if (low == '\\' && i + 1 < to) {
        low = pattern.charAt(++i);
      }
      int high = low;
      if (i + 2 < to && pattern.charAt(i + 1) == '-') {
        high = pattern.charAt(i + 2);
        i += 2;
      }
      if (low > 0xff || high > 0xff || low > high) {
        throw new IllegalArgumentException("bad class range in \"" + pattern + "\"");
      }
      for (int b = low; b <= high; b++) {
        set(bits, b);
        if (ignoreCase) {
          set(bits, lower(b));
          set(bits, upper(b));
        }
      }
      i++;
    }
    if (negate) {
      for (int w = 0; w < 4; w++) {
        bits[w] = ~bits[w];
      }
    }
    return bits;
  }

  private static void set(long[] bits, int b) {
    bits[b >>> 6] |= 1L << (b & 63);
  }

  private static int lower(int b) {
    return b >= 'A' && b <= 'Z' ? b + 32 : b;
  }

  private static int upper(int b) {
    return b >= 'a' && b <= 'z' ? b - 32 : b;
  }

  /** The pattern as configured. */
  public String source() {
    return source;
  }

  /**
   * Matches the {@code length} bytes at {@code offset} of {@code segment}.
   *
   * @return 1 on a match, 0 on none, -1 when the step budget ran out (no match)
   */
  public int match(MemorySegment segment, long offset, int length) {
    steps = 0;
    return matchFrom(0, segment, offset, 0, length);
  }

  /**
   * 1 match, 0 none, -1 budget. Backtracking without recursion: a quantified token that matched
   * leaves a choice point (its token, where its run began, how much it took) on {@link #choices},
   * and a failure resumes the newest one with one byte less. The stack holds at most one choice per
   * token, so its depth is the pattern's, whatever the input; each resumption counts a step as a
   * recursive call did (docs/reliability.md, A1: the recursive matcher overflowed its thread's
   * stack on a long literal pattern).
   */
  private int matchFrom(int start, MemorySegment s, long base, int startPosition, int length) {
    int count = kinds.length;
    int depth = 0;
    int token = start;
    int position = startPosition;
    while (true) {
      boolean failed;
      if (++steps > STEP_BUDGET) {
        return -1;
      }
      if (token == count) {
        if (!wholeValue || position == length) {
          return 1;
        }
        failed = true;
      } else if (quantifiers[token] == ONE) {
        failed =
            !(position < length && accepts(token, s.get(ValueLayout.JAVA_BYTE, base + position)));
        if (!failed) {
          token++;
          position++;
        }
      } else {
        int quantifier = quantifiers[token];
        int minimum = quantifier == PLUS ? 1 : 0;
        int maximum = quantifier == OPTIONAL ? 1 : Integer.MAX_VALUE;
        int run = 0;
        while (run < maximum
            && position + run < length
            && accepts(token, s.get(ValueLayout.JAVA_BYTE, base + position + run))) {
          run++;
        }
        failed = run < minimum;
        if (!failed) {
          choiceToken[depth] = token;
          choicePosition[depth] = position;
          choiceTaken[depth] = run;
          depth++;
          token++;
          position += run;
        }
      }
      if (failed) {
        // resume the newest choice point that can give a byte back
        while (true) {
          if (depth == 0) {
            return 0;
          }
          int top = depth - 1;
          int taken = choiceTaken[top] - 1;
          if (taken >= (quantifiers[choiceToken[top]] == PLUS ? 1 : 0)) {
            choiceTaken[top] = taken;
            token = choiceToken[top] + 1;
            position = choicePosition[top] + taken;
            break;
          }
          depth--;
        }
      }
    }
  }

  private boolean accepts(int token, byte value) {
    int b = value & 0xff;
    return switch (kinds[token]) {
      case LITERAL -> (ignoreCase ? lower(b) : b) == values[token];
      case ANY -> true;
      default -> (classes[values[token] * 4 + (b >>> 6)] & (1L << (b & 63))) != 0;
    };
  }
}
