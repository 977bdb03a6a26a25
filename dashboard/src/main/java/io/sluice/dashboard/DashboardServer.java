package io.sluice.dashboard;

import com.datastax.oss.driver.api.core.CqlSession;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import io.sluice.config.Config;
import io.sluice.config.ConfigException;
import io.sluice.config.SharedSettings;
import io.sluice.dashboard.api.DashboardApi;
import io.sluice.dashboard.health.PipelineHealth;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard's HTTP server (Javalin): the page and its scripts from the jar, and the JSON
 * endpoints of {@link DashboardApi}. A bad parameter is answered 400 with a message naming it.
 */
public final class DashboardServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DashboardServer.class);
  static final String WEB = "/io/sluice/dashboard/web";
  private static final int DEFAULT_LIMIT = 10;
  private static final ObjectMapper JSON = new ObjectMapper()
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .setSerializationInclusion(JsonInclude.Include.ALWAYS);

  private final Javalin app;
  private final String url;

  private DashboardServer(Javalin app, String url) {
    this.app = app;
    this.url = url;
  }

  /** Serves the dashboard over {@code session} where {@code config} says (DashboardSettings). */
  public static DashboardServer start(CqlSession session, Config config) {
    DashboardApi api = new DashboardApi(session, config.get(SharedSettings.CASSANDRA_KEYSPACE),
        PipelineHealth.of(config.get(DashboardSettings.JOB_METRICS)));
    Javalin app = Javalin.create(javalin -> {
      javalin.showJavalinBanner = false;
      javalin.staticFiles.add(files -> {
        files.hostedPath = "/";
        files.directory = WEB;
        files.location = Location.CLASSPATH;
      });
    });
    app.get("/healthz", ctx -> ctx.result("ok"));
    app.get("/api/top", ctx -> json(ctx, api.top(instant(ctx, "at", Instant.now()), limit(ctx))));
    app.get("/api/campaigns", ctx -> json(ctx, api.campaigns(instant(ctx, "at", Instant.now()))));
    app.get("/api/campaigns/{id}/minutes", ctx -> {
      Instant to = instant(ctx, "to", Instant.now());
      json(ctx, api.campaign(ctx.pathParam("id"), instant(ctx, "from", to.minus(Duration.ofHours(1))), to));
    });
    app.get("/api/health", ctx -> json(ctx, api.health(instant(ctx, "at", Instant.now()))));
    app.exception(IllegalArgumentException.class, (e, ctx) -> {
      ctx.status(400);
      json(ctx, Map.of("error", Objects.toString(e.getMessage(), e.getClass().getSimpleName())));
    });
    app.exception(Exception.class, (e, ctx) -> {
      LOG.warn("{} {} failed", ctx.method(), ctx.path(), e);
      ctx.status(503);
      json(ctx, Map.of("error", e.getClass().getSimpleName() + ": " + Objects.toString(e.getMessage(), "")));
    });
    String bind = config.get(DashboardSettings.BIND);
    int port = config.get(DashboardSettings.PORT);
    try {
      app.start(bind, port);
    } catch (RuntimeException e) {
      app.stop();
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new ConfigException("Cannot serve the dashboard on " + bind + ":" + port + " (" + DashboardSettings.BIND.flag()
          + ", " + DashboardSettings.PORT.flag() + "): " + cause.getMessage());
    }
    String url = "http://" + bind + ":" + app.port() + "/";
    LOG.info("Dashboard at {}", url);
    return new DashboardServer(app, url);
  }

  public String url() {
    return url;
  }

  public int port() {
    return app.port();
  }

  private static void json(Context ctx, Object body) {
    try {
      ctx.contentType("application/json").result(JSON.writeValueAsString(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write the answer as JSON", e);
    }
  }

  /** An ISO-8601 instant or epoch milliseconds; {@code otherwise} when the parameter is absent. */
  static Instant instant(Context ctx, String name, Instant otherwise) {
    return instant(name, ctx.queryParam(name), otherwise);
  }

  static Instant instant(String name, String value, Instant otherwise) {
    if (value == null || value.isBlank()) {
      return otherwise;
    }
    try {
      return value.chars().allMatch(Character::isDigit) ? Instant.ofEpochMilli(Long.parseLong(value))
          : Instant.parse(value);
    } catch (DateTimeParseException | NumberFormatException e) {
      throw new IllegalArgumentException("parameter '" + name + "': '" + value
          + "' is neither an ISO-8601 instant (2026-01-01T00:00:00Z) nor epoch milliseconds");
    }
  }

  private static int limit(Context ctx) {
    return limit(ctx.queryParam("limit"));
  }

  static int limit(String value) {
    if (value == null) {
      return DEFAULT_LIMIT;
    }
    try {
      int limit = Integer.parseInt(value);
      if (limit >= 1 && limit <= 1_000) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // named below
    }
    throw new IllegalArgumentException("parameter 'limit': '" + value + "' is not a number from 1 to 1000");
  }

  @Override
  public void close() {
    app.stop();
  }
}
