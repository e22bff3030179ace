package org.flowgate.mgmt.render;

import java.util.List;

/**
 * A Junos reply written element by element, as {@code | display xml} ({@link XmlReplyWriter}) or
 * {@code | display json} ({@link JsonReplyWriter}). Every reply goes through this one interface:
 * small replies as a {@link JunosElement} tree ({@link JunosElement#writeTo}), long lists (the
 * session table) element by element as they are computed, so that the output of a table of millions
 * starts before its end is read and is never held whole.
 *
 * <pre>
 * start("rpc-reply", xmlns:junos)            &lt;rpc-reply xmlns:junos=".."&gt;
 *   start("flow-session-information", ..)        &lt;flow-session-information ..&gt;
 *     leaf("displayed-session-count", "0")         &lt;displayed-session-count&gt;0&lt;/..&gt;
 *   end()                                        &lt;/flow-session-information&gt;
 * end()                                      &lt;/rpc-reply&gt;
 * finish()                                   newline, flushed
 * </pre>
 *
 * The JSON form groups same-named siblings into one array; a writer that can only do so for
 * siblings that follow each other says so with {@link #groupsRepeatedNames()}, and a tree walk then
 * hands it each name's siblings together. Text and attribute values may hold any string: both
 * writers replace what XML cannot carry by U+FFFD ({@link JunosElement#xmlSafe}), so the two
 * formats show the same value.
 *
 * <p>Thread: confined to the caller.
 */
public sealed interface ReplyWriter permits XmlReplyWriter, JsonReplyWriter {
  /** Opens a container. */
  void start(String name, List<JunosElement.Attribute> attributes);

  /** A leaf: {@code <name>text</name>}, {@code ""} for an empty leaf. */
  void leaf(String name, List<JunosElement.Attribute> attributes, String text);

  /** A toggle: {@code <name/>}. */
  void toggle(String name, List<JunosElement.Attribute> attributes);

  /** Closes the innermost open container. */
  void end();

  /** Pushes what has been written so far to the output (after each chunk of a long list). */
  void flush();

  /** Ends the document with a newline and flushes; the output itself is not closed. */
  void finish();

  /** True when same-named siblings must arrive one after another (JSON puts them in one array). */
  boolean groupsRepeatedNames();

  /** A container without attributes. */
  default void start(String name) {
    start(name, List.of());
  }

  /** A leaf without attributes. */
  default void leaf(String name, String text) {
    leaf(name, List.of(), text);
  }

  /** A leaf holding a number. */
  default void leaf(String name, long value) {
    leaf(name, List.of(), Long.toString(value));
  }
}
