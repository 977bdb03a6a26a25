package io.sluice.bench;

import com.datastax.oss.driver.api.core.CqlSession;
import io.sluice.config.Config;
import io.sluice.ingest.campaigns.Campaigns;
import io.sluice.ingest.generate.GenerateSettings;
import io.sluice.ingest.seed.CampaignSeeder;
import io.sluice.schemas.cql.CassandraSessions;
import io.sluice.schemas.cql.CqlMigrator;
import io.sluice.stack.LocalStack;
import io.sluice.stack.ServerStatus;
import io.sluice.stack.StackEndpoints;
import io.sluice.stack.StackSettings;
import io.sluice.stack.kafka.EventTopics;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * The local stack a benchmark runs on: the one already running in the state folder, or one it
 * starts and, at the end, stops. Each run gets its own topic and keyspace, so runs never mix.
 */
public final class BenchStack implements AutoCloseable {

  private final LocalStack stack;
  private final StackEndpoints endpoints;
  private final boolean startedHere;

  private BenchStack(LocalStack stack, StackEndpoints endpoints, boolean startedHere) {
    this.stack = stack;
    this.endpoints = endpoints;
    this.startedHere = startedHere;
  }

  public static BenchStack open(Path stateDir, PrintStream err) {
    LocalStack stack = new LocalStack(stateDir, line -> err.println("stack: " + line));
    return stack.runningEndpoints()
        .map(endpoints -> {
          err.println("stack: using the running stack in " + stateDir);
          return new BenchStack(stack, endpoints, false);
        })
        .orElseGet(() -> new BenchStack(stack,
            stack.up(Config.of(StackSettings.UP, Map.of(StackSettings.STATE_DIR, stateDir))), true));
  }

  public StackEndpoints endpoints() {
    return endpoints;
  }

  /** Every server of the stack, with its PID and memory. */
  public List<ServerStatus> servers() {
    return stack.status();
  }

  /** A topic and a keyspace of their own for one run, named after the benchmark and the time. */
  public record Run(String topic, String keyspace) {
  }

  /**
   * Creates the run's topic with {@code partitions}, applies the CQL schema to its keyspace and seeds
   * the campaigns that {@code sluice generate} draws by default, so that every event finds its campaign.
   */
  public Run prepare(String benchmark, int partitions) throws Exception {
    String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
    Run run = new Run("bench-" + benchmark + "-" + stamp, ("bench_" + benchmark + "_" + stamp).replace('-', '_'));
    EventTopics.create(endpoints, run.topic(), partitions);
    try (CqlSession session = session()) {
      new CqlMigrator(session, run.keyspace(), 1, endpoints.cassandraLocalDc(), line -> { }).migrate();
      CampaignSeeder.seed(session, run.keyspace(), Campaigns.generate(GenerateSettings.CAMPAIGN_COUNT.defaultValue(),
          GenerateSettings.ADS_PER_CAMPAIGN.defaultValue(), GenerateSettings.CAMPAIGN_SEED.defaultValue()));
    }
    return run;
  }

  /** A CQL session to the stack, for reading what a job wrote. */
  public CqlSession session() {
    return CassandraSessions.open(endpoints.cassandra());
  }

  @Override
  public void close() {
    if (startedHere) {
      stack.down(false);
    }
  }
}
