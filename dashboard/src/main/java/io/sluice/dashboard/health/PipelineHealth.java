package io.sluice.dashboard.health;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The pipeline's health as the jobs' own metrics endpoints tell it: each job's input rate, dead
 * letters and watermark lag, read from a fresh scrape of each endpoint.
 */
public final class PipelineHealth {

  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  private final List<URI> endpoints;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

  public PipelineHealth(List<URI> endpoints) {
    this.endpoints = List.copyOf(endpoints);
  }

  /** From the comma-separated list of the job-metrics setting. */
  public static PipelineHealth of(String urls) {
    return new PipelineHealth(Arrays.stream(urls.split(",")).map(String::trim).filter(s -> !s.isEmpty())
        .map(URI::create).toList());
  }

  /** One job's endpoint as last scraped; the numbers are null when it could not be read. */
  public record JobHealth(String endpoint, boolean up, String error, List<String> jobs, Double inputRowsPerSecond,
                          Double deadLetters, Double watermarkLagSeconds, Double lastBatchTimestampSeconds) {
  }

  public List<JobHealth> read() {
    List<JobHealth> health = new ArrayList<>();
    for (URI endpoint : endpoints) {
      health.add(read(endpoint));
    }
    return health;
  }

  private JobHealth read(URI endpoint) {
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint).timeout(TIMEOUT).build(),
          HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        return down(endpoint, "HTTP " + response.statusCode());
      }
      Exposition scrape = Exposition.parse(response.body());
      return new JobHealth(endpoint.toString(), true, null,
          scrape.labelValues("sluice_input_rows_total", "sluice_job"),
          scrape.sum("sluice_input_rows_per_second"), scrape.sum("sluice_dead_letters_total"),
          scrape.has("sluice_watermark_lag_seconds") ? scrape.sum("sluice_watermark_lag_seconds") : null,
          scrape.has("sluice_last_batch_completed_timestamp_seconds")
              ? scrape.sum("sluice_last_batch_completed_timestamp_seconds") : null);
    } catch (java.io.IOException e) {
      return down(endpoint, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return down(endpoint, "interrupted");
    }
  }

  private static JobHealth down(URI endpoint, String error) {
    return new JobHealth(endpoint.toString(), false, error, List.of(), null, null, null, null);
  }
}
