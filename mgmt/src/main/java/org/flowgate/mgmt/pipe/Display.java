package org.flowgate.mgmt.pipe;

import java.util.List;

/** How a reply is shown: Junos text, or {@code | display xml}, {@code json}, {@code xml rpc}. */
public enum Display {
  TEXT,
  XML,
  JSON,
  /** {@code | display xml rpc}: the RPC the command stands for, not run. */
  XML_RPC,
  /** {@code | display set}: configuration as set commands ({@code show configuration} only). */
  SET;

  /**
   * The display a pipe asks for ({@code display xml}, abbreviable), or null when the pipe is not a
   * {@code display} pipe, or is one this CLI does not know (then reported as a bad pipe).
   */
  public static Display of(List<String> pipe) {
    if (pipe.isEmpty() || !"display".startsWith(pipe.get(0)) || pipe.get(0).length() < 2) {
      return null;
    }
    String format = pipe.size() > 1 ? pipe.get(1) : "";
    boolean rpc = pipe.size() > 2 && "rpc".startsWith(pipe.get(2));
    if (format.isEmpty()) {
      return null;
    }
    if ("xml".startsWith(format)) {
      return rpc ? XML_RPC : XML;
    }
    if ("json".startsWith(format)) {
      return JSON;
    }
    if ("set".startsWith(format)) {
      return SET;
    }
    return null;
  }

  /** True for the pipe {@code display ...}, known or not. */
  public static boolean isDisplay(List<String> pipe) {
    return !pipe.isEmpty() && "display".startsWith(pipe.get(0)) && pipe.get(0).length() >= 2;
  }
}
