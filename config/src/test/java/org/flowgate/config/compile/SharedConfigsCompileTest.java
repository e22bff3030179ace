package org.flowgate.config.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.flowgate.config.text.Diagnostic;
import org.flowgate.testkit.Shared;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every configuration under {@code <flowgate.shared>/junos/configs} and every {@code config-*.txt}
 * sample compiles without errors (warnings allowed), except those that are wrong: their errors are
 * listed here exactly. Skipped with a message where the shared folder is absent.
 */
class SharedConfigsCompileTest {
  /**
   * Deliberately wrong (per the corpus README) or incomplete: policies name zones never defined,
   * NAT fragments name pools, zones, interfaces, routing instances and addresses never defined.
   */
  static final Map<String, List<String>> EXPECTED_ERRORS =
      Map.ofEntries(
          Map.entry(
              "firewall-global-address-book-range-error.conf",
              List.of(
                  "4:1: error: invalid range-address 5.5.5.7 to 5.5.5.5 for address INVALID: the range is empty (its start is above its end, or the families differ)")),
          Map.entry(
              "firewall-zone-address-undefined.conf",
              List.of(
                  "5:1: error: destination-address UNDEFINED_ADDR is not defined in the address books of security-zone untrust (policy UNDEF_DEST from-zone trust to-zone untrust)",
                  "11:1: error: source-address UNDEFINED_ADDR is not defined in the address books of security-zone untrust (policy UNDEF_SRC_DEST from-zone untrust to-zone trust)",
                  "12:1: error: destination-address UNDEFINED_ADDR is not defined in the address books of security-zone trust (policy UNDEF_SRC_DEST from-zone untrust to-zone trust)")),
          Map.entry(
              "interface-undefined.conf",
              List.of("5:1: error: interface xe-2/2/5.204 is not configured under interfaces")),
          Map.entry(
              "zone-undefined-interface.conf",
              List.of(
                  "5:1: error: interface ge-0/0/0.0 is not configured under interfaces (security-zone trust)")),
          Map.entry(
              "juniper-nat-vrf.conf",
              List.of(
                  "4:1: error: interface ge-0/0/1.0 is not configured under interfaces (routing-instance R1)",
                  "6:1: error: source NAT pool POOL0 has no address",
                  "8:1: error: source NAT pool POOL1 has no address")),
          // NAT fragments that name pools, zones, interfaces, instances and addresses they never
          // define
          Map.entry(
              "juniper-nat-static.conf",
              List.of(
                  "17:1: error: routing-instance RI1 is not defined (static NAT rule-set RULESET1 rule RULE1)")),
          Map.entry(
              "nat-source.conf",
              List.of(
                  "9:1: error: source NAT rule-set RULE-SET has from interface and from routing-instance: a rule set's from is interfaces, zones or routing instances, not a mix",
                  "10:1: error: source NAT rule-set RULE-SET has from interface and from zone: a rule set's from is interfaces, zones or routing instances, not a mix",
                  "13:1: error: source NAT rule-set RULE-SET has to interface and to routing-instance: a rule set's to is interfaces, zones or routing instances, not a mix",
                  "14:1: error: source NAT rule-set RULE-SET has to interface and to zone: a rule set's to is interfaces, zones or routing instances, not a mix",
                  "8:1: error: interface ge-0/0/0.0 is not configured under interfaces (source NAT rule-set RULE-SET)",
                  "12:1: error: interface ge-0/0/1.0 is not configured under interfaces (source NAT rule-set RULE-SET)",
                  "17:1: error: destination-address-name NAME is not defined in the global address book (source NAT rule-set RULE-SET rule RULE1)",
                  "21:1: error: source-address-name SA-NAME is not defined in the global address book (source NAT rule-set RULE-SET rule RULE2)",
                  "22:1: error: source NAT pool POOL is not defined (source NAT rule-set RULE-SET rule RULE2)")),
          Map.entry(
              "nat-dest.conf",
              List.of(
                  "20:1: error: source-address-name SA-NAME is not defined in the global address book (destination NAT rule-set RULE-SET-ZONE rule RULE1)",
                  "19:1: error: destination-address-name NAME is not defined in the global address book (destination NAT rule-set RULE-SET-ZONE rule RULE1)",
                  "24:1: error: destination-address-name DA-NAME is not defined in the global address book (destination NAT rule-set RULE-SET-ZONE rule RULE2)")),
          Map.entry(
              "application-set-nested.conf",
              List.of(
                  "16:1: error: interface ge-0/0/0.0 is not configured under interfaces (security-zone z1)",
                  "10:1: error: security-zone z2 is not defined (policy p1 from-zone z1 to-zone z2)",
                  "12:1: error: security-zone z3 is not defined (policy p1 from-zone z1 to-zone z3)",
                  "14:1: error: security-zone z4 is not defined (policy p1 from-zone z1 to-zone z4)")),
          Map.entry(
              "application-set.conf",
              List.of(
                  "15:1: error: application a4 of application-set appset3 is not defined",
                  "16:1: error: application appset4 of application-set appset3 is not defined",
                  "20:1: error: security-zone z1 is not defined (policy p1 from-zone z1 to-zone z4)",
                  "20:1: error: security-zone z4 is not defined (policy p1 from-zone z1 to-zone z4)",
                  "20:1: error: application appset4 is not defined (policy p1 from-zone z1 to-zone z4)")),
          Map.entry(
              "applications.conf",
              List.of(
                  "15:1: error: security-zone trust is not defined (policy p1 from-zone trust to-zone untrust)",
                  "15:1: error: security-zone untrust is not defined (policy p1 from-zone trust to-zone untrust)",
                  "16:1: error: application a_undef is not defined (policy p1 from-zone trust to-zone untrust)")),
          Map.entry(
              "apply-groups-lists.conf",
              List.of(
                  "14:1: error: security-zone Z is not defined (policy P from-zone Z to-zone Z)",
                  "12:1: error: source NAT rule-set RS has no from: a rule set needs from zone, interface or routing-instance",
                  "12:1: error: source NAT rule-set RS has no to: a source NAT rule set needs to zone, interface or routing-instance",
                  "13:1: error: source-address-name A is not defined in the global address book (source NAT rule-set RS rule R)",
                  "10:1: error: destination NAT rule-set RS has no from: a rule set needs from zone, interface or routing-instance",
                  "11:1: error: source-address-name A is not defined in the global address book (destination NAT rule-set RS rule R)")),
          Map.entry(
              "default-applications.conf",
              List.of(
                  "12:1: error: security-zone z2 is not defined (policy p1 from-zone z1 to-zone z2)",
                  "15:1: error: security-zone z3 is not defined (policy p1 from-zone z1 to-zone z3)",
                  "17:1: error: security-zone z4 is not defined (policy p1 from-zone z1 to-zone z4)",
                  "19:1: error: security-zone z5 is not defined (policy p1 from-zone z1 to-zone z5)")),
          // Batfish's parser test gives every screen a threshold of 1; the 24.4 YANG ranges the
          // scans' and sweeps' thresholds 1000 to 1000000 microseconds
          Map.entry(
              "screen-options.conf",
              List.of(
                  "14:1: error: invalid icmp ip-sweep threshold '1': 1000 to 1000000",
                  "70:1: error: invalid tcp port-scan threshold '1': 1000 to 1000000",
                  "82:1: error: invalid tcp tcp-sweep threshold '1': 1000 to 1000000",
                  "85:1: error: invalid udp port-scan threshold '1': 1000 to 1000000",
                  "86:1: error: invalid udp udp-sweep threshold '1': 1000 to 1000000")),
          Map.entry(
              "nested-config-with-flat-statements.conf",
              List.of(
                  "5:1: error: security-zone A is not defined (policy P from-zone A to-zone B)",
                  "5:1: error: security-zone B is not defined (policy P from-zone A to-zone B)")));

  static Path sharedDir() {
    return Shared.directory();
  }

  static Stream<Arguments> configs() throws IOException {
    Path junos = sharedDir().resolve("junos");
    if (!Files.isDirectory(junos)) {
      return Stream.of(Arguments.argumentSet("shared folder absent", (Object) null));
    }
    List<Path> files;
    try (Stream<Path> all = Files.walk(junos.resolve("configs"))) {
      files = all.filter(p -> p.toString().endsWith(".conf")).sorted().toList();
    }
    List<Path> samples;
    try (Stream<Path> all = Files.list(junos.resolve("samples"))) {
      samples =
          all.filter(p -> p.getFileName().toString().matches("config-.*\\.txt")).sorted().toList();
    }
    return Stream.concat(files.stream(), samples.stream())
        .map(p -> Arguments.argumentSet(junos.relativize(p).toString(), p));
  }

  @ParameterizedTest
  @MethodSource("configs")
  void compilesWithExactlyTheExpectedErrors(Path file) throws IOException {
    assumeTrue(
        file != null,
        () -> "skipped: " + sharedDir() + "/junos not found (../shared is not beside the project)");
    String text = Files.readString(file, StandardCharsets.UTF_8);
    if (text.startsWith("# Source:")) {
      text = text.substring(text.indexOf('\n'));
    }
    String name = file.getFileName().toString();
    CompileResult result = JunosCompiler.load(text, name);
    List<String> expected =
        EXPECTED_ERRORS.getOrDefault(name, List.of()).stream().map(e -> name + ":" + e).toList();
    assertThat(result.errors())
        .extracting(Diagnostic::toString)
        .containsExactlyElementsOf(expected);
    assertThat(result.ok()).isEqualTo(expected.isEmpty());
  }
}
