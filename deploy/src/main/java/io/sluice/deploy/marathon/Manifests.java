package io.sluice.deploy.marathon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The Marathon folder of the repository: the group template, its profiles and the schema the
 * rendered group must satisfy. {@link #render} is what {@code sluice marathon render} prints.
 */
public final class Manifests {

  public static final String TEMPLATE = "sluice.json";
  /** A one-off backfill of one job, as a group of its own beside /sluice; values backfill.job, .from, .to. */
  public static final String BACKFILL_TEMPLATE = "backfill.json";

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
    return template(TEMPLATE);
  }

  private JsonNode template(String name) throws IOException {
    Path file = dir.resolve(name);
    if (!Files.isRegularFile(file)) {
      throw new ConfigException("No template " + name + " in " + dir + " (" + TEMPLATE + ", " + BACKFILL_TEMPLATE + ")");
    }
    return new ObjectMapper().readTree(file.toFile());
  }

  /** The group for {@code profile}, checked against the schema: an invalid result is an error. */
  public JsonNode render(String profile) throws IOException {
    return render(TEMPLATE, profile, Map.of());
  }

  /**
   * The group of {@code template} for {@code profile} with {@code values} added (they win over the
   * profile's), checked against the schema. The whole deployment's template must use every value;
   * another template must use every value given here.
   */
  public JsonNode render(String template, String profile, Map<String, String> values) throws IOException {
    Profile withValues = Profile.load(dir.resolve("profiles"), profile).with(values, "--set");
    JsonNode group = ManifestRenderer.render(template(template), withValues,
        template.equals(TEMPLATE) ? withValues.values().keySet() : values.keySet());
    List<String> problems = ManifestSchema.load(dir.resolve("schema").resolve("marathon.schema.json")).validate(group);
    if (!problems.isEmpty()) {
      throw new ConfigException("The '" + profile + "' rendering of " + dir.resolve(template)
          + " is not a valid Marathon group:\n  " + String.join("\n  ", problems));
    }
    return group;
  }
}
