package org.flowgate.mgmt.reply;

import org.flowgate.dataplane.control.FlowEngine;
import org.flowgate.dataplane.control.SpuLocation;

/**
 * The device Flowgate presents itself as: every device-dependent choice of the views is read from
 * here and nowhere else (ADR 0020 §Device). Until the data plane offers its own device model
 * through control, this one is built from what {@link FlowEngine} exposes: its host name, its SPU
 * count and its session limit.
 *
 * @param hostName {@code system host-name} of the running configuration
 * @param model the product model ({@code vsrx})
 * @param junosVersion the release the views imitate (and the namespaces carry)
 * @param serialNumber the chassis serial number
 * @param perSpuBlocks true for the high-end layout (per-SPU blocks headed {@code FPCx PICy}, wings
 *     with {@code CP Session ID}), false for a single flowd
 * @param spus SPU shards of the engine
 * @param maximumSessions the session table's size
 */
public record DeviceModel(
    String hostName,
    String model,
    String junosVersion,
    String serialNumber,
    boolean perSpuBlocks,
    int spus,
    long maximumSessions) {

  /** vSRX 3.0 on the release of the captures whose style Flowgate follows (ADR 0006, 0008). */
  public static final String VSRX_MODEL = "vsrx";

  public static final String VSRX_RELEASE = "24.4R1-S2.9";

  /**
   * The serial number of a Flowgate chassis: a vSRX derives its serial from its VM identity;
   * Flowgate has none, so it shows this fixed word (ADR 0020 §Device).
   */
  public static final String SERIAL_NUMBER = "FLOWGATE0001";

  /**
   * The device of an engine. The layout follows the SPU count as before: one SPU is a vSRX's single
   * flowd, several are shown per SPU as on a high-end SRX (the data plane's device model will
   * decide this instead; ADR 0020 §Device).
   */
  public static DeviceModel of(FlowEngine engine) {
    return new DeviceModel(
        engine.config().hostName(),
        VSRX_MODEL,
        VSRX_RELEASE,
        SERIAL_NUMBER,
        engine.spuCount() > 1,
        engine.spuCount(),
        engine.maximumSessions());
  }

  /** Where an SPU appears in per-SPU output: {@code FPC0 PIC1} for SPU 0. */
  public String spuLocation(int spu) {
    return SpuLocation.name(spu);
  }

  public int fpc(int spu) {
    return SpuLocation.fpc(spu);
  }

  public int pic(int spu) {
    return SpuLocation.pic(spu);
  }
}
