package dev.patchbay.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where LocalPostgres looks for PostgreSQL's programs, which decides whether CdcExampleE2ETest runs or skips. */
class LocalPostgresTest {

  @TempDir
  Path dir;

  @Test
  void findsInitdbAndPgCtlOnThePathFirst() throws IOException {
    Path onPath = programs(dir.resolve("path-bin"), "initdb", "pg_ctl");
    programs(dir.resolve("debian/16/bin"), "initdb", "pg_ctl");
    assertThat(LocalPostgres.binDir(dir.resolve("empty") + ":" + onPath, dir.resolve("debian")))
        .contains(onPath.toRealPath());
  }

  @Test
  void elseTakesDebiansNewestVersion() throws IOException {
    programs(dir.resolve("debian/9/bin"), "initdb", "pg_ctl");
    Path newest = programs(dir.resolve("debian/16/bin"), "initdb", "pg_ctl");
    programs(dir.resolve("debian/15/bin"), "initdb", "pg_ctl");
    assertThat(LocalPostgres.binDir("", dir.resolve("debian"))).contains(newest.toRealPath());
  }

  @Test
  void findsNothingWithoutBothPrograms() throws IOException {
    Path clientOnly = programs(dir.resolve("client/bin"), "initdb", "psql");
    assertThat(LocalPostgres.binDir(clientOnly.toString(), dir.resolve("no-debian"))).isEmpty();
  }

  private static Path programs(Path bin, String... names) throws IOException {
    Files.createDirectories(bin);
    for (String name : names) {
      Path p = Files.writeString(bin.resolve(name), "#!/bin/sh\n");
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    return bin;
  }
}
