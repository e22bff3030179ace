package org.flowgate.config.login;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.flowgate.config.text.ConfigStatement;
import org.flowgate.config.text.Diagnostics;
import org.flowgate.config.text.SourceLocation;

/**
 * Who may log in and what they may do: {@code system login user}, {@code system login class} and
 * {@code system root-authentication}, read from the effective statements. The runtime generation
 * does not need them, so the compiler does not read them; the device does, at every commit.
 *
 * <pre>
 * system login class NAME permissions FLAG                 (repeated: permissions [ a b ])
 * system login class NAME allow-commands "REGEX" | deny-commands "REGEX"
 * system login class NAME allow-configuration "REGEX" | deny-configuration "REGEX"
 * system login class NAME idle-timeout MINUTES
 * system login user NAME class CLASS | uid N | full-name TEXT
 * system login user NAME authentication encrypted-password "$6$..."
 * system login user NAME authentication (ssh-ed25519 | ssh-rsa | ssh-ecdsa) "KEY LINE"
 * system root-authentication (encrypted-password | ssh-ed25519 | ssh-rsa | ssh-ecdsa) ...
 * </pre>
 *
 * @param users every user, {@code root} first when root-authentication is configured
 * @param classes the classes defined by {@code system login class}, by name
 */
public record LoginConfiguration(List<User> users, Map<String, ClassDefinition> classes) {
  public LoginConfiguration {
    users = List.copyOf(users);
    classes = Map.copyOf(classes);
  }

  /** The classes every Junos device has; they cannot be redefined. */
  public static final Set<String> PREDEFINED_CLASSES =
      Set.of("super-user", "superuser", "operator", "read-only", "unauthorized");

  /** The permission flags of Junos login classes (Junos user-access guide, table 1). */
  public static final Set<String> PERMISSION_FLAGS =
      Set.of(
          "access",
          "access-control",
          "admin",
          "admin-control",
          "all",
          "clear",
          "configure",
          "control",
          "field",
          "firewall",
          "firewall-control",
          "floppy",
          "flow-tap",
          "flow-tap-control",
          "flow-tap-operation",
          "idp-profiler-operation",
          "interface",
          "interface-control",
          "maintenance",
          "network",
          "pgcp-session-mirroring",
          "pgcp-session-mirroring-control",
          "reset",
          "rollback",
          "routing",
          "routing-control",
          "secret",
          "secret-control",
          "security",
          "security-control",
          "shell",
          "snmp",
          "snmp-control",
          "storage",
          "storage-control",
          "system",
          "system-control",
          "trace",
          "trace-control",
          "view",
          "view-configuration");

  /** The key types {@code authentication} accepts, as Junos names them. */
  public static final Set<String> KEY_TYPES = Set.of("ssh-ed25519", "ssh-rsa", "ssh-ecdsa");

  /**
   * One account.
   *
   * @param className the class as configured (null when missing: an error at commit)
   * @param encryptedPassword the crypt(3) hash, or null
   * @param publicKeys each key as configured ({@code "ssh-ed25519 AAAA... comment"})
   */
  public record User(
      String name,
      String className,
      String encryptedPassword,
      List<String> publicKeys,
      SourceLocation location) {
    public User {
      publicKeys = List.copyOf(publicKeys);
    }
  }

  /** A {@code system login class}. Regular expressions are as configured, unchecked. */
  public record ClassDefinition(
      String name,
      List<String> permissions,
      String allowCommands,
      String denyCommands,
      String allowConfiguration,
      String denyConfiguration,
      int idleTimeoutMinutes,
      SourceLocation location) {
    public ClassDefinition {
      permissions = List.copyOf(permissions);
    }
  }

  /** The user with this name, or null. */
  public User user(String name) {
    for (User user : users) {
      if (user.name().equals(name)) {
        return user;
      }
    }
    return null;
  }

  /** True for a statement this reader owns ({@code system login ...}, {@code root-auth...}). */
  public static boolean owns(ConfigStatement statement) {
    List<String> words = statement.words();
    return words.size() >= 2
        && words.get(0).equals("system")
        && (words.get(1).equals("login") || words.get(1).equals("root-authentication"));
  }

  /**
   * Reads the login statements among {@code statements} (others are ignored), reporting what it
   * cannot read to {@code diagnostics} at the statement's location.
   */
  public static LoginConfiguration read(List<ConfigStatement> statements, Diagnostics diagnostics) {
    Map<String, UserBuilder> users = new LinkedHashMap<>();
    Map<String, ClassBuilder> classes = new LinkedHashMap<>();
    UserBuilder root = null;
    for (ConfigStatement statement : statements) {
      if (statement.inactive() || !owns(statement)) {
        continue;
      }
      List<String> w = statement.words();
      SourceLocation at = statement.location();
      if (w.get(1).equals("root-authentication")) {
        if (root == null) {
          root = new UserBuilder("root", at);
          root.className = "super-user";
        }
        authentication(root, w.subList(2, w.size()), statement, diagnostics);
        continue;
      }
      // system login ...
      if (w.size() >= 4 && w.get(2).equals("user")) {
        String name = w.get(3);
        if (name.equals("root")) {
          diagnostics.error(at, "user 'root' is configured with system root-authentication");
          continue;
        }
        UserBuilder user = users.computeIfAbsent(name, n -> new UserBuilder(n, at));
        List<String> rest = w.subList(4, w.size());
        if (rest.isEmpty()) {
          continue;
        }
        switch (rest.get(0)) {
          case "class" -> {
            if (rest.size() != 2) {
              diagnostics.error(at, "syntax error, expecting <class-name>");
            } else {
              user.className = rest.get(1);
              user.classLocation = at;
            }
          }
          case "uid", "full-name" -> {}
          case "authentication" ->
              authentication(user, rest.subList(1, rest.size()), statement, diagnostics);
          default -> diagnostics.error(at, "syntax error: " + rest.get(0));
        }
      } else if (w.size() >= 4 && w.get(2).equals("class")) {
        String name = w.get(3);
        if (PREDEFINED_CLASSES.contains(name)) {
          diagnostics.error(at, "'" + name + "' is a predefined class name");
          continue;
        }
        ClassBuilder definition = classes.computeIfAbsent(name, n -> new ClassBuilder(n, at));
        List<String> rest = w.subList(4, w.size());
        if (rest.isEmpty()) {
          continue;
        }
        String value = rest.size() == 2 ? rest.get(1) : null;
        switch (rest.get(0)) {
          case "permissions" -> {
            if (value == null) {
              diagnostics.error(at, "syntax error, expecting <permission>");
            } else if (!PERMISSION_FLAGS.contains(value)) {
              diagnostics.error(at, "syntax error: unknown permission flag '" + value + "'");
            } else if (!definition.permissions.contains(value)) {
              definition.permissions.add(value);
            }
          }
          case "allow-commands" -> definition.allowCommands = regex(value, statement, diagnostics);
          case "deny-commands" -> definition.denyCommands = regex(value, statement, diagnostics);
          case "allow-configuration" ->
              definition.allowConfiguration = regex(value, statement, diagnostics);
          case "deny-configuration" ->
              definition.denyConfiguration = regex(value, statement, diagnostics);
          case "idle-timeout" -> {
            try {
              int minutes = value == null ? -1 : Integer.parseInt(value);
              if (minutes < 0 || minutes > 100000) {
                throw new NumberFormatException();
              }
              definition.idleTimeoutMinutes = minutes;
            } catch (NumberFormatException e) {
              diagnostics.error(at, "idle-timeout: expecting 0 to 100000 minutes");
            }
          }
          default -> diagnostics.error(at, "syntax error: " + rest.get(0));
        }
      } else if (w.size() >= 3
          && !List.of("message", "announcement", "retry-options", "password").contains(w.get(2))) {
        diagnostics.error(at, "syntax error: " + String.join(" ", w.subList(2, w.size())));
      }
    }
    List<User> built = new ArrayList<>();
    if (root != null) {
      built.add(root.build());
    }
    for (UserBuilder user : users.values()) {
      if (user.className == null) {
        diagnostics.error(
            user.location, "user '" + user.name + "': missing mandatory statement: 'class'");
      } else if (!PREDEFINED_CLASSES.contains(user.className)
          && !classes.containsKey(user.className)) {
        diagnostics.error(
            user.classLocation,
            "user '" + user.name + "': login class '" + user.className + "' is not defined");
      }
      built.add(user.build());
    }
    Map<String, ClassDefinition> definitions = new LinkedHashMap<>();
    classes.forEach((name, c) -> definitions.put(name, c.build()));
    return new LoginConfiguration(built, definitions);
  }

  private static void authentication(
      UserBuilder user, List<String> rest, ConfigStatement statement, Diagnostics diagnostics) {
    SourceLocation at = statement.location();
    if (rest.size() != 2) {
      diagnostics.error(
          at,
          rest.isEmpty()
              ? "syntax error, expecting <authentication method>"
              : "syntax error: " + String.join(" ", rest));
      return;
    }
    String method = rest.get(0);
    String value = rest.get(1);
    if (method.equals("encrypted-password")) {
      if (!value.matches("\\$[56]\\$(rounds=[0-9]+\\$)?[^$]{1,16}\\$[./0-9A-Za-z]+")) {
        diagnostics.error(
            at, "encrypted-password: not a SHA-256 or SHA-512 crypt hash ($5$... or $6$...)");
        return;
      }
      user.encryptedPassword = value;
    } else if (KEY_TYPES.contains(method)) {
      String type = method.equals("ssh-ecdsa") ? "ecdsa-sha2-" : method;
      if (!value.startsWith(type)) {
        diagnostics.error(at, method + ": the key must start with '" + type + "'");
        return;
      }
      user.publicKeys.add(value);
    } else if (method.equals("plain-text-password")) {
      diagnostics.error(at, "plain-text-password is entered in configuration mode, not stored");
    } else {
      diagnostics.error(at, "syntax error: " + method);
    }
  }

  private static String regex(String value, ConfigStatement statement, Diagnostics diagnostics) {
    if (value == null) {
      diagnostics.error(statement.location(), "syntax error, expecting <regular-expression>");
      return null;
    }
    try {
      java.util.regex.Pattern.compile(value);
      return value;
    } catch (java.util.regex.PatternSyntaxException e) {
      diagnostics.error(statement.location(), "invalid regular expression: " + value);
      return null;
    }
  }

  private static final class UserBuilder {
    final String name;
    final SourceLocation location;
    String className;
    SourceLocation classLocation;
    String encryptedPassword;
    final List<String> publicKeys = new ArrayList<>();

    UserBuilder(String name, SourceLocation location) {
      this.name = name;
      this.location = location;
      this.classLocation = location;
    }

    User build() {
      return new User(name, className, encryptedPassword, publicKeys, location);
    }
  }

  private static final class ClassBuilder {
    final String name;
    final SourceLocation location;
    final List<String> permissions = new ArrayList<>();
    String allowCommands;
    String denyCommands;
    String allowConfiguration;
    String denyConfiguration;
    int idleTimeoutMinutes;

    ClassBuilder(String name, SourceLocation location) {
      this.name = name;
      this.location = location;
    }

    ClassDefinition build() {
      return new ClassDefinition(
          name,
          permissions,
          allowCommands,
          denyCommands,
          allowConfiguration,
          denyConfiguration,
          idleTimeoutMinutes,
          location);
    }
  }
}
