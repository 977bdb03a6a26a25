package io.sluice.serde.file;

import io.sluice.schemas.AdEventSchemas;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;

/**
 * Reads the events of one file, in order: JSON Lines, or an Avro container file (by the {@code .avro}
 * ending). Each entry is an event or, for a line that is not one, the reason. The producers read
 * local files; a backfill reads any Hadoop file system's through {@link #EventFile(String, InputStream)}.
 */
public final class EventFile implements Iterator<EventFile.Entry>, AutoCloseable {

  /** One line (or Avro record) of the file: its event, or why it is not one. */
  public record Entry(String file, long line, GenericRecord event, String problem) {
    public boolean isValid() {
      return event != null;
    }

    /** {@code file:line}, for messages. */
    public String location() {
      return file + ":" + line;
    }
  }

  private final String file;
  private final BufferedReader json;
  private final DataFileStream<GenericRecord> avro;
  private long line;
  private String nextLine;

  public EventFile(Path file) throws IOException {
    this(file.toString(), open(file));
  }

  /** The events of {@code in}, the content of the file named {@code name}; closing this closes {@code in}. */
  public EventFile(String name, InputStream in) throws IOException {
    this.file = name;
    if (name.endsWith(".avro")) {
      try {
        this.avro = new DataFileStream<>(in, new GenericDatumReader<>());
      } catch (IOException e) {
        in.close();
        throw new IOException(name + ": not an Avro container file (" + e.getMessage() + ")", e);
      }
      String events = AdEventSchemas.V1.getFullName();
      if (!avro.getSchema().getFullName().equals(events)) {
        avro.close();
        throw new IOException(name + ": an Avro file of " + avro.getSchema().getFullName() + " records, not " + events);
      }
      this.json = null;
    } else {
      this.avro = null;
      this.json = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
  }

  private static InputStream open(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException(file + ": no such file");
    }
    return Files.newInputStream(file);
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
