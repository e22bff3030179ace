package org.flowgate.mgmt.reply;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The Junos XML RPC a CLI command stands for, as {@code | display xml rpc} shows it (reference
 * §2.1): {@code show security flow session protocol tcp summary} is
 *
 * <pre>
 * new RpcRequest("get-flow-session-information",
 *     List.of(Map.entry("protocol", "tcp"), Map.entry("summary", "")))
 * </pre>
 *
 * @param name the RPC element, e.g. {@code get-flow-session-information}
 * @param arguments child elements in order; an empty value is a toggle ({@code <summary/>})
 */
public record RpcRequest(String name, List<Map.Entry<String, String>> arguments) {
  public RpcRequest {
    Objects.requireNonNull(name, "name");
    for (Map.Entry<String, String> argument : arguments) {
      Objects.requireNonNull(argument.getKey(), "argument name");
      Objects.requireNonNull(argument.getValue(), "argument value (use \"\" for a toggle)");
    }
    arguments = List.copyOf(arguments);
  }

  /** An RPC without arguments. */
  public static RpcRequest of(String name) {
    return new RpcRequest(name, List.of());
  }
}
