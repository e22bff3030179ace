package org.flowgate.dataplane.nat;

/**
 * The NAT decisions a session keeps in its record's 32-bit NAT word (0 = not translated). The
 * translated tuple itself needs no room: the Out wing is the reverse of the translated packet.
 *
 * <pre>
 *  31   30 29   28 .. 26     25 .......... 13   12 ........... 0
 * +----+------+------------+-----------------+-----------------+
 * |port| dest | source     | destination-side| source-side     |
 * |held| kind | kind       | rule + 1        | rule + 1        |
 * +----+------+------------+-----------------+-----------------+
 * source kind: 0 none, 1 pool, 2 interface, 3 static (reverse), 4 overflow pool, 5 overflow interface
 * dest kind:   0 none, 1 pool, 2 static, 3 persistent (an outside host came in through a
 *              persistent NAT binding; the destination-side rule is the source rule that made it)
 * source-side rule: a source rule, or the static rule for kind 3; destination-side likewise
 * port held: the source translation holds a pool port (returned when the session ends)
 * FAILED (source kind 7, which no translation uses): a source translation that could not be made
 * ALG_GATE (source kind 6, no rule): a child session whose destination an ALG's gate moved back
 *          to the host that announced it
 * </pre>
 */
public final class NatBinding {
  public static final int MAXIMUM_RULES = (1 << 13) - 1;

  public static final int SOURCE_NONE = 0;
  public static final int SOURCE_POOL = 1;
  public static final int SOURCE_INTERFACE = 2;
  public static final int SOURCE_STATIC = 3;
  public static final int SOURCE_OVERFLOW_POOL = 4;
  public static final int SOURCE_OVERFLOW_INTERFACE = 5;

  /**
   * Not a binding a session keeps: what the first path's source NAT answers when the pool (and its
   * overflow) had no address or port left. Source kind 7 is used by no translation.
   */
  public static final int FAILED = 7 << 26;

  /**
   * A child session an ALG's gate translated (the announced address and port moved back to the host
   * that announced them, docs/adr/0027-algs.md): no rule counts it, the gate's group holds the
   * port. Source kind 6 is used by no other translation; the destination kinds are all taken.
   */
  public static final int ALG_GATE = 6 << 26;

  public static final int DESTINATION_NONE = 0;
  public static final int DESTINATION_POOL = 1;
  public static final int DESTINATION_STATIC = 2;

  /**
   * An outside host opened the session to a persistent NAT binding's reflexive address: the
   * destination was translated to the binding's internal address; the destination-side rule is the
   * source rule that made the binding.
   */
  public static final int DESTINATION_PERSISTENT = 3;

  private NatBinding() {}

  public static int of(
      int sourceKind, int sourceRule, int destinationKind, int destinationRule, boolean portHeld) {
    return (sourceKind == SOURCE_NONE ? 0 : (sourceRule + 1) & MAXIMUM_RULES)
        | (destinationKind == DESTINATION_NONE ? 0 : ((destinationRule + 1) & MAXIMUM_RULES) << 13)
        | sourceKind << 26
        | destinationKind << 29
        | (portHeld ? 1 << 31 : 0);
  }

  public static int sourceKind(int binding) {
    return (binding >>> 26) & 7;
  }

  public static int destinationKind(int binding) {
    return (binding >>> 29) & 3;
  }

  /** The source rule (or static rule) index, -1 for none. */
  public static int sourceRule(int binding) {
    return (binding & MAXIMUM_RULES) - 1;
  }

  public static int destinationRule(int binding) {
    return ((binding >>> 13) & MAXIMUM_RULES) - 1;
  }

  public static boolean portHeld(int binding) {
    return binding < 0;
  }

  /** The source translation came from a pool (the rule's, or its overflow pool). */
  public static boolean sourcePool(int binding) {
    int kind = sourceKind(binding);
    return kind == SOURCE_POOL || kind == SOURCE_OVERFLOW_POOL;
  }

  /** The source translation used the egress interface's address. */
  public static boolean sourceInterface(int binding) {
    int kind = sourceKind(binding);
    return kind == SOURCE_INTERFACE || kind == SOURCE_OVERFLOW_INTERFACE;
  }
}
