package org.flowgate.dataplane.policy;

import java.util.ArrayList;
import java.util.List;
import org.flowgate.dataplane.appid.ApplicationCatalog;
import org.flowgate.dataplane.application.Application;
import org.flowgate.dataplane.net.AddressMatch;
import org.flowgate.dataplane.net.IpAddress;
import org.flowgate.dataplane.net.IpPrefix;

/**
 * The security policies in SRX lookup order: the policies of the (from-zone, to-zone) context top
 * down, then the global policies, then the default policy; the first match wins. Entries 0 and 1
 * are the built-ins every SRX shows: {@code self-traffic-policy/1} and the default policy {@code
 * default-policy-logical-system-00/2}; entry 2 is {@code
 * pre-id-default-policy-logical-system-00/3}, which a session runs under while unified policies
 * wait for its application (ADR 0033).
 *
 * <p>Unified policies ({@code match dynamic-application}, ADR 0033): a lookup is given the
 * session's application, or {@link ApplicationCatalog#PENDING}. While pending, a policy whose
 * decision depends on the application is a potential match and the walk goes on; the first policy
 * that does not depend on it (or the default policy) ends the walk. With no potential match on the
 * way, that policy is the answer, as without unified policies; with one, the answer is the pre-id
 * default policy, flagged {@link #pendingOf pending}, and the lookup runs again once the
 * application is known: the first policy that matches with it is the final one.
 *
 * <p>Lookup: a list longer than {@link #LINEAR_SCAN_MAX} policies has a {@link PolicyListIndex}
 * that narrows it to candidate positions; candidates are checked with the exact match in list
 * order, so the answer is always the linear first match, only found sooner (ADR 0013). Shorter
 * lists are walked.
 *
 * <pre>
 *   lookup(from, to, packet)
 *     zone-pair list --index--> candidates --exact match, lowest first--> hit? return
 *     global list    --index--> candidates --exact match, lowest first--> hit? return
 *     default policy
 * </pre>
 *
 * <p>Thread: immutable once built; read by every SPU. A lookup's working memory (two bitsets as
 * long as the longest list) belongs to the caller: each SPU keeps one {@link Scratch} and passes it
 * in; it grows only when a later generation has a longer list.
 */
public final class PolicyTable {
  public static final int SELF_TRAFFIC = 0;
  public static final int DEFAULT_POLICY = 1;

  /** {@code pre-id-default-policy-logical-system-00/3} (ADR 0033). */
  public static final int PRE_ID_DEFAULT_POLICY = 2;

  /** The index of the first user policy. */
  public static final int FIRST_USER_POLICY = 3;

  /**
   * In a {@link #lookup} result: the policy is the pre-id default, the final one awaits the
   * application.
   */
  private static final long PENDING_BIT = 1L << 30;

  private static final long APPLICATION_MASK = PENDING_BIT - 1;
  public static final String DEFAULT_POLICY_NAME = "default-policy-logical-system-00";

  /**
   * Lists up to this long are walked, not indexed. Measured crossover (PolicyScale-style lists, CPU
   * time): at 8 policies the walk is faster on a hit and slower on a miss; at 16 the index is 2-3x
   * faster on a miss and even on a hit.
   */
  static final int LINEAR_SCAN_MAX = 8;

  private final List<SecurityPolicy> policies;
  private final PolicyAction defaultAction;
  private final int zoneCount;
  private final int[][] byZonePair;
  private final int[] global;

  /** The applications the policies' application indexes refer to (the generation's). */
  private final List<Application> applications;

  private final PolicyListIndex[] byZonePairIndex;
  private final PolicyListIndex globalIndex;
  private final int maximumWords;
  private final PreIdDefaultPolicy preIdDefaultPolicy;

  /** True when some policy's decision depends on the application (a unified policy). */
  private final boolean unified;

  private PolicyTable(
      List<SecurityPolicy> policies,
      PolicyAction defaultAction,
      int zoneCount,
      List<Application> applications,
      PreIdDefaultPolicy preIdDefaultPolicy) {
    this.policies = policies;
    this.preIdDefaultPolicy = preIdDefaultPolicy;
    boolean anyUnified = false;
    for (SecurityPolicy policy : policies) {
      anyUnified |= policy.dynamicApplications().dependsOnApplication();
    }
    this.unified = anyUnified;
    this.defaultAction = defaultAction;
    this.zoneCount = Math.max(1, zoneCount);
    this.applications = applications;
    List<List<Integer>> pairs = new ArrayList<>();
    for (int i = 0; i < this.zoneCount * this.zoneCount; i++) {
      pairs.add(new ArrayList<>());
    }
    List<Integer> globals = new ArrayList<>();
    for (int i = FIRST_USER_POLICY; i < policies.size(); i++) {
      SecurityPolicy policy = policies.get(i);
      if (policy.global()) {
        globals.add(i);
      } else {
        pairs.get(policy.fromZone() * this.zoneCount + policy.toZone()).add(i);
      }
    }
    this.byZonePair =
        pairs.stream()
            .map(l -> l.stream().mapToInt(Integer::intValue).toArray())
            .toArray(int[][]::new);
    this.global = globals.stream().mapToInt(Integer::intValue).toArray();
    this.byZonePairIndex = new PolicyListIndex[byZonePair.length];
    int words = 0;
    for (int pair = 0; pair < byZonePair.length; pair++) {
      byZonePairIndex[pair] = index(byZonePair[pair], false);
      words = Math.max(words, byZonePairIndex[pair] == null ? 0 : byZonePairIndex[pair].words);
    }
    this.globalIndex = index(global, true);
    this.maximumWords = Math.max(words, globalIndex == null ? 0 : globalIndex.words);
  }

  private PolicyListIndex index(int[] list, boolean zones) {
    return list.length <= LINEAR_SCAN_MAX
        ? null
        : new PolicyListIndex(policies, list, applications, zones);
  }

  /**
   * Builds the table from the user's policies in configuration order (zone-pair and global ones
   * mixed; each keeps its place within its own list). The table holds copies with the same values,
   * laid out for the lookup (see {@code packed}). {@code applications} is the list the policies'
   * application indexes refer to ({@code RuntimeConfig.applications()}).
   */
  public static PolicyTable of(
      PolicyAction defaultAction,
      List<SecurityPolicy> userPolicies,
      int zoneCount,
      List<Application> applications) {
    return of(defaultAction, userPolicies, zoneCount, applications, PreIdDefaultPolicy.DEFAULTS);
  }

  /** As {@link #of(PolicyAction, List, int, List)}, with {@code pre-id-default-policy}. */
  public static PolicyTable of(
      PolicyAction defaultAction,
      List<SecurityPolicy> userPolicies,
      int zoneCount,
      List<Application> applications,
      PreIdDefaultPolicy preIdDefaultPolicy) {
    List<SecurityPolicy> all = new ArrayList<>();
    all.add(SecurityPolicy.builtIn(1, "self-traffic-policy", PolicyAction.PERMIT));
    all.add(SecurityPolicy.builtIn(2, DEFAULT_POLICY_NAME, defaultAction));
    all.add(
        SecurityPolicy.builtIn(3, PreIdDefaultPolicy.NAME, PolicyAction.PERMIT)
            .withLog(preIdDefaultPolicy.logInit(), preIdDefaultPolicy.logClose()));
    for (SecurityPolicy policy : userPolicies) {
      all.add(packed(policy));
    }
    return new PolicyTable(
        List.copyOf(all), defaultAction, zoneCount, applications, preIdDefaultPolicy);
  }

  /**
   * A copy of the policy, same values, whose small objects (zone and application arrays, address
   * matches, their lists, prefixes and addresses) are allocated one after another, so the exact
   * match of a candidate reads a few neighbouring cache lines instead of objects scattered over the
   * heap by the parser and compiler.
   */
  private static SecurityPolicy packed(SecurityPolicy policy) {
    int[] fromZones = policy.fromZones().clone();
    int[] toZones = policy.toZones().clone();
    AddressMatch source = packed(policy.source());
    AddressMatch destination = packed(policy.destination());
    int[] applications = policy.applications().clone();
    return new SecurityPolicy(
        policy.id(),
        policy.name(),
        fromZones,
        toZones,
        policy.global(),
        source,
        destination,
        applications,
        policy.action(),
        policy.logInit(),
        policy.logClose(),
        policy.count(),
        policy.dynamicApplications());
  }

  private static AddressMatch packed(AddressMatch match) {
    if (match.prefixes().isEmpty()) {
      return match.negate() ? match : AddressMatch.ANY;
    }
    IpPrefix[] prefixes = new IpPrefix[match.prefixes().size()];
    for (int i = 0; i < prefixes.length; i++) {
      IpPrefix prefix = match.prefixes().get(i);
      prefixes[i] =
          new IpPrefix(
              new IpAddress(prefix.address().hi(), prefix.address().lo()), prefix.length());
    }
    return new AddressMatch(List.of(prefixes), match.negate());
  }

  public List<SecurityPolicy> policies() {
    return policies;
  }

  public PolicyAction defaultAction() {
    return defaultAction;
  }

  /** {@code security policies pre-id-default-policy}. */
  public PreIdDefaultPolicy preIdDefaultPolicy() {
    return preIdDefaultPolicy;
  }

  /** True when some policy matches {@code dynamic-application} names or groups. */
  public boolean hasUnifiedPolicies() {
    return unified;
  }

  public SecurityPolicy get(int index) {
    return policies.get(index);
  }

  public int size() {
    return policies.size();
  }

  /** True when any zone-pair policy exists for the context. */
  public boolean hasContext(int fromZone, int toZone) {
    return fromZone >= 0 && toZone >= 0 && byZonePair[fromZone * zoneCount + toZone].length > 0;
  }

  /** A lookup's working memory; one per thread that looks up (each SPU keeps its own). */
  public static final class Scratch {
    final PolicyListIndex.Scratch index = new PolicyListIndex.Scratch();

    /** During a pending lookup: the application index (+1) of the first potential match, or 0. */
    int potential;

    /** During a lookup: a potential match was passed over. */
    boolean potentialSeen;
  }

  /** The policy index of a {@link #lookup} result. */
  public static int policyOf(long match) {
    return (int) (match >>> 32);
  }

  /**
   * The application index (in the generation's applications) of a {@link #lookup} result, or -1
   * when the policy matched with {@code application any}.
   */
  public static int applicationOf(long match) {
    return (int) (match & APPLICATION_MASK) - 1;
  }

  /**
   * True when the result is the pre-id default policy because policies that depend on the session's
   * application matched its 5-tuple: the lookup must run again once the application is known.
   */
  public static boolean pendingOf(long match) {
    return (match & PENDING_BIT) != 0;
  }

  /**
   * The first policy that matches, packed: read it with {@link #policyOf} and {@link
   * #applicationOf}; the default policy when none does. Allocates nothing once {@code scratch} has
   * grown to the longest list.
   */
  public long lookup(
      Scratch scratch,
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
    return lookup(
        scratch,
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
        icmpCode,
        ApplicationCatalog.PENDING,
        ApplicationCatalog.UNKNOWN);
  }

  /**
   * The lookup for a session identified as {@code application} (nested {@code nestedApplication}),
   * or still {@link ApplicationCatalog#PENDING}: see the class comment. A pending lookup that
   * passes a potential match answers the pre-id default policy, flagged {@link #pendingOf}.
   * Allocates nothing once {@code scratch} has grown to the longest list.
   */
  public long lookup(
      Scratch scratch,
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
      int application,
      int nestedApplication) {
    scratch.potential = 0;
    scratch.potentialSeen = false;
    long found =
        walk(
            scratch,
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
            icmpCode,
            application,
            nestedApplication);
    if (scratch.potentialSeen) {
      return (long) PRE_ID_DEFAULT_POLICY << 32 | PENDING_BIT | scratch.potential;
    }
    return found;
  }

  private long walk(
      Scratch scratch,
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
      int application,
      int nestedApplication) {
    PolicyListIndex.Scratch words = maximumWords == 0 ? null : scratch.index.ensure(maximumWords);
    if (fromZone >= 0 && toZone >= 0) {
      int pair = fromZone * zoneCount + toZone;
      long found =
          firstMatch(
              scratch,
              application,
              nestedApplication,
              byZonePair[pair],
              byZonePairIndex[pair],
              words,
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
      if (found >= 0) {
        return found;
      }
    }
    long found =
        firstMatch(
            scratch,
            application,
            nestedApplication,
            global,
            globalIndex,
            words,
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
    return found >= 0 ? found : (long) DEFAULT_POLICY << 32;
  }

  private long firstMatch(
      Scratch lookup,
      int application,
      int nestedApplication,
      int[] list,
      PolicyListIndex index,
      PolicyListIndex.Scratch scratch,
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
    if (index == null) {
      for (int policy : list) {
        long found =
            match(
                lookup,
                application,
                nestedApplication,
                policy,
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
        if (found >= 0) {
          return found;
        }
      }
      return -1;
    }
    if (!index.prepare(
        scratch,
        fromZone,
        toZone,
        srcHi,
        srcLo,
        dstHi,
        dstLo,
        protocol,
        destinationPort,
        icmpType)) {
      return -1;
    }
    long[] candidates = scratch.candidates;
    int spanTo = scratch.spanTo;
    // chunks of 1, 2, 4 ... words: a match near the top costs little, a miss no more than one pass
    for (int chunkFrom = scratch.spanFrom, size = 1;
        chunkFrom < spanTo;
        chunkFrom += size, size <<= 1) {
      index.candidates(scratch, chunkFrom, Math.min(spanTo, chunkFrom + size));
      for (int word = scratch.from, end = scratch.to; word < end; word++) {
        for (long bits = candidates[word]; bits != 0; bits &= bits - 1) {
          int position = word << 6 | Long.numberOfTrailingZeros(bits);
          long found =
              match(
                  lookup,
                  application,
                  nestedApplication,
                  list[position],
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
          if (found >= 0) {
            return found;
          }
        }
      }
    }
    return -1;
  }

  /** The exact match of one policy: its packed result, or -1. */
  private long match(
      Scratch lookup,
      int application,
      int nestedApplication,
      int index,
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
    SecurityPolicy policy = policies.get(index);
    if (!SecurityPolicy.contains(policy.fromZones(), fromZone)
        || !SecurityPolicy.contains(policy.toZones(), toZone)
        || !policy.source().matches(srcHi, srcLo)
        || !policy.destination().matches(dstHi, dstLo)) {
      return -1;
    }
    int[] applicationIndexes = policy.applications();
    long found = -1;
    if (applicationIndexes.length == 0) {
      found = (long) index << 32;
    } else {
      for (int candidate : applicationIndexes) {
        if (applications
                .get(candidate)
                .matchingTerm(protocol, sourcePort, destinationPort, icmpType, icmpCode)
            >= 0) {
          found = (long) index << 32 | (candidate + 1);
          break;
        }
      }
    }
    if (found < 0 || !unified) {
      return found;
    }
    DynamicApplicationMatch dynamic = policy.dynamicApplications();
    if (!dynamic.dependsOnApplication()) {
      return found; // a traditional policy (or dynamic-application any) ends the walk
    }
    if (application == ApplicationCatalog.PENDING) {
      if (!lookup.potentialSeen) {
        lookup.potentialSeen = true;
        lookup.potential = (int) (found & APPLICATION_MASK);
      }
      return -1; // a potential match: the walk goes on to the policy that ends it
    }
    return dynamic.matches(application, nestedApplication) ? found : -1;
  }

  /**
   * Approximate heap bytes of every list's lookup index (arrays only; 0 when every list is walked).
   */
  public long indexSizeBytes() {
    long bytes = globalIndex == null ? 0 : globalIndex.sizeBytes();
    for (PolicyListIndex index : byZonePairIndex) {
      bytes += index == null ? 0 : index.sizeBytes();
    }
    return bytes;
  }

  /**
   * The index's sizes for one zone pair's list ({@code fromZone} -1: the global list), or "walked".
   */
  String describeIndex(int fromZone, int toZone) {
    PolicyListIndex index =
        fromZone < 0 ? globalIndex : byZonePairIndex[fromZone * zoneCount + toZone];
    return index == null ? "walked" : index.describe();
  }
}
