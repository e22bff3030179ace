package org.flowgate.dataplane.replay;

import org.flowgate.dataplane.runtime.RuntimeConfig;

/**
 * A configuration generation to commit during a replay, {@code afterNs} after the first packet:
 * every SPU installs it at that moment of virtual time, between the packets before and after it.
 */
public record TimedCommit(long afterNs, RuntimeConfig config) {}
