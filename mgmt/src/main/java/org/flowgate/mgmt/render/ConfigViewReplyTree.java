package org.flowgate.mgmt.render;

import static org.flowgate.mgmt.render.JunosElement.attribute;
import static org.flowgate.mgmt.render.JunosElement.container;
import static org.flowgate.mgmt.render.JunosElement.leaf;

import java.util.ArrayList;
import java.util.List;
import org.flowgate.mgmt.reply.InterfacesTerseReply;
import org.flowgate.mgmt.reply.MatchPoliciesReply;
import org.flowgate.mgmt.reply.PoliciesReply;
import org.flowgate.mgmt.reply.PolicyHitCountReply;
import org.flowgate.mgmt.reply.RouteReply;
import org.flowgate.mgmt.reply.ZonesReply;

/**
 * The reply bodies of the configuration views for {@code | display xml} and {@code | display json}.
 * Which names are real (and from which public reply) and which are Flowgate's is in ADR 0021:
 *
 * <pre>
 * zones        zones-information / zones-security (zone-id, -advanced-connection-tracking-timeout,
 *              -unidirectional-session-refreshing): real, a 2020s SRX reply through PyEZ
 * policies     security-policies / default-policy, default-policy-log-profile-id,
 *              pre-id-default-policy, security-context / context-information, policies /
 *              policy-information ...: real (a 12.1X44 reply; a 2023 reply's element set)
 * detail       the brief elements, junos:style="detail", addresses with prefixes/address-prefix
 *              (real); application-term and its children Flowgate's
 * hit-count    policy-hit-count / logical-system-name, policy-hit-count-entry / -index, -from-zone,
 *              -to-zone, -policy-name, -count, -action: real (public parsers of the reply)
 * match        security-policy-match (the RPC table's reply) holding policy-information: Flowgate's
 *              nesting
 * route        route-information / route-table / rt / rt-entry / nh: real (12.1X44-era parsers)
 * terse        interface-information junos:style="terse" / physical-interface / logical-interface /
 *              address-family / interface-address / ifa-local junos:emit="emit": real (12.1X47)
 * </pre>
 *
 * Stateless; any thread.
 */
public final class ConfigViewReplyTree {
  private ConfigViewReplyTree() {}

  private static String namespace(String module) {
    return "http://xml.juniper.net/junos/" + JunosReplyTree.RELEASE + "/" + module;
  }

  private static final JunosElement.Attribute BRIEF = attribute("junos:style", "brief");
  private static final JunosElement.Attribute DETAIL = attribute("junos:style", "detail");

  // ---- zones ------------------------------------------------------------------------------------

  static JunosElement zones(ZonesReply reply) {
    List<JunosElement> zones = new ArrayList<>();
    for (ZonesReply.Zone zone : reply.zones()) {
      List<JunosElement> names = new ArrayList<>();
      for (String name : zone.interfaces()) {
        names.add(leaf("zones-security-interface-name", name));
      }
      List<JunosElement> fields = new ArrayList<>();
      fields.add(leaf("zones-security-zonename", zone.name()));
      fields.add(leaf("zone-id", zone.id()));
      fields.add(leaf("zones-security-send-reset", zone.sendReset()));
      fields.add(leaf("zones-security-policy-configurable", zone.policyConfigurable()));
      if (zone.screen() != null) {
        fields.add(leaf("zones-security-screen", zone.screen())); // 24.4 YANG, after the above
      }
      fields.add(leaf("zones-security-interfaces-bound", zone.interfaces().size()));
      fields.add(container("zones-security-interfaces", names));
      fields.add(
          leaf(
              "zones-security-advanced-connection-tracking-timeout",
              zone.advancedConnectionTrackingTimeoutSeconds()));
      fields.add(
          leaf(
              "zones-security-unidirectional-session-refreshing",
              zone.unidirectionalSessionRefreshing()));
      zones.add(container("zones-security", fields));
    }
    return container(
        "zones-information", List.of(attribute("xmlns", namespace("junos-zones")), DETAIL), zones);
  }

  // ---- policies ---------------------------------------------------------------------------------

  static JunosElement policies(PoliciesReply reply) {
    List<JunosElement> body = new ArrayList<>();
    if (reply.header()) {
      body.add(leaf("default-policy", reply.defaultPolicy()));
      body.add(leaf("default-policy-log-profile-id", reply.defaultPolicyLogProfile()));
      body.add(leaf("pre-id-default-policy", reply.preIdDefaultPolicy()));
    }
    for (PoliciesReply.Context context : reply.contexts()) {
      List<JunosElement> children = new ArrayList<>();
      children.add(
          container(
              "context-information",
              List.of(
                  leaf("source-zone-name", context.fromZone()),
                  leaf("destination-zone-name", context.toZone()))));
      for (PoliciesReply.Policy policy : context.policies()) {
        children.add(container("policies", List.of(policy(policy, reply.detail()))));
      }
      body.add(container("security-context", children));
    }
    if (!reply.globals().isEmpty()) {
      List<JunosElement> children = new ArrayList<>();
      children.add(container("context-information", List.of(leaf("global-context", ""))));
      for (PoliciesReply.Policy policy : reply.globals()) {
        children.add(container("policies", List.of(policy(policy, reply.detail()))));
      }
      body.add(container("security-context", children));
    }
    return container("security-policies", List.of(reply.detail() ? DETAIL : BRIEF), body);
  }

  static JunosElement matchPolicies(MatchPoliciesReply reply) {
    List<JunosElement> body = new ArrayList<>();
    for (PoliciesReply.Policy policy : reply.policies()) {
      body.add(policy(policy, true));
    }
    return container("security-policy-match", body);
  }

  private static JunosElement policy(PoliciesReply.Policy p, boolean detail) {
    JunosElement.Attribute style = detail ? DETAIL : BRIEF;
    List<JunosElement> c = new ArrayList<>();
    c.add(leaf("policy-name", p.name()));
    c.add(leaf("policy-state", p.state()));
    c.add(leaf("policy-identifier", p.index()));
    c.add(leaf("scope-policy-identifier", p.scope()));
    c.add(leaf("policy-sequence-number", p.sequence()));
    c.add(leaf("log-profile-id", p.logProfile()));
    if (p.global()) {
      c.add(
          zones("multiple-source-zones", "source-zone", "source-zone-name", p.fromZones(), style));
      c.add(
          zones(
              "multiple-destination-zones",
              "destination-zone",
              "destination-zone-name",
              p.toZones(),
              style));
    } else if (detail) {
      c.add(
          container(
              "context-information",
              List.of(
                  leaf("source-zone-name", p.fromZones().getFirst()),
                  leaf("destination-zone-name", p.toZones().getFirst()))));
    }
    c.add(
        container(
            "source-vrfs",
            List.of(style),
            List.of(
                container("source-vrf", List.of(leaf("source-vrf-name", p.sourceVrfGroup()))))));
    c.add(
        container(
            "destination-vrfs",
            List.of(style),
            List.of(
                container(
                    "destination-vrf",
                    List.of(leaf("destination-vrf-name", p.destinationVrfGroup()))))));
    c.add(
        addresses(
            "source-addresses", "source-address", p.sourceAddresses(), p.sourceDetails(), detail));
    c.add(
        addresses(
            "destination-addresses",
            "destination-address",
            p.destinationAddresses(),
            p.destinationDetails(),
            detail));
    List<JunosElement> applications = new ArrayList<>();
    if (detail) {
      for (PoliciesReply.ApplicationDetail application : p.applicationDetails()) {
        List<JunosElement> a = new ArrayList<>();
        a.add(leaf("application-name", application.name()));
        for (PoliciesReply.Term term : application.terms()) {
          a.add(
              container(
                  "application-term",
                  List.of(
                      leaf("protocol-name", term.protocol()),
                      leaf("alg", term.alg()),
                      leaf("inactivity-timeout", term.inactivityTimeoutSeconds()),
                      container(
                          "source-port-range",
                          List.of(
                              leaf("low", term.sourcePortLow()),
                              leaf("high", term.sourcePortHigh()))),
                      container(
                          "destination-port-range",
                          List.of(
                              leaf("low", term.destinationPortLow()),
                              leaf("high", term.destinationPortHigh()))))));
        }
        applications.add(container("application", a));
      }
    } else {
      for (String name : p.applications()) {
        applications.add(container("application", List.of(leaf("application-name", name))));
      }
    }
    c.add(container("applications", List.of(style), applications));
    if (!p.dynamicApplications().isEmpty()) {
      List<JunosElement> dynamic = new ArrayList<>();
      for (String name : p.dynamicApplications()) {
        dynamic.add(
            container("dynamic-application", List.of(leaf("dynamic-application-name", name))));
      }
      c.add(container("dynamic-applications", List.of(style), dynamic));
    }
    c.add(container("source-identities", List.of(style), List.of()));
    c.add(
        container(
            "source-identities-feeds",
            List.of(style),
            List.of(
                container(
                    "source-identity-feed", List.of(leaf("feed-name", p.sourceIdentityFeeds()))))));
    c.add(
        container(
            "destination-identities-feeds",
            List.of(style),
            List.of(
                container(
                    "destination-identity-feed",
                    List.of(leaf("feed-name", p.destinationIdentityFeeds()))))));
    List<JunosElement> action = new ArrayList<>();
    action.add(leaf("action-type", p.action()));
    action.add(
        container(
            "policy-tcp-options",
            List.of(
                leaf("policy-tcp-options-syn-check", p.synCheck() ? "Yes" : "No"),
                leaf("policy-tcp-options-sequence-check", p.sequenceCheck() ? "Yes" : "No"),
                leaf("policy-tcp-options-window-scale", p.windowScale() ? "Yes" : "No"))));
    if (p.log()) {
      List<JunosElement> log = new ArrayList<>();
      if (p.logInit()) {
        log.add(JunosElement.toggle("session-init"));
      }
      if (p.logClose()) {
        log.add(JunosElement.toggle("session-close"));
      }
      action.add(container("log", log));
    }
    if (p.count()) {
      action.add(JunosElement.toggle("count"));
    }
    c.add(container("policy-action", action));
    return container("policy-information", c);
  }

  private static JunosElement zones(
      String outer, String inner, String name, List<String> zones, JunosElement.Attribute style) {
    List<JunosElement> children = new ArrayList<>();
    for (String zone : zones) {
      children.add(container(inner, List.of(leaf(name, zone))));
    }
    return container(outer, List.of(style), children);
  }

  private static JunosElement addresses(
      String outer,
      String inner,
      List<String> names,
      List<PoliciesReply.AddressDetail> details,
      boolean detail) {
    List<JunosElement> children = new ArrayList<>();
    if (detail) {
      for (PoliciesReply.AddressDetail address : details) {
        List<JunosElement> a = new ArrayList<>();
        a.add(leaf("address-name", address.name()));
        if (address.prefix() != null) {
          a.add(container("prefixes", List.of(leaf("address-prefix", address.prefix()))));
        }
        children.add(container(inner, a));
      }
    } else {
      for (String name : names) {
        children.add(container(inner, List.of(leaf("address-name", name))));
      }
    }
    return container(outer, List.of(detail ? DETAIL : BRIEF), children);
  }

  // ---- hit count --------------------------------------------------------------------------------

  static JunosElement hitCount(PolicyHitCountReply reply) {
    List<JunosElement> body = new ArrayList<>();
    body.add(leaf("logical-system-name", reply.logicalSystem()));
    for (PolicyHitCountReply.Row row : reply.rows()) {
      body.add(
          container(
              "policy-hit-count-entry",
              List.of(
                  leaf("policy-hit-count-index", row.index()),
                  leaf("policy-hit-count-from-zone", row.fromZone()),
                  leaf("policy-hit-count-to-zone", row.toZone()),
                  leaf("policy-hit-count-policy-name", row.name()),
                  leaf("policy-hit-count-count", row.count()),
                  leaf("policy-hit-count-action", row.action()))));
    }
    return container("policy-hit-count", body);
  }

  // ---- route ------------------------------------------------------------------------------------

  static JunosElement route(RouteReply reply) {
    List<JunosElement> tables = new ArrayList<>();
    for (RouteReply.Table table : reply.tables()) {
      List<JunosElement> t = new ArrayList<>();
      t.add(leaf("table-name", table.name()));
      t.add(leaf("destination-count", table.destinationCount()));
      t.add(leaf("total-route-count", table.routeCount()));
      t.add(leaf("active-route-count", table.activeCount()));
      t.add(leaf("holddown-route-count", table.holddownCount()));
      t.add(leaf("hidden-route-count", table.hiddenCount()));
      for (RouteReply.Destination destination : table.destinations()) {
        List<JunosElement> rt = new ArrayList<>();
        rt.add(leaf("rt-destination", destination.prefix()));
        for (RouteReply.Entry entry : destination.entries()) {
          List<JunosElement> e = new ArrayList<>();
          if (entry.active()) {
            e.add(leaf("active-tag", "*"));
            e.add(JunosElement.toggle("current-active"));
            e.add(JunosElement.toggle("last-active"));
          }
          e.add(leaf("protocol-name", entry.protocol()));
          e.add(leaf("preference", entry.preference()));
          if (entry.ageSeconds() >= 0) {
            e.add(
                new JunosElement(
                    "age",
                    List.of(attribute("junos:seconds", Long.toString(entry.ageSeconds()))),
                    JunosElement.Kind.LEAF,
                    ViewTextRenderer.ago(java.time.Duration.ofSeconds(entry.ageSeconds())),
                    List.of()));
          }
          e.add(nextHop(entry.nextHop()));
          rt.add(container("rt-entry", e));
        }
        t.add(container("rt", List.of(BRIEF), rt));
      }
      tables.add(container("route-table", t));
    }
    return container(
        "route-information", List.of(attribute("xmlns", namespace("junos-routing"))), tables);
  }

  private static JunosElement nextHop(RouteReply.NextHop nextHop) {
    return switch (nextHop) {
      case RouteReply.NextHop.Forward f -> {
        List<JunosElement> nh = new ArrayList<>();
        nh.add(JunosElement.toggle("selected-next-hop"));
        if (f.gateway() != null) {
          nh.add(leaf("to", f.gateway()));
        }
        nh.add(leaf("via", f.interfaceName()));
        yield container("nh", nh);
      }
      case RouteReply.NextHop.Local l ->
          container("nh", List.of(leaf("nh-local-interface", l.interfaceName())));
      case RouteReply.NextHop.Drop d -> leaf("nh-type", d.type());
    };
  }

  // ---- interfaces terse -------------------------------------------------------------------------

  static JunosElement interfacesTerse(InterfacesTerseReply reply) {
    List<JunosElement> physicals = new ArrayList<>();
    for (InterfacesTerseReply.Physical physical : reply.interfaces()) {
      List<JunosElement> p = new ArrayList<>();
      p.add(leaf("name", physical.name()));
      p.add(leaf("admin-status", physical.admin()));
      p.add(leaf("oper-status", physical.link()));
      for (InterfacesTerseReply.Logical unit : physical.units()) {
        List<JunosElement> l = new ArrayList<>();
        l.add(leaf("name", unit.name()));
        l.add(leaf("admin-status", unit.admin()));
        l.add(leaf("oper-status", unit.link()));
        l.add(container("filter-information", List.of()));
        for (InterfacesTerseReply.Family family : unit.families()) {
          List<JunosElement> f = new ArrayList<>();
          f.add(leaf("address-family-name", family.name()));
          for (String address : family.addresses()) {
            f.add(
                container(
                    "interface-address",
                    List.of(
                        new JunosElement(
                            "ifa-local",
                            List.of(attribute("junos:emit", "emit")),
                            JunosElement.Kind.LEAF,
                            address,
                            List.of()))));
          }
          l.add(container("address-family", f));
        }
        p.add(container("logical-interface", l));
      }
      physicals.add(container("physical-interface", p));
    }
    return container(
        "interface-information",
        List.of(
            attribute("xmlns", namespace("junos-interface")), attribute("junos:style", "terse")),
        physicals);
  }
}
