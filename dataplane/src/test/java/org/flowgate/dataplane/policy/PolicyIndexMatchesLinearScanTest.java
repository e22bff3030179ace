package org.flowgate.dataplane.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.flowgate.dataplane.application.ApplicationTerm;
import org.flowgate.dataplane.net.AddressMatch;
import org.flowgate.dataplane.net.IpAddress;
import org.flowgate.dataplane.net.IpPrefix;
import org.flowgate.dataplane.runtime.RuntimeConfig;
import org.flowgate.dataplane.runtime.RuntimeConfigBuilder;
import org.junit.jupiter.api.Test;

/**
 * Property: on random policy tables (nested and overlapping prefixes of both families, negation,
 * any / any-ipv4 / any-ipv6, port ranges, ICMP types and codes, protocol-only and protocol-less
 * terms, global policies with zone restrictions), the indexed {@link PolicyTable#lookup} answers
 * exactly what a plain top-down scan in SRX order answers, for random first packets aimed at the
 * tables' own prefixes and port edges. Seeded, so a failure names its seed and replays.
 */
class PolicyIndexMatchesLinearScanTest {
  private static final String[] ZONES = {"trust", "untrust", "dmz"};
  private static final String[] PREDEFINED = {
    "junos-http", "junos-https", "junos-ssh", "junos-dns-udp", "junos-dns-tcp", "junos-ping",
        "junos-icmp-ping",
    "junos-pingv6", "junos-gre", "junos-tcp-any", "junos-udp-any", "junos-sctp-any", "junos-ospf",
        "junos-h323",
    "junos-aol", "junos-irc", "junos-ymsg"
  };
  private static final int[] PROTOCOLS = {6, 6, 6, 17, 17, 1, 58, 132, 47, 89, 0, 255};

  @Test
  void randomTablesGiveTheSameFirstMatchAsALinearScan() {
    int matchedPolicies = 0;
    int lookups = 0;
    for (long seed = 1; seed <= 30; seed++) {
      Table table =
          randomTable(new Random(seed), seed % 10 == 0 ? 1500 : 20 + new Random(seed).nextInt(400));
      matchedPolicies +=
          checkPackets(table, new Random(seed * 31), 2_000, table.config, "seed " + seed);
      lookups += 2_000;
    }
    assertThat(matchedPolicies)
        .as("packets that matched a user policy (the test is not all misses)")
        .isGreaterThan(lookups / 4);
  }

  @Test
  void aLookupWithACopiedApplicationListStillGivesTheSameFirstMatch() {
    // the application dimension is keyed by the list the table was built from; another list object
    // (equal content) must fall back to matching applications exactly, not to wrong answers
    for (long seed = 100; seed < 105; seed++) {
      Table table = randomTable(new Random(seed), 300);
      RuntimeConfig c = table.config;
      RuntimeConfig copied =
          new RuntimeConfig(
              c.generation(),
              c.hostName(),
              c.interfaces(),
              c.zones(),
              c.routingInstances(),
              Collections.unmodifiableList(new ArrayList<>(c.applications())),
              c.policies(),
              c.settings(),
              c.ingress(),
              c.maximumSessions(),
              c.nat(),
              c.screens(),
              c.applicationIdentification(),
              c.alg());
      checkPackets(
          table, new Random(seed), 1_000, copied, "seed " + seed + " (copied applications)");
    }
  }

  @Test
  void manyOverlappingPortRangesBeyondTheIntervalBudgetStillMatchExactly() {
    // 1 500 nested TCP ranges [i, 65535 - i] list more than ApplicationIndex.MAX_LISTED
    // (interval, application) entries, so TCP falls back to listing every application
    RuntimeConfigBuilder builder = zones();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 1_500; i++) {
      builder.application(
          "nested-" + i, null, ApplicationTerm.ports(6, 10 * i + 1, 65535 - 10 * i));
      names.add("nested-" + i);
    }
    for (int i = 1_499; i >= 0; i--) { // innermost first: each port's first match is a narrow range
      builder.policy(
          "p" + i,
          "trust",
          "untrust",
          AddressMatch.ANY,
          AddressMatch.ANY,
          List.of(names.get(i)),
          PolicyAction.PERMIT,
          false,
          false);
    }
    RuntimeConfig config = builder.build();
    Random random = new Random(5);
    for (int n = 0; n < 2_000; n++) {
      int port = random.nextInt(66_000);
      assertSame(
          config,
          0,
          1,
          0,
          IpAddress.mappedIpv4(0x0a000001),
          0,
          IpAddress.mappedIpv4(0xc6336407),
          6,
          40_000,
          port,
          -1,
          -1,
          "port " + port);
    }
  }

  // ------------------------------------------------------------------------------------------

  private record Table(RuntimeConfig config, List<IpPrefix> pool, int[] interestingPorts) {}

  private static RuntimeConfigBuilder zones() {
    RuntimeConfigBuilder builder = new RuntimeConfigBuilder();
    for (String zone : ZONES) {
      builder.zone(zone);
    }
    return builder;
  }

  private static Table randomTable(Random random, int policyCount) {
    RuntimeConfigBuilder builder = zones();
    List<Integer> ports = new ArrayList<>(List.of(0, 1, 22, 53, 80, 443, 65535));
    List<String> applications = new ArrayList<>(List.of(PREDEFINED));
    for (int a = 0; a < 12; a++) {
      List<ApplicationTerm> terms = new ArrayList<>();
      for (int t = 1 + random.nextInt(3); t > 0; t--) {
        terms.add(randomTerm(random, ports));
      }
      builder.application("app-" + a, null, terms.toArray(ApplicationTerm[]::new));
      applications.add("app-" + a);
    }
    List<IpPrefix> pool = new ArrayList<>();
    for (int i = 0; i < 10 + random.nextInt(60); i++) {
      pool.add(randomPrefix(random));
    }
    pool.add(IpPrefix.parse("0.0.0.0/0")); // any-ipv4
    pool.add(IpPrefix.parse("::/0")); // any-ipv6
    for (int p = 0; p < policyCount; p++) {
      boolean global = random.nextInt(4) == 0;
      List<String> from = new ArrayList<>();
      List<String> to = new ArrayList<>();
      if (global) {
        for (String zone : ZONES) {
          if (random.nextInt(4) == 0) {
            from.add(zone);
          }
          if (random.nextInt(4) == 0) {
            to.add(zone);
          }
        }
      } else {
        from.add(ZONES[random.nextInt(2)]);
        to.add(ZONES[random.nextInt(ZONES.length)]);
      }
      List<String> apps = new ArrayList<>();
      if (random.nextInt(4) != 0) {
        for (int k = 1 + random.nextInt(3); k > 0; k--) {
          apps.add(applications.get(random.nextInt(applications.size())));
        }
      }
      builder.policy(
          "p" + p,
          from,
          to,
          global,
          randomAddresses(random, pool),
          randomAddresses(random, pool),
          apps,
          PolicyAction.values()[random.nextInt(3)],
          false,
          false,
          false);
    }
    return new Table(builder.build(), pool, ports.stream().mapToInt(Integer::intValue).toArray());
  }

  private static ApplicationTerm randomTerm(Random random, List<Integer> ports) {
    int low = random.nextInt(4) == 0 ? 1 + random.nextInt(65535) : 1 + random.nextInt(2000);
    int high =
        switch (random.nextInt(4)) {
          case 0 -> low;
          case 1 -> Math.min(65535, low + random.nextInt(50));
          case 2 -> 65535;
          default -> Math.min(65535, low + random.nextInt(5000));
        };
    ports.addAll(List.of(low - 1, low, high, high + 1));
    int sourceLow = random.nextInt(3) == 0 ? 1024 : 0;
    return switch (random.nextInt(8)) {
      case 0 ->
          new ApplicationTerm(
              1,
              0,
              65535,
              0,
              65535,
              random.nextInt(3) == 0 ? -1 : random.nextInt(12),
              random.nextInt(3) == 0 ? random.nextInt(3) : -1,
              0);
      case 1 ->
          new ApplicationTerm(
              58, 0, 65535, 0, 65535, random.nextInt(2) == 0 ? -1 : 128 + random.nextInt(3), -1, 0);
      case 2 ->
          new ApplicationTerm(random.nextBoolean() ? 47 : 132, 0, 65535, low, high, -1, -1, 0);
      case 3 -> new ApplicationTerm(-1, sourceLow, 65535, low, high, -1, -1, 0); // protocol any
      default ->
          new ApplicationTerm(
              random.nextBoolean() ? 6 : 17, sourceLow, 65535, low, high, -1, -1, 0);
    };
  }

  /**
   * Prefixes clustered in 10.0.0.0/14 and 2001:db8::/46 (and ::/96, IPv4-compatible IPv6) so they
   * nest and overlap.
   */
  private static IpPrefix randomPrefix(Random random) {
    if (random.nextInt(3) != 0) {
      int[] lengths = {0, 8, 14, 16, 22, 24, 28, 30, 31, 32, 32, 32};
      int address = 0x0a00_0000 | random.nextInt(1 << 18);
      return new IpPrefix(IpAddress.ofIpv4(address), lengths[random.nextInt(lengths.length)]);
    }
    int[] lengths = {0, 32, 46, 48, 64, 96, 112, 126, 127, 128, 128};
    if (random.nextInt(6) == 0) {
      return new IpPrefix(
          new IpAddress(0, 0x0a00_0000L | random.nextInt(1 << 18)), 96 + random.nextInt(33));
    }
    long hi = 0x2001_0db8_0000_0000L | (long) random.nextInt(4) << 16 | random.nextInt(3);
    long lo = random.nextInt(3) == 0 ? random.nextLong() : random.nextInt(1 << 10);
    return new IpPrefix(new IpAddress(hi, lo), lengths[random.nextInt(lengths.length)]);
  }

  private static AddressMatch randomAddresses(Random random, List<IpPrefix> pool) {
    if (random.nextInt(3) == 0) {
      return random.nextInt(5) == 0 ? new AddressMatch(List.of(), true) : AddressMatch.ANY;
    }
    List<IpPrefix> prefixes = new ArrayList<>();
    for (int k = 1 + random.nextInt(3); k > 0; k--) {
      prefixes.add(pool.get(random.nextInt(pool.size())));
    }
    return new AddressMatch(prefixes, random.nextInt(8) == 0);
  }

  /** An address inside a pool prefix (random host bits), or a random one near the clusters. */
  private static long[] randomAddress(Random random, List<IpPrefix> pool, boolean ipv4) {
    IpPrefix prefix = pool.get(random.nextInt(pool.size()));
    if (random.nextInt(4) == 0 || prefix.isIpv4() != ipv4) {
      if (ipv4) {
        return new long[] {
          0,
          IpAddress.mappedIpv4(
              random.nextInt(8) == 0 ? random.nextInt() : 0x0a00_0000 | random.nextInt(1 << 19))
        };
      }
      return random.nextInt(5) == 0
          ? new long[] {0, 0x0a00_0000L | random.nextInt(1 << 18)}
          : new long[] {
            0x2001_0db8_0000_0000L | (long) random.nextInt(8) << 16 | random.nextInt(3),
            random.nextInt(1 << 11)
          };
    }
    long hi = prefix.address().hi();
    long lo = prefix.address().lo();
    if (ipv4) {
      int bits = 32 - prefix.length();
      int host =
          bits == 0
              ? 0
              : random.nextInt(3) == 0 ? (random.nextBoolean() ? 0 : -1) : random.nextInt();
      int mask = bits == 32 ? -1 : bits == 0 ? 0 : (1 << bits) - 1;
      return new long[] {
        0, IpAddress.mappedIpv4((prefix.address().ipv4() & ~mask) | (host & mask))
      };
    }
    long hiHost = PrefixIndex.hiMask(prefix.length());
    long loHost = PrefixIndex.loMask(prefix.length());
    long randomHi = random.nextInt(3) == 0 ? 0 : random.nextLong();
    long randomLo = random.nextInt(3) == 0 ? -1 : random.nextLong();
    long[] address = {(hi & hiHost) | (randomHi & ~hiHost), (lo & loHost) | (randomLo & ~loHost)};
    return IpAddress.isIpv4(address[0], address[1])
        ? new long[] {address[0], address[1] ^ (1L << 40)}
        : address;
  }

  /** Checks packets against the reference; returns how many matched a user policy. */
  private static int checkPackets(
      Table table, Random random, int count, RuntimeConfig lookupConfig, String what) {
    int matched = 0;
    for (int n = 0; n < count; n++) {
      boolean ipv4 = random.nextInt(10) < 7;
      long[] source = randomAddress(random, table.pool, ipv4);
      long[] destination = randomAddress(random, table.pool, ipv4);
      int protocol =
          random.nextInt(10) == 0
              ? random.nextInt(256)
              : PROTOCOLS[random.nextInt(PROTOCOLS.length)];
      int[] ports = table.interestingPorts;
      int sourcePort = random.nextBoolean() ? 40_000 : random.nextInt(2048);
      int destinationPort =
          random.nextInt(5) == 0 ? random.nextInt(65536) : ports[random.nextInt(ports.length)];
      int icmpType =
          protocol == 1 || protocol == 58 ? (protocol == 58 ? 126 : 0) + random.nextInt(14) : -1;
      int icmpCode = protocol == 1 || protocol == 58 ? random.nextInt(3) : -1;
      int fromZone = random.nextInt(12) == 0 ? -1 : random.nextInt(ZONES.length);
      int toZone = random.nextInt(12) == 0 ? -1 : random.nextInt(ZONES.length);
      long expected =
          assertSame(
              lookupConfig,
              fromZone,
              toZone,
              source[0],
              source[1],
              destination[0],
              destination[1],
              protocol,
              sourcePort,
              destinationPort,
              icmpType,
              icmpCode,
              what + " packet " + n);
      if (expected >>> 32 != PolicyTable.DEFAULT_POLICY) {
        matched++;
      }
    }
    return matched;
  }

  private static long assertSame(
      RuntimeConfig config,
      int fromZone,
      int toZone,
      long srcHi,
      long srcLo,
      long dstHi,
      long dstLo,
      int protocol,
      int sourcePort,
      int destinationPort,
      int icmpType,
      int icmpCode,
      String what) {
    long expected =
        linearScan(
            config,
            fromZone,
            toZone,
            srcHi,
            srcLo,
            dstHi,
            dstLo,
            protocol,
            sourcePort,
            destinationPort,
            icmpType,
            icmpCode);
    long actual =
        config
            .policies()
            .lookup(
                new PolicyTable.Scratch(),
                fromZone,
                toZone,
                srcHi,
                srcLo,
                dstHi,
                dstLo,
                protocol,
                sourcePort,
                destinationPort,
                icmpType,
                icmpCode);
    assertThat(describe(config, actual))
        .as(
            "%s: zones %d->%d %s -> %s proto %d ports %d->%d icmp %d/%d",
            what,
            fromZone,
            toZone,
            IpAddress.format(srcHi, srcLo),
            IpAddress.format(dstHi, dstLo),
            protocol,
            sourcePort,
            destinationPort,
            icmpType,
            icmpCode)
        .isEqualTo(describe(config, expected));
    return expected;
  }

  private static String describe(RuntimeConfig config, long match) {
    int application = PolicyTable.applicationOf(match);
    return config.policies().get(PolicyTable.policyOf(match)).name()
        + " / "
        + (application < 0 ? "any" : config.applications().get(application).name());
  }

  /**
   * The specification: zone-pair list top down, then global list top down, then the default policy.
   */
  static long linearScan(
      RuntimeConfig config,
      int fromZone,
      int toZone,
      long srcHi,
      long srcLo,
      long dstHi,
      long dstLo,
      int protocol,
      int sourcePort,
      int destinationPort,
      int icmpType,
      int icmpCode) {
    List<SecurityPolicy> all = config.policies().policies();
    for (boolean globalPass : new boolean[] {false, true}) {
      for (int i = PolicyTable.FIRST_USER_POLICY; i < all.size(); i++) {
        SecurityPolicy policy = all.get(i);
        boolean inList =
            globalPass
                ? policy.global()
                : !policy.global()
                    && fromZone >= 0
                    && toZone >= 0
                    && policy.fromZone() == fromZone
                    && policy.toZone() == toZone;
        if (!inList
            || !zoneMatches(policy.fromZones(), fromZone)
            || !zoneMatches(policy.toZones(), toZone)
            || !policy.source().matches(srcHi, srcLo)
            || !policy.destination().matches(dstHi, dstLo)) {
          continue;
        }
        if (policy.applications().length == 0) {
          return (long) i << 32;
        }
        for (int application : policy.applications()) {
          for (ApplicationTerm term : config.applications().get(application).terms()) {
            if (term.matches(protocol, sourcePort, destinationPort, icmpType, icmpCode)) {
              return (long) i << 32 | (application + 1);
            }
          }
        }
      }
    }
    return (long) PolicyTable.DEFAULT_POLICY << 32;
  }

  private static boolean zoneMatches(int[] zones, int zone) {
    if (zones.length == 0) {
      return true;
    }
    for (int z : zones) {
      if (z == zone) {
        return true;
      }
    }
    return false;
  }
}
