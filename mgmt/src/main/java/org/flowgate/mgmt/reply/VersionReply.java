package org.flowgate.mgmt.reply;

/** {@code show version}: the device's name, model and release ({@link DeviceModel}). */
public record VersionReply(String hostName, String model, String productName, String junosVersion)
    implements ViewReply {
  public static VersionReply of(DeviceModel device) {
    return new VersionReply(
        device.hostName(), device.model(), device.productName(), device.junosVersion());
  }
}
