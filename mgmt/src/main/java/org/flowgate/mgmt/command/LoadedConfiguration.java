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
 */
public record LoadedConfiguration(String fileName, ParsedConfig parsed) {
  public LoadedConfiguration {
    Objects.requireNonNull(fileName, "fileName");
    Objects.requireNonNull(parsed, "parsed");
  }
}
