package org.flowgate.dataplane.nat;

/**
 * {@code security nat source pool P port block-allocation}: the pool hands each internal host
 * blocks of consecutive ports, and the host's sessions take their ports from its active block
 * (docs/adr/0038-port-block-allocation-and-twin-ports.md).
 *
 * <pre>
 * pool range [low, high] ─► blocks  [low + k*size, low + (k+1)*size - 1],  k = 0 .. blocks-1
 *                                    (a tail shorter than a block is not used)
 * host ─► up to maximumBlocksPerHost blocks, one of them active:
 *   a new session takes the first free port of the active block;
 *   the active block is full, or older than activeBlockTimeoutSeconds (0: never too old)
 *     ─► a new block becomes active (if the host may hold one more), the old one inactive;
 *   a block with no port in use that is not active ─► released to the pool;
 *   the active block with no port in use and no other session of its host ─► released.
 * </pre>
 *
 * @param blockSize ports in a block ({@code block-size}, Junos default 128, 1 to 64512)
 * @param maximumBlocksPerHost {@code maximum-blocks-per-host} (default 8, 1 to 512)
 * @param activeBlockTimeoutSeconds {@code active-block-timeout} (default 0: active until full)
 * @param interimLoggingIntervalSeconds {@code interim-logging-interval} (0: none), read and shown
 * @param lastBlockRecycleTimeoutSeconds {@code last-block-recycle-timeout} (0: none), read and
 *     shown
 * @param log false with {@code log disable}: no RT_SRC_NAT_PBA_* lines
 */
public record PortBlockAllocation(
    int blockSize,
    int maximumBlocksPerHost,
    long activeBlockTimeoutSeconds,
    long interimLoggingIntervalSeconds,
    long lastBlockRecycleTimeoutSeconds,
    boolean log) {

  /** Junos's defaults: 128 ports a block, 8 blocks a host, no active-block timeout, logs on. */
  public static final PortBlockAllocation DEFAULTS = new PortBlockAllocation(128, 8, 0, 0, 0, true);

  /** The range a pool without its own {@code port range} allocates blocks from. */
  public static final PortRange DEFAULT_PORTS = new PortRange(1024, 65535);

  /** Blocks a range of ports holds: whole blocks only. */
  public int blocksIn(PortRange ports) {
    return ports.size() / blockSize;
  }
}
