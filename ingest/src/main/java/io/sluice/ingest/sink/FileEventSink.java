package io.sluice.ingest.sink;

import io.sluice.schemas.AdEventSchemas;
import io.sluice.serde.file.JsonEvents;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;

/** Writes events to a file: JSON Lines, or an Avro container file when the name ends in {@code .avro}. */
public final class FileEventSink implements EventSink {

  private final BufferedWriter json;
  private final DataFileWriter<GenericRecord> avro;
  private long written;

  public FileEventSink(Path file) {
    try {
      if (file.toAbsolutePath().getParent() != null) {
        Files.createDirectories(file.toAbsolutePath().getParent());
      }
      if (file.getFileName().toString().endsWith(".avro")) {
        json = null;
        // Generated events carry event_time as an Instant, generic ones as a long: the conversion takes both.
        GenericData model = new GenericData();
        model.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
        avro = new DataFileWriter<GenericRecord>(new GenericDatumWriter<>(AdEventSchemas.V1, model))
            .setCodec(CodecFactory.deflateCodec(6)).create(AdEventSchemas.V1, file.toFile());
      } else {
        avro = null;
        json = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void send(GenericRecord event) {
    try {
      if (avro != null) {
        avro.append(event);
      } else {
        json.write(JsonEvents.format(event));
        json.write('\n');
      }
      written++;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void flush() {
    try {
      if (avro != null) {
        avro.flush();
      } else {
        json.flush();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public long written() {
    return written;
  }

  @Override
  public void close() {
    try {
      if (avro != null) {
        avro.close();
      } else {
        json.close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
