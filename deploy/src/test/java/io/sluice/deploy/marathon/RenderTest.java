package io.sluice.deploy.marathon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.config.ConfigException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RenderTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void everyProfileRendersIntoAValidGroupOfTheWholeDeployment() {
    Map<String, JsonNode> groups = Deployment.groups();

    assertThat(groups).containsKeys("dev", "prod");
    groups.forEach((profile, group) -> {
      assertThat(ManifestSchema.loadFromRepository(Deployment.ROOT).validate(group)).as(profile).isEmpty();
      assertThat(Deployment.apps(group)).as(profile).containsOnlyKeys("/sluice/kafka-1", "/sluice/kafka-2",
          "/sluice/kafka-3", "/sluice/cassandra", "/sluice/keycloak", "/sluice/registry", "/sluice/setup", "/sluice/producer",
          "/sluice/campaign-stats", "/sluice/dashboard");
      assertThat(group.toString()).as(profile + ": no placeholder is left").doesNotContain("${");
    });
  }

  @Test
  void profilesDifferInCountsResourcesAndImageTag() {
    Map<String, JsonNode> groups = Deployment.groups();
    Map<String, JsonNode> dev = Deployment.apps(groups.get("dev"));
    Map<String, JsonNode> prod = Deployment.apps(groups.get("prod"));

    assertThat(dev.get("/sluice/cassandra").get("instances").asInt()).isEqualTo(1);
    assertThat(prod.get("/sluice/cassandra").get("instances").asInt()).isEqualTo(3);
    assertThat(prod.get("/sluice/kafka-1").get("mem").asDouble()).isGreaterThan(dev.get("/sluice/kafka-1").get("mem")
        .asDouble());
    assertThat(Deployment.image(dev.get("/sluice/producer"))).isEqualTo("sluice/ingest:0.1.0-SNAPSHOT");
    assertThat(Deployment.image(prod.get("/sluice/producer"))).isEqualTo("sluice/ingest:0.1.0");
    assertThat(Deployment.env(prod.get("/sluice/campaign-stats")).get("SPARK_MASTER")).startsWith("mesos://zk://");
  }

  @Test
  void placeholdersAreTypedExceptInEnvAndLabelsAndForEachRepeatsAnApp() throws Exception {
    JsonNode template = JSON.readTree("""
        {"id": "/g", "apps": [{"x-for-each": {"n": [1, 2]}, "id": "/g/a-${n}", "instances": "${count}",
          "cpus": "${cpus}", "env": {"N": "${n}", "COUNT": "${count}", "URL": "http://${host}:8081/x"}}]}""");

    JsonNode group = ManifestRenderer.render(template, Profile.of("t", Map.of("count", "3", "cpus", "0.5",
        "host", "h")));

    assertThat(group.get("apps")).hasSize(2);
    JsonNode second = group.get("apps").get(1);
    assertThat(second.get("id").asText()).isEqualTo("/g/a-2");
    assertThat(second.get("instances").isIntegralNumber()).isTrue();
    assertThat(second.get("cpus").asDouble()).isEqualTo(0.5);
    assertThat(second.get("env").get("N").isTextual()).isTrue();
    assertThat(second.get("env").get("N").asText()).isEqualTo("2");
    assertThat(second.get("env").get("COUNT").asText()).isEqualTo("3");
    assertThat(second.get("env").get("URL").asText()).isEqualTo("http://h:8081/x");
  }

  @Test
  void aPlaceholderWithoutValueAndAValueWithoutPlaceholderAreBothErrorsNamingThem() throws Exception {
    JsonNode template = JSON.readTree("""
        {"id": "/g", "apps": [{"id": "/g/a", "cmd": "run ${tpyo}"}]}""");

    assertThatThrownBy(() -> ManifestRenderer.render(template, Profile.of("t", Map.of("unused.key", "1"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("$.apps[0].cmd: ${tpyo} has no value in profile 't'")
        .hasMessageContaining("unused.key (profile t): no placeholder uses it");
  }

  /**
   * A one-off backfill is a group of its own, rendered from the same profile with its job and range:
   * it runs 'backfill JOB' on the servers of the deployment and never names a checkpoint.
   */
  @Test
  void aBackfillRendersFromTheProfileWithItsJobAndRangeAndWithoutThemNamesWhatIsMissing() throws Exception {
    JsonNode group = Deployment.MANIFESTS.render(Manifests.BACKFILL_TEMPLATE, "prod", Deployment.BACKFILL_VALUES);

    JsonNode app = Deployment.apps(group).get("/sluice-backfill/campaign-stats");
    assertThat(Deployment.strings(app.get("args"))).containsExactly("backfill", "campaign-stats");
    Map<String, String> env = Deployment.env(app);
    assertThat(env).containsEntry("SLUICE_FROM", "2026-01-01T00:00:00Z").containsEntry("SLUICE_TO",
        "2026-01-01T01:00:00Z");
    assertThat(env.get("KAFKA_BOOTSTRAP_SERVERS")).isEqualTo(Deployment.env(Deployment.apps(Deployment.groups()
        .get("prod")).get("/sluice/campaign-stats")).get("KAFKA_BOOTSTRAP_SERVERS"));
    assertThat(env.keySet()).noneMatch(name -> name.contains("CHECKPOINT"));

    assertThatThrownBy(() -> Deployment.MANIFESTS.render(Manifests.BACKFILL_TEMPLATE, "prod", Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("${backfill.job} has no value");
    assertThatThrownBy(() -> Deployment.MANIFESTS.render(Manifests.BACKFILL_TEMPLATE, "prod",
        Map.of("backfill.job", "campaign-stats", "backfill.from", "a", "backfill.to", "b", "backfill.tpyo", "1")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("backfill.tpyo (--set): no placeholder uses it");
  }

  @Test
  void anUnknownProfileNamesTheOnesThereAre() {
    assertThatThrownBy(() -> Deployment.MANIFESTS.render("staging"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("Unknown profile 'staging'")
        .hasMessageContaining("[dev, prod]");
  }
}
