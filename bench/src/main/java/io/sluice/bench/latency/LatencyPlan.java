package io.sluice.bench.latency;

import io.sluice.bench.JobArgs;
import io.sluice.bench.SparkConf;
import io.sluice.config.Config;
import io.sluice.ingest.sink.ProducerSettings;
import io.sluice.config.ConfigDef;
import io.sluice.config.ConfigException;
import io.sluice.config.Setting;
import io.sluice.config.ValueType;
import io.sluice.config.Validator;
import io.sluice.stack.StackSettings;
import io.sluice.stack.job.JobLaunch;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What a latency run does: the input rates, how long each lasts, and the job's settings. The
 * settings are declared once here; {@code bench latency} and {@code bench footprint} differ only in
 * their default rates and phase length.
 */
record LatencyPlan(String job, List<Double> rates, Duration phase, Duration warmup, int partitions, Duration trigger,
                   int shufflePartitions, long maxOffsetsPerTrigger, String jobHeap, List<String> sparkConf,
                   List<String> jobSettings, int generateThreads, Duration producerLinger, Path results, Path stateDir) {

  static Setting<List<Double>> rates(List<Double> defaults) {
    return Setting.builder("rates", ValueType.listOf(ValueType.DOUBLE)).defaultValue(defaults)
        .doc("Input rates in events/s, one phase each, in this order.").build();
  }

  static Setting<Duration> phase(Duration defaultValue) {
    return Setting.builder("phase", ValueType.DURATION).defaultValue(defaultValue)
        .validator(Validator.atLeast(ValueType.DURATION, Duration.ofSeconds(30)))
        .doc("How long the generator runs at each rate.").build();
  }

  static final Setting<String> JOB = Setting.builder("job", ValueType.STRING).defaultValue("campaign-stats")
      .validator(Validator.oneOf("campaign-stats", "campaign-window-counts"))
      .doc("The job measured; both write the 10-second windows whose latency is measured. campaign-stats (what"
          + " the demo and the Marathon group run) also writes the minute table.").build();
  static final Setting<Duration> WARMUP = Setting.builder("warmup", ValueType.DURATION)
      .defaultValue(Duration.ofSeconds(20)).validator(Validator.atLeast(ValueType.DURATION, Duration.ZERO))
      .doc("Windows ending this soon after a phase starts are left out (the job adapts to the new rate); the"
          + " job first warms up, unmeasured, for twice this (30 s at least) at the first rate.").build();
  static final Setting<Integer> PARTITIONS = Setting.builder("partitions", ValueType.INT).defaultValue(2)
      .validator(Validator.between(1, 64)).doc("Partitions of the input topic.").build();
  static final Setting<Duration> TRIGGER = Setting.builder("trigger", ValueType.DURATION)
      .defaultValue(Duration.ofMillis(200)).validator(Validator.atLeast(ValueType.DURATION, Duration.ofMillis(100)))
      .doc("Micro-batch interval of the job.").build();
  static final Setting<Integer> SHUFFLE_PARTITIONS = Setting.builder("shuffle-partitions", ValueType.INT)
      .defaultValue(1).validator(Validator.between(1, 10_000)).doc("spark.sql.shuffle.partitions of the job.").build();
  static final Setting<Long> MAX_OFFSETS = Setting.builder("max-offsets-per-trigger", ValueType.LONG)
      .defaultValue(500_000L).validator(Validator.between(0L, Long.MAX_VALUE))
      .doc("maxOffsetsPerTrigger of the job; 0 = no limit.").build();
  static final Setting<String> JOB_HEAP = Setting.builder("job-heap", ValueType.MEMORY_SIZE)
      .defaultValue(JobLaunch.DEFAULT_HEAP)
      .doc("Heap of the job's driver JVM (local[2]).").build();
  static final Setting<Integer> GENERATE_THREADS = Setting.builder("generate-threads", ValueType.INT).defaultValue(2)
      .validator(Validator.between(1, 64)).doc("--threads of the live generator.").build();
  static final Setting<Path> RESULTS = Setting.builder("results-dir", ValueType.PATH)
      .defaultValue(Path.of("bench-results")).doc("Where the JSON results, the plots and the runs' logs go.").build();

  static ConfigDef settings(Setting<List<Double>> rates, Setting<Duration> phase) {
    return ConfigDef.of(JOB, rates, phase, WARMUP, PARTITIONS, TRIGGER, SHUFFLE_PARTITIONS, MAX_OFFSETS, JOB_HEAP,
        SparkConf.SETTING, JobArgs.SETTING, GENERATE_THREADS, ProducerSettings.LINGER, RESULTS,
        StackSettings.STATE_DIR);
  }

  /** The window length measured (the 10-second windows): a phase must hold one after its warm-up. */
  static final Duration WINDOW = Duration.ofSeconds(10);

  static LatencyPlan from(Config config, Setting<List<Double>> rates, Setting<Duration> phase) {
    Duration measured = config.get(phase).minus(config.get(WARMUP));
    if (measured.compareTo(WINDOW) < 0) {
      throw new ConfigException("Setting " + WARMUP.flag() + " (" + ValueType.DURATION.format(config.get(WARMUP))
          + ") leaves less than one " + ValueType.DURATION.format(WINDOW) + " window of each " + phase.flag() + " ("
          + ValueType.DURATION.format(config.get(phase)) + ") to measure: make " + WARMUP.flag()
          + " shorter or " + phase.flag() + " longer.");
    }
    return new LatencyPlan(config.get(JOB), config.get(rates), config.get(phase), config.get(WARMUP),
        config.get(PARTITIONS), config.get(TRIGGER), config.get(SHUFFLE_PARTITIONS), config.get(MAX_OFFSETS),
        config.get(JOB_HEAP),
        config.get(SparkConf.SETTING), config.get(JobArgs.SETTING), config.get(GENERATE_THREADS),
        config.get(ProducerSettings.LINGER), config.get(RESULTS), StackSettings.stateDir(config));
  }
}
