package io.sluice.ingest.replay;

import io.sluice.ingest.events.JsonEvents;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;

/**
 * Reads the events of one file, in order: JSON Lines, or an Avro container file (by the {@code .avro}
 * ending). Each entry is an event or, for a line that is not one, the reason.
 */
public final class EventFile implements Iterator<EventFile.Entry>, AutoCloseable {

  /** One line (or Avro record) of the file: its event, or why it is not one. */
  public record Entry(Path file, long line, GenericRecord event, String problem) {
    public boolean isValid() {
      return event != null;
    }

    /** {@code file:line}, for messages. */
    public String location() {
      return file + ":" + line;
    }
  }

  private final Path file;
  private final BufferedReader json;
  private final DataFileReader<GenericRecord> avro;
  private long line;
  private String nextLine;

  public EventFile(Path file) throws IOException {
    this.file = file;
    if (!Files.isRegularFile(file)) {
      throw new IOException(file + ": no such file");
    }
    if (file.getFileName().toString().endsWith(".avro")) {
      this.avro = new DataFileReader<>(file.toFile(), new GenericDatumReader<>());
      this.json = null;
    } else {
      this.avro = null;
      this.json = Files.newBufferedReader(file, StandardCharsets.UTF_8);
    }
  }

  @Override
  public boolean hasNext() {
    if (avro != null) {
      return avro.hasNext();
    }
    try {
      while (nextLine == null) {
        String read = json.readLine();
        if (read == null) {
          return false;
        }
        line++;
        if (!read.isBlank()) {
          nextLine = read;
        }
      }
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Entry next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    if (avro != null) {
      line++;
      try {
        return new Entry(file, line, avro.next(), null);
      } catch (RuntimeException e) {
        return new Entry(file, line, null, "unreadable Avro record: " + e.getMessage());
      }
    }
    String text = nextLine;
    nextLine = null;
    try {
      return new Entry(file, line, JsonEvents.parse(text), null);
    } catch (JsonEvents.InvalidEventException e) {
      return new Entry(file, line, null, e.getMessage());
    }
  }

  @Override
  public void close() throws IOException {
    if (avro != null) {
      avro.close();
    } else {
      json.close();
    }
  }
}
