package org.flowgate.config.compile;

import java.util.List;
import org.flowgate.config.compile.JunosConfiguration.AddressBook;
import org.flowgate.config.compile.JunosConfiguration.ApplicationDefinition;
import org.flowgate.config.compile.JunosConfiguration.ApplicationSet;
import org.flowgate.config.compile.JunosConfiguration.Instance;
import org.flowgate.config.compile.JunosConfiguration.LogicalInterface;
import org.flowgate.config.compile.JunosConfiguration.NatKind;
import org.flowgate.config.compile.JunosConfiguration.Policy;
import org.flowgate.config.compile.JunosConfiguration.Reference;
import org.flowgate.config.compile.JunosConfiguration.SecurityZone;
import org.flowgate.config.compile.JunosConfiguration.StaticRoute;
import org.flowgate.config.compile.JunosConfiguration.Term;
import org.flowgate.config.compile.Schema.Match;
import org.flowgate.config.text.ConfigStatement;
import org.flowgate.config.text.Diagnostics;
import org.flowgate.config.text.SourceLocation;
import org.flowgate.dataplane.application.ApplicationTerm;
import org.flowgate.dataplane.net.IpAddress;
import org.flowgate.dataplane.net.IpPrefix;
import org.flowgate.dataplane.policy.PolicyAction;

/**
 * The read pass: every active statement is matched against {@link #SCHEMA}, the table of what
 * Flowgate implements, and read into a {@link JunosConfiguration}. Value syntax (prefixes, ports,
 * numbers) is checked here; names are resolved later by {@link ConfigValidator}. A statement no
 * rule matches is a warning, {@code statement not implemented: PATH}, never dropped silently.
 *
 * <p>Thread: one instance per compilation.
 */
final class ConfigReader {
  private final JunosConfiguration config = new JunosConfiguration();
  private final Diagnostics diagnostics;
  private final NatReader nat;
  private final ScreenReader screens;
  private final TraceReader trace;
  private final AppIdReader appId;

  /** {@code aging high-watermark}, where it was written, and the two watermarks as read. */
  private SourceLocation highWatermark;

  private int highWatermarkPercent = 100;
  private int lowWatermarkPercent = 100;

  private ConfigReader(Diagnostics diagnostics) {
    this.diagnostics = diagnostics;
    this.nat = new NatReader(config, diagnostics);
    this.screens = new ScreenReader(config, diagnostics);
    this.trace = new TraceReader(config, diagnostics);
    this.appId = new AppIdReader(diagnostics);
    this.config.applicationServices = new AppServicesReader(diagnostics);
  }

  static JunosConfiguration read(List<ConfigStatement> statements, Diagnostics diagnostics) {
    ConfigReader reader = new ConfigReader(diagnostics);
    for (ConfigStatement statement : statements) {
      if (!statement.inactive()) {
        reader.read(statement);
      }
    }
    reader.checkWatermarks();
    reader.config.applicationIdentification = reader.appId.settings();
    return reader.config;
  }

  private void read(ConfigStatement statement) {
    List<String> words = statement.words();
    // Any statement under "interfaces X unit N" makes the logical interface X.N exist, whether or
    // not Flowgate implements what it says.
    if (words.size() >= 4 && words.get(0).equals("interfaces") && words.get(2).equals("unit")) {
      unit(words.get(1), words.get(3), statement.location());
    }
    Schema.Matched<ConfigReader> matched = SCHEMA.match(statement);
    if (matched == null) {
      notImplemented(statement, words);
      return;
    }
    matched.rule().reader().read(this, matched.match());
  }

  private void notImplemented(ConfigStatement statement, List<String> words) {
    warn(statement.location(), "statement not implemented: " + String.join(" ", words));
    // Routing protocols are not implemented, but the interfaces they name must still exist.
    int at = words.indexOf("interface");
    if (words.getFirst().equals("protocols")
        && at > 0
        && at + 1 < words.size()
        && !words.get(at + 1).equals("all")) {
      config.protocolInterfaces.add(
          new Reference(logicalInterface(words.get(at + 1)), statement.location()));
    }
  }

  /** A logical interface name as used outside {@code interfaces}: {@code ge-0/0/0} is unit 0. */
  static String logicalInterface(String name) {
    return name.contains(".") ? name : name + ".0";
  }

  // ------------------------------------------------------------------ the schema

  /** Every statement shape Flowgate implements, by hierarchy. */
  static final Schema<ConfigReader> SCHEMA =
      new Schema<ConfigReader>()
          .rule("version <text>", (r, m) -> {})
          .rule("system host-name <name>", (r, m) -> r.config.hostName = m.get("name"))
          // system syslog: destinations of RT_FLOW session logs in event mode
          .rule("system syslog source-address <address>", ConfigReader::syslogSourceAddress)
          .rule("system syslog host <host> port <port>", ConfigReader::syslogPort)
          .rule(
              "system syslog host <host> source-address <address>",
              ConfigReader::syslogSourceAddress)
          .rule(
              "system syslog <kind> <name> structured-data",
              (r, m) -> r.syslog(m).structured = true)
          .rule(
              "system syslog <kind> <name> structured-data brief",
              (r, m) -> r.syslog(m).structured = true)
          .rule("system syslog <kind> <name> match <regex>", ConfigReader::syslogMatch)
          .rule(
              "system syslog <kind> <name> match-strings <string>",
              (r, m) -> r.syslog(m).matchStrings.add(m.get("string")))
          .rule("system syslog <kind> <name> <facility> <level>", ConfigReader::syslogLevel)
          .rule("system syslog <kind> <name>", (r, m) -> r.syslog(m))
          // interfaces
          .rule("interfaces <interface> description <text>", (r, m) -> {})
          .rule("interfaces <interface> vlan-tagging", (r, m) -> {})
          .rule("interfaces <interface> unit <unit>", (r, m) -> {})
          .rule("interfaces <interface> unit <unit> description <text>", (r, m) -> {})
          .rule("interfaces <interface> unit <unit> vlan-id <vlan>", ConfigReader::vlanId)
          .rule("interfaces <interface> unit <unit> family inet", (r, m) -> {})
          .rule("interfaces <interface> unit <unit> family inet6", (r, m) -> {})
          .rule(
              "interfaces <interface> unit <unit> family inet address <prefix> ...",
              ConfigReader::interfaceAddress)
          .rule(
              "interfaces <interface> unit <unit> family inet6 address <prefix> ...",
              ConfigReader::interfaceAddress)
          // routing-options and routing-instances
          .rule("routing-options static route <prefix> ...", (r, m) -> r.staticRoute(m, null))
          .rule(
              "routing-options rib inet6.0 static route <prefix> ...",
              (r, m) -> r.staticRoute(m, null))
          .rule("routing-instances <instance> instance-type <type>", ConfigReader::instanceType)
          .rule("routing-instances <instance> description <text>", (r, m) -> r.instance(m))
          .rule(
              "routing-instances <instance> interface <interface>", ConfigReader::instanceInterface)
          .rule(
              "routing-instances <instance> routing-options static route <prefix> ...",
              (r, m) -> r.staticRoute(m, r.instance(m)))
          .rule(
              "routing-instances <instance> routing-options rib <rib> static route <prefix> ...",
              (r, m) -> r.staticRoute(m, r.instance(m)))
          // security zones
          .rule("security zones security-zone <zone>", (r, m) -> r.zone(m))
          .rule("security zones security-zone <zone> description <text>", (r, m) -> r.zone(m))
          .rule(
              "security zones security-zone <zone> application-tracking",
              (r, m) -> r.config.applicationServices.trackZone(r.zone(m).name))
          .rule(
              "security zones security-zone <zone> screen <screen>",
              (r, m) -> r.zone(m).screen = r.reference(m, "screen"))
          // security screen (ScreenReader reads the words below each ids-option)
          .rule("security screen ids-option <option> ...", (r, m) -> r.screens.idsOption(m))
          .rule(
              "security zones security-zone <zone> interfaces <interface> ...",
              ConfigReader::zoneInterface)
          .rule(
              "security zones security-zone <zone> host-inbound-traffic <kind> <name> ...",
              (r, m) -> r.hostInbound(m, r.zone(m), m.get("kind"), m.get("name"), m.rest()))
          .rule(
              "security zones security-zone <zone> address-book ...",
              (r, m) -> r.addressBookEntry(m, r.zone(m).addressBook, m.rest()))
          // address books
          .rule(
              "security address-book <book> attach zone <zone>",
              (r, m) -> r.book(m.get("book")).attachedZones.add(r.reference(m, "zone")))
          .rule("security address-book <book> description <text>", (r, m) -> r.book(m.get("book")))
          .rule(
              "security address-book <book> ...",
              (r, m) -> r.addressBookEntry(m, r.book(m.get("book")), m.rest()))
          // applications
          .rule(
              "applications application <application> term <term> ...",
              (r, m) -> r.applicationAttribute(m, r.application(m), m.get("term"), m.rest()))
          .rule(
              "applications application <application> description <text>",
              (r, m) -> r.application(m))
          .rule(
              "applications application <application> application-protocol <alg>",
              (r, m) -> r.application(m).applicationProtocol = m.get("alg"))
          .rule(
              "applications application <application> ...",
              (r, m) -> r.applicationAttribute(m, r.application(m), "", m.rest()))
          .rule(
              "applications application-set <set> description <text>",
              (r, m) -> r.applicationSet(m))
          .rule(
              "applications application-set <set> application <member>",
              (r, m) -> r.applicationSet(m).members().add(r.reference(m, "member")))
          .rule(
              "applications application-set <set> application-set <member>",
              (r, m) -> r.applicationSet(m).members().add(r.reference(m, "member")))
          // security policies
          .rule(
              "security policies default-policy permit-all",
              (r, m) -> r.config.defaultPolicy = PolicyAction.PERMIT)
          .rule(
              "security policies default-policy deny-all",
              (r, m) -> r.config.defaultPolicy = PolicyAction.DENY)
          .rule("security policies policy-rematch", (r, m) -> r.config.settings.policyRematch(true))
          .rule(
              "security policies policy-rematch extensive",
              (r, m) -> r.config.settings.policyRematch(true))
          .rule(
              "security policies pre-id-default-policy then session-timeout <protocol> <seconds>",
              ConfigReader::preIdTimeout)
          .rule("security policies pre-id-default-policy then log <what>", ConfigReader::preIdLog)
          .rule(
              "security policies from-zone <from> to-zone <to> policy <policy> ...",
              (r, m) ->
                  r.policyStatement(m, r.policy(m, m.get("from"), m.get("to"), false), m.rest()))
          .rule(
              "security policies global policy <policy> ...",
              (r, m) -> r.policyStatement(m, r.policy(m, null, null, true), m.rest()))
          // security log (RT_FLOW session logs)
          .rule("security log mode <mode>", ConfigReader::logMode)
          .rule("security log format <format>", (r, m) -> r.config.logFormat = m.get("format"))
          .rule(
              "security log source-address <address>",
              (r, m) -> r.config.logSourceAddress = m.get("address"))
          .rule(
              "security log transport protocol <protocol>",
              (r, m) -> r.config.logTransport = m.get("protocol"))
          .rule("security log stream <stream> host port <port>", ConfigReader::logStreamPort)
          .rule(
              "security log stream <stream> host <address>",
              (r, m) -> r.logStream(m).host = m.get("address"))
          .rule(
              "security log stream <stream> format <format>",
              (r, m) -> r.logStream(m).format = m.get("format"))
          .rule(
              "security log stream <stream> transport protocol <protocol>",
              (r, m) -> r.logStream(m).transport = m.get("protocol"))
          .rule("security log stream <stream> severity <severity>", (r, m) -> r.logStream(m))
          .rule("security log stream <stream> category <category>", (r, m) -> r.logStream(m))
          // security alg
          .rule("security alg <alg> disable", (r, m) -> r.alg(m, false))
          .rule("security alg <alg> enable", (r, m) -> r.alg(m, true))
          .rule("security alg ftp allow-mismatch-ip-address", (r, m) -> r.ftp(true, null, null))
          .rule("security alg ftp line-break-extension", (r, m) -> r.ftp(null, true, null))
          .rule("security alg ftp ftps-extension", (r, m) -> r.ftp(null, null, true))
          .rule("security alg sip <knob> <value>", ConfigReader::sipKnob)
          .rule("security alg sip retain-hold-resource", (r, m) -> r.sipRetainHold())
          .rule(
              "security alg dns maximum-message-length <bytes>",
              (r, m) -> r.dnsMaximumMessageLength(m))
          .rule("security alg dns oversize-message-drop", (r, m) -> r.dns(null, true, null))
          .rule("security alg dns doctoring <doctoring>", (r, m) -> r.dnsDoctoring(m))
          .rule("security alg <rpc> map-entry-timeout <minutes>", (r, m) -> r.rpcMapEntryTimeout(m))
          // security flow
          .rule(
              "security flow tcp-session no-syn-check", (r, m) -> r.config.settings.synCheck(false))
          .rule(
              "security flow tcp-session no-sequence-check",
              (r, m) -> r.config.settings.sequenceCheck(false))
          .rule(
              "security flow tcp-session fin-invalidate-session",
              (r, m) -> r.config.settings.finInvalidateSession(true))
          .rule(
              "security flow tcp-session rst-invalidate-session",
              (r, m) -> r.config.settings.rstInvalidateSession(true))
          .rule(
              "security flow tcp-session tcp-initial-timeout <seconds>",
              ConfigReader::tcpInitialTimeout)
          .rule("security flow tcp-session maximum-window <size>", ConfigReader::maximumWindow)
          .rule(
              "security flow tcp-session time-wait-state session-timeout <seconds>",
              ConfigReader::timeWait)
          .rule("security flow tcp-session time-wait-state session-ageout", (r, m) -> {})
          .rule("security flow aging <knob> <value>", ConfigReader::aging)
          // security nat (NatReader reads the words below each pool, rule set and proxy interface)
          .rule(
              "security nat source address-persistent",
              (r, m) -> r.config.natAddressPersistent = true)
          .rule(
              "security nat source pool-default-port-range <low> to <high>",
              (r, m) -> r.nat.defaultPortRange(m))
          .rule(
              "security nat source pool-default-twin-port-range <low> to <high>",
              (r, m) -> r.nat.defaultTwinPortRange(m))
          .rule(
              "security nat source port-randomization disable",
              (r, m) -> r.config.natPortRandomizationDisabled = true)
          .rule("security nat source pool <pool> ...", (r, m) -> r.nat.pool(m, NatKind.SOURCE))
          .rule(
              "security nat source rule-set <set> ...", (r, m) -> r.nat.ruleSet(m, NatKind.SOURCE))
          .rule(
              "security nat destination pool <pool> ...",
              (r, m) -> r.nat.pool(m, NatKind.DESTINATION))
          .rule(
              "security nat destination rule-set <set> ...",
              (r, m) -> r.nat.ruleSet(m, NatKind.DESTINATION))
          .rule(
              "security nat static rule-set <set> ...", (r, m) -> r.nat.ruleSet(m, NatKind.STATIC))
          .rule(
              "security nat proxy-arp interface <interface> address <address> ...",
              (r, m) -> r.nat.proxy(m, false))
          .rule(
              "security nat proxy-ndp interface <interface> address <address> ...",
              (r, m) -> r.nat.proxy(m, true))
          .rule("security flow allow-dns-reply", (r, m) -> r.config.settings.allowDnsReply(true))
          .rule("security flow traceoptions ...", (r, m) -> r.trace.statement(m))
          // services application-identification (AppIdReader reads the words below it)
          .rule(
              "services application-identification application-group ...",
              (r, m) -> r.config.applicationServices.applicationGroup(m))
          .rule("services application-identification ...", (r, m) -> r.appId.read(m))
          // application traffic control and tracking (AppServicesReader, docs/adr/0034)
          .rule(
              "class-of-service application-traffic-control ...",
              (r, m) -> r.config.applicationServices.trafficControl(m))
          .rule(
              "security application-tracking ...",
              (r, m) -> r.config.applicationServices.tracking(m));

  // ------------------------------------------------------------------ interfaces

  private LogicalInterface unit(String physical, String unit, SourceLocation location) {
    String name = physical + "." + unit;
    return config.interfaces.computeIfAbsent(name, n -> new LogicalInterface(n, location));
  }

  private void vlanId(Match m) {
    Integer vlan = Values.number(m.get("vlan"));
    if (vlan == null || vlan > 4094) {
      error(m, "invalid vlan-id '" + m.get("vlan") + "': a VLAN id is 0 to 4094");
      return;
    }
    unit(m.get("interface"), m.get("unit"), m.statement().location()).vlanId = vlan;
  }

  private void interfaceAddress(Match m) {
    IpPrefix prefix = Values.prefix(m.get("prefix"));
    boolean inet6 = m.statement().words().get(5).equals("inet6");
    if (prefix == null || prefix.isIpv4() == inet6) {
      error(m, "invalid " + (inet6 ? "inet6" : "inet") + " address '" + m.get("prefix") + "'");
      return;
    }
    unit(m.get("interface"), m.get("unit"), m.statement().location()).addresses.add(prefix);
    restNotImplemented(m);
  }

  // ------------------------------------------------------------------ routing

  private Instance instance(Match m) {
    return config.instances.computeIfAbsent(
        m.get("instance"), n -> new Instance(n, m.statement().location()));
  }

  private void instanceType(Match m) {
    Instance instance = instance(m);
    instance.type = m.get("type");
    if (!instance.type.equals("virtual-router")) {
      warn(
          m.statement().location(),
          "statement not implemented: " + m.statement().path() + " (read as a virtual-router)");
    }
  }

  private void instanceInterface(Match m) {
    instance(m).interfaces.add(reference(m, "interface"));
  }

  private void staticRoute(Match m, Instance instance) {
    List<StaticRoute> routes = instance == null ? config.masterRoutes : instance.routes;
    IpPrefix prefix = Values.prefix(m.get("prefix"));
    if (prefix == null) {
      error(m, "invalid prefix '" + m.get("prefix") + "'");
      return;
    }
    List<String> rest = m.rest();
    SourceLocation at = m.statement().location();
    if (rest.size() == 1 && rest.getFirst().equals("discard")) {
      routes.add(new StaticRoute(prefix, StaticRoute.Kind.DISCARD, null, at));
    } else if (rest.size() == 1 && rest.getFirst().equals("reject")) {
      routes.add(new StaticRoute(prefix, StaticRoute.Kind.REJECT, null, at));
    } else if (rest.size() == 2 && rest.getFirst().equals("next-hop")) {
      routes.add(new StaticRoute(prefix, StaticRoute.Kind.NEXT_HOP, rest.get(1), at));
    } else if (rest.size() >= 2 && rest.getFirst().equals("qualified-next-hop")) {
      routes.add(new StaticRoute(prefix, StaticRoute.Kind.NEXT_HOP, rest.get(1), at));
      if (rest.size() > 2) {
        warn(
            at,
            "statement not implemented: "
                + m.statement().path()
                + " (the next hop is used, "
                + String.join(" ", rest.subList(2, rest.size()))
                + " is not)");
      }
    } else {
      warn(at, "statement not implemented: " + m.statement().path());
    }
  }

  // ------------------------------------------------------------------ zones

  private SecurityZone zone(Match m) {
    return config.zones.computeIfAbsent(
        m.get("zone"), n -> new SecurityZone(n, m.statement().location()));
  }

  private void zoneInterface(Match m) {
    SecurityZone zone = zone(m);
    Reference reference = reference(m, "interface");
    if (!zone.interfaces.contains(reference)
        && zone.interfaces.stream().noneMatch(r -> r.name().equals(reference.name()))) {
      zone.interfaces.add(reference);
    }
    List<String> rest = m.rest();
    if (rest.size() >= 3 && rest.getFirst().equals("host-inbound-traffic")) {
      hostInbound(m, zone, rest.get(1), rest.get(2), rest.subList(3, rest.size()));
    } else if (!rest.isEmpty()) {
      warn(m.statement().location(), "statement not implemented: " + m.statement().path());
    }
  }

  private void hostInbound(
      Match m, SecurityZone zone, String kind, String name, List<String> rest) {
    SourceLocation at = m.statement().location();
    switch (kind) {
      case "system-services" -> zone.hostInboundServices.add(name);
      case "protocols" -> zone.hostInboundProtocols.add(name);
      default -> {
        warn(at, "statement not implemented: " + m.statement().path());
        return;
      }
    }
    if (!rest.isEmpty()) {
      warn(at, "statement not implemented: " + m.statement().path());
    }
  }

  // ------------------------------------------------------------------ address books

  private AddressBook book(String name) {
    return config.addressBooks.computeIfAbsent(name, AddressBook::new);
  }

  /**
   * {@code address N P}, {@code address N range-address A to B}, {@code address-set N address A}
   * ...
   */
  private void addressBookEntry(Match m, AddressBook book, List<String> rest) {
    SourceLocation at = m.statement().location();
    String path = m.statement().path();
    if (rest.size() >= 2 && rest.get(0).equals("address-set")) {
      List<Reference> members =
          book.addressSets.computeIfAbsent(rest.get(1), n -> new java.util.ArrayList<>());
      if (rest.size() == 4
          && (rest.get(2).equals("address") || rest.get(2).equals("address-set"))) {
        members.add(new Reference(rest.get(3), at));
      } else if (rest.size() != 2 && !(rest.size() == 4 && rest.get(2).equals("description"))) {
        warn(at, "statement not implemented: " + path);
      }
      return;
    }
    if (rest.size() < 2 || !rest.get(0).equals("address")) {
      warn(at, "statement not implemented: " + path);
      return;
    }
    String name = rest.get(1);
    List<String> value = rest.subList(2, rest.size());
    if (value.size() == 1) {
      IpPrefix prefix = Values.prefix(value.getFirst());
      if (prefix == null) {
        error(at, "invalid prefix '" + value.getFirst() + "' for address " + name);
        return;
      }
      IpPrefix network = Values.network(prefix);
      if (!network.equals(prefix)) {
        warn(
            at,
            "address "
                + name
                + " "
                + prefix
                + " has bits set beyond its length: taken as "
                + network);
      }
      addAddress(book, name, List.of(network));
    } else if (value.size() == 2 && value.get(0).equals("description")) {
      addAddress(book, name, List.of());
    } else if (value.size() == 4
        && value.get(0).equals("range-address")
        && value.get(2).equals("to")) {
      IpAddress low = Values.address(value.get(1));
      IpAddress high = Values.address(value.get(3));
      if (low == null || high == null) {
        error(
            at,
            "invalid range-address '"
                + (low == null ? value.get(1) : value.get(3))
                + "' for address "
                + name);
        return;
      }
      List<IpPrefix> prefixes = Values.rangeToPrefixes(low, high);
      if (prefixes.isEmpty()) {
        error(
            at,
            "invalid range-address "
                + value.get(1)
                + " to "
                + value.get(3)
                + " for address "
                + name
                + ": the range is empty (its start is above its end, or the families differ)");
        return;
      }
      addAddress(book, name, prefixes);
    } else if (value.size() == 2 && value.get(0).equals("wildcard-address")) {
      Object[] wildcard = Values.wildcard(value.get(1));
      if (wildcard == null) {
        error(at, "invalid wildcard-address '" + value.get(1) + "' for address " + name);
        return;
      }
      IpPrefix covering = (IpPrefix) wildcard[0];
      if (!(Boolean) wildcard[1]) {
        warn(
            at,
            "wildcard-address "
                + value.get(1)
                + " cannot be represented exactly: address "
                + name
                + " is approximated by the covering prefix "
                + covering);
      }
      addAddress(book, name, List.of(covering));
    } else if (value.size() == 2 && value.get(0).equals("dns-name")) {
      warn(at, "statement not implemented: " + path + " (address " + name + " matches nothing)");
      addAddress(book, name, List.of());
    } else {
      warn(at, "statement not implemented: " + path);
    }
  }

  private static void addAddress(AddressBook book, String name, List<IpPrefix> prefixes) {
    book.addresses.computeIfAbsent(name, n -> new java.util.ArrayList<>()).addAll(prefixes);
  }

  // ------------------------------------------------------------------ applications

  private ApplicationDefinition application(Match m) {
    return config.applications.computeIfAbsent(
        m.get("application"), n -> new ApplicationDefinition(n, m.statement().location()));
  }

  private ApplicationSet applicationSet(Match m) {
    return config.applicationSets.computeIfAbsent(
        m.get("set"),
        n -> new ApplicationSet(n, m.statement().location(), new java.util.ArrayList<>()));
  }

  /** One attribute of an application ({@code term} is "" for the application's own). */
  private void applicationAttribute(
      Match m, ApplicationDefinition application, String termName, List<String> rest) {
    SourceLocation at = m.statement().location();
    Term term = application.terms.computeIfAbsent(termName, n -> new Term());
    for (int i = 0; i < rest.size(); i += 2) {
      String attribute = rest.get(i);
      if (i + 1 >= rest.size()) {
        warn(at, "statement not implemented: " + m.statement().path());
        return;
      }
      String value = rest.get(i + 1);
      switch (attribute) {
        case "protocol" -> {
          Integer protocol = Values.protocol(value);
          if (protocol == null) {
            error(at, "invalid protocol '" + value + "' in application " + application.name);
            return;
          }
          term.protocol = protocol;
        }
        case "destination-port", "source-port" -> {
          int[] range = Values.portRange(value);
          if (range == null) {
            error(
                at,
                "invalid "
                    + attribute
                    + " '"
                    + value
                    + "' in application "
                    + application.name
                    + ": a port is 0 to 65535, a range P-Q with P <= Q, or a name such as http");
            return;
          }
          if (attribute.equals("destination-port")) {
            term.destinationPortLow = range[0];
            term.destinationPortHigh = range[1];
          } else {
            term.sourcePortLow = range[0];
            term.sourcePortHigh = range[1];
          }
        }
        case "icmp-type", "icmp-code", "icmp6-type", "icmp6-code" -> {
          Integer number = Values.number(value);
          if (number == null || number > 255) {
            error(
                at,
                "invalid "
                    + attribute
                    + " '"
                    + value
                    + "' in application "
                    + application.name
                    + ": 0 to 255");
            return;
          }
          if (attribute.endsWith("type")) {
            term.icmpType = number;
          } else {
            term.icmpCode = number;
          }
        }
        case "inactivity-timeout" -> {
          Integer seconds =
              value.equals("never") ? Integer.valueOf(ApplicationTerm.NEVER) : Values.number(value);
          if (seconds == null || seconds == 0) {
            error(
                at,
                "invalid inactivity-timeout '"
                    + value
                    + "' in application "
                    + application.name
                    + ": seconds or never");
            return;
          }
          if (termName.isEmpty()) {
            application.inactivityTimeoutSeconds = seconds;
            continue;
          }
          term.inactivityTimeoutSeconds = seconds;
        }
        case "application-protocol", "alg" -> application.applicationProtocol = value;
        default -> {
          warn(at, "statement not implemented: " + m.statement().path());
          return;
        }
      }
      term.used = true;
    }
  }

  // ------------------------------------------------------------------ policies

  private Policy policy(Match m, String from, String to, boolean global) {
    String name = m.get("policy");
    String key = global ? "global//" + name : from + "/" + to + "/" + name;
    return config.policies.computeIfAbsent(
        key, k -> new Policy(name, from, to, global, m.statement().location()));
  }

  /** The words after {@code policy P}: {@code match ...}, {@code then ...}, {@code description}. */
  private void policyStatement(Match m, Policy policy, List<String> rest) {
    SourceLocation at = m.statement().location();
    String path = m.statement().path();
    if (rest.size() == 3 && rest.get(0).equals("match")) {
      Reference value = new Reference(rest.get(2), at);
      switch (rest.get(1)) {
        case "source-address" -> policy.sources.add(value);
        case "destination-address" -> policy.destinations.add(value);
        case "application" -> policy.applications.add(value);
        case "dynamic-application" -> policy.dynamicApplications.add(value);
        case "from-zone" -> matchZone(policy, policy.fromZones, value, path);
        case "to-zone" -> matchZone(policy, policy.toZones, value, path);
        default -> warn(at, "statement not implemented: " + path);
      }
    } else if (rest.size() == 2
        && rest.get(0).equals("match")
        && rest.get(1).equals("source-address-excluded")) {
      policy.sourceExcluded = true;
    } else if (rest.size() == 2
        && rest.get(0).equals("match")
        && rest.get(1).equals("destination-address-excluded")) {
      policy.destinationExcluded = true;
    } else if (rest.size() > 3 && rest.get(0).equals("match") && matchPairs(rest)) {
      // several conditions on one line: match source-address any destination-address any ...
      int i = 1;
      while (i < rest.size()) {
        String word = rest.get(i);
        if (word.endsWith("-excluded")) {
          policyStatement(m, policy, List.of("match", word));
          i++;
        } else {
          policyStatement(m, policy, List.of("match", word, rest.get(i + 1)));
          i += 2;
        }
      }
    } else if (rest.size() >= 2 && rest.get(0).equals("then")) {
      policyThen(policy, rest.subList(1, rest.size()), at, path);
    } else if (rest.size() == 2 && rest.get(0).equals("description")) {
      // no effect on traffic
    } else if (rest.isEmpty()) {
      // "policy P" alone
    } else {
      warn(at, "statement not implemented: " + path);
    }
  }

  private static final java.util.Set<String> MATCH_CONDITIONS =
      java.util.Set.of(
          "source-address",
          "destination-address",
          "application",
          "dynamic-application",
          "from-zone",
          "to-zone");

  /**
   * True when {@code match} is followed by conditions and their values only ({@code
   * source-address-excluded} standing alone), as the set form may write several on one line.
   */
  private static boolean matchPairs(List<String> rest) {
    int i = 1;
    while (i < rest.size()) {
      String word = rest.get(i);
      if (word.equals("source-address-excluded") || word.equals("destination-address-excluded")) {
        i++;
      } else if (MATCH_CONDITIONS.contains(word) && i + 1 < rest.size()) {
        i += 2;
      } else {
        return false;
      }
    }
    return true;
  }

  private void matchZone(Policy policy, List<Reference> zones, Reference zone, String path) {
    if (!policy.global) {
      warn(
          zone.location(),
          "statement not implemented: " + path + " (zone lists are for global policies)");
      return;
    }
    if (!zone.name().equals("any")) {
      zones.add(zone);
    }
  }

  private void policyThen(Policy policy, List<String> then, SourceLocation at, String path) {
    String first = then.getFirst();
    switch (first) {
      case "permit", "deny", "reject" -> {
        PolicyAction action =
            switch (first) {
              case "permit" -> PolicyAction.PERMIT;
              case "deny" -> PolicyAction.DENY;
              default -> PolicyAction.REJECT;
            };
        if (policy.action != null && policy.action != action) {
          error(
              at,
              "policy "
                  + policy.name
                  + " has both "
                  + policy.action.name().toLowerCase(java.util.Locale.ROOT)
                  + " and "
                  + first
                  + ": a policy has one action");
          return;
        }
        policy.action = action;
        if (then.size() == 5
            && first.equals("permit")
            && then.get(1).equals("application-services")
            && then.get(2).equals("application-traffic-control")
            && then.get(3).equals("rule-set")) {
          config.applicationServices.policyRuleSet(policy, new Reference(then.get(4), at));
        } else if (then.size() > 1) {
          warn(at, "statement not implemented: " + path + " (the " + first + " is used)");
        }
      }
      case "count" -> {
        policy.count = true;
        if (then.size() > 1) {
          warn(at, "statement not implemented: " + path + " (the count is used)");
        }
      }
      case "log" -> {
        if (then.size() == 2 && then.get(1).equals("session-init")) {
          policy.logInit = true;
        } else if (then.size() == 2 && then.get(1).equals("session-close")) {
          policy.logClose = true;
        } else {
          warn(at, "statement not implemented: " + path);
        }
      }
      default -> warn(at, "statement not implemented: " + path);
    }
  }

  /** {@code pre-id-default-policy then session-timeout PROTOCOL SECONDS} (4 to 86 400). */
  private void preIdTimeout(Match m) {
    int protocol = JunosConfiguration.PRE_ID_PROTOCOLS.indexOf(m.get("protocol"));
    if (protocol < 0) {
      error(
          m,
          "invalid pre-id-default-policy session-timeout protocol '"
              + m.get("protocol")
              + "': tcp, udp, icmp, icmp6, ospf or others");
      return;
    }
    Integer seconds = Values.number(m.get("seconds"));
    if (seconds == null
        || seconds < org.flowgate.dataplane.policy.PreIdDefaultPolicy.MINIMUM_TIMEOUT_SECONDS
        || seconds > org.flowgate.dataplane.policy.PreIdDefaultPolicy.MAXIMUM_TIMEOUT_SECONDS) {
      error(
          m,
          "invalid pre-id-default-policy session-timeout '"
              + m.get("seconds")
              + "': 4 to 86400 seconds");
      return;
    }
    config.preIdTimeoutSeconds[protocol] = seconds;
  }

  /** {@code pre-id-default-policy then log session-init | session-close}. */
  private void preIdLog(Match m) {
    switch (m.get("what")) {
      case "session-init" -> config.preIdLogInit = true;
      case "session-close" -> config.preIdLogClose = true;
      default ->
          warn(m.statement().location(), "statement not implemented: " + m.statement().path());
    }
  }

  // ------------------------------------------------------------------ settings

  private void tcpInitialTimeout(Match m) {
    Integer seconds = Values.number(m.get("seconds"));
    if (seconds == null || seconds < 4 || seconds > 300) {
      error(m, "invalid tcp-initial-timeout '" + m.get("seconds") + "': 4 to 300 seconds");
      return;
    }
    config.settings.tcpInitialTimeoutSeconds(seconds);
  }

  private void maximumWindow(Match m) {
    long bytes =
        switch (m.get("size")) {
          case "64K" -> 64L << 10;
          case "128K" -> 128L << 10;
          case "256K" -> 256L << 10;
          case "512K" -> 512L << 10;
          case "1M" -> 1L << 20;
          default -> -1;
        };
    if (bytes < 0) {
      error(m, "invalid maximum-window '" + m.get("size") + "': 64K, 128K, 256K, 512K or 1M");
      return;
    }
    config.settings.maximumWindowBytes(bytes);
  }

  private void timeWait(Match m) {
    Integer seconds = Values.number(m.get("seconds"));
    if (seconds == null || seconds < 2 || seconds > 600) {
      error(
          m,
          "invalid time-wait-state session-timeout '" + m.get("seconds") + "': 2 to 600 seconds");
      return;
    }
    config.settings.closingTimeoutSeconds(seconds);
  }

  /**
   * {@code aging early-ageout S} (1 to 65535 s), {@code high-watermark P}, {@code low-watermark P}
   * (0 to 100 %).
   */
  private void aging(Match m) {
    String knob = m.get("knob");
    Integer value = Values.number(m.get("value"));
    switch (knob) {
      case "early-ageout" -> {
        if (value == null || value < 1 || value > 65535) {
          error(m, "invalid early-ageout '" + m.get("value") + "': 1 to 65535 seconds");
          return;
        }
        config.settings.earlyAgeoutSeconds(value);
      }
      case "high-watermark", "low-watermark" -> {
        if (value == null || value > 100) {
          error(m, "invalid " + knob + " '" + m.get("value") + "': 0 to 100 percent");
          return;
        }
        if (knob.equals("high-watermark")) {
          config.settings.highWatermarkPercent(value);
          highWatermark = m.statement().location();
          highWatermarkPercent = value;
        } else {
          config.settings.lowWatermarkPercent(value);
          lowWatermarkPercent = value;
        }
      }
      default ->
          warn(m.statement().location(), "statement not implemented: " + m.statement().path());
    }
  }

  /** Aggressive ageing that stops below a low watermark above its high one would stop at once. */
  private void checkWatermarks() {
    if (highWatermark != null && lowWatermarkPercent > highWatermarkPercent) {
      warn(
          highWatermark,
          "aging low-watermark "
              + lowWatermarkPercent
              + " is above high-watermark "
              + highWatermarkPercent
              + ": aggressive ageing would stop as soon as it starts");
    }
  }

  // ------------------------------------------------------------------ system syslog and security
  // log

  /**
   * {@code security alg NAME disable} (and {@code enable}, which only {@code ike-esp-nat}, off by
   * default, takes): an ALG Junos does not have is an error at the name.
   */
  private void alg(Match m, boolean on) {
    String name = m.get("alg");
    org.flowgate.dataplane.alg.Alg alg = org.flowgate.dataplane.alg.Alg.ofStatement(name);
    if (alg == null) {
      diagnostics.error(m.statement().location(), "unknown ALG '" + name + "' under security alg");
      return;
    }
    if (on && alg != org.flowgate.dataplane.alg.Alg.IKE_ESP) {
      diagnostics.error(
          m.statement().location(),
          "security alg " + name + " takes disable; only ike-esp-nat takes enable");
      return;
    }
    if (!on && alg == org.flowgate.dataplane.alg.Alg.IKE_ESP) {
      diagnostics.error(
          m.statement().location(), "security alg ike-esp-nat takes enable, not disable");
      return;
    }
    config.alg = config.alg.with(alg, on);
  }

  /**
   * {@code security alg sip inactive-media-timeout 10..2550 | maximum-call-duration 3..720 |
   * c-timeout 3..10 | t1-interval 500..5000 | t4-interval 5..10} (the ranges of Junos's statements;
   * docs/adr/0032-sip-alg.md).
   */
  private void sipKnob(Match m) {
    String knob = m.get("knob");
    Integer value = Values.number(m.get("value"));
    int[] range =
        switch (knob) {
          case "inactive-media-timeout" -> new int[] {10, 2550};
          case "maximum-call-duration" -> new int[] {3, 720};
          case "c-timeout" -> new int[] {3, 10};
          case "t1-interval" -> new int[] {500, 5000};
          case "t4-interval" -> new int[] {5, 10};
          default -> null;
        };
    if (range == null) {
      error(m, "syntax error: " + knob + " [edit security alg sip]");
      return;
    }
    if (value == null || value < range[0] || value > range[1]) {
      error(m, "invalid " + knob + " '" + m.get("value") + "': " + range[0] + " to " + range[1]);
      return;
    }
    org.flowgate.dataplane.alg.AlgSettings.Sip s = config.alg.sip();
    config.alg =
        config.alg.withSip(
            new org.flowgate.dataplane.alg.AlgSettings.Sip(
                knob.equals("inactive-media-timeout") ? value : s.inactiveMediaTimeoutSeconds(),
                knob.equals("maximum-call-duration") ? value : s.maximumCallDurationMinutes(),
                knob.equals("c-timeout") ? value : s.cTimeoutMinutes(),
                knob.equals("t1-interval") ? value : s.t1IntervalMilliseconds(),
                knob.equals("t4-interval") ? value : s.t4IntervalSeconds(),
                s.retainHoldResource()));
  }

  private void sipRetainHold() {
    org.flowgate.dataplane.alg.AlgSettings.Sip s = config.alg.sip();
    config.alg =
        config.alg.withSip(
            new org.flowgate.dataplane.alg.AlgSettings.Sip(
                s.inactiveMediaTimeoutSeconds(),
                s.maximumCallDurationMinutes(),
                s.cTimeoutMinutes(),
                s.t1IntervalMilliseconds(),
                s.t4IntervalSeconds(),
                true));
  }

  /** {@code security alg dns} knobs; null keeps a knob as it is. */
  private void dns(
      Integer maximumBytes,
      Boolean oversizeDrop,
      org.flowgate.dataplane.alg.AlgSettings.Doctoring doctoring) {
    org.flowgate.dataplane.alg.AlgSettings.Dns d = config.alg.dns();
    config.alg =
        config.alg.withDns(
            new org.flowgate.dataplane.alg.AlgSettings.Dns(
                maximumBytes != null ? maximumBytes : d.maximumMessageLengthBytes(),
                oversizeDrop != null ? oversizeDrop : d.oversizeMessageDrop(),
                doctoring != null ? doctoring : d.doctoring()));
  }

  /** {@code security alg dns maximum-message-length}: 512 to 8192 bytes. */
  private void dnsMaximumMessageLength(Match m) {
    Integer bytes = Values.number(m.get("bytes"));
    if (bytes == null || bytes < 512 || bytes > 8192) {
      error(m, "invalid maximum-message-length '" + m.get("bytes") + "': 512 to 8192 bytes");
      return;
    }
    dns(bytes, null, null);
  }

  /** {@code security alg dns doctoring (none | sanity-check)}. */
  private void dnsDoctoring(Match m) {
    switch (m.get("doctoring")) {
      case "none" -> dns(null, null, org.flowgate.dataplane.alg.AlgSettings.Doctoring.NONE);
      case "sanity-check" ->
          dns(null, null, org.flowgate.dataplane.alg.AlgSettings.Doctoring.SANITY_CHECK);
      default -> error(m, "invalid doctoring '" + m.get("doctoring") + "': none or sanity-check");
    }
  }

  /** {@code security alg sunrpc|msrpc map-entry-timeout}: 5 to 43200 minutes. */
  private void rpcMapEntryTimeout(Match m) {
    String alg = m.get("rpc");
    Integer minutes = Values.number(m.get("minutes"));
    if (!alg.equals("sunrpc") && !alg.equals("msrpc")) {
      error(m, "map-entry-timeout is a knob of security alg sunrpc and msrpc, not " + alg);
      return;
    }
    if (minutes == null || minutes < 5 || minutes > 43200) {
      error(m, "invalid map-entry-timeout '" + m.get("minutes") + "': 5 to 43200 minutes");
      return;
    }
    org.flowgate.dataplane.alg.AlgSettings.Rpc rpc =
        new org.flowgate.dataplane.alg.AlgSettings.Rpc(
            minutes,
            (alg.equals("sunrpc") ? config.alg.sunRpc() : config.alg.msRpc())
                .groupMaxUsagePercent());
    config.alg = alg.equals("sunrpc") ? config.alg.withSunRpc(rpc) : config.alg.withMsRpc(rpc);
  }

  /** {@code security alg ftp} knobs; null keeps a knob as it is. */
  private void ftp(Boolean mismatch, Boolean lineBreak, Boolean ftps) {
    org.flowgate.dataplane.alg.AlgSettings.Ftp f = config.alg.ftp();
    config.alg =
        config.alg.withFtp(
            new org.flowgate.dataplane.alg.AlgSettings.Ftp(
                mismatch != null ? mismatch : f.allowMismatchIpAddress(),
                lineBreak != null ? lineBreak : f.lineBreakExtension(),
                ftps != null ? ftps : f.ftpsExtension()));
  }

  private void logMode(Match m) {
    String mode = m.get("mode");
    if (mode.equals("event") || mode.equals("stream")) {
      config.logMode = mode;
    } else {
      warn(
          m.statement().location(),
          "statement not implemented: "
              + m.statement().path()
              + " (security log mode is event or stream)");
    }
  }

  /**
   * Junos syslog facilities ({@code [edit system syslog file F]}) and levels, most severe first.
   */
  private static final java.util.Set<String> FACILITIES =
      java.util.Set.of(
          "any",
          "authorization",
          "change-log",
          "conflict-log",
          "daemon",
          "dfc",
          "external",
          "firewall",
          "ftp",
          "interactive-commands",
          "kernel",
          "ntp",
          "pfe",
          "security",
          "user");

  private static final java.util.Set<String> LEVELS =
      java.util.Set.of(
          "any", "emergency", "alert", "critical", "error", "warning", "notice", "info", "none");

  /**
   * The {@code host} or {@code file} a {@code system syslog} statement is about; null (after a
   * diagnostic) for the other kinds ({@code user}, {@code console}) and for a bad file name.
   */
  private JunosConfiguration.SyslogDestination syslog(Match m) {
    List<String> words = m.statement().words();
    String kind = words.get(2);
    String name = words.get(3);
    SessionLogSettings.SyslogDestination.Kind which =
        switch (kind) {
          case "host" -> SessionLogSettings.SyslogDestination.Kind.HOST;
          case "file" -> SessionLogSettings.SyslogDestination.Kind.FILE;
          default -> null;
        };
    if (which == null
        || (which == SessionLogSettings.SyslogDestination.Kind.HOST
            && name.equals("other-routing-engine"))) {
      warn(m.statement().location(), "statement not implemented: " + m.statement().path());
      return new JunosConfiguration.SyslogDestination(
          SessionLogSettings.SyslogDestination.Kind.HOST, name); // not kept: user, console
    }
    if (which == SessionLogSettings.SyslogDestination.Kind.FILE
        && (name.isEmpty() || name.contains("/") || name.equals(".") || name.equals(".."))) {
      error(m, "invalid syslog file name '" + name + "': a name, without directories");
      return new JunosConfiguration.SyslogDestination(which, name); // not kept
    }
    return config.syslogDestinations.computeIfAbsent(
        kind + " " + name, k -> new JunosConfiguration.SyslogDestination(which, name));
  }

  private void syslogLevel(Match m) {
    String facility = m.get("facility");
    String level = m.get("level");
    if (!FACILITIES.contains(facility)) {
      warn(m.statement().location(), "statement not implemented: " + m.statement().path());
      return;
    }
    if (!LEVELS.contains(level)) {
      error(
          m,
          "invalid level '"
              + level
              + "' for facility "
              + facility
              + ": any, emergency, alert, critical, error, warning, notice, info or none");
      return;
    }
    syslog(m).levels.put(facility, level);
  }

  private void syslogPort(Match m) {
    Integer port = Values.number(m.get("port"));
    if (port == null || port < 1 || port > 65535) {
      error(m, "invalid port '" + m.get("port") + "': 1 to 65535");
      return;
    }
    syslog(m).port = port;
  }

  private void syslogSourceAddress(Match m) {
    String address = m.get("address");
    if (Values.address(address) == null) {
      error(m, "invalid source-address '" + address + "'");
      return;
    }
    if (m.statement().words().get(2).equals("source-address")) {
      config.syslogSourceAddress = address;
    } else {
      syslog(m).sourceAddress = address;
    }
  }

  /**
   * {@code match "REGEX"}: POSIX extended regular expressions, without {@code /} or {@code %}, not
   * case-sensitive; a leading {@code !} selects the messages that do not match.
   */
  private void syslogMatch(Match m) {
    String regex = m.get("regex");
    if (regex.contains("/") || regex.contains("%")) {
      error(m, "invalid match '" + regex + "': a regular expression must not contain / or %");
      return;
    }
    try {
      java.util.regex.Pattern.compile(
          regex.startsWith("!") ? regex.substring(1) : regex,
          java.util.regex.Pattern.CASE_INSENSITIVE);
    } catch (java.util.regex.PatternSyntaxException e) {
      error(m, "invalid match '" + regex + "': " + e.getDescription());
      return;
    }
    syslog(m).match = regex;
  }

  // ------------------------------------------------------------------ helpers

  private Reference reference(Match m, String placeholder) {
    return new Reference(m.get(placeholder), m.statement().location());
  }

  private void restNotImplemented(Match m) {
    if (!m.rest().isEmpty()) {
      warn(m.statement().location(), "statement not implemented: " + m.statement().path());
    }
  }

  private void error(Match m, String message) {
    error(m.statement().location(), message);
  }

  private void error(SourceLocation at, String message) {
    diagnostics.error(at, message);
  }

  private void warn(SourceLocation at, String message) {
    diagnostics.warning(at, message);
  }

  private JunosConfiguration.LogStream logStream(Schema.Match match) {
    return config.logStreams.computeIfAbsent(
        match.get("stream"), name -> new JunosConfiguration.LogStream());
  }

  private static void logStreamPort(ConfigReader reader, Schema.Match match) {
    try {
      int port = Integer.parseInt(match.get("port"));
      if (port < 1 || port > 65535) {
        throw new NumberFormatException();
      }
      reader.logStream(match).port = port;
    } catch (NumberFormatException e) {
      reader.diagnostics.error(
          match.statement().location(), "invalid port: '" + match.get("port") + "'");
    }
  }
}
