package dev.patchbay.testkit;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates files of the repository (crds/, examples/, deploy/) from tests. */
public final class RepoFiles {

  private RepoFiles() {
  }

  /**
   * The repository root: the nearest directory holding {@code pom.xml} and {@code operator/}, starting from the
   * {@code patchbay.repo.root} system property that the build passes to the tests (Maven's
   * multiModuleProjectDirectory, which is the module when Maven runs inside operator/), else from the working
   * directory (a test run from an IDE).
   */
  public static Path root() {
    String property = System.getProperty("patchbay.repo.root");
    Path dir = (property != null && !property.isBlank() ? Path.of(property) : Path.of("")).toAbsolutePath().normalize();
    for (Path p = dir; p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("pom.xml")) && Files.isDirectory(p.resolve("operator"))) {
        return p;
      }
    }
    throw new IllegalStateException("cannot find the repository root from " + dir
        + "; set -Dpatchbay.repo.root=<path>");
  }

  public static Path resolve(String relative) {
    return root().resolve(relative);
  }
}
