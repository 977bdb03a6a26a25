package io.sluice.config.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.kafka.common.acl.AclBinding;
import org.junit.jupiter.api.Test;

/** The ACLs of a secure Sluice grant each principal its part of the pipeline and nothing else. */
class KafkaAccessTest {

  private static List<String> grantsOf(String user) {
    return KafkaAccess.bindings("ad-events", "ad-events.dlq").stream()
        .filter(b -> b.entry().principal().equals("User:" + user))
        .map(KafkaAccessTest::describe).sorted().toList();
  }

  private static String describe(AclBinding b) {
    return b.entry().operation() + " " + b.pattern().resourceType() + " " + b.pattern().patternType() + " "
        + b.pattern().name() + " " + b.entry().permissionType();
  }

  @Test
  void theProducerMayOnlyWriteTheEventsTopic() {
    assertThat(grantsOf("sluice-producer")).containsExactly(
        "DESCRIBE TOPIC LITERAL ad-events ALLOW",
        "WRITE TOPIC LITERAL ad-events ALLOW");
  }

  @Test
  void theJobMayReadTheEventsInSparksGroupsAndWriteTheDeadLetters() {
    assertThat(grantsOf("sluice-job")).containsExactly(
        "DESCRIBE TOPIC LITERAL ad-events ALLOW",
        "DESCRIBE TOPIC LITERAL ad-events.dlq ALLOW",
        "READ GROUP PREFIXED spark-kafka- ALLOW",
        "READ TOPIC LITERAL ad-events ALLOW",
        "WRITE TOPIC LITERAL ad-events.dlq ALLOW");
  }

  @Test
  void nobodyElseIsGrantedAnything() {
    assertThat(grantsOf("sluice-dashboard")).isEmpty();
    assertThat(grantsOf("sluice-migrator")).isEmpty();
    assertThat(KafkaAccess.bindings("a", "b")).allMatch(b -> b.entry().host().equals("*"));
  }

  @Test
  void theRegistryMayUseOnlyItsOwnTopicsAndGroups() {
    assertThat(KafkaAccess.registryBindings("sluice-registry", "kafkasql-").stream().map(KafkaAccessTest::describe)
        .sorted().toList()).containsExactly(
        "CREATE TOPIC PREFIXED kafkasql- ALLOW",
        "DESCRIBE TOPIC PREFIXED kafkasql- ALLOW",
        "DESCRIBE_CONFIGS TOPIC PREFIXED kafkasql- ALLOW",
        "READ GROUP PREFIXED apicurio-registry- ALLOW",
        "READ TOPIC PREFIXED kafkasql- ALLOW",
        "WRITE TOPIC PREFIXED kafkasql- ALLOW");
    assertThat(KafkaAccess.registryBindings("sluice-registry", "kafkasql-"))
        .allMatch(b -> b.entry().principal().equals("User:sluice-registry") && b.entry().host().equals("*"));
  }
}
