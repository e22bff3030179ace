package org.flowgate.mgmt.reply;

import java.util.List;

/**
 * {@code show security match-policies ...}: the policies a first packet with these fields would
 * meet, in the order the first path tries them; the first is the one that decides (the default
 * policy when no user policy matches).
 *
 * @param policies at most {@code result-count} of them, each resolved as for the detail view
 */
public record MatchPoliciesReply(List<PoliciesReply.Policy> policies) implements ViewReply {
  public MatchPoliciesReply {
    policies = List.copyOf(policies);
  }
}
