package io.sluice.jobs.supervise;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.NoNodeAvailableException;
import com.datastax.oss.driver.api.core.servererrors.ReadTimeoutException;
import com.datastax.oss.driver.api.core.servererrors.UnauthorizedException;
import com.datastax.oss.driver.api.core.servererrors.UnavailableException;
import com.datastax.oss.driver.api.core.servererrors.WriteTimeoutException;
import io.sluice.config.Config;
import io.sluice.config.KafkaAccessErrors;
import io.sluice.config.KafkaClientProperties;
import io.sluice.config.SharedSettings;
import io.sluice.config.cli.CommandFailedException;
import io.sluice.schemas.cql.CassandraAccessException;
import io.sluice.serde.registry.RegistryUnavailableException;
import java.net.ConnectException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.errors.RetriableException;

/**
 * Sorts a failed query's cause into transient, worth a restart from the checkpoint, or permanent.
 * Only failures known to pass when a server comes back are transient: a bad setting, a corrupt
 * checkpoint or a bug fails the same way again, and restarting it would only hide it.
 */
public final class Failures {

  private static final List<Class<? extends Throwable>> TRANSIENT = List.of(
      RetriableException.class,                  // Kafka: leader moved, broker unreachable, timeouts
      org.apache.kafka.common.errors.TimeoutException.class,
      RegistryUnavailableException.class,        // the schema registry did not answer or answered 5xx
      AllNodesFailedException.class,             // Cassandra: no node answered
      NoNodeAvailableException.class,
      DriverTimeoutException.class,
      UnavailableException.class,                // too few replicas alive for the consistency level
      WriteTimeoutException.class,
      ReadTimeoutException.class,
      ConnectException.class);

  private Failures() {
  }

  /**
   * A refused login, handshake or permission: retrying with the same settings is refused again, so
   * the job stops at once and says which setting to fix. Checked before {@link #TRANSIENT}, whose
   * Cassandra "no node answered" also wraps a refused login.
   */
  private static final List<Class<? extends Throwable>> ACCESS_REFUSED = List.of(
      org.apache.kafka.common.errors.AuthenticationException.class,  // SASL login or TLS handshake
      org.apache.kafka.common.errors.AuthorizationException.class,   // an ACL
      CassandraAccessException.class,
      com.datastax.oss.driver.api.core.auth.AuthenticationException.class,
      UnauthorizedException.class);                                   // a Cassandra permission

  /** The transient cause in {@code failure}'s cause chain, or null when the failure is permanent. */
  public static Throwable transientCause(Throwable failure) {
    return accessRefused(failure) != null ? null : firstInChain(failure, TRANSIENT);
  }

  /**
   * {@code failure} as the job reports it: a refused access as one message naming the server, the
   * principal and the setting to fix; anything else as it is.
   */
  public static Exception explained(Exception failure, Config config) {
    Throwable refusal = accessRefused(failure);
    if (refusal == null) {
      return failure;
    }
    if (refusal instanceof CassandraAccessException) {
      return new CommandFailedException(refusal.getMessage(), failure);
    }
    if (refusal instanceof UnauthorizedException) {
      return new CommandFailedException("Cassandra at " + config.get(SharedSettings.CASSANDRA_CONTACT_POINTS)
          + " does not allow role '" + config.get(SharedSettings.CASSANDRA_USERNAME) + "' this: "
          + refusal.getMessage() + ". Grant it (sluice migrate --cassandra-grant-writer ROLE) or set "
          + SharedSettings.CASSANDRA_USERNAME.name() + " (CASSANDRA_USERNAME) to a role that has it", failure);
    }
    return new CommandFailedException(KafkaAccessErrors.explain(failure, KafkaClientProperties.of(config))
        .orElse(refusal.getMessage()), failure);
  }

  /** The refusal in {@code failure}'s cause chain, or null. */
  public static Throwable accessRefused(Throwable failure) {
    return firstInChain(failure, ACCESS_REFUSED);
  }

  private static Throwable firstInChain(Throwable failure, List<Class<? extends Throwable>> types) {
    Set<Throwable> seen = new HashSet<>();
    for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
      for (Class<? extends Throwable> type : types) {
        if (type.isInstance(t)) {
          return t;
        }
      }
    }
    return null;
  }
}
