package org.flowgate.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.flowgate.config.compile.CompileResult;
import org.flowgate.dataplane.control.FlowEngine;
import org.flowgate.dataplane.control.SessionFilter;
import org.flowgate.dataplane.control.SessionSnapshot;
import org.flowgate.dataplane.replay.ReplayReport;
import org.flowgate.dataplane.runtime.RuntimeConfig;
import org.flowgate.mgmt.command.OperationalCommands;

/**
 * {@code flowgate demo}: loads the office-edge SRX configuration Flowgate ships, builds a capture
 * of that office's traffic (web, TLS, DNS, SSH, ICMP, FTP, a server reached from the internet, a
 * denied port scan), replays it, and walks a new user through what an operator looks at. On a
 * terminal it then opens the interactive CLI on the same table.
 */
final class Demo {
  static final String CONFIG_RESOURCE = "/demo/srx-edge.conf";

  private Demo() {}

  static int run(String[] args, PrintStream out, PrintStream err) {
    int spus = 1;
    boolean interactive = System.console() != null && System.console().isTerminal();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--spus") && i + 1 < args.length) {
        spus = ReplayOptions.intValue("--spus", args[++i], 1, 64);
      } else if (args[i].equals("--no-cli")) {
        interactive = false;
      } else {
        throw new Main.UsageException("demo takes only --spus N and --no-cli");
      }
    }
    Path dir;
    Path capture;
    Path configFile;
    try {
      dir = Files.createTempDirectory("flowgate-demo");
      capture = DemoCapture.write(dir.resolve("office.pcap"));
      configFile = dir.resolve("srx-edge.conf");
      try (InputStream in = Demo.class.getResourceAsStream(CONFIG_RESOURCE)) {
        Files.write(configFile, in.readAllBytes());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the demo files", e);
    }
    ConfigFiles.Loaded loaded;
    try {
      loaded =
          ConfigFiles.parse(
              Files.readString(configFile, StandardCharsets.UTF_8), configFile.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    CompileResult compiled = loaded.result();
    if (!compiled.ok()) {
      ConfigFiles.print(compiled, err);
      return ConfigFiles.CONFIG_ERROR;
    }
    RuntimeConfig config = compiled.config();
    out.println(
        """
        Flowgate demo
        =============
        The configuration: %s
          an office edge SRX (host-name %s) with three zones: trust (office LAN on ge-0/0/1.0),
          dmz (servers on ge-0/0/2.0) and untrust (the internet on ge-0/0/0.0); policies allow
          the office out to the web, the office to its DNS, FTP and web servers, an admin PC to
          SSH anywhere in the DMZ, the internet to the web server, reject telnet from the internet,
          and deny everything else; the office reaches the internet through interface source NAT.
        The capture: %s
          built by Flowgate, 40 s of that office's traffic, including a SYN scan from the internet.
        Replaying it on %d SPU%s...
        """
            .formatted(configFile, config.hostName(), capture, spus, spus == 1 ? "" : "s"));
    try (FlowEngine engine = new FlowEngine(config, spus)) {
      ReplayReport report = engine.replay(List.of(capture), -1);
      Replay.reportProblems(report, err);
      OperationalCommands commands = new OperationalCommands(engine, loaded.configuration());
      show(
          out,
          commands,
          "show security flow session summary",
          "How many sessions the table holds when the capture ends, 40 s after its first packet:");
      show(
          out,
          commands,
          "show security flow session",
          "Every session: its policy (name/id), and two wings, In as received, Out the expected reply:");
      long ssh =
          engine.sessions(SessionFilter.ALL).stream()
              .flatMap(List::stream)
              .filter(s -> s.forward().destinationPort() == 22)
              .mapToLong(SessionSnapshot::sessionId)
              .findFirst()
              .orElse(1);
      show(
          out,
          commands,
          "show security flow session session-identifier " + ssh,
          "One session in every detail (the admin's SSH session):");
      show(
          out,
          commands,
          "show security flow session destination-prefix 172.16.10.0/24 protocol tcp",
          "Filters combine: TCP sessions into the DMZ:");
      show(
          out,
          commands,
          "show security flow session nat",
          "Source NAT: the office's internet sessions leave as 198.51.100.1 with a port of its own; the"
              + " Out wing is the reply to the translated packet:");
      show(
          out,
          commands,
          "show security nat source rule all",
          "The NAT rule that translated them, with its hits:");
      show(
          out,
          commands,
          "show security flow statistics",
          "What the SPUs counted. The drops are the scan (20 SYNs denied by the default policy, the"
              + " one to telnet rejected: the firewall answered it with a RST) and the NTP attempt:");
      show(
          out,
          commands,
          "show security policies hit-count",
          "Which policies the first packets hit (the default policy took the scan and the NTP attempt):");
      show(
          out,
          commands,
          "show security flow session destination-port 80 | display xml",
          "The same data as automation reads it over NETCONF, as XML...");
      show(
          out,
          commands,
          "show security flow session destination-port 443 | display json",
          "...and as JSON:");
      show(
          out,
          commands,
          "clear security flow session destination-prefix 172.16.10.80",
          "Clearing closes matching sessions (close reason CLI):");
      show(
          out,
          commands,
          "show security flow session summary | match sessions",
          "The cleared ones stay visible as Invalidated for two seconds, as an SRX counts them:");
      if (interactive) {
        out.println(
            "Now it is yours: the interactive CLI on the same table. Type ? for help, exit to leave.");
        Cli.open(engine, loaded.configuration(), System.getProperty("user.name", "root"), null);
      } else {
        out.println("Try it yourself: ./flowgate cli --config " + configFile + " " + capture);
      }
      return report.ok() ? 0 : Replay.CAPTURE_ERROR;
    }
  }

  private static void show(
      PrintStream out, OperationalCommands commands, String command, String why) {
    out.println("# " + why);
    out.println(
        command.startsWith("show") || command.startsWith("clear")
            ? "operator@srx-edge> " + command
            : command);
    out.print(commands.execute(command));
    out.println();
  }
}
