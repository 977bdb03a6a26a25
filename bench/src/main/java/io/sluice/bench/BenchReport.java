package io.sluice.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** A benchmark's result: a JSON file for tools and a short summary for people. */
public final class BenchReport {

  private final String name;
  private final Map<String, Object> fields = new LinkedHashMap<>();

  public BenchReport(String name) {
    this.name = name;
    fields.put("benchmark", name);
    fields.put("date", Instant.now().toString());
    fields.put("machine", Runtime.getRuntime().availableProcessors() + " cores, java " + System.getProperty("java.version"));
  }

  public BenchReport put(String key, Object value) {
    fields.put(key, value);
    return this;
  }

  public Object get(String key) {
    return fields.get(key);
  }

  /** The run's day and minute, for plot titles. */
  public String when() {
    return fields.get("date").toString().substring(0, 16).replace('T', ' ') + " UTC";
  }

  /** A file beside a written result, named alike: the plot of {@code x.json} is {@code x.png}. */
  public static Path sibling(Path result, String extension) {
    String name = result.getFileName().toString();
    return result.resolveSibling(name.substring(0, name.lastIndexOf('.')) + extension);
  }

  public Path write(Path dir) throws IOException {
    Files.createDirectories(dir);
    Path file = dir.resolve(name + "-" + Instant.now().toString().replace(':', '-') + ".json");
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), fields);
    return file;
  }
}
