package io.sluice.dashboard.health;

import io.sluice.config.ConfigException;
import io.sluice.dashboard.DashboardSettings;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javax.naming.NamingException;

/**
 * The pipeline's health as the jobs' own metrics endpoints tell it: each job's input rate, dead
 * letters and watermark lag, read from a fresh scrape of each endpoint.
 */
public final class PipelineHealth {

  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  private final List<URI> endpoints;
  private final SrvResolver srv;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

  /**
   * Scrapes {@code endpoints}: http(s) URLs, or {@code srv://NAME/PATH}, which stands for
   * {@code http://HOST:PORT/PATH} of every target that {@code srv} finds for the SRV name NAME at
   * each read (a job whose port Marathon chose, found through Mesos-DNS).
   */
  public PipelineHealth(List<URI> endpoints, SrvResolver srv) {
    this.endpoints = List.copyOf(endpoints);
    this.srv = srv;
  }

  /** From the comma-separated list of the job-metrics setting; a URL that is not http(s) is refused by name. */
  public static PipelineHealth of(String urls) {
    List<URI> endpoints = new ArrayList<>();
    for (String url : urls.split(",")) {
      if (url.isBlank()) {
        continue;
      }
      URI uri;
      try {
        uri = new URI(url.trim());
      } catch (URISyntaxException e) {
        throw notAnEndpoint(url, e.getMessage());
      }
      if (!List.of("http", "https", "srv").contains(uri.getScheme()) || uri.getAuthority() == null) {
        throw notAnEndpoint(url, "give http://HOST:PORT/metrics, or srv://SRV-NAME/metrics");
      }
      endpoints.add(uri);
    }
    return new PipelineHealth(endpoints, SrvResolver.system());
  }

  private static ConfigException notAnEndpoint(String url, String why) {
    return new ConfigException("Invalid value '" + url.trim() + "' in " + DashboardSettings.JOB_METRICS.name()
        + " (" + DashboardSettings.JOB_METRICS.flag() + "): not a metrics endpoint URL: " + why);
  }

  /** One job's endpoint as last scraped; the numbers are null when it could not be read. */
  public record JobHealth(String endpoint, boolean up, String error, List<String> jobs, Double inputRowsPerSecond,
                          Double deadLetters, Double watermarkLagSeconds, Double lastBatchTimestampSeconds) {
  }

  /** Scrapes every endpoint at once, so that one slow job costs the answer one timeout, not one each. */
  public List<JobHealth> read() {
    List<CompletableFuture<JobHealth>> scrapes = new ArrayList<>();
    for (URI configured : endpoints) {
      if (!"srv".equals(configured.getScheme())) {
        scrapes.add(scrape(configured));
        continue;
      }
      try {
        List<InetSocketAddress> targets = srv.resolve(configured.getAuthority());
        if (targets.isEmpty()) {
          scrapes.add(CompletableFuture.completedFuture(down(configured, "no SRV record")));
        }
        for (InetSocketAddress target : targets) {
          scrapes.add(scrape(URI.create("http://" + target.getHostString() + ":" + target.getPort()
              + configured.getRawPath())));
        }
      } catch (NamingException | RuntimeException e) {
        scrapes.add(CompletableFuture.completedFuture(down(configured, "SRV lookup failed: " + e)));
      }
    }
    return scrapes.stream().map(CompletableFuture::join).toList();
  }

  private CompletableFuture<JobHealth> scrape(URI endpoint) {
    return http.sendAsync(HttpRequest.newBuilder(endpoint).timeout(TIMEOUT).build(),
            HttpResponse.BodyHandlers.ofString())
        .handle((response, error) -> error != null ? down(endpoint, describe(error)) : read(endpoint, response));
  }

  private static String describe(Throwable error) {
    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
  }

  private static JobHealth read(URI endpoint, HttpResponse<String> response) {
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
  }

  private static JobHealth down(URI endpoint, String error) {
    return new JobHealth(endpoint.toString(), false, error, List.of(), null, null, null, null);
  }
}
