package io.sluice.stack.prometheus;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
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
    Process process = new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true).start();
    try (OutputStream in = process.getOutputStream()) {
      in.write(exposition.getBytes(StandardCharsets.UTF_8));
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException("promtool did not finish in 60 s");
    }
    return new Verdict(process.exitValue(), output);
  }
}
