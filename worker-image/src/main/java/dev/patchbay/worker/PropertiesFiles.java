package dev.patchbay.worker;

import dev.patchbay.contract.PropertiesText;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.SortedMap;
import java.util.TreeMap;

/** Reads and writes {@code .properties} files the way Kafka reads them (ISO-8859-1 with escapes). */
public final class PropertiesFiles {
  private PropertiesFiles() {}

  /** Loads a properties file into an ordered map; the file must exist. */
  public static Map<String, String> read(Path file) {
    Properties props = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      props.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    Map<String, String> map = new TreeMap<>();
    props.stringPropertyNames().forEach(k -> map.put(k, props.getProperty(k)));
    return new LinkedHashMap<>(map);
  }

  /** Renders a map as properties text, keys sorted, no timestamp, every non-ASCII char escaped. */
  public static String format(Map<String, String> values) {
    SortedMap<String, String> sorted = new TreeMap<>(values);
    StringBuilder out = new StringBuilder();
    sorted.forEach((k, v) -> PropertiesText.appendLine(out, k, v));
    return out.toString();
  }

  /** Writes text atomically (temp file + rename) so a reader never sees half a file. */
  public static void writeAtomically(Path file, String text) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".tmp-", ".properties");
      Files.writeString(tmp, text, StandardCharsets.ISO_8859_1);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
