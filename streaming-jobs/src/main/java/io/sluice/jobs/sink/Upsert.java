package io.sluice.jobs.sink;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * One CQL upsert per aggregate row: its statement (with {@code ${keyspace}}) and how a row's values
 * fill the statement's markers, in order. The write time is passed in, so every table a row goes
 * to gets the same {@code updated_at}.
 */
public interface Upsert extends Serializable {

  String cql();

  List<Object> values(Row row, java.time.Instant writtenAt);
}
