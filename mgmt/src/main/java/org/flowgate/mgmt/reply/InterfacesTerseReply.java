package org.flowgate.mgmt.reply;

import java.util.List;

/**
 * {@code show interfaces terse}: physical interfaces sorted as Junos sorts them, with their units.
 */
public record InterfacesTerseReply(List<Physical> interfaces) implements ViewReply {
  public InterfacesTerseReply {
    interfaces = List.copyOf(interfaces);
  }

  /** A port: {@code admin} and {@code link} are {@code up} or {@code down}. */
  public record Physical(String name, String admin, String link, List<Logical> units) {
    public Physical {
      units = List.copyOf(units);
    }
  }

  /** A logical unit and its address families. */
  public record Logical(String name, String admin, String link, List<Family> families) {
    public Logical {
      families = List.copyOf(families);
    }
  }

  /** {@code inet} or {@code inet6} with its addresses ({@code 10.0.0.1/24}, {@code fe80::1/64}). */
  public record Family(String name, List<String> addresses) {
    public Family {
      addresses = List.copyOf(addresses);
    }
  }
}
