package org.flowgate.mgmt.reply;

import java.util.List;

/**
 * {@code show security policies [detail] [from-zone Z to-zone Z] [policy-name P] [global]}: the
 * policies of the running generation with the names the configuration text gives their matches (ADR
 * 0021).
 *
 * @param header false when a selector ({@code from-zone}, {@code policy-name}, {@code global})
 *     narrows the view: the default-policy lines are then left out
 * @param defaultPolicy {@code permit-all} or {@code deny-all}
 * @param contexts zone-pair contexts in configuration order, each with its policies
 * @param globals global policies, in configuration order
 */
public record PoliciesReply(
    boolean detail,
    boolean header,
    String defaultPolicy,
    int defaultPolicyLogProfile,
    String preIdDefaultPolicy,
    String defaultHttpMuxPolicy,
    List<Context> contexts,
    List<Policy> globals)
    implements ViewReply {
  public PoliciesReply {
    contexts = List.copyOf(contexts);
    globals = List.copyOf(globals);
  }

  /** A zone pair and its policies. */
  public record Context(String fromZone, String toZone, List<Policy> policies) {
    public Context {
      policies = List.copyOf(policies);
    }
  }

  /**
   * One policy.
   *
   * @param index the policy id ({@code Index}, the {@code /N} of a session's policy)
   * @param sequence its place in its context (global policies: among the global ones), from 1
   * @param fromZones the zones of a global policy ({@code any} when it names none); the context's
   *     one zone otherwise
   * @param sourceAddresses the names the configuration gives the match ({@code any} ...)
   * @param action {@code permit}, {@code deny} or {@code reject}
   * @param sourceDetails each source address resolved ({@code name(book): prefix}), for detail
   * @param applicationDetails each application resolved to its terms, for detail
   * @param dynamicApplications {@code match dynamic-application} as configured (names and groups),
   *     empty for none (a traditional policy); {@code any} when it matches every application
   */
  public record Policy(
      String name,
      String state,
      long index,
      int scope,
      int sequence,
      int logProfile,
      boolean global,
      List<String> fromZones,
      List<String> toZones,
      String sourceVrfGroup,
      String destinationVrfGroup,
      List<String> sourceAddresses,
      List<String> destinationAddresses,
      List<String> applications,
      String sourceIdentityFeeds,
      String destinationIdentityFeeds,
      String action,
      boolean logInit,
      boolean logClose,
      boolean count,
      String servicesOffload,
      List<AddressDetail> sourceDetails,
      List<AddressDetail> destinationDetails,
      List<ApplicationDetail> applicationDetails,
      boolean synCheck,
      boolean sequenceCheck,
      boolean windowScale,
      List<String> dynamicApplications) {
    public Policy {
      dynamicApplications = List.copyOf(dynamicApplications);
      fromZones = List.copyOf(fromZones);
      toZones = List.copyOf(toZones);
      sourceAddresses = List.copyOf(sourceAddresses);
      destinationAddresses = List.copyOf(destinationAddresses);
      applications = List.copyOf(applications);
      sourceDetails = List.copyOf(sourceDetails);
      destinationDetails = List.copyOf(destinationDetails);
      applicationDetails = List.copyOf(applicationDetails);
    }

    public boolean log() {
      return logInit || logClose;
    }
  }

  /**
   * An address of a detail view: {@code web-server(global): 10.0.2.10/32}; {@code book} and {@code
   * prefix} null for a prefix the generation holds without a name.
   */
  public record AddressDetail(String name, String book, String prefix) {}

  /** An application of a detail view with its terms. */
  public record ApplicationDetail(String name, List<Term> terms) {
    public ApplicationDetail {
      terms = List.copyOf(terms);
    }
  }

  /**
   * One term: {@code protocol} is the protocol's name or number ({@code 0} for any), ports {@code
   * 0-0} for any.
   */
  public record Term(
      String protocol,
      int alg,
      int inactivityTimeoutSeconds,
      int sourcePortLow,
      int sourcePortHigh,
      int destinationPortLow,
      int destinationPortHigh) {}
}
