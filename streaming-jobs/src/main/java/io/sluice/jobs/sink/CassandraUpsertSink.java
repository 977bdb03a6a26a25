package io.sluice.jobs.sink;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.DriverException;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import io.sluice.jobs.JobEndpoints;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.util.CollectionAccumulator;

/**
 * The jobs' sink: each micro-batch's updated aggregate rows are upserted into Cassandra with the
 * Java driver, from the executors, with a bounded number of writes in flight. A re-run batch
 * rewrites the same keys with the same complete counts, so results stay exact after a restart.
 */
public final class CassandraUpsertSink implements VoidFunction2<Dataset<Row>, Long> {

  private static final long serialVersionUID = 1L;
  private static final int IN_FLIGHT = 128;
  /** Rows of one partition in one batch. */
  private static final int MAX_BATCH = 25;
  /** Bytes of one batch: under Cassandra's 5 KiB warning (and far under its 50 KiB failure threshold). */
  private static final int MAX_BATCH_BYTES = 5 * 1024 - 256;
  private static final Map<String, PreparedStatement> PREPARED = new ConcurrentHashMap<>();

  /** Told how long each partition's upserts of a micro-batch took, and of a batch that Cassandra failed. */
  public interface Timing {
    void upserted(List<Long> partitionNanos);

    void upsertFailed(Throwable cassandraError);
  }

  private final JobEndpoints endpoints;
  private final List<Upsert> upserts;
  private final CollectionAccumulator<Long> writeNanos;
  /** Driver side only: foreachBatch runs this function on the driver, never ships it. */
  private final transient Timing timing;

  /** {@code writeNanos} collects, from the executors, how long each partition's writes took. */
  public CassandraUpsertSink(JobEndpoints endpoints, List<Upsert> upserts, CollectionAccumulator<Long> writeNanos,
                             Timing timing) {
    this.endpoints = endpoints;
    this.upserts = List.copyOf(upserts);
    this.writeNanos = writeNanos;
    this.timing = timing;
  }

  @Override
  public void call(Dataset<Row> batch, Long batchId) {
    JobEndpoints e = endpoints;
    List<Upsert> u = upserts;
    CollectionAccumulator<Long> nanos = writeNanos;
    // The action below runs the whole micro-batch (read, decode, state); only the writes are timed, on the executors.
    nanos.reset();
    try {
      batch.foreachPartition((Iterator<Row> rows) -> write(e, u, rows, nanos));
    } catch (RuntimeException failure) {
      Throwable cassandra = cassandraCause(failure);
      if (cassandra != null && timing != null) {
        timing.upsertFailed(cassandra);
      }
      throw failure;
    }
    if (timing != null) {
      timing.upserted(List.copyOf(nanos.value()));
    }
  }

  /** The Cassandra driver's error in {@code failure}'s causes (as a task's failure reaches the driver), if any. */
  static Throwable cassandraCause(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof DriverException || String.valueOf(t.getMessage()).contains(DriverException.class.getPackageName())) {
        return t;
      }
    }
    return null;
  }

  /** Upserts one partition's rows, from an executor. */
  public static void write(JobEndpoints endpoints, List<Upsert> upserts, Iterator<Row> rows) {
    write(endpoints, upserts, rows, null);
  }

  /** The same, adding the time its writes took (from the first sent to the last acknowledged) to {@code nanos}. */
  static void write(JobEndpoints endpoints, List<Upsert> upserts, Iterator<Row> rows,
                    CollectionAccumulator<Long> nanos) {
    CqlSession session = Sessions.of(endpoints);
    ConsistencyLevel consistency = DefaultConsistencyLevel.valueOf(endpoints.writeConsistency());
    List<PreparedStatement> statements = new ArrayList<>();
    for (Upsert upsert : upserts) {
      String cql = upsert.cql().replace("${keyspace}", endpoints.keyspace());
      statements.add(PREPARED.computeIfAbsent(endpoints.cassandraContactPoints() + cql, k -> session.prepare(cql)));
    }
    // Upserts into one partition of one table go as one unlogged batch: one request and one
    // mutation instead of one each (a by-window table gets a row per campaign in one partition).
    Map<List<Object>, List<BoundStatement>> byPartition = new LinkedHashMap<>();
    while (rows.hasNext()) {
      Row row = rows.next();
      Instant now = Instant.now();
      for (int i = 0; i < upserts.size(); i++) {
        if (upserts.get(i).takes(row)) {
          BoundStatement bound = statements.get(i).bind(upserts.get(i).values(row, now).toArray());
          byPartition.computeIfAbsent(partitionOf(i, bound), k -> new ArrayList<>()).add(bound);
        }
      }
    }
    List<CompletableFuture<?>> inFlight = new ArrayList<>();
    long start = System.nanoTime();
    for (List<BoundStatement> partition : byPartition.values()) {
      for (List<BoundStatement> chunk : chunks(partition, session)) {
        Statement<?> statement = chunk.size() == 1 ? chunk.get(0)
            : BatchStatement.newInstance(DefaultBatchType.UNLOGGED, chunk.toArray(new BoundStatement[0]));
        inFlight.add(session.executeAsync(statement.setConsistencyLevel(consistency).setIdempotent(true))
            .toCompletableFuture());
        if (inFlight.size() >= IN_FLIGHT) {
          awaitAll(inFlight);
        }
      }
    }
    awaitAll(inFlight);
    if (nanos != null && !byPartition.isEmpty()) {
      nanos.add(System.nanoTime() - start);
    }
  }

  /**
   * A partition's upserts cut into batches of at most {@value #MAX_BATCH} rows and
   * {@value #MAX_BATCH_BYTES} bytes; a row larger than that (a minute's users sketch) goes alone.
   */
  static List<List<BoundStatement>> chunks(List<BoundStatement> partition, CqlSession session) {
    List<List<BoundStatement>> chunks = new ArrayList<>();
    List<BoundStatement> chunk = new ArrayList<>();
    int bytes = 0;
    for (BoundStatement upsert : partition) {
      int size = upsert.computeSizeInBytes(session.getContext());
      if (!chunk.isEmpty() && (chunk.size() == MAX_BATCH || bytes + size > MAX_BATCH_BYTES)) {
        chunks.add(chunk);
        chunk = new ArrayList<>();
        bytes = 0;
      }
      chunk.add(upsert);
      bytes += size;
    }
    if (!chunk.isEmpty()) {
      chunks.add(chunk);
    }
    return chunks;
  }

  /** The upsert's index and the values of its table's partition key: rows that may share a batch. */
  private static List<Object> partitionOf(int upsert, BoundStatement bound) {
    List<Object> key = new ArrayList<>();
    key.add(upsert);
    for (int index : bound.getPreparedStatement().getPartitionKeyIndices()) {
      key.add(bound.getBytesUnsafe(index));
    }
    return key;
  }

  private static void awaitAll(List<CompletableFuture<?>> futures) {
    CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0])).join();
    futures.clear();
  }
}
