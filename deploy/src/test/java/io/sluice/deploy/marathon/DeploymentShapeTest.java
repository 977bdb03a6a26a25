package io.sluice.deploy.marathon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What Marathon would not check for us: start order, statefulness, health, images and secrets. */
class DeploymentShapeTest {

  /** Names of variables that hold, or name the file of, a credential or a private key. */
  private static final Pattern CREDENTIAL =
      Pattern.compile(".*(PASSWORD|SECRET|TOKEN|CREDENTIAL|USER_INFO|JAAS|KEY(?!CLOAK|SPACE)).*");
  /** What a credential-named variable may hold besides a secret: a switch, a store's type, a JAAS module with no login. */
  private static final Pattern HARMLESS = Pattern.compile("true|false|PEM|PKCS12|JKS"
      + "|org\\.apache\\.kafka\\.common\\.security\\.scram\\.ScramLoginModule required;");

  static Stream<String> profiles() {
    return Deployment.groups().keySet().stream();
  }

  static Stream<String> renderings() {
    return Deployment.everyRendering().keySet().stream();
  }

  private static Map<String, JsonNode> apps(String profile) {
    return Deployment.apps(Deployment.groups().get(profile));
  }

  private static Map<String, JsonNode> appsOfRendering(String rendering) {
    return Deployment.apps(Deployment.everyRendering().get(rendering));
  }

  @ParameterizedTest
  @MethodSource("profiles")
  void dependenciesNameAppsOfTheGroupAndFormADag(String profile) {
    Map<String, JsonNode> apps = apps(profile);
    Map<String, List<String>> edges = new HashMap<>();
    apps.forEach((id, app) -> {
      List<String> deps = Deployment.strings(app.path("dependencies"));
      assertThat(apps.keySet()).as(id + " depends on apps of the group").containsAll(deps);
      edges.put(id, deps);
    });

    List<String> order = topologicalOrder(edges);

    assertThat(order).as("a start order exists (no cycle)").hasSameSizeAs(apps.keySet());
    // Servers first, then the setup, then what produces and consumes.
    assertThat(order.indexOf("/sluice/setup")).isGreaterThan(order.indexOf("/sluice/cassandra"));
    assertThat(order.indexOf("/sluice/campaign-stats")).isGreaterThan(order.indexOf("/sluice/setup"));
    assertThat(order.indexOf("/sluice/producer")).isGreaterThan(order.indexOf("/sluice/registry"));
  }

  @ParameterizedTest
  @MethodSource("profiles")
  void statefulAppsKeepTheirVolumeAndNeverRunTwoCopiesOfIt(String profile) {
    apps(profile).forEach((id, app) -> {
      boolean stateful = false;
      for (JsonNode volume : app.path("container").path("volumes")) {
        stateful |= volume.has("persistent");
      }
      if (stateful) {
        // Marathon's rule for resident apps: no task beyond the count (it would need the same volume).
        assertThat(app.path("upgradeStrategy").path("minimumHealthCapacity").asDouble()).as(id).isLessThanOrEqualTo(0.5);
        assertThat(app.path("upgradeStrategy").path("maximumOverCapacity").asDouble()).as(id).isZero();
        assertThat(app.path("unreachableStrategy").asText()).as(id).isEqualTo("disabled");
        assertThat(app.path("constraints").toString()).as(id).contains("[\"hostname\",\"UNIQUE\"]");
      }
    });
    // A Spark driver owns its checkpoint: two at once would corrupt it.
    apps(profile).values().stream().filter(app -> Deployment.image(app).startsWith("sluice/jobs:")).forEach(app -> {
      assertThat(app.get("instances").asInt()).isEqualTo(1);
      assertThat(app.path("upgradeStrategy").path("maximumOverCapacity").asDouble()).isZero();
    });
  }

  @ParameterizedTest
  @MethodSource("renderings")
  void everyAppAsksForResourcesAndHasAHealthCheck(String rendering) {
    appsOfRendering(rendering).forEach((id, app) -> {
      assertThat(app.path("cpus").asDouble()).as(id + " cpus").isPositive();
      assertThat(app.path("mem").asDouble()).as(id + " mem").isGreaterThanOrEqualTo(256);
      assertThat(app.path("healthChecks").size()).as(id + " health checks").isPositive();
      for (JsonNode check : app.path("healthChecks")) {
        if (check.has("portIndex")) {
          assertThat(check.get("portIndex").asInt()).as(id).isLessThan(app.path("portDefinitions").size());
        }
      }
    });
  }

  @ParameterizedTest
  @MethodSource("renderings")
  void everyImageIsOneDockerBuildsOrAPinnedUpstreamImage(String rendering) throws IOException {
    Set<String> ours = ourImages();
    Set<String> upstream = upstreamImages();
    String tag = Profile.load(Deployment.ROOT.resolve("marathon/profiles"), Deployment.profileOf(rendering)).values().get("image.tag");
    appsOfRendering(rendering).forEach((id, app) -> {
      String image = Deployment.image(app);
      assertThat(image).as(id + ": a pinned tag").matches("[\\w./-]+:[\\w.-]*\\d[\\w.-]*");
      if (image.startsWith("sluice/")) {
        assertThat(ours).as(id).contains(image.substring(0, image.indexOf(':')));
        assertThat(image).as(id).endsWith(":" + tag);
      } else {
        assertThat(upstream).as(id + ": listed in docker/upstream-images.json").contains(image);
      }
      String executorImage = Deployment.env(app).get("SPARK_MESOS_EXECUTOR_IMAGE");
      if (executorImage != null) {
        assertThat(executorImage).as(id + ": executors run the driver's image").isEqualTo(image);
      }
    });
  }

  @ParameterizedTest
  @MethodSource("renderings")
  void credentialsAreSecretsAndEverySecretIsDeclared(String rendering) {
    appsOfRendering(rendering).forEach((id, app) -> {
      Set<String> declared = new HashSet<>();
      app.path("secrets").fieldNames().forEachRemaining(declared::add);
      Map<String, String> secretFiles = Deployment.secretVolumes(app);
      Deployment.env(app).forEach((name, value) -> {
        if (CREDENTIAL.matcher(name).matches()) {
          assertThat(value.startsWith("secret:") || secretFiles.containsKey(value) || HARMLESS.matcher(value).matches())
              .as(id + " " + name + " is a secret reference or a file of a secret volume, not '" + value + "'").isTrue();
        }
        if (value.startsWith("secret:")) {
          assertThat(declared).as(id + " declares the secret of " + name).contains(value.substring(7));
        }
      });
    });
  }

  /** Images docker/ builds: sluice/NAME for each docker/NAME/Dockerfile. */
  static Set<String> ourImages() throws IOException {
    Set<String> images = new HashSet<>();
    try (Stream<Path> dirs = Files.list(Deployment.ROOT.resolve("docker"))) {
      dirs.filter(d -> Files.exists(d.resolve("Dockerfile"))).forEach(d -> images.add("sluice/" + d.getFileName()));
    }
    return images;
  }

  static Set<String> upstreamImages() {
    Set<String> images = new HashSet<>();
    Deployment.json(Deployment.ROOT.resolve("docker/upstream-images.json")).fieldNames().forEachRemaining(name -> {
      if (!name.startsWith("_")) {
        images.add(name);
      }
    });
    return images;
  }

  private static List<String> topologicalOrder(Map<String, List<String>> dependencies) {
    List<String> order = new ArrayList<>();
    Set<String> placed = new HashSet<>();
    boolean progress = true;
    while (progress) {
      progress = false;
      for (Map.Entry<String, List<String>> e : dependencies.entrySet()) {
        if (!placed.contains(e.getKey()) && placed.containsAll(e.getValue())) {
          order.add(e.getKey());
          placed.add(e.getKey());
          progress = true;
        }
      }
    }
    return order;
  }
}
