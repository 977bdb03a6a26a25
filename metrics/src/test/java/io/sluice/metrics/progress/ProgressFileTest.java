package io.sluice.metrics.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgressFileTest {

  private static final BatchMetrics BATCH = new BatchMetrics("campaign-stats", 3, 1_000, 500.5, 2_000.25, 480,
      "2026-12-01T10:00:00.000Z", 42, 1, 2, 3, new BatchMetrics.Phases(1, 2, 3, 4, 5),
      new BatchMetrics.StateWork(6, 7, 8, 9));

  @Test
  void aReaderSeesEachWholeLineOnceAndNeverAHalfWrittenOne(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("sub/progress.jsonl");
    ProgressFile.Reader reader = ProgressFile.reader(file);
    assertThat(reader.poll()).isEmpty();
    try (Writer writer = ProgressFile.append(file)) {
      ProgressFile.write(writer, JobProgress.started("campaign-stats"));
      ProgressFile.write(writer, JobProgress.batch(BATCH));
    }
    assertThat(reader.poll()).extracting(JobProgress::event)
        .containsExactly(JobProgress.Event.STARTED, JobProgress.Event.BATCH);

    String half = ProgressFile.toJson(JobProgress.stopped("campaign-stats"));
    Files.writeString(file, half.substring(0, 10), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    assertThat(reader.poll()).isEmpty();
    Files.writeString(file, half.substring(10) + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    assertThat(reader.poll()).extracting(JobProgress::event).containsExactly(JobProgress.Event.STOPPED);
  }

  @Test
  void aTornLineIsSkippedAndTheLinesAroundItStillRead(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("progress.jsonl");
    String started = ProgressFile.toJson(JobProgress.started("campaign-stats"));
    Files.writeString(file, started + "\n" + started.substring(0, 12) + "\n"
        + ProgressFile.toJson(JobProgress.batch(BATCH)) + "\n");
    assertThat(ProgressFile.readAll(file)).extracting(JobProgress::event)
        .containsExactly(JobProgress.Event.STARTED, JobProgress.Event.BATCH);
  }

  @Test
  void aBatchComesBackWithEveryNumber(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("progress.jsonl");
    try (Writer writer = ProgressFile.append(file)) {
      ProgressFile.write(writer, JobProgress.batch(BATCH));
    }
    JobProgress read = ProgressFile.readAll(file).get(0);
    assertThat(read.batch()).isEqualTo(BATCH);
    assertThat(read.job()).isEqualTo("campaign-stats");
    assertThat(read.timeMillis()).isPositive();
  }
}
