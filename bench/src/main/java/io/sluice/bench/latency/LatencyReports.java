package io.sluice.bench.latency;

import io.sluice.bench.BenchReport;
import io.sluice.bench.Charts;
import io.sluice.bench.Footprint;
import io.sluice.config.ValueType;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The JSON results, plots and summaries of a latency run: its latencies and its footprint. */
final class LatencyReports {

  static final double GOAL_P99_MILLIS = 1000;
  static final double GOAL_RATE = 50_000;
  static final double TRICKLE_GOAL_P99_MILLIS = 500;
  static final double TRICKLE_RATE = 2_000;
  static final double GOAL_BATCH_MILLIS = 150;
  static final double GOAL_BATCH_ROWS = 1_000;

  private LatencyReports() {
  }

  static void latency(LatencyPlan plan, LatencyRun.Result result, PrintStream out) throws IOException {
    List<Map<String, Object>> phases = new ArrayList<>();
    Map<String, Map<Double, Double>> lines = new LinkedHashMap<>();
    for (String p : List.of("p50", "p95", "p99", "max")) {
      lines.put(p, new TreeMap<>());
    }
    double sustained = 0;
    for (LatencyRun.Phase phase : result.phases()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("target_events_per_s", phase.targetRate());
      row.put("achieved_events_per_s", phase.achievedRate());
      row.put("window_rows", phase.latencyMillis().count());
      row.put("p50_ms", phase.latencyMillis().p50());
      row.put("p95_ms", phase.latencyMillis().p95());
      row.put("p99_ms", phase.latencyMillis().p99());
      row.put("max_ms", phase.latencyMillis().max());
      row.put("catch_up_ms", phase.catchUpMillis());
      row.put("kept_up", phase.keptUp());
      row.put("batches", phase.batchMillis().count());
      row.put("rows_per_batch", phase.rowsPerBatch());
      row.put("batch_p50_ms", phase.batchMillis().p50());
      row.put("batch_p95_ms", phase.batchMillis().p95());
      phases.add(row);
      if (phase.latencyMillis().count() > 0) {
        lines.get("p50").put(phase.targetRate(), phase.latencyMillis().p50());
        lines.get("p95").put(phase.targetRate(), phase.latencyMillis().p95());
        lines.get("p99").put(phase.targetRate(), phase.latencyMillis().p99());
        lines.get("max").put(phase.targetRate(), phase.latencyMillis().max());
      }
      if (phase.keptUp()) {
        sustained = Math.max(sustained, phase.targetRate());
      }
    }
    Double p99AtGoal = p99At(result, GOAL_RATE);
    Double p99AtTrickle = p99At(result, TRICKLE_RATE);
    LatencyRun.Phase batchCost = result.phases().stream().filter(p -> p.batchMillis().count() > 0)
        .min(Comparator.comparingDouble(p -> Math.abs(p.rowsPerBatch() - GOAL_BATCH_ROWS))).orElse(null);
    BenchReport report = new BenchReport("latency").put("topic", result.topic()).put("settings", settings(plan))
        .put("phases", phases).put("highest_rate_kept_up", sustained).put("p99_ms_at_50k", p99AtGoal)
        .put("p99_ms_at_2k", p99AtTrickle)
        .put("batch_cost", batchCost == null ? null : Map.of("events_per_s", batchCost.targetRate(),
            "rows_per_batch", batchCost.rowsPerBatch(), "p50_ms", batchCost.batchMillis().p50(),
            "p95_ms", batchCost.batchMillis().p95()))
        .put("goal", "p99 <= " + (long) GOAL_P99_MILLIS + " ms at " + (long) GOAL_RATE + " events/s, <= "
            + (long) TRICKLE_GOAL_P99_MILLIS + " ms at " + (long) TRICKLE_RATE + " events/s; a batch of ~1,000"
            + " events <= " + (long) GOAL_BATCH_MILLIS + " ms")
        .put("footprint_mib", footprint(result.footprint()));
    Path file = report.write(plan.results());
    Path plot = Charts.lines(BenchReport.sibling(file, ".png"), "Window latency (updated_at - window_end) by input"
        + " rate, " + report.when(), "input rate (events/s)", "latency (ms)", lines, GOAL_P99_MILLIS);
    for (LatencyRun.Phase phase : result.phases()) {
      out.printf("latency: %,8.0f events/s  p50 %,6.0f ms  p95 %,6.0f  p99 %,6.0f  max %,6.0f  %s%n",
          phase.targetRate(), phase.latencyMillis().p50(), phase.latencyMillis().p95(), phase.latencyMillis().p99(),
          phase.latencyMillis().max(), phase.keptUp() ? "kept up" : "fell behind");
    }
    if (batchCost != null) {
      out.printf("latency: per-batch cost at %,.0f events/s: p50 %,.0f ms, p95 %,.0f ms for ~%,.0f rows a batch"
              + " (goal %,.0f ms for ~%,.0f; the phase whose batches come nearest that)%n", batchCost.targetRate(),
          batchCost.batchMillis().p50(), batchCost.batchMillis().p95(), batchCost.rowsPerBatch(), GOAL_BATCH_MILLIS,
          GOAL_BATCH_ROWS);
    }
    out.printf("latency: highest rate kept up %,.0f events/s; p99 at 50k events/s %s (goal %,.0f ms), at 2k"
            + " events/s %s (goal %,.0f ms); %s, %s%n", sustained, millis(p99AtGoal), GOAL_P99_MILLIS,
        millis(p99AtTrickle), TRICKLE_GOAL_P99_MILLIS, file, plot);
  }

  private static Double p99At(LatencyRun.Result result, double rate) {
    return result.phases().stream().filter(p -> p.targetRate() == rate).map(p -> p.latencyMillis().p99())
        .findFirst().orElse(null);
  }

  private static String millis(Double value) {
    return value == null ? "not measured" : String.format("%,.0f ms", value);
  }

  static void footprint(LatencyPlan plan, LatencyRun.Result result, PrintStream out) throws IOException {
    Map<String, Object> usage = footprint(result.footprint());
    BenchReport report = new BenchReport("footprint").put("topic", result.topic()).put("settings", settings(plan))
        .put("rss_mib", usage);
    Path file = report.write(plan.results());
    Map<String, Double> peaks = new LinkedHashMap<>();
    result.footprint().forEach((name, u) -> peaks.put(name, u.peakMiB()));
    Path plot = Charts.bars(BenchReport.sibling(file, ".png"), "Peak RSS during the latency run, "
        + report.when(), "MiB", peaks);
    double total = 0;
    for (Map.Entry<String, Footprint.Usage> e : result.footprint().entrySet()) {
      out.printf("footprint: %-28s peak %,6.0f MiB  mean %,6.0f MiB%n", e.getKey(), e.getValue().peakMiB(),
          e.getValue().meanMiB());
      total += e.getValue().peakMiB();
    }
    out.printf("footprint: sum of peaks %,.0f MiB; %s, %s%n", total, file, plot);
  }

  private static Map<String, Object> footprint(Map<String, Footprint.Usage> usage) {
    Map<String, Object> json = new LinkedHashMap<>();
    usage.forEach((name, u) -> json.put(name, Map.of("peak", Math.round(u.peakMiB()), "mean",
        Math.round(u.meanMiB()), "samples", u.samples())));
    return json;
  }

  private static Map<String, Object> settings(LatencyPlan plan) {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("job", plan.job());
    settings.put("phase", ValueType.DURATION.format(plan.phase()));
    settings.put("warmup", ValueType.DURATION.format(plan.warmup()));
    settings.put("partitions", plan.partitions());
    settings.put("trigger", ValueType.DURATION.format(plan.trigger()));
    settings.put("shuffle_partitions", plan.shufflePartitions());
    settings.put("max_offsets_per_trigger", plan.maxOffsetsPerTrigger());
    settings.put("job_heap", plan.jobHeap());
    settings.put("spark_conf", plan.sparkConf());
    settings.put("job_settings", plan.jobSettings());
    settings.put("generate_threads", plan.generateThreads());
    settings.put("producer_linger", ValueType.DURATION.format(plan.producerLinger()));
    settings.put("kept_up_means", "generator reached 95% of the rate and the job read every event within "
        + LatencyRun.KEPT_UP_LAG.toSeconds() + " s of the generator's stop");
    return settings;
  }
}
