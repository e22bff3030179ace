package org.flowgate.mgmt.metrics;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import org.flowgate.dataplane.control.FlowEngine;
import org.flowgate.dataplane.control.FlowStatistics;
import org.flowgate.dataplane.control.FlowSummary;
import org.flowgate.dataplane.control.TableMemory;
import org.flowgate.dataplane.nat.NatStatistics;
import org.flowgate.dataplane.packet.DropReason;
import org.flowgate.dataplane.policy.SecurityPolicy;
import org.flowgate.dataplane.runtime.RuntimeConfig;

/**
 * The device's Prometheus endpoint ({@code /metrics}, Prometheus Java client): every value is read
 * from the engine when scraped (callback metrics), so the data plane pays nothing between scrapes.
 *
 * <pre>
 * flowgate_sessions{spu}                       gauge    valid sessions per SPU
 * flowgate_sessions_created_total{spu}         counter  rate() gives sessions created per second
 * flowgate_sessions_closed_total{spu}          counter
 * flowgate_packets_total{fate}                 counter  received | forwarded | dropped
 * flowgate_drops_total{reason}                 counter  per DropReason
 * flowgate_timer_faults_total                  counter  defects caught in timers and commits
 * flowgate_policy_hits_total{policy}           counter  first-path matches per policy
 * flowgate_nat_pool_ports_in_use{pool}         gauge    source NAT pool ports (or addresses) held
 * flowgate_nat_pool_hits_total{pool}, flowgate_nat_pool_failures_total{pool}
 * </pre>
 *
 * <p>Thread: scrapes run on the HTTP server's virtual threads; queries go through the engine.
 */
public final class DeviceMetrics implements AutoCloseable {
  private final HTTPServer server;

  private DeviceMetrics(HTTPServer server) {
    this.server = server;
  }

  /** Serves {@code /metrics} on {@code address:port} (0: a free port). */
  public static DeviceMetrics start(FlowEngine engine, String address, int port)
      throws IOException {
    PrometheusRegistry registry = new PrometheusRegistry();
    register(engine, registry);
    HTTPServer server =
        HTTPServer.builder()
            .hostname(address)
            .port(port)
            .registry(registry)
            .executorService(Executors.newVirtualThreadPerTaskExecutor())
            .buildAndStart();
    return new DeviceMetrics(server);
  }

  public int port() {
    return server.getPort();
  }

  static void register(FlowEngine engine, PrometheusRegistry registry) {
    GaugeWithCallback.builder()
        .name("flowgate_sessions")
        .help("Valid sessions per SPU")
        .labelNames("spu")
        .callback(
            callback -> {
              for (FlowSummary summary : engine.summaries()) {
                callback.call(summary.validSessions(), String.valueOf(summary.spu()));
              }
            })
        .register(registry);
    GaugeWithCallback.builder()
        .name("flowgate_session_table_bytes")
        .help("Off-heap bytes of each SPU's session table (records and index)")
        .labelNames("spu")
        .callback(
            callback -> {
              for (TableMemory memory : engine.memory()) {
                callback.call(
                    (double) memory.bytesPerSession() * memory.maximumSessions(),
                    String.valueOf(memory.spu()));
              }
            })
        .register(registry);
    GaugeWithCallback.builder()
        .name("flowgate_session_table_huge_pages")
        .help("1 when the kernel was asked to back the SPU's session records with huge pages")
        .labelNames("spu", "backing")
        .callback(
            callback -> {
              for (TableMemory memory : engine.memory()) {
                callback.call(
                    memory.hugePages() ? 1 : 0, String.valueOf(memory.spu()), memory.backing());
              }
            })
        .register(registry);
    CounterWithCallback.builder()
        .name("flowgate_sessions_created")
        .help("Sessions created per SPU")
        .labelNames("spu")
        .callback(
            callback -> {
              for (FlowStatistics s : engine.statistics()) {
                callback.call(s.sessionsCreated(), String.valueOf(s.spu()));
              }
            })
        .register(registry);
    CounterWithCallback.builder()
        .name("flowgate_sessions_closed")
        .help("Sessions closed per SPU")
        .labelNames("spu")
        .callback(
            callback -> {
              for (FlowStatistics s : engine.statistics()) {
                callback.call(s.sessionsClosed(), String.valueOf(s.spu()));
              }
            })
        .register(registry);
    CounterWithCallback.builder()
        .name("flowgate_packets")
        .help("Packets by fate")
        .labelNames("fate")
        .callback(
            callback -> {
              FlowStatistics total = FlowStatistics.total(engine.statistics());
              callback.call(total.packetsReceived(), "received");
              callback.call(total.packetsForwarded(), "forwarded");
              callback.call(total.packetsDropped(), "dropped");
            })
        .register(registry);
    CounterWithCallback.builder()
        .name("flowgate_drops")
        .help("Dropped packets by reason")
        .labelNames("reason")
        .callback(
            callback -> {
              FlowStatistics total = FlowStatistics.total(engine.statistics());
              for (DropReason reason : DropReason.values()) {
                callback.call(total.drops(reason), reason.name().toLowerCase(Locale.ROOT));
              }
            })
        .register(registry);
    CounterWithCallback.builder()
        .name("flowgate_timer_faults")
        .help("Defects of Flowgate's own caught in timers and commits (a packet's is a drop)")
        .callback(
            callback -> callback.call(FlowStatistics.total(engine.statistics()).timerFaults()))
        .register(registry);
    CounterWithCallback.builder()
        .name("flowgate_policy_hits")
        .help("First-path matches per security policy")
        .labelNames("policy")
        .callback(
            callback -> {
              RuntimeConfig config = engine.config();
              long[] hits = engine.policyHits();
              List<SecurityPolicy> policies = config.policies().policies();
              for (int i = 0; i < Math.min(hits.length, policies.size()); i++) {
                callback.call(hits[i], policies.get(i).name() + "/" + policies.get(i).id());
              }
            })
        .register(registry);
    GaugeWithCallback.builder()
        .name("flowgate_nat_pool_ports_in_use")
        .help("Source NAT pool ports (or addresses, without port translation) in use")
        .labelNames("pool")
        .callback(
            callback -> {
              NatStatistics nat = engine.natStatistics();
              var pools = engine.config().nat().sourcePools();
              for (int i = 0; i < Math.min(pools.size(), nat.sourcePools().size()); i++) {
                callback.call(nat.sourcePools().get(i).totalPortsInUse(), pools.get(i).name());
              }
            })
        .register(registry);
    CounterWithCallback.builder()
        .name("flowgate_nat_pool_failures")
        .help("Sessions refused because the source NAT pool was exhausted")
        .labelNames("pool")
        .callback(
            callback -> {
              NatStatistics nat = engine.natStatistics();
              var pools = engine.config().nat().sourcePools();
              for (int i = 0; i < Math.min(pools.size(), nat.sourcePools().size()); i++) {
                callback.call(nat.sourcePools().get(i).failed(), pools.get(i).name());
              }
            })
        .register(registry);
  }

  @Override
  public void close() {
    server.close();
  }
}
