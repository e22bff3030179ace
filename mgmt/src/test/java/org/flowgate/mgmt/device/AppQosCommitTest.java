package org.flowgate.mgmt.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.flowgate.dataplane.appqos.ApplicationServices;
import org.flowgate.mgmt.auth.UnixCrypt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A commit with application traffic control that names what is not defined fails with Junos's
 * located error, and the running generation keeps its rule-sets (docs/adr/0034).
 */
class AppQosCommitTest {
  @TempDir Path state;

  private static final String CONFIG =
      "set system host-name fw1\n"
          + "set system login user admin class super-user\n"
          + "set system login user admin authentication encrypted-password \""
          + UnixCrypt.sha512("pw")
          + "\"\n"
          + "set interfaces ge-0/0/0 unit 0 family inet address 198.51.100.1/24\n"
          + "set interfaces ge-0/0/1 unit 0 family inet address 192.168.1.1/24\n"
          + "set security zones security-zone untrust interfaces ge-0/0/0.0\n"
          + "set security zones security-zone trust interfaces ge-0/0/1.0\n"
          + "set class-of-service application-traffic-control rate-limiters rl bandwidth-limit"
          + " 100\n"
          + "set class-of-service application-traffic-control rule-sets rs rule r match"
          + " application-any\n"
          + "set class-of-service application-traffic-control rule-sets rs rule r then rate-limit"
          + " client-to-server rl\n"
          + "set security policies from-zone trust to-zone untrust policy p match source-address"
          + " any destination-address any application any\n"
          + "set security policies from-zone trust to-zone untrust policy p then permit"
          + " application-services application-traffic-control rule-set rs\n";

  @Test
  void aCommitNamingAnUndefinedRuleSetOrLimiterChangesNothing() throws Exception {
    try (TestDevice device = new TestDevice(state, CONFIG)) {
      ApplicationServices running = device.engine.config().applicationServices();
      assertThat(running.trafficControl().ruleSets()).hasSize(1);
      TestDevice.Cli admin = device.cli("admin");
      admin.run("configure");
      admin.run(
          "set security policies from-zone trust to-zone untrust policy p then permit"
              + " application-services application-traffic-control rule-set missing-rs");
      String answer = admin.run("commit");
      assertThat(answer)
          .contains("rule-set missing-rs is not defined")
          .endsWith("error: configuration check-out failed\n");
      assertThat(device.engine.config().applicationServices()).isEqualTo(running);
      admin.run("rollback 0");
      admin.run(
          "set class-of-service application-traffic-control rule-sets rs rule r then rate-limit"
              + " server-to-client missing-rl");
      assertThat(admin.run("commit"))
          .contains("rate-limiter missing-rl is not defined")
          .endsWith("error: configuration check-out failed\n");
      assertThat(device.engine.config().applicationServices()).isEqualTo(running);
      assertThat(
              device
                  .engine
                  .config()
                  .applicationServices()
                  .trafficControl()
                  .ruleSetOf(org.flowgate.dataplane.policy.PolicyTable.FIRST_USER_POLICY))
          .isZero();
    }
  }
}
