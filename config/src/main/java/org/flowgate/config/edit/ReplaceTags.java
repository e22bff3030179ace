package org.flowgate.config.edit;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the containers a hierarchical text tags {@code replace:}, for {@code load replace}: each
 * such container replaces what the candidate has at its path. Reads the braces line by line, as
 * {@code show configuration} writes them; a tag the scanner cannot place is ignored (the container
 * then merges).
 *
 * <p>Thread: stateless.
 */
final class ReplaceTags {
  private ReplaceTags() {}

  static List<List<String>> paths(String text) {
    List<List<String>> found = new ArrayList<>();
    List<List<String>> stack = new ArrayList<>();
    boolean pending = false;
    for (String raw : text.split("\n")) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith("/*")) {
        continue;
      }
      boolean replace = pending;
      pending = false;
      while (line.startsWith("replace:")
          || line.startsWith("inactive:")
          || line.startsWith("protect:")) {
        replace |= line.startsWith("replace:");
        line = line.substring(line.indexOf(':') + 1).strip();
      }
      if (line.isEmpty()) {
        pending = replace; // "replace:" alone tags the statement on the next line
        continue;
      }
      if (line.equals("}")) {
        if (!stack.isEmpty()) {
          stack.removeLast();
        }
        continue;
      }
      boolean opens = line.endsWith("{");
      String body = opens ? line.substring(0, line.length() - 1).strip() : line;
      if (body.endsWith(";")) {
        body = body.substring(0, body.length() - 1).strip();
      }
      List<String> words;
      try {
        words = Words.split(body);
      } catch (IllegalArgumentException e) {
        continue;
      }
      List<String> path = new ArrayList<>();
      stack.forEach(path::addAll);
      if (replace && !words.isEmpty()) {
        List<String> tagged = new ArrayList<>(path);
        // "replace: host-name x;" replaces the keyword's values, not the value itself
        tagged.addAll(opens ? words : words.subList(0, 1));
        found.add(tagged);
      }
      if (opens) {
        stack.add(words);
      }
    }
    return found;
  }
}
