package org.flowgate.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.flowgate.bench.PolicyScale.Packets;
import org.flowgate.config.compile.CompileResult;
import org.flowgate.config.compile.JunosCompiler;
import org.flowgate.dataplane.policy.PolicyTable;
import org.flowgate.dataplane.runtime.RuntimeConfig;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link PolicyTable#lookup} alone: one operation = one first packet looked up in a zone pair of
 * {@code policies} policies, configurations and packets as {@link PolicyScale} makes them.
 *
 * <ul>
 *   <li>{@code random-server}, {@code last-server}, {@code no-server}, {@code wrong-port}: the
 *       servers configuration (one /32 per policy); a random server, the last policy's server, no
 *       server (default policy), a server on another application's port (default policy).
 *   <li>{@code overlapping}: the overlapping rule base, random packets in its networks.
 * </ul>
 *
 * {@code dynamic} (ADR 0033): {@code legacy}, today's rule base and lookup; {@code pending}, the
 * same policies each matching a dynamic application (unified), looked up while the application is
 * pending (a potential match: the walk goes on to the default policy, the answer is the pre-id
 * default policy); {@code decided}, the unified rule base looked up again with the session's
 * application (junos:HTTP), as at the decision point.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xmx2g"})
@State(Scope.Thread)
public class PolicyLookupBenchmark {
  @Param({"10000"})
  public int policies;

  @Param({"random-server", "last-server", "no-server", "wrong-port", "overlapping"})
  public String traffic;

  @Param({"legacy", "pending", "decided"})
  public String dynamic;

  private int application = org.flowgate.dataplane.appid.ApplicationCatalog.PENDING;

  private RuntimeConfig config;
  private final PolicyTable.Scratch scratch = new PolicyTable.Scratch();
  private PolicyTable table;
  private Packets packets;
  private int cursor;

  @Setup(Level.Trial)
  public void setUp() {
    boolean overlapping = traffic.equals("overlapping");
    String text =
        overlapping
            ? PolicyScale.overlappingConfiguration(policies, new SplittableRandom(11))
            : dynamic.equals("legacy")
                ? PolicyScale.serversConfiguration(policies)
                : PolicyScale.unifiedServersConfiguration(policies);
    CompileResult result = JunosCompiler.load(text, "scale.conf");
    if (!result.ok()) {
      throw new IllegalStateException(result.errors().toString());
    }
    config = result.config();
    table = config.policies();
    if (dynamic.equals("decided")) {
      application = config.applicationIdentification().catalog().id("junos:HTTP");
    }
    SplittableRandom random = new SplittableRandom(7);
    int n = policies;
    packets =
        switch (traffic) {
          case "random-server" ->
              PolicyScale.serverPackets(random, n, i -> random.nextInt(n), true);
          case "last-server" -> PolicyScale.serverPackets(random, n, i -> n - 1, true);
          case "no-server" ->
              PolicyScale.serverPackets(random, n, i -> n + random.nextInt(1000), true);
          case "wrong-port" -> PolicyScale.serverPackets(random, n, i -> random.nextInt(n), false);
          case "overlapping" -> PolicyScale.overlappingPackets(new SplittableRandom(13));
          default -> throw new IllegalArgumentException("unknown traffic " + traffic);
        };
  }

  /** Returns the packed match (PolicyTable.policyOf / applicationOf). */
  @Benchmark
  public long lookup() {
    int i = cursor++ & (PolicyScale.PACKETS - 1);
    Packets p = packets;
    return table.lookup(
        scratch,
        PolicyScale.TRUST,
        PolicyScale.DMZ,
        p.sourceHi()[i],
        p.sourceLo()[i],
        p.destinationHi()[i],
        p.destinationLo()[i],
        p.protocol()[i],
        40_000,
        p.destinationPort()[i],
        p.icmpType()[i],
        0,
        application,
        org.flowgate.dataplane.appid.ApplicationCatalog.UNKNOWN);
  }
}
