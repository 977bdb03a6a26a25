package io.sluice.schemas.cql;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.auth.AuthenticationException;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.config.ProgrammaticDriverConfigLoaderBuilder;
import io.sluice.config.Config;
import io.sluice.config.ConfigException;
import io.sluice.config.Secret;
import io.sluice.config.SharedSettings;
import io.sluice.config.tls.PemTrust;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLException;

/**
 * Opens driver sessions from the shared Cassandra settings. The login goes through the driver's own
 * options ({@code advanced.auth-provider.username/password}); TLS trusts the CA of
 * {@link SharedSettings#CASSANDRA_SSL_CA_LOCATION}. A refused login or handshake fails at once with a
 * message naming the node, the role and the setting to fix.
 */
public final class CassandraSessions {

  private CassandraSessions() {
  }

  public static CqlSession open(Config config) {
    return open(config, config.get(SharedSettings.CASSANDRA_USERNAME), config.get(SharedSettings.CASSANDRA_PASSWORD));
  }

  /** As {@link #open(Config)}, logged in as another role: for a setup that makes the roles. */
  public static CqlSession open(Config config, String username, Secret password) {
    String contactPoints = config.get(SharedSettings.CASSANDRA_CONTACT_POINTS);
    Path ca = config.get(SharedSettings.CASSANDRA_SSL_CA_LOCATION);
    ProgrammaticDriverConfigLoaderBuilder driverConfig = DriverConfigLoader.programmaticBuilder()
        .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(10))
        .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, Duration.ofSeconds(10));
    if (username != null) {
      if (password == null) {
        throw new ConfigException("Missing " + SharedSettings.CASSANDRA_PASSWORD.name() + " for "
            + SharedSettings.CASSANDRA_USERNAME.name() + " '" + username + "': set CASSANDRA_PASSWORD or put "
            + SharedSettings.CASSANDRA_PASSWORD.name() + " in the config file");
      }
      driverConfig.withString(DefaultDriverOption.AUTH_PROVIDER_CLASS, "PlainTextAuthProvider")
          .withString(DefaultDriverOption.AUTH_PROVIDER_USER_NAME, username)
          .withString(DefaultDriverOption.AUTH_PROVIDER_PASSWORD, password.reveal());
    }
    CqlSessionBuilder builder = CqlSession.builder()
        .addContactPoints(contactPoints(contactPoints))
        .withLocalDatacenter(config.get(SharedSettings.CASSANDRA_LOCAL_DC))
        .withConfigLoader(driverConfig.build());
    if (ca != null) {
      builder.withSslContext(PemTrust.sslContext(ca));
    }
    try {
      return builder.build();
    } catch (AllNodesFailedException e) {
      throw refused(e, contactPoints, username, ca);
    }
  }

  private static RuntimeException refused(AllNodesFailedException e, String contactPoints, String username, Path ca) {
    String role = username == null ? "no login (" + SharedSettings.CASSANDRA_USERNAME.name() + " unset)"
        : "role '" + username + "'";
    for (List<Throwable> errors : e.getAllErrors().values()) {
      for (Throwable error : errors) {
        if (error instanceof AuthenticationException) {
          return new CassandraAccessException("Cassandra at " + contactPoints + " refused the login of " + role + ": "
              + error.getMessage() + ". Check " + SharedSettings.CASSANDRA_USERNAME.name() + " and "
              + SharedSettings.CASSANDRA_PASSWORD.name() + " (CASSANDRA_USERNAME, CASSANDRA_PASSWORD)", e);
        }
        if (causedBy(error, SSLException.class)) {
          return new CassandraAccessException("TLS handshake with Cassandra at " + contactPoints + " failed ("
              + rootMessage(error) + "). " + (ca == null ? "Set " + SharedSettings.CASSANDRA_SSL_CA_LOCATION.name()
              + " to the CA of its certificates" : "Check that " + ca + " (" + SharedSettings
              .CASSANDRA_SSL_CA_LOCATION.name() + ") holds the CA of its certificates"), e);
        }
      }
    }
    if (ca == null) {
      return new CassandraAccessException("Cannot connect to Cassandra at " + contactPoints + " as " + role + ": "
          + e.getMessage() + ". If it requires TLS, set " + SharedSettings.CASSANDRA_SSL_CA_LOCATION.name()
          + " (CASSANDRA_SSL_CA_LOCATION)", e);
    }
    return e;
  }

  private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private static String rootMessage(Throwable error) {
    Throwable t = error;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return Objects.toString(t.getMessage(), t.getClass().getSimpleName());
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
