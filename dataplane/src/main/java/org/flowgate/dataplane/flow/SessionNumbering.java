package org.flowgate.dataplane.flow;

/**
 * How an SPU numbers its sessions, as the platform does (docs/adr/0022-device-model.md).
 *
 * <pre>
 * device (vSRX):     id = the ordinal of the packet that created the session in the device's
 *                    input (counted by the ingress): ids rise steadily, with gaps, the same
 *                    whatever the number of SPU shards
 * per SPU (SRX5800): id = (spu + 1) * 10,000,000 + the SPU's own count of sessions, as the
 *                    high-end sample numbers PIC1's sessions 10000001, 10000002 ...; the central
 *                    point's id of the session likewise from the slot it holds
 * </pre>
 *
 * A packet no ingress counted (ordinal 0: a test or benchmark driving an SPU directly) takes the
 * SPU's own count.
 *
 * <p>Thread: owned by its SPU's thread.
 */
public final class SessionNumbering {
  private static final long PER_SPU_BLOCK = 10_000_000L;

  private final int spu;
  private final boolean perSpu;
  private long created;

  private SessionNumbering(int spu, boolean perSpu) {
    this.spu = spu;
    this.perSpu = perSpu;
  }

  /** Ids across the device, from the creating packet's ordinal. */
  public static SessionNumbering device(int spu) {
    return new SessionNumbering(spu, false);
  }

  /** Ids per SPU, in the SPU's own block. */
  public static SessionNumbering perSpu(int spu) {
    return new SessionNumbering(spu, true);
  }

  /** True on a platform whose SPUs the views show (each numbers its own sessions). */
  public boolean perSpu() {
    return perSpu;
  }

  /** The id of a session its SPU creates from the packet with {@code ordinal}. */
  public long next(long ordinal) {
    created++;
    if (perSpu) {
      return (spu + 1) * PER_SPU_BLOCK + 1 + (created - 1) % (PER_SPU_BLOCK - 1);
    }
    return ordinal > 0 ? ordinal : created;
  }

  /**
   * The central point's id of the session in {@code slot} ({@code CP Session ID}): one per session,
   * on both wings; shown on the per-SPU platform only (a vSRX has no central point).
   */
  public long cpSessionId(int slot) {
    return perSpu ? (spu + 1) * PER_SPU_BLOCK + 1 + slot % (PER_SPU_BLOCK - 1) : 0;
  }
}
