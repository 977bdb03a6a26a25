package io.sluice.bench;

import io.sluice.stack.ServerJars;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Where the programs a benchmark runs live in the built tree: ours and Kafka's reference tools. */
public final class Programs {

  public static final String SLUICE_INGEST = "io.sluice.ingest.cli.IngestCommands";
  public static final String PRODUCER_PERFORMANCE = "org.apache.kafka.tools.ProducerPerformance";
  public static final String CONSUMER_PERFORMANCE = "org.apache.kafka.tools.ConsumerPerformance";

  private final Path home;

  public Programs(Path home) {
    this.home = home;
  }

  public Path home() {
    return home;
  }

  /** 'sluice generate' and friends: the ingest jar and its dependencies. */
  public String ingestClassPath() throws IOException {
    Path target = home.resolve("ingest/target");
    try (Stream<Path> files = Files.list(target)) {
      String jar = files.map(Path::toString).filter(f -> f.matches(".*/sluice-ingest-[^/]*\\.jar")).findFirst()
          .orElseThrow(() -> new IOException("No ingest jar in " + target + ": run bin/sluice build"));
      return target.resolve("lib") + "/*:" + jar;
    }
  }

  /** Kafka's own tools, from the broker's jars. */
  public String kafkaToolsClassPath() {
    return new ServerJars(home).kafkaClassPath();
  }

  /**
   * Arguments of 'sluice generate' for a benchmark: no duplicates and no late events, so every
   * event counts and the measured latency is the pipeline's, not the generator's deliberate delay.
   */
  public static List<String> generateArgs(String topic, String kafka, String registry, String... more) {
    List<String> args = new ArrayList<>(List.of("generate", "--topic", topic, "--duplicate-share", "0",
        "--out-of-order-share", "0", "--kafka-bootstrap-servers", kafka, "--schema-registry-url", registry));
    args.addAll(List.of(more));
    return args;
  }
}
