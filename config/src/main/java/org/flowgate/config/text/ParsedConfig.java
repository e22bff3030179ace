package org.flowgate.config.text;

import java.util.List;

/**
 * The result of loading one configuration text.
 *
 * @param statements the effective configuration: {@code delete}, {@code deactivate} and {@code
 *     activate} applied, groups inherited, without the {@code groups} subtree and without {@code
 *     apply-groups} / {@code apply-groups-except} statements. This is what later passes read.
 * @param configured the configuration as written (deletes and (de)activations applied, groups not
 *     expanded), including {@code groups} and {@code apply-groups}: what Junos shows for {@code
 *     show configuration}
 * @param groups the statements under {@code groups}, with their full paths (for {@code show
 *     configuration groups})
 */
public record ParsedConfig(
    List<ConfigStatement> statements,
    List<ConfigStatement> configured,
    List<ConfigStatement> groups) {
  public ParsedConfig {
    statements = List.copyOf(statements);
    configured = List.copyOf(configured);
    groups = List.copyOf(groups);
  }
}
