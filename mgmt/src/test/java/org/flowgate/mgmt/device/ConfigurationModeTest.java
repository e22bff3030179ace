package org.flowgate.mgmt.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.flowgate.mgmt.auth.UnixCrypt;
import org.flowgate.mgmt.cli.CliSession;
import org.flowgate.mgmt.configure.ConfigurationDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Configuration mode as an operator uses it, and what each login class may do. */
class ConfigurationModeTest {
  @TempDir Path state;

  private static final String HASH = UnixCrypt.sha512("pw");

  private static final String CONFIG =
      "set system host-name fw1\n"
          + "set system login user admin class super-user\n"
          + "set system login user admin authentication encrypted-password \""
          + HASH
          + "\"\n"
          + "set system login user noc class read-only\n"
          + "set system login user ops class ops\n"
          + "set system login class ops permissions view\n"
          + "set system login class ops permissions view-configuration\n"
          + "set system login class ops permissions clear\n"
          + "set system login class ops deny-commands \"clear security flow session all\"\n";

  private TestDevice device() throws Exception {
    return new TestDevice(state, CONFIG);
  }

  @Test
  void setShowCompareCommitAndRollback() throws Exception {
    try (TestDevice device = device()) {
      TestDevice.Cli admin = device.cli("admin");
      assertThat(admin.run("configure")).contains("Entering configuration mode");
      assertThat(admin.cli.prompt()).isEqualTo("admin@fw1# ");
      admin.run("edit system");
      assertThat(admin.cli.banner()).contains("[edit system]");
      admin.run("set domain-name example.net");
      admin.run("top");
      assertThat(admin.run("show | compare"))
          .isEqualTo("[edit system]\n+   domain-name example.net;\n");
      assertThat(admin.run("show system | display set"))
          .contains("set system domain-name example.net");
      assertThat(admin.run("commit comment \"add domain\"")).endsWith("commit complete\n");
      assertThat(admin.run("show | compare")).isEmpty();
      assertThat(admin.run("run show system commit"))
          .contains("0   ")
          .contains("by admin via test")
          .contains("add domain");
      admin.run("rollback 1");
      assertThat(admin.run("show | compare")).contains("-   domain-name example.net;");
      admin.run("commit and-quit");
      assertThat(admin.cli.prompt()).isEqualTo("admin@fw1> ");
      assertThat(admin.run("show configuration system")).doesNotContain("domain-name");
    }
  }

  @Test
  void aCommitWithErrorsChangesNothingAndSaysWhereAsJunosDoes() throws Exception {
    try (TestDevice device = device()) {
      TestDevice.Cli admin = device.cli("admin");
      admin.run("configure");
      admin.run("set security zones security-zone trust interfaces ge-0/0/9.0");
      String answer = admin.run("commit");
      assertThat(answer)
          .contains("[edit security zones security-zone trust interfaces]")
          .contains("'ge-0/0/9.0'")
          .endsWith("error: configuration check-out failed\n");
      assertThat(device.engine.config().zones().stream().map(z -> z.name()))
          .doesNotContain("trust-missing");
      assertThat(device.database.committed().statements().toString()).doesNotContain("ge-0/0/9.0");
      assertThat(admin.run("commit check")).contains("configuration check-out failed");
    }
  }

  @Test
  void commitConfirmedRollsBackUnlessConfirmed() throws Exception {
    try (TestDevice device = device()) {
      ConfigurationDatabase.Session session =
          device.database.open("admin", "test", ConfigurationDatabase.Mode.SHARED);
      session.set(java.util.List.of("system", "domain-name", "rolled.example"));
      assertThat(session.commit(null, 1).message())
          .contains("commit confirmed will be automatically rolled back in 1 seconds");
      assertThat(device.engine.config().hostName()).isEqualTo("fw1");
      assertThat(device.database.committed().statements().toString()).contains("rolled.example");
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (session.awaitingConfirmation() && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      assertThat(session.awaitingConfirmation()).isFalse();
      assertThat(device.database.committed().statements().toString())
          .doesNotContain("rolled.example");

      session.set(java.util.List.of("system", "domain-name", "kept.example"));
      session.commit(null, 60);
      assertThat(session.awaitingConfirmation()).isTrue();
      session.commit(null, 0); // confirms
      assertThat(session.awaitingConfirmation()).isFalse();
      assertThat(device.database.committed().statements().toString()).contains("kept.example");
    }
  }

  @Test
  void exclusiveLocksOutOthersAndPrivateNeedsAnUnmodifiedSharedCandidate() throws Exception {
    try (TestDevice device = device()) {
      TestDevice.Cli first = device.cli("admin");
      TestDevice.Cli second = device.cli("admin");
      assertThat(first.run("configure exclusive"))
          .contains("uncommitted changes will be discarded");
      assertThat(second.run("configure")).contains("Entering configuration mode");
      assertThat(second.run("set system domain-name x")).contains("configuration database locked");
      first.run("set system domain-name y");
      first.run("exit");
      assertThat(device.database.committed().statements().toString()).doesNotContain("domain-name");
      second.run("set system domain-name z");
      TestDevice.Cli third = device.cli("admin");
      assertThat(third.run("configure private")).contains("shared configuration database modified");
    }
  }

  @Test
  void loginClassesDecideCommandsAndSecretsAreMasked() throws Exception {
    try (TestDevice device = device()) {
      TestDevice.Cli noc = device.cli("noc");
      assertThat(noc.run("clear security flow session all")).contains("permission denied");
      assertThat(noc.run("configure")).contains("permission denied");
      assertThat(noc.run("show security flow session summary")).contains("Unicast-sessions");
      assertThat(noc.run("show configuration")).doesNotContain("host-name");

      TestDevice.Cli ops = device.cli("ops");
      assertThat(ops.run("clear security flow session all")).contains("permission denied");
      assertThat(ops.run("clear security flow session protocol udp")).contains("sessions cleared");
      String config = ops.run("show configuration");
      assertThat(config)
          .contains("host-name fw1;")
          .contains(Device.SECRET_DATA)
          .doesNotContain(HASH);

      TestDevice.Cli admin = device.cli("admin");
      assertThat(admin.run("show configuration")).contains(HASH);
    }
  }

  @Test
  void plainTextPasswordIsAskedTwiceAndStoredAsAHash() throws Exception {
    try (TestDevice device = device()) {
      TestDevice.Cli admin = device.cli("admin");
      admin.prompter =
          new CliSession.Prompter() {
            @Override
            public boolean confirm(String question, boolean fallback) {
              return fallback;
            }

            @Override
            public String secret(String prompt) {
              return "n3w-secret";
            }

            @Override
            public String untilEndOfInput(String banner) {
              return "set system login user guest class read-only\n";
            }
          };
      admin.run("configure");
      admin.run("set system login user noc authentication plain-text-password");
      admin.run("load set terminal");
      assertThat(admin.run("commit")).endsWith("commit complete\n");
      assertThat(device.device.accounts().withPassword("noc", "n3w-secret")).isNotNull();
      assertThat(device.device.accounts().account("guest")).isNotNull();
    }
  }

  @Test
  void operationalModeAddsVersionHelpAndReplaysACaptureOnRequest() throws Exception {
    java.nio.file.Path capture = state.resolve("two.pcap");
    try (org.flowgate.dataplane.capture.PcapWriter writer =
        org.flowgate.dataplane.capture.PcapWriter.open(
            capture,
            org.flowgate.dataplane.capture.LinkType.ETHERNET,
            false,
            java.nio.ByteOrder.LITTLE_ENDIAN)) {
      for (int i = 0; i < 2; i++) {
        writer.write(
            1_700_000_000_000_000_000L + i,
            org.flowgate.testkit.PacketBuilder.ipv4("192.168.1.10", "203.0.113.5")
                .udp(5000 + i, 53)
                .ethernet());
      }
    }
    try (TestDevice device =
        new TestDevice(state.resolve("device"), DeviceServer.factoryDefaultText() + CONFIG)) {
      TestDevice.Cli admin = device.cli("admin");
      assertThat(admin.run("show version")).contains("Hostname: fw1").contains("Junos: ");
      assertThat(admin.cli.help("")).contains("configure").contains("request").contains("show");
      assertThat(admin.run("request flowgate replay " + capture + " speed 1000"))
          .contains("started");
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (!admin.run("show security flow session summary").contains("Unicast-sessions: 2")
          && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      assertThat(admin.run("show security flow session summary")).contains("Unicast-sessions: 2");
      assertThat(device.cli("noc").run("request flowgate replay " + capture))
          .contains("permission denied");
      assertThat(admin.run("request flowgate replay /nonexistent.pcap")).contains("error:");
      assertThat(admin.run("request flowgate replay /tmp/a\0b.pcap"))
          .as("a name the host refuses")
          .contains("error: cannot replay");
    }
  }
}
