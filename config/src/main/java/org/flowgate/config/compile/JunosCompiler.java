package org.flowgate.config.compile;

import java.util.List;
import org.flowgate.config.text.ConfigParser;
import org.flowgate.config.text.ConfigStatement;
import org.flowgate.config.text.Diagnostics;
import org.flowgate.config.text.ParsedConfig;
import org.flowgate.dataplane.runtime.RuntimeConfig;

/**
 * Compiles a Junos configuration into a {@link RuntimeConfig} generation, in three named passes:
 *
 * <pre>
 *  statements ─► read ─────────────► validate ──────────────► build ──────────────► RuntimeConfig
 *  (flattened,   {@link ConfigReader}: the     {@link ConfigValidator}: every     {@link GenerationBuilder}:
 *   groups        schema of what is       name used is defined,     zones, instances,
 *   expanded)     implemented; values     at the statement that     interfaces, routes,
 *                 checked; the rest is    uses it                   applications, policies
 *                 "statement not                                    (ids from 4), NAT
 *                 implemented" warnings                             (ids from 1 per kind)
 *                 (NAT: {@link NatReader})
 * </pre>
 *
 * <p>Inactive statements are skipped. Every problem is a diagnostic with its source location; the
 * compiler never throws on bad configuration, and gives no generation when any diagnostic is an
 * error (the build pass does not run then).
 *
 * <p>Thread: stateless; each call works on its own objects.
 */
public final class JunosCompiler {
  private JunosCompiler() {}

  /** Compiles a parsed configuration; diagnostics are added to {@code diagnostics}. */
  public static CompileResult compile(ParsedConfig parsed, Diagnostics diagnostics) {
    return compile(parsed.statements(), diagnostics);
  }

  /** Compiles effective statements (as {@link ParsedConfig#statements()} gives them). */
  public static CompileResult compile(List<ConfigStatement> statements, Diagnostics diagnostics) {
    JunosConfiguration configuration = ConfigReader.read(statements, diagnostics);
    ConfigValidator.validate(configuration, diagnostics);
    if (diagnostics.hasErrors()) {
      return new CompileResult(
          null, diagnostics.all(), java.util.Map.of(), SessionLogSettings.NONE);
    }
    GenerationBuilder.Built built = GenerationBuilder.build(configuration, diagnostics);
    return new CompileResult(
        built.config(), diagnostics.all(), built.vlanInterfaces(), configuration.sessionLog());
  }

  /** Parses text in either syntax ({@code {}} or {@code set} lines) and compiles it. */
  public static CompileResult load(String text, String fileName) {
    Diagnostics diagnostics = new Diagnostics();
    ParsedConfig parsed = ConfigParser.parseConfig(text, fileName, diagnostics);
    if (diagnostics.hasErrors()) {
      return new CompileResult(
          null, diagnostics.all(), java.util.Map.of(), SessionLogSettings.NONE);
    }
    return compile(parsed, diagnostics);
  }
}
