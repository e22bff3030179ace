package org.flowgate.mgmt.pipe;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.regex.PatternSyntaxException;
import org.flowgate.mgmt.regex.BoundedRegex;

/**
 * The text pipes of a command line, in order, ending in the output:
 *
 * <pre>
 * | match REGEX    lines in which REGEX is found         | except REGEX   the others
 * | count          "Count: N lines" instead of the lines | last N         the last N lines
 * | no-more        no paging (the CLI reads it)          | save FILE      the lines to FILE, then
 *                                                                         "Wrote N lines of output to 'FILE'"
 * </pre>
 *
 * Each pipe word may be abbreviated to a unique prefix. {@code match} and {@code except} bound
 * their work ({@link BoundedRegex}): an expression that backtracks past its allowance throws {@link
 * BoundedRegex.TooComplex} out of {@link LineSink#line}, which ends the output. Stateless; any
 * thread (each chain is confined to the thread that runs its command).
 */
public final class PipeChain {
  private static final List<String> COMMANDS =
      List.of("count", "except", "last", "match", "no-more", "save");

  private PipeChain() {}

  /**
   * The chain the pipes ask for, ending in {@code out}; null when a pipe is not one this CLI knows
   * or lacks its argument (the caller answers with a syntax error).
   */
  public static LineSink build(List<List<String>> pipes, Appendable out) {
    LineSink sink =
        new LineSink() {
          @Override
          public void line(String line) {
            append(out, line);
            append(out, "\n");
          }

          @Override
          public void finish() {}
        };
    for (int i = pipes.size() - 1; i >= 0 && sink != null; i--) {
      sink = stage(pipes.get(i), sink);
    }
    return sink;
  }

  /** The first pipe {@link #build} refuses, or null when all are good. */
  public static List<String> firstBad(List<List<String>> pipes) {
    for (List<String> pipe : pipes) {
      if (build(List.of(pipe), new StringBuilder()) == null) {
        return pipe;
      }
    }
    return null;
  }

  /** True when the pipes ask for output without paging. */
  public static boolean noMore(List<List<String>> pipes) {
    return pipes.stream()
        .anyMatch(p -> !p.isEmpty() && p.get(0).length() >= 2 && "no-more".startsWith(p.get(0)));
  }

  private static LineSink stage(List<String> pipe, LineSink next) {
    String word = pipe.isEmpty() ? "" : pipe.get(0);
    String argument = pipe.size() > 1 ? String.join(" ", pipe.subList(1, pipe.size())) : null;
    return switch (command(word)) {
      case "match", "except" -> filter(argument, command(word).equals("match"), next);
      case "count" -> count(next);
      case "last" -> last(argument, next);
      case "no-more" -> next;
      case "save" -> {
        Path file = fileName(argument);
        yield file == null ? null : save(file, next);
      }
      default -> null;
    };
  }

  /** The file {@code | save} names, or null (a refused pipe) when it names none the host allows. */
  private static Path fileName(String argument) {
    if (argument == null) {
      return null;
    }
    try {
      return Path.of(argument);
    } catch (InvalidPathException e) { // a NUL in the name, found by the command fuzz target
      return null;
    }
  }

  private static LineSink filter(String argument, boolean keep, LineSink next) {
    if (argument == null) {
      return null;
    }
    BoundedRegex pattern;
    try {
      pattern = BoundedRegex.compile(argument);
    } catch (PatternSyntaxException e) {
      return null;
    }
    return new LineSink() {
      @Override
      public void line(String line) {
        if (pattern.find(line) == keep) { // TooComplex ends the output (OperationalCommands)
          next.line(line);
        }
      }

      @Override
      public void finish() {
        next.finish();
      }
    };
  }

  private static LineSink count(LineSink next) {
    return new LineSink() {
      private long lines;

      @Override
      public void line(String line) {
        lines++;
      }

      @Override
      public void finish() {
        next.line("Count: " + lines + " lines");
        next.finish();
      }
    };
  }

  private static LineSink last(String argument, LineSink next) {
    int n;
    try {
      n = argument == null ? -1 : Integer.parseInt(argument);
    } catch (NumberFormatException e) {
      n = -1;
    }
    if (n < 0) {
      return null;
    }
    int keep = n;
    return new LineSink() {
      private final ArrayDeque<String> tail = new ArrayDeque<>();

      @Override
      public void line(String line) {
        tail.addLast(line);
        if (tail.size() > keep) {
          tail.removeFirst();
        }
      }

      @Override
      public void finish() {
        tail.forEach(next::line);
        next.finish();
      }
    };
  }

  private static LineSink save(Path file, LineSink next) {
    return new LineSink() {
      private BufferedWriter writer;
      private long lines;
      private String failure;

      @Override
      public void line(String line) {
        if (failure != null) {
          return;
        }
        try {
          if (writer == null) {
            writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
          }
          writer.write(line);
          writer.write('\n');
          lines++;
        } catch (IOException | RuntimeException e) {
          failure = e.getMessage();
        }
      }

      @Override
      public void finish() {
        try {
          if (writer == null && failure == null) {
            writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
          }
          if (writer != null) {
            writer.close();
          }
        } catch (IOException | RuntimeException e) {
          failure = e.getMessage();
        }
        next.line(
            failure == null
                ? "Wrote " + lines + " lines of output to '" + file + "'"
                : "error: could not write '" + file + "': " + failure);
        next.finish();
      }
    };
  }

  private static String command(String word) {
    List<String> matches =
        COMMANDS.stream().filter(c -> c.startsWith(word) && !word.isEmpty()).toList();
    return COMMANDS.contains(word) ? word : matches.size() == 1 ? matches.get(0) : "";
  }

  private static void append(Appendable out, CharSequence text) {
    try {
      out.append(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
