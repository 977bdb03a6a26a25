package io.sluice.jobs.metrics.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class SparkMetricsCollectorTest {

  @Test
  void sparkNamesBecomeSnakeCaseWithoutTheAppIdAndSizesInMibBecomeBytes() {
    SparkMetricsCollector.PrometheusName name =
        SparkMetricsCollector.PrometheusName.of("local-1701.driver.BlockManager.memory.maxMem_MB");
    assertThat(name.base()).isEqualTo("spark_block_manager_memory_max_mem_bytes");
    assertThat(name.scale()).isEqualTo(1024 * 1024);
    assertThat(name.instance()).isEqualTo("driver");
    assertThat(SparkMetricsCollector.PrometheusName.of("app-7.driver.spark.streaming.campaign-stats.inputRate-total")
        .gauge()).isEqualTo("spark_streaming_campaign_stats_input_rate_all");
    assertThat(SparkMetricsCollector.PrometheusName.of("app-7.driver.DAGScheduler.job.allJobs").base())
        .isEqualTo("spark_dagscheduler_job_all_jobs");
    SparkMetricsCollector.PrometheusName latency =
        SparkMetricsCollector.PrometheusName.of("app-7.driver.spark.streaming.campaign-stats.latency");
    assertThat(latency.gauge()).isEqualTo("spark_streaming_campaign_stats_latency_seconds");
    assertThat(latency.scale()).isEqualTo(1e-3);
    assertThat(SparkMetricsCollector.PrometheusName.of("no-instance")).isNull();
  }

  @Test
  void everyKindOfSparkMetricIsScrapedUnderItsPrometheusName() {
    MetricRegistry registry = new MetricRegistry();
    registry.register("app-1.driver.BlockManager.memory.memUsed_MB", (Gauge<Long>) () -> 3L);
    registry.register("app-1.driver.Streaming.status", (Gauge<String>) () -> "not a number");
    registry.register("app-1.driver.Broken.gauge", (Gauge<Long>) () -> {
      throw new IllegalStateException("a gauge that fails");
    });
    registry.counter("app-1.driver.HiveExternalCatalog.fileCacheHits").inc(5);
    registry.timer("app-1.driver.DAGScheduler.messageProcessingTime").update(Duration.ofMillis(250));
    new SparkMetricsSink(new Properties(), registry);

    String scrape = PrometheusTextFormatWriter.create().toDebugString(new SparkMetricsCollector().collect());
    assertThat(scrape)
        .contains("spark_block_manager_memory_mem_used_bytes{spark_instance=\"driver\"} 3145728.0")
        .contains("spark_hive_external_catalog_file_cache_hits_total{spark_instance=\"driver\"} 5.0")
        .contains("# TYPE spark_dagscheduler_message_processing_time_seconds summary")
        .contains("spark_dagscheduler_message_processing_time_seconds_count{spark_instance=\"driver\"} 1")
        .contains("spark_dagscheduler_message_processing_time_seconds_sum{spark_instance=\"driver\"} 0.25")
        .doesNotContain("streaming_status").doesNotContain("broken_gauge");
  }
}
