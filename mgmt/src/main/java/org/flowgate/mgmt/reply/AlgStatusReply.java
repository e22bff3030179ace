package org.flowgate.mgmt.reply;

import java.util.ArrayList;
import java.util.List;
import org.flowgate.dataplane.alg.Alg;
import org.flowgate.dataplane.alg.AlgSettings;

/**
 * {@code show security alg status}: every ALG of the device, in Junos's order, on or off as the
 * configuration in force says (Junos's defaults where it says nothing).
 *
 * <pre>
 * ALG Status :
 *   DNS      : Enabled
 *   ...
 *   IKE-ESP  : Disabled
 * </pre>
 *
 * @param algs each ALG's status name and whether it is on
 */
public record AlgStatusReply(List<Entry> algs) implements ViewReply {

  public AlgStatusReply {
    algs = List.copyOf(algs);
  }

  /** One line: the name {@code show security alg status} prints, and its state. */
  public record Entry(String name, boolean enabled) {}

  public static AlgStatusReply of(AlgSettings settings) {
    List<Entry> entries = new ArrayList<>();
    for (Alg alg : Alg.values()) {
      entries.add(new Entry(alg.statusName(), settings.isEnabled(alg)));
    }
    return new AlgStatusReply(entries);
  }
}
