package org.flowgate.mgmt.render;

import java.io.StringWriter;
import java.io.Writer;

/**
 * {@code | display xml} of a reply held as a {@link JunosElement} tree: the tree walked once into
 * an {@link XmlReplyWriter}, which holds the layout. Stateless; any thread.
 */
public final class JunosXml {
  private JunosXml() {}

  /** Any element tree as Junos lays it out, ending with a newline. */
  public static String write(JunosElement root) {
    StringWriter out = new StringWriter(1024);
    write(root, out);
    return out.toString();
  }

  /** Writes {@code root} to {@code out}, ending with a newline; does not close {@code out}. */
  public static void write(JunosElement root, Writer out) {
    XmlReplyWriter writer = new XmlReplyWriter(out);
    root.writeTo(writer);
    writer.finish();
  }
}
