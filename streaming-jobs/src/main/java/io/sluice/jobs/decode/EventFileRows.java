package io.sluice.jobs.decode;

import io.sluice.jobs.PartitionIterators;
import io.sluice.serde.file.EventFile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import org.apache.avro.generic.GenericRecord;
import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The events of event files, as Spark's {@code binaryFile} source gives them (one row per file:
 * its path and content): JSON Lines, or Avro container files by the {@code .avro} ending, read as
 * {@code sluice replay} reads them. A line that is not an event is counted, and the first few of
 * each file are logged with their place and reason.
 */
public final class EventFileRows implements EventDecoding {

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(EventFileRows.class);
  private static final int LOGGED_PER_FILE = 10;

  private final LongAccumulator decoded;
  private final LongAccumulator invalid;

  public EventFileRows(LongAccumulator decoded, LongAccumulator invalid) {
    this.decoded = decoded;
    this.invalid = invalid;
  }

  @Override
  public Iterator<GenericRecord> apply(Iterator<Row> files) {
    return PartitionIterators.concat(PartitionIterators.mapDroppingNulls(files, this::eventsOf, () -> { }));
  }

  private Iterator<GenericRecord> eventsOf(Row file) {
    String path = file.getAs("path");
    byte[] content = file.getAs("content");
    EventFile events;
    try {
      events = new EventFile(path, new ByteArrayInputStream(content));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    long[] logged = {0};
    return PartitionIterators.mapDroppingNulls(events, entry -> {
      if (entry.isValid()) {
        decoded.add(1);
        return entry.event();
      }
      invalid.add(1);
      if (logged[0]++ < LOGGED_PER_FILE) {
        LOG.warn("{}: not an event, left out: {}", entry.location(), entry.problem());
      }
      return null;
    }, () -> { });
  }
}
