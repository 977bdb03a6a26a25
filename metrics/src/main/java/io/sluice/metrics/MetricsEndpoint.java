package io.sluice.metrics;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.sluice.config.Config;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A process's {@code GET /metrics}: its own metrics from {@code registry} and the JVM's, in the
 * Prometheus text format, on {@link MetricsSettings#PORT} and {@link MetricsSettings#BIND}. With
 * port 0 there is no endpoint and closing does nothing.
 */
public final class MetricsEndpoint implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(MetricsEndpoint.class);

  private final HTTPServer server;
  private final String url;

  private MetricsEndpoint(HTTPServer server, String url) {
    this.server = server;
    this.url = url;
  }

  /** Serves {@code registry} (with the JVM's metrics added) where {@code config} says; logs the address. */
  public static MetricsEndpoint start(Config config, PrometheusRegistry registry, String what) {
    int port = config.get(MetricsSettings.PORT);
    if (port == 0) {
      return new MetricsEndpoint(null, null);
    }
    String bind = config.get(MetricsSettings.BIND);
    JvmMetrics.builder().register(registry);
    try {
      HTTPServer server = HTTPServer.builder().hostname(bind).port(port).registry(registry).buildAndStart();
      String url = "http://" + bind + ":" + server.getPort() + "/metrics";
      LOG.info("Metrics of {} at {}", what, url);
      return new MetricsEndpoint(server, url);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot serve metrics on " + bind + ":" + port + " (" + MetricsSettings.PORT.flag()
          + ", " + MetricsSettings.BIND.flag() + "): " + e.getMessage(), e);
    }
  }

  /** The endpoint's address, if it serves one. */
  public Optional<String> url() {
    return Optional.ofNullable(url);
  }

  @Override
  public void close() {
    if (server != null) {
      server.close();
    }
  }
}
