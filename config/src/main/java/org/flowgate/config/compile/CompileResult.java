package org.flowgate.config.compile;

import java.util.List;
import java.util.Map;
import org.flowgate.config.text.Diagnostic;
import org.flowgate.dataplane.runtime.RuntimeConfig;

/**
 * What compiling a configuration gives.
 *
 * @param config the generation, or null when any diagnostic is an error
 * @param diagnostics every diagnostic of the compilation (and of parsing, when compiled from text),
 *     in the order found
 * @param vlanInterfaces for each {@code vlan-id} that names exactly one logical interface, that
 *     interface's name; the generation's ingress map already maps these tags
 * @param sessionLog {@code security log}: where RT_FLOW session logs go
 */
public record CompileResult(
    RuntimeConfig config,
    List<Diagnostic> diagnostics,
    Map<Integer, String> vlanInterfaces,
    SessionLogSettings sessionLog) {
  public CompileResult {
    diagnostics = List.copyOf(diagnostics);
    vlanInterfaces = Map.copyOf(vlanInterfaces);
  }

  /** True when there is a generation (no errors; warnings allowed). */
  public boolean ok() {
    return config != null;
  }

  public List<Diagnostic> errors() {
    return diagnostics.stream().filter(d -> d.severity() == Diagnostic.Severity.ERROR).toList();
  }

  public List<Diagnostic> warnings() {
    return diagnostics.stream().filter(d -> d.severity() == Diagnostic.Severity.WARNING).toList();
  }
}
