package org.flowgate.config.compile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.flowgate.config.text.SourceLocation;
import org.flowgate.dataplane.nat.NatAddressRange;
import org.flowgate.dataplane.nat.PortRange;
import org.flowgate.dataplane.net.IpPrefix;
import org.flowgate.dataplane.policy.PolicyAction;
import org.flowgate.dataplane.runtime.FlowSettings;

/**
 * The configuration as Junos words it, after the read pass: what each hierarchy says, by name, in
 * configuration order, with where each thing was written. Names are not yet resolved (that is the
 * validate pass) and nothing here is in data-plane form (that is the build pass).
 *
 * <p>Thread: filled by the read pass on the compiling thread, then only read.
 */
final class JunosConfiguration {
  /** A name used somewhere, with the statement that used it. */
  record Reference(String name, SourceLocation location) {}

  /** {@code interfaces NAME unit N}: one logical interface, {@code NAME.N}. */
  static final class LogicalInterface {
    final String name;
    final SourceLocation location;
    final List<IpPrefix> addresses = new ArrayList<>();
    Integer vlanId;

    LogicalInterface(String name, SourceLocation location) {
      this.name = name;
      this.location = location;
    }
  }

  /** A static route: a next hop (an address or an interface), or discard, or reject. */
  record StaticRoute(IpPrefix prefix, Kind kind, String nextHop, SourceLocation location) {
    enum Kind {
      NEXT_HOP,
      DISCARD,
      REJECT
    }
  }

  /** {@code routing-instances NAME}: a virtual router. */
  static final class Instance {
    final String name;
    final SourceLocation location;
    final List<Reference> interfaces = new ArrayList<>();
    final List<StaticRoute> routes = new ArrayList<>();
    String type;

    Instance(String name, SourceLocation location) {
      this.name = name;
      this.location = location;
    }
  }

  /** An address book: the global one, a named one (attached to zones), or a zone's own. */
  static final class AddressBook {
    final String name;
    final Map<String, List<IpPrefix>> addresses = new LinkedHashMap<>();
    final Map<String, List<Reference>> addressSets = new LinkedHashMap<>();
    final List<Reference> attachedZones = new ArrayList<>();

    AddressBook(String name) {
      this.name = name;
    }

    boolean defines(String entry) {
      return addresses.containsKey(entry) || addressSets.containsKey(entry);
    }
  }

  /** {@code security zones security-zone NAME}. */
  static final class SecurityZone {
    final String name;
    final SourceLocation location;
    final List<Reference> interfaces = new ArrayList<>();
    final AddressBook addressBook;
    final Set<String> hostInboundServices = new LinkedHashSet<>();
    final Set<String> hostInboundProtocols = new LinkedHashSet<>();

    /** {@code screen NAME}: the ids-option the zone applies, null for none. */
    Reference screen;

    SecurityZone(String name, SourceLocation location) {
      this.name = name;
      this.location = location;
      this.addressBook = new AddressBook("zone " + name);
    }
  }

  /** One term of a configured application ({@code ""} for the application's own attributes). */
  static final class Term {
    int protocol = -1;
    int sourcePortLow = 0;
    int sourcePortHigh = 65535;
    int destinationPortLow = 0;
    int destinationPortHigh = 65535;
    int icmpType = -1;
    int icmpCode = -1;
    Integer inactivityTimeoutSeconds;
    boolean used;
  }

  /** {@code applications application NAME}. */
  static final class ApplicationDefinition {
    final String name;
    final SourceLocation location;
    final Map<String, Term> terms = new LinkedHashMap<>();
    String applicationProtocol;
    Integer inactivityTimeoutSeconds;

    ApplicationDefinition(String name, SourceLocation location) {
      this.name = name;
      this.location = location;
      terms.put("", new Term());
    }
  }

  /** {@code applications application-set NAME}: applications and nested sets. */
  record ApplicationSet(String name, SourceLocation location, List<Reference> members) {}

  /** A security policy, zone-pair ({@code fromZone}, {@code toZone}) or global. */
  static final class Policy {
    final String name;
    final String fromZone;
    final String toZone;
    final boolean global;
    final SourceLocation location;
    final List<Reference> fromZones = new ArrayList<>();
    final List<Reference> toZones = new ArrayList<>();
    final List<Reference> sources = new ArrayList<>();
    final List<Reference> destinations = new ArrayList<>();
    final List<Reference> applications = new ArrayList<>();

    /** {@code match dynamic-application}: names, groups, {@code any} or {@code none} (ADR 0033). */
    final List<Reference> dynamicApplications = new ArrayList<>();

    boolean sourceExcluded;
    boolean destinationExcluded;
    PolicyAction action;
    boolean logInit;
    boolean logClose;
    boolean count;

    Policy(String name, String fromZone, String toZone, boolean global, SourceLocation location) {
      this.name = name;
      this.fromZone = fromZone;
      this.toZone = toZone;
      this.global = global;
      this.location = location;
    }

    String describe() {
      return global
          ? "global policy " + name
          : "policy " + name + " from-zone " + fromZone + " to-zone " + toZone;
    }
  }

  // ------------------------------------------------------------------ security nat

  /** The three kinds of {@code security nat}, by their Junos word. */
  enum NatKind {
    SOURCE("source"),
    DESTINATION("destination"),
    STATIC("static");

    final String word;

    NatKind(String word) {
      this.word = word;
    }

    /** {@code source NAT}, as messages name the kind. */
    String title() {
      return word + " NAT";
    }
  }

  /**
   * {@code security nat (source | destination) pool NAME}: what the pool's statements said, values
   * checked, names not yet resolved.
   */
  static final class NatPool {
    final NatKind kind;
    final String name;
    final SourceLocation location;
    final List<NatAddressRange> addresses = new ArrayList<>();

    /** Destination: the translated port, null to keep the packet's. */
    Integer port;

    /** Source: false for {@code port no-translation}. */
    boolean portTranslation = true;

    /** Source: {@code port range LOW [to HIGH]}, null when not said. */
    Integer portLow;

    Integer portHigh;
    SourceLocation portLocation;

    /** Source: {@code port range twin-port LOW [to HIGH]}, null when not said. */
    Integer twinLow;

    Integer twinHigh;

    /** Source: {@code port block-allocation} was said (its values below, Junos's defaults). */
    boolean blockAllocation;

    int blockSize = 128;
    int maximumBlocksPerHost = 8;
    long activeBlockTimeoutSeconds;
    long interimLoggingIntervalSeconds;
    long lastBlockRecycleTimeoutSeconds;
    boolean blockLog = true;

    /** Source: {@code overflow-pool}, the word {@code interface} or a pool name. */
    Reference overflow;

    boolean addressPersistent;
    Reference routingInstance;

    NatPool(NatKind kind, String name, SourceLocation location) {
      this.kind = kind;
      this.name = name;
      this.location = location;
    }

    String describe() {
      return kind.title() + " pool " + name;
    }
  }

  /** The {@code from} or {@code to} of a rule set: one kind of context and its names. */
  record NatSide(String kind, List<Reference> names, SourceLocation location) {}

  /** {@code security nat KIND rule-set NAME}: its contexts and its rules in order. */
  static final class NatRuleSet {
    final NatKind kind;
    final String name;
    final SourceLocation location;
    NatSide from;
    NatSide to;
    final Map<String, NatRule> rules = new LinkedHashMap<>();

    NatRuleSet(NatKind kind, String name, SourceLocation location) {
      this.kind = kind;
      this.name = name;
      this.location = location;
    }

    String describe() {
      return kind.title() + " rule-set " + name;
    }
  }

  /** {@code rule NAME} of a NAT rule set: its match conditions and its action, as written. */
  static final class NatRule {
    final NatRuleSet ruleSet;
    final String name;
    final SourceLocation location;
    final List<IpPrefix> sourcePrefixes = new ArrayList<>();
    final List<Reference> sourceNames = new ArrayList<>();

    /** One entry at most for destination and static rules (a later statement replaces it). */
    final List<IpPrefix> destinationPrefixes = new ArrayList<>();

    final List<Reference> destinationNames = new ArrayList<>();
    SourceLocation destinationLocation;
    final List<PortRange> destinationPorts = new ArrayList<>();
    final List<Integer> protocols = new ArrayList<>();

    /**
     * {@code off}, {@code interface}, {@code pool}, {@code prefix} or {@code prefix-name}; null
     * when none.
     */
    String action;

    SourceLocation actionLocation;

    /** {@code source-nat pool P}, {@code destination-nat pool P}. */
    Reference pool;

    /** {@code static-nat prefix P} (or the address-book name of {@code prefix-name N}). */
    IpPrefix translated;

    Reference translatedName;
    PortRange mappedPort;
    Reference routingInstance;

    /**
     * Source: {@code persistent-nat permit TYPE} of the action ({@code any-remote-host}, {@code
     * target-host}, {@code target-host-port}); null without persistent NAT.
     */
    String persistentType;

    boolean persistentAddressMapping;
    Integer persistentInactivityTimeout;
    Integer persistentMaximumSessions;
    SourceLocation persistentLocation;

    /**
     * The action is one Flowgate does not implement (warned where read), or translates between IPv6
     * and IPv4 (warned by the validate pass): the rule is not installed.
     */
    boolean notInstalled;

    NatRule(NatRuleSet ruleSet, String name, SourceLocation location) {
      this.ruleSet = ruleSet;
      this.name = name;
      this.location = location;
    }

    String describe() {
      return ruleSet.describe() + " rule " + name;
    }
  }

  /** {@code security nat proxy-arp | proxy-ndp interface IF address A [to B]}. */
  record ProxyAddress(Reference interfaceName, NatAddressRange addresses, boolean ndp) {}

  final Map<String, NatPool> sourcePools = new LinkedHashMap<>();
  final Map<String, NatPool> destinationPools = new LinkedHashMap<>();
  final Map<String, NatRuleSet> sourceRuleSets = new LinkedHashMap<>();
  final Map<String, NatRuleSet> destinationRuleSets = new LinkedHashMap<>();
  final Map<String, NatRuleSet> staticRuleSets = new LinkedHashMap<>();

  /**
   * {@code security nat source address-persistent}: every source pool keeps a host on one address.
   */
  boolean natAddressPersistent;

  /** {@code security nat source pool-default-port-range LOW to HIGH}, null when not said. */
  PortRange natDefaultPorts;

  /** {@code security nat source pool-default-twin-port-range LOW to HIGH}, null when not said. */
  PortRange natDefaultTwinPorts;

  /** {@code security nat source port-randomization disable}: ports are handed out in order. */
  boolean natPortRandomizationDisabled;

  final List<ProxyAddress> proxyAddresses = new ArrayList<>();

  // ------------------------------------------------------------------ security flow traceoptions

  /** {@code security flow traceoptions packet-filter NAME}: its conditions as read. */
  static final class TraceFilter {
    final String name;
    final SourceLocation location;
    IpPrefix source;
    IpPrefix destination;
    Integer protocol;
    Integer sourcePort;
    Integer destinationPort;
    Reference interfaceName;

    TraceFilter(String name, SourceLocation location) {
      this.name = name;
      this.location = location;
    }
  }

  /** {@code traceoptions file NAME}, null when not said. */
  String traceFile;

  Long traceSizeBytes;
  Integer traceFiles;
  final java.util.Set<String> traceFlags = new java.util.LinkedHashSet<>();
  final Map<String, TraceFilter> traceFilters = new LinkedHashMap<>();

  Map<String, NatPool> pools(NatKind kind) {
    return kind == NatKind.SOURCE ? sourcePools : destinationPools;
  }

  Map<String, NatRuleSet> ruleSets(NatKind kind) {
    return switch (kind) {
      case SOURCE -> sourceRuleSets;
      case DESTINATION -> destinationRuleSets;
      case STATIC -> staticRuleSets;
    };
  }

  /** Rule sets of every kind: source, destination, static. */
  List<NatRuleSet> allRuleSets() {
    List<NatRuleSet> all = new ArrayList<>(sourceRuleSets.values());
    all.addAll(destinationRuleSets.values());
    all.addAll(staticRuleSets.values());
    return all;
  }

  /** Application traffic control and tracking, as read (docs/adr/0034). */
  AppServicesReader applicationServices;

  /** {@code services application-identification}, as {@link AppIdReader} built it. */
  org.flowgate.dataplane.appid.AppIdSettings applicationIdentification =
      org.flowgate.dataplane.appid.AppIdSettings.defaults();

  String hostName;
  final Map<String, LogicalInterface> interfaces = new LinkedHashMap<>();

  /** Interfaces named under {@code protocols} (not implemented, but their names are checked). */
  final List<Reference> protocolInterfaces = new ArrayList<>();

  final List<StaticRoute> masterRoutes = new ArrayList<>();
  final Map<String, Instance> instances = new LinkedHashMap<>();
  final Map<String, SecurityZone> zones = new LinkedHashMap<>();

  /** {@code security screen ids-option NAME}, in configuration order ({@link ScreenReader}). */
  final Map<String, ScreenReader.Definition> screens = new LinkedHashMap<>();

  final Map<String, AddressBook> addressBooks = new LinkedHashMap<>();
  final Map<String, ApplicationDefinition> applications = new LinkedHashMap<>();
  final Map<String, ApplicationSet> applicationSets = new LinkedHashMap<>();

  /**
   * Keyed by {@code from/to/name}, or {@code global//name}; in order of first mention (policy ids).
   */
  final Map<String, Policy> policies = new LinkedHashMap<>();

  PolicyAction defaultPolicy = PolicyAction.DENY;

  /**
   * {@code security policies pre-id-default-policy then session-timeout}: seconds by protocol, in
   * the order {@link #PRE_ID_PROTOCOLS} names them; 0 when not set.
   */
  final int[] preIdTimeoutSeconds = new int[6];

  static final List<String> PRE_ID_PROTOCOLS =
      List.of("tcp", "udp", "icmp", "icmp6", "ospf", "others");

  boolean preIdLogInit;
  boolean preIdLogClose;
  final FlowSettings.Builder settings = new FlowSettings.Builder();

  /** {@code security alg}: which ALGs are on and their knobs, from Junos's defaults. */
  org.flowgate.dataplane.alg.AlgSettings alg =
      org.flowgate.dataplane.alg.AlgSettings.junosDefaults();

  /** {@code security log}: mode, format, source address; streams by name. */
  String logMode;

  String logFormat;
  String logSourceAddress;
  String logTransport;
  final Map<String, LogStream> logStreams = new LinkedHashMap<>();

  /** One {@code security log stream}, as read. */
  static final class LogStream {
    String host;
    int port = 514;
    String transport;
    String format;
  }

  /** {@code system syslog host NAME ...} and {@code file NAME ...}, as read, by kind and name. */
  static final class SyslogDestination {
    final SessionLogSettings.SyslogDestination.Kind kind;
    final String name;

    /** Facility to level: {@code any any}, {@code user info}, {@code authorization none} ... */
    final Map<String, String> levels = new LinkedHashMap<>();

    int port = 514;
    String sourceAddress;
    boolean structured;
    String match;
    final List<String> matchStrings = new ArrayList<>();

    SyslogDestination(SessionLogSettings.SyslogDestination.Kind kind, String name) {
      this.kind = kind;
      this.name = name;
    }

    /**
     * RT_FLOW messages are facility user, severity info: they reach the destination when the level
     * for {@code user} (or, without one, for {@code any}) is {@code info} or {@code any}.
     */
    boolean takesSessionLogs() {
      String level = levels.containsKey("user") ? levels.get("user") : levels.get("any");
      return "any".equals(level) || "info".equals(level);
    }
  }

  final Map<String, SyslogDestination> syslogDestinations = new LinkedHashMap<>();

  /** {@code system syslog source-address}: the default for every host. */
  String syslogSourceAddress;

  SessionLogSettings sessionLog() {
    List<SessionLogSettings.Stream> streams = new ArrayList<>();
    logStreams.forEach(
        (name, stream) -> {
          if (stream.host != null) {
            streams.add(
                new SessionLogSettings.Stream(
                    name,
                    stream.host,
                    stream.port,
                    stream.transport != null
                        ? stream.transport
                        : logTransport != null ? logTransport : "udp",
                    stream.format != null ? stream.format : logFormat));
          }
        });
    List<SessionLogSettings.SyslogDestination> syslog = new ArrayList<>();
    for (SyslogDestination d : syslogDestinations.values()) {
      boolean host = d.kind == SessionLogSettings.SyslogDestination.Kind.HOST;
      syslog.add(
          new SessionLogSettings.SyslogDestination(
              d.kind,
              d.name,
              host ? d.port : 0,
              host ? (d.sourceAddress != null ? d.sourceAddress : syslogSourceAddress) : null,
              d.structured,
              d.match,
              d.matchStrings,
              d.takesSessionLogs()));
    }
    return new SessionLogSettings(logMode, logFormat, logSourceAddress, streams, syslog);
  }

  AddressBook globalBook() {
    return addressBooks.computeIfAbsent("global", AddressBook::new);
  }
}
