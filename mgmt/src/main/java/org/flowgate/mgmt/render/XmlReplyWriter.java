package org.flowgate.mgmt.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * {@code | display xml} and {@code | display xml rpc}, written with the JDK's StAX writer as a
 * Junos CLI lays replies out (samples {@code get-flow-session-information-*.xml}):
 *
 * <pre>
 * &lt;rpc-reply xmlns:junos="http://xml.juniper.net/junos/24.4R1-S2.9/junos"&gt;   no XML declaration
 *     &lt;flow-session-information xmlns="..."&gt;                               4 spaces a level
 *         &lt;logical-system&gt;&lt;/logical-system&gt;                               an empty leaf is not self-closed
 *     &lt;/flow-session-information&gt;
 *     &lt;cli&gt;
 *         &lt;banner&gt;&lt;/banner&gt;
 *     &lt;/cli&gt;
 * &lt;/rpc-reply&gt;                                                           then a newline
 *
 * | display xml rpc: the arguments of the RPC are indented two levels (8 spaces), as the device does
 *     &lt;rpc&gt;
 *         &lt;get-flow-session-information&gt;
 *                 &lt;protocol&gt;tcp&lt;/protocol&gt;
 *                 &lt;summary/&gt;
 *         &lt;/get-flow-session-information&gt;
 *     &lt;/rpc&gt;
 * </pre>
 *
 * StAX escapes markup in text and attribute values. Thread: confined to the caller.
 */
public final class XmlReplyWriter implements ReplyWriter {
  private static final int INDENT = 4;

  /** The JDK's own StAX implementation, whatever else is on the class path. */
  private static final XMLOutputFactory OUTPUT = XMLOutputFactory.newDefaultFactory();

  /**
   * An open container: its name, the indent of its tags and of its children's, the namespace
   * prefixes in scope.
   */
  private record Open(String name, int indent, int childIndent, Map<String, String> prefixes) {}

  private final XMLStreamWriter xml;
  private final Deque<Open> open = new ArrayDeque<>();

  /** Writes to {@code out}, which is never closed. */
  public XmlReplyWriter(Writer out) {
    try {
      this.xml = OUTPUT.createXMLStreamWriter(out);
    } catch (XMLStreamException e) {
      throw failure(e, "start");
    }
  }

  @Override
  public void start(String name, List<JunosElement.Attribute> attributes) {
    try {
      Open parent = open.peek();
      int indent = beforeChild();
      xml.writeStartElement(name);
      // the arguments of an RPC method (the child of <rpc>) sit two levels in, and so do the
      // statements of a <configuration> (every real configuration reply)
      boolean twoLevels =
          parent != null && "rpc".equals(parent.name()) || "configuration".equals(name);
      int childIndent = indent + (twoLevels ? 2 * INDENT : INDENT);
      open.push(new Open(name, indent, childIndent, attributes(name, attributes)));
    } catch (XMLStreamException e) {
      throw failure(e, name);
    }
  }

  @Override
  public void leaf(String name, List<JunosElement.Attribute> attributes, String text) {
    try {
      beforeChild();
      xml.writeStartElement(name);
      attributes(name, attributes);
      xml.writeCharacters(JunosElement.xmlSafe(text));
      xml.writeEndElement();
    } catch (XMLStreamException e) {
      throw failure(e, name);
    }
  }

  @Override
  public void toggle(String name, List<JunosElement.Attribute> attributes) {
    try {
      beforeChild();
      xml.writeEmptyElement(name);
      attributes(name, attributes);
    } catch (XMLStreamException e) {
      throw failure(e, name);
    }
  }

  @Override
  public void end() {
    Open closing = open.pop();
    try {
      xml.writeCharacters("\n" + " ".repeat(closing.indent()));
      xml.writeEndElement();
    } catch (XMLStreamException e) {
      throw failure(e, closing.name());
    }
  }

  @Override
  public void flush() {
    try {
      xml.flush();
    } catch (XMLStreamException e) {
      throw failure(e, "flush");
    }
  }

  @Override
  public void finish() {
    try {
      xml.writeCharacters("\n");
      xml.flush();
      xml.close();
    } catch (XMLStreamException e) {
      throw failure(e, "end");
    }
  }

  @Override
  public boolean groupsRepeatedNames() {
    return false;
  }

  /** Starts the line of a child of the open container; returns the child's indent. */
  private int beforeChild() throws XMLStreamException {
    Open parent = open.peek();
    if (parent == null) {
      return 0;
    }
    xml.writeCharacters("\n" + " ".repeat(parent.childIndent()));
    return parent.childIndent();
  }

  /** Declarations first (as written), then the other attributes; returns the prefixes in scope. */
  private Map<String, String> attributes(String element, List<JunosElement.Attribute> attributes)
      throws XMLStreamException {
    Map<String, String> scope = new HashMap<>(open.isEmpty() ? Map.of() : open.peek().prefixes());
    for (JunosElement.Attribute attribute : attributes) {
      String name = attribute.name();
      String value = JunosElement.xmlSafe(attribute.value());
      if (name.equals("xmlns")) {
        xml.writeDefaultNamespace(value);
      } else if (name.startsWith("xmlns:")) {
        String prefix = name.substring("xmlns:".length());
        scope.put(prefix, value);
        xml.writeNamespace(prefix, value);
      } else {
        int colon = name.indexOf(':');
        if (colon < 0) {
          xml.writeAttribute(name, value);
        } else {
          String prefix = name.substring(0, colon);
          String uri = scope.get(prefix);
          if (uri == null) {
            throw new IllegalArgumentException(
                "attribute " + name + " of " + element + ": prefix " + prefix + " is not declared");
          }
          xml.writeAttribute(prefix, uri, name.substring(colon + 1), value);
        }
      }
    }
    return scope;
  }

  private static RuntimeException failure(XMLStreamException e, String where) {
    if (e.getCause() instanceof IOException io) {
      return new UncheckedIOException(io);
    }
    return new IllegalStateException("cannot write " + where, e);
  }
}
