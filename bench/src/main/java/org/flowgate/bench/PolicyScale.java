package org.flowgate.bench;

import java.util.SplittableRandom;
import org.flowgate.config.compile.CompileResult;
import org.flowgate.config.compile.JunosCompiler;
import org.flowgate.dataplane.runtime.RuntimeConfig;

/**
 * Policies at scale (the configuration issue's targets: a 10 000-policy configuration loads in at
 * most 2 s; policy lookup at 1 M lookups/s per core or more). Writes a configuration with N policies
 * in one zone pair (the worst case: every lookup walks that one list), each permitting any source to
 * its own server /32 (an address-book entry) for one of a few applications, then times the load and
 * lookups of first packets to random servers (each one's match is, on average, halfway down).
 *
 * <pre>
 * java --enable-native-access=ALL-UNNAMED -cp bench/target/benchmarks.jar org.flowgate.bench.PolicyScale 10000
 * </pre>
 */
public final class PolicyScale {
  private PolicyScale() {}

  private static final String[] APPLICATIONS = {"junos-http", "junos-https", "junos-ssh", "junos-dns-udp"};

  public static void main(String[] args) {
    int policies = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    StringBuilder text = new StringBuilder("""
        set system host-name scale
        set interfaces ge-0/0/0 unit 0 family inet address 10.0.0.1/8
        set interfaces ge-0/0/1 unit 0 family inet address 172.16.0.1/12
        set security zones security-zone trust interfaces ge-0/0/0.0
        set security zones security-zone dmz interfaces ge-0/0/1.0
        set security policies default-policy deny-all
        """);
    for (int i = 0; i < policies; i++) {
      String server = "172.16." + (i >>> 8 & 0xff) + "." + (i & 0xff);
      text.append("set security address-book global address server-").append(i).append(' ')
          .append(server).append("/32\n");
      String policy = "set security policies from-zone trust to-zone dmz policy p" + i + " ";
      text.append(policy).append("match source-address any\n")
          .append(policy).append("match destination-address server-").append(i).append('\n')
          .append(policy).append("match application ").append(APPLICATIONS[i % APPLICATIONS.length]).append('\n')
          .append(policy).append("then permit\n");
    }
    for (int round = 0; round < 3; round++) {
      long start = System.nanoTime();
      CompileResult result = JunosCompiler.load(text.toString(), "scale.conf");
      long ns = System.nanoTime() - start;
      if (!result.ok()) {
        throw new IllegalStateException(result.errors().toString());
      }
      System.out.printf("load of %,d policies (set form, %,d lines): %.0f ms%n", policies,
          text.toString().lines().count(), ns / 1e6);
      if (round == 2) {
        lookups(result.config(), policies);
      }
    }
  }

  private static void lookups(RuntimeConfig config, int policyCount) {
    SplittableRandom random = new SplittableRandom(7);
    int trust = 0;
    int dmz = 1;
    int[] ports = {80, 443, 22, 53, 8080};
    long sink = 0;
    for (int round = 0; round < 3; round++) {
      int n = 20_000;
      long start = System.nanoTime();
      for (int i = 0; i < n; i++) {
        int port = ports[random.nextInt(ports.length)];
        int server = random.nextInt(policyCount);
        sink += config.policies().lookup(config, trust, dmz, 0, 0x0000_ffff_0a00_0000L | random.nextInt(1 << 24),
            0, 0x0000_ffff_ac10_0000L | server, port == 53 ? 17 : 6, 40_000, port, -1, -1);
      }
      long ns = System.nanoTime() - start;
      System.out.printf("policy lookups: %,.0f per second (%,d random first packets, first match in one zone pair)%n",
          n / (ns / 1e9), n);
    }
    if (sink == 42) {
      System.out.println();
    }
  }
}
