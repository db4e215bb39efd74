package dev.patchbay.worker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * Writes why a container stops to its termination message file, which the kubelet copies into the pod status
 * ({@code state.terminated.message}); the operator shows it in the KafkaConnect's Ready condition. The file is the
 * container's {@code terminationMessagePath}, passed as {@code PATCHBAY_TERMINATION_LOG} (default
 * {@code /dev/termination-log}). The kubelet creates that file before the container starts, so a file that does not
 * exist means there is no kubelet (a developer's machine): nothing is written, and nothing is created in /dev.
 */
public final class TerminationMessage {
  public static final String ENV_TERMINATION_LOG = "PATCHBAY_TERMINATION_LOG";
  public static final String DEFAULT_PATH = "/dev/termination-log";
  /** The kubelet keeps at most 4096 bytes of a termination message. */
  static final int MAX_BYTES = 4096;

  private TerminationMessage() {}

  /** Writes {@code message} as one line, at most 4096 bytes; silently does nothing when the file cannot be written. */
  public static void write(Map<String, String> env, String message) {
    Path file = Path.of(env.getOrDefault(ENV_TERMINATION_LOG, DEFAULT_PATH));
    if (!Files.isRegularFile(file) || !Files.isWritable(file)) {
      return;
    }
    try {
      Files.write(file, truncated(message.replaceAll("[\\r\\n]+", " ").strip()),
          StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
    } catch (IOException | RuntimeException e) {
      // the message also went to stderr; a read-only or vanished file must not hide the real failure
    }
  }

  private static byte[] truncated(String line) {
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    if (bytes.length <= MAX_BYTES) {
      return bytes;
    }
    String cut = new String(bytes, 0, MAX_BYTES - 3, StandardCharsets.UTF_8);
    if (cut.endsWith("\uFFFD")) {
      cut = cut.substring(0, cut.length() - 1); // a character split by the cut
    }
    return (cut + "...").getBytes(StandardCharsets.UTF_8);
  }
}
