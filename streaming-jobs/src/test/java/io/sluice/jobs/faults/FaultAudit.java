package io.sluice.jobs.faults;

import io.sluice.serde.AvroSerdeConfig;
import io.sluice.serde.ConfluentAvroDeserializer;
import io.sluice.stack.StackEndpoints;
import io.sluice.stack.junit.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The independent read at the end of a fault test: what the producer was given, what the topic
 * holds, and how far the table's counts are from the expected ones, row by row. It shares no code
 * with the job: the topic is read with a plain consumer and the wire-format deserializer, the rows
 * with CQL.
 */
final class FaultAudit {

  private static final Pattern EVENT_ID = Pattern.compile("\"event_id\":\"([^\"]+)\"");

  private FaultAudit() {
  }

  /** How often each event id occurs in JSON Lines files (duplicates in the data occur twice). */
  static Map<String, Long> producedIds(Path... files) throws IOException {
    Map<String, Long> ids = new HashMap<>();
    for (Path file : files) {
      for (String line : Files.readAllLines(file)) {
        Matcher m = EVENT_ID.matcher(line);
        if (!m.find()) {
          throw new IllegalArgumentException("no event_id in a line of " + file + ": " + line);
        }
        ids.merge(m.group(1), 1L, Long::sum);
      }
    }
    return ids;
  }

  /**
   * How often each event id occurs on the topic, every record decoded from the Confluent wire
   * format. Counted as the records arrive: a chaos run's topic holds close to a million of them.
   */
  static Map<String, Long> idsOnTopic(StackEndpoints stack, String topic) {
    ConfluentAvroDeserializer<GenericRecord> values = new ConfluentAvroDeserializer<>();
    values.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, stack.schemaRegistryUrl()), false);
    Map<String, Long> ids = new HashMap<>();
    Topics.forEach(stack.kafkaBootstrapServers(), topic, new ByteArrayDeserializer(), values, Duration.ofMinutes(3),
        r -> ids.merge(r.value().get("event_id").toString(), 1L, Long::sum));
    return ids;
  }

  /**
   * Records on a topic, from its partitions' end offsets (nothing here deletes records, and the
   * producers write no transactions); 0 when nobody ever wrote to it (a dead-letter topic is created
   * on first use).
   */
  static long recordsOn(StackEndpoints stack, String topic) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.kafkaBootstrapServers()))) {
      if (!admin.listTopics().names().get().contains(topic)) {
        return 0;
      }
      Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic)
          .partitions().stream()
          .collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
      return admin.listOffsets(latest).all().get().values().stream().mapToLong(o -> o.offset()).sum();
    }
  }

  /**
   * One line of the closing note's table. Rows are CSV lines whose last column is a count, keyed by
   * the columns before it; a count below the expected one is lost, above it double-counted.
   */
  static Outcome outcome(String fault, Map<String, Long> produced, Map<String, Long> onTopic, List<String> expectedRows,
                         List<String> actualRows, Duration recovery) {
    Map<String, Long> expected = counts(expectedRows);
    Map<String, Long> actual = counts(actualRows);
    Set<String> keys = new TreeSet<>(expected.keySet());
    keys.addAll(actual.keySet());
    long lost = 0;
    long doubled = 0;
    for (String key : keys) {
      long diff = actual.getOrDefault(key, 0L) - expected.getOrDefault(key, 0L);
      lost += Math.max(0, -diff);
      doubled += Math.max(0, diff);
    }
    return new Outcome(fault, total(produced), total(onTopic), total(actual), total(expected), lost, doubled,
        recovery);
  }

  private static Map<String, Long> counts(List<String> rows) {
    return rows.stream().collect(Collectors.toMap(row -> row.substring(0, row.lastIndexOf(',')),
        row -> Long.parseLong(row.substring(row.lastIndexOf(',') + 1)), Long::sum, TreeMap::new));
  }

  private static long total(Map<String, Long> counts) {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Events produced and on the topic; views counted and expected; views lost and double-counted. */
  record Outcome(String fault, long produced, long onTopic, long counted, long expected, long lost, long doubled,
                 Duration recovery) {

    /** A Markdown table row, printed so that a run's log holds the closing note's figures. */
    String row() {
      return String.format(java.util.Locale.ROOT, "| %s | %,d | %,d | %,d of %,d | %,d | %,d | %.1f s |", fault,
          produced, onTopic, counted, expected, lost, doubled, recovery.toMillis() / 1000.0);
    }
  }
}
