package io.sluice.ingest.metrics;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.sluice.config.Config;
import io.sluice.ingest.sink.EventSink;
import io.sluice.metrics.MetricsEndpoint;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A producer's metrics, read from its sink at each scrape: records sent (confirmed written), send
 * errors, and the send rate over the last {@value #RATE_WINDOW_SECONDS} seconds. Every metric
 * carries the command ({@code generate}, {@code replay}) as the label {@code command}.
 */
public final class ProducerMetrics implements AutoCloseable {

  static final int RATE_WINDOW_SECONDS = 5;

  private final MetricsEndpoint endpoint;
  private final ScheduledExecutorService sampler;

  private ProducerMetrics(MetricsEndpoint endpoint, ScheduledExecutorService sampler) {
    this.endpoint = endpoint;
    this.sampler = sampler;
  }

  /** Serves {@code sink}'s metrics where {@code config} says (nothing with metrics.port 0). */
  public static ProducerMetrics serve(Config config, String command, EventSink sink) {
    PrometheusRegistry registry = new PrometheusRegistry();
    CounterWithCallback.builder().name("sluice_producer_records_sent_total")
        .help("Events the producer has had confirmed written.").labelNames("command")
        .callback(callback -> callback.call(sink.written(), command)).register(registry);
    CounterWithCallback.builder().name("sluice_producer_send_errors_total")
        .help("Events whose send failed.").labelNames("command")
        .callback(callback -> callback.call(sink.failed(), command)).register(registry);
    Deque<long[]> samples = new ArrayDeque<>();
    GaugeWithCallback.builder().name("sluice_producer_records_per_second")
        .help("Events written per second over the last " + RATE_WINDOW_SECONDS + " s.").labelNames("command")
        .callback(callback -> callback.call(rate(samples), command)).register(registry);
    MetricsEndpoint endpoint = MetricsEndpoint.start(config, registry, command);
    ScheduledExecutorService sampler = null;
    if (endpoint.url().isPresent()) {
      sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "sluice-producer-rate");
        thread.setDaemon(true);
        return thread;
      });
      sampler.scheduleAtFixedRate(() -> sample(samples, sink.written()), 0, 1, TimeUnit.SECONDS);
    }
    return new ProducerMetrics(endpoint, sampler);
  }

  private static void sample(Deque<long[]> samples, long written) {
    synchronized (samples) {
      samples.addLast(new long[] {System.nanoTime(), written});
      while (samples.size() > RATE_WINDOW_SECONDS + 1) {
        samples.removeFirst();
      }
    }
  }

  private static double rate(Deque<long[]> samples) {
    synchronized (samples) {
      if (samples.size() < 2) {
        return 0;
      }
      long[] first = samples.getFirst();
      long[] last = samples.getLast();
      return (last[1] - first[1]) * 1e9 / Math.max(1, last[0] - first[0]);
    }
  }

  @Override
  public void close() {
    if (sampler != null) {
      sampler.shutdownNow();
    }
    endpoint.close();
  }
}
