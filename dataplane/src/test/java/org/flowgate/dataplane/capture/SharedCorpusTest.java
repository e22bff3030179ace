package org.flowgate.dataplane.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flowgate.dataplane.packet.DropReason;
import org.flowgate.dataplane.packet.PacketDescriptor;
import org.flowgate.dataplane.packet.PacketParser;
import org.flowgate.testkit.Shared;
import org.junit.jupiter.api.Test;

/** Reads every capture of the shared corpus (../shared/pcaps), when it is there. */
class SharedCorpusTest {
  /** A row of the README table: | `file` | origin | size | format | link type | packets | ... */
  private static final Pattern ROW =
      Pattern.compile("^\\| `([^`]+)` \\|[^|]*\\|[^|]*\\|[^|]*\\|[^|]*\\| *(\\d+) \\|");

  private static Path pcaps() {
    return Shared.resolve("pcaps");
  }

  @Test
  void readsEveryCorpusCaptureToTheEndWithTheListedRecordCount() throws IOException {
    Path folder = pcaps();
    Path readme = folder.resolve("README.md");
    assumeTrue(
        Files.isRegularFile(readme),
        "shared capture corpus not found at " + folder + "; skipping corpus test");
    Map<String, Long> expected = new LinkedHashMap<>();
    for (String line : Files.readAllLines(readme)) {
      Matcher row = ROW.matcher(line);
      if (row.find()) {
        expected.put(row.group(1), Long.parseLong(row.group(2)));
      }
    }
    assertThat(expected).as("rows in %s", readme).isNotEmpty();
    PacketDescriptor out = new PacketDescriptor();
    for (Map.Entry<String, Long> entry : expected.entrySet()) {
      Path file = folder.resolve(entry.getKey());
      try (CaptureReader reader = CaptureReader.open(file)) {
        long parsedOrDropped = 0;
        while (reader.next()) {
          DropReason reason =
              PacketParser.parse(
                  reader.segment(),
                  reader.frameOffset(),
                  reader.capturedLengthBytes(),
                  reader.originalLengthBytes(),
                  reader.linkType(),
                  out);
          if (reason == null) {
            assertThat(out.ipVersion).as("%s record %d", file, reader.recordsRead()).isIn(4, 6);
          }
          parsedOrDropped++;
        }
        assertThat(reader.error()).as("error reading %s", file).isNull();
        assertThat(reader.recordsRead()).as("records in %s", file).isEqualTo(entry.getValue());
        assertThat(parsedOrDropped).isEqualTo(entry.getValue());
      }
    }
  }
}
