package org.flowgate.dataplane.control;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.flowgate.dataplane.flow.PacketSink;
import org.flowgate.dataplane.flow.SessionView;
import org.flowgate.dataplane.nat.NatStatistics;
import org.flowgate.dataplane.nat.PersistentBindings;
import org.flowgate.dataplane.runtime.RuntimeConfig;
import org.flowgate.dataplane.session.CloseReason;
import org.flowgate.dataplane.session.SessionTable;
import org.flowgate.dataplane.spu.SpuAgent;
import org.flowgate.dataplane.spu.SpuTask;

/**
 * Everything the rest of Flowgate may ask of, or tell, an SPU: a closed set, each run on the SPU's
 * own thread between packets ({@link org.flowgate.dataplane.spu.Shard#submit}) and answering with
 * records that are copies, never the SPU's own objects.
 *
 * @param <T> the answer
 */
sealed interface SpuQuery<T> extends SpuTask<T> {

  /**
   * The SPU's clock: where it started and where it stands, or null before its first packet (every
   * SPU's clock moves with the input, so any SPU's reading is the engine's).
   */
  record Clock() implements SpuQuery<RouteAges.Time> {
    @Override
    public RouteAges.Time run(SpuAgent spu) {
      return spu.clock().started()
          ? new RouteAges.Time(spu.clock().epochNs(), spu.clock().nowNs())
          : null;
    }
  }

  /** Slots in the SPU's session table. */
  record Capacity() implements SpuQuery<Integer> {
    @Override
    public Integer run(SpuAgent spu) {
      return spu.table().capacity();
    }
  }

  /** Snapshots of the sessions in slots {@code from .. to} that match, in slot order. */
  record Sessions(SessionFilter filter, int fromSlot, int toSlot)
      implements SpuQuery<List<SessionSnapshot>> {
    @Override
    public List<SessionSnapshot> run(SpuAgent spu) {
      List<SessionSnapshot> found = new ArrayList<>();
      SessionView session = spu.view();
      int end = Math.min(toSlot, spu.table().slotLimit());
      for (int slot = fromSlot; slot < end; slot++) {
        if (session.at(slot).live() && filter.matches(session)) {
          found.add(SessionSnapshots.of(session));
        }
      }
      return found;
    }
  }

  /**
   * The sessions that match, as (id, slot) pairs sorted by id: the order every view lists them in.
   * Twelve bytes per matching session, on the caller's heap; the snapshots are taken later, a range
   * at a time ({@link SnapshotsInOrder}).
   */
  record OrderedSessions(SessionFilter filter) implements SpuQuery<SessionOrder> {
    @Override
    public SessionOrder run(SpuAgent spu) {
      SessionOrder.Builder order = new SessionOrder.Builder();
      SessionView session = spu.view();
      for (int slot = 0; slot < spu.table().slotLimit(); slot++) {
        if (session.at(slot).live() && filter.matches(session)) {
          order.add(session.sessionId(), slot);
        }
      }
      return order.sorted();
    }
  }

  /**
   * Snapshots of the sessions at positions {@code from .. to} of an order, those still in their
   * slot (a session that ended and was reaped since is left out).
   */
  record SnapshotsInOrder(SessionOrder order, int from, int to)
      implements SpuQuery<List<SessionSnapshot>> {
    @Override
    public List<SessionSnapshot> run(SpuAgent spu) {
      List<SessionSnapshot> found = new ArrayList<>(Math.max(0, to - from));
      SessionView session = spu.view();
      for (int i = from; i < to; i++) {
        session.at(order.slot(i));
        if (session.live() && session.sessionId() == order.id(i)) {
          found.add(SessionSnapshots.of(session));
        }
      }
      return found;
    }
  }

  /** The session with this identifier, if this SPU holds it, or null: a scan of its table. */
  record Session(long sessionId) implements SpuQuery<SessionSnapshot> {
    @Override
    public SessionSnapshot run(SpuAgent spu) {
      int slot = spu.table().slotOfSessionId(sessionId);
      return slot < 0 ? null : SessionSnapshots.of(spu.view().at(slot));
    }
  }

  /** The summary from counters: constant time at any table size. */
  record Summary() implements SpuQuery<FlowSummary> {
    @Override
    public FlowSummary run(SpuAgent spu) {
      SessionTable table = spu.table();
      long valid = spu.counters().validSessions();
      long invalidated = spu.counters().invalidatedSessions();
      return FlowSummary.of(
          spu.spu(),
          valid,
          spu.counters().failedSessions,
          table.sessionsInUse(),
          invalidated,
          table.capacity());
    }
  }

  /** The summary of only the sessions that match: a scan of the table. */
  record FilteredSummary(SessionFilter filter) implements SpuQuery<FlowSummary> {
    @Override
    public FlowSummary run(SpuAgent spu) {
      SessionView session = spu.view();
      long valid = 0;
      long invalidated = 0;
      for (int slot = 0; slot < spu.table().slotLimit(); slot++) {
        if (session.at(slot).live() && filter.matches(session)) {
          if (session.valid()) {
            valid++;
          } else {
            invalidated++;
          }
        }
      }
      return FlowSummary.of(
          spu.spu(),
          valid,
          spu.counters().failedSessions,
          valid + invalidated,
          invalidated,
          session.capacity());
    }
  }

  /** A copy of the SPU's counters. */
  record Statistics() implements SpuQuery<FlowStatistics> {
    @Override
    public FlowStatistics run(SpuAgent spu) {
      return FlowStatistics.of(spu.spu(), spu.counters());
    }
  }

  /** NAT rule and pool counters since the generation was installed. */
  record NatCounters() implements SpuQuery<NatStatistics> {
    @Override
    public NatStatistics run(SpuAgent spu) {
      return spu.nat().state().statistics();
    }
  }

  /** The screens' counters per interface of the generation (copies). */
  record ScreenCounters() implements SpuQuery<java.util.Map<String, long[]>> {
    @Override
    public java.util.Map<String, long[]> run(SpuAgent spu) {
      return spu.screens().statistics();
    }
  }

  /** The SIP calls the SPU's ALG follows (those past their deadline ended first). */
  record SipCalls()
      implements SpuQuery<List<org.flowgate.dataplane.flow.alg.AlgEngine.SipCallSnapshot>> {
    @Override
    public List<org.flowgate.dataplane.flow.alg.AlgEngine.SipCallSnapshot> run(SpuAgent spu) {
      return spu.alg().sipCalls();
    }
  }

  /** A copy of the SPU's SIP ALG counters. */
  record SipCounters() implements SpuQuery<org.flowgate.dataplane.flow.alg.SipCounters> {
    @Override
    public org.flowgate.dataplane.flow.alg.SipCounters run(SpuAgent spu) {
      return spu.alg().sipCounters();
    }
  }

  /** The screens' counters of the interfaces named back to zero. */
  record ClearScreenCounters(java.util.Set<String> interfaces) implements SpuQuery<Boolean> {
    public ClearScreenCounters {
      interfaces = java.util.Set.copyOf(interfaces);
    }

    @Override
    public Boolean run(SpuAgent spu) {
      spu.screens().clear(interfaces);
      return true;
    }
  }

  /** The SPU's persistent NAT bindings (expired ones given back first). */
  record PersistentNatBindings() implements SpuQuery<PersistentBindings> {
    @Override
    public PersistentBindings run(SpuAgent spu) {
      return spu.nat().state().persistentBindings(spu.spu(), spu.clock().nowNs());
    }
  }

  /** The port blocks the SPU's hosts hold, over every block-allocation pool. */
  record PortBlocks() implements SpuQuery<List<PortBlock>> {
    @Override
    public List<PortBlock> run(SpuAgent spu) {
      List<PortBlock> out = new java.util.ArrayList<>();
      long nowNs = spu.clock().nowNs();
      org.flowgate.dataplane.flow.nat.NatState state = spu.nat().state();
      for (int pool = 0; pool < state.config().sourcePools().size(); pool++) {
        for (org.flowgate.dataplane.flow.nat.NatState.HeldBlock b : state.heldBlocks(pool, nowNs)) {
          out.add(
              new PortBlock(
                  pool,
                  b.host(),
                  b.address(),
                  b.lowPort(),
                  b.highPort(),
                  b.portsUsed(),
                  b.active(),
                  b.leftSeconds()));
        }
      }
      return out;
    }
  }

  /** Removes the persistent NAT bindings no session uses; answers how many. */
  record ClearPersistentNat() implements SpuQuery<Integer> {
    @Override
    public Integer run(SpuAgent spu) {
      return spu.nat().state().clearPersistent(spu.clock().nowNs());
    }
  }

  /** A copy of the SPU's counters of every interface, in the generation's order. */
  record Interfaces() implements SpuQuery<List<InterfaceTraffic>> {
    @Override
    public List<InterfaceTraffic> run(SpuAgent spu) {
      org.flowgate.dataplane.flow.InterfaceCounters counters = spu.interfaceCounters();
      List<InterfaceTraffic> all = new ArrayList<>();
      for (int i = 0; i < counters.names().size(); i++) {
        all.add(
            InterfaceTraffic.of(
                counters.names().get(i),
                counters.row(i),
                org.flowgate.dataplane.flow.InterfaceCounters.COUNTERS));
      }
      return all;
    }
  }

  /** First packets each policy (by index) decided since the generation was installed. */
  record PolicyHits() implements SpuQuery<long[]> {
    @Override
    public long[] run(SpuAgent spu) {
      return spu.firstPath().policyHits();
    }
  }

  /** The SPU's load and table use, measured on its own thread. */
  record Monitor(long engineStartedNs) implements SpuQuery<SpuMonitor> {
    @Override
    public SpuMonitor run(SpuAgent spu) {
      long cpuNs = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
      long wallNs = Math.max(1, System.nanoTime() - engineStartedNs);
      SessionTable table = spu.table();
      return new SpuMonitor(
          spu.spu(),
          (int) Math.min(100, cpuNs * 100 / wallNs),
          (int) ((long) table.sessionsInUse() * 100 / table.capacity()),
          table.sessionsInUse(),
          table.capacity(),
          SpuMonitor.CP_SESSIONS_NONE,
          SpuMonitor.CP_SESSIONS_NONE);
    }
  }

  /** How the SPU's session table memory is backed. */
  record Memory() implements SpuQuery<TableMemory> {
    @Override
    public TableMemory run(SpuAgent spu) {
      SessionTable table = spu.table();
      return new TableMemory(
          spu.spu(),
          table.capacity(),
          table.bytesPerSession(),
          table.hugePages(),
          table.memoryBacking());
    }
  }

  /** Closes every valid session that matches, reason {@code CLI}; answers how many. */
  record Clear(SessionFilter filter) implements SpuQuery<Long> {
    @Override
    public Long run(SpuAgent spu) {
      long cleared = 0;
      SessionView session = spu.view();
      for (int slot = 0; slot < spu.table().slotLimit(); slot++) {
        if (session.at(slot).valid() && filter.matches(session)) {
          spu.lifecycle().close(slot, CloseReason.CLI);
          cleared++;
        }
      }
      return cleared;
    }
  }

  /** Every policy's hit count back to zero. */
  record ClearPolicyHits() implements SpuQuery<Boolean> {
    @Override
    public Boolean run(SpuAgent spu) {
      spu.firstPath().clearPolicyHits();
      return true;
    }
  }

  /** The packet, byte and drop counters back to zero; session counters stay. */
  record ClearTrafficCounters() implements SpuQuery<Boolean> {
    @Override
    public Boolean run(SpuAgent spu) {
      spu.counters().clearTraffic();
      return true;
    }
  }

  /** NAT rule counters of the kinds named back to zero. */
  record ClearNatCounters(boolean source, boolean destination, boolean statics)
      implements SpuQuery<Boolean> {
    @Override
    public Boolean run(SpuAgent spu) {
      spu.nat().state().clearRuleCounters(source, destination, statics);
      return true;
    }
  }

  /**
   * The counters of one named NAT rule set (or rule) back to zero.
   *
   * @param kind 0 source, 1 destination, 2 static
   */
  record ClearNatRuleSet(int kind, String name) implements SpuQuery<Boolean> {
    @Override
    public Boolean run(SpuAgent spu) {
      spu.nat().state().clearRuleCounters(kind, name);
      return true;
    }
  }

  /** One named source or destination NAT pool's hits (and failures) back to zero. */
  record ClearNatPool(boolean source, String name) implements SpuQuery<Boolean> {
    @Override
    public Boolean run(SpuAgent spu) {
      spu.nat().state().clearPool(source, name);
      return true;
    }
  }

  /** Source and/or destination NAT pools' hits (and failures) back to zero. */
  record ClearNatPools(boolean source, boolean destination) implements SpuQuery<Boolean> {
    @Override
    public Boolean run(SpuAgent spu) {
      spu.nat().state().clearPools(source, destination);
      return true;
    }
  }

  /** Sessions and bytes per application and application group (docs/adr/0014). */
  /** The SPU's application traffic control and tracking counters (ADR 0034). */
  record TrafficControlCounters() implements SpuQuery<TrafficControlStatistics> {
    @Override
    public TrafficControlStatistics run(SpuAgent spu) {
      return TrafficControlStatistics.of(spu, spu.spu());
    }
  }

  record ApplicationCounts() implements SpuQuery<ApplicationStatistics> {
    @Override
    public ApplicationStatistics run(SpuAgent spu) {
      return ApplicationViews.statistics(spu);
    }
  }

  /** The live entries of the SPU's application system cache. */
  record ApplicationCache() implements SpuQuery<ApplicationCacheEntries> {
    @Override
    public ApplicationCacheEntries run(SpuAgent spu) {
      return ApplicationViews.cache(spu);
    }
  }

  /** Every entry of the application system cache goes; answers how many there were. */
  record ClearApplicationCache() implements SpuQuery<Integer> {
    @Override
    public Integer run(SpuAgent spu) {
      return spu.applications().inspector().cache().clear();
    }
  }

  /** The application statistics start again from zero. */
  record ClearApplicationStatistics() implements SpuQuery<Boolean> {
    @Override
    public Boolean run(SpuAgent spu) {
      spu.applications().clearStatistics();
      return true;
    }
  }

  /** Installs a generation now; answers how many sessions it closed. */
  record InstallConfig(RuntimeConfig generation) implements SpuQuery<Integer> {
    @Override
    public Integer run(SpuAgent spu) {
      return spu.installConfig(generation);
    }
  }

  /** Hands the packets traceoptions select to {@code trace} from now on. */
  record UseTrace(org.flowgate.dataplane.flow.PacketTrace trace) implements SpuQuery<Boolean> {
    @Override
    public Boolean run(SpuAgent spu) {
      spu.setTrace(trace);
      return true;
    }
  }

  /** Sends the SPU's forwarded and self-built packets to {@code sink} from now on. */
  record UseSink(PacketSink sink) implements SpuQuery<Boolean> {
    @Override
    public Boolean run(SpuAgent spu) {
      spu.setSink(sink);
      return true;
    }
  }

  // ------------------------------------------------------------------ ALGs (docs/adr/0030)

  /** The gates open on the SPU (expired ones closed first). */
  record AlgGates()
      implements SpuQuery<List<org.flowgate.dataplane.flow.alg.AlgEngine.GateSnapshot>> {
    @Override
    public List<org.flowgate.dataplane.flow.alg.AlgEngine.GateSnapshot> run(SpuAgent spu) {
      return spu.alg().gates();
    }
  }

  /** The resource-manager groups in use on the SPU, each with its resources. */
  record AlgGroups()
      implements SpuQuery<List<org.flowgate.dataplane.flow.alg.AlgEngine.GroupSnapshot>> {
    @Override
    public List<org.flowgate.dataplane.flow.alg.AlgEngine.GroupSnapshot> run(SpuAgent spu) {
      return spu.alg().groups();
    }
  }

  /** The resource manager's pools on the SPU. */
  record AlgResources()
      implements SpuQuery<org.flowgate.dataplane.flow.alg.AlgEngine.ResourceSummary> {
    @Override
    public org.flowgate.dataplane.flow.alg.AlgEngine.ResourceSummary run(SpuAgent spu) {
      return spu.alg().summary();
    }
  }

  /** A copy of what one ALG counted on the SPU. */
  record AlgCounts(org.flowgate.dataplane.alg.Alg alg)
      implements SpuQuery<org.flowgate.dataplane.flow.alg.AlgCounters> {
    @Override
    public org.flowgate.dataplane.flow.alg.AlgCounters run(SpuAgent spu) {
      return spu.alg().counters(alg);
    }
  }

  /** The Sun RPC ALG's port map on the SPU. */
  record SunRpcPortmap()
      implements SpuQuery<List<org.flowgate.dataplane.flow.alg.AlgEngine.PortMapping>> {
    @Override
    public List<org.flowgate.dataplane.flow.alg.AlgEngine.PortMapping> run(SpuAgent spu) {
      return spu.alg().sunRpcPortmap();
    }
  }

  /** The MS-RPC ALG's UUID-to-OID map on the SPU. */
  record MsRpcObjectIds()
      implements SpuQuery<List<org.flowgate.dataplane.flow.alg.AlgEngine.ObjectIdMapping>> {
    @Override
    public List<org.flowgate.dataplane.flow.alg.AlgEngine.ObjectIdMapping> run(SpuAgent spu) {
      return spu.alg().msRpcObjectIds();
    }
  }

  /** One of the ALG clears ({@code clear security alg ...}) on the SPU. */
  record ClearAlg(AlgViews.Clear what) implements SpuQuery<Boolean> {
    @Override
    public Boolean run(SpuAgent spu) {
      switch (what) {
        case SIP_CALLS -> spu.alg().clearSipCalls();
        case SIP_COUNTERS -> spu.alg().clearSipCounters();
        case SUNRPC_PORTMAP -> spu.alg().clearSunRpcPortmap();
      }
      return true;
    }
  }
}
