package dev.patchbay.worker.plugins;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

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
   * Unpacks a gzip-compressed tar (ustar, GNU and pax; concatenated gzip members are read as one
   * stream). Regular files and directories are extracted; links and devices are skipped. Reading
   * is commons-compress's; what lands where, and what is refused, is decided here.
   */
  static void untgz(Path file, Path dir) throws IOException {
    int files = 0;
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 64 * 1024);
        TarInput tar = new TarInput(gunzip(raw))) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        switch (kind(entry)) {
          case DIRECTORY -> Files.createDirectories(safeResolve(dir, entry.getName()));
          case FILE -> {
            Path target = safeResolveFile(dir, entry.getName());
            Files.createDirectories(target.getParent());
            try (OutputStream out = Files.newOutputStream(target)) {
              tar.transferTo(out);
            }
            files++;
          }
          case SKIPPED -> { } // symlinks, hard links, devices, fifos: not needed for plugins
        }
      }
    }
    if (files == 0) {
      throw new ArchiveException("no files in archive");
    }
  }

  private enum Kind { DIRECTORY, FILE, SKIPPED }

  private static Kind kind(TarArchiveEntry entry) {
    return switch (entry.getLinkFlag()) {
      case TarConstants.LF_NORMAL, TarConstants.LF_OLDNORM, TarConstants.LF_CONTIG ->
          entry.getName().endsWith("/") ? Kind.DIRECTORY : Kind.FILE; // pre-POSIX tars mark directories by the slash
      case TarConstants.LF_DIR -> Kind.DIRECTORY;
      default -> Kind.SKIPPED;
    };
  }

  private static InputStream gunzip(InputStream in) throws ArchiveException {
    try {
      return new GzipCompressorInputStream(in, true);
    } catch (IOException e) {
      throw corrupt(e);
    }
  }

  private static ArchiveException corrupt(IOException e) {
    if (e instanceof ArchiveException archive) {
      return archive;
    }
    String message = e.getMessage() == null ? e.toString() : e.getMessage();
    if (e.getCause() != null && e.getCause().getMessage() != null) {
      message += ": " + e.getCause().getMessage();
    }
    return new ArchiveException(message, e);
  }

  /**
   * The tar reader, with what commons-compress leaves to its caller: header checksums are checked,
   * extended headers (pax, GNU long names) are capped in size, and a read error of the archive
   * becomes an {@link ArchiveException} while one writing the files stays a plain IOException.
   */
  private static final class TarInput extends TarArchiveInputStream {
    private static final long MAX_EXTENDED_HEADER = 1 << 20;

    TarInput(InputStream in) {
      super(in, StandardCharsets.UTF_8.name());
    }

    @Override
    public TarArchiveEntry getNextEntry() throws IOException {
      TarArchiveEntry entry;
      try {
        entry = super.getNextEntry();
      } catch (IOException e) {
        throw corrupt(e);
      }
      if (entry != null) {
        checkHeader(entry);
      }
      return entry;
    }

    /** Extended headers are read through here by the superclass before it returns the entry they describe. */
    @Override
    public int read(byte[] buf, int offset, int length) throws IOException {
      TarArchiveEntry entry = getCurrentEntry();
      if (entry != null && isExtendedHeader(entry)) {
        checkHeader(entry);
        if (entry.getSize() > MAX_EXTENDED_HEADER) {
          throw new ArchiveException("tar extended header too large");
        }
      }
      try {
        return super.read(buf, offset, length);
      } catch (IOException e) {
        throw corrupt(e);
      }
    }

    private static boolean isExtendedHeader(TarArchiveEntry entry) {
      return entry.isPaxHeader() || entry.isGlobalPaxHeader() || entry.isGNULongNameEntry() || entry.isGNULongLinkEntry();
    }

    private static void checkHeader(TarArchiveEntry entry) throws ArchiveException {
      if (!entry.isCheckSumOK()) {
        throw new ArchiveException("bad tar header checksum");
      }
    }
  }
}
