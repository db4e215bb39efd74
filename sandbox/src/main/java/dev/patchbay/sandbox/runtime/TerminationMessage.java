package dev.patchbay.sandbox.runtime;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A container's termination message as the kubelet makes it: the file at its {@code terminationMessagePath} (here a
 * file in the pod directory, passed to the image as {@code PATCHBAY_TERMINATION_LOG}), created empty before the
 * container starts; with {@code terminationMessagePolicy: FallbackToLogsOnError}, an empty file after a failure is
 * replaced by the tail of the container's log (at most 80 lines and 2048 bytes, as the kubelet takes).
 *
 * @param file the local termination message file
 * @param fallbackToLogs whether the policy is FallbackToLogsOnError
 */
public record TerminationMessage(Path file, boolean fallbackToLogs) {

  static final int MAX_BYTES = 4096;
  static final int LOG_TAIL_LINES = 80;
  static final int LOG_TAIL_BYTES = 2048;

  /** An empty file before the container starts, as the kubelet provides (a previous run's message is gone). */
  void reset() throws IOException {
    Files.createDirectories(file.getParent());
    Files.write(file, new byte[0]);
  }

  /** The message of a container that exited with {@code exitCode}, its output having gone to {@code log}. */
  String read(int exitCode, Path log) {
    String message = head(file, MAX_BYTES).strip();
    if (message.isEmpty() && fallbackToLogs && exitCode != 0) {
      message = tail(log);
    }
    return message;
  }

  private static String head(Path file, int maxBytes) {
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      byte[] bytes = new byte[(int) Math.min(maxBytes, in.length())];
      in.readFully(bytes);
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  private static String tail(Path log) {
    try (RandomAccessFile in = new RandomAccessFile(log.toFile(), "r")) {
      long start = Math.max(0, in.length() - LOG_TAIL_BYTES);
      byte[] bytes = new byte[(int) (in.length() - start)];
      in.seek(start);
      in.readFully(bytes);
      List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
      if (start > 0 && !lines.isEmpty()) {
        lines = lines.subList(1, lines.size()); // the first line was cut
      }
      return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size())).strip();
    } catch (IOException e) {
      return "";
    }
  }
}
