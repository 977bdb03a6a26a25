package io.sluice.jobs.metrics;

import io.sluice.metrics.progress.BatchMetrics;
import io.sluice.serde.DecodeException.Reason;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.streaming.StateOperatorProgress;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns each micro-batch's progress into {@link BatchMetrics}: logged one line a batch, handed to
 * the process's {@link JobMetrics} (its Prometheus metrics and progress file) and kept (the last
 * {@value #KEPT}). Decoded events, dead letters and unknown ads come from the executors' counters,
 * late events from the windowing's and from Spark's own watermark filter, each as the difference
 * since the previous batch.
 */
public final class BatchMetricsListener extends StreamingQueryListener {

  private static final Logger LOG = LoggerFactory.getLogger(BatchMetricsListener.class);
  static final int KEPT = 1000;

  private final String job;
  private final JobCounters counters;
  private final JobMetrics metrics;
  private final Deque<BatchMetrics> recent = new ArrayDeque<>();
  private final CountDownLatch terminated = new CountDownLatch(1);
  private long decodedBefore;
  private Map<Reason, Long> deadLettersBefore = new EnumMap<>(Reason.class);
  private long unknownAdsBefore;
  private long lateBefore;

  public BatchMetricsListener(String job, JobCounters counters, JobMetrics metrics) {
    this.job = job;
    this.counters = counters;
    this.metrics = metrics;
  }

  @Override
  public void onQueryStarted(QueryStartedEvent event) {
    LOG.info("{} started (query id {}, run id {})", job, event.id(), event.runId());
    metrics.started();
  }

  @Override
  public void onQueryProgress(QueryProgressEvent event) {
    StreamingQueryProgress p = event.progress();
    long stateRows = 0;
    long late = 0;
    long[] state = new long[4];
    for (StateOperatorProgress op : p.stateOperators()) {
      stateRows += op.numRowsTotal();
      late += op.numRowsDroppedByWatermark();
      state[0] += op.allUpdatesTimeMs();
      state[1] += op.allRemovalsTimeMs();
      state[2] += op.commitTimeMs();
      state[3] += op.memoryUsedBytes();
    }
    Map<Reason, Long> deadByReason = counters.deadLetters().byReason();
    Map<Reason, Long> newDeadLetters = new EnumMap<>(Reason.class);
    long dead = 0;
    for (Map.Entry<Reason, Long> e : deadByReason.entrySet()) {
      long added = e.getValue() - deadLettersBefore.getOrDefault(e.getKey(), 0L);
      dead += added;
      if (added > 0) {
        newDeadLetters.put(e.getKey(), added);
      }
    }
    long decoded = counters.decoded().value();
    long unknown = counters.unknownAds().value();
    long lateNow = counters.late().value();
    late += lateNow - lateBefore;
    lateBefore = lateNow;
    Long duration = p.durationMs().get("triggerExecution");
    String watermark = p.eventTime().getOrDefault("watermark", "");
    BatchMetrics batch = new BatchMetrics(job, p.batchId(), p.numInputRows(), finite(p.inputRowsPerSecond()),
        finite(p.processedRowsPerSecond()), duration == null ? 0 : duration, "1970-01-01T00:00:00.000Z".equals(watermark)
        ? "" : watermark, stateRows, late, dead, unknown - unknownAdsBefore,
        new BatchMetrics.Phases(phase(p, "latestOffset"), phase(p, "queryPlanning"), phase(p, "walCommit"),
            phase(p, "addBatch"), phase(p, "commitOffsets")),
        new BatchMetrics.StateWork(state[0], state[1], state[2], state[3]));
    metrics.batch(batch, decoded - decodedBefore, newDeadLetters);
    deadLettersBefore = deadByReason;
    decodedBefore = decoded;
    unknownAdsBefore = unknown;
    synchronized (recent) {
      recent.addLast(batch);
      if (recent.size() > KEPT) {
        recent.removeFirst();
      }
    }
    LOG.info(batch.describe());
  }

  @Override
  public void onQueryTerminated(QueryTerminatedEvent event) {
    if (event.exception().isDefined()) {
      LOG.error("{} failed: {}", job, event.exception().get());
      metrics.ended(event.exception().get());
    } else {
      LOG.info("{} stopped", job);
      metrics.ended(null);
    }
    terminated.countDown();
  }

  /**
   * Waits until this listener has been told the query ended. Spark delivers listener events in
   * order on its own thread, so by then every batch of the query has been reported; a listener
   * removed sooner would lose the last ones.
   */
  public boolean awaitTermination(Duration timeout) throws InterruptedException {
    return terminated.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The most recent batches, oldest first. */
  public List<BatchMetrics> recent() {
    synchronized (recent) {
      return List.copyOf(recent);
    }
  }

  private static long phase(StreamingQueryProgress p, String name) {
    Long millis = p.durationMs().get(name);
    return millis == null ? 0 : millis;
  }

  private static double finite(double d) {
    return Double.isFinite(d) ? d : 0;
  }
}
