package org.flowgate.mgmt.reply;

import org.flowgate.dataplane.control.FlowEngine;
import org.flowgate.dataplane.control.Platform;
import org.flowgate.dataplane.control.SpuLocation;

/**
 * The device Flowgate presents itself as: every device-dependent choice of the views is read from
 * here and nowhere else (ADR 0020 §Device). It follows the engine's {@link Platform}, never the
 * number of internal SPU shards: a vSRX with four shards shows one table, totals over every shard,
 * no {@code FPCx PICy} headers and no {@code CP Session ID}; an SRX5800 shows each shard as an SPU.
 *
 * @param hostName {@code system host-name} of the running configuration
 * @param model the product model, {@code Model:} of {@code show version} and its {@code
 *     <product-model>}: {@code vSRX} on a vSRX (the vSRX 24.4 capture's {@code Model: vSRX}, a real
 *     vSRX reply's {@code <product-model>vSRX</product-model>}), {@code srx5800} on an SRX5800
 * @param productName {@code <product-name>} of {@code show version}: {@code vsrx}, {@code srx5800}
 * @param chassisDescription the chassis description of {@code show chassis hardware}: {@code VSRX}
 *     on a vSRX; {@code SRX 5800} on an SRX5800, written with a space as Juniper's own
 *     chassis-inventory reply writes its sibling ({@code <description>SRX 5600</description>},
 *     Junos 10.4)
 * @param junosVersion the release the views imitate (and the namespaces carry)
 * @param serialNumber the chassis serial number
 * @param perSpuBlocks true for the high-end layout (per-SPU blocks headed {@code FPCx PICy}, wings
 *     with {@code CP Session ID}), false for a single flowd
 * @param spus SPU shards of the engine (SPUs the views show only when {@code perSpuBlocks})
 * @param maximumSessions the session table's size
 */
public record DeviceModel(
    String hostName,
    String model,
    String productName,
    String chassisDescription,
    String junosVersion,
    String serialNumber,
    boolean perSpuBlocks,
    int spus,
    long maximumSessions) {

  /** vSRX 3.0 on the release of the captures whose style Flowgate follows (ADR 0006, 0008). */
  public static final String VSRX_MODEL = Platform.VSRX.model();

  public static final String VSRX_RELEASE = "24.4R1-S2.9";

  /**
   * The serial number of a Flowgate chassis: a vSRX derives its serial from its VM identity;
   * Flowgate has none, so it shows this fixed word (ADR 0020 §Device).
   */
  public static final String SERIAL_NUMBER = "FLOWGATE0001";

  /** The device of an engine: its platform decides the layout, the engine the rest. */
  public static DeviceModel of(FlowEngine engine) {
    Platform platform = engine.platform();
    return new DeviceModel(
        engine.config().hostName(),
        productModel(platform),
        platform.model(),
        chassisDescription(platform),
        VSRX_RELEASE,
        SERIAL_NUMBER,
        platform.perSpuViews(),
        engine.spuCount(),
        engine.maximumSessions());
  }

  /** The platform's device with the other values given (tests, golden files). */
  public static DeviceModel of(Platform platform, String hostName, int spus, long maximumSessions) {
    return new DeviceModel(
        hostName,
        productModel(platform),
        platform.model(),
        chassisDescription(platform),
        VSRX_RELEASE,
        SERIAL_NUMBER,
        platform.perSpuViews(),
        spus,
        maximumSessions);
  }

  /** {@code Model:} of {@code show version}. */
  static String productModel(Platform platform) {
    return switch (platform) {
      case VSRX -> "vSRX";
      case SRX5800 -> platform.model();
    };
  }

  /** The chassis line's description of {@code show chassis hardware}. */
  static String chassisDescription(Platform platform) {
    return switch (platform) {
      case VSRX -> "VSRX";
      case SRX5800 -> "SRX 5800";
    };
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
