package org.flowgate.testkit;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The way to {@code ../shared}, the reference material beside the project (real captures, their
 * expected results, real Junos outputs and configurations): the build's {@code flowgate.shared}
 * property, else {@code shared} beside the project folder. Tests that read it skip, naming what
 * they miss, where it is absent; nothing in the product depends on it.
 */
public final class Shared {
  private Shared() {}

  /** The shared folder; it may not exist. */
  public static Path directory() {
    String property = System.getProperty("flowgate.shared");
    if (property != null && !property.isBlank()) {
      return Path.of(property).toAbsolutePath().normalize();
    }
    // tests run in a module folder: the project is its parent, ../shared is beside the project
    Path module = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    Path project = module.getParent() == null ? module : module.getParent();
    return project.resolve("../shared").normalize();
  }

  /** {@code relative} under the shared folder; it may not exist. */
  public static Path resolve(String relative) {
    return directory().resolve(relative);
  }

  /** True when the shared folder (and {@code relative} in it) is there. */
  public static boolean present(String relative) {
    return Files.exists(resolve(relative));
  }

  /** The message a test gives when it skips because {@code relative} is missing. */
  public static String missing(String relative) {
    return resolve(relative) + " is absent (../shared beside the project): skipped";
  }
}
