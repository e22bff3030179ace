package org.flowgate.mgmt.render;

import org.flowgate.dataplane.control.SessionSnapshot;
import org.flowgate.dataplane.control.WingSnapshot;
import org.flowgate.dataplane.net.IpAddress;
import org.flowgate.dataplane.session.SessionState;

/**
 * Test builders for {@link SessionSnapshot} and {@link WingSnapshot}; defaults are a plain UDP
 * flow.
 */
final class Sessions {
  private Sessions() {}

  static SessionBuilder session(long sessionId) {
    return new SessionBuilder(sessionId);
  }

  /** The forward ({@code In}) wing of {@code src/sport --> dst/dport;protocol}. */
  static WingBuilder in(String src, int sport, String dst, int dport, int protocol) {
    return new WingBuilder("In", src, sport, dst, dport, protocol);
  }

  /** The reverse ({@code Out}) wing of {@code src/sport --> dst/dport;protocol}. */
  static WingBuilder out(String src, int sport, String dst, int dport, int protocol) {
    return new WingBuilder("Out", src, sport, dst, dport, protocol);
  }

  static final class SessionBuilder {
    private final long sessionId;
    private int spu;
    private long[] flags = {0x40, 0x0, 0x2, 0x3};
    private String policyName = "permit";
    private long policyId = 4;
    private String sourceNatPool;
    private String applicationName;
    private int applicationId;
    private String dynamicApplication = "junos:UNKNOWN";
    private String nestedApplication = "junos:UNKNOWN";
    private String encryption = "Unknown";
    private int maximumTimeoutSeconds = 60;
    private int currentTimeoutSeconds = 60;
    private SessionState state = SessionState.VALID;
    private long startTimeSeconds;
    private long durationSeconds;
    private WingSnapshot forward;
    private WingSnapshot reverse;

    private SessionBuilder(long sessionId) {
      this.sessionId = sessionId;
    }

    SessionBuilder spu(int spu) {
      this.spu = spu;
      return this;
    }

    SessionBuilder flags(long... flags) {
      this.flags = flags;
      return this;
    }

    SessionBuilder policy(String name, long id) {
      this.policyName = name;
      this.policyId = id;
      return this;
    }

    SessionBuilder noPolicy() {
      return policy(null, 0);
    }

    SessionBuilder sourceNatPool(String pool) {
      this.sourceNatPool = pool;
      return this;
    }

    SessionBuilder application(String name, int id) {
      this.applicationName = name;
      this.applicationId = id;
      return this;
    }

    SessionBuilder dynamicApplication(String name) {
      this.dynamicApplication = name;
      return this;
    }

    SessionBuilder nestedApplication(String name) {
      this.nestedApplication = name;
      return this;
    }

    SessionBuilder encryption(String encryption) {
      this.encryption = encryption;
      return this;
    }

    SessionBuilder timeouts(int maximumSeconds, int currentSeconds) {
      this.maximumTimeoutSeconds = maximumSeconds;
      this.currentTimeoutSeconds = currentSeconds;
      return this;
    }

    /** Brief output shows only the current timeout. */
    SessionBuilder timeout(int currentSeconds) {
      this.currentTimeoutSeconds = currentSeconds;
      return this;
    }

    SessionBuilder state(SessionState state) {
      this.state = state;
      return this;
    }

    SessionBuilder started(long startTimeSeconds, long durationSeconds) {
      this.startTimeSeconds = startTimeSeconds;
      this.durationSeconds = durationSeconds;
      return this;
    }

    SessionBuilder wings(WingBuilder forward, WingBuilder reverse) {
      this.forward = forward.build();
      this.reverse = reverse == null ? null : reverse.build();
      return this;
    }

    SessionBuilder oneWing(WingBuilder forward) {
      return wings(forward, null);
    }

    SessionSnapshot build() {
      return new SessionSnapshot(
          sessionId,
          spu,
          "Normal",
          java.util.Arrays.stream(flags).boxed().toList(),
          policyName,
          policyId,
          sourceNatPool,
          applicationName,
          applicationId,
          dynamicApplication,
          nestedApplication,
          encryption,
          maximumTimeoutSeconds,
          currentTimeoutSeconds,
          state,
          startTimeSeconds,
          durationSeconds,
          forward,
          reverse);
    }
  }

  static final class WingBuilder {
    private final String direction;
    private final IpAddress source;
    private final int sourcePort;
    private final IpAddress destination;
    private final int destinationPort;
    private final int protocol;
    private long connTag;
    private String interfaceName = "ge-0/0/0.0";
    private int sessionToken = 0x7;
    private long flag;
    private long route = 0x10010;
    private IpAddress gateway;
    private long tunnelId;
    private long portSequence;
    private long finSequence;
    private int finState;
    private long packets;
    private long bytes;
    private long cpSessionId;

    private WingBuilder(
        String direction, String src, int sport, String dst, int dport, int protocol) {
      this.direction = direction;
      this.source = IpAddress.parse(src);
      this.sourcePort = sport;
      this.destination = IpAddress.parse(dst);
      this.destinationPort = dport;
      this.protocol = protocol;
      this.gateway = this.destination;
      this.flag = direction.equals("In") ? 0x21 : 0x20;
    }

    WingBuilder connTag(long connTag) {
      this.connTag = connTag;
      return this;
    }

    WingBuilder on(String interfaceName) {
      this.interfaceName = interfaceName;
      return this;
    }

    WingBuilder token(int sessionToken, long flag) {
      this.sessionToken = sessionToken;
      this.flag = flag;
      return this;
    }

    WingBuilder route(long route, String gateway) {
      this.route = route;
      this.gateway = gateway == null ? null : IpAddress.parse(gateway);
      return this;
    }

    WingBuilder tunnel(long tunnelId) {
      this.tunnelId = tunnelId;
      return this;
    }

    WingBuilder fin(long portSequence, long finSequence, int finState) {
      this.portSequence = portSequence;
      this.finSequence = finSequence;
      this.finState = finState;
      return this;
    }

    WingBuilder counted(long packets, long bytes) {
      this.packets = packets;
      this.bytes = bytes;
      return this;
    }

    WingBuilder cp(long cpSessionId) {
      this.cpSessionId = cpSessionId;
      return this;
    }

    WingSnapshot build() {
      return new WingSnapshot(
          direction,
          source,
          sourcePort,
          destination,
          destinationPort,
          protocol,
          connTag,
          interfaceName,
          sessionToken,
          flag,
          route,
          gateway,
          tunnelId,
          portSequence,
          finSequence,
          finState,
          packets,
          bytes,
          cpSessionId);
    }
  }
}
