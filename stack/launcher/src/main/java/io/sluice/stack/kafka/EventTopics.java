package io.sluice.stack.kafka;

import io.sluice.config.KafkaClientProperties;
import io.sluice.config.access.KafkaAccess;
import io.sluice.stack.StackEndpoints;
import java.util.HashMap;
import org.apache.kafka.clients.admin.Admin;

/** Creates a run's event topic on the stack before anything reads it ({@link KafkaAccess#createTopic}). */
public final class EventTopics {

  private EventTopics() {
  }

  /**
   * Creates {@code topic} with {@code partitions} and the brokers' default replication (an existing
   * topic is kept as it is), and returns once every partition has a leader.
   */
  public static void create(StackEndpoints endpoints, String topic, int partitions) throws Exception {
    try (Admin admin = Admin.create(new HashMap<>(KafkaClientProperties.of(endpoints.kafka())))) {
      KafkaAccess.createTopic(admin, topic, partitions);
    }
  }
}
