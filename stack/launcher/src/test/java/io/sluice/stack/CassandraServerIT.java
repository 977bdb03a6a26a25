package io.sluice.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.Row;
import io.sluice.stack.junit.LocalStackExtension;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The stack's Cassandra is a real node: a keyspace and table can be created, written and read over CQL. */
@ExtendWith(LocalStackExtension.class)
class CassandraServerIT {

  @Test
  void createsInsertsAndSelects(StackEndpoints stack) {
    Instant windowStart = Instant.parse("2026-01-01T00:00:10Z");
    try (CqlSession session = connect(stack)) {
      session.execute("CREATE KEYSPACE IF NOT EXISTS stack_it WITH replication ="
          + " {'class': 'SimpleStrategy', 'replication_factor': 1}");
      session.execute("CREATE TABLE IF NOT EXISTS stack_it.counts (campaign_id text, window_start timestamp,"
          + " views bigint, PRIMARY KEY (campaign_id, window_start))");
      session.execute("INSERT INTO stack_it.counts (campaign_id, window_start, views) VALUES (?, ?, ?)",
          "campaign-7", windowStart, 42L);
      session.execute("INSERT INTO stack_it.counts (campaign_id, window_start, views) VALUES (?, ?, ?)",
          "campaign-7", windowStart, 43L);

      List<Row> rows = session.execute("SELECT window_start, views FROM stack_it.counts WHERE campaign_id = ?",
          "campaign-7").all();

      assertThat(rows).hasSize(1);
      assertThat(rows.get(0).getInstant("window_start")).isEqualTo(windowStart.truncatedTo(ChronoUnit.MILLIS));
      assertThat(rows.get(0).getLong("views")).as("an insert with the same key overwrites").isEqualTo(43L);
    }
  }

  static CqlSession connect(StackEndpoints stack) {
    String first = stack.cassandraContactPoints().split(",")[0];
    int colon = first.lastIndexOf(':');
    return CqlSession.builder()
        .addContactPoint(new InetSocketAddress(first.substring(0, colon), Integer.parseInt(first.substring(colon + 1))))
        .withLocalDatacenter(stack.cassandraLocalDc())
        // Schema changes on a busy two-core machine can take longer than the driver's default 2 s.
        .withConfigLoader(DriverConfigLoader.programmaticBuilder()
            .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(30)).build())
        .build();
  }
}
