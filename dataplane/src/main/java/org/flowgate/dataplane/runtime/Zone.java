package org.flowgate.dataplane.runtime;

/**
 * A security zone.
 *
 * @param id the zone id; a wing's session token carries it in its low byte
 */
public record Zone(int id, String name) {}
