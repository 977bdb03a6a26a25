package io.sluice.demo;

import com.datastax.oss.driver.api.core.CqlSession;
import io.sluice.config.Config;
import io.sluice.config.ConfigDef;
import io.sluice.config.KafkaClientProperties;
import io.sluice.config.Setting;
import io.sluice.config.SharedSettings;
import io.sluice.config.Validator;
import io.sluice.config.ValueType;
import io.sluice.config.cli.Command;
import io.sluice.config.cli.CommandFailedException;
import io.sluice.config.cli.Invocation;
import io.sluice.dashboard.DashboardServer;
import io.sluice.dashboard.DashboardSettings;
import io.sluice.ingest.campaigns.Campaigns;
import io.sluice.ingest.expected.AggregateTables;
import io.sluice.ingest.expected.ExpectedAggregates;
import io.sluice.ingest.expected.Verdict;
import io.sluice.ingest.generate.EventGenerator;
import io.sluice.ingest.generate.EventMix;
import io.sluice.ingest.generate.GenerationLoop;
import io.sluice.ingest.seed.CampaignSeeder;
import io.sluice.ingest.sink.EventSink;
import io.sluice.ingest.sink.ProducerSettings;
import io.sluice.query.TopCampaignsQuery.CampaignViews;
import io.sluice.query.TopCampaignsQuery.Window;
import io.sluice.schemas.cql.CassandraSessions;
import io.sluice.schemas.cql.CqlMigrator;
import io.sluice.schemas.cql.Tables;
import io.sluice.serde.file.EventFile;
import io.sluice.stack.LocalStack;
import io.sluice.stack.SluiceHome;
import io.sluice.stack.StackEndpoints;
import io.sluice.stack.StackSettings;
import io.sluice.stack.job.JobProcess;
import io.sluice.stack.kafka.EventTopics;
import io.sluice.stack.process.Ports;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

/**
 * {@code sluice demo}: the whole pipeline on the local stack. Brings the stack up, applies the
 * schema, seeds the campaigns, starts the job that fills both tables and a live generator (or a
 * replay), shows a live view, and on Ctrl-C or after {@code --duration} stops everything it started.
 */
public final class DemoCommand implements Command {

  static final Setting<Duration> DURATION = Setting.builder("duration", ValueType.DURATION)
      .defaultValue(Duration.ZERO).validator(Validator.atLeast(ValueType.DURATION, Duration.ZERO))
      .doc("Run this long once the jobs are up, print a summary and exit; 0 = until Ctrl-C.").build();
  static final Setting<Double> RATE = Setting.builder("rate", ValueType.DOUBLE).defaultValue(2000.0)
      .validator(Validator.between(1.0, 1e7)).doc("Events per second of the live generator.").build();
  static final Setting<Path> REPLAY = Setting.builder("replay", ValueType.PATH)
      .doc("Replay this event file (JSON Lines or Avro) instead of generating, wait until the jobs have caught"
          + " up, then stop.").build();
  static final Setting<Path> CAMPAIGNS = Setting.builder("campaigns", ValueType.PATH)
      .doc("Campaign CSV to seed. Default: samples/campaigns.csv with --replay, else 100 campaigns of 10 ads drawn"
          + " from seed 42.").build();
  static final Setting<Path> EXPECTED = Setting.builder("expected", ValueType.PATH)
      .doc("With --replay: a folder of expected aggregates (as samples/expected) to compare the tables with;"
          + " a mismatch exits 1.").build();
  static final Setting<Boolean> KEEP_STACK = Setting.builder("keep-stack", ValueType.BOOLEAN).defaultValue(false)
      .doc("Leave the local stack running at the end.").build();
  static final Setting<Duration> REFRESH = Setting.builder("refresh", ValueType.DURATION)
      .defaultValue(Duration.ofSeconds(2)).validator(Validator.atLeast(ValueType.DURATION, Duration.ofMillis(200)))
      .doc("How often the live view is redrawn.").build();
  static final Setting<Duration> CATCH_UP_TIMEOUT = Setting.builder("catch-up-timeout", ValueType.DURATION)
      .defaultValue(Duration.ofMinutes(5))
      .doc("How long the jobs may take to read every event produced, after a replay or at the end of --duration.")
      .build();

  static final Setting<Integer> DASHBOARD_PORT = Setting.builder("dashboard-port", ValueType.INT)
      .defaultValue(DashboardSettings.PORT.defaultValue()).validator(Validator.between(0, 65_535))
      .doc("Port of the web dashboard the demo serves on 127.0.0.1 beside the terminal view; 0 picks a free one.")
      .build();

  // One per core of the jobs' local[2], as the brokers give a topic a producer creates.
  private static final int TOPIC_PARTITIONS = 2;
  private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(4);
  private static final Duration CLEANUP_TIMEOUT = Duration.ofMinutes(3);
  // One query fills both tables: one read, decoding and state instead of two JVMs doing each (see #12).
  static final List<String> JOBS = List.of("campaign-stats");
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

  @Override
  public String name() {
    return "demo";
  }

  @Override
  public String summary() {
    return "Run the whole pipeline on the local stack with a live view; Ctrl-C stops everything.";
  }

  @Override
  public String description() {
    return summary() + " Starts the stack, applies the CQL schema, seeds the campaigns, starts the"
        + " campaign-stats job (both tables from one query, local[2]) and a live generator, and redraws every"
        + " couple of seconds: events produced and processed per second, the last micro-batch, the end-to-end"
        + " latency of the newest complete 10-second window, dead letters, and its top 10 campaigns. It also serves"
        + " the web dashboard (--dashboard-port) and prints its address; the job serves Prometheus metrics. Logs of"
        + " the servers and jobs go under the state folder.";
  }

  @Override
  public ConfigDef settings() {
    return ConfigDef.of(DURATION, RATE, REPLAY, CAMPAIGNS, EXPECTED, KEEP_STACK, REFRESH, CATCH_UP_TIMEOUT,
        DASHBOARD_PORT, StackSettings.STATE_DIR);
  }

  @Override
  public int run(Invocation inv) throws Exception {
    Config config = inv.config();
    Path home = SluiceHome.locate();
    Path stateDir = StackSettings.stateDir(config);
    boolean replay = config.get(REPLAY) != null;
    if (config.get(EXPECTED) != null && !replay) {
      throw new io.sluice.config.ConfigException("--expected compares a replay's results: give --replay FILE too");
    }
    PrintStream out = inv.out();
    LocalStack stack = new LocalStack(stateDir, line -> out.println("stack: " + line));
    StackEndpoints endpoints = stack.up(Config.of(StackSettings.UP, Map.of(StackSettings.STATE_DIR, stateDir)));
    String run = "demo-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
    // A replay is judged against expected rows, so it gets a keyspace of its own; live runs share 'sluice'.
    String keyspace = replay ? run.replace('-', '_') : "sluice";
    List<JobProcess> jobs = new ArrayList<>();
    DashboardServer dashboard = null;
    AtomicBoolean stop = new AtomicBoolean();
    CountDownLatch stopped = new CountDownLatch(1);
    // Ctrl-C: ask the run to stop, and keep the JVM alive until it has stopped the jobs and the stack.
    Thread hook = new Thread(() -> {
      stop.set(true);
      try {
        stopped.await(CLEANUP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "sluice-demo-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    try (CqlSession session = CassandraSessions.open(endpoints.cassandra())) {
      new CqlMigrator(session, keyspace, 1, endpoints.cassandraLocalDc(), line -> out.println("schema: " + line))
          .migrate();
      Campaigns campaigns = campaigns(config, home, replay);
      CampaignSeeder.seed(session, keyspace, campaigns);
      out.printf("campaigns: %d ads of %d campaigns seeded into %s.ads%n", campaigns.size(),
          campaigns.campaignByAd().values().stream().distinct().count(), keyspace);

      EventTopics.create(endpoints, run, TOPIC_PARTITIONS);
      Map<String, String> env = new HashMap<>(endpoints.asEnvironment());
      Map<String, Integer> metricsPorts = new HashMap<>();
      JOBS.forEach(job -> metricsPorts.put(job, Ports.ephemeral("127.0.0.1")));
      // The dashboard first: a port in use stops the demo before any job has started.
      dashboard = DashboardServer.start(session, Config.of(DashboardSettings.ALL, Map.of(DashboardSettings.PORT,
          config.get(DASHBOARD_PORT), SharedSettings.CASSANDRA_KEYSPACE, keyspace, DashboardSettings.JOB_METRICS,
          String.join(",", JOBS.stream().map(job -> metricsUrl(metricsPorts.get(job))).toList()))));
      out.println("dashboard: " + dashboard.url() + " (top campaigns, one campaign's minutes, pipeline health)");
      for (String job : JOBS) {
        Path log = stateDir.resolve("logs").resolve(run + "-" + job + ".log");
        jobs.add(JobProcess.start(home, job, log, List.of("--topic", run, "--cassandra-keyspace", keyspace,
            "--checkpoint-dir", stateDir.resolve("checkpoints").resolve(run).resolve(job).toString(),
            "--trigger", "1s", "--shuffle-partitions", "2", "--metrics-port",
            Integer.toString(metricsPorts.get(job))), env));
        out.println("job: started " + job + ", log " + log + ", metrics " + metricsUrl(metricsPorts.get(job)));
      }
      awaitStarted(out, jobs, stateDir, stop);
      Map<Setting<?>, Object> producerSettings = new HashMap<>(endpoints.settings());
      producerSettings.put(SharedSettings.TOPIC, run);
      Config producer = Config.of(ProducerSettings.KAFKA, producerSettings);
      try (ViewArrivals sink = new ViewArrivals(ProducerSettings.kafkaSink(producer));
           Admin admin = Admin.create(new HashMap<>(KafkaClientProperties.of(endpoints.kafka())))) {
        AtomicLong sent = new AtomicLong();
        AtomicReference<Exception> producerFailure = new AtomicReference<>();
        Thread producing = new Thread(() -> {
          try {
            if (replay) {
              replayFile(config.get(REPLAY), sink, sent, stop);
            } else {
              new GenerationLoop(new EventGenerator(campaigns.adIds(), 10_000, 1_000,
                  EventMix.parse("view=1,click=1,purchase=1"), 0.01, Duration.ofSeconds(5), 0.005, 42), sink, 0, 0,
                  null, config.get(RATE), stop::get, sent::incrementAndGet).run();
            }
            sink.flush();
          } catch (Exception e) {
            producerFailure.set(e);
          }
        }, "sluice-demo-producer");
        producing.start();
        int code = watch(inv, config, run, keyspace, session, admin, jobs, sink, producing, producerFailure, stop,
            replay, stateDir, dashboard.url());
        stop.set(true);
        producing.join();
        if (code == 0 && config.get(EXPECTED) != null) {
          code = judge(out, session, keyspace, config.get(EXPECTED));
        }
        return code;
      }
    } finally {
      try {
        if (dashboard != null) {
          dashboard.close();
        }
        for (JobProcess job : jobs) {
          job.close();
        }
        if (!config.get(KEEP_STACK)) {
          stack.down(false);
        }
      } finally {
        stopped.countDown();
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
          // The JVM is shutting down: nothing to remove.
        }
      }
    }
  }

  /**
   * Waits until the queries run, so that events are not piling up while Spark starts: the live view
   * then shows the pipeline keeping pace, and --duration counts from here.
   */
  private static void awaitStarted(PrintStream out, List<JobProcess> jobs, Path stateDir, AtomicBoolean stop)
      throws Exception {
    long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
    out.println("jobs: waiting for the streaming query to start...");
    while (!jobs.stream().allMatch(JobProcess::started)) {
      if (stop.get()) {
        throw new CommandFailedException("stopped while the jobs were starting", 130, null);
      }
      for (JobProcess job : jobs) {
        job.poll();
        if (!job.isAlive()) {
          throw new CommandFailedException(job.job() + " stopped while starting; see " + job.log());
        }
      }
      if (System.nanoTime() > deadline) {
        throw new CommandFailedException("the jobs did not start within " + STARTUP_TIMEOUT.toMinutes()
            + " minutes; see their logs in " + stateDir.resolve("logs"));
      }
      Thread.sleep(500);
    }
    out.println("jobs: running; starting the producer");
  }

  /** Redraws the view until a stop, the duration, or (replaying) the jobs catching up; returns the exit code. */
  private int watch(Invocation inv, Config config, String topic, String keyspace, CqlSession session, Admin admin,
                    List<JobProcess> jobs, ViewArrivals sink, Thread producing,
                    AtomicReference<Exception> producerFailure, AtomicBoolean stop, boolean replay, Path stateDir,
                    String dashboardUrl) throws Exception {
    Dashboard dashboard = new Dashboard(session, keyspace);
    long start = System.nanoTime();
    long deadline = config.get(DURATION).isZero() ? Long.MAX_VALUE : start + config.get(DURATION).toNanos();
    long lastWritten = 0;
    long lastTick = start;
    boolean tty = System.console() != null;
    while (!stop.get()) {
      Thread.sleep(config.get(REFRESH).toMillis());
      long now = System.nanoTime();
      long written = sink.written();
      double producedPerSecond = (written - lastWritten) * 1e9 / (now - lastTick);
      lastWritten = written;
      lastTick = now;
      for (JobProcess job : jobs) {
        job.poll();
        if (!job.isAlive()) {
          throw new CommandFailedException(job.job() + " stopped unexpectedly; see " + job.log());
        }
      }
      if (producerFailure.get() != null) {
        throw new CommandFailedException("the producer failed: " + producerFailure.get().getMessage(),
            producerFailure.get());
      }
      long deadLetters = deadLetters(admin, topic + ".dlq");
      render(inv.out(), tty, topic, keyspace, written, producedPerSecond, jobs, deadLetters,
          replay ? Optional.empty() : dashboard.newestCompleteWindow(Instant.now(), sink::lastViewWritten), sink,
          stateDir, dashboardUrl);
      if (replay && !producing.isAlive()) {
        awaitCatchUp(inv.out(), jobs, sink.written(), config.get(CATCH_UP_TIMEOUT));
        if (jobs.stream().anyMatch(j -> j.inputRows() < sink.written())) {
          throw new CommandFailedException("the jobs did not read the whole replay within "
              + config.get(CATCH_UP_TIMEOUT));
        }
        inv.out().printf("replay: the jobs have read all %,d records%n", sink.written());
        break;
      }
      if (now >= deadline) {
        stop.set(true);
        producing.join();
        awaitCatchUp(inv.out(), jobs, sink.written(), config.get(CATCH_UP_TIMEOUT));
        break;
      }
    }
    return summary(inv.out(), dashboard, jobs, sink, deadLetters(admin, topic + ".dlq"), stop.get());
  }

  private static String metricsUrl(int port) {
    return "http://127.0.0.1:" + port + "/metrics";
  }

  /** After the producer stops: waits until the jobs have read every event, so the summary is complete. */
  private static void awaitCatchUp(PrintStream out, List<JobProcess> jobs, long produced, Duration timeout)
      throws Exception {
    out.printf("demo: producer stopped at %,d events; waiting for the jobs to catch up...%n", produced);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (JobProcess job : jobs) {
        job.poll();
      }
      if (jobs.stream().allMatch(j -> j.inputRows() >= produced)) {
        // One more trigger interval, so the last batch's upserts are done too.
        Thread.sleep(2000);
        return;
      }
      Thread.sleep(500);
    }
    out.println("demo: the jobs did not catch up within " + timeout.toMinutes() + " minutes");
  }

  private static void render(PrintStream out, boolean tty, String topic, String keyspace, long written,
                             double producedPerSecond, List<JobProcess> jobs, long deadLetters,
                             Optional<Window> window, ViewArrivals arrivals, Path stateDir, String dashboardUrl) {
    StringBuilder view = new StringBuilder();
    if (tty) {
      view.append("\033[H\033[2J");
    }
    view.append(String.format("Sluice demo - topic %s, keyspace %s, %s UTC (Ctrl-C stops)%n", topic, keyspace,
        CLOCK.format(Instant.now())));
    view.append(String.format("  produced     %,10.0f events/s   %,d in all%n", producedPerSecond, written));
    for (JobProcess job : jobs) {
      view.append(String.format("  processed    %,10d rows/s     %,d in all, last batch %,d ms  (%s)%n",
          job.lastProcessedPerSecond(), job.inputRows(), job.lastBatchMillis(), job.job()));
    }
    view.append(String.format("  dead letters %,10d%n", deadLetters));
    window.ifPresentOrElse(w -> {
      view.append(latencyLine(w, arrivals));
      view.append("  top campaigns of that window:\n");
      int rank = 1;
      for (CampaignViews campaign : w.top(Dashboard.TOP)) {
        view.append(String.format("    %2d. %s  %,d views%n", rank++, campaign.campaignId(), campaign.views()));
      }
    }, () -> view.append("  latency      (no complete window written yet)\n"));
    view.append("  dashboard: ").append(dashboardUrl).append('\n');
    view.append("  logs: ").append(stateDir.resolve("logs")).append(" and ").append(stateDir)
        .append("/<server>/server.log\n");
    out.print(view);
    out.flush();
  }

  /**
   * The newest complete window's latency. The generator sends some events late on purpose (up to
   * 5 s), and a window's row is final only after its last view: so the headline is the pipeline's
   * share, from the later of the window's end and its last view's sending to the row's last write;
   * the Yahoo figure, from the window's end, follows it.
   */
  private static String latencyLine(Window w, ViewArrivals arrivals) {
    Optional<Instant> sent = arrivals.lastViewSent(w.start()).filter(moment -> Dashboard.writtenSince(w, moment));
    if (sent.isEmpty()) {
      return String.format("  latency      %,10d ms        newest complete window [%s, %s) written after its end%s%n",
          w.latency().toMillis(), CLOCK.format(w.start()), CLOCK.format(w.end()), afterLastView(w, arrivals));
    }
    return String.format("  latency      %,10d ms        newest complete window [%s, %s) written after its last view"
            + " was sent, %,d ms after its end%n", Dashboard.latencyAfter(w, sent.get()).toMillis(), CLOCK.format(w.start()),
        CLOCK.format(w.end()), w.latency().toMillis());
  }

  /** ", N ms after its last view was sent", where the demo sent the window's views itself. */
  private static String afterLastView(Window window, ViewArrivals arrivals) {
    return arrivals.lastViewSent(window.start())
        .map(sent -> !Dashboard.writtenSince(window, sent) ? ", its last view still on the way"
            : String.format(", %,d ms after its last view was sent", Dashboard.latencyAfter(window, sent).toMillis()))
        .orElse("");
  }

  private static int summary(PrintStream out, Dashboard dashboard, List<JobProcess> jobs, ViewArrivals sink,
                             long deadLetters, boolean interrupted) {
    long produced = sink.written();
    long counts = dashboard.rowCount(Tables.CAMPAIGN_WINDOW_COUNTS);
    long stats = dashboard.rowCount(Tables.CAMPAIGN_MINUTE_STATS);
    out.println();
    out.printf("summary: %,d events produced, %,d dead letters%n", produced, deadLetters);
    for (JobProcess job : jobs) {
      out.printf("summary: %s read %,d records in %,d batches%n", job.job(), job.inputRows(), job.batches());
    }
    out.printf("summary: %,d rows in %s, %,d in %s%n", counts, Tables.CAMPAIGN_WINDOW_COUNTS, stats,
        Tables.CAMPAIGN_MINUTE_STATS);
    dashboard.newestCompleteWindow(Instant.now()).ifPresent(w -> out.printf(
        "summary: newest complete window [%s, %s) written %,d ms after its end%s; top campaign %s with %,d views%n",
        CLOCK.format(w.start()), CLOCK.format(w.end()), w.latency().toMillis(), afterLastView(w, sink),
        w.campaigns().get(0).campaignId(), w.campaigns().get(0).views()));
    boolean worked = produced > 0 && jobs.stream().allMatch(j -> j.inputRows() > 0) && counts > 0 && stats > 0;
    if (!worked && !interrupted) {
      out.println("summary: FAILED - nothing made it through the pipeline; see the logs");
      return 1;
    }
    return 0;
  }

  private static int judge(PrintStream out, CqlSession session, String keyspace, Path expected) throws IOException {
    Verdict verdict = new Verdict()
        .exact(Tables.CAMPAIGN_WINDOW_COUNTS, AggregateTables.rows(session, keyspace, Tables.CAMPAIGN_WINDOW_COUNTS,
            AggregateTables.WINDOW_COUNT_COLUMNS),
            AggregateTables.expected(expected.resolve(ExpectedAggregates.WINDOW_COUNTS_FILE)))
        .minuteStats(Tables.CAMPAIGN_MINUTE_STATS, AggregateTables.rows(session, keyspace, Tables.CAMPAIGN_MINUTE_STATS,
            AggregateTables.MINUTE_STATS_COLUMNS),
            AggregateTables.expected(expected.resolve(ExpectedAggregates.MINUTE_STATS_FILE)));
    if (verdict.matches()) {
      out.println("verdict: MATCH - both tables hold exactly the expected aggregates of " + expected);
      return 0;
    }
    out.println("verdict: MISMATCH");
    verdict.problems().forEach(p -> out.println("  " + p));
    return 1;
  }

  private static void replayFile(Path file, EventSink sink, AtomicLong sent, AtomicBoolean stop)
      throws IOException {
    try (EventFile events = new EventFile(file)) {
      while (events.hasNext() && !stop.get()) {
        EventFile.Entry entry = events.next();
        if (!entry.isValid()) {
          throw new IOException(entry.location() + ": " + entry.problem());
        }
        sink.send(entry.event());
        sent.incrementAndGet();
      }
    }
  }

  private static long deadLetters(Admin admin, String topic) throws Exception {
    Map<String, TopicDescription> topics;
    try {
      topics = admin.describeTopics(List.of(topic)).allTopicNames().get();
    } catch (java.util.concurrent.ExecutionException e) {
      return 0;
    }
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    topics.get(topic).partitions().forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
    return admin.listOffsets(latest).all().get().values().stream().mapToLong(o -> o.offset()).sum();
  }

  private static Campaigns campaigns(Config config, Path home, boolean replay) throws IOException {
    Path file = config.get(CAMPAIGNS);
    if (file == null && replay) {
      file = home.resolve("samples/campaigns.csv");
    }
    return file != null ? Campaigns.readCsv(file) : Campaigns.generate(100, 10, 42);
  }
}
