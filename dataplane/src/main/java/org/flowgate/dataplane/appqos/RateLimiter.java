package org.flowgate.dataplane.appqos;

/**
 * {@code class-of-service application-traffic-control rate-limiters NAME}: a token bucket that
 * fills at {@code bandwidth-limit} and holds at most {@code burst-size-limit} bytes
 * (docs/adr/0034).
 *
 * @param bandwidthKbps {@code bandwidth-limit}, kilobits (1000 bits) per second, 64 to 10485760
 * @param burstBytes {@code burst-size-limit}, bytes
 */
public record RateLimiter(String name, long bandwidthKbps, long burstBytes) {
  public RateLimiter {
    if (bandwidthKbps <= 0 || burstBytes <= 0) {
      throw new IllegalArgumentException("rate limiter " + name + " needs a rate and a burst");
    }
  }

  /** Bytes the bucket gains per second: kbps × 1000 / 8. */
  public long bytesPerSecond() {
    return bandwidthKbps * 125;
  }
}
