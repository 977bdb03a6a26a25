package io.sluice.ingest.cli;

import io.sluice.config.Config;
import io.sluice.config.ConfigDef;
import io.sluice.config.ConfigException;
import io.sluice.config.cli.Command;
import io.sluice.config.cli.Invocation;
import io.sluice.events.AdEvent;
import io.sluice.ingest.campaigns.Campaigns;
import io.sluice.ingest.generate.EventGenerator;
import io.sluice.ingest.generate.EventMix;
import io.sluice.ingest.progress.Progress;
import io.sluice.ingest.replay.Pacer;
import io.sluice.ingest.sink.EventSink;
import io.sluice.ingest.sink.FileEventSink;
import io.sluice.ingest.sink.ProducerSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

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
    EventGenerator generator = new EventGenerator(campaigns.adIds(), config.get(USERS), config.get(PAGES),
        EventMix.parse(config.get(EVENT_MIX)), config.get(OUT_OF_ORDER_SHARE), config.get(MAX_DELAY),
        config.get(DUPLICATE_SHARE), config.get(SEED));
    Path output = config.get(OUTPUT);
    String target = output != null ? output.toString() : "topic " + config.get(io.sluice.config.SharedSettings.TOPIC);
    Progress progress = new Progress(inv.err(), "generate -> " + target, 5);
    Pacer pacer = start == null && rate > 0 ? Pacer.rate(rate) : Pacer.fastest();
    long startMillis = start != null ? start.toEpochMilli() : System.currentTimeMillis();
    long generated = 0;
    long sent = 0;
    try (StopSignal stop = new StopSignal();
         EventSink sink = output != null ? new FileEventSink(output) : ProducerSettings.kafkaSink(config)) {
      while (!stop.requested() && (count == 0 || generated < count)) {
        long now = start != null ? startMillis + (long) (generated * 1000 / rate) : System.currentTimeMillis();
        if (durationMillis > 0 && now - startMillis >= durationMillis) {
          break;
        }
        pacer.await(now);
        for (AdEvent event : generator.next(now)) {
          sink.send(event);
          sent++;
        }
        generated++;
        progress.tick(sink::written, () -> 0);
      }
      for (AdEvent event : generator.drain()) {
        sink.send(event);
        sent++;
      }
      sink.flush();
      progress.summary(sink.written(), sent - sink.written(), generated + " distinct, "
          + (sent - generated) + " duplicates" + (stop.requested() ? ", stopped by signal" : ""));
    }
    return 0;
  }

  private static Campaigns campaigns(Config config) throws IOException {
    Path file = config.get(CAMPAIGNS_FILE);
    return file != null ? Campaigns.readCsv(file)
        : Campaigns.generate(config.get(CAMPAIGN_COUNT), config.get(ADS_PER_CAMPAIGN), config.get(SEED));
  }
}
