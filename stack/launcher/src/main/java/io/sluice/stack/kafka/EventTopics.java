package io.sluice.stack.kafka;

import io.sluice.config.KafkaClientProperties;
import io.sluice.stack.StackEndpoints;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates a run's event topic before anything reads it. A streaming query started on a topic that
 * a producer is still auto-creating sees "does not host this topic-partition" and gives up after
 * a few retries; created and led first, the topic is simply there.
 */
public final class EventTopics {

  private static final Duration LEADER_TIMEOUT = Duration.ofSeconds(60);

  private EventTopics() {
  }

  /**
   * Creates {@code topic} with {@code partitions} and the brokers' default replication (an existing
   * topic is kept as it is), and returns once every partition has a leader.
   */
  public static void create(StackEndpoints endpoints, String topic, int partitions) throws Exception {
    try (Admin admin = Admin.create(new HashMap<>(KafkaClientProperties.of(endpoints.kafka())))) {
      create(admin, topic, partitions);
    }
  }

  /** As {@link #create(StackEndpoints, String, int)}, with an admin client of the cluster. */
  public static void create(Admin admin, String topic, int partitions) throws Exception {
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
