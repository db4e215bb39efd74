package dev.patchbay.worker.plugins;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/** Unpacks zip and tar.gz archives into a directory; no entry may land outside it (zip-slip). */
final class Archives {
  private Archives() {}

  /** The archive is corrupt or tries to escape its directory. */
  static final class ArchiveException extends IOException {
    ArchiveException(String message) {
      super(message);
    }

    ArchiveException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Resolves an entry name under {@code dir}, refusing absolute names and {@code ..} escapes.
   * A directory entry may name {@code dir} itself ({@code ./}); a file may not.
   */
  static Path safeResolve(Path dir, String entryName) throws ArchiveException {
    Path base = dir.toAbsolutePath().normalize();
    Path resolved = base.resolve(entryName).normalize();
    if (!resolved.startsWith(base)) {
      throw new ArchiveException("entry '" + entryName + "' would be written outside the plugin directory");
    }
    return resolved;
  }

  static Path safeResolveFile(Path dir, String entryName) throws ArchiveException {
    Path resolved = safeResolve(dir, entryName);
    if (resolved.equals(dir.toAbsolutePath().normalize())) {
      throw new ArchiveException("entry '" + entryName + "' is not a file name");
    }
    return resolved;
  }

  /** Opens the file as a zip (jar) to prove it is one. */
  static void checkZip(Path file) throws ArchiveException {
    try (ZipFile zip = new ZipFile(file.toFile())) {
      if (zip.size() == 0) {
        throw new ArchiveException("empty archive");
      }
    } catch (ZipException e) {
      throw new ArchiveException(e.getMessage(), e);
    } catch (IOException e) {
      throw new ArchiveException(e.toString(), e);
    }
  }

  static void unzip(Path file, Path dir) throws IOException {
    try (ZipFile zip = new ZipFile(file.toFile())) {
      if (zip.size() == 0) {
        throw new ArchiveException("empty archive");
      }
      Enumeration<? extends ZipEntry> entries = zip.entries();
      while (entries.hasMoreElements()) {
        ZipEntry entry = entries.nextElement();
        Path target = entry.isDirectory() ? safeResolve(dir, entry.getName()) : safeResolveFile(dir, entry.getName());
        if (entry.isDirectory()) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          try (InputStream in = zip.getInputStream(entry)) {
            Files.copy(in, target);
          }
        }
      }
    } catch (ZipException e) {
      throw new ArchiveException(e.getMessage(), e);
    }
  }

  /**
   * Unpacks a gzip-compressed tar (ustar, GNU long names and pax path headers). Regular files and
   * directories are extracted; links and devices are skipped.
   */
  static void untgz(Path file, Path dir) throws IOException {
    int files = 0;
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 64 * 1024)) {
      byte[] header = new byte[512];
      String longName = null;
      while (true) {
        if (!readBlock(in, header, false)) {
          break;
        }
        if (isZeroBlock(header)) {
          break;
        }
        if (!checksumOk(header)) {
          throw new ArchiveException("bad tar header checksum");
        }
        String name = longName != null ? longName : headerName(header);
        longName = null;
        long size = octal(header, 124, 12);
        char kind = (char) header[156];
        switch (kind) {
          case 'L' -> longName = trimNul(new String(readData(in, size), StandardCharsets.UTF_8));
          case 'x' -> longName = paxPath(readData(in, size));
          case 'g' -> skipData(in, size);
          case '5' -> Files.createDirectories(safeResolve(dir, name));
          case '0', '\0', '7' -> {
            Path target = safeResolveFile(dir, name);
            Files.createDirectories(target.getParent());
            try (OutputStream out = Files.newOutputStream(target)) {
              copyData(in, out, size);
            }
            files++;
          }
          default -> skipData(in, size); // symlinks, hard links, devices: not needed for plugins
        }
      }
    } catch (ZipException | EOFException e) {
      throw new ArchiveException(e.getMessage() == null ? e.toString() : e.getMessage(), e);
    }
    if (files == 0) {
      throw new ArchiveException("no files in archive");
    }
  }

  private static boolean readBlock(InputStream in, byte[] block, boolean required) throws IOException {
    int n = in.readNBytes(block, 0, block.length);
    if (n == 0 && !required) {
      return false;
    }
    if (n < block.length) {
      throw new EOFException("truncated tar archive");
    }
    return true;
  }

  private static boolean isZeroBlock(byte[] block) {
    for (byte b : block) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean checksumOk(byte[] header) throws ArchiveException {
    long expected = octal(header, 148, 8);
    long sum = 0;
    for (int i = 0; i < 512; i++) {
      sum += (i >= 148 && i < 156) ? ' ' : (header[i] & 0xff);
    }
    return sum == expected;
  }

  private static String headerName(byte[] header) {
    String name = field(header, 0, 100);
    if ("ustar".equals(field(header, 257, 6).trim())) {
      String prefix = field(header, 345, 155);
      if (!prefix.isEmpty()) {
        name = prefix + "/" + name;
      }
    }
    return name;
  }

  private static String field(byte[] header, int offset, int length) {
    int end = offset;
    while (end < offset + length && header[end] != 0) {
      end++;
    }
    return new String(header, offset, end - offset, StandardCharsets.UTF_8);
  }

  private static long octal(byte[] header, int offset, int length) throws ArchiveException {
    String s = field(header, offset, length).trim();
    if (s.isEmpty()) {
      return 0;
    }
    try {
      return Long.parseLong(s, 8);
    } catch (NumberFormatException e) {
      throw new ArchiveException("bad tar header field '" + s + "'");
    }
  }

  private static String trimNul(String s) {
    int nul = s.indexOf('\0');
    return nul >= 0 ? s.substring(0, nul) : s;
  }

  private static String paxPath(byte[] data) {
    // records: "<len> <key>=<value>\n"
    String text = new String(data, StandardCharsets.UTF_8);
    for (String record : text.split("\n")) {
      int space = record.indexOf(' ');
      if (space > 0 && record.startsWith("path=", space + 1)) {
        return record.substring(space + 1 + "path=".length());
      }
    }
    return null;
  }

  private static byte[] readData(InputStream in, long size) throws IOException {
    if (size > 1 << 20) {
      throw new ArchiveException("tar extended header too large");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream((int) size);
    copyData(in, out, size);
    return out.toByteArray();
  }

  private static void skipData(InputStream in, long size) throws IOException {
    copyData(in, OutputStream.nullOutputStream(), size);
  }

  /** Copies {@code size} bytes then skips the padding to the next 512-byte block. */
  private static void copyData(InputStream in, OutputStream out, long size) throws IOException {
    byte[] buf = new byte[8192];
    long left = size;
    while (left > 0) {
      int n = in.read(buf, 0, (int) Math.min(buf.length, left));
      if (n < 0) {
        throw new EOFException("truncated tar archive");
      }
      out.write(buf, 0, n);
      left -= n;
    }
    long pad = (512 - size % 512) % 512;
    if (pad > 0 && in.readNBytes((int) pad).length < pad) {
      throw new EOFException("truncated tar archive");
    }
  }
}
