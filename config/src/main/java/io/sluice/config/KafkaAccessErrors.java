package io.sluice.config;

import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;

/**
 * Turns Kafka's refusals into messages that say which server refused whom, and which setting to
 * fix: Kafka's own messages name neither the principal nor our settings.
 */
public final class KafkaAccessErrors {

  private KafkaAccessErrors() {
  }

  /** The explanation of {@code failure} if a login, TLS handshake or ACL check refused the client of {@code props}. */
  public static Optional<String> explain(Throwable failure, Map<String, ?> props) {
    String server = "Kafka at " + props.get("bootstrap.servers");
    String principal = KafkaClientProperties.principal(props);
    Set<Throwable> seen = new HashSet<>();
    for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
      if (t instanceof SaslAuthenticationException) {
        return Optional.of(server + " refused the login of " + principal + ": " + t.getMessage() + ". Check "
            + SharedSettings.KAFKA_SASL_USERNAME.name() + " and " + SharedSettings.KAFKA_SASL_PASSWORD.name()
            + " (KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD)");
      }
      if (t instanceof SslAuthenticationException || t instanceof SSLException) {
        return Optional.of("TLS handshake with " + server + " failed for " + principal + ": " + t.getMessage()
            + ". Check " + SharedSettings.KAFKA_SECURITY_PROTOCOL.name() + " (KAFKA_SECURITY_PROTOCOL) and "
            + SharedSettings.KAFKA_SSL_CA_LOCATION.name() + " (KAFKA_SSL_CA_LOCATION, the CA of the brokers)");
      }
      if (t instanceof AuthorizationException) {
        return Optional.of(server + " does not allow " + principal + " this: " + t.getMessage() + ". Its ACLs"
            + " must grant it, or set " + SharedSettings.KAFKA_SASL_USERNAME.name()
            + " (KAFKA_SASL_USERNAME) to a principal they grant");
      }
    }
    return Optional.empty();
  }
}
