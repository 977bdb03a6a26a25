package io.sluice.jobs.sink;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import io.sluice.jobs.JobEndpoints;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The jobs' sink: each micro-batch's updated aggregate rows are upserted into Cassandra with the
 * Java driver, from the executors, with a bounded number of writes in flight. A re-run batch
 * rewrites the same keys with the same complete counts, so results stay exact after a restart.
 */
public final class CassandraUpsertSink implements VoidFunction2<Dataset<Row>, Long> {

  private static final long serialVersionUID = 1L;
  private static final int IN_FLIGHT = 128;
  private static final Map<String, PreparedStatement> PREPARED = new ConcurrentHashMap<>();

  private final JobEndpoints endpoints;
  private final List<Upsert> upserts;

  public CassandraUpsertSink(JobEndpoints endpoints, List<Upsert> upserts) {
    this.endpoints = endpoints;
    this.upserts = List.copyOf(upserts);
  }

  @Override
  public void call(Dataset<Row> batch, Long batchId) {
    JobEndpoints e = endpoints;
    List<Upsert> u = upserts;
    batch.foreachPartition((Iterator<Row> rows) -> write(e, u, rows));
  }

  static void write(JobEndpoints endpoints, List<Upsert> upserts, Iterator<Row> rows) {
    CqlSession session = Sessions.of(endpoints);
    ConsistencyLevel consistency = DefaultConsistencyLevel.valueOf(endpoints.writeConsistency());
    List<PreparedStatement> statements = new ArrayList<>();
    for (Upsert upsert : upserts) {
      String cql = upsert.cql().replace("${keyspace}", endpoints.keyspace());
      statements.add(PREPARED.computeIfAbsent(endpoints.cassandraContactPoints() + cql, k -> session.prepare(cql)));
    }
    List<CompletableFuture<?>> inFlight = new ArrayList<>();
    while (rows.hasNext()) {
      Row row = rows.next();
      Instant now = Instant.now();
      for (int i = 0; i < upserts.size(); i++) {
        if (!upserts.get(i).takes(row)) {
          continue;
        }
        BoundStatement bound = statements.get(i).bind(upserts.get(i).values(row, now).toArray())
            .setConsistencyLevel(consistency).setIdempotent(true);
        inFlight.add(session.executeAsync(bound).toCompletableFuture());
      }
      if (inFlight.size() >= IN_FLIGHT) {
        awaitAll(inFlight);
      }
    }
    awaitAll(inFlight);
  }

  private static void awaitAll(List<CompletableFuture<?>> futures) {
    CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0])).join();
    futures.clear();
  }
}
