package dev.patchbay.worker.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Archives#untgz} on archives written by commons-compress's own tar writer. */
class ArchivesTest {
  @TempDir Path tmp;

  static final byte[] JAR = "not really a jar".getBytes(StandardCharsets.UTF_8);

  interface TarWriter {
    void write(TarArchiveOutputStream tar) throws IOException;
  }

  /** An uncompressed tar in the given long-name mode. */
  static byte[] tar(int longFileMode, TarWriter writer) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes, StandardCharsets.UTF_8.name())) {
      tar.setLongFileMode(longFileMode);
      tar.setAddPaxHeadersForNonAsciiNames(true);
      writer.write(tar);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static byte[] tgz(int longFileMode, TarWriter writer) {
    return gzip(tar(longFileMode, writer));
  }

  static byte[] gzip(byte[] data) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GzipCompressorOutputStream gz = new GzipCompressorOutputStream(bytes)) {
      gz.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static void file(TarArchiveOutputStream tar, TarArchiveEntry entry, byte[] content) throws IOException {
    entry.setSize(content.length);
    tar.putArchiveEntry(entry);
    tar.write(content);
    tar.closeArchiveEntry();
  }

  static void file(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
    file(tar, new TarArchiveEntry(name), content);
  }

  static void link(TarArchiveOutputStream tar, String name, byte type, String target) throws IOException {
    TarArchiveEntry entry = new TarArchiveEntry(name, type);
    entry.setLinkName(target);
    tar.putArchiveEntry(entry);
    tar.closeArchiveEntry();
  }

  Path unpack(byte[] tgz) throws IOException {
    Path archive = Files.write(tmp.resolve("archive.tgz"), tgz);
    Path dir = Files.createDirectories(tmp.resolve("plugin"));
    Archives.untgz(archive, dir);
    return dir;
  }

  void refused(byte[] tgz, String message) {
    assertThatThrownBy(() -> unpack(tgz)).isInstanceOf(Archives.ArchiveException.class).hasMessageContaining(message);
  }

  List<String> everythingUnder(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.map(p -> dir.relativize(p).toString()).filter(s -> !s.isEmpty()).sorted().toList();
    }
  }

  @Test
  void paxLongAndNonAsciiNamesAreUnpacked() throws IOException {
    String longName = "plugin/" + "p".repeat(150) + "/deep.jar";
    byte[] tgz = tgz(TarArchiveOutputStream.LONGFILE_POSIX, tar -> {
      file(tar, longName, JAR);
      file(tar, "plugin/doc/LÉAME-説明.txt", "hola".getBytes(StandardCharsets.UTF_8));
    });

    Path dir = unpack(tgz);

    assertThat(dir.resolve(longName)).hasBinaryContent(JAR);
    assertThat(dir.resolve("plugin/doc/LÉAME-説明.txt")).hasContent("hola");
  }

  @Test
  void gnuLongNamesAreUnpacked() throws IOException {
    String longName = "plugin/" + "g".repeat(150) + "/deep.jar";
    byte[] tgz = tgz(TarArchiveOutputStream.LONGFILE_GNU, tar -> file(tar, longName, JAR));

    assertThat(unpack(tgz).resolve(longName)).hasBinaryContent(JAR);
  }

  @Test
  void symlinksAndHardLinksAreSkipped() throws IOException {
    byte[] tgz = tgz(TarArchiveOutputStream.LONGFILE_POSIX, tar -> {
      file(tar, "lib/connector.jar", JAR);
      link(tar, "lib/passwd", TarConstants.LF_SYMLINK, "/etc/passwd");
      link(tar, "lib/up", TarConstants.LF_SYMLINK, "../../..");
      link(tar, "lib/hard.jar", TarConstants.LF_LINK, "lib/connector.jar");
      link(tar, "../outside", TarConstants.LF_SYMLINK, "/etc"); // never created, so never resolved
      link(tar, "lib/" + "l".repeat(150), TarConstants.LF_SYMLINK, "/" + "t".repeat(150)); // pax linkpath
    });

    Path dir = unpack(tgz);

    assertThat(everythingUnder(dir)).containsExactly("lib", "lib/connector.jar");
    assertThat(dir.resolve("lib/connector.jar")).hasBinaryContent(JAR);
    assertThat(Files.exists(tmp.resolve("outside"), LinkOption.NOFOLLOW_LINKS)).isFalse();
  }

  @Test
  void entriesClimbingOutOfTheDirectoryAreRefused() {
    for (String name : List.of("../evil.sh", "lib/../../evil.sh", "./../evil.sh", "../" + "e".repeat(150) + ".sh")) {
      for (int mode : List.of(TarArchiveOutputStream.LONGFILE_POSIX, TarArchiveOutputStream.LONGFILE_GNU)) {
        byte[] tgz = tgz(mode, tar -> {
          file(tar, "lib/ok.jar", JAR);
          file(tar, name, "boom".getBytes(StandardCharsets.UTF_8));
        });

        assertThatThrownBy(() -> unpack(tgz)).as(name)
            .isInstanceOf(Archives.ArchiveException.class)
            .hasMessageContaining("outside the plugin directory");
      }
    }
    assertThat(tmp.resolve("evil.sh")).doesNotExist();
  }

  @Test
  void anAbsoluteUstarNameIsRefused() {
    byte[] tgz = tgz(TarArchiveOutputStream.LONGFILE_ERROR,
        tar -> file(tar, new TarArchiveEntry(tmp.resolve("evil.sh").toString(), true), JAR));

    refused(tgz, "outside the plugin directory");
    assertThat(tmp.resolve("evil.sh")).doesNotExist();
  }

  @Test
  void anAbsoluteLongNameLosesItsLeadingSlashAndStaysInside() throws IOException {
    // commons-compress makes pax and GNU long names relative as it reads them: the entry cannot
    // escape, it lands under the plugin directory
    String name = tmp.resolve("x".repeat(120) + ".jar").toString();
    for (int mode : List.of(TarArchiveOutputStream.LONGFILE_POSIX, TarArchiveOutputStream.LONGFILE_GNU)) {
      byte[] tgz = tgz(mode, tar -> file(tar, new TarArchiveEntry(name, true), JAR));

      Path dir = unpack(tgz);

      assertThat(dir.resolve(name.substring(1))).hasBinaryContent(JAR);
      assertThat(Path.of(name)).doesNotExist();
      PluginFetcher.deleteRecursively(dir);
    }
  }

  @Test
  void oversizedExtendedHeadersAreRefused() {
    // built by hand: the tar writer takes minutes to encode a megabyte-long name
    String comment = " comment=" + "c".repeat(1 << 20) + "\n";
    byte[] pax = ((comment.length() + 7) + comment).getBytes(StandardCharsets.UTF_8); // 7 digits that count themselves
    byte[] longName = ("lib/" + "n".repeat(1 << 20) + ".jar\0").getBytes(StandardCharsets.UTF_8);
    byte[] rest = tar(TarArchiveOutputStream.LONGFILE_ERROR, tar -> file(tar, "lib/a.jar", JAR));
    for (char type : List.of('x', 'g', 'L')) {
      byte[] data = type == 'L' ? longName : pax;
      ByteArrayOutputStream tar = new ByteArrayOutputStream();
      tar.writeBytes(TestArchives.header(type == 'L' ? "././@LongLink" : "PaxHeader/big", data.length, type));
      tar.writeBytes(TestArchives.padded(data));
      tar.writeBytes(rest);

      refused(gzip(tar.toByteArray()), "tar extended header too large");
    }
  }

  @Test
  void aBadHeaderChecksumIsRefused() {
    byte[] tar = tar(TarArchiveOutputStream.LONGFILE_POSIX, t -> file(t, "lib/connector.jar", JAR));
    tar[0] = 'L'; // the name, not the checksum field

    refused(gzip(tar), "bad tar header checksum");
  }

  @Test
  void aBadExtendedHeaderChecksumIsRefused() {
    byte[] tar = tar(TarArchiveOutputStream.LONGFILE_POSIX, t -> file(t, "lib/" + "c".repeat(150) + ".jar", JAR));
    assertThat(tar[156]).isEqualTo(TarConstants.LF_PAX_EXTENDED_HEADER_LC);
    tar[0]++;

    refused(gzip(tar), "bad tar header checksum");
  }

  @Test
  void concatenatedGzipMembersAreOneArchive() throws IOException {
    byte[] tar = tar(TarArchiveOutputStream.LONGFILE_POSIX, t -> {
      file(t, "lib/a.jar", JAR);
      file(t, "lib/b.jar", "b".repeat(5000).getBytes(StandardCharsets.UTF_8));
    });
    int half = tar.length / 2 + 77;
    ByteArrayOutputStream members = new ByteArrayOutputStream();
    for (byte[] part : List.of(Arrays.copyOfRange(tar, 0, half), Arrays.copyOfRange(tar, half, tar.length))) {
      try (GZIPOutputStream gz = new GZIPOutputStream(members) {
        @Override
        public void close() throws IOException {
          finish(); // one member each, the underlying stream stays open
        }
      }) {
        gz.write(part);
      }
    }

    Path dir = unpack(members.toByteArray());

    assertThat(dir.resolve("lib/a.jar")).hasBinaryContent(JAR);
    assertThat(dir.resolve("lib/b.jar")).hasContent("b".repeat(5000));
  }

  @Test
  void corruptOrEmptyArchivesAreRefused() {
    refused("not gzip at all".getBytes(StandardCharsets.UTF_8), "gz");
    refused(gzip("not a tar archive, though gzip-compressed, and more than nothing".repeat(20)
        .getBytes(StandardCharsets.UTF_8)), "");
    byte[] tar = tar(TarArchiveOutputStream.LONGFILE_POSIX, t -> file(t, "lib/big.jar", new byte[100_000]));
    refused(gzip(Arrays.copyOf(tar, 50_000)), "Truncated");
    byte[] tgz = gzip(tar);
    refused(Arrays.copyOf(tgz, tgz.length - 10), "");
    refused(tgz(TarArchiveOutputStream.LONGFILE_POSIX, t -> {
      TarArchiveEntry lib = new TarArchiveEntry("lib/");
      t.putArchiveEntry(lib);
      t.closeArchiveEntry();
      link(t, "lib/x", TarConstants.LF_SYMLINK, "y");
    }), "no files in archive");
  }

  @Test
  void aDirectoryMarkedOnlyByItsSlashIsADirectory() throws IOException {
    byte[] tgz = tgz(TarArchiveOutputStream.LONGFILE_POSIX, tar -> {
      TarArchiveEntry dir = new TarArchiveEntry("lib/", TarConstants.LF_NORMAL);
      tar.putArchiveEntry(dir);
      tar.closeArchiveEntry();
      file(tar, "lib/a.jar", JAR);
    });

    assertThat(unpack(tgz).resolve("lib/a.jar")).hasBinaryContent(JAR);
  }
}
