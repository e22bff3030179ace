package org.flowgate.mgmt.configure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The committed configuration and its rollback history in the state directory, as Junos keeps
 * {@code juniper.conf} and {@code juniper.conf.1} to {@code .49}: rollback 0 is the running
 * configuration, 1 the one before it.
 *
 * <pre>
 * STATE/config/juniper.conf      ## Last commit: 2026-12-03 08:20:00 UTC by admin via cli
 * STATE/config/juniper.conf.1    ## Comment: TEXT                  (only with commit comment)
 * ...                            the configuration, hierarchical
 * STATE/config/juniper.conf.49
 * </pre>
 *
 * Files are written to a temporary name and moved into place, so a crash leaves either the old or
 * the new history.
 *
 * <p>Thread: not thread-safe; used under the configuration database's lock.
 */
public final class CommitHistory {
  /** Rollback numbers kept: 0 to 49, as on Junos. */
  public static final int KEPT = 50;

  /** One committed configuration and who committed it. */
  public record Revision(
      int number, String time, String user, String client, String comment, String text) {}

  private final Path directory;

  public CommitHistory(Path stateDirectory) throws IOException {
    this.directory = stateDirectory.resolve("config");
    Files.createDirectories(directory);
  }

  private Path file(int number) {
    return directory.resolve(number == 0 ? "juniper.conf" : "juniper.conf." + number);
  }

  /** Rollback {@code number}, or null when there is none. */
  public Revision revision(int number) throws IOException {
    Path file = file(number);
    if (number < 0 || number >= KEPT || !Files.isRegularFile(file)) {
      return null;
    }
    String content = Files.readString(file, StandardCharsets.UTF_8);
    String time = "";
    String user = "";
    String client = "";
    String comment = null;
    StringBuilder text = new StringBuilder();
    for (String line : content.split("\n", -1)) {
      if (line.startsWith("## Last commit: ")) {
        String rest = line.substring("## Last commit: ".length());
        int by = rest.indexOf(" by ");
        int via = rest.lastIndexOf(" via ");
        if (by > 0 && via > by) {
          time = rest.substring(0, by);
          user = rest.substring(by + 4, via);
          client = rest.substring(via + 5);
        }
      } else if (line.startsWith("## Comment: ")) {
        comment = line.substring("## Comment: ".length());
      } else {
        text.append(line).append('\n');
      }
    }
    String body = text.toString().strip();
    return new Revision(number, time, user, client, comment, body.isEmpty() ? "" : body + "\n");
  }

  /** Every revision kept, newest first. */
  public List<Revision> revisions() throws IOException {
    List<Revision> all = new ArrayList<>();
    for (int number = 0; number < KEPT; number++) {
      Revision revision = revision(number);
      if (revision == null) {
        break;
      }
      all.add(revision);
    }
    return all;
  }

  /** Stores a new rollback 0, shifting the others up one and dropping the 50th. */
  public void push(String time, String user, String client, String comment, String text)
      throws IOException {
    Files.deleteIfExists(file(KEPT - 1));
    for (int number = KEPT - 2; number >= 0; number--) {
      if (Files.exists(file(number))) {
        Files.move(file(number), file(number + 1), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    StringBuilder content =
        new StringBuilder("## Last commit: ")
            .append(time)
            .append(" by ")
            .append(user)
            .append(" via ")
            .append(client)
            .append('\n');
    if (comment != null && !comment.isBlank()) {
      content.append("## Comment: ").append(comment.replace('\n', ' ')).append('\n');
    }
    content.append(text);
    Path temporary = directory.resolve("juniper.conf.new");
    Files.writeString(temporary, content, StandardCharsets.UTF_8);
    try {
      Files.move(temporary, file(0), StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temporary, file(0), StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
