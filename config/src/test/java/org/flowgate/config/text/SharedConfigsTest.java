package org.flowgate.config.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.flowgate.testkit.Shared;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real-world configurations from {@code <flowgate.shared>/junos/configs} and the {@code
 * config-*.txt} samples load without errors and survive printing. The folder is not part of the
 * project; where it is absent these tests are skipped with a message.
 */
class SharedConfigsTest {
  static Path sharedDir() {
    return Shared.directory();
  }

  static Stream<Arguments> configs() throws IOException {
    Path junos = sharedDir().resolve("junos");
    if (!Files.isDirectory(junos)) {
      return Stream.of(Arguments.argumentSet("shared folder absent", (Object) null));
    }
    List<Path> files;
    try (Stream<Path> all = Files.walk(junos.resolve("configs"))) {
      files = all.filter(p -> p.toString().endsWith(".conf")).sorted().toList();
    }
    List<Path> samples;
    try (Stream<Path> all = Files.list(junos.resolve("samples"))) {
      samples =
          all.filter(p -> p.getFileName().toString().matches("config-.*\\.txt")).sorted().toList();
    }
    return Stream.concat(files.stream(), samples.stream())
        .map(p -> Arguments.argumentSet(junos.relativize(p).toString(), p));
  }

  /** The file's text; a first {@code # Source:} line (a provenance note, not config) is blanked. */
  private static String read(Path file) {
    assumeTrue(
        file != null,
        () -> "skipped: " + sharedDir() + "/junos not found (../shared is not beside the project)");
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      return text.startsWith("# Source:") ? text.substring(text.indexOf('\n')) : text;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @ParameterizedTest
  @MethodSource("configs")
  void loadsWithoutErrors(Path file) {
    Diagnostics diagnostics = new Diagnostics();
    List<ConfigStatement> statements =
        ConfigParser.parse(read(file), file.getFileName().toString(), diagnostics);
    assertThat(diagnostics.errors()).isEmpty();
    assertThat(statements).isNotEmpty();
  }

  @ParameterizedTest
  @MethodSource("configs")
  void printsAndParsesBackToTheSameStatements(Path file) {
    ParsedConfig parsed =
        ConfigParser.parseConfig(read(file), file.getFileName().toString(), new Diagnostics());
    for (List<ConfigStatement> statements : List.of(parsed.configured(), parsed.statements())) {
      for (String printed :
          List.of(ConfigPrinter.hierarchical(statements), ConfigPrinter.displaySet(statements))) {
        Diagnostics diagnostics = new Diagnostics();
        ParsedConfig reparsed = ConfigParser.parseConfig(printed, "printed", diagnostics);
        assertThat(diagnostics.all()).as(printed).isEmpty();
        assertThat(Parse.lines(reparsed.configured())).isEqualTo(Parse.lines(statements));
      }
    }
  }
}
