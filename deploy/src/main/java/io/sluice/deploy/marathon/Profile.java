package io.sluice.deploy.marathon;

import io.sluice.config.ConfigException;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The values of one deployment environment: {@code marathon/profiles/common.properties}, then
 * {@code marathon/profiles/NAME.properties} over it. Immutable.
 */
public final class Profile {

  static final String COMMON = "common";

  private final String name;
  private final Map<String, String> values;
  /** Where each value came from: a file name, or a flag. */
  private final Map<String, String> origins;

  private Profile(String name, Map<String, String> values, Map<String, String> origins) {
    this.name = name;
    this.values = Map.copyOf(values);
    this.origins = Map.copyOf(origins);
  }

  /** The profiles a folder offers: every {@code *.properties} but the common one. */
  public static List<String> available(Path profilesDir) throws IOException {
    try (Stream<Path> files = Files.list(profilesDir)) {
      return files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".properties"))
          .map(f -> f.substring(0, f.length() - ".properties".length())).filter(n -> !n.equals(COMMON)).sorted()
          .toList();
    }
  }

  public static Profile load(Path profilesDir, String name) throws IOException {
    Path file = profilesDir.resolve(name + ".properties");
    if (name.equals(COMMON) || !Files.isRegularFile(file)) {
      throw new ConfigException("Unknown profile '" + name + "': " + profilesDir + " has " + available(profilesDir));
    }
    Map<String, String> values = new LinkedHashMap<>();
    Map<String, String> origins = new LinkedHashMap<>();
    for (Path source : List.of(profilesDir.resolve(COMMON + ".properties"), file)) {
      if (!Files.exists(source)) {
        continue;
      }
      Properties properties = new Properties();
      try (Reader reader = Files.newBufferedReader(source)) {
        properties.load(reader);
      }
      properties.stringPropertyNames().forEach(key -> {
        values.put(key, properties.getProperty(key).trim());
        origins.put(key, source.getFileName().toString());
      });
    }
    return new Profile(name, values, origins);
  }

  /** A profile from given values, for tests and tools. */
  public static Profile of(String name, Map<String, String> values) {
    return new Profile(name, values, Map.of());
  }

  /** This profile with {@code more} values, which win over its own; {@code origin} says where they came from. */
  public Profile with(Map<String, String> more, String origin) {
    Map<String, String> all = new LinkedHashMap<>(values);
    Map<String, String> allOrigins = new LinkedHashMap<>(origins);
    more.forEach((key, value) -> {
      all.put(key, value);
      allOrigins.put(key, origin);
    });
    return new Profile(name, all, allOrigins);
  }

  public String name() {
    return name;
  }

  public Map<String, String> values() {
    return values;
  }

  /** The file a value came from, for error messages. */
  public String originOf(String key) {
    String origin = origins.get(key);
    return origin == null ? "profile " + name : origin;
  }
}
