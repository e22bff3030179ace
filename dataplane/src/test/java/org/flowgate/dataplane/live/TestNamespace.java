package org.flowgate.dataplane.live;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A network namespace a test makes for itself ({@code ip netns add}), named {@code fgt-PIDNS-PID-N}
 * so that runs never collide (PIDNS: the inode of this process's PID namespace, so that test JVMs
 * of other containers sharing the kernel's {@code /run/netns}, whose process ids may be ours, never
 * take or delete our names), deleted by {@link #close()} whatever happened. Making one first
 * deletes leftovers of test JVMs of our PID namespace that died without closing theirs. Work that
 * must happen inside runs on a thread of its own that entered the namespace ({@link #inside}): a
 * thread's network namespace is its own, and sockets opened there stay there.
 *
 * <p>Only for root on Linux with iproute2: {@link #available()} tells, and tests assume it.
 */
final class TestNamespace implements AutoCloseable {
  private static final String PREFIX = "fgt-";
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static final String OURS =
      PREFIX + pidNamespace() + "-" + ProcessHandle.current().pid() + "-";

  private final String name;
  private final ExecutorService thread;

  private TestNamespace(String name) {
    this.name = name;
    this.thread =
        Executors.newSingleThreadExecutor(
            r -> Thread.ofPlatform().name("netns-" + name).daemon().unstarted(r));
  }

  /** True when this process may make namespaces: Linux, root, and the ip command. */
  static boolean available() {
    return System.getProperty("os.name", "").startsWith("Linux")
        && "root".equals(System.getProperty("user.name"))
        && (Files.isExecutable(Path.of("/usr/sbin/ip")) || Files.isExecutable(Path.of("/sbin/ip")));
  }

  static TestNamespace create() throws IOException {
    sweep();
    String name = OURS + COUNTER.incrementAndGet();
    run("ip", "netns", "add", name);
    TestNamespace created = new TestNamespace(name);
    try {
      created.ip("link", "set", "lo", "up");
      created
          .thread
          .submit(
              () -> {
                Linux.enterNetworkNamespace(name);
                return null;
              })
          .get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      created.close();
      throw new IOException("cannot enter " + name + ": " + e, e);
    }
    return created;
  }

  String name() {
    return name;
  }

  /** {@code ip -n NAME ARGS...}. */
  void ip(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of("ip", "-n", name));
    command.addAll(List.of(args));
    run(command.toArray(String[]::new));
  }

  /** {@code ip netns exec NAME ARGS...}; its output. */
  String exec(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", name));
    command.addAll(List.of(args));
    return run(command.toArray(String[]::new));
  }

  /** {@code ip netns exec NAME ARGS...}; its output whatever its exit status. */
  String execAnyway(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", name));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      process.waitFor(30, TimeUnit.SECONDS);
      return output;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } finally {
      process.destroy();
    }
  }

  /** Runs {@code work} on the thread that lives in the namespace. */
  <T> T inside(Callable<T> work) throws Exception {
    Future<T> result = thread.submit(work);
    try {
      return result.get(60, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    }
  }

  @Override
  public void close() {
    thread.shutdownNow();
    try {
      run("ip", "netns", "del", name);
    } catch (IOException e) {
      // already gone
    }
  }

  static String run(String... command) throws IOException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IOException(String.join(" ", command) + " failed: " + output.strip());
      }
      return output;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } finally {
      process.destroy();
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
