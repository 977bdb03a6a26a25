package io.sluice.jobs.metrics.spark;

import com.codahale.metrics.MetricRegistry;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.metrics.sink.Sink;

/**
 * A Spark metrics sink that only hands Spark's metric registry over to {@link SparkMetricsCollector},
 * which reads it at each scrape. Spark builds it by reflection from the metrics configuration
 * ({@link #CONF_KEY}), with this constructor.
 */
public final class SparkMetricsSink implements Sink {

  /** The Spark setting that installs this sink in the driver's metrics system. */
  public static final String CONF_KEY = "spark.metrics.conf.driver.sink.sluice.class";

  private static final AtomicReference<MetricRegistry> REGISTRY = new AtomicReference<>();

  public SparkMetricsSink(Properties properties, MetricRegistry registry) {
    REGISTRY.set(registry);
  }

  /** Spark's registry, once Spark has started its metrics system with this sink. */
  static MetricRegistry registry() {
    return REGISTRY.get();
  }

  @Override
  public void start() {
  }

  @Override
  public void stop() {
  }

  @Override
  public void report() {
  }
}
