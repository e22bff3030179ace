package org.flowgate.config.compile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.flowgate.dataplane.runtime.RuntimeConfig;

/** Test helpers: compile text or a test resource. */
final class Compile {
  private Compile() {}

  /** Compiles, failing on any error (warnings are allowed). */
  static RuntimeConfig ok(String text) {
    CompileResult result = JunosCompiler.load(text, "t.conf");
    assertThat(result.errors()).as("errors of%n%s", text).isEmpty();
    return result.config();
  }

  /** Compiles, failing on any error, and gives the whole result. */
  static CompileResult result(String text) {
    CompileResult result = JunosCompiler.load(text, "t.conf");
    assertThat(result.errors()).as("errors of%n%s", text).isEmpty();
    return result;
  }

  static String resource(String name) {
    try (InputStream in = Compile.class.getResourceAsStream("/compile/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
