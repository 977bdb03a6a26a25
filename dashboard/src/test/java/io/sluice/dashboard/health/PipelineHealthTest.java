package io.sluice.dashboard.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.sluice.config.ConfigException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PipelineHealthTest {

  private static final String SCRAPE = """
      sluice_input_rows_total{sluice_job="campaign-stats"} 100.0
      sluice_input_rows_per_second{sluice_job="campaign-stats"} 250.0
      sluice_dead_letters_total{reason="corrupt-body",sluice_job="campaign-stats"} 2.0
      sluice_watermark_lag_seconds{sluice_job="campaign-stats"} 61.5
      """;

  @Test
  void readsEachJobsEndpointAndOnesFoundBySrvAndSaysWhichAreDown() throws Exception {
    HttpServer job = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    job.createContext("/metrics", exchange -> {
      byte[] body = SCRAPE.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    job.start();
    try {
      int port = job.getAddress().getPort();
      SrvResolver srv = name -> name.equals("_metrics._campaign-stats-sluice._tcp.marathon.mesos")
          ? List.of(InetSocketAddress.createUnresolved("127.0.0.1", port)) : List.of();
      PipelineHealth health = new PipelineHealth(List.of(URI.create("http://127.0.0.1:" + port + "/metrics"),
          URI.create("srv://_metrics._campaign-stats-sluice._tcp.marathon.mesos/metrics"),
          URI.create("srv://_metrics._nothing._tcp.marathon.mesos/metrics"),
          URI.create("http://127.0.0.1:1/metrics")), srv);

      List<PipelineHealth.JobHealth> jobs = health.read();
      assertThat(jobs).hasSize(4);
      for (PipelineHealth.JobHealth up : jobs.subList(0, 2)) {
        assertThat(up.up()).isTrue();
        assertThat(up.endpoint()).isEqualTo("http://127.0.0.1:" + port + "/metrics");
        assertThat(up.jobs()).containsExactly("campaign-stats");
        assertThat(up.inputRowsPerSecond()).isEqualTo(250);
        assertThat(up.deadLetters()).isEqualTo(2);
        assertThat(up.watermarkLagSeconds()).isEqualTo(61.5);
        assertThat(up.lastBatchTimestampSeconds()).isNull();
      }
      assertThat(jobs.get(2).up()).isFalse();
      assertThat(jobs.get(2).error()).isEqualTo("no SRV record");
      assertThat(jobs.get(3).up()).isFalse();
      assertThat(jobs.get(3).error()).contains("ConnectException");
    } finally {
      job.stop(0);
    }
  }

  @Test
  void anEndpointThatIsNotAUrlIsRefusedNamingTheSetting() {
    assertThat(PipelineHealth.of(" ").read()).isEmpty();
    assertThatThrownBy(() -> PipelineHealth.of("campaign-stats:9400"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("job-metrics (--job-metrics)")
        .hasMessageContaining("'campaign-stats:9400'");
  }
}
