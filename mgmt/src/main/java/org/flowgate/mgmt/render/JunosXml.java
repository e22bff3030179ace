package org.flowgate.mgmt.render;

import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.flowgate.mgmt.reply.FlowSessionClearReply;
import org.flowgate.mgmt.reply.FlowSessionReply;
import org.flowgate.mgmt.reply.FlowSummaryReply;
import org.flowgate.mgmt.reply.RpcRequest;

/**
 * {@code | display xml} and {@code | display xml rpc}: writes the trees of {@link JunosReplyTree}
 * with the JDK's StAX writer, laid out as a Junos CLI lays them out (samples {@code
 * get-flow-session-information-*.xml}):
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
 * StAX escapes markup in text and attribute values; {@link JunosElement} has already replaced the
 * characters XML cannot carry, so every output is well-formed. Stateless; any thread.
 */
public final class JunosXml {
  private static final int INDENT = 4;

  /** The JDK's own StAX implementation, whatever else is on the class path. */
  private static final XMLOutputFactory OUTPUT = XMLOutputFactory.newDefaultFactory();

  private JunosXml() {}

  /** {@code show security flow session [brief | extensive] | display xml}. */
  public static String render(FlowSessionReply reply) {
    return write(JunosReplyTree.of(reply));
  }

  /** {@code show security flow session summary | display xml}. */
  public static String render(FlowSummaryReply reply) {
    return write(JunosReplyTree.of(reply));
  }

  /** {@code clear security flow session … | display xml}. */
  public static String render(FlowSessionClearReply reply) {
    return write(JunosReplyTree.of(reply));
  }

  /** {@code <command> | display xml rpc}. */
  public static String render(RpcRequest request) {
    return write(JunosReplyTree.of(request));
  }

  /** Any element tree as Junos lays it out, ending with a newline. */
  public static String write(JunosElement root) {
    StringWriter out = new StringWriter(1024);
    write(root, out);
    return out.toString();
  }

  /** Writes {@code root} to {@code out}, ending with a newline; does not close {@code out}. */
  public static void write(JunosElement root, Writer out) {
    try {
      XMLStreamWriter xml = OUTPUT.createXMLStreamWriter(out);
      new Emitter(xml).element(root, 0, null);
      xml.writeCharacters("\n");
      xml.flush();
      xml.close();
    } catch (XMLStreamException e) {
      if (e.getCause() instanceof java.io.IOException io) {
        throw new UncheckedIOException(io);
      }
      throw new IllegalStateException("cannot write " + root.name(), e);
    }
  }

  /** One pass over a tree; tracks the namespace prefixes in scope for prefixed attributes. */
  private static final class Emitter {
    private final XMLStreamWriter xml;
    private final Deque<Map<String, String>> prefixes = new ArrayDeque<>();

    Emitter(XMLStreamWriter xml) {
      this.xml = xml;
    }

    /**
     * Writes {@code element}, whose start tag the caller has already indented by {@code indent}.
     */
    void element(JunosElement element, int indent, String parentName) throws XMLStreamException {
      switch (element.kind()) {
        case TOGGLE -> {
          xml.writeEmptyElement(element.name());
          attributes(element);
          prefixes.pop();
        }
        case LEAF -> {
          xml.writeStartElement(element.name());
          attributes(element);
          xml.writeCharacters(element.text());
          xml.writeEndElement();
          prefixes.pop();
        }
        case CONTAINER -> {
          xml.writeStartElement(element.name());
          attributes(element);
          int childIndent = indent + ("rpc".equals(parentName) ? 2 * INDENT : INDENT);
          for (JunosElement child : element.children()) {
            xml.writeCharacters("\n" + " ".repeat(childIndent));
            element(child, childIndent, element.name());
          }
          xml.writeCharacters("\n" + " ".repeat(indent));
          xml.writeEndElement();
          prefixes.pop();
        }
      }
    }

    /** Declarations first (as written), then the other attributes; opens a prefix scope. */
    private void attributes(JunosElement element) throws XMLStreamException {
      Map<String, String> scope = new HashMap<>(prefixes.isEmpty() ? Map.of() : prefixes.peek());
      prefixes.push(scope);
      for (JunosElement.Attribute attribute : element.attributes()) {
        String name = attribute.name();
        if (name.equals("xmlns")) {
          xml.writeDefaultNamespace(attribute.value());
        } else if (name.startsWith("xmlns:")) {
          String prefix = name.substring("xmlns:".length());
          scope.put(prefix, attribute.value());
          xml.writeNamespace(prefix, attribute.value());
        } else {
          int colon = name.indexOf(':');
          if (colon < 0) {
            xml.writeAttribute(name, attribute.value());
          } else {
            String prefix = name.substring(0, colon);
            String uri = scope.get(prefix);
            if (uri == null) {
              throw new IllegalArgumentException(
                  "attribute "
                      + name
                      + " of "
                      + element.name()
                      + ": prefix "
                      + prefix
                      + " is not declared");
            }
            xml.writeAttribute(prefix, uri, name.substring(colon + 1), attribute.value());
          }
        }
      }
    }
  }
}
