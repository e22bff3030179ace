package org.flowgate.mgmt.reply;

import java.util.List;

/**
 * The tables the RPC ALGs keep (docs/adr/0040-sip-registrations-and-rpc-tables.md): {@code show
 * security alg sunrpc portmap} (server, port, protocol, program, from the portmapper's GETPORT
 * replies) and {@code show security alg msrpc object-id-map} (interface UUIDs from the endpoint
 * mapper's replies, with their object ids).
 */
public sealed interface RpcAlgTableReply extends ViewReply {

  /** {@code show security alg sunrpc portmap}. */
  record Portmap(List<Mapping> mappings) implements RpcAlgTableReply {
    public Portmap {
      mappings = List.copyOf(mappings);
    }
  }

  /**
   * One mapping.
   *
   * @param address the server
   * @param protocol {@code TCP} or {@code UDP}
   */
  record Mapping(String address, int port, String protocol, long program) {}

  /** {@code show security alg msrpc object-id-map}. */
  record ObjectIdMap(List<ObjectId> entries) implements RpcAlgTableReply {
    public ObjectIdMap {
      entries = List.copyOf(entries);
    }
  }

  /**
   * One interface UUID.
   *
   * @param uuid its text form
   * @param objectId its object id, shown in hex ({@code 0x80000020})
   */
  record ObjectId(String uuid, long objectId) {}
}
