package org.flowgate.server;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.flowgate.config.compile.CompileResult;
import org.flowgate.config.compile.JunosCompiler;
import org.flowgate.config.compile.SessionLogSettings;
import org.flowgate.config.text.ConfigParser;
import org.flowgate.config.text.ConfigSource;
import org.flowgate.config.text.Diagnostic;
import org.flowgate.config.text.Diagnostics;
import org.flowgate.config.text.ParsedConfig;
import org.flowgate.mgmt.command.LoadedConfiguration;

/** Loading a Junos configuration file for the launcher, and {@code flowgate check}. */
final class ConfigFiles {
  /** Exit status of {@code replay --config} when the configuration has errors or cannot be read. */
  static final int CONFIG_ERROR = 2;

  private ConfigFiles() {}

  /**
   * Reads and compiles a file in either syntax; null (after saying why on {@code err}) when
   * unreadable.
   */
  static CompileResult load(Path file, PrintStream err) {
    Loaded loaded = read(file, err);
    return loaded == null ? null : loaded.result();
  }

  /**
   * A compiled file and its parsed text ({@code show configuration} prints the text; the text is
   * null when parsing failed, and then {@code result} carries the errors).
   */
  record Loaded(CompileResult result, LoadedConfiguration configuration) {}

  /** As {@link #load}, keeping the parsed statements for the operational commands. */
  static Loaded read(Path file, PrintStream err) {
    byte[] bytes;
    try {
      if (Files.isRegularFile(file) && Files.size(file) > ConfigSource.MAX_BYTES) {
        err.println(
            "flowgate: cannot read configuration "
                + file
                + ": larger than "
                + ConfigSource.MAX_BYTES
                + " bytes");
        return null;
      }
      bytes = Files.readAllBytes(file);
    } catch (IOException | RuntimeException | OutOfMemoryError e) {
      err.println("flowgate: cannot read configuration " + file + ": " + e.getMessage());
      return null;
    }
    // Strict UTF-8: a bad byte is an error with its line and column, not a bare exception.
    Diagnostics diagnostics = new Diagnostics();
    String text = ConfigSource.decode(bytes, file.toString(), diagnostics);
    if (text == null) {
      return new Loaded(
          new CompileResult(null, diagnostics.all(), Map.of(), SessionLogSettings.NONE), null);
    }
    return parse(text, file.toString());
  }

  /** Parses and compiles text, keeping the parsed statements. */
  static Loaded parse(String text, String fileName) {
    Diagnostics diagnostics = new Diagnostics();
    ParsedConfig parsed = ConfigParser.parseConfig(text, fileName, diagnostics);
    if (diagnostics.hasErrors()) {
      return new Loaded(JunosCompiler.load(text, fileName), null);
    }
    return new Loaded(
        JunosCompiler.compile(parsed, diagnostics), new LoadedConfiguration(fileName, parsed));
  }

  static void print(CompileResult result, PrintStream out) {
    for (Diagnostic diagnostic : result.diagnostics()) {
      out.println(diagnostic);
    }
  }

  /**
   * {@code flowgate check FILE}: every diagnostic, then Junos's verdict line; 0 when the
   * configuration compiles (warnings allowed), 2 ({@link #CONFIG_ERROR}, as {@code replay --config}
   * exits) when it has errors or cannot be read.
   */
  static int check(String[] args, PrintStream out, PrintStream err) {
    if (args.length != 1 || args[0].startsWith("-")) {
      throw new Main.UsageException("check takes one configuration file");
    }
    CompileResult result = load(Path.of(args[0]), err);
    if (result == null) {
      return CONFIG_ERROR;
    }
    print(result, out);
    if (!result.ok()) {
      out.println(
          "error: configuration check-out failed: "
              + result.errors().size()
              + " error"
              + (result.errors().size() == 1 ? "" : "s")
              + ", "
              + result.warnings().size()
              + " warning"
              + (result.warnings().size() == 1 ? "" : "s"));
      return CONFIG_ERROR;
    }
    out.println("configuration check succeeds");
    return 0;
  }
}
