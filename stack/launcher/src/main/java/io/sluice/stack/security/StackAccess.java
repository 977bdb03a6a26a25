package io.sluice.stack.security;

import io.sluice.config.access.SluicePrincipal;
import io.sluice.config.KafkaClientProperties;
import io.sluice.stack.StackException;
import io.sluice.stack.StackLayout;
import io.sluice.stack.cassandra.SecureCassandra;
import io.sluice.config.access.KafkaAccess;
import java.util.HashMap;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;

/**
 * Who may do what on a secure stack, applied once its servers answer: Kafka's topics and ACLs, and
 * Cassandra's roles. Runs on every {@code up}, so a stack made before a grant was added gets it too.
 */
public final class StackAccess {

  /** Partitions of the events topic and its dead-letter topic, as the brokers' default would make them. */
  private static final int PARTITIONS = 2;

  private StackAccess() {
  }

  public static void grant(StackLayout layout, StackSecurity security, String eventsTopic, Consumer<String> progress) {
    String deadLetters = eventsTopic + ".dlq";
    try (Admin admin = Admin.create(new HashMap<>(KafkaClientProperties.of(
        layout.endpoints().withLogin(security.login(SluicePrincipal.ADMIN)).kafka())))) {
      KafkaAccess.grant(admin, eventsTopic, deadLetters, PARTITIONS);
    } catch (Exception e) {
      throw new StackException("Cannot create the topics and ACLs of the secure stack: " + e.getMessage(), e);
    }
    progress.accept("Kafka: topics " + eventsTopic + " and " + deadLetters + " with ACLs for "
        + SluicePrincipal.PRODUCER.username() + " and " + SluicePrincipal.JOB.username());
    SecureCassandra.setUpRoles(layout, security);
    progress.accept("Cassandra: default superuser replaced by " + SluicePrincipal.ADMIN.username() + "; roles for "
        + SluicePrincipal.MIGRATOR.username() + ", " + SluicePrincipal.JOB.username() + ", "
        + SluicePrincipal.DASHBOARD.username());
  }
}
