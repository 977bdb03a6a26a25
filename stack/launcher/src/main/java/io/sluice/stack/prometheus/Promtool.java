package io.sluice.stack.prometheus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Prometheus's own checker ({@code promtool check metrics}, Debian's prometheus package) on a scrape. */
public final class Promtool {

  private Promtool() {
  }

  /** What promtool says of {@code exposition}, and whether it passed. */
  public record Verdict(int exitCode, String output) {
    public boolean passed() {
      return exitCode == 0 && output.isBlank();
    }
  }

  /** Lints one scrape in the text exposition format. */
  public static Verdict checkMetrics(String exposition) throws IOException, InterruptedException {
    // Through files, not pipes: a promtool that stops early can neither block nor break the writer.
    Path scrape = Files.createTempFile("sluice-scrape-", ".txt");
    Path output = Files.createTempFile("sluice-promtool-", ".txt");
    try {
      Files.writeString(scrape, exposition, StandardCharsets.UTF_8);
      Process process = new ProcessBuilder("promtool", "check", "metrics").redirectInput(scrape.toFile())
          .redirectErrorStream(true).redirectOutput(output.toFile()).start();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
        throw new IOException("promtool did not finish in 60 s");
      }
      return new Verdict(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(scrape);
      Files.deleteIfExists(output);
    }
  }
}
