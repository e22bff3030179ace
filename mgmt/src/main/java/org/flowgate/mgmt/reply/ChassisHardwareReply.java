package org.flowgate.mgmt.reply;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code show chassis hardware}: the inventory of the platform Flowgate presents itself as ({@link
 * DeviceModel}).
 *
 * @param description the chassis description ({@code VSRX}, {@code SRX 5800})
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

  /** The services card of an SRX5800 (SRX5K-SPC-4-15-320); each of its four PICs is an SPU. */
  static final String SERVICES_CARD = "SRX5k SPC II";

  /**
   * The inventory of {@code device}. A vSRX has one virtual FPC with one PIC, however many internal
   * shards it runs. The high-end layout shows the services cards whose SPUs the views show: PIC 0
   * of FPC 0 is the central point ({@code SPU Cp}: Flowgate's dispatcher), every SPU shard a {@code
   * SPU Flow} PIC after it ({@code FPC0 PIC1} for SPU 0).
   */
  public static ChassisHardwareReply of(DeviceModel device) {
    if (!device.perSpuBlocks()) {
      return new ChassisHardwareReply(
          device.serialNumber(),
          device.chassisDescription(),
          List.of(
              new Module(
                  "FPC 0",
                  "Virtual FPC",
                  List.of(new Module("PIC 0", "VSRX DPDK GE", List.of())))));
    }
    Map<Integer, List<Module>> pics = new TreeMap<>();
    pics.computeIfAbsent(0, f -> new ArrayList<>()).add(new Module("PIC 0", "SPU Cp", List.of()));
    for (int spu = 0; spu < device.spus(); spu++) {
      pics.computeIfAbsent(device.fpc(spu), f -> new ArrayList<>())
          .add(new Module("PIC " + device.pic(spu), "SPU Flow", List.of()));
    }
    List<Module> fpcs = new ArrayList<>();
    pics.forEach((fpc, list) -> fpcs.add(new Module("FPC " + fpc, SERVICES_CARD, list)));
    return new ChassisHardwareReply(device.serialNumber(), device.chassisDescription(), fpcs);
  }
}
