package io.sluice.ingest.cli;

import io.sluice.config.Config;
import io.sluice.config.ConfigDef;
import io.sluice.config.ConfigException;
import io.sluice.config.cli.Command;
import io.sluice.config.cli.Invocation;
import io.sluice.ingest.campaigns.Campaigns;
import io.sluice.ingest.generate.EventGenerator;
import io.sluice.ingest.generate.EventMix;
import io.sluice.ingest.generate.GenerationLoop;
import io.sluice.ingest.metrics.ProducerMetrics;
import io.sluice.ingest.progress.Progress;
import io.sluice.ingest.sink.EventSink;
import io.sluice.ingest.sink.FileEventSink;
import io.sluice.ingest.sink.ProducerSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static io.sluice.ingest.generate.GenerateSettings.*;

/** {@code sluice generate}: synthetic ad events into Kafka or a file. */
public final class GenerateCommand implements Command {

  @Override
  public String name() {
    return "generate";
  }

  @Override
  public String summary() {
    return "Generate synthetic ad events (Yahoo Streaming Benchmark style) into Kafka or a file.";
  }

  @Override
  public String description() {
    return summary() + " Events go to Kafka keyed by ad_id (idempotent producer, acks=all by default), or with"
        + " --output to a JSON Lines or Avro file. Progress every 5 s and a summary go to standard error.";
  }

  @Override
  public ConfigDef settings() {
    return EVENTS.with(ProducerSettings.KAFKA);
  }

  @Override
  public int run(Invocation inv) throws IOException {
    Config config = inv.config();
    Instant start = config.get(START_TIME);
    double rate = config.get(RATE);
    if (start != null && rate <= 0) {
      throw new ConfigException("--rate must be above 0 with --start-time: it spaces the simulated event times");
    }
    long count = config.get(COUNT);
    long durationMillis = config.get(DURATION).toMillis();
    Campaigns campaigns = campaigns(config);
    if (config.get(WRITE_CAMPAIGNS) != null) {
      campaigns.writeCsv(config.get(WRITE_CAMPAIGNS));
      inv.err().println("Wrote " + campaigns.size() + " ads to " + config.get(WRITE_CAMPAIGNS));
    }
    int threads = config.get(THREADS);
    Path output = config.get(OUTPUT);
    if (threads > 1 && (start != null || output != null)) {
      throw new ConfigException("--threads above 1 interleaves events unpredictably: it cannot be combined with"
          + " --start-time or --output, whose results are meant to be reproducible");
    }
    String target = output != null ? output.toString() : "topic " + config.get(io.sluice.config.SharedSettings.TOPIC);
    long seed = config.get(SEED) != null ? config.get(SEED) : new SecureRandom().nextLong();
    if (config.get(SEED) == null) {
      inv.err().println("generate: events drawn from random seed " + seed + " (--seed " + seed + " repeats them)");
    }
    Progress progress = new Progress(inv.err(), "generate -> " + target, 5, config.get(HEARTBEAT_FILE));
    try (StopSignal stop = new StopSignal();
         EventSink sink = output != null ? new FileEventSink(output) : ProducerSettings.kafkaSink(config);
         ProducerMetrics metrics = ProducerMetrics.serve(config, name(), sink)) {
      List<GenerationLoop> loops = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        // Each thread draws its own events from its own seed and takes its share of count and rate.
        EventGenerator generator = new EventGenerator(campaigns.adIds(), config.get(USERS), config.get(PAGES),
            EventMix.parse(config.get(EVENT_MIX)), config.get(OUT_OF_ORDER_SHARE), config.get(MAX_DELAY),
            config.get(DUPLICATE_SHARE), seed + t);
        long share = count / threads + (t < count % threads ? 1 : 0);
        Runnable tick = t == 0 ? () -> progress.tick(sink::written, sink::failed) : () -> { };
        loops.add(new GenerationLoop(generator, sink, count == 0 ? 0 : share, durationMillis,
            start == null ? null : start.toEpochMilli(), rate / threads, stop::requested, tick));
      }
      runAll(loops);
      sink.flush();
      long generated = loops.stream().mapToLong(GenerationLoop::generated).sum();
      long sent = loops.stream().mapToLong(GenerationLoop::sent).sum();
      progress.summary(sink.written(), sent - sink.written(), generated + " distinct, "
          + (sent - generated) + " duplicates" + (stop.requested() ? ", stopped by signal" : ""));
    }
    return 0;
  }

  /** Runs the loops, the first on this thread; rethrows the first failure. */
  private static void runAll(List<GenerationLoop> loops) {
    List<Thread> threads = new ArrayList<>();
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    for (GenerationLoop loop : loops.subList(1, loops.size())) {
      Thread thread = new Thread(() -> {
        try {
          loop.run();
        } catch (RuntimeException e) {
          failure.compareAndSet(null, e);
        }
      }, "sluice-generate-" + (threads.size() + 1));
      thread.start();
      threads.add(thread);
    }
    loops.get(0).run();
    for (Thread thread : threads) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (failure.get() != null) {
      throw failure.get();
    }
  }

  private static Campaigns campaigns(Config config) throws IOException {
    Path file = config.get(CAMPAIGNS_FILE);
    return file != null ? Campaigns.readCsv(file)
        : Campaigns.generate(config.get(CAMPAIGN_COUNT), config.get(ADS_PER_CAMPAIGN),
            config.get(CAMPAIGN_SEED));
  }
}
