package org.flowgate.mgmt.render;

import java.util.List;
import org.flowgate.dataplane.control.SessionSnapshot;
import org.flowgate.dataplane.control.SpuLocation;
import org.flowgate.mgmt.reply.FlowSessionReply;

/**
 * The session list of {@link JunosReplyTree#of(FlowSessionReply)}, written to a {@link ReplyWriter}
 * as sessions arrive instead of from a complete reply: the same elements, in the same order, so
 * {@code | display xml} and {@code | display json} of a table of millions stream as the text does
 * ({@link FlowSessionTextStream}) and never hold it. Call {@link #spu} before the sessions of each
 * SPU (in SPU order), {@link #session} for each, {@link #flush} after a chunk, and {@link #end}
 * once.
 *
 * <p>Thread: confined to the caller.
 */
public final class FlowSessionReplyStream {
  private final String style;
  private final boolean multiSpu;
  private final ReplyWriter writer;
  private int currentSpu = -1;
  private long inSection;

  public FlowSessionReplyStream(FlowSessionReply.View view, boolean multiSpu, ReplyWriter writer) {
    this.style =
        switch (view) {
          case BRIEF -> "brief";
          case EXTENSIVE -> "extensive";
        };
    this.multiSpu = multiSpu;
    this.writer = writer;
    writer.start("rpc-reply", List.of(JunosReplyTree.JUNOS_PREFIX));
    if (!multiSpu) {
      writer.start("flow-session-information", List.of(JunosReplyTree.FLOW_DEFAULT));
    }
  }

  /** Starts the section of one SPU; SPUs skipped on the way get their empty sections. */
  public void spu(int spu) {
    while (multiSpu && currentSpu < spu) {
      if (currentSpu >= 0) {
        closeSection();
      }
      currentSpu++;
      inSection = 0;
      writer.start("flow-session-information", List.of(JunosReplyTree.FLOW_DEFAULT));
      writer.leaf("flow-fpc-pic-id", " on " + SpuLocation.name(currentSpu) + ":");
    }
  }

  public void session(SessionSnapshot session) {
    JunosReplyTree.session(session, style, multiSpu).writeTo(writer);
    inSection++;
  }

  /** Hands what is written so far to the output. */
  public void flush() {
    writer.flush();
  }

  /** Ends the reply; {@code spus} names every SPU so that empty ones still show their section. */
  public void end(int spus) {
    spu(spus - 1);
    closeSection();
    JunosReplyTree.cliBanner().writeTo(writer);
    writer.end();
    writer.finish();
  }

  private void closeSection() {
    writer.leaf("displayed-session-count", inSection);
    writer.end();
  }
}
