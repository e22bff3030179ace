package org.flowgate.mgmt.netconf;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flowgate.config.edit.ConfigXml;

/**
 * The configuration in Junos's JSON form ({@code get-configuration format="json"}): {@code
 * {"configuration" : {...}}}, a named list as an array of objects with {@code "name"}, a leaf as
 * its string, a bare keyword as {@code [null]}.
 *
 * <p>Thread: stateless.
 */
final class ConfigJson {
  private ConfigJson() {}

  static String of(List<ConfigXml.Element> configuration) {
    StringBuilder out = new StringBuilder("{\n    \"configuration\" : ");
    object(configuration, out, 1);
    return out.append("\n}\n").toString();
  }

  private static void object(List<ConfigXml.Element> elements, StringBuilder out, int depth) {
    Map<String, List<ConfigXml.Element>> byName = new LinkedHashMap<>();
    for (ConfigXml.Element element : elements) {
      byName.computeIfAbsent(element.name(), n -> new java.util.ArrayList<>()).add(element);
    }
    String indent = "    ".repeat(depth + 1);
    out.append("{");
    boolean first = true;
    for (Map.Entry<String, List<ConfigXml.Element>> entry : byName.entrySet()) {
      out.append(first ? "\n" : ",\n").append(indent).append(string(entry.getKey())).append(" : ");
      first = false;
      List<ConfigXml.Element> same = entry.getValue();
      boolean list =
          same.size() > 1
              || same.getFirst().children().stream().anyMatch(c -> c.name().equals("name"));
      if (list) {
        out.append("[");
        for (int i = 0; i < same.size(); i++) {
          out.append(i == 0 ? "" : ", ");
          value(same.get(i), out, depth + 1);
        }
        out.append("]");
      } else {
        value(same.getFirst(), out, depth + 1);
      }
    }
    out.append("\n").append("    ".repeat(depth)).append("}");
  }

  private static void value(ConfigXml.Element element, StringBuilder out, int depth) {
    if (!element.children().isEmpty()) {
      object(element.children(), out, depth);
    } else if (element.text() == null) {
      out.append("[null]");
    } else {
      out.append(string(element.text()));
    }
  }

  private static String string(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
