package io.sluice.bench.throughput;

import io.sluice.stack.job.JobProcess;
import java.util.List;

/**
 * Rows per second over a query's micro-batches after the first, which carries the start-up and the
 * JIT warm-up. With the available-now trigger batches run back to back, so their durations add up
 * to the wall time of the drain.
 */
record SustainedRate(long rows, long millis, int batches) {

  static SustainedRate of(List<JobProcess.Batch> history) {
    List<JobProcess.Batch> counted = history.stream().filter(b -> b.rows() > 0).toList();
    if (counted.size() > 1) {
      counted = counted.subList(1, counted.size());
    }
    return new SustainedRate(counted.stream().mapToLong(JobProcess.Batch::rows).sum(),
        counted.stream().mapToLong(JobProcess.Batch::millis).sum(), counted.size());
  }

  double perSecond() {
    return millis == 0 ? 0 : rows * 1000.0 / millis;
  }
}
