package org.flowgate.mgmt.auth;

import java.util.List;
import java.util.Set;
import org.flowgate.config.login.LoginConfiguration;
import org.flowgate.mgmt.regex.BoundedRegex;

/**
 * What a login class lets its users do: Junos permission flags, plus {@code allow-commands} /
 * {@code deny-commands} and {@code allow-configuration} / {@code deny-configuration} regular
 * expressions. Every command and RPC is checked here before it runs.
 *
 * <pre>
 * command                            needs
 * show ... (not configuration)       view
 * show configuration, get-config     view, and per hierarchy its flag, FLAG-control,
 *                                    view-configuration or all (secrets: secret)
 * clear ...                          clear
 * configure, edit RPCs               configure; changing a hierarchy needs FLAG-control
 * rollback N (N > 0)                 rollback (or all)
 * request flowgate replay            maintenance
 * </pre>
 *
 * A command {@code deny-commands} matches is refused unless {@code allow-commands} matches it too
 * (the allow expression wins, as Junos documents); {@code allow-commands} also grants a command the
 * flags do not. Expressions match anywhere in the command written out in full, with bounded work
 * ({@link BoundedRegex#findOnce}): one too complex to decide allows nothing and denies.
 *
 * @param permissions the flags; {@code all} grants every flag
 */
public record LoginClass(
    String name,
    Set<String> permissions,
    BoundedRegex allowCommands,
    BoundedRegex denyCommands,
    BoundedRegex allowConfiguration,
    BoundedRegex denyConfiguration,
    int idleTimeoutMinutes) {
  public LoginClass {
    permissions = Set.copyOf(permissions);
  }

  /** The predefined class of that name, or null. */
  public static LoginClass predefined(String name) {
    Set<String> flags =
        switch (name) {
          case "super-user", "superuser" -> Set.of("all");
          case "operator" -> Set.of("clear", "network", "reset", "trace", "view");
          case "read-only" -> Set.of("view");
          case "unauthorized" -> Set.of();
          default -> null;
        };
    return flags == null ? null : new LoginClass(name, flags, null, null, null, null, 0);
  }

  /** A class defined by {@code system login class}. */
  public static LoginClass of(LoginConfiguration.ClassDefinition definition) {
    return new LoginClass(
        definition.name(),
        Set.copyOf(definition.permissions()),
        compile(definition.allowCommands()),
        compile(definition.denyCommands()),
        compile(definition.allowConfiguration()),
        compile(definition.denyConfiguration()),
        definition.idleTimeoutMinutes());
  }

  private static BoundedRegex compile(String regex) {
    return regex == null ? null : BoundedRegex.compile(regex);
  }

  /**
   * Whether {@code regex} is found in {@code command}; an expression that cannot decide within its
   * bounded work ({@link BoundedRegex#findOnce}) answers {@code whenTooComplex}.
   */
  private static boolean finds(BoundedRegex regex, String command, boolean whenTooComplex) {
    try {
      return regex.findOnce(command);
    } catch (BoundedRegex.TooComplex e) {
      return whenTooComplex;
    }
  }

  /** True when the class has the flag (or {@code all}). */
  public boolean has(String flag) {
    return permissions.contains("all") || permissions.contains(flag);
  }

  /**
   * Whether the class may run {@code command} (written out in full) that needs {@code flag} (null:
   * no flag needed).
   */
  public boolean mayRun(String command, String flag) {
    // bounded work; an expression too complex to decide allows nothing and denies
    boolean allowed = allowCommands != null && finds(allowCommands, command, false);
    if (allowed) {
      return true;
    }
    if (denyCommands != null && finds(denyCommands, command, true)) {
      return false;
    }
    return flag == null || has(flag);
  }

  /** The flag a top-level configuration hierarchy belongs to. */
  static String hierarchyFlag(List<String> words) {
    if (words.isEmpty()) {
      return "view-configuration";
    }
    return switch (words.getFirst()) {
      case "system" ->
          words.size() > 1
                  && (words.get(1).equals("login") || words.get(1).equals("root-authentication"))
              ? "admin"
              : "system";
      case "security", "applications" -> "security";
      case "interfaces" -> "interface";
      case "routing-options", "routing-instances", "protocols", "policy-options" -> "routing";
      case "firewall" -> "firewall";
      case "snmp" -> "snmp";
      default -> "configure";
    };
  }

  /** Whether the class may see the statement at {@code words} (secrets aside). */
  public boolean mayView(List<String> words) {
    String joined = String.join(" ", words);
    if (allowConfiguration != null && finds(allowConfiguration, joined, false)) {
      return true;
    }
    if (denyConfiguration != null && finds(denyConfiguration, joined, true)) {
      return false;
    }
    String flag = hierarchyFlag(words);
    return has("view-configuration") || has(flag) || has(flag + "-control");
  }

  /** Whether the class may change the statement at {@code words}. */
  public boolean mayEdit(List<String> words) {
    String joined = String.join(" ", words);
    if (allowConfiguration != null && finds(allowConfiguration, joined, false)) {
      return has("configure");
    }
    if (denyConfiguration != null && finds(denyConfiguration, joined, true)) {
      return false;
    }
    String flag = hierarchyFlag(words);
    return has("configure") && has(flag + "-control");
  }

  /** Whether the class sees secrets ({@code encrypted-password} and the like) in clear. */
  public boolean maySeeSecrets() {
    return has("secret") || has("secret-control");
  }

  /** Keywords whose value is a secret. */
  public static final Set<String> SECRET_KEYWORDS =
      Set.of("encrypted-password", "pre-shared-key", "secret", "authentication-key", "community");
}
