package io.sluice.stack.process;

import io.sluice.stack.StackException;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One server's operating-system process: started detached from the caller (it outlives
 * {@code sluice stack up}), remembered by a PID file in its folder, and stopped by that PID
 * alone, gracefully first. Its console goes to {@code server.log} in the same folder.
 */
public final class ServerProcess {

  static final String TAG_PROPERTY = "-Dsluice.server=";
  private static final String START_MARKER = "=== sluice: starting ";
  private static final Path SETSID = Path.of("/usr/bin/setsid");

  private final String name;
  private final Path dir;
  private Process started;

  public ServerProcess(String name, Path dir) {
    this.name = name;
    this.dir = dir;
  }

  public String name() {
    return name;
  }

  public Path dir() {
    return dir;
  }

  public Path log() {
    return dir.resolve("server.log");
  }

  private Path pidFile() {
    return dir.resolve("pid");
  }

  /** The live process recorded in the PID file, if it is still ours (not a reused PID). */
  public Optional<ProcessHandle> running() {
    if (!Files.isRegularFile(pidFile())) {
      return Optional.empty();
    }
    try {
      long pid = Long.parseLong(Files.readString(pidFile()).trim());
      return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(this::isTagged);
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * Whether the process carries our tag. Read from /proc directly: ProcessHandle.Info.arguments()
   * was seen empty for a live server, which made a running registry look stopped.
   */
  private boolean isTagged(ProcessHandle handle) {
    String tag = TAG_PROPERTY + name;
    Path cmdline = Path.of("/proc", Long.toString(handle.pid()), "cmdline");
    if (Files.isReadable(cmdline)) {
      try {
        return List.of(new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8).split("\0")).contains(tag);
      } catch (IOException e) {
        return false;
      }
    }
    return handle.info().arguments().map(args -> List.of(args).contains(tag)).orElse(false);
  }

  public ProcessHandle start(JavaCommand command) {
    List<String> argv = new ArrayList<>();
    // A session of its own: the server survives the launcher and a Ctrl-C meant for the launcher.
    if (Files.isExecutable(SETSID)) {
      argv.add(SETSID.toString());
    }
    argv.addAll(command.toArgv(name));
    try {
      Files.createDirectories(dir);
      Files.writeString(log(), START_MARKER + name + " at " + Instant.now() + ": " + String.join(" ", argv) + "\n",
          StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      started = new ProcessBuilder(argv)
          .directory(dir.toFile())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()))
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
          .start();
      Files.writeString(pidFile(), Long.toString(started.pid()));
      return started.toHandle();
    } catch (IOException e) {
      throw new StackException("Cannot start " + name + ": " + e.getMessage(), e);
    }
  }

  /** Polls {@code probe} until it answers, failing fast, with the log's last lines, if the process dies. */
  public void awaitReady(ReadinessProbe probe, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    Exception lastFailure = null;
    while (Instant.now().isBefore(deadline)) {
      // The process we started is asked directly: just after the start its command line may still be
      // the JDK's spawn helper's, without our tag, which running() would take for a dead server.
      boolean alive = started != null ? started.isAlive() : running().isPresent();
      if (!alive) {
        String code = started != null && !started.isAlive() ? " with exit code " + started.exitValue() : "";
        throw new StackException(name + " exited" + code + " while starting. Last lines of " + log() + ":\n"
            + tail(40));
      }
      try {
        if (probe.isReady()) {
          return;
        }
      } catch (Exception e) {
        lastFailure = e;
      }
      sleep(Duration.ofMillis(250));
    }
    String why = lastFailure == null ? "" : " (last probe: " + lastFailure.getMessage() + ")";
    throw new StackException(name + " did not become ready within " + timeout.toSeconds() + " s" + why
        + ". Last lines of " + log() + ":\n" + tail(40));
  }

  /** Stops the process: SIGTERM, then SIGKILL after {@code grace}. Returns false when nothing was running. */
  public boolean stop(Duration grace) {
    Optional<ProcessHandle> handle = running();
    if (handle.isEmpty()) {
      deletePidFile();
      return false;
    }
    ProcessHandle process = handle.get();
    process.destroy();
    try {
      process.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      process.destroyForcibly();
      process.onExit().join();
    }
    deletePidFile();
    return true;
  }

  /** Resident memory from /proc, or -1 where it cannot be read. */
  public static long rssBytes(ProcessHandle process) {
    return rssBytes(process.pid());
  }

  /** Resident memory of a process from /proc, or -1 when it is gone. */
  public static long rssBytes(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }

  public String tail(int lines) {
    return LogTail.of(log(), START_MARKER, lines);
  }

  private void deletePidFile() {
    try {
      Files.deleteIfExists(pidFile());
    } catch (IOException e) {
      throw new StackException("Cannot delete " + pidFile() + ": " + e.getMessage(), e);
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StackException("Interrupted", e);
    }
  }

  /** A server-specific check that it answers requests. */
  @FunctionalInterface
  public interface ReadinessProbe {
    boolean isReady() throws Exception;
  }
}
