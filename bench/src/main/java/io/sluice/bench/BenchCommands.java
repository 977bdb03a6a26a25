package io.sluice.bench;

import io.sluice.bench.latency.FootprintBenchmark;
import io.sluice.bench.latency.LatencyBenchmark;
import io.sluice.bench.producer.ProducerBenchmark;
import io.sluice.bench.throughput.ThroughputBenchmark;
import io.sluice.config.cli.Cli;
import io.sluice.config.cli.CommandGroup;

/** {@code sluice bench NAME}: each benchmark prints its number beside a reference measured in the same run. */
public final class BenchCommands {

  private BenchCommands() {
  }

  public static void main(String[] args) {
    Cli.main(new CommandGroup("sluice", "Sluice command line.").add(
        new CommandGroup("bench", "Benchmarks, each beside its reference measured in the same run.")
            .add(new ProducerBenchmark()).add(new ThroughputBenchmark()).add(new LatencyBenchmark())
            .add(new FootprintBenchmark())), args);
  }
}
