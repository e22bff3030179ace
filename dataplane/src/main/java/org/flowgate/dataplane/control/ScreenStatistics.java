package org.flowgate.dataplane.control;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.flowgate.dataplane.screen.ScreenAttack;

/**
 * What the screens counted, per interface of the running generation (by name) and attack ({@link
 * ScreenAttack} order), summed over the SPUs. A zone's statistics are the sum of its interfaces',
 * as Junos aggregates them (JUNIPER-JS-SCREENING-MIB: "the aggregated statistic of all the
 * interfaces bound to that specific zone").
 *
 * @param byInterface counts per interface name; the arrays are this record's own copies
 */
public record ScreenStatistics(Map<String, long[]> byInterface) {
  public ScreenStatistics {
    Map<String, long[]> copy = new LinkedHashMap<>();
    byInterface.forEach((name, counts) -> copy.put(name, counts.clone()));
    byInterface = java.util.Collections.unmodifiableMap(copy);
  }

  /** The counts of the interfaces named, summed (interfaces without counts add nothing). */
  public long[] sum(Collection<String> interfaces) {
    long[] total = new long[ScreenAttack.count()];
    for (String name : interfaces) {
      long[] counts = byInterface.get(name);
      if (counts != null) {
        for (int i = 0; i < total.length; i++) {
          total[i] += counts[i];
        }
      }
    }
    return total;
  }

  static ScreenStatistics total(Iterable<Map<String, long[]>> perSpu) {
    Map<String, long[]> total = new LinkedHashMap<>();
    for (Map<String, long[]> spu : perSpu) {
      spu.forEach(
          (name, counts) -> {
            long[] sum = total.computeIfAbsent(name, n -> new long[counts.length]);
            for (int i = 0; i < counts.length; i++) {
              sum[i] += counts[i];
            }
          });
    }
    return new ScreenStatistics(total);
  }
}
