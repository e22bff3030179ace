package org.flowgate.dataplane.zone;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which firewall interface a captured packet came in on. A capture does not say, so the operator
 * may map a pcapng interface, a VLAN id or a source MAC address to an interface; packets that no
 * mapping names come in on the interface through which their source address is routed.
 *
 * <p>Thread: immutable; primitive arrays so that the per-packet lookup allocates nothing.
 */
public final class IngressMap {
  private static final IngressMap NONE = new IngressMap(Map.of(), Map.of(), Map.of());

  private final int[] byCaptureInterface;
  private final int[] byVlan;
  private final long[] macs;
  private final int[] byMac;

  public IngressMap(
      Map<Integer, Integer> captureInterfaceToInterface,
      Map<Integer, Integer> vlanToInterface,
      Map<Long, Integer> macToInterface) {
    int maxCapture =
        captureInterfaceToInterface.keySet().stream().mapToInt(i -> i).max().orElse(-1);
    byCaptureInterface = new int[maxCapture + 1];
    Arrays.fill(byCaptureInterface, -1);
    captureInterfaceToInterface.forEach((k, v) -> byCaptureInterface[k] = v);
    byVlan = new int[4096];
    Arrays.fill(byVlan, -1);
    vlanToInterface.forEach((k, v) -> byVlan[k] = v);
    var sorted = new TreeMap<>(macToInterface);
    macs = sorted.keySet().stream().mapToLong(Long::longValue).toArray();
    byMac = sorted.values().stream().mapToInt(Integer::intValue).toArray();
  }

  public static IngressMap none() {
    return NONE;
  }

  public boolean isEmpty() {
    return byCaptureInterface.length == 0
        && macs.length == 0
        && Arrays.stream(byVlan).allMatch(i -> i < 0);
  }

  /** The mapped interface index, or -1 when no mapping names this packet. */
  public int lookup(int captureInterfaceId, int vlanId, long sourceMac) {
    if (captureInterfaceId >= 0 && captureInterfaceId < byCaptureInterface.length) {
      int mapped = byCaptureInterface[captureInterfaceId];
      if (mapped >= 0) {
        return mapped;
      }
    }
    if (vlanId >= 0 && vlanId < 4096 && byVlan[vlanId] >= 0) {
      return byVlan[vlanId];
    }
    if (macs.length > 0 && sourceMac >= 0) {
      int found = Arrays.binarySearch(macs, sourceMac);
      if (found >= 0) {
        return byMac[found];
      }
    }
    return -1;
  }
}
