package io.sluice.jobs;

import io.sluice.config.Config;
import io.sluice.config.KafkaClientProperties;
import io.sluice.config.SharedSettings;
import java.io.Serializable;
import java.time.Duration;
import java.util.Map;

/**
 * The settings executors need, as plain serializable values: functions shipped to executors carry
 * this, never the driver's {@link Config}.
 */
public record JobEndpoints(Config.Snapshot clients, String deadLetterTopic, JobSettings.ReaderSchema readerSchema,
                           long adsRefreshMillis, String writeConsistency, String checkpointDir)
    implements Serializable {

  /** A streaming job's, whose schema archive is kept in its checkpoint. */
  public static JobEndpoints from(Config config, String checkpointDir) {
    return of(config, JobSettings.deadLetterTopic(config), checkpointDir);
  }

  /**
   * A backfill's ({@link JobSettings#PROCESSING}): it sends no dead letters and has no checkpoint,
   * since it must not touch the live job's.
   */
  public static JobEndpoints withoutCheckpoint(Config config) {
    return of(config, null, null);
  }

  private static JobEndpoints of(Config config, String deadLetterTopic, String checkpointDir) {
    return new JobEndpoints(config.snapshot(SharedSettings.CLIENTS), deadLetterTopic,
        config.get(JobSettings.READER_SCHEMA), config.get(JobSettings.ADS_REFRESH).toMillis(),
        config.get(JobSettings.WRITE_CONSISTENCY), checkpointDir);
  }

  public String kafkaBootstrapServers() {
    return clients.resolve(SharedSettings.KAFKA).get(SharedSettings.KAFKA_BOOTSTRAP_SERVERS);
  }

  public String schemaRegistryUrl() {
    return registry().get(SharedSettings.SCHEMA_REGISTRY_URL);
  }

  public String cassandraContactPoints() {
    return cassandra().get(SharedSettings.CASSANDRA_CONTACT_POINTS);
  }

  public String cassandraLocalDc() {
    return cassandra().get(SharedSettings.CASSANDRA_LOCAL_DC);
  }

  public String keyspace() {
    return cassandra().get(SharedSettings.CASSANDRA_KEYSPACE);
  }

  /** The Kafka client properties, login included, for the dead-letter producer. */
  public Map<String, String> kafkaProperties() {
    return KafkaClientProperties.of(clients.resolve(SharedSettings.KAFKA));
  }

  /** The registry settings: URL, login and trust. */
  public Config registry() {
    return clients.resolve(SharedSettings.SCHEMA_REGISTRY);
  }

  /** The Cassandra settings: nodes, login and trust. */
  public Config cassandra() {
    return clients.resolve(SharedSettings.CASSANDRA);
  }

  public Duration adsRefresh() {
    return Duration.ofMillis(adsRefreshMillis);
  }
}
