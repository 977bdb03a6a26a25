package io.sluice.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.config.Config;
import io.sluice.config.SharedSettings;
import io.sluice.dashboard.DashboardMain;
import io.sluice.query.UniqueUsers;
import io.sluice.query.UniqueUsersQuery;
import io.sluice.schemas.cql.CassandraSessions;
import io.sluice.stack.LocalStack;
import io.sluice.stack.StackEndpoints;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * The demo as a newcomer runs it, in a JVM of its own with a stack of its own: a replay of the
 * sample that ends with the verdict MATCH, the dashboard over what the replay wrote (its JSON
 * exactly what Cassandra holds, its page as a real headless Chromium renders it), then a live
 * minute of generated events with the dashboard the demo serves.
 */
class DemoIT {

  static final Path HOME = Path.of(System.getProperty("sluice.home", ".."));
  static final Path STATE = Path.of(System.getProperty("sluice.test.state.dir", "target/test-stack")).resolve("demo")
      .toAbsolutePath();
  static final Path SAMPLES = HOME.resolve("samples");
  /** The sample's events span [00:00:00, 00:06:40) of this day. */
  static final Instant SAMPLE_END = Instant.parse("2026-01-01T00:06:40Z");
  static final Instant SAMPLE_FROM = Instant.parse("2026-01-01T00:00:00Z");
  static final Instant SAMPLE_TO = Instant.parse("2026-01-01T00:07:00Z");
  private static final Pattern KEYSPACE = Pattern.compile("seeded into (\\w+)\\.ads");
  private static final Pattern URL = Pattern.compile("dashboard: (http://\\S+/)");
  private static final Pattern TOP_ROW = Pattern.compile("data-campaign-id=\"([^\"]+)\" data-views=\"(\\d+)\"");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HeadlessChromium chromium = new HeadlessChromium(Path.of("target", "chromium"));

  @Test
  void replayingTheSampleEndsWithAMatchAndALiveRunProcessesEvents() throws Exception {
    try {
      List<String> replay = demo("replay", "--replay", SAMPLES.resolve("events.jsonl").toString(),
          "--expected", SAMPLES.resolve("expected").toString(), "--keep-stack", "--dashboard-port", "0");
      assertThat(replay).anyMatch(line -> line.startsWith("verdict: MATCH"));
      assertThat(replay).anyMatch(line -> URL.matcher(line).find());
      String keyspace = replay.stream().map(KEYSPACE::matcher).filter(Matcher::find).findFirst()
          .orElseThrow().group(1);
      StackEndpoints stack = new LocalStack(STATE, System.err::println).runningEndpoints().orElseThrow();
      dashboardOverTheReplay(stack, keyspace);

      List<String> live = liveDemoWithItsDashboard(stack);
      assertThat(live).anyMatch(line -> line.matches("summary: [\\d,]+ events produced.*") && !line.startsWith(
          "summary: 0 events"));
      assertThat(live).anyMatch(line -> line.matches("summary: campaign-stats read [1-9][\\d,]* records.*"));
      assertThat(live).anyMatch(line -> line.matches("summary: [1-9][\\d,]* rows in campaign_window_counts,"
          + " [1-9][\\d,]* in campaign_minute_stats"));
      // The view shows a window once it is written after its end; after the catch-up the summary always can,
      // and tells how much of that wait came after the window's last view was sent.
      assertThat(live).anyMatch(line -> line.matches("summary: newest complete window \\[.*\\) written [\\d,]+ ms"
          + " after its end, [\\d,]+ ms after its last view was sent; top campaign .* with [1-9][\\d,]* views"));
    } finally {
      // The live run stops the stack itself; this is for a run that failed before it.
      new LocalStack(STATE, System.err::println).down(false);
    }
  }

  /**
   * 'sluice dashboard' over the replay's keyspace: each JSON endpoint answers what Cassandra holds
   * (and the sample's expected aggregates say), and Chromium renders the same on the page.
   */
  private void dashboardOverTheReplay(StackEndpoints stack, String keyspace) throws Exception {
    Process dashboard = startDashboard(stack, keyspace);
    try (CqlSession session = cassandra(stack)) {
      String url = awaitUrl(Path.of("target", "dashboard.log"), dashboard);

      // Top campaigns of the newest complete window as of the sample's end: [00:06:30, 00:06:40).
      JsonNode top = get(url + "api/top?at=" + SAMPLE_END + "&limit=1000").path("window");
      Instant windowStart = Instant.parse("2026-01-01T00:06:30Z");
      assertThat(top.path("window_start").asText()).isEqualTo(windowStart.toString());
      List<String> expectedTop = expectedWindow(windowStart);
      assertThat(campaignViews(top.path("campaigns"))).isEqualTo(expectedTop)
          .isEqualTo(cassandraWindow(session, keyspace, windowStart));

      // The campaign list is the newest complete minute's campaigns; the top one's minutes over the range.
      JsonNode list = get(url + "api/campaigns?at=" + SAMPLE_END);
      assertThat(list.path("minute_start").asText()).isEqualTo("2026-01-01T00:05:00Z");
      String campaign = list.path("campaigns").get(0).path("campaign_id").asText();
      JsonNode range = get(url + "api/campaigns/" + campaign + "/minutes?from=" + SAMPLE_FROM + "&to=" + SAMPLE_TO);
      List<String> minutes = new ArrayList<>();
      range.path("minutes").forEach(m -> minutes.add(String.join(",", campaign, m.path("start").asText(),
          Instant.parse(m.path("start").asText()).plusSeconds(60).toString(), m.path("views").asText(),
          m.path("clicks").asText(), m.path("purchases").asText(), m.path("unique_users").asText(),
          Double.toString(m.path("ctr").asDouble()))));
      assertThat(minutes).isEqualTo(expectedMinutes(campaign));
      UniqueUsers users = new UniqueUsersQuery(session, keyspace).between(campaign, SAMPLE_FROM, SAMPLE_TO);
      assertThat(range.path("unique_users").path("estimate").asLong()).isEqualTo(users.estimate());
      assertThat(range.path("unique_users").path("minutes_merged").asInt()).isEqualTo(minutes.size());

      // The page in a real browser: the same top campaign and count, and one chart point per minute.
      String page = url + "?at=" + SAMPLE_END + "&campaign=" + campaign + "&from=" + SAMPLE_FROM + "&to=" + SAMPLE_TO;
      String dom = chromium.dom(page);
      assertThat(dom).contains("data-ready=\"true\"");
      Matcher first = TOP_ROW.matcher(dom);
      assertThat(first.find()).as("a top campaigns row in the DOM").isTrue();
      assertThat(first.group(1) + "," + first.group(2)).isEqualTo(expectedTop.get(0));
      for (String chart : List.of("counts-chart", "ctr-chart", "users-chart")) {
        assertThat(dom).containsPattern("<canvas id=\"" + chart + "\"[^>]*data-points=\"" + minutes.size() + "\"");
      }
      chromium.screenshot(page, Path.of("target", "dashboard-replay.png"));

      assertThat(getStatus(url + "api/campaigns/not-a-campaign/minutes")).isEqualTo(400);
      assertThat(getStatus(url + "api/top?at=yesterday")).isEqualTo(400);
    } finally {
      dashboard.destroy();
      dashboard.waitFor(30, TimeUnit.SECONDS);
    }
  }

  /**
   * The live demo, with the page it serves loaded in Chromium while it runs: the page's top
   * campaign and its count are Cassandra's for the window the page shows, and its health panel
   * shows the job's input rate from the job's metrics.
   */
  private List<String> liveDemoWithItsDashboard(StackEndpoints stack) throws Exception {
    Path log = Path.of("target", "demo-live.log");
    Process demo = startDemo(log, "--duration", "40s", "--rate", "2000", "--dashboard-port", "0");
    try (CqlSession session = cassandra(stack)) {
      String url = awaitUrl(log, demo);
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
      boolean healthy = false;
      while (!healthy && System.nanoTime() < deadline && demo.isAlive()) {
        JsonNode health = get(url + "api/health");
        healthy = StreamSupport.stream(health.path("jobs").spliterator(), false)
            .anyMatch(j -> j.path("up").asBoolean() && j.path("input_rows_per_second").asDouble() > 0)
            && !health.path("window_latency_millis").isNull();
        Thread.sleep(1000);
      }
      assertThat(healthy).as("the live dashboard's health: a job up with input, a complete window").isTrue();

      String agreed = null;
      for (int attempt = 0; attempt < 3 && agreed == null; attempt++) {
        // A window can still gain an event that arrives late while the page is being read: read again.
        String dom = chromium.dom(url);
        Matcher window = Pattern.compile("id=\"top-window\"[^>]*data-window-start=\"([^\"]+)\"").matcher(dom);
        Matcher first = TOP_ROW.matcher(dom);
        if (window.find() && first.find()) {
          String shown = first.group(1) + "," + first.group(2);
          if (shown.equals(cassandraWindow(session, "sluice", Instant.parse(window.group(1))).get(0))) {
            agreed = shown;
          }
        }
      }
      assertThat(agreed).as("the live page's top campaign and count, as Cassandra holds them").isNotNull();
      chromium.screenshot(url, Path.of("target", "dashboard-live.png"));
    } finally {
      if (!demo.waitFor(10, TimeUnit.MINUTES)) {
        demo.destroy();
        demo.waitFor(60, TimeUnit.SECONDS);
        throw new AssertionError("demo live did not finish in 10 minutes; see " + log);
      }
    }
    assertThat(demo.exitValue()).as("demo live exit code; output in %s", log).isZero();
    return Files.readAllLines(log);
  }

  /** The sample's expected views of the window starting at {@code start}, as "campaign,views", most first. */
  private static List<String> expectedWindow(Instant start) throws IOException {
    return Files.readAllLines(SAMPLES.resolve("expected/campaign_window_counts.csv")).stream().skip(1)
        .map(l -> l.split(",")).filter(f -> f[1].equals(start.toString()))
        .sorted(Comparator.comparingLong((String[] f) -> -Long.parseLong(f[3])).thenComparing(f -> f[0]))
        .map(f -> f[0] + "," + f[3]).toList();
  }

  private static List<String> expectedMinutes(String campaign) throws IOException {
    return Files.readAllLines(SAMPLES.resolve("expected/campaign_minute_stats.csv")).stream().skip(1)
        .filter(l -> l.startsWith(campaign + ",")).sorted().map(l -> {
          String[] f = l.split(",");
          f[7] = Double.toString(Double.parseDouble(f[7]));
          return String.join(",", f);
        }).toList();
  }

  /** The window's rows in Cassandra, read directly, as "campaign,views", most first. */
  private static List<String> cassandraWindow(CqlSession session, String keyspace, Instant start) {
    List<Row> rows = session.execute("SELECT campaign_id, views FROM " + keyspace
        + ".campaign_window_counts_by_window WHERE window_start = ?", start).all();
    return rows.stream().sorted(Comparator.comparingLong((Row r) -> -r.getLong("views"))
        .thenComparing(r -> r.getString("campaign_id"))).map(r -> r.getString("campaign_id") + "," + r.getLong("views"))
        .toList();
  }

  private static CqlSession cassandra(StackEndpoints stack) {
    return CassandraSessions.open(Config.of(SharedSettings.CASSANDRA, Map.of(SharedSettings.CASSANDRA_CONTACT_POINTS,
        stack.cassandraContactPoints(), SharedSettings.CASSANDRA_LOCAL_DC, stack.cassandraLocalDc())));
  }

  private static List<String> campaignViews(JsonNode campaigns) {
    List<String> rows = new ArrayList<>();
    campaigns.forEach(c -> rows.add(c.path("campaign_id").asText() + "," + c.path("views").asLong()));
    return rows;
  }

  private static JsonNode get(String url) throws IOException, InterruptedException {
    HttpResponse<String> response = send(url);
    assertThat(response.statusCode()).as("GET %s: %s", url, response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static int getStatus(String url) throws IOException, InterruptedException {
    return send(url).statusCode();
  }

  private static HttpResponse<String> send(String url) throws IOException, InterruptedException {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Waits until the process's log names its dashboard's address. */
  private static String awaitUrl(Path log, Process process) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    while (System.nanoTime() < deadline) {
      if (Files.exists(log)) {
        Optional<String> url = Files.readAllLines(log).stream().map(URL::matcher).filter(Matcher::find)
            .map(m -> m.group(1)).findFirst();
        if (url.isPresent()) {
          return url.get();
        }
      }
      if (!process.isAlive()) {
        throw new AssertionError("it exited before serving the dashboard; see " + log);
      }
      Thread.sleep(250);
    }
    throw new AssertionError("no dashboard address in " + log);
  }

  /** 'sluice dashboard' in a JVM of its own against the stack, on a free port. */
  private static Process startDashboard(StackEndpoints stack, String keyspace) throws IOException {
    Path log = Path.of("target", "dashboard.log");
    Files.deleteIfExists(log);
    ProcessBuilder builder = new ProcessBuilder(java(), "-Xmx256m", "-cp", System.getProperty("java.class.path"),
        DashboardMain.class.getName(), "dashboard", "--port", "0", "--cassandra-keyspace", keyspace)
        .redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(stack.asEnvironment());
    return builder.start();
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static Process startDemo(Path log, String... args) throws IOException {
    List<String> argv = new ArrayList<>(List.of(java(), "-Xmx512m", "-Dsluice.home=" + HOME.toAbsolutePath(),
        "-cp", System.getProperty("java.class.path"), DemoMain.class.getName(), "demo", "--state-dir",
        STATE.toString()));
    argv.addAll(List.of(args));
    return new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  /** Runs 'sluice demo' with the test's state folder; returns its output, failing on a non-zero exit. */
  private static List<String> demo(String name, String... args) throws IOException, InterruptedException {
    Path log = Path.of("target", "demo-" + name + ".log");
    Process process = startDemo(log, args);
    if (!process.waitFor(10, TimeUnit.MINUTES)) {
      process.destroy();
      process.waitFor(60, TimeUnit.SECONDS);
      throw new AssertionError("demo " + name + " did not finish in 10 minutes; see " + log);
    }
    assertThat(process.exitValue()).as("demo %s exit code; output in %s", name, log).isZero();
    return Files.readAllLines(log);
  }
}
