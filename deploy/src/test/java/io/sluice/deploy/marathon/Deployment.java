package io.sluice.deploy.marathon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The rendered /sluice group of every profile, and how to read its apps, for the tests. */
final class Deployment {

  static final Path ROOT = RepositoryRoot.PATH;
  static final Manifests MANIFESTS = new Manifests(ROOT.resolve("marathon"));
  private static final Pattern MESOS_DNS = Pattern.compile("([a-z0-9-]+)\\.marathon\\.mesos");

  private Deployment() {
  }

  /** Each profile's rendered group, by profile name. */
  static Map<String, JsonNode> groups() {
    try {
      Map<String, JsonNode> groups = new LinkedHashMap<>();
      for (String profile : MANIFESTS.profiles()) {
        groups.put(profile, MANIFESTS.render(profile));
      }
      return groups;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The values a backfill group is rendered with here: 'marathon render --set' gives them. */
  static final Map<String, String> BACKFILL_VALUES = Map.of("backfill.job", "campaign-stats",
      "backfill.from", "2026-01-01T00:00:00Z", "backfill.to", "2026-01-01T01:00:00Z");

  /**
   * Every group each profile renders, by "PROFILE TEMPLATE": the whole deployment, and a one-off
   * backfill; the rules every app follows are checked on all of them.
   */
  static Map<String, JsonNode> everyRendering() {
    try {
      Map<String, JsonNode> groups = new LinkedHashMap<>();
      for (String profile : MANIFESTS.profiles()) {
        groups.put(profile + " " + Manifests.TEMPLATE, MANIFESTS.render(profile));
        groups.put(profile + " " + Manifests.BACKFILL_TEMPLATE,
            MANIFESTS.render(Manifests.BACKFILL_TEMPLATE, profile, BACKFILL_VALUES));
      }
      return groups;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The profile of a key of {@link #everyRendering}. */
  static String profileOf(String rendering) {
    return rendering.substring(0, rendering.indexOf(' '));
  }

  static Map<String, JsonNode> apps(JsonNode group) {
    Map<String, JsonNode> apps = new LinkedHashMap<>();
    group.path("apps").forEach(app -> apps.put(app.get("id").asText(), app));
    return apps;
  }

  static String image(JsonNode app) {
    return app.path("container").path("docker").path("image").asText();
  }

  /** Environment variables with their plain values; a secret reference reads as {@code secret:NAME}. */
  static Map<String, String> env(JsonNode app) {
    Map<String, String> env = new LinkedHashMap<>();
    app.path("env").fields().forEachRemaining(e -> env.put(e.getKey(),
        e.getValue().isTextual() ? e.getValue().asText() : "secret:" + e.getValue().path("secret").asText()));
    return env;
  }

  /** Where Mesos puts a task's sandbox in its container: a relative container path is inside it. */
  static final String SANDBOX = "/mnt/mesos/sandbox";

  /** An app's secret volumes: the file each puts in the container (an absolute path), by that path, to its secret. */
  static Map<String, String> secretVolumes(JsonNode app) {
    Map<String, String> volumes = new LinkedHashMap<>();
    for (JsonNode volume : app.path("container").path("volumes")) {
      if (volume.has("secret")) {
        String path = volume.path("containerPath").asText();
        volumes.put(path.startsWith("/") ? path : SANDBOX + "/" + path, volume.path("secret").asText());
      }
    }
    return volumes;
  }

  static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }

  /**
   * The Mesos-DNS name of an app: the path reversed and joined by dashes, under marathon.mesos
   * ({@code /sluice/kafka-1} is {@code kafka-1-sluice.marathon.mesos}).
   */
  static String mesosDnsName(String appId) {
    List<String> parts = new ArrayList<>(List.of(appId.substring(1).split("/")));
    java.util.Collections.reverse(parts);
    return String.join("-", parts) + ".marathon.mesos";
  }

  /** Every Mesos-DNS host named in a value, such as in a bootstrap list or a URL. */
  static List<String> mesosDnsHosts(String value) {
    List<String> hosts = new ArrayList<>();
    Matcher m = MESOS_DNS.matcher(value);
    while (m.find()) {
      hosts.add(m.group());
    }
    return hosts;
  }

  static JsonNode json(Path file) {
    try {
      return new ObjectMapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
