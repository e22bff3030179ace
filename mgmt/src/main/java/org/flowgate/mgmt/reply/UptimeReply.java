package org.flowgate.mgmt.reply;

import java.time.Instant;

/**
 * {@code show system uptime}.
 *
 * @param now the current time
 * @param booted when the system booted: when Flowgate's management started (ADR 0020 §Device)
 * @param users users logged in to the CLI
 * @param loadAverageOneMinute the host's 1-minute load average, negative when unknown
 */
public record UptimeReply(Instant now, Instant booted, int users, double loadAverageOneMinute)
    implements ViewReply {}
