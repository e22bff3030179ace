package org.flowgate.mgmt.render;

import java.io.StringWriter;
import java.io.Writer;

/**
 * {@code | display json} of a reply held as a {@link JunosElement} tree: the tree walked once into
 * a {@link JsonReplyWriter}, which holds the mapping and the layout. Stateless; any thread.
 */
public final class JunosJson {
  private JunosJson() {}

  /** Any element tree as Junos JSON, ending with a newline. */
  public static String write(JunosElement root) {
    StringWriter out = new StringWriter(2048);
    write(root, out);
    return out.toString();
  }

  /** Writes {@code root} to {@code out}, ending with a newline; does not close {@code out}. */
  public static void write(JunosElement root, Writer out) {
    JsonReplyWriter writer = new JsonReplyWriter(out);
    root.writeTo(writer);
    writer.finish();
  }
}
