package org.flowgate.mgmt.netconf;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A small XML element tree for NETCONF requests, read with the JDK's StAX parser with DTDs and
 * external entities off (no XXE, no entity expansion bombs) and a depth limit; namespaces are kept
 * as the element's URI but names are compared by local name, as Junos does.
 *
 * <p>Thread: immutable after parsing.
 */
public record Xml(
    String name,
    String namespace,
    Map<String, String> attributes,
    List<Xml> children,
    String text) {
  static final int MAXIMUM_DEPTH = 64;

  /** A document that is not well-formed, too deep, or otherwise unreadable. */
  public static final class MalformedException extends Exception {
    MalformedException(String message) {
      super(message);
    }
  }

  private static final XMLInputFactory FACTORY = factory();

  private static XMLInputFactory factory() {
    XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    factory.setProperty(XMLInputFactory.IS_COALESCING, true);
    return factory;
  }

  /** The root element of {@code document}. */
  public static Xml parse(String document) throws MalformedException {
    try {
      XMLStreamReader reader = FACTORY.createXMLStreamReader(new StringReader(document));
      try {
        while (reader.hasNext()) {
          int event = reader.next();
          if (event == XMLStreamConstants.START_ELEMENT) {
            Xml root = element(reader, 1);
            while (reader.hasNext()) {
              int after = reader.next();
              if (after == XMLStreamConstants.START_ELEMENT
                  || (after == XMLStreamConstants.CHARACTERS && !reader.isWhiteSpace())) {
                throw new MalformedException("content after the root element");
              }
            }
            return root;
          }
          if (event == XMLStreamConstants.DTD) {
            throw new MalformedException("DTDs are not accepted");
          }
        }
        throw new MalformedException("no element");
      } finally {
        reader.close();
      }
    } catch (XMLStreamException | RuntimeException e) {
      throw new MalformedException(
          e.getMessage() == null ? e.toString() : e.getMessage().replaceAll("\\s+", " "));
    }
  }

  private static Xml element(XMLStreamReader reader, int depth)
      throws XMLStreamException, MalformedException {
    if (depth > MAXIMUM_DEPTH) {
      throw new MalformedException("elements nested deeper than " + MAXIMUM_DEPTH);
    }
    String name = reader.getLocalName();
    String namespace = reader.getNamespaceURI();
    Map<String, String> attributes = new LinkedHashMap<>();
    for (int i = 0; i < reader.getAttributeCount(); i++) {
      attributes.put(reader.getAttributeLocalName(i), reader.getAttributeValue(i));
    }
    List<Xml> children = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    while (reader.hasNext()) {
      int event = reader.next();
      switch (event) {
        case XMLStreamConstants.START_ELEMENT -> children.add(element(reader, depth + 1));
        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA ->
            text.append(reader.getText());
        case XMLStreamConstants.END_ELEMENT -> {
          return new Xml(
              name, namespace == null ? "" : namespace, attributes, children, text.toString());
        }
        default -> {}
      }
    }
    throw new MalformedException("unclosed element <" + name + ">");
  }

  /** The first child of that local name, or null. */
  public Xml child(String local) {
    for (Xml child : children) {
      if (child.name.equals(local)) {
        return child;
      }
    }
    return null;
  }

  /** The text of the first child of that name, stripped; null when there is no such child. */
  public String childText(String local) {
    Xml child = child(local);
    return child == null ? null : child.text.strip();
  }

  public String attribute(String local) {
    return attributes.get(local);
  }

  /** Escapes text for XML content or attribute values. */
  public static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        default -> {
          if (c < 0x20 && c != '\n' && c != '\r' && c != '\t') {
            out.append('\uFFFD');
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }
}
