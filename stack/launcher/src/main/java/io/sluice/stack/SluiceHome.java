package io.sluice.stack;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The checkout Sluice runs from: it holds the server jars that the build lays out under
 * {@code stack/servers/NAME/target}. Found from {@code -Dsluice.home}, then {@code SLUICE_HOME},
 * then by walking up from the working directory.
 */
public final class SluiceHome {

  private SluiceHome() {
  }

  public static Path locate() {
    String configured = System.getProperty("sluice.home", System.getenv("SLUICE_HOME"));
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured).toAbsolutePath().normalize();
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("stack/servers"))) {
        return dir;
      }
    }
    throw new StackException("Cannot find the Sluice checkout: set SLUICE_HOME or run from inside it");
  }
}
