package org.flowgate.dataplane.policy;

import java.util.Arrays;
import java.util.List;
import org.flowgate.dataplane.application.Application;
import org.flowgate.dataplane.application.ApplicationTerm;
import org.flowgate.dataplane.net.AddressMatch;
import org.flowgate.dataplane.net.IpAddress;
import org.flowgate.dataplane.net.IpPrefix;

/**
 * A candidate filter over one policy list (one zone pair's, or the global one): for a first packet,
 * the bitset of list positions whose policy <em>may</em> match. Every policy that matches is in it;
 * some that do not may be too (negated addresses, source ports, ICMP codes, protocol-less terms),
 * so {@link PolicyTable} checks each candidate exactly, lowest position first, and the first that
 * passes is the answer. Correctness never rests on this index, only speed does.
 *
 * <p>Dimensions, each a {@link RuleSets}; their sets are ANDed:
 *
 * <pre>
 *   destination  deepest prefix node, then its parents      {@link PrefixIndex} per family
 *   source       the same                                    {@link PrefixIndex} per family
 *   application  protocol + destination port / ICMP type     {@link ApplicationIndex}
 *   from-zone    the zone (global list only)
 *   to-zone      the zone (global list only)
 *
 *   candidates = AND over dimensions of ( always | OR of the sets of the packet's keys )
 *
 *   word:        0        1        2  ...  156          (10 000 policies = 157 words)
 *   destination  ........ ...1.... ........ ........     range shrinks to [1, 2)
 *   application  ...      ...1..1. ...                   only word 1 is read
 *   candidates   ........ ...1.... ........ ........  -> position 64 + 3 checked first
 * </pre>
 *
 * <p>A lookup first finds the packet's keys in every dimension ({@link #prepare}); a dimension with
 * no always-set also bounds the words that can hold candidates at all (a /32 destination: one
 * word). The caller then has {@link #candidates} evaluate that span in chunks of 1, 2, 4 ... words
 * and checks each chunk's candidates before asking for the next, so a match near the top of the
 * list touches a few words and a miss costs one pass over the span. Inside a chunk the live range
 * shrinks after each dimension, and a long sparse set is entered by binary search, so a popular
 * application's set costs only the words still live. A dimension where every policy says {@code
 * any} is skipped. Prefix keys are {@code node << 1 | family} (0 IPv4, 1 IPv6).
 *
 * <p>Memory: linear in the (key, policy) pairs of the list, plus five dense bitsets (the always
 * sets); about 1 MB for 10 000 policies with one /32 each.
 *
 * <p>Thread: immutable once built; the per-lookup state lives in a {@link Scratch} owned by the
 * calling thread.
 */
final class PolicyListIndex {
  /** The longest chain of nested prefixes one address can be in (lengths 0-128). */
  private static final int MAX_CHAIN = 129;

  /** Policy-table index of each list position. */
  final int[] policies;

  final int words;
  private final long[] allPolicies;
  private final RuleSets destinations;
  private final PrefixIndex destination4;
  private final PrefixIndex destination6;
  private final RuleSets sources;
  private final PrefixIndex source4;
  private final PrefixIndex source6;
  private final RuleSets applications;
  private final ApplicationIndex applicationIndex;
  private final RuleSets fromZones;
  private final RuleSets toZones;

  /**
   * Per-thread working memory for a lookup: the packet's keys per dimension (found once), the word
   * span that can hold candidates at all, and for the chunk being evaluated the candidate words
   * {@code candidates[from .. to)} and one dimension's words.
   */
  static final class Scratch {
    long[] candidates = new long[0];
    long[] dimension = new long[0];
    final int[] destinationKeys = new int[MAX_CHAIN];
    final int[] sourceKeys = new int[MAX_CHAIN];
    final int[] fromZoneKey = new int[1];
    final int[] toZoneKey = new int[1];
    int destinationKeyCount;
    int sourceKeyCount;
    int[] applicationKeys;
    int fromZoneKeyCount;
    int toZoneKeyCount;
    boolean useApplications;
    int spanFrom;
    int spanTo;
    int from;
    int to;
    boolean started;

    Scratch ensure(int words) {
      if (candidates.length < words) {
        candidates = new long[words];
        dimension = new long[words];
      }
      return this;
    }
  }

  /**
   * Indexes the list.
   *
   * @param table every policy of the table (list positions refer into it)
   * @param list the list's policy indexes, in lookup order
   * @param applicationList the applications the policies' application indexes refer to
   * @param zones true to index from-zone and to-zone (the global list; a zone pair's list needs
   *     none)
   */
  PolicyListIndex(
      List<SecurityPolicy> table, int[] list, List<Application> applicationList, boolean zones) {
    this.policies = list;
    this.words = RuleSets.wordsFor(list.length);
    this.allPolicies = new long[words];
    for (int r = 0; r < list.length; r++) {
      allPolicies[r >>> 6] |= 1L << r;
    }
    RuleSets.Builder destinationSets = new RuleSets.Builder(list.length);
    PrefixIndex.Builder destination4Nodes = new PrefixIndex.Builder();
    PrefixIndex.Builder destination6Nodes = new PrefixIndex.Builder();
    RuleSets.Builder sourceSets = new RuleSets.Builder(list.length);
    PrefixIndex.Builder source4Nodes = new PrefixIndex.Builder();
    PrefixIndex.Builder source6Nodes = new PrefixIndex.Builder();
    RuleSets.Builder applicationSets = new RuleSets.Builder(list.length);
    ApplicationIndex.Builder applicationTerms = new ApplicationIndex.Builder();
    RuleSets.Builder fromZoneSets = new RuleSets.Builder(list.length);
    RuleSets.Builder toZoneSets = new RuleSets.Builder(list.length);
    int[] applicationKeys =
        new int[applicationList.size()]; // 0 not seen yet, -1 unindexable, else key + 1
    int nextApplicationKey = 0;
    for (int r = 0; r < list.length; r++) {
      SecurityPolicy policy = table.get(list[r]);
      addAddresses(policy.destination(), r, destinationSets, destination4Nodes, destination6Nodes);
      addAddresses(policy.source(), r, sourceSets, source4Nodes, source6Nodes);
      boolean anyApplication = policy.applications().length == 0;
      for (int application : policy.applications()) {
        if (application < 0 || application >= applicationKeys.length) {
          anyApplication = true;
          continue;
        }
        if (applicationKeys[application] == 0) {
          int key = nextApplicationKey;
          boolean indexable = true;
          for (ApplicationTerm term : applicationList.get(application).terms()) {
            indexable &= applicationTerms.addTerm(key, term);
          }
          // an unindexable application may still have left some terms in the index: harmless, its
          // key gets no policies
          applicationKeys[application] = indexable ? key + 1 : -1;
          nextApplicationKey++;
        }
        if (applicationKeys[application] < 0) {
          anyApplication = true;
        } else {
          applicationSets.add(applicationKeys[application] - 1, r);
        }
      }
      if (anyApplication) {
        applicationSets.addAlways(r);
      }
      addZones(policy.fromZones(), zones, r, fromZoneSets);
      addZones(policy.toZones(), zones, r, toZoneSets);
    }
    applicationSets.keys(nextApplicationKey);
    this.destinations = destinationSets.build();
    this.destination4 = destination4Nodes.build();
    this.destination6 = destination6Nodes.build();
    this.sources = sourceSets.build();
    this.source4 = source4Nodes.build();
    this.source6 = source6Nodes.build();
    this.applications = applicationSets.build();
    this.applicationIndex = applicationTerms.build();
    this.fromZones = fromZoneSets.build();
    this.toZones = toZoneSets.build();
  }

  private static void addAddresses(
      AddressMatch match,
      int rule,
      RuleSets.Builder sets,
      PrefixIndex.Builder ipv4,
      PrefixIndex.Builder ipv6) {
    if (match.negate() || match.prefixes().isEmpty()) {
      sets.addAlways(rule); // any, or excluded: the exact match decides
      return;
    }
    for (IpPrefix prefix : match.prefixes()) {
      IpAddress address = prefix.address();
      int key =
          prefix.isIpv4()
              ? ipv4.ipv4Node(address.ipv4(), prefix.length()) << 1
              : ipv6.node(address.hi(), address.lo(), prefix.length()) << 1 | 1;
      sets.add(key, rule);
    }
  }

  private static void addZones(int[] zones, boolean indexed, int rule, RuleSets.Builder sets) {
    if (!indexed || zones.length == 0) {
      sets.addAlways(rule);
      return;
    }
    for (int zone : zones) {
      sets.add(zone, rule);
    }
  }

  /**
   * Finds the packet's keys in every dimension and the span of words that can hold candidates at
   * all ({@code scratch.spanFrom .. spanTo}); returns false when no position can match.
   */
  boolean prepare(
      Scratch scratch,
      int fromZone,
      int toZone,
      long srcHi,
      long srcLo,
      long dstHi,
      long dstLo,
      int protocol,
      int destinationPort,
      int icmpType) {
    scratch.spanFrom = 0;
    scratch.spanTo = words;
    scratch.useApplications = !applications.everything;
    if (!destinations.everything) {
      scratch.destinationKeyCount =
          chain(scratch.destinationKeys, destination4, destination6, dstHi, dstLo);
      span(scratch, destinations, scratch.destinationKeys, scratch.destinationKeyCount);
    }
    if (!sources.everything) {
      scratch.sourceKeyCount = chain(scratch.sourceKeys, source4, source6, srcHi, srcLo);
      span(scratch, sources, scratch.sourceKeys, scratch.sourceKeyCount);
    }
    if (scratch.useApplications) {
      scratch.applicationKeys = applicationIndex.keys(protocol, destinationPort, icmpType);
      span(scratch, applications, scratch.applicationKeys, scratch.applicationKeys.length);
    }
    if (!fromZones.everything) {
      scratch.fromZoneKeyCount = zoneKey(scratch.fromZoneKey, fromZones, fromZone);
      span(scratch, fromZones, scratch.fromZoneKey, scratch.fromZoneKeyCount);
    }
    if (!toZones.everything) {
      scratch.toZoneKeyCount = zoneKey(scratch.toZoneKey, toZones, toZone);
      span(scratch, toZones, scratch.toZoneKey, scratch.toZoneKeyCount);
    }
    return scratch.spanFrom < scratch.spanTo;
  }

  /** A dimension with no always-set confines candidates to the words its keys touch. */
  private static void span(Scratch scratch, RuleSets sets, int[] keys, int keyCount) {
    if (!sets.alwaysEmpty) {
      return;
    }
    int first = Integer.MAX_VALUE;
    int end = 0;
    for (int i = 0; i < keyCount; i++) {
      first = Math.min(first, sets.firstWord(keys[i]));
      end = Math.max(end, sets.endWord(keys[i]));
    }
    scratch.spanFrom = Math.max(scratch.spanFrom, first);
    scratch.spanTo = Math.min(scratch.spanTo, end);
  }

  /**
   * After {@link #prepare}: leaves in {@code scratch.candidates[scratch.from .. scratch.to)} the
   * positions in words {@code from .. to} (exclusive) that may match; words outside that range
   * count as zero. Callers go through the span in chunks so an early match stops early.
   */
  void candidates(Scratch scratch, int from, int to) {
    scratch.started = false;
    scratch.from = from;
    scratch.to = to;
    if (!destinations.everything) {
      narrow(scratch, destinations, scratch.destinationKeys, scratch.destinationKeyCount);
    }
    if (!sources.everything) {
      narrow(scratch, sources, scratch.sourceKeys, scratch.sourceKeyCount);
    }
    if (scratch.useApplications) {
      narrow(scratch, applications, scratch.applicationKeys, scratch.applicationKeys.length);
    }
    if (!fromZones.everything) {
      narrow(scratch, fromZones, scratch.fromZoneKey, scratch.fromZoneKeyCount);
    }
    if (!toZones.everything) {
      narrow(scratch, toZones, scratch.toZoneKey, scratch.toZoneKeyCount);
    }
    if (!scratch.started) {
      System.arraycopy(allPolicies, from, scratch.candidates, from, to - from);
    }
  }

  /** Writes the address's prefix nodes (as keys) into {@code keys}; returns how many. */
  private static int chain(int[] keys, PrefixIndex ipv4, PrefixIndex ipv6, long hi, long lo) {
    int count = 0;
    if (IpAddress.isIpv4(hi, lo)) {
      for (int node = ipv4.deepestNode(0, lo & 0xffff_ffffL); node >= 0; node = ipv4.parent(node)) {
        keys[count++] = node << 1;
      }
    } else {
      for (int node = ipv6.deepestNode(hi, lo); node >= 0; node = ipv6.parent(node)) {
        keys[count++] = node << 1 | 1;
      }
    }
    return count;
  }

  private static int zoneKey(int[] keys, RuleSets sets, int zone) {
    if (zone < 0 || zone >= sets.keyCount()) {
      return 0;
    }
    keys[0] = zone;
    return 1;
  }

  /** ANDs one dimension's set for the packet's keys into the candidates and shrinks the range. */
  private static void narrow(Scratch scratch, RuleSets sets, int[] keys, int keyCount) {
    int from = scratch.from;
    int to = scratch.to;
    if (from >= to) {
      return;
    }
    if (sets.alwaysEmpty) { // only the keys' own words can hold candidates
      int first = Integer.MAX_VALUE;
      int end = 0;
      for (int i = 0; i < keyCount; i++) {
        first = Math.min(first, sets.firstWord(keys[i]));
        end = Math.max(end, sets.endWord(keys[i]));
      }
      from = Math.max(from, first);
      to = Math.min(to, end);
      if (from >= to) {
        scratch.from = scratch.to = 0;
        scratch.started = true;
        return;
      }
    }
    long[] candidates = scratch.candidates;
    long[] target = scratch.started ? scratch.dimension : candidates;
    if (sets.alwaysEmpty) {
      Arrays.fill(target, from, to, 0L);
    } else {
      System.arraycopy(sets.always, from, target, from, to - from);
    }
    for (int i = 0; i < keyCount; i++) {
      sets.orInto(keys[i], target, from, to);
    }
    if (scratch.started) {
      for (int w = from; w < to; w++) {
        candidates[w] &= target[w];
      }
    }
    scratch.started = true;
    while (from < to && candidates[from] == 0) {
      from++;
    }
    while (to > from && candidates[to - 1] == 0) {
      to--;
    }
    scratch.from = from;
    scratch.to = to;
  }

  /** Approximate heap bytes of the index (its arrays; the list itself is the table's). */
  long sizeBytes() {
    return 8L * allPolicies.length
        + destinations.sizeBytes()
        + destination4.sizeBytes()
        + destination6.sizeBytes()
        + sources.sizeBytes()
        + source4.sizeBytes()
        + source6.sizeBytes()
        + applications.sizeBytes()
        + applicationIndex.sizeBytes()
        + fromZones.sizeBytes()
        + toZones.sizeBytes();
  }

  /**
   * Sizes for reports and tests: prefix nodes, prefix intervals, application intervals, stored
   * words.
   */
  String describe() {
    return "policies="
        + policies.length
        + " destinationNodes="
        + (destination4.nodeCount() + destination6.nodeCount())
        + " destinationIntervals="
        + (destination4.intervalCount() + destination6.intervalCount())
        + " sourceNodes="
        + (source4.nodeCount() + source6.nodeCount())
        + " applicationIntervals="
        + applicationIndex.intervalCount()
        + " storedWords="
        + (destinations.storedWords()
            + sources.storedWords()
            + applications.storedWords()
            + fromZones.storedWords()
            + toZones.storedWords());
  }
}
