package org.flowgate.config.edit;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a configuration-mode line into words as Junos does: blanks separate words, a double-quoted
 * string is one word (with {@code \"} and {@code \\} escapes), and {@code [ a b ]} is written out
 * as its words (the caller expands lists).
 *
 * <p>Thread: stateless.
 */
public final class Words {
  private Words() {}

  /** The words of {@code line}; an unterminated quote is an {@link IllegalArgumentException}. */
  public static List<String> split(String line) {
    List<String> words = new ArrayList<>();
    int i = 0;
    while (i < line.length()) {
      char c = line.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '"') {
        StringBuilder word = new StringBuilder();
        i++;
        boolean closed = false;
        while (i < line.length()) {
          char d = line.charAt(i++);
          if (d == '\\' && i < line.length()) {
            word.append(line.charAt(i++));
          } else if (d == '"') {
            closed = true;
            break;
          } else {
            word.append(d);
          }
        }
        if (!closed) {
          throw new IllegalArgumentException("syntax error, missing closing quote");
        }
        words.add(word.toString());
      } else {
        int start = i;
        while (i < line.length() && !Character.isWhitespace(line.charAt(i))) {
          i++;
        }
        words.add(line.substring(start, i));
      }
    }
    return words;
  }

  /**
   * The statements a {@code set} path stands for: {@code a b [ c d ]} is {@code a b c} and {@code a
   * b d}; a path without a list is itself.
   */
  public static List<List<String>> expandList(List<String> path) {
    int open = path.indexOf("[");
    if (open < 0) {
      return List.of(path);
    }
    int close = path.lastIndexOf("]");
    if (close < open || close != path.size() - 1) {
      throw new IllegalArgumentException("syntax error, expecting ']'");
    }
    List<List<String>> out = new ArrayList<>();
    for (String value : path.subList(open + 1, close)) {
      List<String> one = new ArrayList<>(path.subList(0, open));
      one.add(value);
      out.add(one);
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("syntax error, empty list");
    }
    return out;
  }
}
