package org.flowgate.config.compile;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.flowgate.config.text.ConfigSource;
import org.flowgate.config.text.Diagnostics;
import org.flowgate.config.text.FuzzChecks;
import org.flowgate.dataplane.policy.SecurityPolicy;
import org.flowgate.dataplane.runtime.RuntimeConfig;
import org.flowgate.dataplane.zone.FirewallInterface;
import org.flowgate.dataplane.zone.Zone;

/**
 * The whole compiler ({@link JunosCompiler#load}) on fuzzed text, and on {@code set} lines from a
 * grammar-aware generator that fills the shapes of {@link ConfigReader#SCHEMA} (what Flowgate
 * implements) with names, prefixes, ports and numbers, now and then misspelling a word. Nothing
 * escapes but diagnostics; every diagnostic is located inside the text; a configuration without
 * errors yields a generation whose names are unique and whose counts fit the text.
 */
class JunosCompilerFuzzTest {
  @FuzzTest(maxDuration = "10m")
  void text(byte[] bytes) {
    Diagnostics diagnostics = new Diagnostics();
    String text = ConfigSource.decode(bytes, "f.conf", diagnostics);
    if (text != null) {
      compile(text);
    }
  }

  private static final List<String> SHAPES =
      ConfigReader.SCHEMA.rules().stream().map(Schema.Rule::shape).toList();
  private static final String[] NAMES = {
    "trust",
    "untrust",
    "dmz",
    "any",
    "a",
    "b",
    "p1",
    "ge-0/0/0",
    "ge-0/0/0.0",
    "ge-0/0/1.0",
    "st0.0",
    "default",
    "junos-host",
    "junos-http",
    "junos-ssh",
    "r1",
    "pool1",
    "set1",
    "x"
  };
  private static final String[] VALUES = {
    "10.0.0.0/8",
    "10.0.0.1/24",
    "192.0.2.1",
    "2001:db8::1/64",
    "::/0",
    "0.0.0.0/0",
    "0",
    "1",
    "80",
    "65535",
    "65536",
    "1024-2048",
    "tcp",
    "udp",
    "icmp",
    "6",
    "http",
    "64K",
    "1M",
    "event",
    "stream",
    "any",
    "info",
    "user",
    "syslog",
    "sd-syslog",
    "never",
    "100",
    "300",
    "virtual-router"
  };
  private static final String[] REST = {
    "permit",
    "deny",
    "reject",
    "count",
    "log",
    "session-init",
    "session-close",
    "match",
    "source-address",
    "destination-address",
    "application",
    "then",
    "address",
    "to",
    "port",
    "range",
    "source-nat",
    "destination-nat",
    "static-nat",
    "pool",
    "interface",
    "off",
    "prefix",
    "from",
    "zone",
    "rule",
    "next-hop",
    "discard",
    "protocol",
    "destination-port",
    "term"
  };

  @FuzzTest(maxDuration = "10m")
  void setLines(FuzzedDataProvider data) {
    StringBuilder text = new StringBuilder();
    int lines = data.consumeInt(1, 40);
    for (int i = 0; i < lines && data.remainingBytes() > 0; i++) {
      String[] shape = data.pickValue(SHAPES).split(" ");
      StringBuilder line = new StringBuilder("set");
      for (String word : shape) {
        String value =
            switch (word) {
              case "..." -> rest(data);
              default ->
                  word.startsWith("<")
                      ? (data.consumeBoolean() ? data.pickValue(NAMES) : data.pickValue(VALUES))
                      : word;
            };
        if (data.consumeInt(0, 31) == 0) {
          value = data.consumeString(12); // a misspelling, or worse
        }
        if (!value.isEmpty()) {
          line.append(' ').append(value);
        }
      }
      text.append(line).append('\n');
    }
    compile(text.toString());
  }

  private static String rest(FuzzedDataProvider data) {
    StringBuilder rest = new StringBuilder();
    int words = data.consumeInt(0, 4);
    for (int i = 0; i < words; i++) {
      if (i > 0) {
        rest.append(' ');
      }
      rest.append(
          data.consumeBoolean()
              ? data.pickValue(REST)
              : data.consumeBoolean() ? data.pickValue(NAMES) : data.pickValue(VALUES));
    }
    return rest.toString();
  }

  private static void compile(String text) {
    CompileResult result = JunosCompiler.load(text, "f.conf");
    FuzzChecks.locatedInside(result.diagnostics(), text, "f.conf");
    if (result.ok() != result.errors().isEmpty()) {
      throw new AssertionError("a generation with errors, or none without: " + result);
    }
    if (!result.ok()) {
      return;
    }
    RuntimeConfig config = result.config();
    long lines = text.lines().count() + 1;
    int policyWords = occurrences(text, "policy") + BUILT_IN_POLICIES;
    unique("zone", config.zones().stream().map(Zone::name).toList());
    unique("interface", config.interfaces().stream().map(FirewallInterface::name).toList());
    List<SecurityPolicy> policies = config.policies().policies();
    unique("policy id", policies.stream().map(p -> String.valueOf(p.id())).toList());
    if (config.zones().size() > lines + 1
        || policies.size() > policyWords
        || config.routingInstances().size() > lines + 1) {
      throw new AssertionError(
          "more zones ("
              + config.zones().size()
              + "), policies ("
              + policies.size()
              + ") or routing instances ("
              + config.routingInstances().size()
              + ") than "
              + lines
              + " lines and "
              + policyWords
              + " policy words could define:\n"
              + text);
    }
  }

  /** The policies every generation has, however empty its configuration. */
  private static final int BUILT_IN_POLICIES =
      JunosCompiler.load("", "empty.conf").config().policies().size();

  private static int occurrences(String text, String word) {
    int count = 0;
    for (int at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
      count++;
    }
    return count;
  }

  private static void unique(String what, List<String> names) {
    Set<String> seen = new HashSet<>();
    for (String name : names) {
      if (!seen.add(name)) {
        throw new AssertionError(what + " " + name + " twice");
      }
    }
  }
}
