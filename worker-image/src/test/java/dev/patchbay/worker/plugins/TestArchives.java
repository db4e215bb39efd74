package dev.patchbay.worker.plugins;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builds small jar, zip and tar.gz archives in memory for the fetcher tests. */
final class TestArchives {
  private TestArchives() {}

  static byte[] jar(Map<String, String> entries) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (JarOutputStream jar = new JarOutputStream(bytes, new Manifest())) {
      for (Map.Entry<String, String> e : entries.entrySet()) {
        jar.putNextEntry(new ZipEntry(e.getKey()));
        jar.write(e.getValue().getBytes(StandardCharsets.UTF_8));
        jar.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static byte[] zip(Map<String, byte[]> entries) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey()));
        zip.write(e.getValue());
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * A gzip-compressed ustar archive of regular files (names up to 100 chars, or GNU long names);
   * a name ending in {@code /} is a directory entry.
   */
  static byte[] tgz(Map<String, byte[]> entries) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
        if (name.length > 100) {
          byte[] longName = (e.getKey() + "\0").getBytes(StandardCharsets.UTF_8);
          gz.write(header("././@LongLink", longName.length, 'L'));
          gz.write(padded(longName));
        }
        if (e.getKey().endsWith("/")) {
          gz.write(header(e.getKey(), 0, '5'));
          continue;
        }
        gz.write(header(e.getKey(), e.getValue().length, '0'));
        gz.write(padded(e.getValue()));
      }
      gz.write(new byte[1024]);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** A ustar header block with a correct checksum. */
  static byte[] header(String name, long size, char type) {
    byte[] h = new byte[512];
    put(h, 0, 100, name);
    put(h, 100, 8, "0000644");
    put(h, 108, 8, "0000000");
    put(h, 116, 8, "0000000");
    put(h, 124, 12, String.format("%011o", size));
    put(h, 136, 12, String.format("%011o", 0));
    h[156] = (byte) type;
    put(h, 257, 6, "ustar");
    put(h, 263, 2, "00");
    for (int i = 148; i < 156; i++) {
      h[i] = ' ';
    }
    long sum = 0;
    for (byte b : h) {
      sum += b & 0xff;
    }
    put(h, 148, 8, String.format("%06o", sum) + "\0 ");
    return h;
  }

  private static void put(byte[] h, int offset, int length, String value) {
    byte[] v = value.getBytes(StandardCharsets.UTF_8);
    System.arraycopy(v, 0, h, offset, Math.min(length, v.length));
  }

  static byte[] padded(byte[] data) {
    byte[] out = new byte[(data.length + 511) / 512 * 512];
    System.arraycopy(data, 0, out, 0, data.length);
    return out;
  }

  static String sha512(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(data));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
