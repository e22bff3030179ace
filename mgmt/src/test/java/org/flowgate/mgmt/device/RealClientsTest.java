package org.flowgate.mgmt.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.flowgate.dataplane.capture.LinkType;
import org.flowgate.dataplane.capture.PcapWriter;
import org.flowgate.dataplane.runtime.FactoryDefault;
import org.flowgate.mgmt.auth.UnixCrypt;
import org.flowgate.testkit.PacketBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The device driven by the clients SRX users have: OpenSSH (exec and an interactive pty, password
 * and ed25519 key), ncclient with the junos handler (both framings) and PyEZ. One device for the
 * class, on free loopback ports; each client is skipped with a message where it is not installed
 * (.ci/run installs them).
 */
class RealClientsTest {
  private static final String PASSWORD = "flowgate-test-1";
  @TempDir static Path dir;
  private static DeviceServer server;
  private static Path key;

  @BeforeAll
  static void start() throws Exception {
    String hash = UnixCrypt.sha512(PASSWORD);
    String keyLine = "";
    if (exists("ssh-keygen")) {
      key = dir.resolve("id_ed25519");
      run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString()), null, 30);
      keyLine = Files.readString(dir.resolve("id_ed25519.pub")).strip();
    }
    String config =
        DeviceServer.factoryDefaultText()
            + "set system host-name fw1\n"
            + "set system login user admin class super-user\n"
            + "set system login user admin authentication encrypted-password \""
            + hash
            + "\"\n"
            + (keyLine.isEmpty()
                ? ""
                : "set system login user admin authentication ssh-ed25519 \"" + keyLine + "\"\n")
            + "set system login user viewer class read-only\n"
            + "set system login user viewer authentication encrypted-password \""
            + hash
            + "\"\n";
    server =
        DeviceServer.start(
            new DeviceServer.Settings(
                dir.resolve("state"),
                config,
                "test.conf",
                "127.0.0.1",
                0,
                0,
                0,
                1,
                FactoryDefault.config(),
                result -> result.config(),
                line -> {}));
    Path capture = dir.resolve("forty.pcap");
    try (PcapWriter writer =
        PcapWriter.open(capture, LinkType.ETHERNET, false, ByteOrder.LITTLE_ENDIAN)) {
      for (int i = 0; i < 40; i++) {
        writer.write(
            1_700_000_000_000_000_000L + i,
            PacketBuilder.ipv4("192.168.1.10", "203.0.113.5").udp(5000 + i, 53).ethernet());
      }
    }
    server.device().replays().submit(capture, 0).get();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  record Result(int status, String out) {}

  private static boolean exists(String program) {
    for (String directory : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
      if (Files.isExecutable(Path.of(directory, program))) {
        return true;
      }
    }
    return false;
  }

  private static Result run(List<String> command, String input, int seconds) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    Path askpass = dir.resolve("askpass.sh");
    Files.writeString(askpass, "#!/bin/sh\necho " + PASSWORD + "\n");
    Files.setPosixFilePermissions(askpass, PosixFilePermissions.fromString("rwx------"));
    Map<String, String> env = builder.environment();
    env.put("SSH_ASKPASS", askpass.toString());
    env.put("SSH_ASKPASS_REQUIRE", "force");
    env.put("DISPLAY", ":0");
    Process process = builder.start();
    try {
      if (input != null) {
        process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
      }
      process.getOutputStream().close();
      byte[] out = process.getInputStream().readAllBytes();
      if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
        throw new AssertionError("client did not finish in " + seconds + " s");
      }
      return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8));
    } finally {
      process.destroyForcibly();
    }
  }

  private static List<String> ssh(String user, boolean password, String... rest) {
    List<String> command =
        new ArrayList<>(
            List.of(
                "ssh",
                "-o",
                "StrictHostKeyChecking=no",
                "-o",
                "UserKnownHostsFile=/dev/null",
                "-o",
                "LogLevel=ERROR",
                "-o",
                "BatchMode=" + (password ? "no" : "yes"),
                "-o",
                "PreferredAuthentications=" + (password ? "password" : "publickey"),
                "-o",
                "NumberOfPasswordPrompts=1",
                "-p",
                String.valueOf(server.sshPort())));
    if (!password) {
      command.addAll(List.of("-i", key.toString(), "-o", "IdentitiesOnly=yes"));
    }
    command.add(user + "@127.0.0.1");
    command.addAll(List.of(rest));
    return command;
  }

  @Test
  void openSshExecAnswersWithAPasswordAndFailsABadCommand() throws Exception {
    Assumptions.assumeTrue(
        exists("ssh"), "OpenSSH client not installed (apt-get install openssh-client)");
    Result summary = run(ssh("admin", true, "show security flow session summary"), null, 60);
    assertThat(summary.out()).contains("Unicast-sessions: 40");
    assertThat(summary.status()).isZero();
    Result xml = run(ssh("admin", true, "show security flow session | display xml"), null, 60);
    assertThat(xml.out()).contains("<flow-session-information");
    Result bad = run(ssh("admin", true, "show security flow sesion"), null, 60);
    assertThat(bad.out()).contains("syntax error");
    assertThat(bad.status()).isEqualTo(1);
    Result denied = run(ssh("viewer", true, "clear security flow session all"), null, 60);
    assertThat(denied.out()).contains("error: permission denied");
    assertThat(denied.status()).isEqualTo(1);
  }

  @Test
  void openSshLogsInWithAnEd25519Key() throws Exception {
    Assumptions.assumeTrue(exists("ssh") && key != null, "OpenSSH client not installed");
    Result version = run(ssh("admin", false, "show version"), null, 60);
    assertThat(version.out()).contains("Hostname: fw1");
    assertThat(version.status()).isZero();
  }

  @Test
  void openSshWithAWrongPasswordIsRefused() throws Exception {
    Assumptions.assumeTrue(exists("ssh"), "OpenSSH client not installed");
    Result refused = run(ssh("nobody", true, "show version"), null, 60);
    assertThat(refused.status()).isEqualTo(255);
    assertThat(refused.out()).contains("Permission denied");
  }

  @Test
  void openSshInteractiveSessionPromptsHelpsAndConfigures() throws Exception {
    Assumptions.assumeTrue(exists("ssh"), "OpenSSH client not installed");
    List<String> command = ssh("admin", true);
    command.add(1, "-tt");
    Result session =
        run(
            command,
            "show security flow ?\n"
                + "configure\n"
                + "set system domain-name example.net\n"
                + "show | compare\n"
                + "commit\n"
                + "exit\n"
                + "show configuration system domain-name\n"
                + "exit\n",
            60);
    assertThat(session.out())
        .contains("admin@fw1> ")
        .contains("Possible completions:")
        .contains("session")
        .contains("Entering configuration mode")
        .contains("[edit system]")
        .contains("+   domain-name example.net;")
        .contains("commit complete")
        .contains("domain-name example.net;");
  }

  private static Result python(String script, String... args) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                "/usr/bin/python3", "-c", script, String.valueOf(server.netconfPort()), PASSWORD));
    command.addAll(List.of(args));
    return run(command, null, 120);
  }

  private static boolean pythonHas(String module) throws Exception {
    return Files.isExecutable(Path.of("/usr/bin/python3"))
        && run(List.of("/usr/bin/python3", "-c", "import " + module), null, 60).status() == 0;
  }

  private static final String NCCLIENT =
      """
      import sys
      from ncclient import manager
      from ncclient.xml_ import to_ele
      port, password, framing = int(sys.argv[1]), sys.argv[2], sys.argv[3]
      if framing == 'eom':
          from ncclient.devices.junos import JunosDeviceHandler
          caps = JunosDeviceHandler.get_capabilities
          JunosDeviceHandler.get_capabilities = lambda self: [c for c in caps(self) if 'base:1.1' not in c]
      with manager.connect(host='127.0.0.1', port=port, username='admin', password=password,
                           hostkey_verify=False, device_params={'name': 'junos'},
                           look_for_keys=False, allow_agent=False, timeout=60) as m:
          print('framing', 'chunked' if m._session._base == 2 else 'eom')
          print(m.get_config(source='running'))
          m.lock()
          m.edit_config(target='candidate', config='system { location { building b%s; } }' % framing, format='text')
          m.commit()
          m.unlock()
          print(m.get_config(source='running'))
          print(m.rpc(to_ele('<get-flow-session-information><summary/></get-flow-session-information>')))
          try:
              m.rpc(to_ele('<get-frobnication/>'))
          except Exception as e:
              print('RPCERROR', e)
      """;

  @Test
  void ncclientWithTheJunosHandlerInBothFramings() throws Exception {
    Assumptions.assumeTrue(
        pythonHas("ncclient"), "ncclient not installed (apt-get install python3-ncclient)");
    for (String framing : List.of("chunked", "eom")) {
      Result result = python(NCCLIENT, framing);
      assertThat(result.out()).as(result.out()).contains("framing " + framing);
      assertThat(result.out()).contains("<host-name>fw1</host-name>");
      assertThat(result.out()).contains("b" + framing);
      assertThat(result.out()).contains("flow-session-summary-information");
      assertThat(result.out()).contains("RPCERROR syntax error");
      assertThat(result.status()).as(result.out()).isZero();
    }
  }

  private static final String PYEZ =
      """
      import sys
      from jnpr.junos import Device
      from jnpr.junos.utils.config import Config
      port, password = int(sys.argv[1]), sys.argv[2]
      dev = Device(host='127.0.0.1', port=port, user='admin', passwd=password, gather_facts=True)
      dev.open()
      print('hostname', dev.facts['hostname'])
      print('version', dev.facts['version'])
      summary = dev.rpc.get_flow_session_information(summary=True)
      from lxml import etree
      print('summary', etree.tostring(summary).decode())
      print(dev.cli('show security flow session summary', warning=False))
      cu = Config(dev)
      cu.load('set system location building pyez', format='set')
      cu.commit()
      print('location', dev.rpc.get_config().findtext('.//building'))
      dev.close()
      """;

  @Test
  void pyezOpensGathersFactsRunsRpcsAndCommits() throws Exception {
    Assumptions.assumeTrue(
        pythonHas("jnpr.junos"), "PyEZ not installed (apt-get install python3-junos-eznc)");
    Result result = python(PYEZ);
    assertThat(result.out()).as(result.out()).contains("hostname fw1");
    assertThat(result.out()).contains("version 24.4R1-S2.9");
    assertThat(result.out()).contains("summary <flow-session-information");
    assertThat(result.out()).contains("Unicast-sessions: 40");
    assertThat(result.out()).contains("location pyez");
    assertThat(result.status()).isZero();
  }

  @Test
  void ansibleJunosCommandAndJunosConfigOverNetconfAreIdempotent() throws Exception {
    Assumptions.assumeTrue(
        exists("ansible-playbook"), "Ansible not installed (apt-get install ansible)");
    Path work = Files.createDirectories(dir.resolve("ansible"));
    Files.writeString(
        work.resolve("inventory.ini"),
        "[fw]\nfw1 ansible_host=127.0.0.1 ansible_port="
            + server.netconfPort()
            + " ansible_user=admin ansible_password="
            + PASSWORD
            + " ansible_connection=ansible.netcommon.netconf"
            + " ansible_network_os=junipernetworks.junos.junos"
            + " ansible_python_interpreter=/usr/bin/python3\n");
    Files.writeString(
        work.resolve("ansible.cfg"),
        "[defaults]\nhost_key_checking = False\nlocal_tmp = "
            + work.resolve("tmp")
            + "\n[persistent_connection]\ncommand_timeout = 60\n");
    Files.writeString(
        work.resolve("play.yml"),
        """
        - hosts: fw
          gather_facts: false
          tasks:
            - junipernetworks.junos.junos_command:
                commands:
                  - show security flow session summary
              register: out
            - assert:
                that: "'Unicast-sessions: 40' in out.stdout[0]"
            - junipernetworks.junos.junos_config:
                lines:
                  - set system location building ansible
        """);
    List<String> command =
        List.of(
            "ansible-playbook",
            "-i",
            work.resolve("inventory.ini").toString(),
            work.resolve("play.yml").toString());
    Result first = runIn(work, command);
    assertThat(first.out()).as(first.out()).contains("changed=1").contains("failed=0");
    Result second = runIn(work, command);
    assertThat(second.out()).as(second.out()).contains("changed=0").contains("failed=0");
    assertThat(run(ssh("admin", true, "show configuration system location"), null, 60).out())
        .contains("building ansible;");
  }

  private static Result runIn(Path directory, List<String> command) throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
    builder.environment().put("ANSIBLE_CONFIG", directory.resolve("ansible.cfg").toString());
    builder.environment().put("HOME", directory.toString());
    Process process = builder.start();
    try {
      process.getOutputStream().close();
      byte[] out = process.getInputStream().readAllBytes();
      if (!process.waitFor(300, TimeUnit.SECONDS)) {
        throw new AssertionError("ansible-playbook did not finish");
      }
      return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8));
    } finally {
      process.destroyForcibly();
    }
  }

  private static final String PTY_DRIVER =
      """
      import os, pty, sys, time, select, fcntl, termios, struct
      pid, fd = pty.fork()
      if pid == 0:
          fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack('HHHH', 24, 80, 0, 0))
          os.execvp(sys.argv[1], sys.argv[1:])
      buf = b''
      def wait_for(pattern, start=0, timeout=60):
          global buf
          deadline = time.time() + timeout
          while pattern not in buf[start:]:
              ready, _, _ = select.select([fd], [], [], max(0, deadline - time.time()))
              if not ready:
                  print('TIMEOUT waiting for', pattern, buf[-400:])
                  sys.exit(3)
              try:
                  data = os.read(fd, 65536)
              except OSError:
                  print('EOF waiting for', pattern, buf[-400:])
                  sys.exit(4)
              buf += data
      wait_for(b'admin@fw1> ')
      os.write(fd, b'show security flow session\\r')
      wait_for(b'---(more)---')
      print('PAGED')
      mark = len(buf)
      os.write(fd, b' ')
      wait_for(b'---(more)---', start=mark)
      print('NEXT PAGE')
      mark = len(buf)
      os.write(fd, b'\\x03')
      wait_for(b'admin@fw1> ', start=mark)
      print('ABANDONED')
      mark = len(buf)
      os.write(fd, b'show version\\r')
      wait_for(b'Hostname: fw1', start=mark)
      os.write(fd, b'exit\\r')
      try:
          while os.read(fd, 65536):
              pass
      except OSError:
          pass
      _, status = os.waitpid(pid, 0)
      print('EXIT', os.waitstatus_to_exitcode(status))
      """;

  @Test
  void openSshOnAPtyPagesAndCtrlCAbandonsTheRestOfTheOutput() throws Exception {
    Assumptions.assumeTrue(exists("ssh"), "OpenSSH client not installed");
    Assumptions.assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/python3")), "python3 drives the pty");
    List<String> command = new ArrayList<>(List.of("/usr/bin/python3", "-c", PTY_DRIVER));
    command.addAll(ssh("admin", true));
    Result result = run(command, null, 120);
    assertThat(result.out())
        .as(result.out())
        .contains("PAGED")
        .contains("NEXT PAGE")
        .contains("ABANDONED")
        .contains("EXIT 0");
  }
}
