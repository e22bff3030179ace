package org.flowgate.mgmt.render;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.flowgate.testkit.Shared;

/**
 * Reads real device outputs from {@code ../shared/junos/samples} at test time. The folder is not
 * part of the project: where it is absent the calling test is skipped, never failed.
 */
public final class JunosSamples {
  /** A CLI prompt with its command, or the bare command some sources quote instead. */
  private static final Pattern PROMPT = Pattern.compile("^\\s*(\\S*>\\s*)?show\\s.*$");

  private JunosSamples() {}

  /** The {@code shared} folder: the build's {@code flowgate.shared}, else {@code ../shared}. */
  static Path sharedDir() {
    return Shared.directory();
  }

  /**
   * The output lines of sample {@code name}: its first line (naming the source) and any prompt
   * lines removed. Skips the test when the samples are not there.
   */
  public static List<String> output(String name) throws IOException {
    Path file = sharedDir().resolve("junos/samples").resolve(name);
    assumeTrue(
        Files.isRegularFile(file),
        () -> "skipped: Junos sample " + file + " not found (../shared is not beside the project)");
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    return lines.stream().skip(1).filter(line -> !PROMPT.matcher(line).matches()).toList();
  }

  public static List<String> lines(String rendered) {
    return rendered.lines().toList();
  }

  static List<String> stripTrailing(List<String> lines) {
    return lines.stream().map(String::stripTrailing).toList();
  }
}
