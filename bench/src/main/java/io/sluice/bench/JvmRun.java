package io.sluice.bench;

import io.sluice.config.cli.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one measured program in a JVM of its own, so that ours and the reference start alike and
 * neither warms the other's JIT. Output goes to a log file; a failure shows its last lines.
 */
public final class JvmRun {

  private final String name;
  private final Process process;
  private final Path log;

  private JvmRun(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /** The heap a program gets unless it is given another. */
  private static final String DEFAULT_HEAP = "512m";

  /** Runs to the end and returns the program's output. */
  public static List<String> run(String name, String classPath, String mainClass, List<String> args, Path logDir,
                                 long timeoutSeconds) throws IOException, InterruptedException {
    return start(name, DEFAULT_HEAP, classPath, mainClass, args, logDir).await(timeoutSeconds);
  }

  /** Runs to the end with this maximum heap (a JVM size: 2g) and returns the program's output. */
  public static List<String> run(String name, String heap, String classPath, String mainClass, List<String> args,
                                 Path logDir, long timeoutSeconds) throws IOException, InterruptedException {
    return start(name, heap, classPath, mainClass, args, logDir).await(timeoutSeconds);
  }

  /** Starts the program and returns at once; {@link #await} collects its output. */
  public static JvmRun start(String name, String classPath, String mainClass, List<String> args, Path logDir)
      throws IOException {
    return start(name, DEFAULT_HEAP, classPath, mainClass, args, logDir);
  }

  private static JvmRun start(String name, String heap, String classPath, String mainClass, List<String> args,
                              Path logDir) throws IOException {
    Files.createDirectories(logDir);
    Path log = logDir.resolve(name + ".log");
    List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xms256m", "-Xmx" + heap, "-XX:-OmitStackTraceInFastThrow",
        "-Dlog4j2.configurationFile=classpath:sluice-cli-log4j2.properties",
        "-cp", classPath, mainClass));
    argv.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(log.toFile());
    // A benchmark run is hard to repeat: a failing program leaves its whole stack trace in its log.
    builder.environment().put(Cli.DEBUG_ENV, "1");
    Process process = builder.start();
    return new JvmRun(name, process, log);
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Waits for the end; a timeout or a non-zero exit is an error that shows the log's last lines. */
  public List<String> await(long timeoutSeconds) throws IOException, InterruptedException {
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
      throw new IOException(name + " did not finish within " + timeoutSeconds + " s; see " + log);
    }
    List<String> lines = Files.readAllLines(log);
    if (process.exitValue() != 0) {
      throw new IOException(name + " failed (exit " + process.exitValue() + "); last lines of " + log + ":\n  "
          + String.join("\n  ", lines.subList(Math.max(0, lines.size() - 15), lines.size())));
    }
    return lines;
  }
}
