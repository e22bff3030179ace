package org.flowgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.flowgate.dataplane.capture.LinkType;
import org.flowgate.dataplane.capture.PcapWriter;
import org.flowgate.testkit.PacketBuilder;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code flowgate cli} on a real terminal (a pty driven by Python's {@code pty} module, 24 rows):
 * Ctrl-C at {@code ---(more)---} abandons the output and the CLI carries on, as on Junos; before,
 * the terminal's SIGINT killed the process (exit 130) and the replayed state was lost.
 */
class CliOnATerminalTest {
  @TempDir Path dir;

  private static final String DRIVER =
      """
      import os, pty, sys, time, select, fcntl, termios, struct
      pid, fd = pty.fork()
      if pid == 0:
          fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack('HHHH', 24, 80, 0, 0))
          os.execv(sys.argv[1], sys.argv[1:])
      buf = b''
      def wait_for(pattern, timeout=120, start=0):
          global buf
          deadline = time.time() + timeout
          while pattern not in buf[start:]:
              ready, _, _ = select.select([fd], [], [], max(0, deadline - time.time()))
              if not ready:
                  print('TIMEOUT waiting for', pattern, buf[-300:])
                  sys.exit(3)
              try:
                  data = os.read(fd, 65536)
              except OSError:
                  print('EOF waiting for', pattern, buf[-300:])
                  _, status = os.waitpid(pid, 0)
                  print('EXIT', os.waitstatus_to_exitcode(status))
                  sys.exit(4)
              buf += data
      wait_for(b'> ')
      os.write(fd, b'show security flow session\\r')
      wait_for(b'---(more)---')
      mark = len(buf)
      os.write(fd, b'\\x03')
      wait_for(b'root@flowgate> ', start=mark)
      os.write(fd, b'show security flow session summary | no-more\\r')
      wait_for(b'Unicast-sessions: 40')
      os.write(fd, b'exit\\r')
      try:
          while os.read(fd, 65536):
              pass
      except OSError:
          pass
      _, status = os.waitpid(pid, 0)
      print('EXIT', os.waitstatus_to_exitcode(status))
      """;

  @Test
  void ctrlCAtMoreAbandonsTheOutputAndTheCliCarriesOn() throws Exception {
    Assumptions.assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/python3")), "python3 is needed to drive a pty");
    Path capture = dir.resolve("forty.pcap");
    try (PcapWriter writer =
        PcapWriter.open(capture, LinkType.ETHERNET, false, ByteOrder.LITTLE_ENDIAN)) {
      for (int i = 0; i < 40; i++) {
        writer.write(
            1_700_000_000_000_000_000L + i * 1000L,
            PacketBuilder.ipv4("192.168.1.10", "203.0.113.5").udp(5000 + i, 53).ethernet());
      }
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process =
        new ProcessBuilder(
                List.of(
                    "/usr/bin/python3",
                    "-c",
                    DRIVER,
                    java,
                    "--enable-native-access=ALL-UNNAMED",
                    "-cp",
                    System.getProperty("java.class.path"),
                    "org.flowgate.server.Main",
                    "cli",
                    "--spus",
                    "1",
                    capture.toString()))
            .redirectErrorStream(true)
            .start();
    try {
      process.getOutputStream().close();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor(180, TimeUnit.SECONDS)).isTrue();
      assertThat(out).as(out).contains("EXIT 0");
      assertThat(process.exitValue()).isZero();
    } finally {
      process.destroyForcibly();
    }
  }
}
