package org.flowgate.dataplane.control;

/**
 * Where an SPU shard appears in multi-SPU output. As on a high-end SRX, each services card (FPC)
 * has four PICs and PIC 0 of FPC 0 is the central point: in Flowgate the dispatcher. SPU {@code k}
 * (0-based) is therefore {@code FPC (k+1)/4 PIC (k+1)%4}: SPU 0 is {@code FPC0 PIC1}.
 */
public final class SpuLocation {
  private SpuLocation() {}

  public static int fpc(int spu) {
    return (spu + 1) / 4;
  }

  public static int pic(int spu) {
    return (spu + 1) % 4;
  }

  /** {@code FPC0 PIC1} for SPU 0. */
  public static String name(int spu) {
    return "FPC" + fpc(spu) + " PIC" + pic(spu);
  }
}
