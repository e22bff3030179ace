package org.flowgate.dataplane.control;

import java.util.ArrayList;
import java.util.List;
import org.flowgate.dataplane.alg.Alg;
import org.flowgate.dataplane.flow.alg.AlgEngine;

/**
 * What the gate and resource-manager views read of the SPUs (docs/adr/0030): copies of each SPU's
 * gates, groups and pools, with the ALG named as the views name it, so that management needs
 * nothing of the engine's insides.
 */
public final class AlgViews {
  private AlgViews() {}

  /**
   * One open gate.
   *
   * @param client the ALG as the resource manager names it ({@code FTP ALG})
   * @param clientNumber the ALG's number as a resource-manager client (its place in {@code show
   *     security alg status}, from 1)
   * @param sourcePort 0 when any
   * @param toHi where the child's destination goes (the announced destination when the gate does
   *     not translate)
   * @param remainingSeconds what is left of its lifetime
   * @param groupId its group (the control session's id)
   * @param resourceId its resource (the ordinal of the packet that announced it)
   * @param interfaceIndex where its connection is expected, -1 when unknown
   */
  public record Gate(
      int spu,
      String client,
      int clientNumber,
      int protocol,
      boolean ipv6,
      boolean anySource,
      long sourceHi,
      long sourceLo,
      int sourcePort,
      long destinationHi,
      long destinationLo,
      int destinationPort,
      boolean translates,
      long toHi,
      long toLo,
      int toPort,
      long remainingSeconds,
      int groupId,
      int resourceId,
      boolean oneShot,
      int interfaceIndex) {}

  /** One group in use and its resources, newest last. */
  public record Group(int spu, int groupId, String client, List<Resource> resources) {
    public Group {
      resources = List.copyOf(resources);
    }
  }

  /** A resource: a gate, or a session ({@code sessionId}, else 0). */
  public record Resource(int resourceId, boolean session, long sessionId) {}

  /** The resource manager's pools, summed over the SPUs. */
  public record Pools(
      int groups, int groupsInUse, int resources, int resourcesInUse, int gates, int gatesInUse) {
    Pools plus(AlgEngine.ResourceSummary o) {
      return new Pools(
          groups + o.groups(),
          groupsInUse + o.groupsInUse(),
          resources + o.resources(),
          resourcesInUse + o.resourcesInUse(),
          gates + o.gates(),
          gatesInUse + o.gatesInUse());
    }
  }

  /**
   * The statement that names an ALG under {@code [edit security alg]} ({@code ike-esp-nat}) from
   * the name {@code show security alg status} prints ({@code IKE-ESP}), or null.
   */
  public static String statement(String statusName) {
    for (Alg alg : Alg.values()) {
      if (alg.statusName().equals(statusName)) {
        return alg.statement();
      }
    }
    return null;
  }

  static List<Gate> gates(List<AlgEngine.GateSnapshot> spu) {
    List<Gate> out = new ArrayList<>(spu.size());
    for (AlgEngine.GateSnapshot g : spu) {
      out.add(
          new Gate(
              g.spu(),
              g.alg().resourceName(),
              g.alg().ordinal() + 1,
              g.protocol(),
              g.ipv6(),
              g.anySource(),
              g.sourceHi(),
              g.sourceLo(),
              g.sourcePort(),
              g.destinationHi(),
              g.destinationLo(),
              g.destinationPort(),
              g.translates(),
              g.toHi(),
              g.toLo(),
              g.toPort(),
              g.remainingSeconds(),
              g.groupId(),
              g.resourceId(),
              g.oneShot(),
              g.interfaceIndex()));
    }
    return out;
  }

  static List<Group> groups(List<AlgEngine.GroupSnapshot> spu) {
    List<Group> out = new ArrayList<>(spu.size());
    for (AlgEngine.GroupSnapshot g : spu) {
      List<Resource> resources = new ArrayList<>(g.resources().size());
      for (AlgEngine.ResourceSnapshot r : g.resources()) {
        resources.add(new Resource(r.resourceId(), r.session(), r.sessionId()));
      }
      out.add(new Group(g.spu(), g.groupId(), g.alg().resourceName(), resources));
    }
    return out;
  }

  /** What a {@code clear security alg ...} command clears. */
  public enum Clear {
    SIP_CALLS,
    SIP_COUNTERS,
    SUNRPC_PORTMAP
  }

  /**
   * One Sun RPC mapping ({@code show security alg sunrpc portmap}): the server, the port its
   * portmapper answered, the protocol and the program there.
   */
  public record PortMapping(long hi, long lo, int port, int protocol, long program) {}

  /**
   * One MS-RPC interface UUID and its object id ({@code show security alg msrpc object-id-map}).
   *
   * @param uuid in its text form, {@code 1be617c0-31a5-11cf-a7d8-00805f48a135}
   */
  public record ObjectId(String uuid, long objectId) {}

  /** Every SPU's mappings, each once (the same mapping learnt on two SPUs is one row), sorted. */
  static List<PortMapping> portmap(List<List<AlgEngine.PortMapping>> spus) {
    java.util.TreeSet<PortMapping> out =
        new java.util.TreeSet<>(
            java.util.Comparator.comparingLong(PortMapping::hi)
                .thenComparingLong(PortMapping::lo)
                .thenComparingLong(PortMapping::program)
                .thenComparingInt(PortMapping::protocol)
                .thenComparingInt(PortMapping::port));
    for (List<AlgEngine.PortMapping> spu : spus) {
      for (AlgEngine.PortMapping m : spu) {
        out.add(new PortMapping(m.hi(), m.lo(), m.port(), m.protocol(), m.program()));
      }
    }
    return List.copyOf(out);
  }

  /** Every SPU's UUIDs, each once with its smallest object id, in object-id order. */
  static List<ObjectId> objectIds(List<List<AlgEngine.ObjectIdMapping>> spus) {
    java.util.Map<String, Long> byUuid = new java.util.HashMap<>();
    for (List<AlgEngine.ObjectIdMapping> spu : spus) {
      for (AlgEngine.ObjectIdMapping m : spu) {
        byUuid.merge(uuidText(m.uuidHi(), m.uuidLo()), m.objectId(), Math::min);
      }
    }
    List<ObjectId> out = new ArrayList<>();
    byUuid.forEach((uuid, oid) -> out.add(new ObjectId(uuid, oid)));
    out.sort(java.util.Comparator.comparingLong(ObjectId::objectId).thenComparing(ObjectId::uuid));
    return out;
  }

  /** {@code xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx} (RFC 9562 §4). */
  static String uuidText(long hi, long lo) {
    String h = String.format("%016x", hi);
    String l = String.format("%016x", lo);
    return h.substring(0, 8)
        + "-"
        + h.substring(8, 12)
        + "-"
        + h.substring(12, 16)
        + "-"
        + l.substring(0, 4)
        + "-"
        + l.substring(4);
  }
}
