package org.flowgate.mgmt.regex;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A regular expression a user typed ({@code | match}, {@code | except}, {@code system syslog ...
 * match}, {@code allow-commands}/{@code deny-commands}), matched with a bounded amount of work.
 *
 * <p>Java's matcher backtracks: {@code (.*a){10}$} against a line of 28 {@code a}s and a {@code !}
 * reads 344 million characters (15 s here), and each character more multiplies that. Whether an
 * expression can do so is not decidable cheaply from its text, so the work is measured instead: the
 * matcher reads the text through a {@link CharSequence} that counts every character read (every
 * step of the matcher reads one) and stops it when an allowance runs out. The allowance is {@value
 * #BASE_STEPS} steps plus {@value #STEPS_PER_CHARACTER} for every character of text matched so far
 * by this instance, so the work over a whole output is linear in the output's size, an expression
 * that ever needs more is refused with {@link TooComplex}, and an ordinary expression (a few steps
 * a character; a {@code .*x.*y} is about twice the line length a character) never comes near it.
 *
 * <pre>
 *  find(line) ─► Counted(line) ─► Pattern.matcher(...).find()
 *                    │ charAt: spent++ ; spent > allowance ─► TooComplex
 *  allowance = BASE_STEPS + STEPS_PER_CHARACTER x (characters of every line given so far)
 * </pre>
 *
 * <p>Thread: {@link #find} is confined to one thread per instance (the allowance is mutable state);
 * {@link #findOnce} and {@link #compile} on any thread.
 */
public final class BoundedRegex {
  /** Steps any matching may take before the allowance grows with the text. */
  public static final long BASE_STEPS = 1_000_000;

  /** Steps each character of text adds to the allowance. */
  public static final long STEPS_PER_CHARACTER = 1_000;

  private final String expression;
  private final Pattern pattern;
  private long allowance = BASE_STEPS;
  private long spent;

  private BoundedRegex(String expression, Pattern pattern) {
    this.expression = expression;
    this.pattern = pattern;
  }

  /**
   * @throws PatternSyntaxException when {@code expression} is not a regular expression
   */
  public static BoundedRegex compile(String expression, int flags) {
    return new BoundedRegex(expression, Pattern.compile(expression, flags));
  }

  public static BoundedRegex compile(String expression) {
    return compile(expression, 0);
  }

  /** A fresh allowance over the same compiled expression (for another thread, another output). */
  public BoundedRegex copy() {
    return new BoundedRegex(expression, pattern);
  }

  public String expression() {
    return expression;
  }

  /**
   * True when the expression is found in {@code text}.
   *
   * @throws TooComplex when the matching would take more than the allowance left
   */
  public boolean find(String text) {
    allowance += STEPS_PER_CHARACTER * text.length();
    Counted counted = new Counted(text, allowance - spent);
    try {
      return pattern.matcher(counted).find();
    } finally {
      spent += counted.read;
    }
  }

  /**
   * As {@link #find}, with an allowance of its own for this text alone ({@value #BASE_STEPS} plus
   * {@value #STEPS_PER_CHARACTER} a character): for expressions shared between threads, matched
   * once per message or command. Changes nothing in this instance.
   *
   * @throws TooComplex when the matching would take more
   */
  public boolean findOnce(String text) {
    Counted counted = new Counted(text, BASE_STEPS + STEPS_PER_CHARACTER * text.length());
    return pattern.matcher(counted).find();
  }

  /** Steps taken so far (characters the matcher read), for tests and figures. */
  public long stepsTaken() {
    return spent;
  }

  /** The matching of a user's regular expression needed more steps than it is allowed. */
  public static final class TooComplex extends RuntimeException {
    private final String expression;

    TooComplex(String expression, long steps) {
      super(
          "regular expression '"
              + expression
              + "' is too complex: it backtracked past "
              + steps
              + " steps on one line");
      this.expression = expression;
    }

    public String expression() {
      return expression;
    }
  }

  /** The text, counting characters read; past the limit it stops the matcher. */
  private final class Counted implements CharSequence {
    private final String text;
    private final int offset;
    private final int length;
    private final long limit;
    long read;

    Counted(String text, long limit) {
      this(text, 0, text.length(), limit);
    }

    private Counted(String text, int offset, int length, long limit) {
      this.text = text;
      this.offset = offset;
      this.length = length;
      this.limit = limit;
    }

    @Override
    public char charAt(int index) {
      if (read >= limit) {
        throw new TooComplex(expression, read);
      }
      read++;
      return text.charAt(offset + index);
    }

    @Override
    public int length() {
      return length;
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return text.substring(offset + start, offset + end);
    }

    @Override
    public String toString() {
      return text.substring(offset, offset + length);
    }
  }
}
