package org.flowgate.config.text;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;

/**
 * Group expansion on generated configurations of a few groups that apply each other (loops
 * included), at several levels, with wildcards, {@code apply-groups-except}, deactivation and
 * deletion: nothing escapes but diagnostics, every diagnostic is located inside the text, no group
 * statement is left in the effective configuration, and nothing configured outside the groups is
 * lost (each such statement is still there, or continued by a longer one a group added).
 */
class GroupExpanderFuzzTest {
  private static final String[] GROUPS = {"G0", "G1", "G2", "G3"};
  private static final String[] LEVELS = {
    "", "system", "system syslog", "security", "security zones", "interfaces", "interfaces ge-0/0/0"
  };
  private static final String[] STATEMENTS = {
    "system host-name a",
    "system host-name b",
    "system domain-name d",
    "system syslog file messages any any",
    "security zones security-zone trust interfaces ge-0/0/0.0",
    "security zones security-zone <*> host-inbound-traffic system-services ping",
    "security zones security-zone <t*> description x",
    "interfaces ge-0/0/0 unit 0 family inet address 10.0.0.1/24",
    "interfaces <ge-*> unit 0 description up",
    "interfaces <*> mtu 1500",
    "security flow allow-dns-reply",
  };
  private static final String[] COMMANDS = {"set", "set", "set", "set", "delete", "deactivate"};

  @FuzzTest(maxDuration = "10m")
  void expand(FuzzedDataProvider data) {
    StringBuilder text = new StringBuilder();
    int lines = data.consumeInt(0, 24);
    for (int i = 0; i < lines; i++) {
      String command = data.pickValue(COMMANDS);
      String group = data.pickValue(GROUPS);
      String level = data.pickValue(LEVELS);
      String prefix = data.consumeBoolean() ? "groups " + group + " " : "";
      String body =
          switch (data.consumeInt(0, 3)) {
            case 0 -> join(level, "apply-groups " + data.pickValue(GROUPS));
            case 1 -> join(level, "apply-groups-except " + data.pickValue(GROUPS));
            default -> data.pickValue(STATEMENTS);
          };
      text.append(command).append(' ').append(prefix).append(body).append('\n');
    }
    String source = text.toString();
    Diagnostics diagnostics = new Diagnostics();
    ParsedConfig parsed =
        ConfigParser.parseConfig(source, "g.conf", diagnostics, ConfigParser.Words.JUNOS);
    FuzzChecks.locatedInside(diagnostics.all(), source, "g.conf");
    for (ConfigStatement statement : parsed.statements()) {
      if (statement.words().getFirst().equals("groups")
          || statement.words().getLast().equals("apply-groups")) {
        throw new AssertionError("group statement left: " + statement + "\n" + source);
      }
    }
    for (ConfigStatement configured : parsed.configured()) {
      List<String> words = configured.words();
      if (words.getFirst().equals("groups")
          || words.contains("apply-groups")
          || words.contains("apply-groups-except")) {
        continue;
      }
      boolean kept = parsed.statements().stream().anyMatch(s -> s.isAtOrBelow(words));
      if (!kept) {
        throw new AssertionError("configured statement lost: " + configured + "\n" + source);
      }
    }
    if (!diagnostics.hasErrors()) {
      FuzzChecks.printsBackTheSame(parsed, ConfigParser.Words.JUNOS);
    }
  }

  private static String join(String level, String statement) {
    return level.isEmpty() ? statement : level + " " + statement;
  }
}
