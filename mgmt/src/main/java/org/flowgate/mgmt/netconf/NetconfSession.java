package org.flowgate.mgmt.netconf;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.flowgate.config.edit.CandidateConfiguration;
import org.flowgate.config.edit.ConfigXml;
import org.flowgate.config.text.ConfigPrinter;
import org.flowgate.config.text.ConfigStatement;
import org.flowgate.mgmt.auth.Accounts;
import org.flowgate.mgmt.configure.CommitHistory;
import org.flowgate.mgmt.configure.ConfigurationDatabase;
import org.flowgate.mgmt.device.Device;

/**
 * One NETCONF session: hello exchange, then one RPC at a time until {@code close-session}, {@code
 * kill-session} or the end of input.
 *
 * <pre>
 *  server hello ─► client hello ─► (both base:1.1? chunked : end-of-message)
 *      ─► &lt;rpc message-id=N&gt;&lt;OPERATION/&gt;&lt;/rpc&gt; ─► &lt;rpc-reply message-id=N&gt; ... ─► ...
 *  framing error ─► the session ends;   malformed XML, unknown RPC ─► &lt;rpc-error&gt;, it goes on
 * </pre>
 *
 * Base operations (RFC 6241 §7): get-config, edit-config (candidate; XML or text), lock, unlock,
 * validate, commit (confirmed, confirm-timeout in seconds), discard-changes, close-session,
 * kill-session, get. Junos operations: get-configuration (xml, text, set, json; committed or
 * candidate; compare rollback), load-configuration (merge, replace, override, set, update;
 * rollback), commit-configuration (check, confirmed in minutes, log), lock-configuration,
 * unlock-configuration, open-configuration (private), close-configuration, command, the device's
 * facts (software, route engine, chassis) and every operational RPC {@link OperationalRpcs} knows.
 *
 * <p>Thread: its channel's; {@link #kill()} may come from another session's thread.
 */
final class NetconfSession {
  static final String BASE = "urn:ietf:params:xml:ns:netconf:base:1.0";
  static final String JUNOS = "http://xml.juniper.net/junos/" + Device.RELEASE + "/junos";

  private final Device device;
  private final OperationalRpcs operational;
  private final NetconfServer server;
  private final Accounts.Account account;
  private final int id;
  private final Framing framing;
  private ConfigurationDatabase.Session configuration;
  private volatile boolean killed;
  private volatile Thread reader;

  NetconfSession(
      Device device,
      OperationalRpcs operational,
      NetconfServer server,
      Accounts.Account account,
      int id,
      Framing framing) {
    this.device = device;
    this.operational = operational;
    this.server = server;
    this.account = account;
    this.id = id;
    this.framing = framing;
  }

  void kill() {
    killed = true;
    ConfigurationDatabase.Session open = configuration;
    if (open != null) {
      open.close(); // releases its lock and discards what it changed under it
    }
    framing.close(); // ends the session's read
    Thread running = reader;
    if (running != null) {
      running.interrupt(); // a stream whose close does not wake its reader
    }
  }

  void run() throws IOException {
    reader = Thread.currentThread();
    try {
      StringBuilder hello =
          new StringBuilder(
                  "<!-- No zombies were killed during the creation of this user interface -->\n")
              .append("<!-- user ")
              .append(account.name())
              .append(", class ")
              .append(account.loginClass().name())
              .append(" -->\n<hello xmlns=\"")
              .append(BASE)
              .append("\">\n  <capabilities>\n");
      for (String capability : NetconfServer.CAPABILITIES) {
        hello.append("    <capability>").append(Xml.escape(capability)).append("</capability>\n");
      }
      hello
          .append("  </capabilities>\n  <session-id>")
          .append(id)
          .append("</session-id>\n</hello>");
      framing.write(hello.toString());
      String clientHello = framing.read();
      if (clientHello == null) {
        return;
      }
      Xml parsedHello;
      try {
        parsedHello = Xml.parse(clientHello);
      } catch (Xml.MalformedException e) {
        framing.write(
            reply(
                null,
                error(
                    "protocol", "malformed-message", "malformed hello: " + e.getMessage(), null)));
        return;
      }
      if (!parsedHello.name().equals("hello")) {
        framing.write(
            reply(
                null,
                error("protocol", "operation-failed", "expecting <hello>", parsedHello.name())));
        return;
      }
      Xml capabilities = parsedHello.child("capabilities");
      boolean base11 =
          capabilities != null
              && capabilities.children().stream()
                  .anyMatch(c -> c.text().strip().equals("urn:ietf:params:netconf:base:1.1"));
      if (base11) {
        framing.useChunked();
      }
      while (!killed) {
        String message;
        try {
          message = framing.read();
        } catch (Framing.FramingException e) {
          try {
            framing.write(reply(null, error("rpc", "malformed-message", e.getMessage(), null)));
          } catch (IOException ignored) {
            // the session ends anyway
          }
          return;
        }
        if (message == null || killed) {
          return;
        }
        if (message.isBlank()) {
          continue;
        }
        if (!handle(message)) {
          return;
        }
      }
    } finally {
      if (configuration != null) {
        configuration.close();
      }
    }
  }

  /** Answers one message; false when the session is to end. */
  private boolean handle(String message) throws IOException {
    Xml rpc;
    try {
      rpc = Xml.parse(message);
    } catch (Xml.MalformedException e) {
      framing.write(
          reply(
              null,
              error("protocol", "operation-failed", "syntax error: " + e.getMessage(), null)));
      return true;
    }
    String messageId = rpc.attribute("message-id");
    if (!rpc.name().equals("rpc")) {
      framing.write(
          reply(
              messageId,
              error("protocol", "operation-failed", "syntax error, expecting <rpc>", rpc.name())));
      return true;
    }
    if (rpc.children().size() != 1) {
      framing.write(
          reply(
              messageId,
              error(
                  "protocol",
                  "operation-failed",
                  "syntax error, expecting exactly one operation",
                  null)));
      return true;
    }
    Xml operation = rpc.children().getFirst();
    String body;
    boolean close = false;
    try {
      switch (operation.name()) {
        case "close-session" -> {
          body = "<ok/>";
          close = true;
        }
        case "kill-session" -> body = killSession(operation);
        default -> body = dispatch(operation);
      }
    } catch (org.flowgate.dataplane.control.EngineStoppedException e) { // the engine was closed
      body = error("application", "operation-failed", e.getMessage(), null);
    } catch (RuntimeException e) {
      body =
          error(
              "application",
              "operation-failed",
              "internal error: " + e.getClass().getSimpleName(),
              null);
    }
    framing.write(reply(messageId, body));
    return !close;
  }

  private String killSession(Xml operation) {
    String target = operation.childText("session-id");
    int session;
    try {
      session = Integer.parseInt(target == null ? "" : target);
    } catch (NumberFormatException e) {
      return error("protocol", "missing-element", "session-id required", "session-id");
    }
    if (session == id) {
      return error("protocol", "invalid-value", "cannot kill your own session", "session-id");
    }
    if (!account.loginClass().has("all")) {
      return error("protocol", "access-denied", "permission denied", "kill-session");
    }
    return server.kill(session)
        ? "<ok/>"
        : error("protocol", "invalid-value", "no session " + session, "session-id");
  }

  private String dispatch(Xml op) {
    OperationalRpcs.Format format = format(op.attribute("format"));
    switch (op.name()) {
      case "get-config", "get" -> {
        if (!account.loginClass().has("view")) {
          return denied(op);
        }
        boolean candidate =
            op.child("source") != null && op.child("source").child("candidate") != null;
        List<ConfigStatement> statements = visible(candidate ? session().candidate() : committed());
        return "<data>\n" + configurationXml(statements) + "</data>";
      }
      case "get-configuration" -> {
        return getConfiguration(op);
      }
      case "edit-config" -> {
        return editConfig(op);
      }
      case "load-configuration" -> {
        return loadConfiguration(op);
      }
      case "validate" -> {
        ConfigurationDatabase.Outcome checked = session().check();
        return checked.ok() ? "<ok/>" : commitError(checked.message());
      }
      case "commit" -> {
        if (!account.loginClass().has("configure")) {
          return denied(op);
        }
        long seconds = 0;
        if (op.child("confirmed") != null) {
          seconds = number(op.childText("confirm-timeout"), 600);
        }
        ConfigurationDatabase.Outcome done = session().commit(null, seconds);
        return done.ok() ? "<ok/>" : commitError(done.message());
      }
      case "commit-configuration" -> {
        if (!account.loginClass().has("configure")) {
          return denied(op);
        }
        if (op.child("check") != null) {
          ConfigurationDatabase.Outcome checked = session().check();
          return checked.ok()
              ? "<commit-results>\n<routing-engine junos:style=\"normal\">\n<name>re0</name>\n<commit-check-success/>\n</routing-engine>\n</commit-results>"
              : commitError(checked.message());
        }
        long seconds =
            op.child("confirmed") != null ? number(op.childText("confirm-timeout"), 10) * 60 : 0;
        ConfigurationDatabase.Outcome done = session().commit(op.childText("log"), seconds);
        return done.ok()
            ? "<commit-results>\n<routing-engine junos:style=\"normal\">\n<name>re0</name>\n<commit-success/>\n</routing-engine>\n</commit-results>"
            : commitError(done.message());
      }
      case "discard-changes" -> {
        ConfigurationDatabase.Outcome done = session().discard();
        return done.ok() ? "<ok/>" : error("application", "operation-failed", done.message(), null);
      }
      case "lock", "lock-configuration" -> {
        if (!account.loginClass().has("configure")) {
          return denied(op);
        }
        ConfigurationDatabase.Outcome locked = session().lock();
        return locked.ok() ? "<ok/>" : error("protocol", "lock-denied", locked.message(), null);
      }
      case "unlock", "unlock-configuration" -> {
        ConfigurationDatabase.Outcome unlocked = session().unlock();
        return unlocked.ok()
            ? "<ok/>"
            : error("protocol", "operation-failed", unlocked.message(), null);
      }
      case "open-configuration" -> {
        if (!account.loginClass().has("configure")) {
          return denied(op);
        }
        ConfigurationDatabase.Mode mode =
            op.child("private") != null
                ? ConfigurationDatabase.Mode.PRIVATE
                : ConfigurationDatabase.Mode.SHARED;
        if (configuration != null) {
          configuration.close();
        }
        ConfigurationDatabase.Opened opened =
            device.configuration().tryOpen(account.name(), "netconf", mode);
        if (opened instanceof ConfigurationDatabase.Refused refused) {
          configuration = null;
          return error("protocol", "operation-failed", refused.message(), null);
        }
        configuration = (ConfigurationDatabase.Session) opened; // the only other case
        return "<ok/>";
      }
      case "close-configuration" -> {
        if (configuration != null) {
          configuration.close();
          configuration = null;
        }
        return "<ok/>";
      }
      case "command" -> {
        String line = op.text().strip();
        if (line.isEmpty()) {
          return error(
              "protocol", "missing-element", "syntax error, expecting <command>", "command");
        }
        String own = ownCommand(line, format);
        return own != null
            ? own
            : answer(operational.command(line, format, account.loginClass()), op);
      }
      case "get-software-information" -> {
        return softwareInformation();
      }
      case "get-route-engine-information" -> {
        return "<route-engine-information xmlns=\"http://xml.juniper.net/junos/"
            + Device.RELEASE
            + "/junos-chassis\">\n<route-engine>\n<slot>0</slot>\n<mastership-state>master</mastership-state>\n<status>OK</status>\n<model>FLOWGATE-RE</model>\n<start-time>"
            + STARTED
            + "</start-time>\n</route-engine>\n</route-engine-information>";
      }
      case "get-chassis-inventory" -> {
        return "<chassis-inventory xmlns=\"http://xml.juniper.net/junos/"
            + Device.RELEASE
            + "/junos-chassis\">\n<chassis junos:style=\"inventory\">\n<name>Chassis</name>\n<serial-number>"
            + Xml.escape(device.hostName())
            + "</serial-number>\n<description>Flowgate</description>\n</chassis>\n</chassis-inventory>";
      }
      case "file-list" -> {
        String home = "/var/home/" + account.name() + "/";
        return "<directory-list root-path=\""
            + Xml.escape(home)
            + "\">\n<directory>\n<directory-name>"
            + Xml.escape(home)
            + "</directory-name>\n</directory>\n</directory-list>";
      }
      default -> {
        OperationalRpcs.Answer answer = operational.run(op, format, account.loginClass());
        if (answer instanceof OperationalRpcs.Answer.Unknown) {
          return error("protocol", "operation-failed", "syntax error", op.name());
        }
        return answer(answer, op);
      }
    }
  }

  private static final String STARTED = Instant.now().toString();

  private String softwareInformation() {
    return "<software-information>\n<host-name>"
        + Xml.escape(device.hostName())
        + "</host-name>\n<product-model>flowgate</product-model>\n<product-name>flowgate</product-name>\n<junos-version>"
        + Device.RELEASE
        + "</junos-version>\n</software-information>";
  }

  /** The device's own CLI commands over {@code <command>}. */
  private String ownCommand(String line, OperationalRpcs.Format format) {
    String stripped = line.replaceAll("\\s+", " ").strip();
    if (stripped.equals("show version") || stripped.equals("show version | display xml")) {
      if (format == OperationalRpcs.Format.TEXT && !stripped.endsWith("xml")) {
        return "<output>\nHostname: "
            + Xml.escape(device.hostName())
            + "\nModel: flowgate\nJunos: "
            + Device.RELEASE
            + "\n</output>";
      }
      return softwareInformation();
    }
    return null;
  }

  private String answer(OperationalRpcs.Answer answer, Xml op) {
    return switch (answer) {
      case OperationalRpcs.Answer.Body body -> body.content();
      case OperationalRpcs.Answer.Error e ->
          error("protocol", e.tag(), e.message(), e.badElement() == null ? null : e.badElement());
      case OperationalRpcs.Answer.Unknown u ->
          error("protocol", "operation-failed", "syntax error", op.name());
    };
  }

  private ConfigurationDatabase.Session session() {
    if (configuration == null) {
      configuration =
          device.configuration().open(account.name(), "netconf", ConfigurationDatabase.Mode.SHARED);
    }
    return configuration;
  }

  private List<ConfigStatement> committed() {
    return device.configuration().committed().statements();
  }

  private List<ConfigStatement> visible(List<ConfigStatement> statements) {
    return Device.visible(statements, account.loginClass());
  }

  private String getConfiguration(Xml op) {
    if (!account.loginClass().has("view")) {
      return denied(op);
    }
    String database = op.attribute("database");
    List<ConfigStatement> statements =
        visible("candidate".equals(database) ? session().candidate() : committed());
    if ("rollback".equals(op.attribute("compare"))) {
      int number = (int) number(op.attribute("rollback"), 0);
      try {
        String diff = session().compare(number);
        if (diff == null) {
          return error(
              "application", "operation-failed", "rollback " + number + " not found", null);
        }
        return "<configuration-information>\n<configuration-output>\n"
            + Xml.escape(diff)
            + "</configuration-output>\n</configuration-information>";
      } catch (IOException e) {
        return error("application", "operation-failed", e.getMessage(), null);
      }
    }
    Xml filter = op.child("configuration");
    if (filter != null && !filter.children().isEmpty()) {
      List<String> path = new ArrayList<>();
      Xml node = filter;
      while (node.children().size() == 1) {
        node = node.children().getFirst();
        path.add(node.name());
        String name = node.childText("name");
        if (name != null) {
          path.add(name);
          break;
        }
      }
      statements = ConfigPrinter.select(statements, path);
    }
    String format = op.attribute("format") == null ? "xml" : op.attribute("format");
    String text =
        ConfigPrinter.hierarchical(statements)
            .replace("\"" + Device.SECRET_DATA + "\"", Device.SECRET_DATA);
    return switch (format) {
      case "text" -> "<configuration-text>\n" + Xml.escape(text) + "</configuration-text>";
      case "set" ->
          "<configuration-set>\n"
              + Xml.escape(ConfigPrinter.displaySet(statements))
              + "</configuration-set>";
      case "json" -> ConfigJson.of(ConfigXml.toXml(statements));
      default -> configurationXml(statements);
    };
  }

  private String configurationXml(List<ConfigStatement> statements) {
    StringBuilder out =
        new StringBuilder(
            "<configuration junos:changed-seconds=\"0\" junos:changed-localtime=\"\">\n");
    for (ConfigXml.Element element : ConfigXml.toXml(statements)) {
      write(element, out, 1);
    }
    return out.append("</configuration>\n").toString();
  }

  private static void write(ConfigXml.Element element, StringBuilder out, int depth) {
    String indent = "    ".repeat(depth);
    out.append(indent).append('<').append(element.name());
    if (element.children().isEmpty()) {
      if (element.text() == null) {
        out.append("/>\n");
      } else {
        out.append('>')
            .append(Xml.escape(element.text()))
            .append("</")
            .append(element.name())
            .append(">\n");
      }
      return;
    }
    out.append(">\n");
    for (ConfigXml.Element child : element.children()) {
      write(child, out, depth + 1);
    }
    out.append(indent).append("</").append(element.name()).append(">\n");
  }

  private String editConfig(Xml op) {
    if (!account.loginClass().has("configure")) {
      return denied(op);
    }
    Xml target = op.child("target");
    if (target == null || target.child("candidate") == null) {
      return error(
          "protocol", "invalid-value", "only the candidate configuration can be edited", "target");
    }
    String defaultOperation = op.childText("default-operation");
    CandidateConfiguration.LoadMode mode =
        "replace".equals(defaultOperation)
            ? CandidateConfiguration.LoadMode.OVERRIDE
            : CandidateConfiguration.LoadMode.MERGE;
    Xml configText = op.child("config-text");
    if (configText != null) {
      Xml text = configText.child("configuration-text");
      Xml set = configText.child("configuration-set");
      if (set != null) {
        return loaded(
            session().load(CandidateConfiguration.LoadMode.SET, set.text(), "edit-config"), false);
      }
      if (text == null) {
        return error(
            "protocol", "missing-element", "expecting <configuration-text>", "config-text");
      }
      return loaded(session().load(mode, text.text(), "edit-config"), false);
    }
    Xml config = op.child("config");
    Xml configuration = config == null ? null : config.child("configuration");
    if (configuration == null) {
      return error("protocol", "missing-element", "expecting <config><configuration>", "config");
    }
    return loaded(applyXml(configuration, mode), false);
  }

  /** A {@code <configuration>} element into the candidate; {@code operation="delete"} deletes. */
  private ConfigurationDatabase.Outcome applyXml(
      Xml configuration, CandidateConfiguration.LoadMode mode) {
    List<ConfigStatement> deletes = new ArrayList<>();
    List<ConfigXml.Element> elements = new ArrayList<>();
    for (Xml child : configuration.children()) {
      elements.add(element(child, deletes));
    }
    List<ConfigStatement> statements = ConfigXml.fromXml(elements, "edit-config");
    StringBuilder set = new StringBuilder();
    for (ConfigStatement statement : statements) {
      set.append(statement.words().contains(DELETE_MARK) ? "delete " : "set ");
      List<String> words = statement.words().stream().filter(w -> !w.equals(DELETE_MARK)).toList();
      set.append(String.join(" ", words.stream().map(ConfigPrinter::quote).toList())).append('\n');
    }
    if (mode == CandidateConfiguration.LoadMode.OVERRIDE) {
      session().load(CandidateConfiguration.LoadMode.OVERRIDE, "", "edit-config");
    }
    return session().load(CandidateConfiguration.LoadMode.SET, set.toString(), "edit-config");
  }

  private static final String DELETE_MARK = "\u0000delete";

  private static ConfigXml.Element element(Xml xml, List<ConfigStatement> deletes) {
    List<ConfigXml.Element> children = new ArrayList<>();
    for (Xml child : xml.children()) {
      children.add(element(child, deletes));
    }
    boolean delete =
        "delete".equals(xml.attribute("operation")) || "delete".equals(xml.attribute("delete"));
    if (delete) {
      // a marker leaf: the statements below this element are deleted rather than set
      if (children.stream().noneMatch(c -> c.name().equals("name"))) {
        return new ConfigXml.Element(
            xml.name(), null, List.of(ConfigXml.Element.leaf(DELETE_MARK, null)));
      }
      List<ConfigXml.Element> marked =
          new ArrayList<>(children.stream().filter(c -> c.name().equals("name")).toList());
      marked.add(ConfigXml.Element.leaf(DELETE_MARK, null));
      return new ConfigXml.Element(xml.name(), null, marked);
    }
    String text = xml.text().strip();
    return new ConfigXml.Element(
        xml.name(), children.isEmpty() && !text.isEmpty() ? text : null, children);
  }

  private String loadConfiguration(Xml op) {
    if (!account.loginClass().has("configure")) {
      return denied(op);
    }
    String rollback = op.attribute("rollback");
    if (rollback != null) {
      int number = (int) number(rollback, -1);
      if (number < 0 || number >= CommitHistory.KEPT) {
        return error("protocol", "invalid-value", "rollback must be 0 to 49", "rollback");
      }
      return loaded(session().rollback(number), true);
    }
    String action = op.attribute("action") == null ? "merge" : op.attribute("action");
    CandidateConfiguration.LoadMode mode =
        switch (action) {
          case "merge", "update" -> CandidateConfiguration.LoadMode.MERGE;
          case "replace" -> CandidateConfiguration.LoadMode.REPLACE;
          case "override" -> CandidateConfiguration.LoadMode.OVERRIDE;
          case "set" -> CandidateConfiguration.LoadMode.SET;
          default -> null;
        };
    if (mode == null) {
      return error(
          "protocol",
          "invalid-value",
          "action must be merge, replace, override, set or update",
          "action");
    }
    Xml set = op.child("configuration-set");
    Xml text = op.child("configuration-text");
    Xml xml = op.child("configuration");
    ConfigurationDatabase.Outcome outcome;
    if (set != null) {
      outcome =
          session().load(CandidateConfiguration.LoadMode.SET, set.text(), "configuration-set");
    } else if (text != null) {
      outcome = session().load(mode, text.text(), "configuration-text");
    } else if (xml != null) {
      outcome = applyXml(xml, mode);
    } else {
      return error(
          "protocol",
          "missing-element",
          "expecting <configuration>, <configuration-text> or <configuration-set>",
          "load-configuration");
    }
    return loaded(outcome, true);
  }

  private String loaded(ConfigurationDatabase.Outcome outcome, boolean junos) {
    if (outcome.ok()) {
      return junos ? "<load-configuration-results>\n<ok/>\n</load-configuration-results>" : "<ok/>";
    }
    String rpcError = error("application", "operation-failed", outcome.message().strip(), null);
    return junos
        ? "<load-configuration-results>\n"
            + rpcError
            + "\n<load-error-count>1</load-error-count>\n</load-configuration-results>"
        : rpcError;
  }

  private static String commitError(String message) {
    StringBuilder errors = new StringBuilder();
    String path = null;
    for (String line : message.split("\n")) {
      if (line.startsWith("[edit")) {
        path = line;
      } else if (line.startsWith("    ") && path != null) {
        errors
            .append(
                "<rpc-error>\n<error-type>application</error-type>\n<error-tag>invalid-value</error-tag>\n<error-severity>")
            .append(line.strip().startsWith("warning:") ? "warning" : "error")
            .append("</error-severity>\n<error-path>")
            .append(Xml.escape(path))
            .append("</error-path>\n<error-message>")
            .append(Xml.escape(line.strip()))
            .append("</error-message>\n</rpc-error>\n");
      }
    }
    String last =
        message
            .strip()
            .lines()
            .reduce((a, b) -> b)
            .orElse("commit failed")
            .replaceFirst("^error: ", "");
    return errors + error("application", "operation-failed", last, null);
  }

  private String denied(Xml op) {
    return error("protocol", "access-denied", "permission denied", op.name());
  }

  static String error(String type, String tag, String message, String badElement) {
    StringBuilder out =
        new StringBuilder("<rpc-error>\n<error-type>")
            .append(type)
            .append("</error-type>\n<error-tag>")
            .append(tag)
            .append("</error-tag>\n<error-severity>error</error-severity>\n<error-message>")
            .append(Xml.escape(message))
            .append("</error-message>\n");
    if (badElement != null) {
      out.append("<error-info>\n<bad-element>")
          .append(Xml.escape(badElement))
          .append("</bad-element>\n</error-info>\n");
    }
    return out.append("</rpc-error>").toString();
  }

  private static String reply(String messageId, String body) {
    StringBuilder out =
        new StringBuilder("<rpc-reply xmlns=\"")
            .append(BASE)
            .append("\" xmlns:junos=\"")
            .append(JUNOS)
            .append('"');
    if (messageId != null) {
      out.append(" message-id=\"").append(Xml.escape(messageId)).append('"');
    }
    return out.append(">\n").append(body.strip()).append("\n</rpc-reply>").toString();
  }

  private static OperationalRpcs.Format format(String attribute) {
    if (attribute == null) {
      return OperationalRpcs.Format.XML;
    }
    return switch (attribute.toLowerCase(java.util.Locale.ROOT)) {
      case "text", "ascii" -> OperationalRpcs.Format.TEXT;
      case "json" -> OperationalRpcs.Format.JSON;
      default -> OperationalRpcs.Format.XML;
    };
  }

  private static long number(String text, long fallback) {
    try {
      long value = Long.parseLong(text == null ? "" : text.strip());
      return value > 0 ? value : fallback;
    } catch (NumberFormatException e) {
      return fallback;
    }
  }
}
