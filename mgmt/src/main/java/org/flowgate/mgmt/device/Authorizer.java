package org.flowgate.mgmt.device;

import java.util.ArrayList;
import java.util.List;
import org.flowgate.mgmt.auth.LoginClass;
import org.flowgate.mgmt.command.OperationalCommands;

/**
 * Checks an operational command line against a login class: the line is written out in full
 * (abbreviations expanded through the command tree's completions) and the flag its first word needs
 * is looked up, then {@code allow-commands} / {@code deny-commands} decide.
 *
 * <p>Thread: stateless.
 */
public final class Authorizer {
  private Authorizer() {}

  /** The command part of {@code line} (before any pipe) with each abbreviated word written out. */
  public static String expand(OperationalCommands commands, String line) {
    String command = line.contains("|") ? line.substring(0, line.indexOf('|')) : line;
    List<String> done = new ArrayList<>();
    for (String word : command.strip().split("\\s+")) {
      if (word.isEmpty()) {
        continue;
      }
      String prefix = done.isEmpty() ? "" : String.join(" ", done) + " ";
      List<String> candidates = commands.completions(prefix + word);
      if (!candidates.contains(word) && candidates.size() == 1) {
        done.add(candidates.getFirst());
      } else {
        done.add(expandOwn(done, word));
      }
    }
    return String.join(" ", done);
  }

  private static String expandOwn(List<String> done, String word) {
    List<String> own =
        done.isEmpty()
            ? List.of("show", "clear", "request", "configure")
            : done.size() == 1 && done.getFirst().equals("request")
                ? List.of("flowgate")
                : done.size() == 2 && done.get(1).equals("flowgate")
                    ? List.of("replay")
                    : List.of();
    List<String> matches = own.stream().filter(w -> w.startsWith(word)).toList();
    return matches.size() == 1 ? matches.getFirst() : word;
  }

  /** The permission flag a command (written out in full) needs. */
  public static String flagFor(String expanded) {
    String first = expanded.contains(" ") ? expanded.substring(0, expanded.indexOf(' ')) : expanded;
    return switch (first) {
      case "clear" -> "clear";
      case "request" -> "maintenance";
      case "configure" -> "configure";
      default -> "view";
    };
  }

  public static boolean mayRun(LoginClass loginClass, String expanded) {
    return loginClass.mayRun(expanded, flagFor(expanded));
  }
}
