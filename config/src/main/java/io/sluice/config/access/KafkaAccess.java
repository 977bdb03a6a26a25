package io.sluice.config.access;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The least privileges of the Kafka principals of a secure Sluice (the local stack's and a
 * deployment's), as ACLs: the producer may write the events topic and nothing else; the job may read
 * it (in Spark's consumer groups) and write the dead-letter topic. The admin is a super user and
 * needs none. Creating topics and granting are idempotent.
 */
public final class KafkaAccess {

  /** Spark names its Kafka consumer groups {@code spark-kafka-source-*} and {@code spark-kafka-relation-*}. */
  static final String SPARK_GROUP_PREFIX = "spark-kafka-";

  private static final Duration LEADER_TIMEOUT = Duration.ofSeconds(60);

  private KafkaAccess() {
  }

  /** Creates the topics (as the admin) and grants the principals their access to them. */
  public static void grant(Admin admin, String eventsTopic, String deadLetterTopic, int partitions) throws Exception {
    createTopic(admin, eventsTopic, partitions);
    createTopic(admin, deadLetterTopic, partitions);
    admin.createAcls(bindings(eventsTopic, deadLetterTopic)).all().get();
  }

  static List<AclBinding> bindings(String eventsTopic, String deadLetterTopic) {
    List<AclBinding> acls = new ArrayList<>();
    ResourcePattern events = new ResourcePattern(ResourceType.TOPIC, eventsTopic, PatternType.LITERAL);
    ResourcePattern deadLetters = new ResourcePattern(ResourceType.TOPIC, deadLetterTopic, PatternType.LITERAL);
    ResourcePattern sparkGroups = new ResourcePattern(ResourceType.GROUP, SPARK_GROUP_PREFIX, PatternType.PREFIXED);
    allow(acls, SluicePrincipal.PRODUCER.username(), events, AclOperation.WRITE, AclOperation.DESCRIBE);
    allow(acls, SluicePrincipal.JOB.username(), events, AclOperation.READ, AclOperation.DESCRIBE);
    allow(acls, SluicePrincipal.JOB.username(), deadLetters, AclOperation.WRITE, AclOperation.DESCRIBE);
    allow(acls, SluicePrincipal.JOB.username(), sparkGroups, AclOperation.READ);
    return acls;
  }

  /**
   * Apicurio 2.6's kafkasql storage consumes in a group {@code ${registry.id}-${random uuid}}, its
   * {@code registry.id} being {@code apicurio-registry}.
   */
  static final String REGISTRY_GROUP_PREFIX = "apicurio-registry-";

  /**
   * A schema registry that keeps its storage in Kafka (Apicurio's kafkasql) as {@code user}: its own
   * topics, those whose names start with {@code topicPrefix}, which it creates, and the consumer
   * groups it names at random on each start (never the jobs'). Idempotent.
   */
  public static void grantRegistry(Admin admin, String user, String topicPrefix) throws Exception {
    admin.createAcls(registryBindings(user, topicPrefix)).all().get();
  }

  static List<AclBinding> registryBindings(String user, String topicPrefix) {
    List<AclBinding> acls = new ArrayList<>();
    allow(acls, user, new ResourcePattern(ResourceType.TOPIC, topicPrefix, PatternType.PREFIXED), AclOperation.CREATE,
        AclOperation.DESCRIBE, AclOperation.DESCRIBE_CONFIGS, AclOperation.READ, AclOperation.WRITE);
    allow(acls, user, new ResourcePattern(ResourceType.GROUP, REGISTRY_GROUP_PREFIX, PatternType.PREFIXED),
        AclOperation.READ);
    return acls;
  }

  private static void allow(List<AclBinding> acls, String user, ResourcePattern resource, AclOperation... operations) {
    for (AclOperation operation : operations) {
      acls.add(new AclBinding(resource, new AccessControlEntry("User:" + user, "*", operation,
          AclPermissionType.ALLOW)));
    }
  }

  /**
   * Creates {@code topic} with {@code partitions} and the brokers' default replication (an existing
   * topic is kept as it is), and returns once every partition has a leader. A streaming query
   * started on a topic that a producer is still auto-creating sees "does not host this
   * topic-partition" and gives up after a few retries; created and led first, the topic is simply there.
   */
  public static void createTopic(Admin admin, String topic, int partitions) throws Exception {
    try {
      admin.createTopics(List.of(new NewTopic(topic, Optional.of(partitions), Optional.empty()))).all().get();
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw e;
      }
    }
    long deadline = System.nanoTime() + LEADER_TIMEOUT.toNanos();
    while (!led(admin, topic)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("topic " + topic + " has a partition without a leader "
            + LEADER_TIMEOUT.toSeconds() + " s after it was created");
      }
      Thread.sleep(100);
    }
  }

  private static boolean led(Admin admin, String topic) throws InterruptedException {
    try {
      TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
      return description.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty());
    } catch (ExecutionException e) {
      // Metadata not yet propagated: asked again until the deadline.
      return false;
    }
  }
}
