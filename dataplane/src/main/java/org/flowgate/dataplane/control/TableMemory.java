package org.flowgate.dataplane.control;

/**
 * One SPU's session table memory: its size, and whether the kernel backs its records with
 * transparent huge pages (and if not, why).
 *
 * @param bytesPerSession off-heap bytes of records and index over the maximum number of sessions
 * @param backing how the records are backed, in words
 */
public record TableMemory(
    int spu, int maximumSessions, long bytesPerSession, boolean hugePages, String backing) {}
