package org.flowgate.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Network namespaces a test makes for itself ({@code ip netns add}), named {@code fgs-PIDNS-PID-N}
 * (PIDNS: the inode of this process's PID namespace, so that test JVMs of other containers sharing
 * the kernel's {@code /run/netns}, whose process ids may be ours, never take or delete our names),
 * and the processes it starts inside them ({@code ip netns exec}). {@link #close()} ends those
 * processes (and their children) and deletes the namespaces whatever happened; making one first
 * deletes leftovers of test JVMs of our PID namespace that died without closing theirs.
 *
 * <p>Only for root on Linux with iproute2: {@link #unavailableBecause()} says why not.
 *
 * <p>Thread: the test's.
 */
final class Netns implements AutoCloseable {
  private static final String PREFIX = "fgs-";
  private static final AtomicInteger COUNTER = new AtomicInteger();

  /** {@code fgs-PIDNS-PID-}: every name this JVM makes starts so. */
  private static final String OURS =
      PREFIX + pidNamespace() + "-" + ProcessHandle.current().pid() + "-";

  private final List<String> names = new ArrayList<>();
  private final List<Process> processes = new ArrayList<>();

  /** Null when namespaces can be made here, else the reason, for the skip message. */
  static String unavailableBecause() {
    if (!System.getProperty("os.name", "").startsWith("Linux")) {
      return "network namespaces need Linux";
    }
    if (!"root".equals(System.getProperty("user.name"))) {
      return "making network namespaces needs root";
    }
    if (!onPath("ip")) {
      return "iproute2 (ip) is not installed";
    }
    try {
      String probe = OURS + "probe";
      run("ip", "netns", "add", probe);
      run("ip", "netns", "del", probe);
    } catch (IOException e) {
      return "this host refuses network namespaces: " + e.getMessage();
    }
    return null;
  }

  static boolean onPath(String program) {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
      if (Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return Files.isExecutable(Path.of("/usr/sbin", program))
        || Files.isExecutable(Path.of("/sbin", program));
  }

  /** Makes a namespace with its loopback up; its name. */
  String add() throws IOException {
    sweep();
    String name = OURS + COUNTER.incrementAndGet();
    run("ip", "netns", "add", name);
    names.add(name);
    ip(name, "link", "set", "lo", "up");
    return name;
  }

  /** {@code ip -n NS ARGS...}. */
  void ip(String ns, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of("ip", "-n", ns));
    command.addAll(List.of(args));
    run(command.toArray(String[]::new));
  }

  /** {@code ip netns exec NS ARGS...}, which must succeed; its output. */
  String exec(String ns, String... args) throws IOException {
    Result result = execAnyway(ns, 60, args);
    if (result.status() != 0) {
      throw new IOException(
          String.join(" ", args)
              + " in "
              + ns
              + " exited "
              + result.status()
              + ": "
              + result.out());
    }
    return result.out();
  }

  record Result(int status, String out) {}

  /** {@code ip netns exec NS ARGS...}: its status and output (stderr too), killed after seconds. */
  Result execAnyway(String ns, int seconds, String... args) throws IOException {
    Process process = new ProcessBuilder(inside(ns, args)).redirectErrorStream(true).start();
    CompletableFuture<String> out =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
              } catch (IOException e) {
                return "(output unreadable: " + e.getMessage() + ")";
              }
            });
    try {
      process.getOutputStream().close();
      if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
        throw new IOException(String.join(" ", args) + " did not finish in " + seconds + " s");
      }
      return new Result(process.exitValue(), out.get(10, TimeUnit.SECONDS));
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException("output of " + String.join(" ", args) + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } finally {
      destroyTree(process);
    }
  }

  /** Starts {@code ip netns exec NS ARGS...} writing to {@code output}; ended by close. */
  Process start(String ns, Path output, String... args) throws IOException {
    Process process =
        new ProcessBuilder(inside(ns, args))
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    processes.add(process);
    return process;
  }

  private static List<String> inside(String ns, String... args) {
    List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", ns));
    command.addAll(List.of(args));
    return command;
  }

  /** SIGTERM to a process and its descendants, SIGKILL to whatever is left after 20 s. */
  static void destroyTree(Process process) {
    List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
    all.add(process.toHandle());
    all.forEach(ProcessHandle::destroy);
    long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    for (ProcessHandle handle : all) {
      long leftNs = deadlineNs - System.nanoTime();
      try {
        handle.onExit().get(Math.max(leftNs, 1), TimeUnit.NANOSECONDS);
      } catch (Exception e) {
        handle.destroyForcibly();
      }
    }
  }

  @Override
  public void close() {
    for (Process process : processes.reversed()) {
      destroyTree(process);
    }
    for (String name : names.reversed()) {
      try {
        run("ip", "netns", "del", name);
      } catch (IOException e) {
        // already gone
      }
    }
  }

  static String run(String... command) throws IOException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      process.getOutputStream().close();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IOException(String.join(" ", command) + " failed: " + output.strip());
      }
      return output;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } finally {
      process.destroyForcibly();
    }
  }

  /** The inode number of this process's PID namespace ("0" where it cannot be read). */
  static String pidNamespace() {
    try {
      String link = Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString(); // pid:[N]
      return link.replaceAll("[^0-9]", "");
    } catch (IOException | UnsupportedOperationException e) {
      return "0";
    }
  }

  /**
   * Deletes namespaces of our PID namespace whose test process is gone; those of another PID
   * namespace (another container's tests) and names of any other pattern are left alone.
   */
  private static void sweep() throws IOException {
    String ourNamespace = PREFIX + pidNamespace() + "-";
    for (String line : run("ip", "netns", "list").split("\n")) {
      String found = line.strip().split(" ")[0];
      if (!found.startsWith(ourNamespace)) {
        continue;
      }
      try {
        long pid = Long.parseLong(found.substring(ourNamespace.length()).split("-")[0]);
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
          continue;
        }
      } catch (NumberFormatException e) {
        continue; // not a name of ours
      }
      run("ip", "netns", "del", found);
    }
  }
}
