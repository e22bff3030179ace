package org.flowgate.mgmt.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.PrettyPrinter;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonWriteFeature;

/**
 * {@code | display json}: a reply in the Junos "verbose" JSON mapping (reference §2.3), streamed
 * with Jackson's {@link JsonGenerator}:
 *
 * <ul>
 *   <li>the reply is an object whose keys are the elements inside {@code <rpc-reply>}; the {@code
 *       <rpc-reply>} element itself, its {@code xmlns:junos} and the CLI's {@code <cli>} trailer
 *       are not shown;
 *   <li>every element is an array of objects, one per occurrence; same-named siblings share one
 *       array, in document order (this writer groups siblings that follow each other: {@link
 *       #groupsRepeatedNames()});
 *   <li>a container's attributes go first under {@code "attributes"}, then its children;
 *   <li>a leaf is {@code [{"data" : "text"}]}, an empty leaf or a toggle {@code [{"data" :
 *       [null]}]}, a leaf's attributes after its data;
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
 * commands' {@code | display json} (ADR 0008). Thread: confined to the caller.
 */
public final class JsonReplyWriter implements ReplyWriter {
  /** Forward slashes stay as they are ({@code ge-0/0/0.0}); Jackson 3 escapes them by default. */
  private static final JsonFactory FACTORY =
      JsonFactory.builder().disable(JsonWriteFeature.ESCAPE_FORWARD_SLASHES).build();

  /** An open JSON object: the name of the array of siblings now open in it, if any. */
  private static final class Level {
    String openArray;
  }

  private final Writer out;
  private final JunosLayout layout = new JunosLayout();
  private final JsonGenerator json;
  private final Deque<Level> levels = new ArrayDeque<>();
  private boolean started;

  /** Depth inside an element that is not shown (the {@code <cli>} trailer); 0 outside. */
  private int skipped;

  /** Writes to {@code out}, which is never closed. */
  public JsonReplyWriter(Writer out) {
    this.out = out;
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
    this.json = FACTORY.createGenerator(context, new NonClosing(out));
  }

  @Override
  public void start(String name, List<JunosElement.Attribute> attributes) {
    if (skipped > 0) {
      skipped++;
      return;
    }
    if (!started) {
      started = true;
      json.writeStartObject();
      levels.push(new Level());
      if (name.equals("rpc-reply")) {
        return; // the reply's object is the document's object
      }
    } else if (levels.size() == 1 && name.equals("cli")) {
      skipped = 1;
      return;
    }
    entry(name);
    json.writeStartObject();
    attributes(attributes);
    levels.push(new Level());
  }

  @Override
  public void leaf(String name, List<JunosElement.Attribute> attributes, String text) {
    value(name, attributes, text);
  }

  @Override
  public void toggle(String name, List<JunosElement.Attribute> attributes) {
    value(name, attributes, "");
  }

  private void value(String name, List<JunosElement.Attribute> attributes, String text) {
    if (skipped > 0) {
      return;
    }
    if (!started) {
      started = true;
      json.writeStartObject();
      levels.push(new Level());
    }
    entry(name);
    json.writeStartObject();
    json.writeName("data");
    if (!text.isEmpty()) {
      json.writeString(JunosElement.xmlSafe(text));
    } else {
      layout.inlineNextArray();
      json.writeStartArray();
      json.writeNull();
      json.writeEndArray();
    }
    attributes(attributes);
    json.writeEndObject();
  }

  @Override
  public void end() {
    if (skipped > 0) {
      skipped--;
      return;
    }
    close(levels.pop());
  }

  @Override
  public void flush() {
    json.flush();
  }

  @Override
  public void finish() {
    while (!levels.isEmpty()) {
      close(levels.pop());
    }
    json.close();
    try {
      out.write('\n');
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public boolean groupsRepeatedNames() {
    return true;
  }

  /** Puts the next value in the array of its name: the open one, or a new one after it. */
  private void entry(String name) {
    Level level = levels.peek();
    if (name.equals(level.openArray)) {
      return;
    }
    if (level.openArray != null) {
      json.writeEndArray();
    }
    json.writeName(name);
    json.writeStartArray();
    level.openArray = name;
  }

  private void close(Level level) {
    if (level.openArray != null) {
      json.writeEndArray();
    }
    json.writeEndObject();
  }

  private void attributes(List<JunosElement.Attribute> attributes) {
    if (attributes.isEmpty()) {
      return;
    }
    json.writeName("attributes");
    json.writeStartObject();
    for (JunosElement.Attribute attribute : attributes) {
      json.writeName(attribute.name());
      json.writeString(JunosElement.xmlSafe(attribute.value()));
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
    public void close() throws IOException {
      flush();
    }
  }
}
