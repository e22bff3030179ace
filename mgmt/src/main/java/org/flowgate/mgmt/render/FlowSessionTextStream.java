package org.flowgate.mgmt.render;

import java.util.function.Consumer;
import org.flowgate.dataplane.control.SessionSnapshot;
import org.flowgate.dataplane.control.SpuLocation;
import org.flowgate.mgmt.reply.FlowSessionReply;

/**
 * The session list of {@link FlowSessionTextRenderer}, written as sessions arrive instead of from a
 * complete reply, so that a table of millions is shown without holding it: the same layout, line
 * for line. Call {@link #spu} before the sessions of each SPU (in SPU order), {@link #session} for
 * each, and {@link #end} once.
 *
 * <p>Thread: confined to the caller.
 */
public final class FlowSessionTextStream {
  private final FlowSessionReply.View view;
  private final boolean multiSpu;
  private final Consumer<CharSequence> out;
  private final StringBuilder buffer = new StringBuilder(1024);
  private int currentSpu = -1;
  private long inSection;

  public FlowSessionTextStream(
      FlowSessionReply.View view, boolean multiSpu, Consumer<CharSequence> out) {
    this.view = view;
    this.multiSpu = multiSpu;
    this.out = out;
    if (!multiSpu && view == FlowSessionReply.View.EXTENSIVE) {
      out.accept("\n");
    }
  }

  /**
   * Starts the section of one SPU (multi-SPU output only has sections); SPUs skipped on the way get
   * their empty sections, as an SRX lists every PIC.
   */
  public void spu(int spu) {
    while (multiSpu && currentSpu < spu) {
      if (currentSpu >= 0) {
        closeSection();
        out.accept("\n");
      }
      currentSpu++;
      inSection = 0;
      out.accept("Flow Sessions on " + SpuLocation.name(currentSpu) + ":\n\n");
    }
  }

  public void session(SessionSnapshot session) {
    buffer.setLength(0);
    if (inSection > 0) {
      buffer.append('\n');
    }
    if (view == FlowSessionReply.View.EXTENSIVE) {
      FlowSessionTextRenderer.appendExtensive(session, multiSpu, buffer);
    } else {
      FlowSessionTextRenderer.appendBrief(session, multiSpu, buffer);
    }
    inSection++;
    out.accept(buffer);
  }

  /** Ends the list; {@code spus} names every SPU so that empty ones still show their section. */
  public void end(int spus) {
    spu(spus - 1);
    closeSection();
  }

  private void closeSection() {
    out.accept("Total sessions: " + inSection + "\n");
  }
}
