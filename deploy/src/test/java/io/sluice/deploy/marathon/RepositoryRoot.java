package io.sluice.deploy.marathon;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's root: {@code -Dsluice.home} (set by the parent POM's Surefire), else the nearest folder up with a {@code marathon/}. */
public final class RepositoryRoot {

  public static final Path PATH = find();

  private RepositoryRoot() {}

  private static Path find() {
    String configured = System.getProperty("sluice.home");
    if (configured != null && Files.isDirectory(Path.of(configured, "marathon"))) {
      return Path.of(configured).toAbsolutePath().normalize();
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("marathon"))) {
        return dir;
      }
    }
    throw new IllegalStateException("no folder with marathon/ above " + Path.of("").toAbsolutePath());
  }
}
