package org.flowgate.dataplane.flow.first;

import org.flowgate.dataplane.flow.FirstPacket;
import org.flowgate.dataplane.net.IpProtocol;
import org.flowgate.dataplane.packet.DropReason;
import org.flowgate.dataplane.packet.TcpFlags;
import org.flowgate.dataplane.runtime.RuntimeConfig;

/**
 * TCP SYN check (Junos {@code security flow tcp-session}, on unless {@code no-syn-check}): a TCP
 * session starts only with a SYN; any other first segment is dropped, as is a non-first fragment of
 * TCP with no session.
 *
 * <p>Thread: owned by its SPU's thread.
 */
final class SynCheck implements FirstPathStage {
  private boolean synCheck;

  @Override
  public void install(RuntimeConfig generation) {
    synCheck = generation.settings().synCheck();
  }

  @Override
  public DropReason apply(FirstPacket first) {
    if (first.packet.protocol == IpProtocol.TCP
        && synCheck
        && (!first.transportHeader || !TcpFlags.isInitialSyn(first.packet.tcpFlags))) {
      return DropReason.TCP_NO_SYN;
    }
    return null;
  }
}
