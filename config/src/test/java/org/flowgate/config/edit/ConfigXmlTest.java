package org.flowgate.config.edit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.flowgate.config.text.ConfigParser;
import org.flowgate.config.text.ConfigStatement;
import org.flowgate.config.text.Diagnostics;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The XML form of a configuration: Junos's shapes, and every configuration back unchanged. */
class ConfigXmlTest {
  private static List<ConfigStatement> parse(String text) {
    return ConfigParser.parseConfig(text, "t", new Diagnostics()).configured();
  }

  @Test
  void writesZonesPoliciesAndInterfacesInJunosShapes() {
    List<ConfigXml.Element> xml =
        ConfigXml.toXml(
            parse(
                """
                set system host-name fw1
                set interfaces ge-0/0/0 unit 0 family inet address 10.0.0.1/24
                set security zones security-zone trust interfaces ge-0/0/0.0
                set security policies from-zone trust to-zone untrust policy p1 then permit
                """));
    assertThat(xml.get(0))
        .isEqualTo(
            new ConfigXml.Element(
                "system", null, List.of(ConfigXml.Element.leaf("host-name", "fw1"))));
    assertThat(xml.get(1).children().get(0).name()).isEqualTo("interface");
    assertThat(xml.get(1).children().get(0).children().get(0))
        .isEqualTo(ConfigXml.Element.leaf("name", "ge-0/0/0"));
    ConfigXml.Element policy = xml.get(2).children().get(1).children().get(0);
    assertThat(policy.name()).isEqualTo("policy");
    assertThat(policy.children().get(0))
        .isEqualTo(ConfigXml.Element.leaf("from-zone-name", "trust"));
    assertThat(policy.children().get(1))
        .isEqualTo(ConfigXml.Element.leaf("to-zone-name", "untrust"));
  }

  @Test
  void everySharedConfigurationSurvivesTheRoundTrip() throws IOException {
    Path configs = Path.of(System.getProperty("flowgate.shared", "../shared"), "junos", "configs");
    Assumptions.assumeTrue(Files.isDirectory(configs), "../shared/junos/configs is absent");
    List<Path> files;
    try (Stream<Path> walk = Files.walk(configs)) {
      files = walk.filter(p -> p.toString().endsWith(".conf")).sorted().toList();
    }
    assertThat(files).isNotEmpty();
    for (Path file : files) {
      List<ConfigStatement> statements = parse(Files.readString(file));
      List<ConfigStatement> back = ConfigXml.fromXml(ConfigXml.toXml(statements), "xml");
      assertThat(back.stream().map(ConfigStatement::words).toList())
          .as(file.toString())
          .isEqualTo(statements.stream().map(ConfigStatement::words).toList());
    }
  }
}
