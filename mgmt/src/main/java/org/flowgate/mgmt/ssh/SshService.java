package org.flowgate.mgmt.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.channel.PtyMode;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.forward.RejectAllForwardingFilter;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.server.subsystem.SubsystemFactory;
import org.flowgate.mgmt.auth.Accounts;
import org.flowgate.mgmt.cli.CliSession;
import org.flowgate.mgmt.cli.InteractiveCli;
import org.flowgate.mgmt.cli.OutputAbandoned;
import org.flowgate.mgmt.device.Device;
import org.flowgate.mgmt.device.DeviceCli;
import org.jline.terminal.Attributes;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The device's SSH servers (Apache MINA SSHD): on the SSH port the interactive CLI on a pty, exec
 * requests ({@code ssh fw 'show security flow session | display xml'}) and the {@code netconf}
 * subsystem; on the NETCONF port only the {@code netconf} subsystem, as Junos serves port 830.
 * Users and keys come from the committed configuration at each login; a device without users
 * refuses every login. The host key is generated once into the state directory and kept.
 *
 * <p>Work for a channel runs on a virtual thread of its own, never on SSHD's I/O threads, so a slow
 * command or client holds up nobody else. Failed logins are rate-limited per source ({@link
 * LoginGuard}); a source may hold at most {@link #MAXIMUM_UNAUTHENTICATED_PER_SOURCE}
 * unauthenticated connections, and one has {@link #AUTHENTICATION_TIMEOUT} to log in.
 *
 * <p>Thread: start and close from one thread; SSHD's threads and the channel threads call in.
 */
public final class SshService implements AutoCloseable {
  static final int MAXIMUM_UNAUTHENTICATED_PER_SOURCE = 64;
  static final Duration AUTHENTICATION_TIMEOUT = Duration.ofSeconds(30);

  /** Serves a NETCONF session on a channel's streams until it ends. */
  @FunctionalInterface
  public interface NetconfServer {
    void serve(InputStream in, OutputStream out, Accounts.Account account, int sessionId)
        throws IOException;
  }

  private static final AttributeRepository.AttributeKey<Accounts.Account> ACCOUNT =
      new AttributeRepository.AttributeKey<>();

  private final Device device;
  private final LoginGuard guard;
  private final NetconfServer netconf;
  private final SshServer ssh;
  private final SshServer netconfOnly;
  private final AtomicInteger sessionIds = new AtomicInteger(1000);
  private final Map<String, AtomicInteger> unauthenticated = new ConcurrentHashMap<>();
  private final AtomicInteger activeCommands = new AtomicInteger();

  private SshService(
      Device device,
      Path hostKey,
      LoginGuard guard,
      NetconfServer netconf,
      String address,
      int sshPort,
      int netconfPort)
      throws IOException {
    this.device = device;
    this.guard = guard;
    this.netconf = netconf;
    SimpleGeneratorHostKeyProvider keys = new SimpleGeneratorHostKeyProvider(hostKey);
    keys.setAlgorithm(KeyUtils.EC_ALGORITHM);
    keys.setKeySize(256);
    keys.loadKeys(null); // generated and saved now, not at the first connection
    this.ssh = server(keys, address, sshPort, true);
    this.netconfOnly = netconfPort < 0 ? null : server(keys, address, netconfPort, false);
  }

  /**
   * Starts the servers; a port of 0 takes a free port ({@link #sshPort()} tells which), a negative
   * NETCONF port starts none.
   */
  public static SshService start(
      Device device,
      Path stateDirectory,
      LoginGuard guard,
      NetconfServer netconf,
      String address,
      int sshPort,
      int netconfPort)
      throws IOException {
    SshService service =
        new SshService(
            device,
            stateDirectory.resolve("ssh_host_ecdsa_key"),
            guard,
            netconf,
            address,
            sshPort,
            netconfPort);
    try {
      service.ssh.start();
      if (service.netconfOnly != null) {
        service.netconfOnly.start();
      }
    } catch (IOException | RuntimeException e) {
      service.close();
      throw e;
    }
    return service;
  }

  /** Shells, exec requests and NETCONF subsystems running now (their threads alive). */
  public int activeCommands() {
    return activeCommands.get();
  }

  public int sshPort() {
    return ssh.getPort();
  }

  /** The NETCONF port, or -1 when there is none. */
  public int netconfPort() {
    return netconfOnly == null ? -1 : netconfOnly.getPort();
  }

  private SshServer server(
      SimpleGeneratorHostKeyProvider keys, String address, int port, boolean cli) {
    SshServer server = SshServer.setUpDefaultServer();
    server.setHost(address);
    server.setPort(port);
    server.setKeyPairProvider(keys);
    server.setForwardingFilter(RejectAllForwardingFilter.INSTANCE);
    CoreModuleProperties.AUTH_TIMEOUT.set(server, AUTHENTICATION_TIMEOUT);
    CoreModuleProperties.MAX_AUTH_REQUESTS.set(server, 6);
    CoreModuleProperties.SERVER_IDENTIFICATION.set(server, "Flowgate");
    server.setPasswordAuthenticator(
        (user, password, session) -> {
          String source = source(session.getClientAddress());
          if (!guard.mayTry(source, user)) {
            return false;
          }
          Accounts.Account account = device.accounts().withPassword(user, password);
          guard.attempted(source, user, "password", account != null);
          if (account != null) {
            session.setAttribute(ACCOUNT, account);
          }
          return account != null;
        });
    server.setPublickeyAuthenticator(
        (user, key, session) -> {
          String source = source(session.getClientAddress());
          if (!guard.mayTry(source, user)) {
            return false;
          }
          Accounts.Account account = device.accounts().withKey(user, key);
          if (account != null) {
            session.setAttribute(ACCOUNT, account);
            guard.attempted(source, user, "publickey", true);
          }
          return account != null; // a key offered and not taken is not a failed login
        });
    server.setKeyboardInteractiveAuthenticator(null);
    server.addSessionListener(new UnauthenticatedLimit());
    server.setSubsystemFactories(List.of(new NetconfSubsystem()));
    if (cli) {
      server.setShellFactory(channel -> new ShellCommand());
      server.setCommandFactory((channel, command) -> new ExecCommand(command));
    } else {
      server.setShellFactory(
          channel -> new RefusedCommand("only the netconf subsystem is served on this port\n"));
      server.setCommandFactory(
          (channel, command) ->
              new RefusedCommand("only the netconf subsystem is served on this port\n"));
    }
    return server;
  }

  private static String source(SocketAddress address) {
    return address instanceof InetSocketAddress inet
        ? inet.getAddress().getHostAddress()
        : String.valueOf(address);
  }

  /** Closes a connection beyond the per-source limit of connections not yet logged in. */
  private final class UnauthenticatedLimit implements SessionListener {
    @Override
    public void sessionCreated(Session session) {
      String source = source(session.getRemoteAddress());
      AtomicInteger count = unauthenticated.computeIfAbsent(source, s -> new AtomicInteger());
      if (count.incrementAndGet() > MAXIMUM_UNAUTHENTICATED_PER_SOURCE) {
        session.close(true);
      }
    }

    @Override
    public void sessionEvent(Session session, Event event) {
      if (event == Event.Authenticated) {
        release(session);
      }
    }

    @Override
    public void sessionClosed(Session session) {
      if (!session.isAuthenticated()) {
        release(session);
      }
    }

    private void release(Session session) {
      AtomicInteger count = unauthenticated.get(source(session.getRemoteAddress()));
      if (count != null && count.decrementAndGet() <= 0) {
        unauthenticated.remove(source(session.getRemoteAddress()), count);
      }
    }
  }

  /** Streams and exit callback of a channel's command; the work runs on a virtual thread. */
  private abstract class ChannelCommand implements Command {
    InputStream in;
    OutputStream out;
    OutputStream err;
    ExitCallback exit;
    volatile Thread worker;

    @Override
    public void setInputStream(InputStream in) {
      this.in = in;
    }

    @Override
    public void setOutputStream(OutputStream out) {
      this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
      this.err = err;
    }

    @Override
    public void setExitCallback(ExitCallback callback) {
      this.exit = callback;
    }

    @Override
    public void start(ChannelSession channel, Environment environment) {
      Accounts.Account account = channel.getSession().getAttribute(ACCOUNT);
      activeCommands.incrementAndGet();
      worker =
          Thread.ofVirtual()
              .name("ssh-" + getClass().getSimpleName())
              .start(
                  () -> {
                    int status = 1;
                    try {
                      status = run(channel, environment, account);
                    } catch (OutputAbandoned | IOException e) {
                      status = 255; // the client went away
                    } catch (RuntimeException e) {
                      status = 1;
                      try {
                        err.write(
                            ("error: " + e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8));
                        err.flush();
                      } catch (IOException ignored) {
                        // the client went away
                      }
                    } finally {
                      activeCommands.decrementAndGet();
                      exit.onExit(status);
                    }
                  });
    }

    abstract int run(ChannelSession channel, Environment environment, Accounts.Account account)
        throws IOException;

    @Override
    public void destroy(ChannelSession channel) {
      Thread running = worker;
      if (running != null) {
        running.interrupt();
      }
    }
  }

  /** The interactive CLI on the client's pty. */
  private final class ShellCommand extends ChannelCommand {
    @Override
    int run(ChannelSession channel, Environment environment, Accounts.Account account)
        throws IOException {
      Map<String, String> env = environment.getEnv();
      int columns = number(env.get(Environment.ENV_COLUMNS), 80);
      int lines = number(env.get(Environment.ENV_LINES), 24);
      DeviceCli cli = new DeviceCli(device, account, "ssh");
      try (Terminal terminal =
          TerminalBuilder.builder()
              .system(false)
              .name("ssh")
              .type(env.getOrDefault(Environment.ENV_TERM, "vt100"))
              .encoding(StandardCharsets.UTF_8)
              .streams(in, out)
              .size(new Size(columns, lines))
              .attributes(attributes(environment.getPtyModes()))
              .build()) {
        environment.addSignalListener(
            (ch, signal) -> {
              terminal.setSize(
                  new Size(
                      number(env.get(Environment.ENV_COLUMNS), columns),
                      number(env.get(Environment.ENV_LINES), lines)));
              terminal.raise(Terminal.Signal.WINCH);
            },
            org.apache.sshd.server.Signal.WINCH);
        terminal
            .writer()
            .println(
                "--- Flowgate "
                    + Device.RELEASE
                    + " ("
                    + account.name()
                    + ", class "
                    + account.loginClass().name()
                    + ")");
        new InteractiveCli(cli).run(terminal);
      } finally {
        cli.close();
      }
      return 0;
    }
  }

  private static Attributes attributes(Map<PtyMode, Integer> modes) {
    Attributes attributes = new Attributes();
    attributes.setInputFlag(Attributes.InputFlag.ICRNL, true);
    attributes.setOutputFlag(Attributes.OutputFlag.OPOST, true);
    attributes.setOutputFlag(Attributes.OutputFlag.ONLCR, true);
    attributes.setLocalFlag(Attributes.LocalFlag.ISIG, true);
    attributes.setLocalFlag(Attributes.LocalFlag.ICANON, true);
    attributes.setLocalFlag(Attributes.LocalFlag.ECHO, true);
    attributes.setControlChar(Attributes.ControlChar.VINTR, 3);
    attributes.setControlChar(Attributes.ControlChar.VEOF, 4);
    attributes.setControlChar(
        Attributes.ControlChar.VERASE,
        number(String.valueOf(modes.getOrDefault(PtyMode.VERASE, 127)), 127));
    return attributes;
  }

  private static int number(String text, int fallback) {
    try {
      int value = Integer.parseInt(text);
      return value > 0 && value < 10_000 ? value : fallback;
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  /** One command, as {@code ssh fw 'COMMAND'} asks; exit status 1 when it was refused. */
  private final class ExecCommand extends ChannelCommand {
    private final String command;

    ExecCommand(String command) {
      this.command = command;
    }

    @Override
    int run(ChannelSession channel, Environment environment, Accounts.Account account)
        throws IOException {
      DeviceCli cli = new DeviceCli(device, account, "ssh");
      ErrorWatch output = new ErrorWatch(out);
      try {
        if (command.length() > InteractiveCli.MAXIMUM_LINE_CHARACTERS) {
          output.append("error: line too long\n");
        } else {
          cli.run(command.strip(), output, CliSession.NO_ONE);
        }
      } finally {
        cli.close();
        output.flush();
      }
      return output.failed() ? 1 : 0;
    }
  }

  /** Refuses a shell or exec on the NETCONF port. */
  private final class RefusedCommand extends ChannelCommand {
    private final String message;

    RefusedCommand(String message) {
      this.message = message;
    }

    @Override
    int run(ChannelSession channel, Environment environment, Accounts.Account account)
        throws IOException {
      err.write(message.getBytes(StandardCharsets.UTF_8));
      err.flush();
      return 1;
    }
  }

  /** The {@code netconf} subsystem ({@code ssh -s netconf}, RFC 6242). */
  private final class NetconfSubsystem implements SubsystemFactory {
    @Override
    public String getName() {
      return "netconf";
    }

    @Override
    public Command createSubsystem(ChannelSession channel) {
      return new ChannelCommand() {
        @Override
        int run(ChannelSession ch, Environment environment, Accounts.Account account)
            throws IOException {
          netconf.serve(in, out, account, sessionIds.incrementAndGet());
          return 0;
        }
      };
    }
  }

  @Override
  public void close() {
    for (SshServer server : new SshServer[] {ssh, netconfOnly}) {
      if (server != null) {
        try {
          server.stop(true);
        } catch (IOException e) {
          // stopping: nothing more to do
        }
      }
    }
  }
}
