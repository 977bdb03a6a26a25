package io.sluice.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointsTest {

  @Test
  void removesTheCheckpointTreeAndNothingBesideIt(@TempDir Path logs) throws Exception {
    Path checkpoint = logs.resolve("checkpoint");
    Files.createDirectories(checkpoint.resolve("state/0/0"));
    Files.write(checkpoint.resolve("state/0/0/1.delta"), new byte[2 << 20]);
    Files.writeString(checkpoint.resolve("metadata"), "{}");
    Path log = Files.writeString(logs.resolve("job.log"), "kept");

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Checkpoints.remove(checkpoint, new PrintStream(out, true, StandardCharsets.UTF_8));

    assertThat(checkpoint).doesNotExist();
    assertThat(log).hasContent("kept");
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("(2 MiB)");
    Checkpoints.remove(checkpoint, new PrintStream(out, true, StandardCharsets.UTF_8));
  }
}
