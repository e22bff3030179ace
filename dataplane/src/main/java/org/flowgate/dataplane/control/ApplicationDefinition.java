package org.flowgate.dataplane.control;

import java.util.List;

/**
 * One application identification can name, as {@code show services application-identification
 * application summary} and {@code detail NAME} show it: from the running generation's catalog, the
 * predefined applications and the configured custom ones.
 *
 * @param name {@code junos:HTTP}, or a custom application's name
 * @param id its application id (its index in the catalog)
 * @param type the protocol it is identified as: its name without {@code junos:} ({@code HTTP}),
 *     {@code custom}
 * @param groups the application groups it belongs to, the innermost first ({@code
 *     junos:web:social-networking}, {@code junos:web}); none for a custom application
 * @param encrypted {@code Yes} or {@code No}: the {@code Encryption:} of its sessions
 * @param nested true for a nested application (named inside HTTP, SSL or QUIC by its host)
 * @param custom true for a configured application
 * @param signature how Flowgate recognises it (decoder, host table, IP protocol, or custom)
 * @param hosts the domains that name a nested application
 * @param definition a custom application's configuration, one statement a line
 */
public record ApplicationDefinition(
    String name,
    int id,
    String type,
    List<String> groups,
    String encrypted,
    boolean nested,
    boolean custom,
    String signature,
    List<String> hosts,
    List<String> definition) {

  public ApplicationDefinition {
    groups = List.copyOf(groups);
    hosts = List.copyOf(hosts);
    definition = List.copyOf(definition);
  }
}
