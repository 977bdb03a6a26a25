package io.sluice.stack.cassandra;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.auth.AuthenticationException;
import io.sluice.config.Secret;
import io.sluice.config.tls.PemTrust;
import io.sluice.stack.StackException;
import io.sluice.stack.StackLayout;
import io.sluice.stack.security.Login;
import io.sluice.stack.security.StackPrincipal;
import io.sluice.stack.security.StackSecurity;
import java.time.Duration;
import java.util.List;

/**
 * A secure node: logins checked by {@code PasswordAuthenticator}, permissions by
 * {@code CassandraAuthorizer}, clients only over TLS. The stack's admin replaces Cassandra's
 * default {@code cassandra} superuser, and the migrator may create keyspaces, which it then owns.
 */
public final class SecureCassandra {

  /** Cassandra's built-in superuser, dropped once the stack's admin exists. */
  private static final String DEFAULT_SUPERUSER = "cassandra";
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
    for (Login login : List.of(security.login(StackPrincipal.ADMIN), defaultSuperuser(security))) {
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
   * their passwords; the migrator may create keyspaces. Tables are granted by the migrator, which
   * owns them ({@code sluice migrate --cassandra-writer-role/--cassandra-reader-role}). Idempotent.
   */
  public static void setUpRoles(StackLayout layout, StackSecurity security) {
    String host = StackLayout.cassandraHost(1);
    Login admin = security.login(StackPrincipal.ADMIN);
    try (CqlSession session = session(host, layout.cassandraPort(), admin)) {
      createRoles(session, security);
      return;
    } catch (AllNodesFailedException e) {
      if (!isLoginRefused(e)) {
        throw e;
      }
    }
    // First start: only the default superuser exists.
    try (CqlSession bootstrap = session(host, layout.cassandraPort(), defaultSuperuser(security))) {
      bootstrap.execute("CREATE ROLE IF NOT EXISTS " + quote(admin.username()) + " WITH SUPERUSER = true AND LOGIN = true"
          + " AND PASSWORD = '" + admin.password().reveal() + "'");
    } catch (AllNodesFailedException e) {
      throw new StackException("Cassandra refused both the stack's admin and its default superuser: the node's"
          + " roles are not the stack's (" + e.getMessage() + "); start over with --clean", e);
    }
    try (CqlSession session = session(host, layout.cassandraPort(), admin)) {
      session.execute("DROP ROLE IF EXISTS " + DEFAULT_SUPERUSER);
      createRoles(session, security);
    }
  }

  private static void createRoles(CqlSession session, StackSecurity security) {
    for (StackPrincipal principal : StackPrincipal.values()) {
      if (principal == StackPrincipal.ADMIN) {
        continue;
      }
      Login login = security.login(principal);
      session.execute("CREATE ROLE IF NOT EXISTS " + quote(login.username()) + " WITH LOGIN = true AND PASSWORD = '"
          + login.password().reveal() + "'");
    }
    session.execute("GRANT CREATE ON ALL KEYSPACES TO " + quote(StackPrincipal.MIGRATOR.username()));
  }

  private static Login defaultSuperuser(StackSecurity security) {
    return new Login(DEFAULT_SUPERUSER, Secret.of(DEFAULT_SUPERUSER), security.caPem());
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

  static String quote(String role) {
    return "\"" + role.replace("\"", "\"\"") + "\"";
  }
}
