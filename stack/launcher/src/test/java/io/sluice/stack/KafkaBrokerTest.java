package io.sluice.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.config.Config;
import io.sluice.stack.kafka.KafkaBroker;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class KafkaBrokerTest {

  private static Properties brokerOf(int brokers) {
    StackLayout layout = StackLayout.resolve(Config.of(StackSettings.UP, Map.of(StackSettings.KAFKA_BROKERS, brokers)),
        Optional.empty(), name -> false);
    return KafkaBroker.serverProperties(1, layout, Path.of("state", "kafka-1"));
  }

  @Test
  void threeBrokersKeepThreeReplicasAndAcceptAWriteWhileTwoAreInSync() {
    Properties broker = brokerOf(3);

    assertThat(broker).containsEntry("default.replication.factor", "3").containsEntry("min.insync.replicas", "2")
        .containsEntry("offsets.topic.replication.factor", "3");
  }

  @Test
  void aSingleBrokerNeedsOnlyItself() {
    assertThat(brokerOf(1)).containsEntry("default.replication.factor", "1").containsEntry("min.insync.replicas", "1");
  }
}
