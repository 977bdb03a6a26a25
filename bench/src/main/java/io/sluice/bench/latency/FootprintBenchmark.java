package io.sluice.bench.latency;

import io.sluice.config.ConfigDef;
import io.sluice.config.Setting;
import io.sluice.config.cli.Command;
import io.sluice.config.cli.Invocation;
import java.time.Duration;
import java.util.List;

/** {@code sluice bench footprint}: the memory of every server, the job and the generator under live load. */
public final class FootprintBenchmark implements Command {

  static final Setting<List<Double>> RATES = LatencyPlan.rates(List.of(50_000.0));
  static final Setting<Duration> PHASE = LatencyPlan.phase(Duration.ofMinutes(1));

  @Override
  public String name() {
    return "footprint";
  }

  @Override
  public String summary() {
    return "Peak and mean RSS of Kafka, the registry, Cassandra, the job and the generator during a latency run.";
  }

  @Override
  public ConfigDef settings() {
    return LatencyPlan.settings(RATES, PHASE);
  }

  @Override
  public int run(Invocation inv) throws Exception {
    LatencyPlan plan = LatencyPlan.from(inv.config(), RATES, PHASE);
    LatencyReports.footprint(plan, new LatencyRun(plan, inv.err()).run(), inv.out());
    return 0;
  }
}
