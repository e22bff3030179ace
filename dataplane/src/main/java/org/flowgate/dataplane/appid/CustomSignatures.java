package org.flowgate.dataplane.appid;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import org.flowgate.dataplane.appid.CustomApplication.AddressMapping;
import org.flowgate.dataplane.appid.CustomApplication.Context;
import org.flowgate.dataplane.appid.CustomApplication.Direction;
import org.flowgate.dataplane.appid.CustomApplication.Member;
import org.flowgate.dataplane.appid.CustomApplication.Signature;
import org.flowgate.dataplane.net.IpProtocol;

/**
 * The custom applications of a catalog, compiled for one SPU: address mappings, stream signatures
 * (over TCP / UDP), and nested signatures (over HTTP / SSL). Each method answers the application id
 * of the first custom application that matches, in configuration order, or -1.
 *
 * <p>Thread: owned by one SPU (the compiled patterns count their steps).
 */
final class CustomSignatures {
  private record Compiled(
      int application, Signature signature, SignaturePattern[] patterns, Member[] members) {}

  private record Mapping(int application, AddressMapping mapping) {}

  private final Mapping[] mappings;
  private final Compiled[] tcp;
  private final Compiled[] udp;
  private final Compiled[] http;
  private final Compiled[] ssl;
  private final boolean[] cacheable;

  CustomSignatures(ApplicationCatalog catalog) {
    List<Mapping> mappingList = new ArrayList<>();
    List<Compiled> tcpList = new ArrayList<>();
    List<Compiled> udpList = new ArrayList<>();
    List<Compiled> httpList = new ArrayList<>();
    List<Compiled> sslList = new ArrayList<>();
    cacheable = new boolean[catalog.size()];
    int id = catalog.firstCustomId();
    for (CustomApplication application : catalog.customApplications()) {
      cacheable[id] = application.cacheable();
      for (AddressMapping mapping : application.addressMappings()) {
        mappingList.add(new Mapping(id, mapping));
      }
      for (Signature signature : application.signatures()) {
        Member[] members = signature.members().toArray(Member[]::new);
        SignaturePattern[] patterns = new SignaturePattern[members.length];
        for (int m = 0; m < members.length; m++) {
          Context context = members[m].context();
          boolean host = context == Context.HTTP_HEADER_HOST || context == Context.SSL_SERVER_NAME;
          patterns[m] = SignaturePattern.compile(members[m].pattern(), host, host);
        }
        Compiled compiled = new Compiled(id, signature, patterns, members);
        switch (signature.over()) {
          case TCP -> tcpList.add(compiled);
          case UDP -> udpList.add(compiled);
          case HTTP -> httpList.add(compiled);
          case SSL -> sslList.add(compiled);
        }
      }
      id++;
    }
    mappings = mappingList.toArray(Mapping[]::new);
    tcp = tcpList.toArray(Compiled[]::new);
    udp = udpList.toArray(Compiled[]::new);
    http = httpList.toArray(Compiled[]::new);
    ssl = sslList.toArray(Compiled[]::new);
  }

  boolean hasStreamSignatures(int protocol) {
    return (protocol == IpProtocol.TCP ? tcp : udp).length > 0;
  }

  /** True when sessions named {@code application} may enter the application system cache. */
  boolean cacheable(int application) {
    return application < cacheable.length && cacheable[application];
  }

  int matchAddress(
      int protocol, long clientHi, long clientLo, long serverHi, long serverLo, int serverPort) {
    for (Mapping mapping : mappings) {
      if (mapping.mapping().matches(protocol, clientHi, clientLo, serverHi, serverLo, serverPort)) {
        return mapping.application();
      }
    }
    return -1;
  }

  /**
   * Stream signatures over TCP: each member reads the reassembled stream of its direction (either
   * for {@code any}).
   */
  int matchTcp(DecodeContext context) {
    for (Compiled compiled : tcp) {
      if (!compiled.signature().portAllowed(6, context.serverPort())) {
        continue;
      }
      boolean all = true;
      for (int m = 0; m < compiled.members().length && all; m++) {
        Direction direction = compiled.members()[m].direction();
        SignaturePattern pattern = compiled.patterns()[m];
        boolean matched = false;
        for (int d = 0; d < 2 && !matched; d++) {
          if (direction == Direction.CLIENT_TO_SERVER && d == 1
              || direction == Direction.SERVER_TO_CLIENT && d == 0
              || context.streamLength(d) == 0) {
            continue;
          }
          matched =
              result(
                  context,
                  pattern.match(
                      context.stream(d), context.streamOffset(d), context.streamLength(d)));
        }
        all = matched;
      }
      if (all) {
        return compiled.application();
      }
    }
    return -1;
  }

  /** Stream signatures over UDP: every member must match this one datagram. */
  int matchUdp(
      DecodeContext context, int direction, MemorySegment segment, long offset, int length) {
    for (Compiled compiled : udp) {
      if (!compiled.signature().portAllowed(17, context.serverPort())) {
        continue;
      }
      boolean all = true;
      for (int m = 0; m < compiled.members().length && all; m++) {
        Direction wanted = compiled.members()[m].direction();
        all =
            (wanted == Direction.ANY || (wanted == Direction.CLIENT_TO_SERVER) == (direction == 0))
                && result(context, compiled.patterns()[m].match(segment, offset, length));
      }
      if (all) {
        return compiled.application();
      }
    }
    return -1;
  }

  /** Nested signatures over HTTP against a request's host (no port) and target. */
  int matchHttp(
      DecodeContext context,
      MemorySegment hostSegment,
      long hostOffset,
      int hostLength,
      MemorySegment urlSegment,
      long urlOffset,
      int urlLength) {
    for (Compiled compiled : http) {
      if (!compiled.signature().portAllowed(6, context.serverPort())) {
        continue;
      }
      boolean all = true;
      for (int m = 0; m < compiled.members().length && all; m++) {
        if (compiled.members()[m].context() == Context.HTTP_HEADER_HOST) {
          all =
              hostSegment != null
                  && result(
                      context, compiled.patterns()[m].match(hostSegment, hostOffset, hostLength));
        } else {
          all =
              urlSegment != null
                  && result(
                      context, compiled.patterns()[m].match(urlSegment, urlOffset, urlLength));
        }
      }
      if (all) {
        return compiled.application();
      }
    }
    return -1;
  }

  /** Nested signatures over SSL against a ClientHello server name. */
  int matchSsl(DecodeContext context, MemorySegment segment, long offset, int length) {
    for (Compiled compiled : ssl) {
      if (!compiled.signature().portAllowed(context.protocol(), context.serverPort())) {
        continue;
      }
      boolean all = true;
      for (int m = 0; m < compiled.members().length && all; m++) {
        all = result(context, compiled.patterns()[m].match(segment, offset, length));
      }
      if (all) {
        return compiled.application();
      }
    }
    return -1;
  }

  private static boolean result(DecodeContext context, int match) {
    if (match < 0) {
      context.error(DecodeError.PATTERN_BUDGET);
    }
    return match > 0;
  }
}
