package io.sluice.jobs.decode;

import io.sluice.jobs.JobEndpoints;
import io.sluice.jobs.PartitionIterators;
import io.sluice.jobs.deadletter.DeadLetters;
import io.sluice.serde.ConfluentAvroCodec;
import io.sluice.serde.DecodeException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;
import scala.collection.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The first step of every job, over the raw Kafka rows of one partition: decodes each record into
 * an AdEvent (resolved to the job's reader schema) and sends the undecodable ones, with their
 * reason, to the dead-letter topic. The partition's dead letters are flushed when its last record
 * has been read, before the batch can commit.
 */
public final class DecodeRecords implements EventDecoding {

  private static final long serialVersionUID = 2L;

  private final JobEndpoints endpoints;
  private final LongAccumulator decoded;
  private final UndecodableCounts undecodable;
  private final boolean publish;

  public DecodeRecords(JobEndpoints endpoints, LongAccumulator decoded, UndecodableCounts deadLettered) {
    this(endpoints, decoded, deadLettered, true);
  }

  private DecodeRecords(JobEndpoints endpoints, LongAccumulator decoded, UndecodableCounts undecodable,
                        boolean publish) {
    this.endpoints = endpoints;
    this.decoded = decoded;
    this.undecodable = undecodable;
    this.publish = publish;
  }

  /**
   * Decodes as the live job does, but only counts the undecodable records: a backfill reads records
   * the live job has already sent to the dead letters, and must not send them twice.
   */
  public static DecodeRecords countingUndecodable(JobEndpoints endpoints, LongAccumulator decoded,
                                                  UndecodableCounts undecodable) {
    return new DecodeRecords(endpoints, decoded, undecodable, false);
  }

  /** The events of {@code kafkaRows}, decoded as they are read. */
  @Override
  public Iterator<GenericRecord> apply(Iterator<Row> kafkaRows) {
    ConfluentAvroCodec codec = EventDecoder.codec(endpoints);
    DeadLetters deadLetters = publish ? DeadLetters.of(endpoints) : null;
    // The partition's dead letters must be written before the batch can commit.
    Runnable atEnd = deadLetters == null ? () -> { } : deadLetters::flush;
    return PartitionIterators.mapDroppingNulls(kafkaRows, row -> decode(row, codec, deadLetters), atEnd);
  }

  /** The event of one Kafka row, or null when it is undecodable (and sent to {@code deadLetters}, if any). */
  private GenericRecord decode(Row kafka, ConfluentAvroCodec codec, DeadLetters deadLetters) {
    byte[] value = kafka.getAs("value");
    try {
      GenericRecord event = (GenericRecord) codec.decode(value);
      decoded.add(1);
      return event;
    } catch (DecodeException e) {
      if (deadLetters != null) {
        deadLetters.publish(endpoints.deadLetterTopic(), kafka.getAs("key"), value, headers(kafka),
            e.reason().code(), e.getMessage(), kafka.getAs("topic"), kafka.<Integer>getAs("partition"),
            kafka.<Long>getAs("offset"));
      }
      undecodable.add(e.reason());
      return null;
    }
  }

  private static List<Header> headers(Row kafka) {
    List<Header> headers = new ArrayList<>();
    int index = kafka.fieldIndex("headers");
    if (kafka.isNullAt(index)) {
      return headers;
    }
    Seq<Row> seq = kafka.getSeq(index);
    for (Row h : CollectionConverters.asJava(seq)) {
      byte[] v = h.getAs("value");
      headers.add(new RecordHeader(h.<String>getAs("key"), v == null ? new byte[0] : v));
    }
    return headers;
  }
}
