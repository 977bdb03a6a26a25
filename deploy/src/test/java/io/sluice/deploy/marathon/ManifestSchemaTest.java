package io.sluice.deploy.marathon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class ManifestSchemaTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ManifestSchema SCHEMA = ManifestSchema.loadFromRepository(RepositoryRoot.PATH);

  /** Shaped like what Sluice deploys: one group, a Spark driver app and a Docker service app. */
  private static final String VALID_GROUP = """
      {
        "id": "/sluice",
        "dependencies": ["/infra/kafka"],
        "apps": [
          {
            "id": "/sluice/aggregator",
            "cmd": "bin/sluice job aggregate",
            "user": "sluice",
            "instances": 1,
            "cpus": 1.5,
            "mem": 2048,
            "disk": 0,
            "env": {"SLUICE_PROFILE": "prod", "CASSANDRA_PASSWORD": {"secret": "cassandra"}},
            "secrets": {"cassandra": {"source": "/sluice/cassandra-password"}},
            "labels": {"team": "data"},
            "fetch": [{"uri": "https://artifacts.example/sluice.tgz", "extract": true, "cache": true}],
            "constraints": [["hostname", "UNIQUE"], ["rack", "GROUP_BY", "2"]],
            "portDefinitions": [{"port": 0, "protocol": "tcp", "name": "ui", "labels": {"vip": "ui"}}],
            "requirePorts": false,
            "healthChecks": [{"protocol": "MESOS_HTTP", "path": "/health", "portIndex": 0,
                              "gracePeriodSeconds": 60, "intervalSeconds": 10, "timeoutSeconds": 5,
                              "maxConsecutiveFailures": 3, "delaySeconds": 15, "ignoreHttp1xx": false}],
            "upgradeStrategy": {"minimumHealthCapacity": 0, "maximumOverCapacity": 0},
            "unreachableStrategy": "disabled",
            "killSelection": "OLDEST_FIRST",
            "backoffSeconds": 1,
            "backoffFactor": 1.15,
            "maxLaunchDelaySeconds": 300,
            "taskKillGracePeriodSeconds": 30,
            "acceptedResourceRoles": ["*"],
            "role": "sluice"
          },
          {
            "id": "/sluice/registry",
            "args": ["--port", "8080"],
            "instances": 2,
            "cpus": 0.5,
            "mem": 512,
            "container": {
              "type": "DOCKER",
              "docker": {"image": "apicurio/apicurio-registry:2.6.13.Final", "forcePullImage": false,
                         "parameters": [{"key": "log-driver", "value": "journald"}]},
              "volumes": [
                {"containerPath": "data", "mode": "RW",
                 "persistent": {"type": "root", "size": 1024, "constraints": [["path", "LIKE", "/mnt/.*"]]}},
                {"containerPath": "/etc/sluice", "hostPath": "/etc/sluice", "mode": "RO"}
              ],
              "portMappings": [{"containerPort": 8080, "hostPort": 0, "servicePort": 10080,
                                "protocol": "tcp", "name": "http", "labels": {"vip": "registry"}}]
            },
            "networks": [{"mode": "container/bridge"}],
            "healthChecks": [{"protocol": "COMMAND", "command": {"value": "curl -f localhost:8080"}}],
            "unreachableStrategy": {"inactiveAfterSeconds": 300, "expungeAfterSeconds": 600},
            "residency": {"relaunchEscalationTimeoutSeconds": 3600, "taskLostBehavior": "WAIT_FOREVER"}
          }
        ],
        "groups": [{"id": "/sluice/tools", "apps": [{"id": "/sluice/tools/shell", "cmd": "sleep 3600"}]}]
      }
      """;

  @Test
  void aGroupUsingTheCoveredFieldsPasses() throws IOException {
    assertThat(SCHEMA.validate(JSON.readTree(VALID_GROUP))).isEmpty();
  }

  @Test
  void aMisspelledFieldIsAnError() throws IOException {
    assertThat(problemsAfter(g -> app(g, 0).set("instance", app(g, 0).remove("instances"))))
        .containsExactly("$.apps[0].instance: unknown field");
    assertThat(problemsAfter(g -> app(g, 1).set("healthCheck", app(g, 1).remove("healthChecks"))))
        .containsExactly("$.apps[1].healthCheck: unknown field");
    assertThat(problemsAfter(g -> docker(g).set("imag", docker(g).get("image"))))
        .containsExactly("$.apps[1].container.docker.imag: unknown field");
  }

  @Test
  void aValueOfTheWrongTypeIsAnError() throws IOException {
    assertThat(problemsAfter(g -> app(g, 0).put("instances", "3")))
        .singleElement().asString().startsWith("$.apps[0].instances: ").contains("integer");
  }

  @Test
  void anUnknownConstraintOperatorIsAnError() throws IOException {
    assertThat(problemsAfter(g -> ((ArrayNode) app(g, 0).withArray("constraints").get(0)).set(1, "UNIQ")))
        .singleElement().asString().startsWith("$.apps[0].constraints[0][1]: ").contains("enum");
  }

  @Test
  void anAppWithoutIdIsAnError() throws IOException {
    assertThat(problemsAfter(g -> ((ObjectNode) g.withArray("groups").get(0).withArray("apps").get(0)).remove("id")))
        .containsExactly("$.groups[0].apps[0].id: required field missing");
  }

  @Test
  void marathonsPodExampleIsRefused() throws IOException {
    assertThat(SCHEMA.validate(marathonExample("pod.json")))
        .contains("$.containers: unknown field", "$.scaling: unknown field");
  }

  @Test
  void marathonsGroupExampleIsRefusedForTheFieldsWeDoNotCover() throws IOException {
    // Among them fields Marathon itself has deprecated ("ports", "uris", docker "network").
    assertThat(SCHEMA.validate(marathonExample("group.json")))
        .contains("$.groups[0].apps[0].ports: unknown field", "$.groups[0].apps[0].container.docker.network: unknown field")
        .allSatisfy(problem -> assertThat(problem).endsWith(": unknown field"));
  }

  @Test
  void marathonsOwnExamplesThatUseOnlyCoveredFieldsPass() throws IOException {
    assertThat(SCHEMA.validate(marathonExample("sleep-group.json"))).isEmpty();
    // An app from Marathon's docs (persistent volume, bridge network, port mapping), put in a group as deployed.
    ObjectNode group = JSON.createObjectNode().put("id", "/");
    group.putArray("apps").add(marathonExample("persistent-volumes__L267-314.json"));
    assertThat(SCHEMA.validate(group)).isEmpty();
  }

  private static List<String> problemsAfter(Consumer<ObjectNode> change) throws IOException {
    ObjectNode group = (ObjectNode) JSON.readTree(VALID_GROUP);
    change.accept(group);
    return SCHEMA.validate(group);
  }

  private static ObjectNode app(ObjectNode group, int index) {
    return (ObjectNode) group.withArray("apps").get(index);
  }

  private static ObjectNode docker(ObjectNode group) {
    return (ObjectNode) app(group, 1).get("container").get("docker");
  }

  private static JsonNode marathonExample(String name) throws IOException {
    try (InputStream in = ManifestSchemaTest.class.getResourceAsStream("/marathon-examples/" + name)) {
      return JSON.readTree(in);
    }
  }
}
