package org.flowgate.mgmt.reply;

import java.util.List;
import org.flowgate.dataplane.control.SessionSnapshot;

/**
 * The sessions one SPU contributed to a {@link FlowSessionReply}.
 *
 * @param spu the SPU shard, 0-based (see {@link org.flowgate.dataplane.control.SpuLocation})
 * @param sessions its matching sessions, in the order they are shown
 */
public record SpuSessions(int spu, List<SessionSnapshot> sessions) {
  public SpuSessions {
    sessions = List.copyOf(sessions);
  }
}
