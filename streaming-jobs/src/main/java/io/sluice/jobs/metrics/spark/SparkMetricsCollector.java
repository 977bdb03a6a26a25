package io.sluice.jobs.metrics.spark;

import com.codahale.metrics.Counting;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.Histogram;
import com.codahale.metrics.Metric;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Snapshot;
import com.codahale.metrics.Timer;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Quantile;
import io.prometheus.metrics.model.snapshots.Quantiles;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spark's own metrics (its Dropwizard registry: block manager, DAG scheduler, listener bus, JVM,
 * executor memory, and the streaming query's rates and latency) as Prometheus metrics named
 * {@code spark_<source>_<metric>} in snake case. Spark names a metric
 * {@code <app id>.<instance>.<source>.<metric>}; the app id changes with every run, so it is left
 * out. Sizes in MiB become bytes, the streaming query's latency and watermark (milliseconds)
 * seconds, timers summaries in seconds, histograms summaries, meters and
 * counters counters; gauges that are not numbers are left out.
 */
public final class SparkMetricsCollector implements MultiCollector {

  private static final Logger LOG = LoggerFactory.getLogger(SparkMetricsCollector.class);
  private static final double MIB = 1024 * 1024;

  @Override
  public MetricSnapshots collect() {
    MetricRegistry registry = SparkMetricsSink.registry();
    if (registry == null) {
      return new MetricSnapshots();
    }
    List<MetricSnapshot> snapshots = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (Map.Entry<String, Metric> entry : registry.getMetrics().entrySet()) {
      try {
        MetricSnapshot snapshot = snapshot(entry.getKey(), entry.getValue());
        if (snapshot != null && names.add(snapshot.getMetadata().getPrometheusName())) {
          snapshots.add(snapshot);
        }
      } catch (RuntimeException e) {
        // One gauge that throws, or a name Prometheus refuses, must not cost the whole scrape.
        LOG.debug("Leaving out Spark metric {}: {}", entry.getKey(), e.toString());
      }
    }
    return new MetricSnapshots(snapshots);
  }

  private static MetricSnapshot snapshot(String sparkName, Metric metric) {
    PrometheusName name = PrometheusName.of(sparkName);
    if (name == null) {
      return null;
    }
    String help = "Spark metric " + sparkName.substring(sparkName.indexOf('.') + 1);
    Labels labels = Labels.of("spark_instance", name.instance());
    if (metric instanceof Gauge<?> gauge) {
      Object value = gauge.getValue();
      if (!(value instanceof Number number)) {
        return null;
      }
      return GaugeSnapshot.builder().name(name.gauge()).help(help)
          .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().value(number.doubleValue() * name.scale())
              .labels(labels).build()).build();
    }
    if (metric instanceof Timer timer) {
      return summary(name.base() + "_seconds", help, labels, timer.getCount(), timer.getSnapshot(), 1e-9);
    }
    if (metric instanceof Histogram histogram) {
      return summary(name.base(), help, labels, histogram.getCount(), histogram.getSnapshot(), 1);
    }
    if (metric instanceof Counting counting) {
      return CounterSnapshot.builder().name(name.counter()).help(help + " (count)")
          .dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().value(counting.getCount())
              .labels(labels).build()).build();
    }
    return null;
  }

  private static SummarySnapshot summary(String name, String help, Labels labels, long count, Snapshot snapshot,
                                         double scale) {
    return SummarySnapshot.builder().name(name).help(help).dataPoint(SummarySnapshot.SummaryDataPointSnapshot.builder()
        .count(count).sum(snapshot.getMean() * count * scale)
        .quantiles(Quantiles.of(new Quantile(0.5, snapshot.getMedian() * scale),
            new Quantile(0.99, snapshot.get99thPercentile() * scale)))
        .labels(labels).build()).build();
  }

  /** A Spark metric's name, as Prometheus conventions want it. */
  record PrometheusName(String instance, String base, double scale) {

    /** Null for a name not of the form {@code <app id>.<instance>.<source>.<metric>}. */
    static PrometheusName of(String sparkName) {
      String[] parts = sparkName.split("\\.", 3);
      if (parts.length < 3) {
        return null;
      }
      // Spark's streaming query source is "spark.streaming.<query>": one "spark" is enough.
      String name = snakeCase(parts[2].startsWith("spark.") ? parts[2].substring("spark.".length()) : parts[2]);
      double scale = 1;
      if (name.endsWith("_mb")) {
        name = name.substring(0, name.length() - 3) + "_bytes";
        scale = MIB;
      } else if (name.endsWith("_latency")) {
        // The streaming query source's milliseconds.
        name = name + "_seconds";
        scale = 1e-3;
      } else if (name.endsWith("_event_time_watermark")) {
        name = name + "_timestamp_seconds";
        scale = 1e-3;
      }
      return new PrometheusName(parts[1], "spark_" + name, scale);
    }

    String gauge() {
      // A gauge's name must not end as a counter's does.
      return base.endsWith("_total") ? base.substring(0, base.length() - "_total".length()) + "_all" : base;
    }

    String counter() {
      // The exposition adds the suffix.
      return base.endsWith("_total") ? base.substring(0, base.length() - "_total".length()) : base;
    }

    static String snakeCase(String name) {
      StringBuilder out = new StringBuilder();
      char previous = '_';
      for (char c : name.toCharArray()) {
        char next;
        if (Character.isUpperCase(c)) {
          if (Character.isLowerCase(previous) || Character.isDigit(previous)) {
            out.append('_');
          }
          next = Character.toLowerCase(c);
        } else if (Character.isLetterOrDigit(c) && c < 128) {
          next = c;
        } else {
          next = '_';
        }
        if (!(next == '_' && (out.isEmpty() || out.charAt(out.length() - 1) == '_'))) {
          out.append(next);
        }
        previous = c;
      }
      while (!out.isEmpty() && out.charAt(out.length() - 1) == '_') {
        out.setLength(out.length() - 1);
      }
      return out.toString();
    }
  }
}
