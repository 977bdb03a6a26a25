package io.sluice.stack.cassandra;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.auth.AuthenticationException;
import io.sluice.config.Secret;
import io.sluice.config.access.CassandraRoles;
import io.sluice.config.access.SluicePrincipal;
import io.sluice.config.tls.PemTrust;
import io.sluice.stack.StackException;
import io.sluice.stack.StackLayout;
import io.sluice.stack.security.Login;
import io.sluice.stack.security.StackSecurity;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A secure node: logins checked by {@code PasswordAuthenticator}, permissions by
 * {@code CassandraAuthorizer}, clients only over TLS; its roles are {@link CassandraRoles}'.
 */
public final class SecureCassandra {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private SecureCassandra() {
  }

  /** The {@code cassandra.yaml} lines of a secure node. */
  static String yaml(StackSecurity security) {
    return String.join("\n",
        "authenticator: PasswordAuthenticator",
        "authorizer: CassandraAuthorizer",
        "role_manager: CassandraRoleManager",
        "client_encryption_options:",
        "  enabled: true",
        "  optional: false",
        "  keystore: " + security.serverKeystore(),
        "  keystore_password: " + security.keystorePassword().reveal(),
        "  store_type: PKCS12");
  }

  /**
   * Ready when the node answers a TLS client's login: the admin's, or before the stack has set up its
   * roles, the default superuser's (which Cassandra creates a moment after it starts listening).
   */
  static boolean answers(String host, int port, StackSecurity security) {
    for (Login login : List.of(security.login(SluicePrincipal.ADMIN), defaultSuperuser(security))) {
      try (CqlSession session = session(host, port, login)) {
        return session.execute("SELECT release_version FROM system.local").one() != null;
      } catch (AllNodesFailedException e) {
        if (!isLoginRefused(e)) {
          throw e;
        }
      }
    }
    return false;
  }

  /**
   * Replaces the default superuser by the stack's admin and creates the other principals' roles with
   * their passwords ({@link CassandraRoles#setUp}). Idempotent.
   */
  public static void setUpRoles(StackLayout layout, StackSecurity security) {
    String host = StackLayout.cassandraHost(1);
    Map<SluicePrincipal, Secret> passwords = new EnumMap<>(SluicePrincipal.class);
    for (SluicePrincipal principal : SluicePrincipal.values()) {
      passwords.put(principal, security.login(principal).password());
    }
    try {
      CassandraRoles.setUp((role, password) -> {
        try {
          CqlSession session = session(host, layout.cassandraPort(), new Login(role, password, security.caPem()));
          return CassandraRoles.Session.of(cql -> session.execute(cql).one() != null, session::close);
        } catch (AllNodesFailedException e) {
          if (isLoginRefused(e)) {
            throw new CassandraRoles.LoginRefused(e.getMessage(), e);
          }
          throw e;
        }
      }, security.login(SluicePrincipal.ADMIN).password(), passwords);
    } catch (CassandraRoles.LoginRefused e) {
      throw new StackException(e.getMessage() + "; start over with --clean", e);
    }
  }

  private static Login defaultSuperuser(StackSecurity security) {
    return new Login(CassandraRoles.DEFAULT_SUPERUSER, Secret.of(CassandraRoles.DEFAULT_SUPERUSER), security.caPem());
  }

  private static CqlSession session(String host, int port, Login login) {
    return CassandraNode.sessionBuilder(host, port, TIMEOUT)
        .withAuthCredentials(login.username(), login.password().reveal())
        .withSslContext(PemTrust.sslContext(login.caPem()))
        .build();
  }

  private static boolean isLoginRefused(AllNodesFailedException e) {
    return e.getAllErrors().values().stream().flatMap(List::stream)
        .anyMatch(error -> error instanceof AuthenticationException);
  }
}
