package io.sluice.stack.security;

import io.sluice.config.Secret;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How a client logs in to every server of a secure stack: one user name and password, valid on
 * Kafka (SCRAM-SHA-512), Cassandra and the registry, and the CA that signed the servers' certificates.
 */
public record Login(String username, Secret password, Path caPem) {

  public Login {
    Objects.requireNonNull(username);
    Objects.requireNonNull(password);
    Objects.requireNonNull(caPem);
  }

  /** {@code user:password}, as HTTP basic authentication takes it. */
  public Secret userInfo() {
    return Secret.of(username + ":" + password.reveal());
  }

  /** The same user with another password: for tests that must be refused. */
  public Login withPassword(Secret other) {
    return new Login(username, other, caPem);
  }
}
