package io.sluice.bench.latency;

import io.sluice.config.ConfigDef;
import io.sluice.config.Setting;
import io.sluice.config.cli.Command;
import io.sluice.config.cli.Invocation;
import java.time.Duration;
import java.util.List;

/** {@code sluice bench latency}: window latency percentiles at fixed input rates (the YSB method). */
public final class LatencyBenchmark implements Command {

  static final Setting<List<Double>> RATES = LatencyPlan.rates(List.of(2_000.0, 5_000.0, 50_000.0, 100_000.0));
  static final Setting<Duration> PHASE = LatencyPlan.phase(Duration.ofMinutes(2));

  @Override
  public String name() {
    return "latency";
  }

  @Override
  public String summary() {
    return "Window latency p50/p95/p99/max of a job at fixed input rates, the highest rate it keeps up with"
        + " and the per-batch cost at the rate whose batches come nearest 1,000 events (goals: p99 <= 1 s at"
        + " 50k events/s and <= 0.5 s at 2k; a batch of ~1,000 events <= 150 ms); also records the footprint.";
  }

  @Override
  public String description() {
    return summary() + " The Yahoo Streaming Benchmark method: latency = updated_at - window_end of each"
        + " campaign's 10-second window. Uses the running local stack, or starts one and stops it at the end.";
  }

  @Override
  public ConfigDef settings() {
    return LatencyPlan.settings(RATES, PHASE);
  }

  @Override
  public int run(Invocation inv) throws Exception {
    LatencyPlan plan = LatencyPlan.from(inv.config(), RATES, PHASE);
    LatencyRun.Result result = new LatencyRun(plan, inv.err()).run();
    LatencyReports.latency(plan, result, inv.out());
    LatencyReports.footprint(plan, result, inv.out());
    return 0;
  }
}
