package org.flowgate.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Compares builds of the fast path on a noisy machine: loads {@link FastPathBenchmark} from each
 * given benchmarks jar in its own class loader (so each has its own compiled code and its own
 * session table), then alternates short slices of {@code parseAndProcessBatch} between them in one
 * process, timed by the thread's CPU time. A slow phase of the host hits every build alike, so the
 * median of the per-round ratios says more than runs minutes apart.
 *
 * <pre>
 * java --enable-native-access=ALL-UNNAMED -Xmx6g -cp bench/target/benchmarks.jar \
 *     org.flowgate.bench.AlternatingBuilds SESSIONS ROUNDS SLICE_SECONDS A.jar B.jar ...
 *     ... AlternatingBuilds 1000000 30 0.5 A.jar@off A.jar@on B.jar@off B.jar@decided
 * </pre>
 *
 * <p>{@code JAR@VALUE} sets the benchmark's {@code appid} parameter ({@code off}, {@code on},
 * {@code decided}); {@code JAR@VALUE+hash} also hands every packet its key hash as a dispatcher
 * does ({@code FastPathBenchmark.dispatchedHash}); {@code +FIELD=VALUE} sets another parameter
 * ({@code JAR@off+appqos=on}); one jar may be named several times, each in a loader of its own.
 *
 * <p>Prints each build's packets per CPU-second (median and quartiles over the rounds) and each
 * build's median ratio to the first. Every table is resident at once, so absolute figures run lower
 * than a benchmark's own; the ratios are the point. {@code -Dprotocol=tcp} for TCP; {@code
 * -Dpath=first} compares the first path instead ({@link FirstPathBenchmark#parseAndInstall}: every
 * slice starts from an empty table and installs a new session per packet; SESSIONS is ignored);
 * {@code -Dpath=policy} the policy lookup ({@link PolicyLookupBenchmark#lookup}: SESSIONS is the
 * number of policies, {@code -Dtraffic=} its traffic, {@code JAR@+dynamic=pending} its rule base;
 * the figures are then millions of lookups per CPU-second).
 */
public final class AlternatingBuilds {
  private record Build(
      String name,
      Object benchmark,
      Method operation,
      int packetsPerOperation,
      Method beforeSlice) {}

  private AlternatingBuilds() {}

  public static void main(String[] args) throws ReflectiveOperationException, java.io.IOException {
    if (args.length < 4) {
      System.err.println(
          "usage: AlternatingBuilds SESSIONS ROUNDS SLICE_SECONDS A.jar [B.jar ...]");
      System.exit(2);
    }
    int sessions = Integer.parseInt(args[0]);
    int rounds = Integer.parseInt(args[1]);
    long sliceNs = (long) (Double.parseDouble(args[2]) * 1e9);
    Build[] builds = new Build[args.length - 3];
    boolean firstPath = "first".equals(System.getProperty("path"));
    for (int i = 0; i < builds.length; i++) {
      String argument = args[3 + i];
      int at = argument.lastIndexOf('@');
      String appid = null;
      boolean dispatchedHash = false;
      java.util.List<String> assignments = new java.util.ArrayList<>();
      for (String option : at < 0 ? new String[0] : argument.substring(at + 1).split("\\+")) {
        if (option.contains("=")) {
          assignments.add(option); // FIELD=VALUE, e.g. appqos=on
        } else if (option.equals("hash")) {
          dispatchedHash = true;
        } else {
          appid = option;
        }
      }
      Path jar = Path.of(at < 0 ? argument : argument.substring(0, at));
      URLClassLoader loader =
          new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
      if ("policy".equals(System.getProperty("path"))) {
        Class<?> type = loader.loadClass(PolicyLookupBenchmark.class.getName());
        Object benchmark = type.getConstructor().newInstance();
        type.getField("policies").setInt(benchmark, sessions);
        type.getField("traffic").set(benchmark, System.getProperty("traffic", "random-server"));
        type.getField("dynamic").set(benchmark, "legacy");
        for (String assignment : assignments) { // dynamic=pending, traffic=no-server
          String[] fieldValue = assignment.split("=", 2);
          type.getField(fieldValue[0]).set(benchmark, fieldValue[1]);
        }
        type.getMethod("setUp").invoke(benchmark);
        builds[i] = new Build(argument, benchmark, type.getMethod("lookup"), 1, null);
        continue;
      }
      if (firstPath) {
        Class<?> type = loader.loadClass(FirstPathBenchmark.class.getName());
        Object benchmark = type.getConstructor().newInstance();
        type.getField("protocol").set(benchmark, System.getProperty("protocol", "udp"));
        setAppid(type, benchmark, appid);
        setParameters(type, benchmark, assignments);
        type.getMethod("buildFrames").invoke(benchmark);
        builds[i] =
            new Build(
                argument,
                benchmark,
                type.getMethod("parseAndInstall"),
                1,
                type.getMethod("emptyTable"));
        continue;
      }
      Class<?> type = loader.loadClass(FastPathBenchmark.class.getName());
      Object benchmark = type.getConstructor().newInstance();
      type.getField("sessions").setInt(benchmark, sessions);
      type.getField("protocol").set(benchmark, System.getProperty("protocol", "udp"));
      setAppid(type, benchmark, appid);
      setParameters(type, benchmark, assignments);
      if (dispatchedHash) {
        type.getField("dispatchedHash").setBoolean(benchmark, true);
      }
      type.getMethod("setUp").invoke(benchmark);
      type.getMethod("markDrops").invoke(benchmark);
      Field batch = type.getDeclaredField("BATCH");
      batch.setAccessible(true);
      builds[i] =
          new Build(
              argument,
              benchmark,
              type.getMethod("parseAndProcessBatch"),
              batch.getInt(null),
              null);
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (int warmUp = 0; warmUp < 4; warmUp++) {
      for (Build build : builds) {
        mpps(build, 2_000_000_000L, threads);
      }
    }
    double[][] mpps = new double[builds.length][rounds];
    for (int round = 0; round < rounds; round++) {
      for (int i = 0; i < builds.length; i++) {
        int which = round % 2 == 0 ? i : builds.length - 1 - i; // alternate the order too
        mpps[which][round] = mpps(builds[which], sliceNs, threads);
      }
    }
    for (int i = 0; i < builds.length; i++) {
      double[] sorted = mpps[i].clone();
      Arrays.sort(sorted);
      System.out.printf(
          "%-24s Mpps per CPU-second: median %.2f (quartiles %.2f, %.2f)%n",
          builds[i].name(), sorted[rounds / 2], sorted[rounds / 4], sorted[3 * rounds / 4]);
    }
    for (int i = 1; i < builds.length; i++) {
      double[] ratio = new double[rounds];
      for (int round = 0; round < rounds; round++) {
        ratio[round] = mpps[i][round] / mpps[0][round];
      }
      Arrays.sort(ratio);
      System.out.printf(
          "%s / %s: median ratio %.3f (quartiles %.3f, %.3f)%n",
          builds[i].name(),
          builds[0].name(),
          ratio[rounds / 2],
          ratio[rounds / 4],
          ratio[3 * rounds / 4]);
    }
  }

  /**
   * Sets the benchmark's {@code appid} parameter where its build has one: {@code JAR@VALUE} on the
   * command line, else {@code on} (the product's default; a field JMH did not fill is null).
   */
  private static void setAppid(Class<?> type, Object benchmark, String appid)
      throws IllegalAccessException {
    Field field;
    try {
      field = type.getField("appid");
    } catch (NoSuchFieldException none) {
      if (appid != null) {
        throw new IllegalArgumentException("this build's benchmark has no appid parameter");
      }
      return;
    }
    field.set(benchmark, appid == null ? "on" : appid);
  }

  /**
   * The build's other String parameters: their first values ({@code appqos=off}, {@code
   * policies=legacy}) where the build has them, then each {@code FIELD=VALUE} the command line
   * gave.
   */
  private static void setParameters(
      Class<?> type, Object benchmark, java.util.List<String> assignments)
      throws IllegalAccessException {
    for (String[] first : new String[][] {{"appqos", "off"}, {"policies", "legacy"}}) {
      try {
        type.getField(first[0]).set(benchmark, first[1]);
      } catch (NoSuchFieldException absent) {
        // an older build without the parameter
      }
    }
    for (String assignment : assignments) {
      String[] fieldValue = assignment.split("=", 2);
      try {
        type.getField(fieldValue[0]).set(benchmark, fieldValue[1]);
      } catch (NoSuchFieldException e) {
        throw new IllegalArgumentException("this build's benchmark has no " + fieldValue[0]);
      }
    }
  }

  private static double mpps(Build build, long cpuNs, ThreadMXBean threads)
      throws ReflectiveOperationException {
    if (build.beforeSlice() != null) {
      build.beforeSlice().invoke(build.benchmark()); // outside the timed part
    }
    long start = threads.getCurrentThreadCpuTime();
    long operations = 0;
    while (threads.getCurrentThreadCpuTime() - start < cpuNs) {
      for (int i = 0; i < 5_000; i++) {
        build.operation().invoke(build.benchmark());
      }
      operations += 5_000;
    }
    double seconds = (threads.getCurrentThreadCpuTime() - start) / 1e9;
    return operations * (double) build.packetsPerOperation() / seconds / 1e6;
  }
}
