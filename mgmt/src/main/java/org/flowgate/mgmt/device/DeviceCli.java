package org.flowgate.mgmt.device;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.flowgate.config.edit.CandidateConfiguration;
import org.flowgate.config.edit.Words;
import org.flowgate.config.text.ConfigParser;
import org.flowgate.config.text.ConfigPrinter;
import org.flowgate.config.text.ConfigStatement;
import org.flowgate.config.text.Diagnostics;
import org.flowgate.mgmt.auth.Accounts;
import org.flowgate.mgmt.auth.UnixCrypt;
import org.flowgate.mgmt.cli.CliSession;
import org.flowgate.mgmt.command.OperationalCommands;
import org.flowgate.mgmt.configure.CommitHistory;
import org.flowgate.mgmt.configure.ConfigurationDatabase;

/**
 * One logged-in user's CLI on the device: operational mode ({@code user@host>}) with the
 * operational commands, {@code configure}, {@code show system commit}, {@code show version} and
 * Flowgate's own {@code request flowgate replay}; and configuration mode ({@code user@host#}) as
 * Junos has it. Every command is checked against the user's login class before it runs.
 *
 * <pre>
 *  operational ──configure [private | exclusive]──► configuration [edit]
 *       ▲                                             │ edit PATH / up [N] / top
 *       └──── exit (at [edit]), quit, commit and-quit ┘ exit (below [edit]) goes up one level
 * </pre>
 *
 * <p>Thread: the session's (one terminal or one exec request).
 */
public final class DeviceCli implements CliSession {
  private final Device device;
  private final Accounts.Account account;
  private final String client;
  private ConfigurationDatabase.Session configuring;
  private final List<String> editPath = new ArrayList<>();

  /**
   * @param client how the user came in ({@code cli}, {@code ssh}), for the commit history
   */
  public DeviceCli(Device device, Accounts.Account account, String client) {
    this.device = device;
    this.account = account;
    this.client = client;
  }

  @Override
  public String prompt() {
    return account.name() + "@" + device.hostName() + (configuring == null ? "> " : "# ");
  }

  @Override
  public String banner() {
    return configuring == null ? null : "\n" + editBanner();
  }

  private String editBanner() {
    return editPath.isEmpty() ? "[edit]" : "[edit " + String.join(" ", editPath) + "]";
  }

  private OperationalCommands commands() {
    return device.commands(account.loginClass());
  }

  @Override
  public List<String> completions(String line) {
    if (configuring != null) {
      if (line.startsWith("run ")) {
        return commands().completions(line.substring(4));
      }
      return prefixed(CONFIGURATION_WORDS, line);
    }
    List<String> own = prefixed(OPERATIONAL_WORDS, line);
    List<String> words = new ArrayList<>(commands().completions(line));
    for (String word : own) {
      if (!words.contains(word)) {
        words.add(word);
      }
    }
    return words;
  }

  private static List<String> prefixed(List<String> words, String line) {
    if (line.contains(" ")) {
      return List.of();
    }
    return words.stream().filter(w -> w.startsWith(line)).toList();
  }

  private static final List<String> OPERATIONAL_WORDS =
      List.of("configure", "exit", "quit", "request");
  private static final List<String> CONFIGURATION_WORDS =
      List.of(
          "activate",
          "commit",
          "deactivate",
          "delete",
          "edit",
          "exit",
          "load",
          "quit",
          "rollback",
          "run",
          "set",
          "show",
          "top",
          "up");

  @Override
  public String help(String line) {
    if (configuring != null) {
      if (line.startsWith("run ")) {
        return commands().execute(line.substring(4) + (line.endsWith(" ") ? "?" : " ?"));
      }
      return """
          Possible completions:
            activate             Remove the inactive tag from a statement
            commit               Commit current set of changes
            deactivate           Add the inactive tag to a statement
            delete               Delete a data element
            edit                 Edit a sub-element
            exit                 Exit from this level
            load                 Load configuration from ASCII file or terminal
            quit                 Quit from this level
            rollback             Roll back to previous committed configuration
            run                  Run an operational-mode command
            set                  Set a parameter
            show                 Show a parameter
            top                  Exit to top level of configuration
            up                   Exit one level of configuration
          """;
    }
    String separator = line.isEmpty() || line.endsWith(" ") ? "" : " ";
    String answer = commands().execute(line + separator + "?");
    if (line.isBlank()) {
      answer =
          answer.replace(
              "Possible completions:\n",
              "Possible completions:\n"
                  + "  configure            Manipulate software configuration information\n"
                  + "  exit                 Exit the management session\n"
                  + "  quit                 Exit the management session\n"
                  + "  request              Make system-level requests\n");
    }
    return answer;
  }

  @Override
  public boolean noMore(String line) {
    return OperationalCommands.noMore(line) || line.contains("| no-more");
  }

  @Override
  public boolean run(String line, Appendable out, Prompter prompter) {
    return configuring == null
        ? operational(line, out, prompter)
        : configuration(line, out, prompter);
  }

  /** Ends the session's configuration mode (its lock released), as when the client leaves. */
  public void close() {
    if (configuring != null) {
      configuring.close();
      configuring = null;
    }
  }

  // ------------------------------------------------------------------ operational mode

  private boolean operational(String line, Appendable out, Prompter prompter) {
    List<String> words =
        Words.split(line.contains("|") ? line.substring(0, line.indexOf('|')) : line);
    String first = words.isEmpty() ? "" : words.getFirst();
    if (first.equals("exit") || first.equals("quit")) {
      return false;
    }
    if (!first.isEmpty() && "configure".startsWith(first) && first.length() >= 4) {
      configure(words, out);
      return true;
    }
    String expanded = Authorizer.expand(commands(), line);
    if (!Authorizer.mayRun(account.loginClass(), expanded)) {
      write(out, "error: permission denied\n");
      return true;
    }
    if (expanded.startsWith("request flowgate replay")) {
      replay(words, out);
    } else if (expanded.equals("show version")
        || first.equals("show") && words.size() == 2 && "version".startsWith(words.get(1))) {
      write(out, version());
    } else if (words.size() >= 3
        && words.get(0).equals("show")
        && "system".startsWith(words.get(1))
        && "commit".startsWith(words.get(2))) {
      write(out, commitHistory());
    } else {
      commands().execute(line, out);
    }
    return true;
  }

  String version() {
    return "Hostname: "
        + device.hostName()
        + "\nModel: flowgate\nJunos: "
        + Device.RELEASE
        + "\nFlowgate flow engine, "
        + device.engine().spuCount()
        + " SPUs\n";
  }

  private String commitHistory() {
    StringBuilder text = new StringBuilder();
    try {
      for (CommitHistory.Revision revision : device.configuration().revisions()) {
        text.append(
            String.format(
                "%-3d %s by %s via %s%n",
                revision.number(), revision.time(), revision.user(), revision.client()));
        if (revision.comment() != null) {
          text.append("    ").append(revision.comment()).append('\n');
        }
      }
    } catch (IOException e) {
      return "error: cannot read the commit history: " + e.getMessage() + "\n";
    }
    return text.toString();
  }

  private void replay(List<String> words, Appendable out) {
    // request flowgate replay CAPTURE [speed X]
    if (words.size() < 4) {
      write(
          out,
          "error: request flowgate replay CAPTURE [speed X]\n" + device.replays().status() + "\n");
      return;
    }
    double speed = 0;
    if (words.size() >= 6 && "speed".startsWith(words.get(4))) {
      try {
        speed = Double.parseDouble(words.get(5));
      } catch (NumberFormatException e) {
        speed = -1;
      }
    }
    Path capture;
    try {
      capture = Path.of(words.get(3));
    } catch (java.nio.file.InvalidPathException e) { // a NUL in the name
      capture = null;
    }
    if (capture == null || speed < 0 || Double.isNaN(speed) || !Files.isReadable(capture)) {
      write(out, "error: cannot replay '" + words.get(3) + "' (readable capture, speed >= 0)\n");
      return;
    }
    device.replays().submit(capture, speed);
    write(
        out, "Replay of " + capture + " started" + (speed > 0 ? " at speed " + speed : "") + "\n");
  }

  private void configure(List<String> words, Appendable out) {
    if (!account.loginClass().has("configure")) {
      write(out, "error: permission denied\n");
      return;
    }
    ConfigurationDatabase.Mode mode = ConfigurationDatabase.Mode.SHARED;
    if (words.size() > 1) {
      if ("private".startsWith(words.get(1))) {
        mode = ConfigurationDatabase.Mode.PRIVATE;
      } else if ("exclusive".startsWith(words.get(1))) {
        mode = ConfigurationDatabase.Mode.EXCLUSIVE;
      } else {
        write(out, "syntax error, expecting <command>: " + words.get(1) + "\n");
        return;
      }
    }
    ConfigurationDatabase.Opened opened =
        device.configuration().tryOpen(account.name(), client, mode);
    if (opened instanceof ConfigurationDatabase.Refused refused) {
      write(out, refused.message() + "\n");
      return;
    }
    configuring = (ConfigurationDatabase.Session) opened; // the only other case
    editPath.clear();
    if (mode != ConfigurationDatabase.Mode.SHARED) {
      write(out, "warning: uncommitted changes will be discarded on exit\n");
    }
    write(out, "Entering configuration mode\n");
  }

  // ------------------------------------------------------------------ configuration mode

  private boolean configuration(String line, Appendable out, Prompter prompter) {
    String pipe = null;
    String body = line;
    if (line.contains("|") && !line.contains("\"")) {
      pipe = line.substring(line.indexOf('|') + 1).strip();
      body = line.substring(0, line.indexOf('|')).strip();
    }
    List<String> words;
    try {
      words = Words.split(body);
    } catch (IllegalArgumentException e) {
      write(out, e.getMessage() + "\n");
      return true;
    }
    String verb = words.getFirst();
    List<String> rest = words.subList(1, words.size());
    switch (verb) {
      case "set" -> edit(rest, out, prompter, Edit.SET);
      case "delete" -> edit(rest, out, prompter, Edit.DELETE);
      case "activate" -> edit(rest, out, prompter, Edit.ACTIVATE);
      case "deactivate" -> edit(rest, out, prompter, Edit.DEACTIVATE);
      case "edit" -> {
        List<String> path = absolute(rest);
        editPath.clear();
        editPath.addAll(path);
      }
      case "up" -> {
        int levels = rest.isEmpty() ? 1 : parseInt(rest.getFirst(), 1);
        for (int i = 0; i < levels && !editPath.isEmpty(); i++) {
          editPath.removeLast();
        }
      }
      case "top" -> editPath.clear();
      case "exit", "quit" -> {
        if (!editPath.isEmpty()
            && !(rest.size() == 1 && "configuration-mode".startsWith(rest.getFirst()))) {
          editPath.removeLast();
        } else {
          leave(out, prompter);
        }
      }
      case "show" -> show(rest, pipe, out);
      case "commit" -> commit(rest, out);
      case "rollback" -> {
        int number = rest.isEmpty() ? 0 : parseInt(rest.getFirst(), -1);
        if (number < 0 || number >= CommitHistory.KEPT) {
          write(out, "error: rollback number must be 0 to 49\n");
        } else if (number > 0 && !account.loginClass().has("rollback")) {
          write(out, "error: permission denied\n");
        } else {
          write(out, configuring.rollback(number).message());
        }
      }
      case "load" -> load(rest, out, prompter);
      case "run" -> {
        String command = line.strip().substring(3).strip();
        operational(command, out, prompter);
      }
      default -> write(out, line + "\n^\nsyntax error, expecting <command>.\n");
    }
    return true;
  }

  private enum Edit {
    SET,
    DELETE,
    ACTIVATE,
    DEACTIVATE
  }

  private void edit(List<String> rest, Appendable out, Prompter prompter, Edit kind) {
    List<List<String>> statements;
    try {
      statements = Words.expandList(absolute(rest));
    } catch (IllegalArgumentException e) {
      write(out, e.getMessage() + "\n");
      return;
    }
    for (List<String> path : statements) {
      if (path.isEmpty() && kind != Edit.DELETE) {
        write(out, "syntax error, expecting <statement>.\n");
        return;
      }
      if (!account.loginClass().mayEdit(path)) {
        write(out, "error: permission denied: " + String.join(" ", path) + "\n");
        return;
      }
      if (kind == Edit.SET && path.getLast().equals("plain-text-password")) {
        String first = prompter.secret("New password: ");
        String second = first == null ? null : prompter.secret("Retype new password: ");
        if (first == null || !first.equals(second)) {
          write(out, "error: passwords do not match (or no terminal to ask)\n");
          return;
        }
        path = new ArrayList<>(path.subList(0, path.size() - 1));
        path.add("encrypted-password");
        path.add(UnixCrypt.sha512(first));
      }
      ConfigurationDatabase.Outcome outcome =
          switch (kind) {
            case SET -> configuring.set(path);
            case DELETE -> configuring.delete(path);
            case ACTIVATE -> configuring.setInactive(path, false);
            case DEACTIVATE -> configuring.setInactive(path, true);
          };
      if (!outcome.message().isEmpty()) {
        write(out, outcome.message() + "\n");
      }
    }
  }

  private List<String> absolute(List<String> relative) {
    List<String> path = new ArrayList<>(editPath);
    path.addAll(relative);
    return path;
  }

  private void show(List<String> rest, String pipe, Appendable out) {
    List<String> path = absolute(rest);
    if (pipe != null && pipe.startsWith("compare")) {
      List<String> pipeWords = Words.split(pipe);
      String diff;
      try {
        diff =
            pipeWords.size() >= 3 && "rollback".startsWith(pipeWords.get(1))
                ? configuring.compare(parseInt(pipeWords.get(2), 0))
                : configuring.compare();
      } catch (IOException e) {
        diff = "error: " + e.getMessage() + "\n";
      }
      write(out, diff == null ? "error: rollback not found\n" : diff);
      return;
    }
    List<ConfigStatement> visible = Device.visible(configuring.candidate(), account.loginClass());
    boolean set = pipe != null && pipe.replace(" ", "").startsWith("displayset");
    String text =
        set ? ConfigPrinter.displaySet(visible, path) : ConfigPrinter.hierarchical(visible, path);
    write(out, text);
  }

  private void commit(List<String> rest, Appendable out) {
    if (!account.loginClass().has("configure")) {
      write(out, "error: permission denied\n");
      return;
    }
    boolean check = false;
    boolean andQuit = false;
    long confirmSeconds = 0;
    String comment = null;
    for (int i = 0; i < rest.size(); i++) {
      String word = rest.get(i);
      if (word.equals("check")) {
        check = true;
      } else if (word.equals("and-quit")) {
        andQuit = true;
      } else if (word.equals("confirmed")) {
        int minutes = 10;
        if (i + 1 < rest.size() && rest.get(i + 1).matches("[0-9]+")) {
          minutes = parseInt(rest.get(++i), 10);
        }
        if (minutes < 1 || minutes > 65535) {
          write(out, "error: confirmed: 1 to 65535 minutes\n");
          return;
        }
        confirmSeconds = minutes * 60L;
      } else if (word.equals("comment") && i + 1 < rest.size()) {
        comment = rest.get(++i);
      } else {
        write(out, "syntax error, expecting <command>: " + word + "\n");
        return;
      }
    }
    ConfigurationDatabase.Outcome outcome =
        check ? configuring.check() : configuring.commit(comment, confirmSeconds);
    write(out, outcome.message());
    if (outcome.ok() && andQuit) {
      write(out, "Exiting configuration mode\n");
      configuring.close();
      configuring = null;
    }
  }

  private void load(List<String> rest, Appendable out, Prompter prompter) {
    if (rest.size() != 2) {
      write(out, "syntax error: load (merge | override | replace | set) (FILE | terminal)\n");
      return;
    }
    CandidateConfiguration.LoadMode mode =
        switch (rest.get(0)) {
          case "merge" -> CandidateConfiguration.LoadMode.MERGE;
          case "override" -> CandidateConfiguration.LoadMode.OVERRIDE;
          case "replace" -> CandidateConfiguration.LoadMode.REPLACE;
          case "set" -> CandidateConfiguration.LoadMode.SET;
          default -> null;
        };
    if (mode == null) {
      write(out, "syntax error, expecting merge, override, replace or set: " + rest.get(0) + "\n");
      return;
    }
    String source = rest.get(1);
    String text;
    if (source.equals("terminal")) {
      text = prompter.untilEndOfInput("[Type ^D at a new line to end input]");
      if (text == null) {
        write(out, "error: load abandoned\n");
        return;
      }
    } else {
      try {
        text = Files.readString(Path.of(source), StandardCharsets.UTF_8);
      } catch (IOException | RuntimeException e) {
        write(out, "error: could not read '" + source + "': " + e.getMessage() + "\n");
        return;
      }
    }
    String denied = deniedLoad(mode, text);
    if (denied != null) {
      write(out, "error: permission denied: " + denied + "\n");
      return;
    }
    write(out, configuring.load(mode, text, source).message());
  }

  /** The first statement the load would change that the class may not edit, or null. */
  private String deniedLoad(CandidateConfiguration.LoadMode mode, String text) {
    List<List<String>> touched = new ArrayList<>();
    if (mode == CandidateConfiguration.LoadMode.SET) {
      for (String line : text.split("\n")) {
        try {
          List<String> words = Words.split(line.strip());
          if (words.size() > 1) {
            touched.add(words.subList(1, words.size()));
          }
        } catch (IllegalArgumentException e) {
          // reported by the load itself
        }
      }
    } else {
      ConfigParser.parseConfig(text, "load", new Diagnostics())
          .configured()
          .forEach(s -> touched.add(s.words()));
      if (mode == CandidateConfiguration.LoadMode.OVERRIDE) {
        configuring.candidate().forEach(s -> touched.add(s.words()));
      }
    }
    for (List<String> words : touched) {
      if (!account.loginClass().mayEdit(words)) {
        return String.join(" ", words);
      }
    }
    return null;
  }

  private void leave(Appendable out, Prompter prompter) {
    if (configuring.modified() && configuring.mode() == ConfigurationDatabase.Mode.SHARED) {
      write(out, "The configuration has been changed but not committed\n");
      if (!prompter.confirm("Exit with uncommitted changes?", true)) {
        return;
      }
    }
    configuring.close();
    configuring = null;
    editPath.clear();
    write(out, "Exiting configuration mode\n");
  }

  private static int parseInt(String text, int fallback) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  private static void write(Appendable out, String text) {
    try {
      out.append(text);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
