package org.flowgate.mgmt.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.flowgate.config.compile.CompileResult;
import org.flowgate.config.compile.JunosCompiler;
import org.flowgate.config.text.ConfigParser;
import org.flowgate.config.text.Diagnostics;
import org.flowgate.config.text.ParsedConfig;
import org.flowgate.dataplane.capture.LinkType;
import org.flowgate.dataplane.capture.PcapWriter;
import org.flowgate.dataplane.control.FlowEngine;
import org.flowgate.testkit.PacketBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code show services application-identification ...}, the matching clears and the {@code
 * dynamic-application} session filter, on an engine that compiled {@code services
 * application-identification} (a custom application by address) and replayed a capture of our own:
 * an HTTP exchange to a Google host, a DNS query and answer, and a session to the custom
 * application's server.
 */
class ApplicationIdentificationCommandsTest {
  private static final String CONFIG =
      """
      system {
          host-name edge-1;
      }
      interfaces {
          ge-0/0/0 {
              unit 0 {
                  family inet {
                      address 198.51.100.1/24;
                  }
              }
          }
          ge-0/0/1 {
              unit 0 {
                  family inet {
                      address 192.168.1.1/24;
                  }
              }
          }
      }
      routing-options {
          static {
              route 0.0.0.0/0 next-hop 198.51.100.254;
          }
      }
      services {
          application-identification {
              application-system-cache-timeout 600;
              application billing {
                  address-mapping billing-servers {
                      filter {
                          ip 203.0.113.40/32;
                          port-range {
                              tcp 9443;
                          }
                      }
                  }
              }
          }
      }
      security {
          policies {
              from-zone trust to-zone untrust {
                  policy out {
                      match {
                          source-address any;
                          destination-address any;
                          application any;
                      }
                      then {
                          permit;
                      }
                  }
              }
          }
          zones {
              security-zone trust {
                  interfaces {
                      ge-0/0/1.0;
                  }
              }
              security-zone untrust {
                  interfaces {
                      ge-0/0/0.0;
                  }
              }
          }
      }
      """;

  private static final long T0 = 1_767_225_600_000_000_000L; // 2026-01-01T00:00:00Z
  private static final long MS = 1_000_000L;

  @TempDir Path dir;
  private FlowEngine engine;
  private OperationalCommands cli;

  @BeforeEach
  void replayOurCapture() throws IOException {
    Diagnostics diagnostics = new Diagnostics();
    ParsedConfig parsed = ConfigParser.parseConfig(CONFIG, "edge-1.conf", diagnostics);
    CompileResult compiled = JunosCompiler.compile(parsed, diagnostics);
    assertThat(compiled.errors()).isEmpty();
    engine = new FlowEngine(compiled.config(), 1);
    cli = new OperationalCommands(engine, new LoadedConfiguration("edge-1.conf", parsed));
    engine.replay(List.of(capture()), -1);
  }

  @AfterEach
  void close() {
    engine.close();
  }

  private Path capture() throws IOException {
    Path file = dir.resolve("appid.pcap");
    byte[] get =
        "GET / HTTP/1.1\r\nHost: www.google.com\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    byte[] ok = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    byte[] query =
        hex("1a2b01000001000000000000" + "03777777076578616d706c6503636f6d00" + "00010001");
    byte[] answer =
        hex(
            "1a2b81800001000100000000"
                + "03777777076578616d706c6503636f6d00"
                + "00010001"
                + "c00c0001000100000e1000040a000001");
    String client = "192.168.1.10";
    String web = "203.0.113.80";
    try (PcapWriter w = PcapWriter.open(file, LinkType.ETHERNET, true, ByteOrder.LITTLE_ENDIAN)) {
      long t = T0;
      w.write(t += MS, PacketBuilder.ipv4(client, web).tcp(40000, 80, 0x02, 100, 0).ethernet());
      w.write(t += MS, PacketBuilder.ipv4(web, client).tcp(80, 40000, 0x12, 500, 101).ethernet());
      w.write(t += MS, PacketBuilder.ipv4(client, web).tcp(40000, 80, 0x10, 101, 501).ethernet());
      w.write(
          t += MS,
          PacketBuilder.ipv4(client, web).tcp(40000, 80, 0x18, 101, 501).payload(get).ethernet());
      w.write(
          t += MS,
          PacketBuilder.ipv4(web, client)
              .tcp(80, 40000, 0x18, 501, 101 + get.length)
              .payload(ok)
              .ethernet());
      w.write(
          t += MS,
          PacketBuilder.ipv4(client, "203.0.113.53").udp(40001, 53).payload(query).ethernet());
      w.write(
          t += MS,
          PacketBuilder.ipv4("203.0.113.53", client).udp(53, 40001).payload(answer).ethernet());
      w.write(
          t += MS,
          PacketBuilder.ipv4(client, "203.0.113.40").tcp(40002, 9443, 0x02, 7, 0).ethernet());
    }
    return file;
  }

  private static byte[] hex(String text) {
    byte[] bytes = new byte[text.length() / 2];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) Integer.parseInt(text.substring(2 * i, 2 * i + 2), 16);
    }
    return bytes;
  }

  @Test
  void sessionsShowTheirApplicationAndTheFilterSelectsByIt() {
    String extensive = cli.execute("show security flow session extensive");
    assertThat(extensive)
        .contains(
            "Dynamic application: junos:HTTP, Dynamic nested application: junos:GOOGLE\n"
                + "Encryption:  No\n")
        .contains("Dynamic application: junos:DNS, Dynamic nested application: junos:UNKNOWN\n")
        .contains("Dynamic application: billing, Dynamic nested application: junos:UNKNOWN\n");

    String http = cli.execute("show security flow session dynamic-application junos:HTTP");
    assertThat(http).contains("203.0.113.80/80").doesNotContain("203.0.113.53");
    assertThat(cli.execute("show security flow session dynamic-application billing"))
        .contains("203.0.113.40/9443")
        .contains("Total sessions: 1");
    assertThat(cli.execute("show security flow session dynamic-application junos:SSH"))
        .contains("Total sessions: 0");
    assertThat(
            cli.execute(
                "show security flow session dynamic-application junos:HTTP extensive | display xml"))
        .contains("<dynamic-application-name>junos:HTTP</dynamic-application-name>")
        .contains(
            "<dynamic-nested-application-name>junos:GOOGLE</dynamic-nested-application-name>");
  }

  @Test
  void summaryAndDetailListTheCatalogWithTheCustomApplication() {
    String summary = cli.execute("show services application-identification application summary");
    assertThat(summary).startsWith("Application(s): ").contains("\nNested Application(s): ");
    assertThat(summary.lines().filter(l -> l.startsWith("junos:HTTP ")).toList()).hasSize(1);
    assertThat(summary.lines().filter(l -> l.startsWith("billing ")).toList()).hasSize(1);

    assertThat(
            cli.execute("show services application-identification application detail junos:HTTP"))
        .contains("Application Name: junos:HTTP\n")
        .contains("Application type: HTTP\n")
        .contains("Application Groups:\n    junos:web\n");
    assertThat(cli.execute("show services application-identification application detail billing"))
        .contains("Application Name: billing\n")
        .contains("address-mapping billing-servers filter ip 203.0.113.40/32\n")
        .contains("address-mapping billing-servers filter port-range tcp 9443\n");
    assertThat(cli.execute("show services application-identification application detail nope"))
        .isEqualTo("error: application 'nope' does not exist\n");
  }

  @Test
  void statisticsCountTheDecidedSessionsAndClearForgetsThem() {
    String applications =
        cli.execute("show services application-identification statistics applications");
    assertThat(applications).startsWith("Last Reset: 2026-01-01 00:00:00 UTC\n");
    assertThat(applications.lines().map(String::strip).filter(l -> !l.startsWith("Last")))
        .anySatisfy(l -> assertThat(l).matches("junos:HTTP +1 +\\d+"))
        .anySatisfy(l -> assertThat(l).matches("junos:DNS +1 +\\d+"))
        .anySatisfy(l -> assertThat(l).matches("billing +1 +40"));
    assertThat(
            cli.execute("show services application-identification statistics application-groups"))
        .contains(" junos:web ")
        .contains(" junos:infrastructure ");

    assertThat(cli.execute("clear services application-identification statistics")).isEmpty();
    assertThat(
            cli.execute("show services application-identification statistics applications")
                .lines()
                .count())
        .as("the header lines alone")
        .isEqualTo(2);
  }

  @Test
  void theCacheShowsTheServersIdentifiedBothWaysUntilCleared() {
    String cache = cli.execute("show services application-identification application-system-cache");
    assertThat(cache)
        .contains("  application-cache:                         on\n")
        .contains("  cache-entry-timeout:                       600 seconds\n")
        .contains("pic: 0/0\n")
        .containsPattern("IP address: 203\\.0\\.113\\.80 +Port: 80 +Protocol: TCP\n")
        .containsPattern("Application: HTTP:GOOGLE +Encrypted: No\n")
        .contains("Classification path: IP:TCP:HTTP:GOOGLE\n")
        .doesNotContain("203.0.113.53") // a DNS query decides alone: one-way, not cached
        .doesNotContain("203.0.113.40"); // named by address, not by inspection: not cached

    assertThat(cli.execute("clear services application-identification application-system-cache"))
        .isEmpty();
    assertThat(cli.execute("show services application-identification application-system-cache"))
        .doesNotContain("IP address:");
  }

  @Test
  void badLinesAreSyntaxErrorsAndTheRpcIsNamed() {
    assertThat(cli.execute("show services application-identification application detail"))
        .contains("syntax error, command is incomplete.");
    assertThat(cli.execute("show services application-identification bogus"))
        .contains("syntax error");
    assertThat(
            cli.execute(
                "show services application-identification application detail junos:HTTP"
                    + " | display xml rpc"))
        .contains("<get-appid-application-signature-detail>")
        .contains("<application-name>junos:HTTP</application-name>");
    assertThat(cli.execute("show services application-identification application summary | count"))
        .matches("Count: \\d+ lines\n");
  }

  @Test
  void everyViewAnswersXmlAndJsonWithTheValuesOfItsText() {
    String prefix = "show services application-identification ";
    assertThat(cli.execute(prefix + "application summary | display xml"))
        .startsWith("<rpc-reply")
        .contains("<total-applications>")
        .contains("<application-name>billing</application-name>");
    assertThat(cli.execute(prefix + "application detail junos:HTTP | display xml"))
        .contains("<application-name>junos:HTTP</application-name>")
        .contains("<group-name>junos:web</group-name>");
    assertThat(cli.execute(prefix + "application detail nope | display xml"))
        .isEqualTo("error: application 'nope' does not exist\n");

    String statistics = cli.execute(prefix + "statistics applications | display xml");
    assertThat(statistics)
        .contains("<last-reset>2026-01-01 00:00:00 UTC</last-reset>")
        .containsPattern(
            "<application-name>billing</application-name>\\s*<sessions>1</sessions>\\s*"
                + "<bytes>40</bytes>");
    assertThat(cli.execute(prefix + "statistics application-groups | display json"))
        .contains("\"appid-application-group-statistics-information\"")
        .contains("\"data\" : \"junos:web\"");

    assertThat(cli.execute(prefix + "application-system-cache | display xml"))
        .contains("<appid-cache-timeout>600</appid-cache-timeout>")
        .containsPattern(
            "<ip-address>203\\.0\\.113\\.80</ip-address>\\s*<port>80</port>\\s*"
                + "<protocol>TCP</protocol>\\s*<appid-application>HTTP:GOOGLE</appid-application>");
    assertThat(cli.execute(prefix + "application-system-cache | display json"))
        .contains("\"appid-application-system-cache-information\"")
        .doesNotContain("no JSON form");
  }
}
