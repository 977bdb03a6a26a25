package io.sluice.deploy.marathon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The apps that talk to each other agree on names and ports. */
class AddressesTest {

  private static final Pattern HOST_PORT = Pattern.compile("(?<![\\w.])([a-z0-9-]+\\.marathon\\.mesos)(?::(\\d+))?");
  /** Mesos-DNS's SRV name of an app's named port: _PORT._APP._tcp.marathon.mesos. */
  private static final Pattern SRV = Pattern.compile("_([a-z0-9-]+)\\._([a-z0-9-]+)\\._tcp\\.marathon\\.mesos");
  private static final Pattern VOTER = Pattern.compile("(\\d+)@([a-z0-9.-]+):(\\d+)");
  private static final Pattern LISTENER = Pattern.compile("(\\w+)://[^:,]*:(\\d+)");

  static Stream<String> profiles() {
    return Deployment.groups().keySet().stream();
  }

  @ParameterizedTest
  @MethodSource("profiles")
  void everyAddressNamesAnAppOfTheGroupAtAPortItListensOn(String profile) {
    Map<String, JsonNode> appsByHost = new HashMap<>();
    Deployment.apps(Deployment.groups().get(profile)).forEach((id, app) ->
        appsByHost.put(Deployment.mesosDnsName(id), app));
    int addresses = 0;
    for (JsonNode app : appsByHost.values()) {
      for (Map.Entry<String, String> env : Deployment.env(app).entrySet()) {
        Matcher m = HOST_PORT.matcher(env.getValue());
        while (m.find()) {
          addresses++;
          String where = app.get("id").asText() + " " + env.getKey();
          assertThat(appsByHost).as(where + ": " + m.group(1) + " is an app of the group").containsKey(m.group(1));
          if (m.group(2) != null) {
            assertThat(fixedPorts(appsByHost.get(m.group(1)))).as(where + ": port " + m.group(2))
                .contains(Integer.parseInt(m.group(2)));
          }
        }
        Matcher srv = SRV.matcher(env.getValue());
        while (srv.find()) {
          addresses++;
          String where = app.get("id").asText() + " " + env.getKey();
          String host = srv.group(2) + ".marathon.mesos";
          assertThat(appsByHost).as(where + ": " + srv.group() + " names an app of the group").containsKey(host);
          List<String> portNames = new ArrayList<>();
          appsByHost.get(host).path("portDefinitions").forEach(p -> portNames.add(p.path("name").asText()));
          assertThat(portNames).as(where + ": " + srv.group() + " names a port of " + host).contains(srv.group(1));
        }
      }
    }
    assertThat(addresses).as("addresses checked").isGreaterThan(10);
  }

  @ParameterizedTest
  @MethodSource("profiles")
  void fixedPortsAreRequiredAndOneTaskOfAnAppPerHostHoldsThem(String profile) {
    Deployment.apps(Deployment.groups().get(profile)).forEach((id, app) -> {
      if (!fixedPorts(app).isEmpty()) {
        assertThat(app.path("requirePorts").asBoolean()).as(id).isTrue();
        assertThat(app.path("constraints").toString()).as(id).contains("[\"hostname\",\"UNIQUE\"]");
      }
    });
  }

  @ParameterizedTest
  @MethodSource("profiles")
  void kafkaBrokersAdvertiseThemselvesAndFormOneQuorum(String profile) {
    Map<String, JsonNode> brokers = new HashMap<>();
    Deployment.apps(Deployment.groups().get(profile)).forEach((id, app) -> {
      if (Deployment.image(app).startsWith("apache/kafka:")) {
        brokers.put(id, app);
      }
    });
    assertThat(brokers).hasSize(3);
    Set<String> nodeIds = new HashSet<>();
    for (Map.Entry<String, JsonNode> broker : brokers.entrySet()) {
      Map<String, String> env = Deployment.env(broker.getValue());
      String self = Deployment.mesosDnsName(broker.getKey());
      assertThat(env.get("KAFKA_ADVERTISED_LISTENERS")).contains("://" + self + ":");
      assertThat(nodeIds.add(env.get("KAFKA_NODE_ID"))).as("node ids are unique").isTrue();
      Matcher listeners = LISTENER.matcher(env.get("KAFKA_LISTENERS"));
      while (listeners.find()) {
        assertThat(fixedPorts(broker.getValue())).contains(Integer.parseInt(listeners.group(2)));
      }
      List<String> voters = new ArrayList<>();
      Matcher v = VOTER.matcher(env.get("KAFKA_CONTROLLER_QUORUM_VOTERS"));
      while (v.find()) {
        voters.add(v.group(1) + "@" + v.group(2) + ":" + v.group(3));
      }
      List<String> expected = new ArrayList<>();
      for (Map.Entry<String, JsonNode> other : brokers.entrySet()) {
        String controllerPort = controllerPort(other.getValue());
        expected.add(Deployment.env(other.getValue()).get("KAFKA_NODE_ID") + "@"
            + Deployment.mesosDnsName(other.getKey()) + ":" + controllerPort);
      }
      assertThat(voters).as(broker.getKey() + " voters").containsExactlyInAnyOrderElementsOf(expected);
    }
  }

  private static String controllerPort(JsonNode broker) {
    for (JsonNode port : broker.path("portDefinitions")) {
      if ("controller".equals(port.path("name").asText())) {
        return port.get("port").asText();
      }
    }
    throw new AssertionError(broker.get("id") + " declares no 'controller' port");
  }

  private static Set<Integer> fixedPorts(JsonNode app) {
    Set<Integer> ports = new HashSet<>();
    app.path("portDefinitions").forEach(p -> {
      if (p.path("port").asInt() != 0) {
        ports.add(p.get("port").asInt());
      }
    });
    return ports;
  }
}
