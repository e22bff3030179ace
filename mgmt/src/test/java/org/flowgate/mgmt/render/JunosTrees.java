package org.flowgate.mgmt.render;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Parses rendered XML (JDK DOM) and JSON (Jackson) back and flattens both to the same comparable
 * lines, one per leaf and per attribute:
 *
 * <pre>
 * flow-session-information[1]@xmlns = http://xml.juniper.net/junos/RELEASE/junos-flow
 * flow-session-information[1]/flow-session[2]/flow-information[1]/pkt-cnt = 1
 * </pre>
 *
 * Whitespace-only text between elements, the layout whitespace of a container without children and
 * comments are ignored; a leaf without text (empty or a toggle) is {@code = ""}; release strings in
 * namespace URIs are normalised to {@code RELEASE}.
 */
final class JunosTrees {
  private JunosTrees() {}

  /** Parses XML text with a namespace-aware DOM parser that refuses DTDs. */
  static Document parseXml(String xml) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
      factory.setNamespaceAware(true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      DocumentBuilder builder = factory.newDocumentBuilder();
      builder.setErrorHandler(null);
      return builder.parse(new InputSource(new StringReader(xml)));
    } catch (ParserConfigurationException | SAXException | IOException e) {
      throw new AssertionError("not well-formed XML: " + e.getMessage() + "\n" + xml, e);
    }
  }

  /** {@code element} and everything below it, paths starting with its own name. */
  static List<String> flatten(Element element) {
    List<String> lines = new ArrayList<>();
    flatten(element, element.getNodeName() + "[1]", lines);
    return lines;
  }

  /** The children of {@code element}, paths starting with theirs (as the JSON shows them). */
  static List<String> flattenChildren(Element element) {
    List<String> lines = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    for (Element child : childElements(element)) {
      int index = seen.merge(child.getNodeName(), 1, Integer::sum);
      flatten(child, child.getNodeName() + "[" + index + "]", lines);
    }
    return lines;
  }

  private static void flatten(Element element, String path, List<String> lines) {
    NamedNodeMap attributes = element.getAttributes();
    for (int i = 0; i < attributes.getLength(); i++) {
      Attr attribute = (Attr) attributes.item(i);
      lines.add(path + "@" + attribute.getName() + " = " + normalise(attribute.getValue()));
    }
    List<Element> children = childElements(element);
    if (children.isEmpty()) {
      String text = element.getTextContent();
      // Only layout whitespace: a container with no children, which has no value of its own.
      if (!(text.isBlank() && text.indexOf('\n') >= 0)) {
        lines.add(path + " = " + text);
      }
      return;
    }
    Map<String, Integer> seen = new HashMap<>();
    for (Element child : children) {
      int index = seen.merge(child.getNodeName(), 1, Integer::sum);
      flatten(child, path + "/" + child.getNodeName() + "[" + index + "]", lines);
    }
  }

  static List<Element> childElements(Element element) {
    List<Element> children = new ArrayList<>();
    boolean text = false;
    for (Node node = element.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element child) {
        children.add(child);
      } else if (node.getNodeType() == Node.TEXT_NODE && !node.getNodeValue().isBlank()) {
        text = true;
      }
    }
    if (text && !children.isEmpty()) {
      throw new AssertionError("mixed content in " + element.getNodeName());
    }
    return children;
  }

  /**
   * {@code http://xml.juniper.net/junos/15.1I0/junos-flow} -> {@code …/junos/RELEASE/junos-flow}.
   */
  static String normalise(String value) {
    return value.replaceFirst(
        "^http://xml\\.juniper\\.net/junos/[^/]+/", "http://xml.juniper.net/junos/RELEASE/");
  }

  /**
   * Parses Junos JSON with Jackson's streaming parser and flattens it like {@link
   * #flattenChildren}: every key but {@code data} and {@code attributes} is an array of objects.
   */
  static List<String> flattenJson(String json) {
    List<String> lines = new ArrayList<>();
    try (JsonParser parser = new JsonFactory().createParser(ObjectReadContext.empty(), json)) {
      expect(parser.nextToken(), JsonToken.START_OBJECT);
      elements(parser, "", lines);
      if (parser.nextToken() != null) {
        throw new AssertionError("content after the JSON object");
      }
    }
    return lines;
  }

  /** The entries of an element object after its START_OBJECT, up to and with its END_OBJECT. */
  private static void elements(JsonParser parser, String path, List<String> lines) {
    for (JsonToken token = parser.nextToken();
        token != JsonToken.END_OBJECT;
        token = parser.nextToken()) {
      expect(token, JsonToken.PROPERTY_NAME);
      String name = parser.currentName();
      if (name.equals("attributes")) {
        expect(parser.nextToken(), JsonToken.START_OBJECT);
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
          String attribute = parser.currentName();
          expect(parser.nextToken(), JsonToken.VALUE_STRING);
          lines.add(path + "@" + attribute + " = " + normalise(parser.getString()));
        }
      } else if (name.equals("data")) {
        JsonToken value = parser.nextToken();
        if (value == JsonToken.VALUE_STRING) {
          lines.add(path + " = " + parser.getString());
        } else {
          expect(value, JsonToken.START_ARRAY);
          expect(parser.nextToken(), JsonToken.VALUE_NULL);
          expect(parser.nextToken(), JsonToken.END_ARRAY);
          lines.add(path + " = ");
        }
      } else {
        expect(parser.nextToken(), JsonToken.START_ARRAY);
        int index = 0;
        for (JsonToken item = parser.nextToken();
            item != JsonToken.END_ARRAY;
            item = parser.nextToken()) {
          expect(item, JsonToken.START_OBJECT);
          index++;
          elements(parser, (path.isEmpty() ? "" : path + "/") + name + "[" + index + "]", lines);
        }
      }
    }
  }

  private static void expect(JsonToken actual, JsonToken expected) {
    if (actual != expected) {
      throw new AssertionError("JSON: expected " + expected + " but found " + actual);
    }
  }
}
