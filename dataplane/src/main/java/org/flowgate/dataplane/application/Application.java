package org.flowgate.dataplane.application;

import java.util.List;

/**
 * A predefined ({@code junos-*}) or configured application, with its terms.
 *
 * @param id the internal application id sessions show after the slash ({@code junos-ssh/22})
 * @param applicationProtocol the ALG it engages ({@code dns}, {@code ftp} ...), or null
 */
public record Application(
    int id, String name, String applicationProtocol, List<ApplicationTerm> terms) {

  /** The index of the first term the packet matches, or -1. */
  public int matchingTerm(
      int protocol, int sourcePort, int destinationPort, int icmpType, int icmpCode) {
    for (int i = 0; i < terms.size(); i++) {
      if (terms.get(i).matches(protocol, sourcePort, destinationPort, icmpType, icmpCode)) {
        return i;
      }
    }
    return -1;
  }
}
