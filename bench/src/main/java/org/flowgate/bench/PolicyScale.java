package org.flowgate.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.SplittableRandom;
import org.flowgate.config.compile.CompileResult;
import org.flowgate.config.compile.JunosCompiler;
import org.flowgate.dataplane.net.IpAddress;
import org.flowgate.dataplane.policy.PolicyTable;
import org.flowgate.dataplane.runtime.RuntimeConfig;

/**
 * Policies at scale (the configuration issue's targets: a 10 000-policy configuration loads in at
 * most 2 s; policy lookup at 1 M lookups/s per core or more, worst case included). Single thread.
 *
 * <p>Two configurations of N policies, both in one zone pair (every lookup faces the whole list):
 *
 * <ul>
 *   <li><b>servers</b>: each policy permits any source to its own server /32 (an address-book
 *       entry) for one of four applications. Timed: the load (parse, compile, build the generation
 *       with its policy index), then lookups of first packets to a random server, to the last
 *       policy's server, to no server and to a server on the wrong port (both the default policy).
 *   <li><b>overlapping</b>: policies that overlap heavily, as hand-grown rule bases do: sources
 *       any, a /16 or a /24; destinations a /16, /24, /32 or any, some IPv6; ten applications
 *       including port ranges and ICMP; one in fifty sources excluded. Lookups of random first
 *       packets inside those networks; most match somewhere down the list, some fall to the default
 *       policy.
 * </ul>
 *
 * <p>Packets are generated before timing (65 536 per case, reused round-robin). Each case runs one
 * untimed warm-up round, then {@code rounds} rounds of {@code lookups} lookups, and prints every
 * round's rate, by the wall clock and per second of this thread's CPU time (what "per core" means;
 * on a shared machine the wall-clock rate also counts the time other processes held the core).
 *
 * <pre>
 * java --enable-native-access=ALL-UNNAMED -cp bench/target/benchmarks.jar org.flowgate.bench.PolicyScale \
 *     [policies (10000)] [lookups per round (2000000)] [rounds (5)] [servers|overlapping|all]
 * </pre>
 */
public final class PolicyScale {
  /** The lookup scratch of the one thread that measures. */
  private static final PolicyTable.Scratch SCRATCH = new PolicyTable.Scratch();

  private PolicyScale() {}

  private static final String[] APPLICATIONS = {
    "junos-http", "junos-https", "junos-ssh", "junos-dns-udp"
  };
  private static final int[] APPLICATION_PORTS = {80, 443, 22, 53};
  static final int TRUST = 0;
  static final int DMZ = 1;
  static final int PACKETS = 1 << 16;
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  public static void main(String[] args) {
    int policies = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int lookups = args.length > 1 ? Integer.parseInt(args[1]) : 2_000_000;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    String only = args.length > 3 ? args[3] : "all";
    if (!only.equals("overlapping")) {
      servers(policies, lookups, rounds);
    }
    if (!only.equals("servers")) {
      overlapping(policies, lookups, rounds);
    }
  }

  private static void servers(int policies, int lookups, int rounds) {

    System.out.printf("== servers: %,d policies, one /32 server each ==%n", policies);
    String serversText = serversConfiguration(policies);
    long before = usedAfterGc();
    RuntimeConfig servers = load(serversText, policies);
    retained(before);
    SplittableRandom random = new SplittableRandom(7);
    measure(
        servers,
        "random server (first match anywhere in the list)",
        rounds,
        lookups,
        serverPackets(random, policies, i -> random.nextInt(policies), true));
    measure(
        servers,
        "last policy's server",
        rounds,
        lookups,
        serverPackets(random, policies, i -> policies - 1, true));
    measure(
        servers,
        "no such server: default policy",
        rounds,
        lookups,
        serverPackets(random, policies, i -> policies + random.nextInt(1000), true));
    measure(
        servers,
        "right server, wrong port: default policy",
        rounds,
        lookups,
        serverPackets(random, policies, i -> random.nextInt(policies), false));
  }

  private static void overlapping(int policies, int lookups, int rounds) {
    System.out.printf(
        "%n== overlapping: %,d policies, broad and narrow prefixes, ranges, exclusions ==%n",
        policies);
    String overlappingText = overlappingConfiguration(policies, new SplittableRandom(11));
    long before = usedAfterGc();
    RuntimeConfig overlapping = load(overlappingText, policies);
    retained(before);
    measure(
        overlapping,
        "random first packets in the configured networks",
        rounds,
        lookups,
        overlappingPackets(new SplittableRandom(13)));
  }

  private static String header() {
    return """
        set system host-name scale
        set interfaces ge-0/0/0 unit 0 family inet address 10.0.0.1/8
        set interfaces ge-0/0/1 unit 0 family inet address 172.16.0.1/12
        set security zones security-zone trust interfaces ge-0/0/0.0
        set security zones security-zone dmz interfaces ge-0/0/1.0
        set security policies default-policy deny-all
        """;
  }

  static String serversConfiguration(int policies) {
    StringBuilder text = new StringBuilder(header());
    for (int i = 0; i < policies; i++) {
      text.append("set security address-book global address server-")
          .append(i)
          .append(' ')
          .append(server(i))
          .append("/32\n");
      String policy = "set security policies from-zone trust to-zone dmz policy p" + i + " ";
      text.append(policy)
          .append("match source-address any\n")
          .append(policy)
          .append("match destination-address server-")
          .append(i)
          .append('\n')
          .append(policy)
          .append("match application ")
          .append(APPLICATIONS[i % APPLICATIONS.length])
          .append('\n')
          .append(policy)
          .append("then permit\n");
    }
    return text.toString();
  }

  /** Dynamic applications the unified servers configuration cycles through (ADR 0033). */
  static final String[] DYNAMIC_APPLICATIONS = {
    "junos:HTTP", "junos:SSL", "junos:DNS", "junos:web"
  };

  /**
   * {@link #serversConfiguration} with every policy a unified one: {@code match
   * dynamic-application}, cycling through {@link #DYNAMIC_APPLICATIONS}.
   */
  static String unifiedServersConfiguration(int policies) {
    StringBuilder text = new StringBuilder(serversConfiguration(policies));
    for (int i = 0; i < policies; i++) {
      text.append("set security policies from-zone trust to-zone dmz policy p")
          .append(i)
          .append(" match dynamic-application ")
          .append(DYNAMIC_APPLICATIONS[i % DYNAMIC_APPLICATIONS.length])
          .append('\n');
    }
    return text.toString();
  }

  private static String server(int i) {
    return "172.16." + (i >>> 8 & 0xff) + "." + (i & 0xff);
  }

  /**
   * Rule base with overlap: source any (40 %), one of 64 /16s in 10.0.0.0/8 or one of 4 096 /24s
   * inside them; destination one of 16 /16s in 172.16.0.0/12 (the dmz), a /24 or /32 inside them,
   * or any (5 %); one in ten policies IPv6 (2001:db8:N::/48 to 2001:db8:100:N::/64); 2 % of sources
   * excluded. Applications: four single ports, TCP 8000-8100, TCP 1024-65535, UDP 5000-6000, ICMP
   * echo, all ICMP, or any.
   */
  static String overlappingConfiguration(int policies, SplittableRandom random) {
    String[] applications = {
      "junos-http",
      "junos-https",
      "junos-ssh",
      "junos-dns-udp",
      "web-alt",
      "high-tcp",
      "voice",
      "junos-icmp-ping",
      "junos-icmp-all",
      "any"
    };
    StringBuilder text = new StringBuilder(header());
    java.util.Set<String> defined = new java.util.HashSet<>();
    text.append("set interfaces ge-0/0/0 unit 0 family inet6 address 2001:db8::1/40\n")
        .append("set interfaces ge-0/0/1 unit 0 family inet6 address 2001:db8:100::1/40\n")
        .append("set applications application web-alt protocol tcp destination-port 8000-8100\n")
        .append("set applications application high-tcp protocol tcp destination-port 1024-65535\n")
        .append("set applications application voice protocol udp destination-port 5000-6000\n");
    for (int i = 0; i < policies; i++) {
      String policy = "set security policies from-zone trust to-zone dmz policy p" + i + " ";
      boolean ipv6 = random.nextInt(10) == 0;
      String source;
      String destination;
      if (ipv6) {
        source =
            random.nextInt(3) == 0
                ? "any"
                : "2001:db8:" + Integer.toHexString(random.nextInt(64)) + "::/48";
        destination = "2001:db8:100:" + Integer.toHexString(random.nextInt(256)) + "::/64";
      } else {
        source =
            switch (random.nextInt(5)) {
              case 0, 1 -> "any";
              case 2 -> "10." + random.nextInt(64) + ".0.0/16";
              default -> "10." + random.nextInt(64) + "." + random.nextInt(64) + ".0/24";
            };
        int network = 16 + random.nextInt(16);
        destination =
            switch (random.nextInt(20)) {
              case 0 -> "any";
              case 1, 2, 3 -> "172." + network + ".0.0/16";
              case 4, 5, 6, 7, 8, 9 -> "172." + network + "." + random.nextInt(256) + ".0/24";
              default ->
                  "172." + network + "." + random.nextInt(256) + "." + random.nextInt(256) + "/32";
            };
      }
      String sourceName = addressName(text, defined, source);
      String destinationName = addressName(text, defined, destination);
      text.append(policy)
          .append("match source-address ")
          .append(sourceName)
          .append('\n')
          .append(policy)
          .append("match destination-address ")
          .append(destinationName)
          .append('\n');
      if (!source.equals("any") && random.nextInt(50) == 0) {
        text.append(policy).append("match source-address-excluded\n");
      }
      text.append(policy)
          .append("match application ")
          .append(applications[random.nextInt(applications.length)])
          .append('\n')
          .append(policy)
          .append("then ")
          .append(random.nextInt(4) == 0 ? "deny" : "permit")
          .append('\n');
    }
    return text.toString();
  }

  /** The global address-book name of a prefix, defining it on first use ({@code any} stays). */
  private static String addressName(
      StringBuilder text, java.util.Set<String> defined, String prefix) {
    if (prefix.equals("any")) {
      return prefix;
    }
    String name = "net-" + prefix.replace(':', '-').replace('.', '-').replace('/', '_');
    if (defined.add(name)) {
      text.append("set security address-book global address ")
          .append(name)
          .append(' ')
          .append(prefix)
          .append('\n');
    }
    return name;
  }

  private static RuntimeConfig load(String text, int policies) {
    RuntimeConfig config = null;
    for (int round = 0; round < 3; round++) {
      long start = System.nanoTime();
      long cpuStart = THREADS.getCurrentThreadCpuTime();
      CompileResult result = JunosCompiler.load(text, "scale.conf");
      long ns = System.nanoTime() - start;
      long cpuNs = THREADS.getCurrentThreadCpuTime() - cpuStart;
      if (!result.ok()) {
        throw new IllegalStateException(result.errors().toString());
      }
      System.out.printf(
          "load of %,d policies (set form, %,d lines): %.0f ms (%.0f ms CPU on this thread)%n",
          policies, text.lines().count(), ns / 1e6, cpuNs / 1e6);
      config = result.config();
    }
    PolicyTable loaded = config.policies();
    java.util.List<org.flowgate.dataplane.policy.SecurityPolicy> user =
        loaded.policies().subList(PolicyTable.FIRST_USER_POLICY, loaded.size());
    StringBuilder line = new StringBuilder("policy table build (lists and index) alone, ms CPU:");
    for (int round = 0; round < 5; round++) {
      long cpuStart = THREADS.getCurrentThreadCpuTime();
      PolicyTable rebuilt =
          PolicyTable.of(
              loaded.defaultAction(), user, config.zones().size(), config.applications());
      line.append(String.format(" %.1f", (THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e6));
      if (rebuilt.size() != loaded.size()) {
        throw new IllegalStateException("rebuilt table differs");
      }
    }
    System.out.println(line);
    System.out.printf(
        "policy lookup index: about %.2f MB of arrays%n", loaded.indexSizeBytes() / 1e6);
    return config;
  }

  /** First packets, in arrays so the timed loop only reads. */
  record Packets(
      long[] sourceHi,
      long[] sourceLo,
      long[] destinationHi,
      long[] destinationLo,
      int[] protocol,
      int[] destinationPort,
      int[] icmpType) {
    Packets() {
      this(
          new long[PACKETS],
          new long[PACKETS],
          new long[PACKETS],
          new long[PACKETS],
          new int[PACKETS],
          new int[PACKETS],
          new int[PACKETS]);
    }
  }

  static Packets serverPackets(
      SplittableRandom random,
      int policies,
      java.util.function.IntUnaryOperator server,
      boolean rightPort) {
    Packets packets = new Packets();
    for (int i = 0; i < PACKETS; i++) {
      int s = server.applyAsInt(i);
      int application = s % APPLICATIONS.length;
      int port =
          APPLICATION_PORTS[rightPort ? application : (application + 1) % APPLICATION_PORTS.length];
      packets.sourceLo[i] = IpAddress.mappedIpv4(0x0a00_0000 | random.nextInt(1 << 24));
      packets.destinationLo[i] = IpAddress.mappedIpv4(0xac10_0000 + s);
      packets.protocol[i] = port == 53 ? 17 : 6;
      packets.destinationPort[i] = port;
      packets.icmpType[i] = -1;
    }
    return packets;
  }

  static Packets overlappingPackets(SplittableRandom random) {
    Packets packets = new Packets();
    int[] ports = {80, 443, 22, 53, 8000, 8050, 8100, 8101, 5060, 1023, 40000};
    for (int i = 0; i < PACKETS; i++) {
      if (random.nextInt(10) == 0) {
        packets.sourceHi[i] = 0x2001_0db8_0000_0000L | (long) random.nextInt(64) << 16;
        packets.sourceLo[i] = random.nextLong();
        packets.destinationHi[i] = 0x2001_0db8_0100_0000L | random.nextInt(256);
        packets.destinationLo[i] = random.nextLong() & 0x0000_ffff_ffff_ffffL;
      } else {
        packets.sourceLo[i] = IpAddress.mappedIpv4(0x0a00_0000 | random.nextInt(1 << 22));
        packets.destinationLo[i] = IpAddress.mappedIpv4(0xac10_0000 | random.nextInt(1 << 20));
      }
      int kind = random.nextInt(10);
      packets.protocol[i] = kind == 0 ? 1 : kind == 1 ? 17 : 6;
      packets.destinationPort[i] =
          kind == 1 ? 5000 + random.nextInt(1200) : ports[random.nextInt(ports.length)];
      packets.icmpType[i] = kind == 0 ? (random.nextBoolean() ? 8 : 3) : -1;
    }
    return packets;
  }

  private static void measure(
      RuntimeConfig config, String what, int rounds, int lookups, Packets p) {
    PolicyTable table = config.policies();
    long defaults = 0;
    for (int i = 0; i < PACKETS; i++) {
      long match =
          table.lookup(
              SCRATCH,
              TRUST,
              DMZ,
              p.sourceHi[i],
              p.sourceLo[i],
              p.destinationHi[i],
              p.destinationLo[i],
              p.protocol[i],
              40_000,
              p.destinationPort[i],
              p.icmpType[i],
              0);
      defaults += match >>> 32 == PolicyTable.DEFAULT_POLICY ? 1 : 0;
    }
    System.out.printf("%s (%.0f %% default policy):%n", what, 100.0 * defaults / PACKETS);
    long sink = 0;
    double lowest = Double.MAX_VALUE;
    double highest = 0;
    double lowestCpu = Double.MAX_VALUE;
    double highestCpu = 0;
    StringBuilder line = new StringBuilder("  lookups/s per round (wall / per CPU second):");
    for (int round = -1; round < rounds; round++) { // round -1 warms up (JIT) and is not reported
      long start = System.nanoTime();
      long cpuStart = THREADS.getCurrentThreadCpuTime();
      for (int n = 0; n < lookups; n++) {
        int i = n & (PACKETS - 1);
        sink +=
            table.lookup(
                SCRATCH,
                TRUST,
                DMZ,
                p.sourceHi[i],
                p.sourceLo[i],
                p.destinationHi[i],
                p.destinationLo[i],
                p.protocol[i],
                40_000,
                p.destinationPort[i],
                p.icmpType[i],
                0);
      }
      double rate = lookups / ((System.nanoTime() - start) / 1e9);
      double cpuRate = lookups / ((THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e9);
      if (round < 0) {
        continue;
      }
      lowest = Math.min(lowest, rate);
      highest = Math.max(highest, rate);
      lowestCpu = Math.min(lowestCpu, cpuRate);
      highestCpu = Math.max(highestCpu, cpuRate);
      line.append(String.format(" %,.0f/%,.0f", rate, cpuRate));
    }
    System.out.println(line);
    System.out.printf(
        "  range: %,.0f - %,.0f lookups/s wall (%.0f - %.0f ns each); %,.0f - %,.0f per CPU second%n",
        lowest, highest, 1e9 / highest, 1e9 / lowest, lowestCpu, highestCpu);
    if (sink == 42) {
      System.out.println();
    }
  }

  /** Heap the loaded generation keeps (after full collections; approximate). */
  private static void retained(long usedBefore) {
    System.out.printf(
        "heap held by the generation: about %.1f MB%n", (usedAfterGc() - usedBefore) / 1e6);
  }

  private static long usedAfterGc() {
    Runtime runtime = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return runtime.totalMemory() - runtime.freeMemory();
  }
}
