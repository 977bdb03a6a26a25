package io.sluice.ingest.cli;

import io.sluice.config.Config;
import io.sluice.config.ConfigDef;
import io.sluice.config.cli.Command;
import io.sluice.config.cli.CommandFailedException;
import io.sluice.config.cli.Invocation;
import io.sluice.config.cli.UsageException;
import io.sluice.ingest.metrics.ProducerMetrics;
import io.sluice.ingest.progress.Progress;
import io.sluice.ingest.replay.Pacer;
import io.sluice.ingest.sink.EventSink;
import io.sluice.ingest.sink.ProducerSettings;
import io.sluice.serde.Events;
import io.sluice.serde.file.EventFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.sluice.ingest.replay.ReplaySettings.*;

/** {@code sluice replay FILE...}: publishes the events of JSON Lines and Avro files to Kafka. */
public final class ReplayCommand implements Command {

  private static final int SKIPPED_SHOWN = 10;

  @Override
  public String name() {
    return "replay";
  }

  @Override
  public String summary() {
    return "Publish the events of JSON Lines or Avro container files to Kafka, in file order.";
  }

  @Override
  public String description() {
    return summary() + " A JSON line holds one AdEvent with the schema's field names; event_time is epoch"
        + " milliseconds or an ISO-8601 instant; a line with 'country' is sent as schema version 2.";
  }

  @Override
  public String arguments() {
    return "FILE...";
  }

  @Override
  public ConfigDef settings() {
    return REPLAY.with(ProducerSettings.KAFKA);
  }

  @Override
  public int run(Invocation inv) throws IOException {
    if (inv.arguments().isEmpty()) {
      throw new UsageException("give at least one FILE to replay");
    }
    Config config = inv.config();
    boolean skipInvalid = config.get(SKIP_INVALID);
    Pacer pacer = pacer(config);
    Progress progress = new Progress(inv.err(), "replay", 5);
    List<String> skipped = new ArrayList<>();
    long skippedCount = 0;
    long sent = 0;
    try (StopSignal stop = new StopSignal(); EventSink sink = ProducerSettings.kafkaSink(config);
         ProducerMetrics metrics = ProducerMetrics.serve(config, name(), sink)) {
      for (String name : inv.arguments()) {
        try (EventFile file = new EventFile(Path.of(name))) {
          while (file.hasNext() && !stop.requested()) {
            EventFile.Entry entry = file.next();
            if (!entry.isValid()) {
              if (!skipInvalid) {
                sink.flush();
                throw new CommandFailedException(entry.location() + ": " + entry.problem() + " (" + sent
                    + " events before it were sent; --skip-invalid skips such lines)");
              }
              skippedCount++;
              if (skipped.size() < SKIPPED_SHOWN) {
                skipped.add(entry.location() + ": " + entry.problem());
              }
              continue;
            }
            pacer.await(Events.eventTimeMillis(entry.event()));
            sink.send(entry.event());
            sent++;
            progress.tick(sink::written, sink::failed);
          }
        }
      }
      sink.flush();
      progress.summary(sink.written(), 0, skippedCount + " invalid lines skipped"
          + (stop.requested() ? ", stopped by signal" : ""));
    }
    if (skippedCount > 0) {
      inv.err().println("Skipped lines" + (skippedCount > SKIPPED_SHOWN ? " (first " + SKIPPED_SHOWN + ")" : "") + ":");
      skipped.forEach(s -> inv.err().println("  " + s));
    }
    return 0;
  }

  private static Pacer pacer(Config config) {
    switch (config.get(PACE)) {
      case RATE:
        return Pacer.rate(config.get(RATE));
      case EVENT_TIME:
        return Pacer.eventTime(config.get(SPEEDUP));
      default:
        return Pacer.fastest();
    }
  }
}
