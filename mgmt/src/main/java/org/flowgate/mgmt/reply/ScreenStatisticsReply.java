package org.flowgate.mgmt.reply;

import java.util.ArrayList;
import java.util.List;
import org.flowgate.dataplane.screen.ScreenAttack;

/**
 * {@code show security screen statistics zone Z | interface I}: what the screens of the zone (the
 * sum of its interfaces) or of the interface counted, one line per attack in the order Junos prints
 * them, zeros included.
 *
 * @param zone the zone asked for, null when an interface was
 * @param interfaceName the interface asked for, null when a zone was
 */
public record ScreenStatisticsReply(String zone, String interfaceName, List<Counter> counters)
    implements ViewReply {
  public ScreenStatisticsReply {
    counters = List.copyOf(counters);
  }

  /**
   * One line.
   *
   * @param label the text's label ({@code ICMP flood})
   * @param element the XML element ({@code ids-statistics-icmp-flood})
   */
  public record Counter(String label, String element, long count) {}

  /** The reply from counts in {@link ScreenAttack} order. */
  public static ScreenStatisticsReply of(String zone, String interfaceName, long[] counts) {
    List<Counter> counters = new ArrayList<>();
    for (ScreenAttack attack : ScreenAttack.values()) {
      counters.add(new Counter(attack.label(), attack.element(), counts[attack.ordinal()]));
    }
    return new ScreenStatisticsReply(zone, interfaceName, counters);
  }
}
