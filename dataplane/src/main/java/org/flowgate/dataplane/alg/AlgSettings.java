package org.flowgate.dataplane.alg;

import java.util.EnumSet;
import java.util.Set;

/**
 * {@code [edit security alg]} of one configuration generation: which ALGs are on, and the knobs of
 * those Flowgate implements, with the Junos defaults (docs/adr/0027-algs.md, "Readings").
 *
 * <pre>
 * security alg {
 *   dns  { disable; maximum-message-length 512..8192; oversize-message-drop;
 *          doctoring (none | sanity-check); }
 *   ftp  { disable; allow-mismatch-ip-address; line-break-extension; ftps-extension; }
 *   sip  { disable; inactive-media-timeout 10..2550; maximum-call-duration 3..720;
 *          c-timeout 3..10; t1-interval 500..5000; t4-interval 5..10; retain-hold-resource; }
 *   msrpc, sunrpc { disable; map-entry-timeout 5..43200; group-max-usage 10..100; }
 *   tftp, rtsp, pptp, h323, mgcp, sccp, talk { disable; }   rsh, sql: off by default
 *   ike-esp-nat { enable; }
 * }
 * </pre>
 *
 * @param enabled the ALGs that are on
 * @param ftp the FTP ALG's knobs
 * @param dns the DNS ALG's knobs
 * @param sip the SIP ALG's knobs
 * @param sunRpc the Sun RPC ALG's knobs
 * @param msRpc the MS-RPC ALG's knobs
 */
public record AlgSettings(Set<Alg> enabled, Ftp ftp, Dns dns, Sip sip, Rpc sunRpc, Rpc msRpc) {

  public AlgSettings {
    enabled = enabled.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(enabled));
  }

  /** Nothing configured: the ALGs on by default, every knob at its default. */
  public static AlgSettings junosDefaults() {
    EnumSet<Alg> on = EnumSet.noneOf(Alg.class);
    for (Alg alg : Alg.values()) {
      if (alg.enabledByDefault()) {
        on.add(alg);
      }
    }
    return new AlgSettings(
        on, Ftp.DEFAULTS, Dns.DEFAULTS, Sip.DEFAULTS, Rpc.DEFAULTS, Rpc.DEFAULTS);
  }

  public boolean isEnabled(Alg alg) {
    return enabled.contains(alg);
  }

  /** The same settings with {@code alg} turned on or off. */
  public AlgSettings with(Alg alg, boolean on) {
    EnumSet<Alg> next = enabled.isEmpty() ? EnumSet.noneOf(Alg.class) : EnumSet.copyOf(enabled);
    if (on) {
      next.add(alg);
    } else {
      next.remove(alg);
    }
    return new AlgSettings(next, ftp, dns, sip, sunRpc, msRpc);
  }

  public AlgSettings withFtp(Ftp next) {
    return new AlgSettings(enabled, next, dns, sip, sunRpc, msRpc);
  }

  public AlgSettings withDns(Dns next) {
    return new AlgSettings(enabled, ftp, next, sip, sunRpc, msRpc);
  }

  public AlgSettings withSip(Sip next) {
    return new AlgSettings(enabled, ftp, dns, next, sunRpc, msRpc);
  }

  public AlgSettings withSunRpc(Rpc next) {
    return new AlgSettings(enabled, ftp, dns, sip, next, msRpc);
  }

  public AlgSettings withMsRpc(Rpc next) {
    return new AlgSettings(enabled, ftp, dns, sip, sunRpc, next);
  }

  /**
   * {@code security alg ftp}.
   *
   * @param allowMismatchIpAddress open a gate for a PORT, EPRT, 227 or 229 that names another host
   *     than the control connection's end (site-to-site "FXP" transfers); without it such a command
   *     is dropped and counted
   * @param lineBreakExtension a command may end with a bare LF, not only CR LF
   * @param ftpsExtension read AUTH TLS control connections (accepted; Flowgate does not decrypt)
   */
  public record Ftp(
      boolean allowMismatchIpAddress, boolean lineBreakExtension, boolean ftpsExtension) {
    public static final Ftp DEFAULTS = new Ftp(false, false, false);
  }

  /**
   * {@code security alg dns}.
   *
   * @param maximumMessageLengthBytes a longer DNS message is oversized (512 by default, 512..8192)
   * @param oversizeMessageDrop drop oversized messages instead of passing them (counted either way)
   * @param doctoring what the ALG does to messages
   */
  public record Dns(
      int maximumMessageLengthBytes, boolean oversizeMessageDrop, Doctoring doctoring) {
    public static final Dns DEFAULTS = new Dns(512, false, Doctoring.FULL);

    public Dns {
      if (maximumMessageLengthBytes < 512 || maximumMessageLengthBytes > 8192) {
        throw new IllegalArgumentException("DNS maximum-message-length must be 512 to 8192");
      }
    }
  }

  /**
   * {@code security alg dns doctoring}: without the statement the DNS ALG runs its sanity checks
   * and translates A records for static NAT; {@code sanity-check} keeps only the checks; {@code
   * none} neither (Junos 10.1 release notes, "DNS doctoring support";
   * docs/adr/0039-alg-nat-rewriting.md).
   */
  public enum Doctoring {
    /** No {@code doctoring} statement: checks and the static NAT of A records. */
    FULL,
    SANITY_CHECK,
    NONE
  }

  /**
   * {@code security alg sip}.
   *
   * @param inactiveMediaTimeoutSeconds a media gate, and an idle media session, lasts this long
   *     (120 s)
   * @param maximumCallDurationMinutes a call ends after this long whatever its state (720 min)
   * @param cTimeoutMinutes an INVITE transaction without a final answer ends after this (3 min)
   * @param t1IntervalMilliseconds the SIP round-trip estimate (500 ms)
   * @param t4IntervalSeconds the longest a message stays in the network (5 s)
   * @param retainHoldResource keep a call's media gates while it is on hold
   */
  public record Sip(
      int inactiveMediaTimeoutSeconds,
      int maximumCallDurationMinutes,
      int cTimeoutMinutes,
      int t1IntervalMilliseconds,
      int t4IntervalSeconds,
      boolean retainHoldResource) {
    public static final Sip DEFAULTS = new Sip(120, 720, 3, 500, 5, false);
  }

  /**
   * {@code security alg sunrpc} and {@code security alg msrpc}.
   *
   * @param mapEntryTimeoutMinutes how long a program's mapping (its gate) lasts (8 hours)
   * @param groupMaxUsagePercent how much of the resource manager's groups one RPC ALG may hold
   */
  public record Rpc(int mapEntryTimeoutMinutes, int groupMaxUsagePercent) {
    public static final Rpc DEFAULTS = new Rpc(480, 80);
  }
}
