package org.flowgate.dataplane.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.flowgate.dataplane.appid.ApplicationCatalog;
import org.flowgate.dataplane.control.FlowEngine;
import org.flowgate.dataplane.control.SessionFilter;
import org.flowgate.dataplane.flow.SessionEvents;
import org.flowgate.dataplane.flow.SessionView;
import org.flowgate.dataplane.net.AddressMatch;
import org.flowgate.dataplane.runtime.FactoryDefault;
import org.flowgate.dataplane.runtime.FlowSettings;
import org.flowgate.dataplane.runtime.RuntimeConfig;
import org.flowgate.dataplane.session.CloseReason;
import org.flowgate.testkit.Shared;
import org.junit.jupiter.api.Test;

/**
 * Unified policies over a real capture of {@code ../shared/pcaps} (skipped where it is absent): the
 * factory default's rule base with, before each of its policies, a copy that permits {@code
 * junos:web} and one that denies {@code junos:DNS}. Whatever the capture holds, every session
 * starts under the pre-id default policy, each one the engine identifies as web moves to the web
 * policy, each DNS one is closed by the deny, and the hit counts equal what the sessions did.
 */
class UnifiedPoliciesSharedCaptureTest {
  private static final String CAPTURE = "pcaps/ndpi-1kxun.pcap";
  private static final int NO_AGEING_SECONDS = 10_000_000;

  /** Policy names as each session went: its create, its final policy, its close. */
  private static final class Heard implements SessionEvents {
    final List<String> creates = new ArrayList<>();
    final List<String> finals = new ArrayList<>();
    final List<String> closes = new ArrayList<>();
    final List<String> webButNotMoved = new ArrayList<>();
    int refusedByDns;

    @Override
    public synchronized void sessionRefused(Refused refused) {
      if (refused.config().policies().get(refused.policyIndex()).name().equals("dns")) {
        refusedByDns++;
      }
    }

    @Override
    public synchronized void sessionCreated(SessionView s) {
      creates.add(s.policy().name());
    }

    @Override
    public synchronized void sessionPolicyMatched(SessionView s) {
      finals.add(s.policy().name() + " " + s.applicationCatalog().name(s.dynamicApplication()));
    }

    @Override
    public synchronized void sessionClosed(SessionView s, CloseReason reason) {
      closes.add(s.policy().name() + " " + reason.junosText());
      ApplicationCatalog catalog = s.applicationCatalog();
      String application = catalog.name(s.dynamicApplication());
      boolean web =
          s.dynamicApplication() > ApplicationCatalog.INCONCLUSIVE
              && "web".equals(catalog.category(s.dynamicApplication()));
      // one still under the pre-id default policy ended before its decision: the name it shows
      // now is the provisional one its close gave it (ADR 0023), no decision point was reached
      if (web
          && !s.policy().name().equals("web")
          && !s.policy().name().equals(PreIdDefaultPolicy.NAME)) {
        webButNotMoved.add(application + " under " + s.policy().name());
      }
    }
  }

  private static RuntimeConfig config() {
    FlowSettings settings =
        FlowSettings.junosDefaults().toBuilder()
            .tcpInitialTimeoutSeconds(NO_AGEING_SECONDS)
            .tcpTimeoutSeconds(NO_AGEING_SECONDS)
            .udpTimeoutSeconds(NO_AGEING_SECONDS)
            .synCheck(false)
            .sequenceCheck(false)
            .build();
    return FactoryDefault.builder()
        .policy(
            "web",
            null,
            null,
            AddressMatch.ANY,
            AddressMatch.ANY,
            List.of(),
            PolicyAction.PERMIT,
            false,
            true)
        .dynamicApplications(List.of("junos:web"))
        .policy(
            "dns",
            null,
            null,
            AddressMatch.ANY,
            AddressMatch.ANY,
            List.of(),
            PolicyAction.DENY,
            false,
            true)
        .dynamicApplications(List.of("junos:DNS"))
        .settings(settings)
        .maximumSessions(1 << 16)
        .build();
  }

  @Test
  void aRealCaptureMovesItsSessionsToTheirFinalPolicyAndTheCountsAgree() {
    assumeTrue(Shared.present(CAPTURE), Shared.missing(CAPTURE));
    Path capture = Shared.resolve(CAPTURE);
    RuntimeConfig config = config();
    Heard heard = new Heard();
    long[] hits;
    try (FlowEngine engine = new FlowEngine(config, 1, heard)) {
      engine.replay(List.of(capture), -1);
      hits = engine.policyHits();
      engine.clear(SessionFilter.ALL);
    }
    long webHits = 0;
    long dnsHits = 0;
    for (int i = PolicyTable.FIRST_USER_POLICY; i < config.policies().size(); i++) {
      String name = config.policies().get(i).name();
      webHits += name.equals("web") ? hits[i] : 0;
      dnsHits += name.equals("dns") ? hits[i] : 0;
    }
    List<String> transit =
        heard.creates.stream().filter(name -> !name.equals("self-traffic-policy")).toList();
    long createdUnderWeb = transit.stream().filter("web"::equals).count();
    assertThat(transit)
        .as(
            "a transit session waits for its application under the pre-id default policy, unless"
                + " its first packet named it (IP protocol, application system cache): then its"
                + " final policy at once (traffic to the device runs under self-traffic-policy)")
        .contains(PreIdDefaultPolicy.NAME)
        .allMatch(
            name ->
                name.equals(PreIdDefaultPolicy.NAME)
                    || name.equals("web")
                    || name.equals(PolicyTable.DEFAULT_POLICY_NAME));
    assertThat(heard.finals).as("an HTTP capture has web sessions").isNotEmpty();
    assertThat(heard.finals.stream().filter(f -> f.startsWith("web ")).count() + createdUnderWeb)
        .as("hits of the web policy: sessions moved to it, and sessions it took at once")
        .isEqualTo(webHits);
    assertThat(heard.closes.stream().filter(c -> c.endsWith("application failure or action")))
        .as("sessions the DNS deny closed; the others it refused at their first packet")
        .hasSize((int) dnsHits - heard.refusedByDns)
        .allMatch(c -> c.startsWith("dns "));
    assertThat(heard.webButNotMoved).as("web sessions under another policy").isEmpty();
    assertThat(hits[PolicyTable.PRE_ID_DEFAULT_POLICY])
        .as("every transit first packet waited, the refused ones too")
        .isEqualTo(transit.size() + heard.refusedByDns);
  }
}
