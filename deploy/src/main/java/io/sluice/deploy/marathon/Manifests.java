package io.sluice.deploy.marathon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.config.ConfigException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The Marathon folder of the repository: the group template, its profiles and the schema the
 * rendered group must satisfy. {@link #render} is what {@code sluice marathon render} prints.
 */
public final class Manifests {

  public static final String TEMPLATE = "sluice.json";

  private final Path dir;

  public Manifests(Path marathonDir) {
    this.dir = marathonDir;
  }

  public Path dir() {
    return dir;
  }

  public List<String> profiles() throws IOException {
    return Profile.available(dir.resolve("profiles"));
  }

  public JsonNode template() throws IOException {
    return new ObjectMapper().readTree(dir.resolve(TEMPLATE).toFile());
  }

  /** The group for {@code profile}, checked against the schema: an invalid result is an error. */
  public JsonNode render(String profile) throws IOException {
    JsonNode group = ManifestRenderer.render(template(), Profile.load(dir.resolve("profiles"), profile));
    List<String> problems = ManifestSchema.load(dir.resolve("schema").resolve("marathon.schema.json")).validate(group);
    if (!problems.isEmpty()) {
      throw new ConfigException("The '" + profile + "' rendering of " + dir.resolve(TEMPLATE)
          + " is not a valid Marathon group:\n  " + String.join("\n  ", problems));
    }
    return group;
  }
}
