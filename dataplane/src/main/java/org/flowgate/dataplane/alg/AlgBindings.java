package org.flowgate.dataplane.alg;

import java.util.List;
import org.flowgate.dataplane.application.Application;
import org.flowgate.dataplane.application.ApplicationTerm;
import org.flowgate.dataplane.application.PredefinedApplications;

/**
 * Which ALG a new session runs, for one generation: the one its application names with {@code
 * application-protocol}, else, when the application names none (or the policy matched {@code any}),
 * the one listening on the session's well-known port, as the predefined {@code junos-*}
 * applications bind them; none for {@code application-protocol ignore} (docs/adr/0027-algs.md).
 *
 * <pre>
 *  policy matched application A (index)        byApplication[A]
 *    A names an ALG (ftp, sip, rpc-portmap ...)  ─► that ALG
 *    A says ignore / none, or a protocol no ALG reads (http) ─► no ALG
 *    A names nothing                          ─► well-known port
 *  policy matched any                          ─► well-known port: tcp/21 FTP, udp/69 TFTP,
 *                                                 udp+tcp/5060 SIP, tcp/554 RTSP, tcp/1723 PPTP,
 *                                                 udp+tcp/111 SUNRPC, udp+tcp/135 MSRPC, udp/53 DNS
 *  the ALG must be on (security alg NAME disable turns it off)
 * </pre>
 *
 * <p>Thread: immutable; shared by every SPU and the dispatcher.
 */
public final class AlgBindings {
  /** {@link #forApplication} and {@link #forPort}: no ALG. */
  public static final int NONE = -1;

  private static final byte UNBOUND = 0;
  private static final byte IGNORE = -1;

  private final byte[] byApplication;
  private final byte[] tcpPorts = new byte[65536];
  private final byte[] udpPorts = new byte[65536];
  private final boolean[] enabled = new boolean[Alg.values().length];

  private AlgBindings(List<Application> applications, AlgSettings settings) {
    for (Alg alg : Alg.values()) {
      enabled[alg.ordinal()] = settings.isEnabled(alg);
    }
    byApplication = new byte[applications.size()];
    for (int i = 0; i < applications.size(); i++) {
      String protocol = applications.get(i).applicationProtocol();
      Alg alg = Alg.ofApplicationProtocol(protocol);
      byApplication[i] =
          alg != null
              ? (byte) (alg.ordinal() + 1)
              : protocol == null ? UNBOUND : IGNORE; // ignore, none, or a protocol no ALG reads
    }
    for (Application application : PredefinedApplications.all().values()) {
      Alg alg = Alg.ofApplicationProtocol(application.applicationProtocol());
      if (alg == null) {
        continue;
      }
      for (ApplicationTerm term : application.terms()) {
        byte[] ports = term.protocol() == 6 ? tcpPorts : term.protocol() == 17 ? udpPorts : null;
        if (ports == null) {
          continue;
        }
        for (int port = term.destinationPortLow(); port <= term.destinationPortHigh(); port++) {
          if (ports[port] == UNBOUND) {
            ports[port] = (byte) (alg.ordinal() + 1);
          }
        }
      }
    }
  }

  public static AlgBindings of(List<Application> applications, AlgSettings settings) {
    return new AlgBindings(applications, settings);
  }

  /**
   * The ALG (its ordinal) a new session runs: {@code application} is the index of the application
   * its policy matched, -1 for {@code any}; NONE when no ALG, or the ALG is off.
   */
  public int choose(int application, int protocol, int destinationPort) {
    int alg = NONE;
    if (application >= 0 && application < byApplication.length) {
      byte bound = byApplication[application];
      if (bound == IGNORE) {
        return NONE;
      }
      if (bound != UNBOUND) {
        alg = bound - 1;
      }
    }
    if (alg == NONE) {
      alg = forPort(protocol, destinationPort);
    }
    return alg != NONE && enabled[alg] ? alg : NONE;
  }

  /** The ALG listening on a well-known port, or NONE. */
  public int forPort(int protocol, int port) {
    if (port < 0 || port > 65535) {
      return NONE;
    }
    byte bound = protocol == 6 ? tcpPorts[port] : protocol == 17 ? udpPorts[port] : UNBOUND;
    return bound == UNBOUND ? NONE : bound - 1;
  }

  public boolean enabled(int alg) {
    return enabled[alg];
  }

  /**
   * True when a packet of this protocol between these ports may belong to a control session whose
   * ALG opens gates (every enabled ALG but DNS, on its well-known ports and on the ports of every
   * application bound to it): the dispatcher waits for such a packet to be read before it places
   * the next one (docs/adr/0027-algs.md).
   */
  public static boolean[][] gateOpeningPorts(List<Application> applications, AlgSettings settings) {
    boolean[][] ports = new boolean[2][65536];
    List<Application> all = new java.util.ArrayList<>(applications);
    all.addAll(PredefinedApplications.all().values());
    for (Application application : all) {
      Alg alg = Alg.ofApplicationProtocol(application.applicationProtocol());
      if (alg == null || alg == Alg.DNS || !alg.implemented() || !settings.isEnabled(alg)) {
        continue;
      }
      for (ApplicationTerm term : application.terms()) {
        int which = term.protocol() == 6 ? 0 : term.protocol() == 17 ? 1 : -1;
        if (which < 0) {
          continue;
        }
        for (int port = term.destinationPortLow(); port <= term.destinationPortHigh(); port++) {
          ports[which][port] = true;
        }
      }
    }
    return ports;
  }
}
