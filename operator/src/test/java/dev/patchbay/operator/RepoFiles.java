package dev.patchbay.operator;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates files of the repository (crds/, examples/, deploy/) from tests. */
public final class RepoFiles {

  private RepoFiles() {
  }

  /**
   * The repository root: the {@code patchbay.repo.root} system property that the build passes to the tests, or, when
   * a test runs from an IDE, the nearest parent of the working directory that holds {@code crds/} or {@code .git}.
   */
  public static Path root() {
    String property = System.getProperty("patchbay.repo.root");
    if (property != null && !property.isBlank()) {
      return Path.of(property).toAbsolutePath().normalize();
    }
    Path dir = Path.of("").toAbsolutePath();
    for (Path p = dir; p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("crds")) || Files.exists(p.resolve(".git"))) {
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
