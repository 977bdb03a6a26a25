package io.sluice.bench.producer;

import io.sluice.bench.BenchReport;
import io.sluice.bench.BenchStack;
import io.sluice.bench.JvmRun;
import io.sluice.bench.Programs;
import io.sluice.bench.Ratio;
import io.sluice.config.Config;
import io.sluice.config.ConfigDef;
import io.sluice.config.Setting;
import io.sluice.config.Validator;
import io.sluice.config.ValueType;
import io.sluice.config.cli.Command;
import io.sluice.config.cli.Invocation;
import io.sluice.events.AdEvent;
import io.sluice.ingest.campaigns.Campaigns;
import io.sluice.ingest.generate.EventGenerator;
import io.sluice.ingest.generate.EventMix;
import io.sluice.ingest.sink.ProducerSettings;
import io.sluice.serde.ConfluentAvroCodec;
import io.sluice.stack.SluiceHome;
import io.sluice.stack.StackEndpoints;
import io.sluice.stack.StackSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * {@code sluice bench producer}: {@code sluice generate} against Kafka's own ProducerPerformance,
 * each in a fresh JVM, alternating, at the same record count, record size, acks, compression,
 * linger and batch size. Prints both rates and their ratio.
 */
public final class ProducerBenchmark implements Command {

  static final Setting<Long> RECORDS = Setting.builder("records", ValueType.LONG).defaultValue(2_000_000L)
      .validator(Validator.between(10_000L, 1_000_000_000L)).doc("Records each run sends.").build();
  static final Setting<Integer> ROUNDS = Setting.builder("rounds", ValueType.INT).defaultValue(3)
      .validator(Validator.between(1, 20)).doc("Runs of each; the medians are compared.").build();
  static final Setting<Integer> THREADS = Setting.builder("threads", ValueType.INT).defaultValue(2)
      .validator(Validator.between(1, 64)).doc("--threads of 'sluice generate' (ProducerPerformance has one).").build();
  static final Setting<Path> RESULTS = Setting.builder("results-dir", ValueType.PATH)
      .defaultValue(Path.of("bench-results")).doc("Where the JSON result and the runs' logs go.").build();

  private static final Pattern REFERENCE_RATE = Pattern.compile("records sent, ([\\d.]+) records/sec");
  private static final Pattern OUR_RATE = Pattern.compile("done, ([\\d,]+) events in ([\\d.]+) s");

  @Override
  public String name() {
    return "producer";
  }

  @Override
  public String summary() {
    return "Throughput of 'sluice generate' into Kafka beside Kafka's ProducerPerformance (goal: 0.9x or more).";
  }

  @Override
  public String description() {
    return summary() + " Uses the running local stack, or starts one and stops it at the end.";
  }

  @Override
  public ConfigDef settings() {
    return ConfigDef.of(RECORDS, ROUNDS, THREADS, RESULTS, ProducerSettings.ACKS, ProducerSettings.COMPRESSION,
        ProducerSettings.LINGER, ProducerSettings.BATCH_SIZE, StackSettings.STATE_DIR);
  }

  @Override
  public int run(Invocation inv) throws IOException, InterruptedException {
    try (BenchStack stack = BenchStack.open(StackSettings.stateDir(inv.config()), inv.err())) {
      return run(inv, inv.config(), stack.endpoints());
    }
  }

  private int run(Invocation inv, Config config, StackEndpoints endpoints) throws IOException, InterruptedException {
    Path home = SluiceHome.locate();
    long records = config.get(RECORDS);
    int recordSize = averageRecordSize();
    Path logs = config.get(RESULTS).resolve("producer-logs");
    String kafka = endpoints.kafkaBootstrapServers();
    String acks = config.get(ProducerSettings.ACKS);
    String compression = config.get(ProducerSettings.COMPRESSION);
    long linger = config.get(ProducerSettings.LINGER).toMillis();
    int batch = config.get(ProducerSettings.BATCH_SIZE);
    inv.err().printf("producer benchmark: %,d records of %d bytes, acks=%s, compression=%s, linger=%d ms, batch=%d,"
        + " generate threads=%d, %d rounds%n", records, recordSize, acks, compression, linger, batch,
        config.get(THREADS), config.get(ROUNDS));

    Programs programs = new Programs(home);
    String ourClassPath = programs.ingestClassPath();
    String referenceClassPath = programs.kafkaToolsClassPath();
    Ratio ratio = new Ratio();
    for (int round = 1; round <= config.get(ROUNDS); round++) {
      String suffix = "-" + System.currentTimeMillis();
      List<String> ourArgs = Programs.generateArgs("bench-producer-ours" + suffix, kafka,
          endpoints.schemaRegistryUrl(), "--count", Long.toString(records), "--rate", "0",
          "--producer-acks", acks, "--producer-compression", compression, "--producer-linger", linger + "ms",
          "--producer-batch-size", Integer.toString(batch), "--threads", Integer.toString(config.get(THREADS)));
      List<String> referenceArgs = List.of("--topic", "bench-producer-reference" + suffix, "--num-records",
          Long.toString(records), "--record-size", Integer.toString(recordSize), "--throughput", "-1",
          "--producer-props", "bootstrap.servers=" + kafka, "acks=" + acks, "compression.type=" + compression,
          "linger.ms=" + linger, "batch.size=" + batch, "enable.idempotence=" + "all".equals(acks));
      double ours = 0;
      double reference = 0;
      // Alternate who goes first, so neither always meets a broker just warmed or just loaded by the other.
      for (int i = 0; i < 2; i++) {
        if ((round + i) % 2 == 0) {
          ours = ourRate(JvmRun.run("ours-" + round, ourClassPath, Programs.SLUICE_INGEST, ourArgs,
              logs, 600));
        } else {
          reference = referenceRate(JvmRun.run("reference-" + round, referenceClassPath,
              Programs.PRODUCER_PERFORMANCE, referenceArgs, logs, 600));
        }
      }
      ratio.add(ours, reference);
      inv.err().printf("round %d: sluice generate %,.0f records/s, ProducerPerformance %,.0f records/s (%.2fx)%n",
          round, ours, reference, ours / reference);
    }
    Path file = new BenchReport("producer")
        .put("records", records).put("record_size_bytes", recordSize).put("acks", acks)
        .put("compression", compression).put("linger_ms", linger).put("batch_size", batch)
        .put("generate_threads", config.get(THREADS))
        .put("ours_records_per_s", ratio.ours()).put("reference_records_per_s", ratio.reference())
        .put("ours_median", ratio.oursMedian()).put("reference_median", ratio.referenceMedian())
        .put("ratio", ratio.ratio()).put("goal_ratio", 0.9)
        .write(config.get(RESULTS));
    inv.out().printf("producer: sluice generate %,.0f records/s vs ProducerPerformance %,.0f records/s = %.2fx"
        + " (goal 0.9x); %s%n", ratio.oursMedian(), ratio.referenceMedian(), ratio.ratio(), file);
    return 0;
  }

  /** Our records' average size on the wire: Confluent header plus the Avro body of generated events. */
  static int averageRecordSize() throws IOException {
    Campaigns campaigns = Campaigns.generate(100, 10, 42);
    EventGenerator generator = new EventGenerator(campaigns.adIds(), 10_000, 1_000,
        EventMix.parse("view=1,click=1,purchase=1"), 0, Duration.ZERO, 0, 42);
    SpecificDatumWriter<AdEvent> writer = new SpecificDatumWriter<>(AdEvent.class);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
    int n = 10_000;
    for (int i = 0; i < n; i++) {
      writer.write(generator.next(1_767_225_600_000L + i).get(0), encoder);
    }
    encoder.flush();
    return (int) Math.round((double) out.size() / n) + ConfluentAvroCodec.HEADER_SIZE;
  }

  private static double referenceRate(List<String> output) {
    for (int i = output.size() - 1; i >= 0; i--) {
      Matcher m = REFERENCE_RATE.matcher(output.get(i));
      if (m.find()) {
        return Double.parseDouble(m.group(1));
      }
    }
    throw new IllegalStateException("ProducerPerformance printed no summary");
  }

  private static double ourRate(List<String> output) {
    for (int i = output.size() - 1; i >= 0; i--) {
      Matcher m = OUR_RATE.matcher(output.get(i));
      if (m.find()) {
        return Long.parseLong(m.group(1).replace(",", "")) / Double.parseDouble(m.group(2));
      }
    }
    throw new IllegalStateException("sluice generate printed no summary");
  }
}
