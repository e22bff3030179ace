package org.flowgate.mgmt.netconf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.flowgate.dataplane.control.FlowEngine;
import org.flowgate.dataplane.runtime.FactoryDefault;
import org.flowgate.mgmt.configure.CommitHistory;
import org.flowgate.mgmt.configure.ConfigurationDatabase;
import org.flowgate.mgmt.device.Device;
import org.flowgate.mgmt.device.ReplayService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A NETCONF session over in-memory pipes: what a client sends, what the device answers. */
class NetconfSessionTest {
  @TempDir Path state;
  private FlowEngine engine;
  private ReplayService replays;
  private ScheduledExecutorService timer;
  private Device device;
  private NetconfServer server;
  private GrammarRpcs rpcs;

  @BeforeEach
  void start() throws IOException {
    engine = new FlowEngine(FactoryDefault.config(), 1);
    replays = new ReplayService(engine);
    timer = Executors.newSingleThreadScheduledExecutor();
    device = new Device(engine, replays);
    ConfigurationDatabase database =
        new ConfigurationDatabase(
            new CommitHistory(state), r -> r.config(), device::committed, timer, Clock.systemUTC());
    device.attach(database);
    database.start(
        "set system host-name fw1\nset system login user admin class super-user\n"
            + "set system login user noc class read-only\n",
        "t",
        FactoryDefault.config());
    rpcs = new GrammarRpcs(device::commands);
    server = new NetconfServer(device, rpcs);
  }

  @AfterEach
  void stop() {
    replays.close();
    timer.shutdownNow();
    engine.close();
  }

  /** A client on pipes: writes end-of-message frames, reads the replies. */
  private final class Client implements AutoCloseable {
    final PipedOutputStream toServer = new PipedOutputStream();
    final PipedInputStream fromServer = new PipedInputStream(1 << 20);
    final Thread thread;

    Client(String user) throws IOException {
      PipedInputStream serverIn = new PipedInputStream(toServer, 1 << 20);
      PipedOutputStream serverOut = new PipedOutputStream(fromServer);
      thread =
          Thread.ofVirtual()
              .start(
                  () -> {
                    try (InputStream in = serverIn;
                        OutputStream out = serverOut) {
                      server.serve(in, out, device.accounts().account(user), 42);
                    } catch (IOException e) {
                      // the client closed the pipe
                    }
                  });
    }

    void send(String raw) throws IOException {
      toServer.write(raw.getBytes(StandardCharsets.UTF_8));
      toServer.flush();
    }

    String next() throws IOException {
      StringBuilder message = new StringBuilder();
      while (!message.toString().endsWith("]]>]]>")) {
        int c = fromServer.read();
        if (c < 0) {
          return message.isEmpty() ? null : message.toString();
        }
        message.append((char) c);
      }
      return message.substring(0, message.length() - 6).strip();
    }

    String rpc(String body) throws IOException {
      send("<rpc message-id=\"7\">" + body + "</rpc>]]>]]>");
      return next();
    }

    Client hello() throws IOException {
      String hello = next();
      assertThat(hello)
          .contains("<capability>urn:ietf:params:netconf:base:1.0</capability>")
          .contains("http://xml.juniper.net/netconf/junos/1.0")
          .contains("<session-id>42</session-id>");
      send(
          "<hello xmlns=\"urn:ietf:params:xml:ns:netconf:base:1.0\"><capabilities>"
              + "<capability>urn:ietf:params:netconf:base:1.0</capability></capabilities></hello>]]>]]>");
      return this;
    }

    @Override
    public void close() throws IOException {
      toServer.close();
    }
  }

  @Test
  void theRpcOfEveryOperationalCommandIsLearntFromTheCommandTree() {
    assertThat(rpcs.names())
        .contains(
            "get-flow-session-information",
            "clear-flow-session",
            "clear-flow-session-all",
            "get-flow-statistics-all",
            "get-flow-status-all",
            "get-firewall-policies",
            "get-security-policies-hit-count",
            "get-zones-information",
            "retrieve-source-nat-summary",
            "retrieve-source-nat-pool-information",
            "get-destination-nat-rule-sets-information",
            "get-static-nat-rule-information",
            "get-appid-application-signature-summary",
            "get-appid-application-signature-detail",
            "get-appid-application-statistics",
            "get-appid-application-group-statistics",
            "get-appid-application-system-cache");
    assertThat(
            rpcs.line(
                xml(
                    "<get-flow-session-information><protocol>tcp</protocol><summary/></get-flow-session-information>")))
        .isEqualTo("show security flow session protocol tcp summary");
    assertThat(
            rpcs.line(
                xml(
                    "<retrieve-source-nat-pool-information><pool-name>p1</pool-name></retrieve-source-nat-pool-information>")))
        .isEqualTo("show security nat source pool p1");
    assertThat(
            rpcs.line(
                xml(
                    "<retrieve-source-nat-pool-information><all/></retrieve-source-nat-pool-information>")))
        .isEqualTo("show security nat source pool all");
  }

  @Test
  void theGateAndResourceManagerRpcsMapToTheirCommands() throws IOException {
    assertThat(rpcs.names())
        .contains(
            "get-flow-gate-information",
            "get-resmgr-group-active",
            "get-resmgr-resource-active",
            "get-resource-manager-summary",
            "get-alg-status");
    assertThat(
            rpcs.line(
                xml(
                    "<get-flow-gate-information><destination-port>21</destination-port><summary/></get-flow-gate-information>")))
        .isEqualTo("show security flow gate destination-port 21 summary");
    assertThat(
            rpcs.line(
                xml(
                    "<get-resmgr-group-active><group-number>1024</group-number></get-resmgr-group-active>")))
        .isEqualTo("show security resource-manager group active 1024");
    assertThat(
            rpcs.line(
                xml(
                    "<get-resmgr-resource-active><resource-number>7</resource-number></get-resmgr-resource-active>")))
        .isEqualTo("show security resource-manager resource active 7");
    try (Client client = new Client("admin").hello()) {
      assertThat(client.rpc("<get-flow-gate-information/>"))
          .contains("<flow-gate-information")
          .contains("<displayed-gate-count>0</displayed-gate-count>");
      assertThat(client.rpc("<get-resource-manager-summary/>"))
          .contains("<active-group-count>0</active-group-count>");
      assertThat(
              client.rpc(
                  "<get-resmgr-group-active><group-number>5</group-number></get-resmgr-group-active>"))
          .contains("<resmgr-group-active-count>0</resmgr-group-active-count>");
      assertThat(client.rpc("<get-alg-status/>"))
          .contains("<alg-ftp-status>Enabled</alg-ftp-status>");
    }
  }

  private static Xml xml(String text) {
    try {
      return Xml.parse(text);
    } catch (Xml.MalformedException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void operationalRpcsAnswerAsAJunosDeviceDoes() throws IOException {
    try (Client client = new Client("admin").hello()) {
      assertThat(
              client.rpc("<get-flow-session-information><summary/></get-flow-session-information>"))
          .contains("message-id=\"7\"")
          .contains("<flow-session-summary-information")
          .doesNotContain("<cli>");
      assertThat(client.rpc("<get-flow-session-information format=\"text\"/>"))
          .contains("<output>")
          .contains("Total sessions: 0");
      assertThat(
              client.rpc("<command format=\"json\">show security flow session summary</command>"))
          .contains("\"flow-session-summary-information\"");
      assertThat(
              client.rpc(
                  "<get-flow-session-information><frobnicate/></get-flow-session-information>"))
          .contains("<error-tag>operation-failed</error-tag>")
          .contains("<bad-element>frobnicate</bad-element>");
      assertThat(client.rpc("<get-frobnication/>"))
          .contains("<error-message>syntax error</error-message>")
          .contains("<bad-element>get-frobnication</bad-element>");
      assertThat(client.rpc("<get-software-information/>")).contains("<host-name>fw1</host-name>");
    }
  }

  @Test
  void applicationIdentificationRpcsAnswerXmlAndRefuseBadArguments() throws IOException {
    try (Client client = new Client("admin").hello()) {
      assertThat(client.rpc("<get-appid-application-signature-summary/>"))
          .contains("<appid-application-signature>")
          .contains("<total-applications>")
          .doesNotContain("<output>")
          .doesNotContain("<cli>");
      assertThat(
              client.rpc(
                  "<get-appid-application-signature-detail><application-name>junos:HTTP"
                      + "</application-name></get-appid-application-signature-detail>"))
          .contains("<application-signature-detail-header>")
          .contains("<application-name>junos:HTTP</application-name>")
          .doesNotContain("<output>");
      assertThat(client.rpc("<get-appid-application-statistics/>"))
          .contains("<appid-application-statistics-information>")
          .contains("<last-reset>")
          .doesNotContain("<output>");
      assertThat(client.rpc("<get-appid-application-group-statistics/>"))
          .contains("<appid-application-group-statistics-information>")
          .doesNotContain("<output>");
      assertThat(client.rpc("<get-appid-application-system-cache/>"))
          .contains("<appid-application-system-cache-information>")
          .contains("<appid-asc-enable>on</appid-asc-enable>")
          .doesNotContain("<output>");
      assertThat(
              client.rpc(
                  "<command format=\"json\">show services application-identification"
                      + " application-system-cache</command>"))
          .contains("\"appid-application-system-cache-information\"");
      assertThat(client.rpc("<get-appid-application-signature-summary format=\"text\"/>"))
          .contains("<output>")
          .contains("Application(s): ");

      assertThat(
              client.rpc(
                  "<get-appid-application-statistics><frobnicate/>"
                      + "</get-appid-application-statistics>"))
          .contains("<error-tag>operation-failed</error-tag>")
          .contains("<bad-element>frobnicate</bad-element>");
      assertThat(
              client.rpc(
                  "<get-appid-application-signature-detail><application-name>nope"
                      + "</application-name></get-appid-application-signature-detail>"))
          .contains("<rpc-error>")
          .contains("application 'nope' does not exist");
    }
  }

  @Test
  void malformedXmlGetsAnErrorAndTheSessionGoesOn() throws IOException {
    try (Client client = new Client("admin").hello()) {
      client.send("<rpc message-id=\"1\"><get-config>]]>]]>");
      assertThat(client.next()).contains("<rpc-error>").contains("syntax error");
      client.send("\u0000\u0001\u0002garbage]]>]]>");
      assertThat(client.next()).contains("<rpc-error>");
      assertThat(client.rpc("<get-configuration format=\"set\"/>"))
          .contains("set system host-name fw1");
    }
  }

  @Test
  void configurationRpcsLoadCommitAndCompare() throws IOException {
    try (Client client = new Client("admin").hello()) {
      assertThat(client.rpc("<lock-configuration/>")).contains("<ok/>");
      assertThat(
              client.rpc(
                  "<load-configuration action=\"set\" format=\"text\"><configuration-set>"
                      + "set system domain-name example.net</configuration-set></load-configuration>"))
          .contains("<load-configuration-results>")
          .contains("<ok/>");
      assertThat(
              client.rpc(
                  "<get-configuration compare=\"rollback\" rollback=\"0\" format=\"text\"/>"))
          .contains("+   domain-name example.net;");
      assertThat(client.rpc("<commit-configuration><log>from netconf</log></commit-configuration>"))
          .contains("<commit-success/>");
      assertThat(client.rpc("<unlock-configuration/>")).contains("<ok/>");
      assertThat(client.rpc("<get-config><source><running/></source></get-config>"))
          .contains("<domain-name>example.net</domain-name>");
      assertThat(
              client.rpc(
                  "<edit-config><target><candidate/></target><config><configuration><system>"
                      + "<domain-name operation=\"delete\"/></system></configuration></config></edit-config>"))
          .contains("<ok/>");
      assertThat(client.rpc("<validate><source><candidate/></source></validate>"))
          .contains("<ok/>");
      assertThat(client.rpc("<commit/>")).contains("<ok/>");
      assertThat(client.rpc("<get-configuration format=\"json\"/>"))
          .contains("\"host-name\" : \"fw1\"")
          .doesNotContain("domain-name");
      assertThat(client.rpc("<close-session/>")).contains("<ok/>");
      String after = client.next();
      assertThat(after == null || after.isBlank()).as("nothing after close-session").isTrue();
    }
  }

  @Test
  void aReadOnlyUserMayReadButNotChange() throws IOException {
    try (Client client = new Client("noc").hello()) {
      assertThat(client.rpc("<get-flow-session-information/>"))
          .contains("<flow-session-information");
      assertThat(client.rpc("<clear-flow-session><all/></clear-flow-session>"))
          .contains("<error-tag>access-denied</error-tag>");
      assertThat(client.rpc("<lock-configuration/>"))
          .contains("<error-tag>access-denied</error-tag>");
      assertThat(client.rpc("<commit-configuration/>"))
          .contains("<error-tag>access-denied</error-tag>");
    }
  }

  @Test
  void aChunkHeaderThatLiesEndsTheSession() throws IOException {
    try (Client client = new Client("admin")) {
      client.next(); // server hello
      client.send(
          "<hello xmlns=\"urn:ietf:params:xml:ns:netconf:base:1.0\"><capabilities>"
              + "<capability>urn:ietf:params:netconf:base:1.1</capability></capabilities></hello>]]>]]>");
      client.send("\n#10\n<rpc/>");
      client.toServer.close();
      StringBuilder rest = new StringBuilder();
      int c;
      while ((c = client.fromServer.read()) >= 0) {
        rest.append((char) c);
      }
      assertThat(rest.toString()).contains("malformed-message");
      assertThat(client.thread.isAlive() && waitEnd(client.thread)).isFalse();
    }
  }

  private static boolean waitEnd(Thread thread) {
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return thread.isAlive();
  }

  @Test
  void killSessionEndsAnotherSessionAndReleasesItsLock() throws Exception {
    Client victim = new Client("admin").hello();
    // a second session needs its own id: serve the killer on 43
    PipedOutputStream toServer = new PipedOutputStream();
    PipedInputStream fromServer = new PipedInputStream(1 << 20);
    PipedInputStream serverIn = new PipedInputStream(toServer, 1 << 20);
    PipedOutputStream serverOut = new PipedOutputStream(fromServer);
    Thread killerThread =
        Thread.ofVirtual()
            .start(
                () -> {
                  try (InputStream in = serverIn;
                      OutputStream out = serverOut) {
                    server.serve(in, out, device.accounts().account("admin"), 43);
                  } catch (IOException e) {
                    // closed
                  }
                });
    assertThat(victim.rpc("<lock><target><candidate/></target></lock>")).contains("<ok/>");
    java.util.function.Supplier<String> next =
        () -> {
          try {
            StringBuilder m = new StringBuilder();
            while (!m.toString().endsWith("]]>]]>")) {
              int c = fromServer.read();
              if (c < 0) {
                return m.toString();
              }
              m.append((char) c);
            }
            return m.toString();
          } catch (IOException e) {
            return "";
          }
        };
    assertThat(next.get()).contains("<session-id>43</session-id>");
    toServer.write(
        ("<hello xmlns=\"urn:ietf:params:xml:ns:netconf:base:1.0\"><capabilities><capability>"
                + "urn:ietf:params:netconf:base:1.0</capability></capabilities></hello>]]>]]>"
                + "<rpc message-id=\"1\"><lock><target><candidate/></target></lock></rpc>]]>]]>")
            .getBytes(StandardCharsets.UTF_8));
    toServer.flush();
    assertThat(next.get()).contains("<error-tag>lock-denied</error-tag>");
    toServer.write(
        "<rpc message-id=\"2\"><kill-session><session-id>42</session-id></kill-session></rpc>]]>]]>"
            .getBytes(StandardCharsets.UTF_8));
    toServer.flush();
    assertThat(next.get()).contains("<ok/>");
    toServer.write(
        "<rpc message-id=\"3\"><lock><target><candidate/></target></lock></rpc>]]>]]>"
            .getBytes(StandardCharsets.UTF_8));
    toServer.flush();
    assertThat(next.get()).contains("<ok/>");
    victim.thread.join(10_000);
    assertThat(victim.thread.isAlive()).as("the killed session's thread ended").isFalse();
    toServer.close();
    victim.close();
    killerThread.join(10_000);
  }
}
