package org.flowgate.dataplane.flow;

import org.flowgate.dataplane.session.CloseReason;

/**
 * Hears sessions start and end on an SPU, on the SPU's own thread, while the record is still
 * readable through the view. Session logging (RT_FLOW) and tests listen here; a listener must not
 * block or allocate: it runs on the packet path.
 */
public interface SessionEvents {
  SessionEvents NONE = new SessionEvents() {};

  /** A session was installed; {@code session} is positioned on it for the call only. */
  default void sessionCreated(SessionView session) {}

  /** A session closed for {@code reason}; {@code session} is positioned on it for the call only. */
  default void sessionClosed(SessionView session, CloseReason reason) {}

  /**
   * A session that ran under the pre-id default policy was matched to its final policy once its
   * application was identified (unified policies, docs/adr/0033), and that policy permits it;
   * {@code session} is positioned on it, showing the final policy, for the call only. A final
   * policy that denies closes the session instead ({@link #sessionClosed}).
   */
  default void sessionPolicyMatched(SessionView session) {}

  /**
   * A first packet that started no session: its policy denied or rejected it, or its policy
   * permitted it but source NAT had no address or port left ({@link Refused#natFailed()}). The
   * packet is readable only during the call.
   */
  default void sessionRefused(Refused refused) {}

  /**
   * A screen of the ingress zone found an attack in a packet (RT_IDS). Called at most once a minute
   * for the same attack on the same key (the screens' limiter); the packet is readable only during
   * the call.
   */
  default void screenAttack(ScreenAlarm alarm) {}

  /**
   * A host was given a port block of source pool {@code pool} ({@code allocated}) or gave one back
   * (docs/adr/0038); {@code used} is how many blocks the host holds after, {@code maximum} its
   * {@code maximum-blocks-per-host}. Allocation-free: every value is a primitive.
   */
  default void portBlock(
      int spu,
      org.flowgate.dataplane.runtime.RuntimeConfig config,
      boolean allocated,
      int pool,
      long hostHi,
      long hostLo,
      long addressHi,
      long addressLo,
      int lowPort,
      int highPort,
      int used,
      int maximum,
      long nowNs) {}

  /** AppTrack's messages (docs/adr/0034). */
  int APPTRACK_CREATE = 1;

  int APPTRACK_VOLUME_UPDATE = 2;

  int APPTRACK_CLOSE = 3;

  /**
   * Application tracking has a message about a session of a tracked zone: {@link #APPTRACK_CREATE},
   * {@link #APPTRACK_VOLUME_UPDATE} (its counts now) or {@link #APPTRACK_CLOSE} (for {@code
   * reason}; null otherwise). {@code session} is positioned on it for the call only. Returns false
   * when the message could not be taken (a full log ring): AppTrack counts it failed.
   */
  default boolean appTrack(
      SessionView session, int message, org.flowgate.dataplane.session.CloseReason reason) {
    return true;
  }

  /**
   * An AppQoS rule with {@code then log} matched the session (docs/adr/0044): one call per action
   * of rule {@code rule} of rule-set {@code ruleSet} ({@code action} one of SessionLogEvent's
   * {@code APPQOS_ACTION_*}). {@code session} is positioned on it for the call only. Returns false
   * when the message could not be taken.
   */
  default boolean appQosLog(SessionView session, int ruleSet, int rule, int action) {
    return true;
  }

  /** What a screen found, as the packet path saw it: a flyweight read during the call only. */
  interface ScreenAlarm {
    int spu();

    long nowNs();

    org.flowgate.dataplane.runtime.RuntimeConfig config();

    org.flowgate.dataplane.packet.PacketDescriptor packet();

    org.flowgate.dataplane.screen.ScreenAttack attack();

    /** Ingress interface index in the generation. */
    int ingressInterface();

    /** Zone index of the ingress interface (the zone whose ids-option found it). */
    int zone();

    /** False under {@code alarm-without-drop}: the packet went on. */
    boolean dropped();
  }

  /**
   * What a refused first packet carried, as the first path saw it. Read during the call only; a
   * flyweight the first path reuses.
   */
  interface Refused {
    /** The SPU that refused it. */
    int spu();

    /** The SPU's clock at the refusal. */
    long nowNs();

    /** The configuration generation that refused it. */
    org.flowgate.dataplane.runtime.RuntimeConfig config();

    org.flowgate.dataplane.packet.PacketDescriptor packet();

    /** Ingress interface index; {@link SessionView#LOCAL_INTERFACE} for the device itself. */
    int ingressInterface();

    /** Zone index of the ingress interface, -1 for none. */
    int fromZone();

    /** Zone index of the egress interface, -1 for the device itself. */
    int toZone();

    int policyIndex();

    /** True when the policy permitted it and source NAT failed; false for deny or reject. */
    boolean natFailed();
  }
}
