package dev.patchbay.sandbox;

import dev.patchbay.testkit.Ports;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL server for one test class, made from the binaries installed on this machine: {@code initdb}
 * into a new temporary directory, then {@code pg_ctl start} on a free loopback port with logical decoding on
 * ({@code wal_level=logical}, which Debezium needs). Password authentication (scram) over TCP, as a real database
 * has, so a connector only gets in with the right password. PostgreSQL refuses to run as root; as root (CI), the
 * server runs as the {@code postgres} user, which owns the directory. {@link #close()} stops the server and deletes
 * its files; a JVM shutdown hook does the same when the test JVM ends first.
 */
final class LocalPostgres implements AutoCloseable {

  static final String SUPERUSER = "postgres";
  static final String SYSTEM_USER = "postgres";
  static final Path DEBIAN_VERSIONS = Path.of("/usr/lib/postgresql");
  private static final long COMMAND_TIMEOUT_SECONDS = 120;

  private final Path binDir;
  private final List<String> runAs;
  private final Path dir;
  private final String superuserPassword;
  private final int port;
  private final Thread shutdownHook;
  private boolean stopped;

  private LocalPostgres(Path binDir, List<String> runAs, Path dir, String superuserPassword, int port) {
    this.binDir = binDir;
    this.runAs = runAs;
    this.dir = dir;
    this.superuserPassword = superuserPassword;
    this.port = port;
    this.shutdownHook = new Thread(this::stopQuietly, "local-postgres-stop");
  }

  /**
   * Why no server can be started here, or empty when one can: no {@code initdb}/{@code pg_ctl} on the PATH or in
   * {@code /usr/lib/postgresql/<version>/bin}, or running as root without a {@code postgres} user or a way to run
   * a command as it.
   */
  static Optional<String> unavailable() {
    if (installedBinDir().isEmpty()) {
      return Optional.of("PostgreSQL is not installed: no initdb and pg_ctl on the PATH or in "
          + "/usr/lib/postgresql/<version>/bin (Debian: apt-get install postgresql)");
    }
    if (isRoot() && runAsPostgres().isEmpty()) {
      return Optional.of("running as root, and PostgreSQL refuses to: no '" + SYSTEM_USER
          + "' user to run it as, or neither runuser nor setpriv is installed");
    }
    return Optional.empty();
  }

  /** Creates a cluster and starts it; check {@link #unavailable()} first. */
  static LocalPostgres start(String superuserPassword) throws IOException, InterruptedException {
    Path bin = installedBinDir().orElseThrow(() -> new IllegalStateException(unavailable().orElseThrow()));
    List<String> runAs = isRoot() ? runAsPostgres().orElseThrow() : List.of();
    Path dir = Files.createTempDirectory("patchbay-postgres-");
    LocalPostgres pg = new LocalPostgres(bin, runAs, dir, superuserPassword, Ports.freePort());
    try {
      pg.initAndStart();
    } catch (IOException | InterruptedException | RuntimeException e) {
      pg.close();
      throw e;
    }
    return pg;
  }

  private void initAndStart() throws IOException, InterruptedException {
    Path pwfile = dir.resolve("superuser-password");
    Files.writeString(pwfile, superuserPassword + "\n", StandardCharsets.UTF_8);
    if (!runAs.isEmpty()) {
      chownToPostgres(dir, pwfile);
    }
    run("initdb", "-D", dataDir().toString(), "-U", SUPERUSER, "--pwfile=" + pwfile, "--auth=scram-sha-256",
        "--encoding=UTF8", "--no-sync");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
    run("pg_ctl", "-D", dataDir().toString(), "-l", log().toString(), "-w", "-t", "60", "-o",
        "-c wal_level=logical -c listen_addresses=127.0.0.1 -c port=" + port + " -k " + dir + " -c fsync=off",
        "start");
  }

  int port() {
    return port;
  }

  String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  /** A connection as the superuser, over TCP with its password. */
  Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(jdbcUrl(database), SUPERUSER, superuserPassword);
  }

  Path log() {
    return dir.resolve("postgres.log");
  }

  private Path dataDir() {
    return dir.resolve("data");
  }

  /** Stops the server (fast shutdown: open sessions are ended) and deletes its files. */
  @Override
  public synchronized void close() {
    stopQuietly();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException | IllegalArgumentException alreadyShuttingDownOrNotAdded) {
      // the hook runs or never was added
    }
  }

  private synchronized void stopQuietly() {
    if (stopped) {
      return;
    }
    stopped = true;
    try {
      if (Files.exists(dataDir().resolve("postmaster.pid"))) {
        run("pg_ctl", "-D", dataDir().toString(), "-m", "fast", "-w", "-t", "60", "stop");
      }
    } catch (IOException | RuntimeException e) {
      System.err.println("LocalPostgres: could not stop the server in " + dataDir() + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      deleteQuietly(dir);
    }
  }

  /** Runs one of the server's binaries (as the postgres user when root) and fails with its output on error. */
  private void run(String binary, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(runAs);
    command.add(binDir.resolve(binary).toString());
    command.addAll(List.of(args));
    Path output = Files.createTempFile("patchbay-postgres-" + binary + "-", ".log");
    try {
      Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
          .redirectOutput(output.toFile()).start();
      if (!p.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException(binary + " did not finish in " + COMMAND_TIMEOUT_SECONDS + " s");
      }
      if (p.exitValue() != 0) {
        String serverLog = Files.exists(log()) ? "\nserver log:\n" + Files.readString(log()) : "";
        throw new IOException(String.join(" ", command) + " exited with " + p.exitValue() + ":\n"
            + Files.readString(output) + serverLog);
      }
    } finally {
      Files.deleteIfExists(output);
    }
  }

  private static Optional<Path> installedBinDir() {
    return binDir(System.getenv().getOrDefault("PATH", ""), DEBIAN_VERSIONS);
  }

  /**
   * The directory holding initdb and pg_ctl: the entries of {@code path} first, then the newest version under
   * {@code debian} ({@code <debian>/<major version>/bin}, Debian's layout).
   */
  static Optional<Path> binDir(String path, Path debian) {
    List<Path> candidates = new ArrayList<>();
    for (String entry : path.split(File.pathSeparator)) {
      if (!entry.isBlank()) {
        candidates.add(Path.of(entry));
      }
    }
    if (Files.isDirectory(debian)) {
      try (Stream<Path> versions = Files.list(debian)) {
        versions.sorted(Comparator.comparing(LocalPostgres::majorVersion).reversed())
            .forEach(v -> candidates.add(v.resolve("bin")));
      } catch (IOException ignored) {
        // no Debian layout to look at
      }
    }
    for (Path candidate : candidates) {
      Path initdb = candidate.resolve("initdb");
      if (Files.isExecutable(initdb) && Files.isExecutable(candidate.resolve("pg_ctl"))) {
        try {
          return Optional.of(initdb.toRealPath().getParent()); // a symlink on the PATH: the real bin directory
        } catch (IOException e) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }

  private static int majorVersion(Path versionDir) {
    try {
      return Integer.parseInt(versionDir.getFileName().toString());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  static boolean isRoot() {
    return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
  }

  /** The command prefix that runs a program as the postgres user, when that user and runuser or setpriv exist. */
  private static Optional<List<String>> runAsPostgres() {
    Optional<String> uid = output("id", "-u", SYSTEM_USER);
    Optional<String> gid = output("id", "-g", SYSTEM_USER);
    if (uid.isEmpty() || gid.isEmpty()) {
      return Optional.empty();
    }
    if (output("runuser", "--help").isPresent()) {
      return Optional.of(List.of("runuser", "-u", SYSTEM_USER, "--"));
    }
    if (output("setpriv", "--help").isPresent()) {
      return Optional.of(List.of("setpriv", "--reuid=" + uid.get(), "--regid=" + gid.get(), "--clear-groups",
          "--reset-env", "--"));
    }
    return Optional.empty();
  }

  private static Optional<String> output(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      return p.waitFor() == 0 ? Optional.of(out) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  private static void chownToPostgres(Path... paths) throws IOException {
    UserPrincipalLookupService lookup = paths[0].getFileSystem().getUserPrincipalLookupService();
    UserPrincipal postgres = lookup.lookupPrincipalByName(SYSTEM_USER);
    for (Path p : paths) {
      Files.setOwner(p, postgres);
    }
  }

  private static void deleteQuietly(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // best effort: a temporary directory
    }
  }
}
