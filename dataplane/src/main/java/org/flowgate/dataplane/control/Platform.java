package org.flowgate.dataplane.control;

/**
 * The device Flowgate presents itself as (docs/adr/0022-device-model.md). What the views print
 * follows the platform, never the host: the number of internal SPU shards (by default one per host
 * core) changes speed, not output.
 */
public enum Platform {
  /**
   * vSRX 3.0 (the release of ADR 0006): one flowd, so every view shows the device whole; session
   * ids rise across the device whatever the number of internal shards; no central point, so no
   * {@code CP Session ID}.
   */
  VSRX("vsrx", "vSRX", false),

  /**
   * A high-end SRX (an SRX5800 with SPCs): each SPU shard is an SPU shown as {@code FPC0 PICn},
   * with per-SPU blocks and a central point's {@code CP Session ID} per wing. The number of SPUs is
   * chosen with the platform ({@code --model srx5800 --spus N}), not by the host.
   */
  SRX5800("srx5800", "SRX5800", true);

  private final String model;
  private final String productName;
  private final boolean perSpuViews;

  Platform(String model, String productName, boolean perSpuViews) {
    this.model = model;
    this.productName = productName;
    this.perSpuViews = perSpuViews;
  }

  /** The model as {@code show version} writes it ({@code vsrx}). */
  public String model() {
    return model;
  }

  /** The product name as {@code show chassis hardware} writes it. */
  public String productName() {
    return productName;
  }

  /** True when views show each SPU apart (headers, per-SPU totals, CP session ids). */
  public boolean perSpuViews() {
    return perSpuViews;
  }

  /** The platform named {@code model} ({@code --model}), or null. */
  public static Platform named(String model) {
    for (Platform platform : values()) {
      if (platform.model.equalsIgnoreCase(model)) {
        return platform;
      }
    }
    return null;
  }
}
