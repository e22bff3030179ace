package org.flowgate.mgmt.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Compares rendered text with {@code src/test/resources/golden/<name>}. Run the build with {@code
 * -Dflowgate.golden.update=true} to rewrite the files from the renderer, then review the diff.
 */
public final class GoldenFiles {
  private GoldenFiles() {}

  public static void assertMatches(String name, String rendered) throws IOException {
    if (Boolean.getBoolean("flowgate.golden.update")) {
      Path file = Path.of("src/test/resources/golden").resolve(name);
      Files.createDirectories(file.getParent());
      Files.writeString(file, rendered, StandardCharsets.UTF_8);
      return;
    }
    String expected;
    try (InputStream in = GoldenFiles.class.getResourceAsStream("/golden/" + name)) {
      assertThat(in)
          .as("golden file golden/%s (create it with -Dflowgate.golden.update=true)", name)
          .isNotNull();
      expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(rendered).as("rendered text against golden/%s", name).isEqualTo(expected);
  }
}
