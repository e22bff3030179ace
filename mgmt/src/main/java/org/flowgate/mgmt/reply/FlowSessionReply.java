package org.flowgate.mgmt.reply;

import java.util.List;
import java.util.Objects;
import org.flowgate.dataplane.control.SessionSnapshot;

/**
 * The answer to {@code show security flow session [filter] [brief | extensive]} and to {@code show
 * security flow session session-identifier <id>}: the sessions that matched, grouped by the SPU
 * that owns them. Holds values only; the text, XML and JSON renderers decide how it looks.
 *
 * @param view which layout was asked for
 * @param multiSpu true when the table is spread over several SPUs, so output is sectioned per SPU
 *     ({@code Flow Sessions on FPC0 PIC1:}) and wings show their central-point session id
 * @param sections the sessions per SPU, in SPU order; a single-SPU reply has one section
 */
public record FlowSessionReply(View view, boolean multiSpu, List<SpuSessions> sections) {

  /** The layouts of the session list. */
  public enum View {
    /** One header line and one line per wing; the default view prints the same. */
    BRIEF,
    /** The detailed block; {@code session-identifier <id>} prints this too. */
    EXTENSIVE
  }

  public FlowSessionReply {
    Objects.requireNonNull(view, "view");
    sections = List.copyOf(sections);
  }

  /** A reply from a single-SPU table (branch SRX, vSRX). */
  public static FlowSessionReply singleSpu(View view, List<SessionSnapshot> sessions) {
    return new FlowSessionReply(view, false, List.of(new SpuSessions(0, sessions)));
  }

  /** Number of sessions over all sections. */
  public int sessionCount() {
    int count = 0;
    for (SpuSessions section : sections) {
      count += section.sessions().size();
    }
    return count;
  }
}
