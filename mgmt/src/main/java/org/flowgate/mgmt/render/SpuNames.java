package org.flowgate.mgmt.render;

import org.flowgate.dataplane.control.SpuLocation;

/** How per-SPU output names an SPU: {@code FPC0 PIC1} for SPU 0 (the high-end layout). */
final class SpuNames {
  private SpuNames() {}

  static String name(int spu) {
    return SpuLocation.name(spu);
  }
}
