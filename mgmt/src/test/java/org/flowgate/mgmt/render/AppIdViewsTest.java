package org.flowgate.mgmt.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.flowgate.dataplane.control.ApplicationCacheEntries;
import org.flowgate.dataplane.control.ApplicationDefinition;
import org.flowgate.dataplane.control.ApplicationStatistics;
import org.flowgate.dataplane.net.IpAddress;
import org.flowgate.mgmt.reply.AppIdReply;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * Every {@code show services application-identification} view in text, {@code | display xml} and
 * {@code | display json}: golden files for the exact bytes, XML and JSON parsed back and compared
 * value for value, and the elements Juniper's YANG names (docs/adr/0023, addendum) checked on their
 * own.
 */
class AppIdViewsTest {
  private static final long RESET_NS = 1_767_225_600_000_000_000L; // 2026-01-01T00:00:00Z

  private static final ApplicationDefinition HTTP =
      new ApplicationDefinition(
          "junos:HTTP",
          3,
          "HTTP",
          List.of("junos:web"),
          "No",
          false,
          false,
          "decoder",
          List.of(),
          List.of());
  private static final ApplicationDefinition GOOGLE =
      new ApplicationDefinition(
          "junos:GOOGLE",
          120,
          "GOOGLE",
          List.of("junos:web:search", "junos:web"),
          "No",
          true,
          false,
          "host table",
          List.of("google.com", "www.google.com"),
          List.of());
  private static final ApplicationDefinition BILLING =
      new ApplicationDefinition(
          "billing",
          3001,
          "custom",
          List.of(),
          "No",
          false,
          true,
          "custom",
          List.of(),
          List.of("address-mapping billing-servers filter ip 203.0.113.40/32"));

  private static final ApplicationStatistics STATISTICS =
      new ApplicationStatistics(
          RESET_NS,
          List.of(
              new ApplicationStatistics.Row("junos:HTTP", "No", 2, 1234),
              new ApplicationStatistics.Row("billing", "No", 1, 40)),
          List.of(
              new ApplicationStatistics.Row("junos:web", "No", 2, 1234),
              new ApplicationStatistics.Row("junos:infrastructure", "No", 1, 95)));

  private static ApplicationCacheEntries spu(int spu, ApplicationCacheEntries.Entry... entries) {
    return new ApplicationCacheEntries(spu, true, 600, List.of(entries));
  }

  private static final ApplicationCacheEntries.Entry WEB =
      new ApplicationCacheEntries.Entry(
          IpAddress.parse("203.0.113.80"),
          80,
          6,
          "HTTP",
          "GOOGLE",
          "No",
          "IP:TCP:HTTP:GOOGLE",
          590);
  private static final ApplicationCacheEntries.Entry WEB6 =
      new ApplicationCacheEntries.Entry(
          IpAddress.parse("2001:db8::443"), 443, 6, "SSL", "UNKNOWN", "Yes", "IP:TCP:SSL", 12);

  /** golden/{@code name}.txt, .xml and .json, and XML and JSON carrying the same values. */
  private static String assertGolden(String name, AppIdReply reply) throws IOException {
    GoldenFiles.assertMatches(name + ".txt", AppIdTextRenderer.render(reply));
    JunosElement tree = AppIdReplyTree.of(reply);
    String xml = JunosXml.write(tree);
    String json = JunosJson.write(tree);
    GoldenFiles.assertMatches(name + ".xml", xml);
    GoldenFiles.assertMatches(name + ".json", json);
    Element root = JunosTrees.parseXml(xml).getDocumentElement();
    assertThat(root.getNodeName()).isEqualTo("rpc-reply");
    List<String> fromXml =
        JunosTrees.flattenChildren(root).stream()
            .filter(l -> !l.startsWith("cli["))
            .sorted()
            .toList();
    assertThat(JunosTrees.flattenJson(json).stream().sorted().toList())
        .isNotEmpty()
        .containsExactlyElementsOf(fromXml);
    return xml.replaceAll(">\\s+<", "><"); // compact, for the checks below
  }

  @Test
  void summaryCountsAndOrdersTheCatalog() throws IOException {
    String xml =
        assertGolden("appid-summary", new AppIdReply.Summary(List.of(HTTP, GOOGLE, BILLING)));
    assertThat(xml)
        .contains("<appid-application-signature><application-signature-summary>")
        .contains("<total-applications>3</total-applications>")
        .contains("<total-nested-applications>1</total-nested-applications>")
        .contains(
            "<application-name>billing</application-name>"
                + "<application-disabled>No</application-disabled>"
                + "<application-id>3001</application-id>"
                + "<application-order>3</application-order>");
  }

  @Test
  void detailOfANestedApplicationListsItsGroupsAndHosts() throws IOException {
    String xml = assertGolden("appid-detail-nested", new AppIdReply.Detail(GOOGLE));
    assertThat(xml)
        .contains("<application-signature-detail-header>")
        .contains("<application-number-parent-groups>2</application-number-parent-groups>")
        .contains("<group-name>junos:web:search</group-name>")
        .contains(
            "<nested-signature-member-pattern>www.google.com</nested-signature-member-pattern>");
    assertThat(assertGolden("appid-detail-custom", new AppIdReply.Detail(BILLING)))
        .contains("<application-description>custom application</application-description>")
        .contains(
            "<nested-signature-member-pattern>address-mapping billing-servers filter ip"
                + " 203.0.113.40/32</nested-signature-member-pattern>");
  }

  @Test
  void statisticsOfApplicationsAndGroupsCarryTheLastReset() throws IOException {
    assertThat(assertGolden("appid-statistics", new AppIdReply.Statistics(STATISTICS, false)))
        .contains("<appid-application-statistics-information><logical-system-app-stats>")
        .contains("<last-reset>2026-01-01 00:00:00 UTC</last-reset>")
        .contains(
            "<appid-application-statistics><application-name>billing</application-name>"
                + "<sessions>1</sessions><bytes>40</bytes>");
    assertThat(assertGolden("appid-group-statistics", new AppIdReply.Statistics(STATISTICS, true)))
        .contains("<appid-application-group-statistics-information><logical-system-group-stats>")
        .contains("<last-reset-group-stats>")
        .contains("<application-name>junos:infrastructure</application-name>")
        .doesNotContain("billing");
  }

  @Test
  void theCacheShowsOneBlockOrOneBlockPerSpu() throws IOException {
    String one =
        assertGolden(
            "appid-cache-single",
            new AppIdReply.SystemCache(true, 600, false, List.of(spu(0, WEB), spu(1, WEB6))));
    assertThat(one)
        .contains("<appid-asc-enable>on</appid-asc-enable>")
        .contains("<appid-cache-timeout>600</appid-cache-timeout>")
        .contains("<ip-address>203.0.113.80</ip-address>")
        .contains("<ipv6-address>2001:db8::443</ipv6-address>")
        .contains("<appid-application>HTTP:GOOGLE</appid-application>")
        .contains("<is_encrypted>Yes</is_encrypted>");
    assertThat(one.split("<appid-application-system-cache-pic>", -1)).hasSize(2);
    String perSpu =
        assertGolden(
            "appid-cache-per-spu",
            new AppIdReply.SystemCache(true, 600, true, List.of(spu(0, WEB), spu(1, WEB6))));
    assertThat(perSpu.split("<appid-application-system-cache-pic>", -1)).hasSize(3);
    assertThat(
            assertGolden(
                "appid-cache-off", new AppIdReply.SystemCache(false, 0, false, List.of(spu(0)))))
        .contains("<appid-asc-enable>off</appid-asc-enable>")
        .doesNotContain("<appid-application-system-cache-usp>");
  }
}
