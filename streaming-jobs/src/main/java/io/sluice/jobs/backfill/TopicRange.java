package io.sluice.jobs.backfill;

import io.sluice.jobs.source.KafkaSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Where an event-time range lies in the topic, found with Kafka's offsets-for-times: records are
 * stamped with their event time, so the first record at or after a time is where that time starts.
 * The offsets read reach a margin (the allowed lateness) beyond both ends: past the end for the
 * events that arrived late but in time to count, before the start for producers whose record time
 * runs a little behind event time.
 */
public final class TopicRange {

  /** The records one partition holds for the range: offsets [start, end). */
  public record PartitionRange(int partition, long start, long end) {
    public long records() {
      return end - start;
    }
  }

  private final String topic;
  private final List<PartitionRange> partitions;
  private final Optional<Instant> newestEventTime;

  private TopicRange(String topic, List<PartitionRange> partitions, Optional<Instant> newestEventTime) {
    this.topic = topic;
    this.partitions = List.copyOf(partitions);
    this.newestEventTime = newestEventTime;
  }

  /**
   * The offsets of {@code [from, to)} with {@code margin} on both sides, or an exception saying why
   * the topic cannot give that range: it does not exist, or the range's start is already deleted.
   */
  public static TopicRange find(Admin admin, String topic, Instant from, Instant to, Duration margin)
      throws BackfillException {
    List<TopicPartition> all = partitionsOf(admin, topic);
    Map<TopicPartition, ListOffsetsResultInfo> earliest = offsets(admin, all, p -> OffsetSpec.earliest());
    Map<TopicPartition, ListOffsetsResultInfo> latest = offsets(admin, all, p -> OffsetSpec.latest());
    Map<TopicPartition, ListOffsetsResultInfo> starts = offsets(admin, all,
        p -> OffsetSpec.forTimestamp(from.minus(margin).toEpochMilli()));
    Map<TopicPartition, ListOffsetsResultInfo> ends = offsets(admin, all,
        p -> OffsetSpec.forTimestamp(to.plus(margin).toEpochMilli()));
    List<PartitionRange> ranges = new ArrayList<>();
    for (TopicPartition p : all) {
      long oldest = earliest.get(p).offset();
      long start = starts.get(p).offset();
      if (oldest > 0 && start == oldest) {
        throw beyondRetention(admin, topic, p, from, starts.get(p), margin);
      }
      long end = ends.get(p).offset();
      // No record at or after the time: the range runs to the end of what the partition holds now.
      long last = latest.get(p).offset();
      ranges.add(new PartitionRange(p.partition(), start < 0 ? last : start, end < 0 ? last : end));
    }
    return new TopicRange(topic, ranges, newestEventTime(admin, all));
  }

  /** The topic's newest event time, if it has records: no live job has a watermark beyond it less the lateness. */
  public static Optional<Instant> newestEventTimeOf(Admin admin, String topic) throws BackfillException {
    return newestEventTime(admin, partitionsOf(admin, topic));
  }

  public String topic() {
    return topic;
  }

  /** Every partition of the topic, those with nothing in the range too. */
  public List<PartitionRange> partitions() {
    return partitions;
  }

  public long records() {
    return partitions.stream().mapToLong(PartitionRange::records).sum();
  }

  public Optional<Instant> newestEventTime() {
    return newestEventTime;
  }

  /** An Admin client of the cluster, with the same timeouts as the jobs' source. */
  public static Admin admin(Map<String, String> kafkaProperties) {
    Map<String, Object> props = new HashMap<>(kafkaProperties);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, KafkaSource.API_TIMEOUT_MS);
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, KafkaSource.API_TIMEOUT_MS);
    props.put(AdminClientConfig.CLIENT_ID_CONFIG, "sluice-backfill");
    return Admin.create(props);
  }

  /**
   * The records of the range as a batch, in at least {@code minPartitions} tasks (Spark splits a
   * partition's offsets between several when asked). The range must have records.
   */
  public Dataset<Row> read(SparkSession spark, Map<String, String> kafkaProperties, int minPartitions) {
    if (records() == 0) {
      throw new IllegalStateException("The range has no records in topic " + topic);
    }
    return spark.read().format("kafka")
        .options(KafkaSource.clusterOptions(kafkaProperties))
        .option("assign", assignJson())
        .option("startingOffsets", offsetsJson(PartitionRange::start))
        .option("endingOffsets", offsetsJson(PartitionRange::end))
        .option("minPartitions", minPartitions)
        .load();
  }

  /** Spark's Kafka source option {@code assign}: the partitions that have records in the range. */
  String assignJson() {
    return "{\"" + topic + "\":[" + nonEmpty().stream().map(p -> Integer.toString(p.partition()))
        .collect(Collectors.joining(",")) + "]}";
  }

  String offsetsJson(Function<PartitionRange, Long> offset) {
    return "{\"" + topic + "\":{" + nonEmpty().stream().map(p -> "\"" + p.partition() + "\":" + offset.apply(p))
        .collect(Collectors.joining(",")) + "}}";
  }

  private List<PartitionRange> nonEmpty() {
    return partitions.stream().filter(p -> p.records() > 0).toList();
  }

  private static Optional<Instant> newestEventTime(Admin admin, List<TopicPartition> all) throws BackfillException {
    return offsets(admin, all, p -> OffsetSpec.maxTimestamp()).values().stream()
        .filter(info -> info.offset() >= 0).map(info -> Instant.ofEpochMilli(info.timestamp()))
        .max(Instant::compareTo);
  }

  private static List<TopicPartition> partitionsOf(Admin admin, String topic) throws BackfillException {
    try {
      TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
      return description.partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        throw BackfillException.noSuchTopic(topic);
      }
      throw BackfillException.kafka("describing topic " + topic, e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw BackfillException.kafka("describing topic " + topic, e);
    }
  }

  private static Map<TopicPartition, ListOffsetsResultInfo> offsets(Admin admin, List<TopicPartition> all,
                                                                    Function<TopicPartition, OffsetSpec> spec)
      throws BackfillException {
    try {
      return admin.listOffsets(all.stream().collect(Collectors.toMap(p -> p, spec))).all().get();
    } catch (ExecutionException e) {
      throw BackfillException.kafka("listing the offsets of " + all, e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw BackfillException.kafka("listing the offsets of " + all, e);
    }
  }

  /** The first record of the range is the oldest the partition still holds: those before it are deleted. */
  private static BackfillException beyondRetention(Admin admin, String topic, TopicPartition p, Instant from,
                                                   ListOffsetsResultInfo firstKept, Duration margin) {
    Instant oldestTime = Instant.ofEpochMilli(firstKept.timestamp());
    String flag = BackfillSettings.FROM.flag();
    return BackfillException.refused(flag + " " + from + " is beyond what topic " + topic + " still holds:"
        + " partition " + p.partition() + " starts at offset " + firstKept.offset() + ", an event of " + oldestTime
        + ", and the records before it were deleted (" + TopicConfig.RETENTION_MS_CONFIG + "="
        + retentionMs(admin, topic) + "). The oldest " + flag + " it holds whole is after " + oldestTime.plus(margin)
        + " (that event plus the allowed lateness).");
  }

  private static String retentionMs(Admin admin, String topic) {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    try {
      Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
      return config.get(TopicConfig.RETENTION_MS_CONFIG).value();
    } catch (ExecutionException e) {
      return "unknown: " + e.getCause().getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }
}
