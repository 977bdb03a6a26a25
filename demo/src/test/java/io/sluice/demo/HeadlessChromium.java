package io.sluice.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Chromium, headless, loading a page as a person's browser would: its scripts run, its
 * requests go out, and what it rendered comes back as the DOM (or a screenshot). Each run has a
 * profile folder of its own and is stopped by its PID if it hangs.
 */
final class HeadlessChromium {

  /** Virtual time the page gets to load and run its scripts before the DOM is taken. */
  private static final String BUDGET_MILLIS = "15000";

  private final Path workDir;

  HeadlessChromium(Path workDir) {
    this.workDir = workDir;
  }

  /** The DOM of {@code url} once the page has loaded and settled. */
  String dom(String url) throws IOException, InterruptedException {
    return run(List.of("--dump-dom", url));
  }

  /** Saves a screenshot of {@code url} to {@code png}. */
  void screenshot(String url, Path png) throws IOException, InterruptedException {
    Files.createDirectories(png.toAbsolutePath().getParent());
    run(List.of("--window-size=1280,1100", "--hide-scrollbars", "--screenshot=" + png.toAbsolutePath(), url));
    if (!Files.isRegularFile(png) || Files.size(png) == 0) {
      throw new IOException("chromium wrote no screenshot to " + png);
    }
  }

  private String run(List<String> args) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory(Files.createDirectories(workDir), "chromium-profile-");
    List<String> argv = new ArrayList<>(List.of("chromium", "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--user-data-dir=" + profile, "--virtual-time-budget=" + BUDGET_MILLIS));
    argv.addAll(args);
    Path errors = profile.resolve("chromium.err");
    Process process = new ProcessBuilder(argv).redirectError(errors.toFile()).start();
    byte[] out = process.getInputStream().readAllBytes();
    if (!process.waitFor(90, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
      throw new IOException("chromium did not finish in 90 s");
    }
    if (process.exitValue() != 0) {
      throw new IOException("chromium exited with " + process.exitValue() + ": " + Files.readString(errors));
    }
    return new String(out, StandardCharsets.UTF_8);
  }
}
