package dev.patchbay.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class PropertiesTextTest {

  /** Keys and values a properties reader could misread if they were written as they are. */
  static final Map<String, String> AWKWARD = awkward();

  private static Map<String, String> awkward() {
    Map<String, String> awkward = new LinkedHashMap<>();
    awkward.put("a=b", "x=y");
    awkward.put("host:port", "kafka:9092");
    awkward.put("#not.a.comment", "#not a comment either");
    awkward.put("!bang", "!bang");
    awkward.put("windows.path", "C:\\Program Files\\connect\\");
    awkward.put("unicode.\u00e9", "h\u00e9llo \u2713 \ud83d\ude00 \u4e2d\u6587");
    awkward.put(" leading.space.key", "   three leading spaces");
    awkward.put("trailing.space", "two trailing  ");
    awkward.put("multi.line", "line one\nline two\r\nline three\\");
    awkward.put("tab\tkey", "\ttab\fformfeed\u0000nul\u007fdel");
    awkward.put("empty", "");
    awkward.put("= :#!", "=:#! leading separators");
    awkward.put("jaas", "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" "
        + "password=\"p=w:d#!\";");
    return awkward;
  }

  @Test
  void everyAwkwardEntryIsReadBackIdenticallyByJavaUtilProperties() throws IOException {
    StringBuilder text = new StringBuilder();
    AWKWARD.forEach((k, v) -> PropertiesText.appendLine(text, k, v));
    assertThat(text.toString()).as("pure printable ASCII, one line an entry").matches("[\\x20-\\x7e\\n]*")
        .hasLineCount(AWKWARD.size());
    Properties read = new Properties();
    // Properties.load(InputStream) reads ISO-8859-1, as Kafka's Utils.loadProps does
    read.load(new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.ISO_8859_1)));
    assertThat(read).containsExactlyInAnyOrderEntriesOf(AWKWARD);
  }

  @Test
  void aNullValueIsWrittenEmpty() {
    StringBuilder text = new StringBuilder();
    PropertiesText.appendLine(text, "k", null);
    assertThat(text).hasToString("k=\n");
  }

  @Test
  void keysEscapeSeparatorsAndValuesOnlyAtTheirStart() {
    assertThat(PropertiesText.escape("a=b:c d", true)).isEqualTo("a\\=b\\:c\\ d");
    assertThat(PropertiesText.escape(" x=y\\z\nw \u00e9", false)).isEqualTo("\\ x=y\\\\z\\nw \\u00e9");
    assertThat(PropertiesText.escape("plain.value-1", false)).isEqualTo("plain.value-1");
  }
}
