package org.flowgate.dataplane.screen;

import java.util.List;

/**
 * The screens of one generation: every {@code security screen ids-option} in configuration order,
 * and which of them each zone applies ({@code security zones security-zone Z screen NAME}).
 *
 * @param options the ids-options, whether a zone uses them or not ({@code show security screen
 *     ids-option} shows any)
 * @param zoneOptions for each zone index, the index of its ids-option in {@code options}, -1 for
 *     none; shorter than the zone list when the last zones have none
 */
public record ScreenConfig(List<IdsOption> options, List<Integer> zoneOptions) {
  public static final ScreenConfig NONE = new ScreenConfig(List.of(), List.of());

  public ScreenConfig {
    options = List.copyOf(options);
    zoneOptions = List.copyOf(zoneOptions);
  }

  /** The ids-option the zone at {@code zone} applies, or null. */
  public IdsOption forZone(int zone) {
    if (zone < 0 || zone >= zoneOptions.size()) {
      return null;
    }
    int option = zoneOptions.get(zone);
    return option < 0 ? null : options.get(option);
  }

  /** The ids-option with this name, or null. */
  public IdsOption named(String name) {
    for (IdsOption option : options) {
      if (option.name().equals(name)) {
        return option;
      }
    }
    return null;
  }

  /** True when some zone applies an ids-option that turns a screen on. */
  public boolean screensAnyZone() {
    for (int zone = 0; zone < zoneOptions.size(); zone++) {
      IdsOption option = forZone(zone);
      if (option != null && option.screensAnything()) {
        return true;
      }
    }
    return false;
  }
}
