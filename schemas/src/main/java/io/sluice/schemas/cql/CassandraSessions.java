package io.sluice.schemas.cql;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import io.sluice.config.Config;
import io.sluice.config.ConfigException;
import io.sluice.config.SharedSettings;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Opens driver sessions from the shared Cassandra settings. */
public final class CassandraSessions {

  private CassandraSessions() {
  }

  public static CqlSession open(Config config) {
    return CqlSession.builder()
        .addContactPoints(contactPoints(config.get(SharedSettings.CASSANDRA_CONTACT_POINTS)))
        .withLocalDatacenter(config.get(SharedSettings.CASSANDRA_LOCAL_DC))
        .withConfigLoader(DriverConfigLoader.programmaticBuilder()
            .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(10))
            .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, Duration.ofSeconds(10))
            .build())
        .build();
  }

  /** Parses {@code host:port[,host:port...]}; the error names the setting. */
  public static List<InetSocketAddress> contactPoints(String text) {
    List<InetSocketAddress> points = new ArrayList<>();
    for (String part : text.split(",")) {
      String p = part.trim();
      int colon = p.lastIndexOf(':');
      try {
        points.add(new InetSocketAddress(p.substring(0, colon), Integer.parseInt(p.substring(colon + 1))));
      } catch (RuntimeException e) {
        throw new ConfigException("Invalid value '" + text + "' for " + SharedSettings.CASSANDRA_CONTACT_POINTS.name()
            + ": each contact point is host:port");
      }
    }
    return points;
  }
}
