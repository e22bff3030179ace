package org.flowgate.mgmt.reply;

import java.util.ArrayList;
import java.util.List;

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

  /**
   * One line: the name {@code show security alg status} prints, and its state.
   *
   * @param statement the ALG's statement under {@code [edit security alg]} ({@code ike-esp-nat}),
   *     which names its XML leaf ({@code alg-ike-esp-nat-status})
   */
  public record Entry(String name, String statement, boolean enabled) {}

  /** From the generation's status ({@code RuntimeConfig.algStatus()}), in its order. */
  public static AlgStatusReply of(java.util.SequencedMap<String, Boolean> status) {
    List<Entry> entries = new ArrayList<>();
    status.forEach(
        (name, on) -> {
          String statement = org.flowgate.dataplane.control.AlgViews.statement(name);
          entries.add(
              new Entry(
                  name,
                  statement != null ? statement : name.toLowerCase(java.util.Locale.ROOT),
                  on));
        });
    return new AlgStatusReply(entries);
  }
}
