package io.sluice.jobs.sink;

import com.datastax.oss.driver.api.core.CqlSession;
import io.sluice.jobs.JobEndpoints;
import io.sluice.schemas.cql.CassandraSessions;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One driver session per executor JVM and cluster, opened on first use and closed when the JVM
 * ends: sessions are expensive, and tasks come and go many times a second.
 */
public final class Sessions {

  private static final Map<String, CqlSession> SESSIONS = new ConcurrentHashMap<>();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> SESSIONS.values().forEach(CqlSession::close),
        "sluice-cassandra-close"));
  }

  private Sessions() {
  }

  public static CqlSession of(JobEndpoints endpoints) {
    return SESSIONS.computeIfAbsent(endpoints.cassandraContactPoints() + "/" + endpoints.cassandraLocalDc(),
        key -> CassandraSessions.open(endpoints.cassandra()));
  }
}
