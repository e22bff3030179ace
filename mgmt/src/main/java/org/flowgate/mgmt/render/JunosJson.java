package org.flowgate.mgmt.render;

import java.io.StringWriter;
import java.io.Writer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flowgate.mgmt.reply.FlowSessionClearReply;
import org.flowgate.mgmt.reply.FlowSessionReply;
import org.flowgate.mgmt.reply.FlowSummaryReply;
import org.flowgate.mgmt.reply.RpcRequest;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.PrettyPrinter;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonWriteFeature;

/**
 * {@code | display json}: writes the trees of {@link JunosReplyTree} in the Junos "verbose" JSON
 * mapping (reference §2.3), streamed with Jackson's {@link JsonGenerator}:
 *
 * <ul>
 *   <li>the reply is an object whose keys are the elements inside {@code <rpc-reply>}; the {@code
 *       <rpc-reply>} element itself, its {@code xmlns:junos} and the CLI's {@code <cli>} trailer
 *       are not shown;
 *   <li>every element is an array of objects, one per occurrence; same-named siblings share one
 *       array, in document order, placed where the first of them stood (so the summary's two {@code
 *       flow-session-information} siblings become one array of two);
 *   <li>a container's attributes go first under {@code "attributes"}, then its children;
 *   <li>a leaf is {@code [{"data" : "text"}]}, an empty leaf or a toggle {@code [{"data" :
 *       [null]}]};
 *   <li>every value is a string, numbers included.
 * </ul>
 *
 * Layout, as Junos prints it: an object's entries one a line, indented four spaces per object
 * level; an array of objects opens at the line of its key and its objects start on the next line at
 * the same indent as the key; entries end in {@code ", "}; attribute objects and {@code [null]}
 * stay on one line:
 *
 * <pre>
 * {
 *     "flow-session-information" : [
 *     {
 *         "attributes" : {"xmlns" : "http://xml.juniper.net/junos/24.4R1-S2.9/junos-flow"},&#x2423;
 *         "displayed-session-count" : [
 *         {
 *             "data" : "0"
 *         }
 *         ]
 *     }
 *     ]
 * }
 * </pre>
 *
 * No flow-session JSON from a device is public; the mapping and layout are those of other Junos
 * commands' {@code | display json}. Stateless; any thread.
 */
public final class JunosJson {
  /** Forward slashes stay as they are ({@code ge-0/0/0.0}); Jackson 3 escapes them by default. */
  private static final JsonFactory FACTORY =
      JsonFactory.builder().disable(JsonWriteFeature.ESCAPE_FORWARD_SLASHES).build();

  private JunosJson() {}

  /** {@code show security flow session [brief | extensive] | display json}. */
  public static String render(FlowSessionReply reply) {
    return write(JunosReplyTree.of(reply));
  }

  /** {@code show security flow session summary | display json}. */
  public static String render(FlowSummaryReply reply) {
    return write(JunosReplyTree.of(reply));
  }

  /** {@code clear security flow session … | display json}. */
  public static String render(FlowSessionClearReply reply) {
    return write(JunosReplyTree.of(reply));
  }

  /** {@code <command> | display json rpc}: the RPC element under {@code "rpc"}. */
  public static String render(RpcRequest request) {
    return write(JunosReplyTree.of(request));
  }

  /** Any element tree as Junos JSON, ending with a newline. */
  public static String write(JunosElement root) {
    StringWriter out = new StringWriter(2048);
    write(root, out);
    return out.toString();
  }

  /** Writes {@code root} to {@code out}, ending with a newline; does not close {@code out}. */
  public static void write(JunosElement root, Writer out) {
    JunosLayout layout = new JunosLayout();
    ObjectWriteContext context =
        new ObjectWriteContext.Base() {
          @Override
          public PrettyPrinter getPrettyPrinter() {
            return layout;
          }

          @Override
          public boolean hasPrettyPrinter() {
            return true;
          }
        };
    try (JsonGenerator json = FACTORY.createGenerator(context, new NonClosing(out))) {
      json.writeStartObject();
      if (root.name().equals("rpc-reply")) {
        entries(json, layout, withoutCli(root.children()));
      } else {
        entries(json, layout, List.of(root));
      }
      json.writeEndObject();
    }
    try {
      out.write('\n');
      out.flush();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static List<JunosElement> withoutCli(List<JunosElement> children) {
    List<JunosElement> body = new ArrayList<>(children.size());
    for (JunosElement child : children) {
      if (!child.name().equals("cli")) {
        body.add(child);
      }
    }
    return body;
  }

  /** The entries of an object: one array per distinct name, in order of first appearance. */
  private static void entries(JsonGenerator json, JunosLayout layout, List<JunosElement> elements) {
    Map<String, List<JunosElement>> byName = new LinkedHashMap<>();
    for (JunosElement element : elements) {
      byName.computeIfAbsent(element.name(), name -> new ArrayList<>()).add(element);
    }
    for (Map.Entry<String, List<JunosElement>> entry : byName.entrySet()) {
      json.writeName(entry.getKey());
      json.writeStartArray();
      for (JunosElement element : entry.getValue()) {
        occurrence(json, layout, element);
      }
      json.writeEndArray();
    }
  }

  /** One occurrence of an element as an object. */
  private static void occurrence(JsonGenerator json, JunosLayout layout, JunosElement element) {
    json.writeStartObject();
    switch (element.kind()) {
      case CONTAINER -> {
        attributes(json, element);
        entries(json, layout, element.children());
      }
      case LEAF, TOGGLE -> {
        json.writeName("data");
        if (element.kind() == JunosElement.Kind.LEAF && !element.text().isEmpty()) {
          json.writeString(element.text());
        } else {
          layout.inlineNextArray();
          json.writeStartArray();
          json.writeNull();
          json.writeEndArray();
        }
        attributes(json, element);
      }
    }
    json.writeEndObject();
  }

  private static void attributes(JsonGenerator json, JunosElement element) {
    if (element.attributes().isEmpty()) {
      return;
    }
    json.writeName("attributes");
    json.writeStartObject();
    for (JunosElement.Attribute attribute : element.attributes()) {
      json.writeName(attribute.name());
      json.writeString(attribute.value());
    }
    json.writeEndObject();
  }

  /**
   * The Junos JSON layout as a Jackson pretty printer. One instance per document: it keeps the
   * nesting it is in.
   */
  private static final class JunosLayout implements PrettyPrinter {
    private enum Frame {
      BLOCK_OBJECT,
      INLINE_OBJECT,
      BLOCK_ARRAY,
      INLINE_ARRAY
    }

    private final Deque<Frame> frames = new ArrayDeque<>();
    private int objectDepth;
    private boolean inlineNextArray;

    /** The next array holds a scalar ({@code [null]}) and stays on its line. */
    void inlineNextArray() {
      inlineNextArray = true;
    }

    @Override
    public void writeRootValueSeparator(JsonGenerator g) {
      g.writeRaw('\n');
    }

    @Override
    public void writeStartObject(JsonGenerator g) {
      // An object that is the value of an entry (the attributes) stays on one line.
      Frame parent = frames.peek();
      if (parent == Frame.BLOCK_OBJECT || parent == Frame.INLINE_OBJECT) {
        frames.push(Frame.INLINE_OBJECT);
      } else {
        frames.push(Frame.BLOCK_OBJECT);
        objectDepth++;
      }
      g.writeRaw('{');
    }

    @Override
    public void beforeObjectEntries(JsonGenerator g) {
      if (frames.peek() == Frame.BLOCK_OBJECT) {
        newline(g);
      }
    }

    @Override
    public void writeObjectNameValueSeparator(JsonGenerator g) {
      g.writeRaw(" : ");
    }

    @Override
    public void writeObjectEntrySeparator(JsonGenerator g) {
      g.writeRaw(", ");
      if (frames.peek() == Frame.BLOCK_OBJECT) {
        newline(g);
      }
    }

    @Override
    public void writeEndObject(JsonGenerator g, int entries) {
      if (frames.pop() == Frame.BLOCK_OBJECT) {
        objectDepth--;
        newline(g);
      }
      g.writeRaw('}');
    }

    @Override
    public void writeStartArray(JsonGenerator g) {
      frames.push(inlineNextArray ? Frame.INLINE_ARRAY : Frame.BLOCK_ARRAY);
      inlineNextArray = false;
      g.writeRaw('[');
    }

    @Override
    public void beforeArrayValues(JsonGenerator g) {
      if (frames.peek() == Frame.BLOCK_ARRAY) {
        newline(g);
      }
    }

    @Override
    public void writeArrayValueSeparator(JsonGenerator g) {
      g.writeRaw(',');
      if (frames.peek() == Frame.BLOCK_ARRAY) {
        g.writeRaw(' ');
        newline(g);
      }
    }

    @Override
    public void writeEndArray(JsonGenerator g, int values) {
      if (frames.pop() == Frame.BLOCK_ARRAY) {
        newline(g);
      }
      g.writeRaw(']');
    }

    private void newline(JsonGenerator g) {
      g.writeRaw('\n');
      g.writeRaw(" ".repeat(4 * objectDepth));
    }
  }

  /** Lets the generator close its target without closing the caller's writer. */
  private static final class NonClosing extends java.io.FilterWriter {
    NonClosing(Writer out) {
      super(out);
    }

    @Override
    public void close() throws java.io.IOException {
      flush();
    }
  }
}
