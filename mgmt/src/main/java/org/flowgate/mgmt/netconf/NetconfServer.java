package org.flowgate.mgmt.netconf;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.flowgate.mgmt.auth.Accounts;
import org.flowgate.mgmt.device.Device;
import org.flowgate.mgmt.ssh.SshService;

/**
 * NETCONF (RFC 6241) over SSH (RFC 6242) for the device: one {@link NetconfSession} per channel,
 * and the table of open sessions {@code kill-session} needs.
 *
 * <p>Thread: any; each session runs on its channel's thread.
 */
public final class NetconfServer implements SshService.NetconfServer {
  /**
   * The capabilities a Junos device announces in its hello, and base:1.1 for chunked framing (RFC
   * 6242).
   */
  static final List<String> CAPABILITIES =
      List.of(
          "urn:ietf:params:netconf:base:1.0",
          "urn:ietf:params:netconf:base:1.1",
          "urn:ietf:params:netconf:capability:candidate:1.0",
          "urn:ietf:params:netconf:capability:confirmed-commit:1.0",
          "urn:ietf:params:netconf:capability:validate:1.0",
          "urn:ietf:params:netconf:capability:url:1.0?scheme=http,ftp,file",
          "urn:ietf:params:xml:ns:netconf:base:1.0",
          "urn:ietf:params:xml:ns:netconf:capability:candidate:1.0",
          "urn:ietf:params:xml:ns:netconf:capability:confirmed-commit:1.0",
          "urn:ietf:params:xml:ns:netconf:capability:validate:1.0",
          "urn:ietf:params:xml:ns:netconf:capability:url:1.0?protocol=http,ftp,file",
          "urn:ietf:params:xml:ns:yang:ietf-netconf-monitoring",
          "http://xml.juniper.net/netconf/junos/1.0",
          "http://xml.juniper.net/dmi/system/1.0");

  private final Device device;
  private final OperationalRpcs operational;
  private final Map<Integer, NetconfSession> sessions = new ConcurrentHashMap<>();

  public NetconfServer(Device device, OperationalRpcs operational) {
    this.device = device;
    this.operational = operational;
  }

  @Override
  public void serve(InputStream in, OutputStream out, Accounts.Account account, int sessionId)
      throws IOException {
    NetconfSession session =
        new NetconfSession(device, operational, this, account, sessionId, new Framing(in, out));
    sessions.put(sessionId, session);
    try {
      session.run();
    } finally {
      sessions.remove(sessionId);
    }
  }

  /** Ends another session ({@code kill-session}); false when there is none with that id. */
  boolean kill(int sessionId) {
    NetconfSession session = sessions.get(sessionId);
    if (session == null) {
      return false;
    }
    session.kill();
    return true;
  }

  /** Sessions open now. */
  public int openSessions() {
    return sessions.size();
  }
}
