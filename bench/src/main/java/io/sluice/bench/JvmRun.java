package io.sluice.bench;

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

  private JvmRun() {
  }

  public static List<String> run(String name, String classPath, String mainClass, List<String> args, Path logDir,
                                 long timeoutSeconds) throws IOException, InterruptedException {
    Files.createDirectories(logDir);
    Path log = logDir.resolve(name + ".log");
    List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xms256m", "-Xmx512m", "-Dlog4j2.configurationFile=classpath:sluice-cli-log4j2.properties",
        "-cp", classPath, mainClass));
    argv.addAll(args);
    Process process = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(log.toFile()).start();
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
