package org.flowgate.mgmt.render;

import java.util.List;
import java.util.Objects;

/**
 * One element of a Junos XML reply, neutral to the output format: {@link JunosXml} writes it as
 * {@code | display xml}, {@link JunosJson} as {@code | display json}. Building a reply once as this
 * tree is what keeps the two formats from disagreeing.
 *
 * <pre>
 *   CONTAINER  &lt;flow-session junos:style="brief"&gt;      JSON  "flow-session" : [{ "attributes" : {..}, .. }]
 *                &lt;child/&gt;..                                  (children grouped by name)
 *              &lt;/flow-session&gt;                                (no children: {@code <x>\n</x>} / {@code [{}]})
 *   LEAF       &lt;timeout&gt;1798&lt;/timeout&gt;                   JSON  "timeout" : [{ "data" : "1798" }]
 *              &lt;logical-system&gt;&lt;/logical-system&gt;           JSON  "logical-system" : [{ "data" : [null] }]
 *   TOGGLE     &lt;summary/&gt;                                JSON  "summary" : [{ "data" : [null] }]
 * </pre>
 *
 * Text and attribute values may hold any string: characters XML 1.0 cannot carry at all (C0
 * controls other than tab, line feed and carriage return; U+FFFE, U+FFFF; unpaired surrogates) are
 * replaced by U+FFFD here, once, so both formats show the same value. Markup characters are left
 * alone; the writers escape them. Immutable; any thread.
 *
 * @param name the element name, e.g. {@code flow-session}
 * @param attributes attributes in document order; namespace declarations ({@code xmlns}, {@code
 *     xmlns:junos}) are attributes too
 * @param kind container, leaf or toggle
 * @param text the text of a leaf ({@code ""} for an empty leaf), null otherwise
 * @param children the children of a container, empty otherwise
 */
public record JunosElement(
    String name, List<Attribute> attributes, Kind kind, String text, List<JunosElement> children) {

  /** How an element carries its content. */
  public enum Kind {
    /** Child elements only, each on its own line. */
    CONTAINER,
    /** Text only, on one line, possibly empty. */
    LEAF,
    /** No content at all, written {@code <name/>}: the switches of an RPC. */
    TOGGLE
  }

  /** One attribute; {@code name} may carry a prefix ({@code junos:style}). */
  public record Attribute(String name, String value) {
    public Attribute {
      Objects.requireNonNull(name, "name");
      value = xmlSafe(Objects.requireNonNull(value, "value"));
    }
  }

  public JunosElement {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    attributes = List.copyOf(attributes);
    children = List.copyOf(children);
    if (kind == Kind.LEAF) {
      text = xmlSafe(Objects.requireNonNull(text, "a leaf has text"));
    } else if (text != null) {
      throw new IllegalArgumentException(kind + " " + name + " cannot have text");
    }
    if (kind != Kind.CONTAINER && !children.isEmpty()) {
      throw new IllegalArgumentException(kind + " " + name + " cannot have children");
    }
  }

  /** {@code <name>text</name>}. */
  public static JunosElement leaf(String name, String text) {
    return new JunosElement(name, List.of(), Kind.LEAF, text, List.of());
  }

  /** {@code <name>value</name>} of a number. */
  public static JunosElement leaf(String name, long value) {
    return leaf(name, Long.toString(value));
  }

  /** {@code <name/>}. */
  public static JunosElement toggle(String name) {
    return new JunosElement(name, List.of(), Kind.TOGGLE, null, List.of());
  }

  /** A container without attributes. */
  public static JunosElement container(String name, List<JunosElement> children) {
    return new JunosElement(name, List.of(), Kind.CONTAINER, null, children);
  }

  /** A container with attributes. */
  public static JunosElement container(
      String name, List<Attribute> attributes, List<JunosElement> children) {
    return new JunosElement(name, attributes, Kind.CONTAINER, null, children);
  }

  /**
   * Writes this element and everything below it to {@code writer}: the one walk of a reply tree.
   * For a writer that {@link ReplyWriter#groupsRepeatedNames() groups repeated names}, a
   * container's children are handed over name by name, in order of each name's first appearance.
   */
  public void writeTo(ReplyWriter writer) {
    switch (kind) {
      case LEAF -> writer.leaf(name, attributes, text);
      case TOGGLE -> writer.toggle(name, attributes);
      case CONTAINER -> {
        writer.start(name, attributes);
        for (JunosElement child : writer.groupsRepeatedNames() ? grouped(children) : children) {
          child.writeTo(writer);
        }
        writer.end();
      }
    }
  }

  private static List<JunosElement> grouped(List<JunosElement> children) {
    java.util.Map<String, List<JunosElement>> byName = new java.util.LinkedHashMap<>();
    for (JunosElement child : children) {
      byName.computeIfAbsent(child.name(), n -> new java.util.ArrayList<>()).add(child);
    }
    if (byName.size() == children.size()) {
      return children;
    }
    List<JunosElement> grouped = new java.util.ArrayList<>(children.size());
    byName.values().forEach(grouped::addAll);
    return grouped;
  }

  /** Shorthand for one attribute. */
  public static Attribute attribute(String name, String value) {
    return new Attribute(name, value);
  }

  /**
   * {@code text} with every character XML 1.0 cannot carry replaced by U+FFFD (see the class
   * comment). Returns {@code text} itself when nothing needs replacing, which is the usual case.
   */
  static String xmlSafe(String text) {
    int length = text.length();
    int i = 0;
    while (i < length) {
      int codePoint = text.codePointAt(i);
      if (!allowed(codePoint)) {
        break;
      }
      i += Character.charCount(codePoint);
    }
    if (i == length) {
      return text;
    }
    StringBuilder out = new StringBuilder(length).append(text, 0, i);
    while (i < length) {
      int codePoint = text.codePointAt(i);
      out.appendCodePoint(allowed(codePoint) ? codePoint : 0xFFFD);
      i += Character.charCount(codePoint);
    }
    return out.toString();
  }

  /** The {@code Char} production of XML 1.0 §2.2; a lone surrogate arrives here as itself. */
  private static boolean allowed(int codePoint) {
    return codePoint == 0x9
        || codePoint == 0xA
        || codePoint == 0xD
        || (codePoint >= 0x20 && codePoint <= 0xD7FF)
        || (codePoint >= 0xE000 && codePoint <= 0xFFFD)
        || (codePoint >= 0x10000 && codePoint <= 0x10FFFF);
  }
}
