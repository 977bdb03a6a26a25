package io.sluice.ingest.expected;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.sluice.schemas.cql.Tables.Columns;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The jobs' tables as sorted CSV lines, in the layout of the files {@link ExpectedAggregates} writes. */
public final class AggregateTables {

  public static final String[] WINDOW_COUNT_COLUMNS = {Columns.VIEWS};
  public static final String[] MINUTE_STATS_COLUMNS = {Columns.VIEWS, Columns.CLICKS, Columns.PURCHASES,
      Columns.UNIQUE_USERS, Columns.CTR};

  private AggregateTables() {
  }

  public static List<String> rows(CqlSession session, String keyspace, String table, String... valueColumns) {
    return rows(session, DefaultConsistencyLevel.LOCAL_ONE, keyspace, table, valueColumns);
  }

  /** The rows read at {@code consistency}: ALL sees what every replica holds, not what the nearest one does. */
  public static List<String> rows(CqlSession session, ConsistencyLevel consistency, String keyspace, String table,
                                  String... valueColumns) {
    List<String> rows = new ArrayList<>();
    session.execute(SimpleStatement.newInstance("SELECT * FROM " + keyspace + "." + table)
        .setConsistencyLevel(consistency)).forEach(r -> {
      StringBuilder line = new StringBuilder(r.getString(Columns.CAMPAIGN_ID)).append(',')
          .append(r.getInstant(Columns.WINDOW_START)).append(',').append(r.getInstant(Columns.WINDOW_END));
      for (String column : valueColumns) {
        line.append(',').append(r.getObject(column));
      }
      rows.add(line.toString());
    });
    rows.sort(null);
    return rows;
  }

  public static List<String> expected(Path file) throws IOException {
    List<String> lines = new ArrayList<>(Files.readAllLines(file));
    lines.remove(0);
    lines.sort(null);
    return lines;
  }
}
