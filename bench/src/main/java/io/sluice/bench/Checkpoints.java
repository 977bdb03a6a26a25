package io.sluice.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The checkpoint a benchmark's job leaves behind: no result needs it, and the state store keeps
 * a hundred batches of deltas, gigabytes after a few minutes at 50k events/s.
 */
public final class Checkpoints {

  private Checkpoints() {
  }

  /** Deletes {@code dir}, the checkpoint of a job that has stopped, and says how much it freed. */
  public static void remove(Path dir, PrintStream err) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      List<Path> all = walk.sorted(Comparator.reverseOrder()).toList();
      long bytes = 0;
      for (Path path : all) {
        if (Files.isRegularFile(path)) {
          bytes += Files.size(path);
        }
        Files.delete(path);
      }
      err.printf("bench: removed the job's checkpoint %s (%,d MiB)%n", dir, bytes >> 20);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not remove the checkpoint " + dir, e);
    }
  }
}
