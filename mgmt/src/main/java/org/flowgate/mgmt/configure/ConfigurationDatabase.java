package org.flowgate.mgmt.configure;

import java.io.IOException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import org.flowgate.config.compile.CompileResult;
import org.flowgate.config.compile.JunosCompiler;
import org.flowgate.config.edit.CandidateConfiguration;
import org.flowgate.config.edit.ConfigCompare;
import org.flowgate.config.login.LoginConfiguration;
import org.flowgate.config.text.ConfigParser;
import org.flowgate.config.text.ConfigStatement;
import org.flowgate.config.text.Diagnostic;
import org.flowgate.config.text.Diagnostics;
import org.flowgate.config.text.ParsedConfig;
import org.flowgate.dataplane.runtime.RuntimeConfig;
import org.flowgate.mgmt.auth.Accounts;

/**
 * The device's configuration database: the committed configuration with its rollback history, the
 * shared candidate every {@code configure} session edits, private candidates, and the exclusive
 * lock ({@code configure exclusive}, NETCONF {@code <lock>}). A commit compiles the candidate; when
 * it compiles without errors the new generation is applied to the running engine and the text
 * becomes rollback 0, otherwise nothing changes.
 *
 * <p>Commit confirmed (Junos {@code commit confirmed N}, RFC 6241 {@code <confirmed/>}):
 *
 * <pre>
 *            commit confirmed N                       commit (any session)
 * committed ───────────────────► awaiting confirmation ─────────────────────► committed
 *                                 │  (timer: N minutes)       (timer cancelled)
 *                                 │ timer fires
 *                                 ▼
 *                  rollback 1 committed ("commit confirmed rolled back")
 * </pre>
 *
 * <p>Thread: any; every method synchronizes on the database. The confirmation timer runs on the
 * given scheduler.
 */
public final class ConfigurationDatabase {
  /** The running configuration as the rest of the device reads it. */
  public record Committed(
      ParsedConfig parsed,
      List<ConfigStatement> statements,
      Accounts accounts,
      String header,
      RuntimeConfig generation) {}

  /** What a commit produced: the generation and the accounts, or diagnostics. */
  public record Compiled(
      ParsedConfig parsed,
      RuntimeConfig generation,
      Accounts accounts,
      List<Diagnostic> diagnostics) {
    public boolean ok() {
      return generation != null;
    }
  }

  /** The answer to an edit, commit or lock: a message for the user, and whether it worked. */
  public record Outcome(boolean ok, String message) {
    static Outcome ok(String message) {
      return new Outcome(true, message);
    }

    static Outcome error(String message) {
      return new Outcome(false, message);
    }
  }

  /** How a session edits: the shared candidate, its own copy, or the shared one locked. */
  public enum Mode {
    SHARED,
    PRIVATE,
    EXCLUSIVE
  }

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private final CommitHistory history;
  private final Function<CompileResult, RuntimeConfig> finisher;
  private final Consumer<Committed> onCommit;
  private final ScheduledExecutorService timer;
  private final Clock clock;
  private final AtomicInteger sessionIds = new AtomicInteger(1);

  private Committed committed;
  private CandidateConfiguration shared;
  private Session lockOwner;
  private ScheduledFuture<?> confirmation;

  /**
   * @param finisher turns a compile result into the generation the engine runs (the command line's
   *     options on top)
   * @param onCommit told of every new committed configuration, under the database's lock
   */
  public ConfigurationDatabase(
      CommitHistory history,
      Function<CompileResult, RuntimeConfig> finisher,
      Consumer<Committed> onCommit,
      ScheduledExecutorService timer,
      Clock clock) {
    this.history = history;
    this.finisher = finisher;
    this.onCommit = onCommit;
    this.timer = timer;
    this.clock = clock;
  }

  /**
   * Compiles configuration text without applying it: the login statements by the device's own
   * reader, the rest by the compiler.
   */
  public Compiled compile(String text, String source) {
    Diagnostics diagnostics = new Diagnostics();
    ParsedConfig parsed = ConfigParser.parseConfig(text, source, diagnostics);
    if (diagnostics.hasErrors()) {
      return new Compiled(parsed, null, null, diagnostics.all());
    }
    LoginConfiguration login = LoginConfiguration.read(parsed.statements(), diagnostics);
    Accounts accounts = Accounts.of(login, diagnostics);
    List<ConfigStatement> rest =
        parsed.statements().stream().filter(s -> !LoginConfiguration.owns(s)).toList();
    CompileResult result = JunosCompiler.compile(rest, diagnostics);
    if (diagnostics.hasErrors() || !result.ok()) {
      return new Compiled(parsed, null, null, diagnostics.all());
    }
    return new Compiled(parsed, finisher.apply(result), accounts, diagnostics.all());
  }

  /**
   * Starts from rollback 0 of the history, or from {@code initial} (text; null for none) when the
   * history is empty or holds something else. Returns the diagnostics of a configuration that does
   * not compile (the database is then not usable), else an empty list.
   */
  public synchronized List<Diagnostic> start(String initial, String source, RuntimeConfig empty)
      throws IOException {
    CommitHistory.Revision zero = history.revision(0);
    String text = zero == null ? "" : zero.text();
    Compiled compiled;
    if (zero != null) {
      compiled = compile(text, "rollback 0");
      if (!compiled.ok()) {
        return compiled.diagnostics();
      }
      install(compiled, header(zero));
    } else {
      committed =
          new Committed(
              new ParsedConfig(List.of(), List.of(), List.of()),
              List.of(),
              Accounts.none(),
              "## No configuration committed",
              empty);
    }
    shared = CandidateConfiguration.of(committed.parsed().configured());
    if (initial != null) {
      CandidateConfiguration wanted =
          CandidateConfiguration.of(
              ConfigParser.parseConfig(initial, source, new Diagnostics()).configured());
      if (zero == null
          || !CandidateConfiguration.same(wanted.statements(), committed.statements())) {
        Compiled first = compile(wanted.text(), source);
        if (!first.ok()) {
          return first.diagnostics();
        }
        commitCompiled(first, wanted, "flowgate", "serve", "loaded from " + source);
        shared = CandidateConfiguration.of(committed.statements());
      }
    }
    if (zero == null && initial == null) {
      onCommit.accept(committed);
    }
    return List.of();
  }

  private static String header(CommitHistory.Revision revision) {
    return "## Last commit: " + revision.time() + " by " + revision.user();
  }

  public synchronized Committed committed() {
    return committed;
  }

  public CommitHistory history() {
    return history;
  }

  /** Opens a configuration session for {@code user}; see {@link Session}. */
  public synchronized Session open(String user, String client, Mode mode) {
    Session session = new Session(sessionIds.getAndIncrement(), user, client);
    Outcome entered = session.enter(mode);
    if (!entered.ok()) {
      throw new IllegalStateException(entered.message());
    }
    return session;
  }

  /** What {@link #tryOpen} gives: a session, or why none was opened. */
  public sealed interface Opened permits Session, Refused {}

  /** A session could not be opened (the database is locked or modified). */
  public record Refused(String message) implements Opened {}

  /** Opens a session as {@link #open} does, or answers why it cannot be opened. */
  public synchronized Opened tryOpen(String user, String client, Mode mode) {
    Session session = new Session(sessionIds.getAndIncrement(), user, client);
    Outcome entered = session.enter(mode);
    return entered.ok() ? session : new Refused(entered.message());
  }

  private void install(Compiled compiled, String header) {
    committed =
        new Committed(
            compiled.parsed(),
            compiled.parsed().configured(),
            compiled.accounts(),
            header,
            compiled.generation());
    onCommit.accept(committed);
  }

  private void commitCompiled(
      Compiled compiled,
      CandidateConfiguration candidate,
      String user,
      String client,
      String comment)
      throws IOException {
    String time = TIME.format(clock.instant());
    history.push(time, user, client, comment, candidate.text());
    install(compiled, "## Last commit: " + time + " by " + user);
  }

  /** Junos's form of commit diagnostics: the hierarchy, the statement, the message. */
  static String describe(List<Diagnostic> diagnostics, ParsedConfig parsed) {
    StringBuilder out = new StringBuilder();
    for (Diagnostic diagnostic : diagnostics) {
      ConfigStatement at = null;
      if (parsed != null) {
        for (ConfigStatement statement : parsed.statements()) {
          if (statement.location().equals(diagnostic.location())) {
            at = statement;
            break;
          }
        }
      }
      String prefix = diagnostic.severity() == Diagnostic.Severity.WARNING ? "warning: " : "";
      if (at != null && at.words().size() > 1) {
        List<String> words = at.words();
        out.append("[edit ")
            .append(String.join(" ", words.subList(0, words.size() - 1)))
            .append("]\n  '")
            .append(words.getLast())
            .append("'\n    ")
            .append(prefix)
            .append(diagnostic.message())
            .append('\n');
      } else {
        out.append(diagnostic.severity() == Diagnostic.Severity.WARNING ? "warning: " : "error: ")
            .append(diagnostic.message())
            .append('\n');
      }
    }
    return out.toString();
  }

  /**
   * One user's configuration session (a {@code configure} in the CLI, a NETCONF session).
   *
   * <p>Thread: any; methods synchronize on the database.
   */
  public final class Session implements Opened {
    private final int id;
    private final String user;
    private final String client;
    private Mode mode = Mode.SHARED;
    private CandidateConfiguration privateCandidate;
    private List<ConfigStatement> privateBase;
    private boolean closed;

    private Session(int id, String user, String client) {
      this.id = id;
      this.user = user;
      this.client = client;
    }

    public int id() {
      return id;
    }

    public String user() {
      return user;
    }

    public Mode mode() {
      synchronized (ConfigurationDatabase.this) {
        return mode;
      }
    }

    private Outcome enter(Mode wanted) {
      if (wanted == Mode.PRIVATE) {
        if (!CandidateConfiguration.same(shared.statements(), committed.statements())) {
          return Outcome.error(
              "error: shared configuration database modified\n"
                  + "Users currently editing the configuration:\n  (uncommitted changes in the"
                  + " shared candidate)");
        }
        privateCandidate = CandidateConfiguration.of(committed.statements());
        privateBase = committed.statements();
      } else if (wanted == Mode.EXCLUSIVE) {
        Outcome locked = lock();
        if (!locked.ok()) {
          return locked;
        }
      }
      mode = wanted;
      return Outcome.ok("");
    }

    /** The candidate this session edits (a copy: change it through this session). */
    public List<ConfigStatement> candidate() {
      synchronized (ConfigurationDatabase.this) {
        return target().statements();
      }
    }

    /** The candidate's text, hierarchical. */
    public String candidateText() {
      synchronized (ConfigurationDatabase.this) {
        return target().text();
      }
    }

    private CandidateConfiguration target() {
      return mode == Mode.PRIVATE ? privateCandidate : shared;
    }

    private Outcome writable() {
      if (closed) {
        return Outcome.error("error: configuration session closed");
      }
      if (mode != Mode.PRIVATE && lockOwner != null && lockOwner != this) {
        return Outcome.error(
            "error: configuration database locked by:\n  "
                + lockOwner.user
                + " "
                + lockOwner.client
                + " (session "
                + lockOwner.id
                + ") exclusive");
      }
      return null;
    }

    /** {@code set PATH}. */
    public Outcome set(List<String> words) {
      synchronized (ConfigurationDatabase.this) {
        Outcome refused = writable();
        if (refused != null) {
          return refused;
        }
        target().set(words);
        return Outcome.ok("");
      }
    }

    /** {@code delete PATH}. */
    public Outcome delete(List<String> words) {
      synchronized (ConfigurationDatabase.this) {
        Outcome refused = writable();
        if (refused != null) {
          return refused;
        }
        return target().delete(words)
            ? Outcome.ok("")
            : Outcome.error("warning: statement not found");
      }
    }

    /** {@code activate} / {@code deactivate PATH}. */
    public Outcome setInactive(List<String> words, boolean inactive) {
      synchronized (ConfigurationDatabase.this) {
        Outcome refused = writable();
        if (refused != null) {
          return refused;
        }
        return target().setInactive(words, inactive)
            ? Outcome.ok("")
            : Outcome.error("warning: statement not found");
      }
    }

    /** {@code load MODE}: text into the candidate; with an error nothing changes. */
    public Outcome load(CandidateConfiguration.LoadMode loadMode, String text, String source) {
      synchronized (ConfigurationDatabase.this) {
        Outcome refused = writable();
        if (refused != null) {
          return refused;
        }
        Diagnostics diagnostics = new Diagnostics();
        target().load(loadMode, text, source, diagnostics);
        StringBuilder message = new StringBuilder();
        for (Diagnostic d : diagnostics.all()) {
          message
              .append(d.location())
              .append(": ")
              .append(d.severity() == Diagnostic.Severity.ERROR ? "error: " : "warning: ")
              .append(d.message())
              .append('\n');
        }
        if (diagnostics.hasErrors()) {
          return Outcome.error(message + "error: load failed (no changes made)\n");
        }
        return Outcome.ok(message + "load complete\n");
      }
    }

    /** {@code rollback N}: loads revision N into the candidate. */
    public Outcome rollback(int number) {
      synchronized (ConfigurationDatabase.this) {
        Outcome refused = writable();
        if (refused != null) {
          return refused;
        }
        CommitHistory.Revision revision;
        try {
          revision = history.revision(number);
        } catch (IOException e) {
          return Outcome.error("error: cannot read rollback " + number + ": " + e.getMessage());
        }
        if (revision == null && number == 0) {
          target()
              .load(CandidateConfiguration.LoadMode.OVERRIDE, "", "rollback 0", new Diagnostics());
          return Outcome.ok("load complete\n");
        }
        if (revision == null) {
          return Outcome.error("error: rollback " + number + " not found\n");
        }
        target()
            .load(
                CandidateConfiguration.LoadMode.OVERRIDE,
                revision.text(),
                "rollback " + number,
                new Diagnostics());
        return Outcome.ok("load complete\n");
      }
    }

    /** {@code show | compare}: the candidate against the committed configuration. */
    public String compare() {
      synchronized (ConfigurationDatabase.this) {
        return ConfigCompare.compare(committed.statements(), target().statements());
      }
    }

    /** {@code show | compare rollback N}: against revision N; null when there is none. */
    public String compare(int rollback) throws IOException {
      synchronized (ConfigurationDatabase.this) {
        CommitHistory.Revision revision = history.revision(rollback);
        if (revision == null) {
          return null;
        }
        List<ConfigStatement> before =
            ConfigParser.parseConfig(revision.text(), "rollback", new Diagnostics()).configured();
        return ConfigCompare.compare(before, target().statements());
      }
    }

    /** True when the candidate differs from the committed configuration. */
    public boolean modified() {
      synchronized (ConfigurationDatabase.this) {
        return !CandidateConfiguration.same(target().statements(), committed.statements());
      }
    }

    /** {@code commit check}: compiles the candidate and changes nothing. */
    public Outcome check() {
      synchronized (ConfigurationDatabase.this) {
        Compiled compiled = compile(target().text(), "candidate");
        String described = describe(compiled.diagnostics(), compiled.parsed());
        return compiled.ok()
            ? Outcome.ok(described + "configuration check succeeds\n")
            : Outcome.error(described + "error: configuration check-out failed\n");
      }
    }

    /**
     * {@code commit [confirmed N] [comment TEXT]}: compiles the candidate, applies it to the
     * running engine and stores it as rollback 0.
     *
     * @param confirmSeconds with {@code confirmed}, seconds until the automatic rollback; else 0
     */
    public Outcome commit(String comment, long confirmSeconds) {
      synchronized (ConfigurationDatabase.this) {
        Outcome refused = writable();
        if (refused != null) {
          return refused;
        }
        if (mode == Mode.PRIVATE
            && !CandidateConfiguration.same(privateBase, committed.statements())) {
          return Outcome.error(
              "error: configuration database modified\n"
                  + "(the committed configuration changed; 'update' loads it, 'rollback' discards"
                  + " your changes)\n");
        }
        CandidateConfiguration candidate = target();
        Compiled compiled = compile(candidate.text(), "candidate");
        String described = describe(compiled.diagnostics(), compiled.parsed());
        if (!compiled.ok()) {
          return Outcome.error(described + "error: configuration check-out failed\n");
        }
        try {
          commitCompiled(compiled, candidate, user, client, comment);
        } catch (IOException e) {
          return Outcome.error("error: could not save the configuration: " + e.getMessage() + "\n");
        }
        if (mode == Mode.PRIVATE) {
          privateBase = committed.statements();
          shared = CandidateConfiguration.of(committed.statements());
        }
        StringBuilder message = new StringBuilder(described);
        if (confirmation != null) {
          confirmation.cancel(false);
          confirmation = null;
        }
        if (confirmSeconds > 0) {
          confirmation =
              timer.schedule(this::confirmationExpired, confirmSeconds, TimeUnit.SECONDS);
          long minutes = Math.max(1, confirmSeconds / 60);
          message
              .append("commit confirmed will be automatically rolled back in ")
              .append(confirmSeconds % 60 == 0 ? minutes + " minutes" : confirmSeconds + " seconds")
              .append(" unless confirmed\n");
        }
        return Outcome.ok(message + "commit complete\n");
      }
    }

    private void confirmationExpired() {
      synchronized (ConfigurationDatabase.this) {
        confirmation = null;
        try {
          CommitHistory.Revision previous = history.revision(1);
          String text = previous == null ? "" : previous.text();
          Compiled compiled = compile(text, "rollback 1");
          if (compiled.ok()) {
            CandidateConfiguration candidate =
                CandidateConfiguration.of(compiled.parsed().configured());
            commitCompiled(
                compiled, candidate, user, "commit confirmed", "commit confirmed rollback");
            shared = candidate.copy();
          }
        } catch (IOException e) {
          // the running configuration stays; the next commit will try to save again
        }
      }
    }

    /** True while a {@code commit confirmed} waits for its confirmation. */
    public boolean awaitingConfirmation() {
      synchronized (ConfigurationDatabase.this) {
        return confirmation != null;
      }
    }

    /** {@code rollback 0} of this session's candidate ({@code discard-changes}). */
    public Outcome discard() {
      synchronized (ConfigurationDatabase.this) {
        Outcome refused = writable();
        if (refused != null) {
          return refused;
        }
        if (mode == Mode.PRIVATE) {
          privateCandidate = CandidateConfiguration.of(committed.statements());
          privateBase = committed.statements();
        } else {
          shared = CandidateConfiguration.of(committed.statements());
        }
        return Outcome.ok("");
      }
    }

    /** Takes the exclusive lock of the shared candidate. */
    public Outcome lock() {
      synchronized (ConfigurationDatabase.this) {
        if (lockOwner == this) {
          return Outcome.ok("");
        }
        if (lockOwner != null) {
          return Outcome.error(
              "configuration database locked by: "
                  + lockOwner.user
                  + " (session "
                  + lockOwner.id
                  + ")");
        }
        if (!CandidateConfiguration.same(shared.statements(), committed.statements())) {
          return Outcome.error("configuration database modified");
        }
        lockOwner = this;
        return Outcome.ok("");
      }
    }

    /** Releases the lock; uncommitted changes made under it are discarded, as on Junos. */
    public Outcome unlock() {
      synchronized (ConfigurationDatabase.this) {
        if (lockOwner != this) {
          return Outcome.error("configuration database not locked by this session");
        }
        lockOwner = null;
        shared = CandidateConfiguration.of(committed.statements());
        return Outcome.ok("");
      }
    }

    /** The session id holding the lock, or 0. */
    public int lockHolder() {
      synchronized (ConfigurationDatabase.this) {
        return lockOwner == null ? 0 : lockOwner.id;
      }
    }

    /** Ends the session: releases its lock (discarding what it changed under it). */
    public void close() {
      synchronized (ConfigurationDatabase.this) {
        if (lockOwner == this) {
          unlock();
        }
        closed = true;
      }
    }
  }

  /** Every rollback revision, for {@code show system commit}. */
  public synchronized List<CommitHistory.Revision> revisions() throws IOException {
    return new ArrayList<>(history.revisions());
  }
}
