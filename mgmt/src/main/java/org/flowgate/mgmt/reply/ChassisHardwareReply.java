package org.flowgate.mgmt.reply;

import java.util.List;

/**
 * {@code show chassis hardware}: the inventory of a vSRX ({@link DeviceModel}), one FPC and PIC per
 * SPU block it shows.
 *
 * @param modules the FPCs, each with its PICs
 */
public record ChassisHardwareReply(String serialNumber, String description, List<Module> modules)
    implements ViewReply {
  public ChassisHardwareReply {
    modules = List.copyOf(modules);
  }

  /** An inventory item and the items inside it. */
  public record Module(String name, String description, List<Module> subModules) {
    public Module {
      subModules = List.copyOf(subModules);
    }
  }

  /**
   * The inventory of {@code device}: a vSRX has one virtual FPC with one PIC; the high-end layout
   * shows each SPU's FPC and PIC.
   */
  public static ChassisHardwareReply of(DeviceModel device) {
    if (!device.perSpuBlocks()) {
      return new ChassisHardwareReply(
          device.serialNumber(),
          "VSRX",
          List.of(
              new Module(
                  "FPC 0",
                  "Virtual FPC",
                  List.of(new Module("PIC 0", "VSRX DPDK GE", List.of())))));
    }
    java.util.Map<Integer, List<Module>> pics = new java.util.TreeMap<>();
    for (int spu = 0; spu < device.spus(); spu++) {
      pics.computeIfAbsent(device.fpc(spu), f -> new java.util.ArrayList<>())
          .add(new Module("PIC " + device.pic(spu), "SPU Cp-Flow", List.of()));
    }
    List<Module> fpcs = new java.util.ArrayList<>();
    pics.forEach((fpc, list) -> fpcs.add(new Module("FPC " + fpc, "SPC", list)));
    return new ChassisHardwareReply(device.serialNumber(), "VSRX", fpcs);
  }
}
