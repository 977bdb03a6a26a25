package io.sluice.bench.latency;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import io.sluice.bench.BenchStack;
import io.sluice.bench.Checkpoints;
import io.sluice.bench.Footprint;
import io.sluice.bench.JobArgs;
import io.sluice.bench.JvmRun;
import io.sluice.bench.Percentiles;
import io.sluice.bench.Programs;
import io.sluice.bench.SparkConf;
import io.sluice.config.ValueType;
import io.sluice.config.cli.CommandFailedException;
import io.sluice.schemas.cql.Tables;
import io.sluice.schemas.cql.Tables.Columns;
import io.sluice.stack.ServerStatus;
import io.sluice.stack.SluiceHome;
import io.sluice.stack.StackEndpoints;
import io.sluice.stack.job.JobProcess;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Yahoo Streaming Benchmark method on our pipeline: a live generator at one fixed rate after
 * another feeds the job (campaign-stats or campaign-window-counts); a window's latency is the time its
 * 10-second row was last written minus the window's end ({@code updated_at - window_end}). A rate is
 * kept up with when the generator reached it and the job had read every event soon after the
 * generator stopped. The memory of every server, the job and the generator is sampled all along.
 */
final class LatencyRun {

  private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(4);
  private static final Duration CATCH_UP_TIMEOUT = Duration.ofMinutes(2);
  /** Reading everything this soon after the generator stops counts as keeping up. */
  static final Duration KEPT_UP_LAG = Duration.ofSeconds(5);
  private static final Pattern GENERATED = Pattern.compile("done, ([\\d,]+) events in ([\\d.]+) s");

  /**
   * One rate's outcome: window latency, and the duration of the micro-batches that read the phase's
   * events (at a trickle rate, that is the fixed cost of a batch).
   */
  record Phase(double targetRate, double achievedRate, Percentiles latencyMillis, long catchUpMillis,
               boolean keptUp, Percentiles batchMillis, double rowsPerBatch) {
  }

  record Result(String topic, List<Phase> phases, Map<String, Footprint.Usage> footprint) {
  }

  private final LatencyPlan plan;
  private final PrintStream err;

  LatencyRun(LatencyPlan plan, PrintStream err) {
    this.plan = plan;
    this.err = err;
  }

  Result run() throws Exception {
    Programs programs = new Programs(SluiceHome.locate());
    try (BenchStack stack = BenchStack.open(plan.stateDir(), err)) {
      StackEndpoints endpoints = stack.endpoints();
      BenchStack.Run run = stack.prepare("latency", plan.partitions());
      Path logs = plan.results().resolve("latency-logs").resolve(run.topic());
      AtomicReference<JvmRun> generator = new AtomicReference<>();
      try (JobProcess job = startJob(programs, endpoints, run, logs);
           Footprint footprint = new Footprint(pids(serverPids(stack), job, generator), 2000);
           CqlSession session = stack.session()) {
        awaitStarted(job);
        // Unmeasured: the first batches carry Spark's start-up and the JIT's warm-up, seconds each.
        Duration prime = Duration.ofSeconds(Math.max(30, 2 * plan.warmup().toSeconds()));
        err.printf("latency: warming the job up at %,.0f events/s for %s (not measured)...%n", plan.rates().get(0),
            ValueType.DURATION.format(prime));
        long produced = generated(generate(programs, endpoints, run, logs, "warmup", plan.rates().get(0), prime,
            generator));
        catchUp(job, produced, Instant.now());
        List<Phase> phases = new ArrayList<>();
        for (double rate : plan.rates()) {
          Instant phaseStart = Instant.now();
          job.poll();
          int firstBatch = job.history().size();
          err.printf("latency: %,.0f events/s for %s...%n", rate, ValueType.DURATION.format(plan.phase()));
          Matcher generated = generate(programs, endpoints, run, logs, "generate-" + (long) rate, rate, plan.phase(),
              generator);
          Instant phaseEnd = Instant.now();
          long sent = generated(generated);
          produced += sent;
          long catchUp = catchUp(job, produced, phaseEnd);
          // The last window's final upsert follows the batch that read its last events.
          Thread.sleep(plan.trigger().toMillis() + 2000);
          Percentiles latency = Percentiles.of(latencies(session, run.keyspace(),
              phaseStart.plus(plan.warmup()), phaseEnd));
          double achieved = sent / Double.parseDouble(generated.group(2));
          boolean keptUp = achieved >= 0.95 * rate && catchUp >= 0 && catchUp <= KEPT_UP_LAG.toMillis();
          job.poll();
          List<JobProcess.Batch> batches = job.history().subList(firstBatch, job.history().size()).stream()
              .filter(b -> b.rows() > 0).toList();
          Percentiles batchMillis = Percentiles.of(batches.stream().map(b -> (double) b.millis()).toList());
          double rowsPerBatch = batches.stream().mapToLong(JobProcess.Batch::rows).average().orElse(0);
          phases.add(new Phase(rate, achieved, latency, catchUp, keptUp, batchMillis, rowsPerBatch));
          err.printf("latency: %,.0f events/s (generator reached %,.0f): p50 %,.0f ms, p95 %,.0f, p99 %,.0f, max"
              + " %,.0f over %d window rows; caught up %s after the generator stopped -> %s; %d batches of"
              + " ~%,.0f rows, p50 %,.0f ms, p95 %,.0f ms%n", rate, achieved,
              latency.p50(), latency.p95(), latency.p99(), latency.max(), latency.count(),
              catchUp < 0 ? "not within " + CATCH_UP_TIMEOUT.toMinutes() + " min" : catchUp + " ms",
              keptUp ? "kept up" : "FELL BEHIND", batchMillis.count(), rowsPerBatch, batchMillis.p50(),
              batchMillis.p95());
          if (catchUp < 0) {
            err.println("latency: the job is too far behind for a meaningful next phase; stopping here");
            break;
          }
        }
        return new Result(run.topic(), phases, footprint.usage());
      } finally {
        Checkpoints.remove(logs.resolve("checkpoint"), err);
      }
    }
  }

  /** Runs the live generator at {@code rate} for {@code duration}; its summary line. */
  private Matcher generate(Programs programs, StackEndpoints endpoints, BenchStack.Run run, Path logs, String name,
                           double rate, Duration duration, AtomicReference<JvmRun> generator) throws Exception {
    generator.set(JvmRun.start(name, programs.ingestClassPath(), Programs.SLUICE_INGEST,
        Programs.generateArgs(run.topic(), endpoints.kafkaBootstrapServers(), endpoints.schemaRegistryUrl(),
            "--rate", Double.toString(rate), "--duration", duration.toSeconds() + "s",
            "--threads", Integer.toString(plan.generateThreads()),
            "--producer-linger", ValueType.DURATION.format(plan.producerLinger())), logs));
    return lastMatch(generator.get().await(duration.toSeconds() + 300));
  }

  private static long generated(Matcher summary) {
    return Long.parseLong(summary.group(1).replace(",", ""));
  }

  private JobProcess startJob(Programs programs, StackEndpoints endpoints, BenchStack.Run run, Path logs)
      throws Exception {
    Path log = logs.resolve(plan.job() + ".log");
    err.println("latency: starting " + plan.job() + ", log " + log);
    List<String> settings = new ArrayList<>(List.of("--topic", run.topic(), "--cassandra-keyspace", run.keyspace(),
        "--trigger", ValueType.DURATION.format(plan.trigger()),
        "--shuffle-partitions", Integer.toString(plan.shufflePartitions()),
        "--max-offsets-per-trigger", Long.toString(plan.maxOffsetsPerTrigger()),
        "--checkpoint-dir", logs.resolve("checkpoint").toString()));
    settings.addAll(JobArgs.flags(plan.jobSettings()));
    return JobProcess.start(programs.home(), plan.job(), log, SparkConf.jvmOptions(plan.jobHeap(), plan.sparkConf()),
        settings, endpoints.asEnvironment());
  }

  private static void awaitStarted(JobProcess job) throws Exception {
    long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
    while (!job.started()) {
      job.poll();
      if (!job.isAlive() || System.nanoTime() > deadline) {
        throw new CommandFailedException(job.job() + " did not start; see " + job.log());
      }
      Thread.sleep(500);
    }
  }

  /** Milliseconds from the generator's stop until the job had read {@code produced} events; -1 if it never did. */
  private static long catchUp(JobProcess job, long produced, Instant since) throws Exception {
    long deadline = System.nanoTime() + CATCH_UP_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      job.poll();
      if (!job.isAlive()) {
        throw new CommandFailedException(job.job() + " stopped; see " + job.log());
      }
      if (job.inputRows() >= produced) {
        return Duration.between(since, Instant.now()).toMillis();
      }
      Thread.sleep(100);
    }
    return -1;
  }

  /** updated_at - window_end of every campaign's row of every window that ends within [from, to]. */
  private static List<Double> latencies(CqlSession session, String keyspace, Instant from, Instant to) {
    List<Double> latencies = new ArrayList<>();
    long size = LatencyPlan.WINDOW.toMillis();
    var query = session.prepare("SELECT " + Columns.WINDOW_END + ", " + Columns.UPDATED_AT + " FROM " + keyspace
        + "." + Tables.CAMPAIGN_WINDOW_COUNTS_BY_WINDOW + " WHERE " + Columns.WINDOW_START + " = ?");
    for (long start = Math.floorDiv(from.toEpochMilli() + size - 1, size) * size; start + size <= to.toEpochMilli();
         start += size) {
      for (Row row : session.execute(query.bind(Instant.ofEpochMilli(start)))) {
        latencies.add((double) Duration.between(row.getInstant(Columns.WINDOW_END), row.getInstant(Columns.UPDATED_AT))
            .toMillis());
      }
    }
    return latencies;
  }

  /** The servers' PIDs, read once: they do not change during a run. */
  private static Map<String, Long> serverPids(BenchStack stack) {
    Map<String, Long> pids = new LinkedHashMap<>();
    for (ServerStatus server : stack.servers()) {
      if (server.up()) {
        pids.put(server.name(), server.pid());
      }
    }
    return pids;
  }

  /** What to sample: the servers, the job, and the generator of the moment (one per phase). */
  private static Supplier<Map<String, Long>> pids(Map<String, Long> servers, JobProcess job,
                                                  AtomicReference<JvmRun> generator) {
    return () -> {
      Map<String, Long> pids = new LinkedHashMap<>(servers);
      pids.put("job " + job.job(), job.pid());
      JvmRun current = generator.get();
      if (current != null && current.isAlive()) {
        pids.put("generator", current.pid());
      }
      return pids;
    };
  }


  private static Matcher lastMatch(List<String> output) {
    for (int i = output.size() - 1; i >= 0; i--) {
      Matcher m = GENERATED.matcher(output.get(i));
      if (m.find()) {
        return m;
      }
    }
    throw new IllegalStateException("the generator printed no summary");
  }
}
