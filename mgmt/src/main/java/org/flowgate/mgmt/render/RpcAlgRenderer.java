package org.flowgate.mgmt.render;

import static org.flowgate.mgmt.render.JunosElement.container;
import static org.flowgate.mgmt.render.JunosElement.leaf;

import java.util.ArrayList;
import java.util.List;
import org.flowgate.mgmt.reply.RpcAlgTableReply;

/**
 * Text, XML and JSON of the RPC ALG tables (docs/adr/0040-sip-registrations-and-rpc-tables.md).
 *
 * <pre>
 * IP                 Port    Protocol   Program           UUID                                      OID
 * 10.209.17.127      32835   TCP        100005            1be617c0-31a5-11cf-a7d8-00805f48a135      0x80000020
 * </pre>
 *
 * The columns are those of Junos Security 9.5's "Verifying the RPC ALG Tables" samples; Juniper's
 * YANG gives the object-id-map's RPC ({@code get-alg-msrpc-uuid2oid-table}) no output schema and
 * the port map no RPC, so the element names are Flowgate's, built as the YANG builds the SIP ALG's
 * ({@code alg-<alg>-<view>-...}).
 *
 * <p>Thread: stateless.
 */
final class RpcAlgRenderer {
  private RpcAlgRenderer() {}

  static void text(RpcAlgTableReply reply, StringBuilder out) {
    switch (reply) {
      case RpcAlgTableReply.Portmap p -> {
        out.append(String.format("%-19s%-8s%-11s%s%n", "IP", "Port", "Protocol", "Program"));
        for (RpcAlgTableReply.Mapping m : p.mappings()) {
          out.append(
              String.format(
                  "%-19s%-8d%-11s%d%n", m.address(), m.port(), m.protocol(), m.program()));
        }
      }
      case RpcAlgTableReply.ObjectIdMap m -> {
        out.append(String.format("%-42s%s%n", "UUID", "OID"));
        for (RpcAlgTableReply.ObjectId e : m.entries()) {
          out.append(String.format("%-42s%s%n", e.uuid(), oid(e.objectId())));
        }
      }
    }
  }

  static JunosElement tree(RpcAlgTableReply reply) {
    List<JunosElement> body = new ArrayList<>();
    return switch (reply) {
      case RpcAlgTableReply.Portmap p -> {
        for (RpcAlgTableReply.Mapping m : p.mappings()) {
          body.add(
              container(
                  "alg-sunrpc-portmap-entry",
                  List.of(
                      leaf("alg-sunrpc-portmap-ip-address", m.address()),
                      leaf("alg-sunrpc-portmap-port", Integer.toString(m.port())),
                      leaf("alg-sunrpc-portmap-protocol", m.protocol()),
                      leaf("alg-sunrpc-portmap-program", Long.toString(m.program())))));
        }
        yield container("alg-sunrpc-portmap-information", body);
      }
      case RpcAlgTableReply.ObjectIdMap m -> {
        for (RpcAlgTableReply.ObjectId e : m.entries()) {
          body.add(
              container(
                  "alg-msrpc-uuid2oid-entry",
                  List.of(
                      leaf("alg-msrpc-uuid2oid-uuid", e.uuid()),
                      leaf("alg-msrpc-uuid2oid-oid", oid(e.objectId())))));
        }
        yield container("alg-msrpc-uuid2oid-table", body);
      }
    };
  }

  private static String oid(long objectId) {
    return String.format("0x%08x", objectId);
  }
}
