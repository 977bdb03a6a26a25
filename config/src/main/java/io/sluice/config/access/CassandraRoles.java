package io.sluice.config.access;

import io.sluice.config.Secret;
import java.util.Map;

/**
 * The roles of a secure Sluice on Cassandra (the local stack's and a deployment's): the admin
 * replaces Cassandra's default {@code cassandra} superuser, every other principal gets a login role
 * with its password, and the migrator may create keyspaces, which it then owns. Tables are granted
 * by the migrator ({@code sluice migrate --cassandra-grant-writer/--cassandra-grant-reader}).
 * Driver-free: the caller connects.
 */
public final class CassandraRoles {

  /** Cassandra's built-in superuser (password {@code cassandra}), dropped once the admin exists. */
  public static final String DEFAULT_SUPERUSER = "cassandra";

  private CassandraRoles() {
  }

  /** A session logged in as one role: runs CQL statements. */
  public interface Session extends AutoCloseable {
    /** Runs a statement; true when it returned a row. */
    boolean execute(String cql);

    @Override
    void close();

    /** A session of a driver's: how it runs a statement (and tells whether rows came back) and how it closes. */
    static Session of(java.util.function.Predicate<String> execute, Runnable close) {
      return new Session() {
        @Override
        public boolean execute(String cql) {
          return execute.test(cql);
        }

        @Override
        public void close() {
          close.run();
        }
      };
    }
  }

  /** Logs in; throws {@link LoginRefused} when the node refuses that role and password. */
  @FunctionalInterface
  public interface Connector {
    Session connect(String role, Secret password);
  }

  /** The node refused a login: the role does not exist (yet, or any more) or the password is not its own. */
  public static final class LoginRefused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LoginRefused(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Logs in as the admin (on a first start, as the default superuser, to create the admin), drops the
   * default superuser, creates the other principals' roles and sets their passwords to the ones
   * given. Idempotent. The admin's own password is not changed here: it is the one it logs in with
   * (rotate it with {@code ALTER ROLE} first).
   *
   * @param passwords a password for each principal but the admin, which logs in with {@code admin}
   * @throws LoginRefused when the node refuses both the admin and the default superuser
   */
  public static void setUp(Connector connector, Secret admin, Map<SluicePrincipal, Secret> passwords) {
    String adminRole = SluicePrincipal.ADMIN.username();
    try (Session session = connector.connect(adminRole, admin)) {
      createRoles(session, passwords);
      return;
    } catch (LoginRefused e) {
      // First start: only the default superuser exists.
    }
    try (Session bootstrap = connector.connect(DEFAULT_SUPERUSER, Secret.of(DEFAULT_SUPERUSER))) {
      bootstrap.execute("CREATE ROLE IF NOT EXISTS " + quote(adminRole) + " WITH SUPERUSER = true AND LOGIN = true"
          + " AND PASSWORD = '" + literal(admin) + "'");
    } catch (LoginRefused e) {
      throw new LoginRefused("Cassandra refused both " + adminRole + " and its default superuser "
          + DEFAULT_SUPERUSER + ": the roles on the node are not this deployment's, or the admin's password is"
          + " not the one the node has (" + e.getMessage() + ")", e);
    }
    try (Session session = connector.connect(adminRole, admin)) {
      session.execute("DROP ROLE IF EXISTS " + DEFAULT_SUPERUSER);
      createRoles(session, passwords);
    }
  }

  private static void createRoles(Session session, Map<SluicePrincipal, Secret> passwords) {
    for (SluicePrincipal principal : SluicePrincipal.values()) {
      if (principal == SluicePrincipal.ADMIN) {
        continue;
      }
      Secret password = passwords.get(principal);
      if (password == null) {
        throw new IllegalArgumentException("no password for " + principal.username());
      }
      String role = quote(principal.username());
      if (session.execute("SELECT role FROM system_auth.roles WHERE role = '" + principal.username().replace("'", "''")
          + "'")) {
        // An existing role takes the password it is given now: rotating one is updating its secret. (Only an
        // existing one: Cassandra refuses a second password change of a role within 5 s of the first.)
        session.execute("ALTER ROLE " + role + " WITH PASSWORD = '" + literal(password) + "'");
      } else {
        session.execute("CREATE ROLE IF NOT EXISTS " + role + " WITH LOGIN = true AND PASSWORD = '"
            + literal(password) + "'");
      }
    }
    session.execute("GRANT CREATE ON ALL KEYSPACES TO " + quote(SluicePrincipal.MIGRATOR.username()));
  }

  /** A role name as a CQL identifier. */
  public static String quote(String role) {
    return "\"" + role.replace("\"", "\"\"") + "\"";
  }

  /** A password as the inside of a CQL string literal. */
  private static String literal(Secret password) {
    return password.reveal().replace("'", "''");
  }
}
