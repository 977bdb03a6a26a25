package io.sluice.jobs.decode;

import java.io.Serializable;
import java.util.Iterator;
import org.apache.avro.generic.GenericRecord;
import org.apache.spark.sql.Row;

/**
 * The first step of a job: the events in one partition of its input rows (Kafka records, or the
 * files a backfill reads), decoded lazily, those that are not events left out and accounted for.
 */
@FunctionalInterface
public interface EventDecoding extends Serializable {

  Iterator<GenericRecord> apply(Iterator<Row> rows);
}
