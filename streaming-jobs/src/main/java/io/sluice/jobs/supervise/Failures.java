package io.sluice.jobs.supervise;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.NoNodeAvailableException;
import com.datastax.oss.driver.api.core.servererrors.ReadTimeoutException;
import com.datastax.oss.driver.api.core.servererrors.UnavailableException;
import com.datastax.oss.driver.api.core.servererrors.WriteTimeoutException;
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

  /** The transient cause in {@code failure}'s cause chain, or null when the failure is permanent. */
  public static Throwable transientCause(Throwable failure) {
    Set<Throwable> seen = new HashSet<>();
    for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
      for (Class<? extends Throwable> type : TRANSIENT) {
        if (type.isInstance(t)) {
          return t;
        }
      }
    }
    return null;
  }
}
