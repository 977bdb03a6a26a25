package io.sluice.ingest.sink;

import org.apache.avro.generic.GenericRecord;

/** Where producers put events: a Kafka topic or a file. */
public interface EventSink extends AutoCloseable {

  /** Sends one event; may return before it is written. Throws once an earlier send has failed. */
  void send(GenericRecord event);

  /** Blocks until every event sent so far is written. */
  void flush();

  /** Events confirmed written. */
  long written();

  /** Events whose write failed. */
  default long failed() {
    return 0;
  }

  /** Flushes and releases the sink. */
  @Override
  void close();
}
