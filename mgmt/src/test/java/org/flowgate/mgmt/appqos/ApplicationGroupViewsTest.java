package org.flowgate.mgmt.appqos;

import static org.assertj.core.api.Assertions.assertThat;

import org.flowgate.config.compile.CompileResult;
import org.flowgate.config.compile.JunosCompiler;
import org.flowgate.dataplane.control.FlowEngine;
import org.flowgate.mgmt.command.OperationalCommands;
import org.junit.jupiter.api.Test;

/**
 * {@code show services application-identification group summary | detail NAME} (ADR 0044): the
 * predefined groups the catalog's categories make and the user-defined ones, with their members,
 * children and parents, in text and in Juniper's XML.
 */
class ApplicationGroupViewsTest {
  private static final String CONFIG =
      """
      set interfaces ge-0/0/0 unit 0 family inet address 192.168.1.1/24
      set security zones security-zone trust interfaces ge-0/0/0.0
      set services application-identification application-group my-web applications junos:HTTP
      set services application-identification application-group my-web application-groups my-mail
      set services application-identification application-group my-mail applications junos:SMTP
      set services application-identification application-group my-mail application-groups junos:infrastructure:dns
      """;

  private static FlowEngine engine() {
    CompileResult compiled = JunosCompiler.load(CONFIG, "groups.conf");
    assertThat(compiled.errors()).isEmpty();
    return new FlowEngine(compiled.config(), 1);
  }

  @Test
  void detailShowsAUserGroupsMembersChildrenAndParents() {
    try (FlowEngine engine = engine()) {
      OperationalCommands cli = new OperationalCommands(engine);
      String mail = cli.execute("show services application-identification group detail my-mail");
      assertThat(mail)
          .startsWith("Group Name: my-mail\n")
          .contains("  Type: custom\n")
          .contains("  Number of Parent Groups: 1\n")
          .contains("  Number of Applications: 1\n")
          .contains("  Number of Child Groups: 1\n")
          .endsWith(
              "  Applications:\n"
                  + "    junos:SMTP\n"
                  + "  Child Groups:\n"
                  + "    junos:infrastructure:dns\n"
                  + "  Parent Groups:\n"
                  + "    my-web\n");
      String dns =
          cli.execute(
              "show services application-identification group detail junos:infrastructure:dns");
      assertThat(dns)
          .contains("  Type: predefined\n")
          .contains("    junos:DNS\n")
          .as("a predefined group's parents: its parent category and the groups naming it")
          .endsWith("  Parent Groups:\n    junos:infrastructure\n    my-mail\n");
      String xml =
          cli.execute("show services application-identification group detail my-web | display xml");
      assertThat(xml)
          .contains("<appid-application-group>")
          .contains("<application-group-detail>")
          .contains("<group-name>my-web</group-name>")
          .contains("<number-sub-groups>1</number-sub-groups>")
          .contains(
              "<application-list-detail>\n"
                  + "                <application-name>junos:HTTP</application-name>\n"
                  + "            </application-list-detail>");
    }
  }

  @Test
  void summaryListsPredefinedGroupsThenUserGroups() {
    try (FlowEngine engine = engine()) {
      OperationalCommands cli = new OperationalCommands(engine);
      String summary = cli.execute("show services application-identification group summary");
      String[] lines = summary.split("\n");
      int total = Integer.parseInt(lines[0].substring("Application Group(s): ".length()));
      assertThat(lines).hasSize(total + 2);
      assertThat(lines[1]).isEqualTo(" Disabled ID      Name");
      assertThat(lines[lines.length - 2])
          .endsWith(" my-web")
          .startsWith(" No       " + (total - 1));
      assertThat(lines[lines.length - 1]).endsWith(" my-mail").startsWith(" No       " + total);
      assertThat(summary).contains(" junos:web\n").contains(" junos:infrastructure:dns\n");
      String xml =
          cli.execute("show services application-identification group summary | display xml");
      assertThat(xml)
          .contains("<total-groups>" + total + "</total-groups>")
          .contains(
              "<application-group-summary-list>\n"
                  + "                <group-name>my-mail</group-name>\n"
                  + "                <group-disabled>No</group-disabled>\n"
                  + "                <group-id>"
                  + total
                  + "</group-id>\n");
      assertThat(
              cli.execute(
                  "show services application-identification group summary | display xml rpc"))
          .contains("<get-appid-application-group-summary>");
    }
  }

  @Test
  void anUnknownGroupIsAnError() {
    try (FlowEngine engine = engine()) {
      assertThat(
              new OperationalCommands(engine)
                  .execute("show services application-identification group detail nope"))
          .isEqualTo("error: application group 'nope' does not exist\n");
    }
  }
}
