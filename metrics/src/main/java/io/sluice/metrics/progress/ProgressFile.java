package io.sluice.metrics.progress;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A job's progress as JSON Lines, one {@link JobProgress} a line, appended as it happens: what
 * launchers, the demo and the benchmarks read instead of parsing log lines. Readers
 * {@link Reader#poll} the file while the job writes it and only ever see whole lines.
 */
public final class ProgressFile {

  private static final Logger LOG = LoggerFactory.getLogger(ProgressFile.class);
  private static final ObjectMapper JSON = new ObjectMapper()
      .setSerializationInclusion(JsonInclude.Include.NON_NULL)
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private ProgressFile() {
  }

  /** One line of JSON, without its newline. */
  public static String toJson(JobProgress progress) {
    try {
      return JSON.writeValueAsString(progress);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static JobProgress fromJson(String line) {
    try {
      return JSON.readValue(line, JobProgress.class);
    } catch (IOException e) {
      throw new UncheckedIOException("Not a progress line: " + line, e);
    }
  }

  /** Appends to {@code file}, creating it and its folder; each line is flushed as it is written. */
  public static Writer append(Path file) throws IOException {
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    return Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }

  /** Writes one line and flushes it, so that a reader sees it at once. */
  public static void write(Writer writer, JobProgress progress) throws IOException {
    writer.write(toJson(progress));
    writer.write('\n');
    writer.flush();
  }

  public static Reader reader(Path file) {
    return new Reader(file);
  }

  /** Every line of a finished (or growing) file. */
  public static List<JobProgress> readAll(Path file) {
    return new Reader(file).poll();
  }

  /** Follows a progress file: each {@link #poll} returns the whole lines added since the last. */
  public static final class Reader {
    private final Path file;
    private long position;

    private Reader(Path file) {
      this.file = file;
    }

    public List<JobProgress> poll() {
      List<JobProgress> read = new ArrayList<>();
      if (!Files.exists(file)) {
        return read;
      }
      try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
        long length = in.length();
        if (length <= position) {
          return read;
        }
        in.seek(position);
        byte[] bytes = new byte[(int) (length - position)];
        in.readFully(bytes);
        int end = lastNewline(bytes);
        if (end < 0) {
          return read;
        }
        position += end + 1;
        for (String line : new String(bytes, 0, end, StandardCharsets.UTF_8).split("\n")) {
          if (line.isBlank()) {
            continue;
          }
          try {
            read.add(fromJson(line));
          } catch (UncheckedIOException e) {
            // A line torn by a full disk or a crash: the lines around it still count.
            LOG.warn("Skipping a line of {} that is not progress: {}", file, line);
          }
        }
        return read;
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read the progress file " + file, e);
      }
    }

    private static int lastNewline(byte[] bytes) {
      for (int i = bytes.length - 1; i >= 0; i--) {
        if (bytes[i] == '\n') {
          return i;
        }
      }
      return -1;
    }
  }
}
