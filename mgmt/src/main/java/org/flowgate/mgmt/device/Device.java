package org.flowgate.mgmt.device;

import java.util.ArrayList;
import java.util.List;
import org.flowgate.config.text.ConfigStatement;
import org.flowgate.config.text.ParsedConfig;
import org.flowgate.dataplane.control.FlowEngine;
import org.flowgate.mgmt.auth.Accounts;
import org.flowgate.mgmt.auth.LoginClass;
import org.flowgate.mgmt.command.LoadedConfiguration;
import org.flowgate.mgmt.command.OperationalCommands;
import org.flowgate.mgmt.configure.ConfigurationDatabase;

/**
 * The device a user logs into: the running engine, its configuration database, the accounts of the
 * committed configuration, and the replays running into it. Every front end (CLI, SSH, NETCONF)
 * reaches the engine through here.
 *
 * <p>Thread: any. The committed state is replaced as a whole on each commit (volatile); the
 * database serializes commits.
 */
public final class Device {
  /** The release Flowgate reports as its Junos version (ADR 0008). */
  public static final String RELEASE = "24.4R1-S2.9";

  private final FlowEngine engine;
  private final ReplayService replays;
  private volatile ConfigurationDatabase database;
  private volatile ConfigurationDatabase.Committed committed;

  /** Where {@code show log} finds files: the state directory's {@code log}; null for none. */
  private volatile java.nio.file.Path logDirectory;

  public Device(FlowEngine engine, ReplayService replays) {
    this.engine = engine;
    this.replays = replays;
  }

  /** Called by the database (under its lock) for every new committed configuration. */
  public void committed(ConfigurationDatabase.Committed next) {
    if (next.generation() != engine.config()) {
      engine.commit(next.generation());
    }
    this.committed = next;
  }

  /** Sets where {@code show log} and {@code clear log} find files (and traces are written). */
  public void useLogDirectory(java.nio.file.Path directory) {
    this.logDirectory = directory;
  }

  public java.nio.file.Path logDirectory() {
    return logDirectory;
  }

  public void attach(ConfigurationDatabase database) {
    this.database = database;
  }

  public FlowEngine engine() {
    return engine;
  }

  public ConfigurationDatabase configuration() {
    return database;
  }

  public ReplayService replays() {
    return replays;
  }

  public Accounts accounts() {
    ConfigurationDatabase.Committed current = committed;
    return current == null ? Accounts.none() : current.accounts();
  }

  public String hostName() {
    String name = engine.config().hostName();
    return name == null || name.isEmpty() ? "flowgate" : name;
  }

  /**
   * The operational commands as {@code loginClass} sees them: {@code show configuration} prints
   * only the hierarchies the class may view, secrets masked unless it has {@code secret}.
   */
  public OperationalCommands commands(LoginClass loginClass) {
    ConfigurationDatabase.Committed current = committed;
    if (current == null || current.statements().isEmpty()) {
      return new OperationalCommands(engine).logDirectory(logDirectory);
    }
    List<ConfigStatement> configured = visible(current.parsed().configured(), loginClass);
    List<ConfigStatement> effective = visible(current.parsed().statements(), loginClass);
    List<ConfigStatement> groups = visible(current.parsed().groups(), loginClass);
    return new OperationalCommands(
            engine,
            new LoadedConfiguration(
                "rollback 0 (" + current.header().replace("## ", "") + ")",
                new ParsedConfig(effective, configured, groups)))
        .logDirectory(logDirectory);
  }

  /** Marker that replaces a secret's value for classes without the {@code secret} flag. */
  public static final String SECRET_DATA = "/* SECRET-DATA */";

  /** The statements a class may view, secrets masked unless it may see them. */
  public static List<ConfigStatement> visible(
      List<ConfigStatement> statements, LoginClass loginClass) {
    List<ConfigStatement> out = new ArrayList<>();
    for (ConfigStatement statement : statements) {
      if (!loginClass.mayView(statement.words())) {
        continue;
      }
      List<String> words = statement.words();
      if (!loginClass.maySeeSecrets()) {
        List<String> masked = new ArrayList<>(words);
        for (int i = 0; i + 1 < masked.size(); i++) {
          if (LoginClass.SECRET_KEYWORDS.contains(masked.get(i))) {
            masked.set(i + 1, SECRET_DATA);
          }
        }
        words = masked;
      }
      out.add(new ConfigStatement(words, statement.location(), statement.inactive()));
    }
    return out;
  }
}
