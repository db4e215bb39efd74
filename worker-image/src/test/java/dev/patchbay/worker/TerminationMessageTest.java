package dev.patchbay.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TerminationMessageTest {
  @TempDir Path dir;

  @Test
  void theMessageReplacesTheFileContentAsOneLine() throws IOException {
    Path file = Files.writeString(dir.resolve("termination-log"), "an older, longer message from a previous run");

    TerminationMessage.write(Map.of(TerminationMessage.ENV_TERMINATION_LOG, file.toString()),
        "plugin x: HTTP 404 for https://h/x.jar\nsecond line");

    assertThat(file).hasContent("plugin x: HTTP 404 for https://h/x.jar second line");
  }

  @Test
  void aLongMessageIsCutToWhatTheKubeletKeeps() throws IOException {
    Path file = Files.createFile(dir.resolve("termination-log"));

    TerminationMessage.write(Map.of(TerminationMessage.ENV_TERMINATION_LOG, file.toString()), "é".repeat(3000));

    byte[] written = Files.readAllBytes(file);
    assertThat(written.length).isLessThanOrEqualTo(TerminationMessage.MAX_BYTES);
    assertThat(new String(written, StandardCharsets.UTF_8)).startsWith("ééé").endsWith("é...");
  }

  @Test
  void aMissingOrReadOnlyFileIsSkippedSilently() throws IOException {
    Path missing = dir.resolve("no-kubelet-here");
    TerminationMessage.write(Map.of(TerminationMessage.ENV_TERMINATION_LOG, missing.toString()), "boom");
    assertThat(missing).doesNotExist();

    Path readOnly = Files.writeString(dir.resolve("read-only"), "");
    assertThat(readOnly.toFile().setWritable(false)).isTrue();
    TerminationMessage.write(Map.of(TerminationMessage.ENV_TERMINATION_LOG, readOnly.toString()), "boom");
    assertThat(Files.isWritable(readOnly) ? "" : Files.readString(readOnly)).isEmpty();
  }
}
