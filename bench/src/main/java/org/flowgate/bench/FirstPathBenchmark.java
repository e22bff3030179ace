package org.flowgate.bench;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.flowgate.bench.BenchFrames.Kind;
import org.flowgate.dataplane.appqos.AppQosRule;
import org.flowgate.dataplane.appqos.AppQosRuleSet;
import org.flowgate.dataplane.appqos.AppTrackSettings;
import org.flowgate.dataplane.appqos.ApplicationServices;
import org.flowgate.dataplane.appqos.RateLimiter;
import org.flowgate.dataplane.appqos.TrafficControl;
import org.flowgate.dataplane.packet.DropReason;
import org.flowgate.dataplane.packet.PacketDescriptor;
import org.flowgate.dataplane.runtime.FactoryDefault;
import org.flowgate.dataplane.runtime.RuntimeConfig;
import org.flowgate.dataplane.session.SessionTable;
import org.flowgate.dataplane.spu.SpuAgent;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * New sessions per second on one core: one operation = parse the first frame of a flow not seen
 * before + {@link SpuAgent#process} it through the whole first path (route, zones, policy, install
 * of both wings, timer) with the factory-default configuration.
 *
 * <p>Every iteration starts from an empty table of {@value #CAPACITY} sessions (a new {@link
 * SessionTable} and {@link SpuAgent}), so each operation installs a fresh session and the table
 * fills as the iteration runs. One-second iterations keep the count under the capacity up to 8 M
 * sessions/s; the operation fails loudly beyond that rather than measure table-full drops. {@code
 * udp} sends a UDP datagram, {@code tcp} a SYN (syn-check on).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xmx4g", "-XX:MaxDirectMemorySize=16g"})
@State(Scope.Thread)
public class FirstPathBenchmark {
  static final int CAPACITY = 1 << 23;
  private static final long START_NS = 1_000_000_000L;

  /** The first packet: a UDP datagram or a TCP SYN. */
  @Param({"udp", "tcp"})
  public String protocol;

  /**
   * Application identification: {@code off} ({@code no-application-identification}) or {@code on}
   * (the defaults), side by side (docs/adr/0023).
   */
  @Param({"off", "on"})
  public String appid;

  /**
   * The rule base: {@code legacy}, the factory default's; {@code unified}, each of its policies
   * preceded by the same policy matching {@code dynamic-application junos:web}, so that with
   * identification on every new session waits under the pre-id default policy (ADR 0033).
   */
  @Param({"legacy", "unified"})
  public String policies;

  /**
   * Application traffic control: {@code off}, or {@code on}: every policy applies a rule-set whose
   * one rule ({@code application-any}) marks DSCP ef and names a rate limiter too wide to drop
   * anything, so each new session is matched, its first packet copied into the frame buffer, marked
   * and metered (docs/adr/0034).
   */
  @Param({"off", "on"})
  public String appqos;

  private RuntimeConfig config;
  private MemorySegment frames;
  private final PacketDescriptor packet = new PacketDescriptor();
  private SpuAgent spu;
  private int cursor;
  private long nowNs;

  /** The configuration's user policies, each after a unified copy of itself (ADR 0033). */
  static org.flowgate.dataplane.policy.PolicyTable unified(RuntimeConfig config) {
    org.flowgate.dataplane.policy.PolicyTable table = config.policies();
    org.flowgate.dataplane.policy.DynamicApplicationMatch web =
        org.flowgate.dataplane.policy.DynamicApplicationMatch.resolve(
            java.util.List.of("junos:web"), config.applicationIdentification().catalog());
    java.util.List<org.flowgate.dataplane.policy.SecurityPolicy> user = new java.util.ArrayList<>();
    long id = 4;
    for (int i = org.flowgate.dataplane.policy.PolicyTable.FIRST_USER_POLICY;
        i < table.size();
        i++) {
      org.flowgate.dataplane.policy.SecurityPolicy policy = table.get(i);
      org.flowgate.dataplane.policy.SecurityPolicy copy = policy.withDynamicApplications(web);
      user.add(
          new org.flowgate.dataplane.policy.SecurityPolicy(
              id++,
              policy.name() + "-web",
              copy.fromZones(),
              copy.toZones(),
              copy.global(),
              copy.source(),
              copy.destination(),
              copy.applications(),
              copy.action(),
              copy.logInit(),
              copy.logClose(),
              copy.count(),
              web));
      user.add(
          new org.flowgate.dataplane.policy.SecurityPolicy(
              id++,
              policy.name(),
              policy.fromZones(),
              policy.toZones(),
              policy.global(),
              policy.source(),
              policy.destination(),
              policy.applications(),
              policy.action(),
              policy.logInit(),
              policy.logClose(),
              policy.count()));
    }
    return org.flowgate.dataplane.policy.PolicyTable.of(
        table.defaultAction(),
        user,
        config.zones().size(),
        config.applications(),
        table.preIdDefaultPolicy());
  }

  @Setup(Level.Trial)
  public void buildFrames() {
    config =
        FactoryDefault.config()
            .withMaximumSessions(CAPACITY)
            .withApplicationIdentification(AppIdBenchmark.settings(appid));
    if (policies.equals("unified")) {
      config = config.withPolicies(unified(config));
    }
    if ("on".equals(appqos)) {
      config = config.withApplicationServices(ruleSetOnEveryPolicy(config));
    } else if (appqos != null && !appqos.equals("off")) {
      throw new IllegalArgumentException("appqos is off or on, not " + appqos);
    }
    Kind kind =
        switch (protocol) {
          case "udp" -> Kind.UDP_FORWARD;
          case "tcp" -> Kind.TCP_SYN;
          default -> throw new IllegalArgumentException("protocol is udp or tcp, not " + protocol);
        };
    frames = BenchFrames.build(Arena.ofAuto(), kind, CAPACITY);
  }

  /** A rule-set on every policy of {@code config}: mark ef, meter at 10 Gb/s. */
  static ApplicationServices ruleSetOnEveryPolicy(RuntimeConfig config) {
    int policies = config.policies().size();
    int[] ruleSetOfPolicy = new int[policies];
    java.util.Arrays.fill(ruleSetOfPolicy, 0);
    AppQosRule markAll =
        new AppQosRule(
            "mark-all", true, false, false, new boolean[0], 46, null, null, 0, 0, false, false);
    return new ApplicationServices(
        new TrafficControl(
            List.of(new RateLimiter("wide", 10_485_760, 1_342_177_280)),
            List.of(new AppQosRuleSet("bench", List.of(markAll))),
            ruleSetOfPolicy),
        AppTrackSettings.NONE);
  }

  @Setup(Level.Iteration)
  public void emptyTable() {
    spu = null;
    System.gc(); // lets the previous iteration's off-heap table go before the next one is taken
    spu = new SpuAgent(0, new SessionTable(CAPACITY), config);
    cursor = 0;
    nowNs = START_NS;
  }

  /**
   * Parse + first path of a new flow; null means the session was installed and the packet
   * forwarded.
   */
  @Benchmark
  public DropReason parseAndInstall() {
    if (cursor == CAPACITY) {
      throw new IllegalStateException(
          "more than " + CAPACITY + " new sessions in one iteration; raise CAPACITY");
    }
    nowNs += FastPathBenchmark.NS_PER_PACKET;
    return BenchFrames.parseAndProcess(spu, packet, frames, cursor++, nowNs);
  }

  @TearDown(Level.Iteration)
  public void checkEverySessionInstalled() {
    long created = spu.counters().sessionsCreated;
    if (created != cursor || spu.counters().packetsDropped != 0) {
      throw new IllegalStateException(
          cursor
              + " first packets gave "
              + created
              + " sessions and "
              + spu.counters().packetsDropped
              + " drops");
    }
  }
}
