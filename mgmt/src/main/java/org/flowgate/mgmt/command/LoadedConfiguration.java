package org.flowgate.mgmt.command;

import java.util.Objects;
import org.flowgate.config.text.ParsedConfig;

/**
 * The configuration text the engine was started with, as parsed: what {@code show configuration}
 * prints and where policy views find the names the user wrote (address-book entries and application
 * sets, which the compiled generation has already expanded).
 *
 * @param fileName the file it was read from, as given
 * @param parsed the statements as written ({@link ParsedConfig#configured()}) and as effective
 *     ({@link ParsedConfig#statements()})
 * @param committedAt when this configuration was committed, null when it was loaded at start (then
 *     {@code ## Last commit:} shows when the management started, ADR 0021)
 * @param committedBy who committed it, null when it was loaded at start
 */
public record LoadedConfiguration(
    String fileName, ParsedConfig parsed, java.time.Instant committedAt, String committedBy) {
  public LoadedConfiguration {
    Objects.requireNonNull(fileName, "fileName");
    Objects.requireNonNull(parsed, "parsed");
  }

  /** A configuration read from a file at start, committed by nobody in particular. */
  public LoadedConfiguration(String fileName, ParsedConfig parsed) {
    this(fileName, parsed, null, null);
  }
}
