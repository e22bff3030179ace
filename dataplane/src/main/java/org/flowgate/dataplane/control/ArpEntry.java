package org.flowgate.dataplane.control;

import org.flowgate.dataplane.net.IpAddress;

/**
 * One entry of the device's ARP table ({@code show arp}): a neighbour's address, its MAC and the
 * interface it was learnt on. A replay resolves no neighbours, so its table is empty; live
 * forwarding fills it ({@link FlowEngine#useArpTable}).
 *
 * @param mac the 48-bit MAC address
 * @param permanent a static entry ({@code permanent}), else a learnt one ({@code none})
 */
public record ArpEntry(IpAddress address, long mac, String interfaceName, boolean permanent) {

  /** {@code xx:xx:xx:xx:xx:xx}. */
  public String macText() {
    return macText(mac);
  }

  /** A 48-bit MAC address as {@code xx:xx:xx:xx:xx:xx}. */
  public static String macText(long mac) {
    StringBuilder text = new StringBuilder(17);
    for (int shift = 40; shift >= 0; shift -= 8) {
      if (shift < 40) {
        text.append(':');
      }
      text.append(Character.forDigit((int) (mac >>> (shift + 4)) & 0xf, 16));
      text.append(Character.forDigit((int) (mac >>> shift) & 0xf, 16));
    }
    return text.toString();
  }
}
