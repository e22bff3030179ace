package org.flowgate.dataplane.net;

import java.util.List;

/**
 * The source or destination side of a policy match: a list of prefixes (empty for {@code any}),
 * optionally negated ({@code source-address-excluded}).
 */
public record AddressMatch(List<IpPrefix> prefixes, boolean negate) {
  public static final AddressMatch ANY = new AddressMatch(List.of(), false);

  public static AddressMatch of(List<String> prefixes) {
    return new AddressMatch(prefixes.stream().map(IpPrefix::parse).toList(), false);
  }

  public boolean matches(long hi, long lo) {
    boolean inside = prefixes.isEmpty();
    for (int i = 0; !inside && i < prefixes.size(); i++) {
      inside = prefixes.get(i).contains(hi, lo);
    }
    return inside != negate;
  }
}
