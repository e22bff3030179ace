/**
 * The text layer of Junos configuration: the first pass of the configuration pipeline.
 *
 * <pre>
 * text ──► {@link org.flowgate.config.text.ConfigLexer} ──► {@link org.flowgate.config.text.ConfigParser}
 *   ({} or set lines)   tokens with line:column       delete / (de)activate / replace: in order,
 *                                                       then groups ({@code GroupExpander})
 *      ──► {@link org.flowgate.config.text.ParsedConfig}: flat {@link org.flowgate.config.text.ConfigStatement}s
 *      ──► {@link org.flowgate.config.text.ConfigPrinter}: show configuration [PATH] [| display set]
 * </pre>
 *
 * <p>Every problem is a {@link org.flowgate.config.text.Diagnostic} with its source location,
 * collected in {@link org.flowgate.config.text.Diagnostics}; parsing never throws on bad input.
 *
 * <p>Known limits, until the schema tree exists: a single-valued leaf set twice keeps both values;
 * which group values count as "already configured" is decided by the tree's shape; and the
 * printer's grouping of words into lines comes from a small keyword table ({@code Layout}), which
 * affects only how Junos-like the output looks, never what it parses back to.
 */
package org.flowgate.config.text;
