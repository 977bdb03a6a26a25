package io.sluice.config.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.config.Secret;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The roles are made once, as the admin, and the default superuser goes; run again, nothing changes. */
class CassandraRolesTest {

  private static final Secret ADMIN = Secret.of("admin-pw");

  /**
   * A node that knows some logins, records what each session runs, and refuses, as Cassandra does, a
   * password change within 5 s of the role's last one (its clock moves only when a test says so).
   */
  private static final class FakeNode implements CassandraRoles.Connector {
    final Map<String, String> logins = new java.util.HashMap<>(Map.of("cassandra", "cassandra"));
    final Map<String, Long> passwordSetAt = new java.util.HashMap<>();
    final List<String> log = new ArrayList<>();
    long nowMillis;

    @Override
    public CassandraRoles.Session connect(String role, Secret password) {
      if (!password.reveal().equals(logins.get(role))) {
        throw new CassandraRoles.LoginRefused("Provided username " + role + " and/or password are incorrect", null);
      }
      return new CassandraRoles.Session() {
        @Override
        public boolean execute(String cql) {
          log.add(role + ": " + cql);
          java.util.regex.Matcher select = java.util.regex.Pattern
              .compile("SELECT role FROM system_auth.roles WHERE role = '(.*)'").matcher(cql);
          if (select.matches()) {
            return logins.containsKey(select.group(1));
          }
          java.util.regex.Matcher change = java.util.regex.Pattern
              .compile("(CREATE ROLE IF NOT EXISTS|ALTER ROLE) \"([^\"]+)\".*PASSWORD = '(.*)'").matcher(cql);
          if (change.matches()) {
            String changed = change.group(2);
            if (change.group(1).startsWith("CREATE") && logins.containsKey(changed)) {
              return false;
            }
            Long before = passwordSetAt.get(changed);
            if (before != null && nowMillis - before < 5000) {
              throw new IllegalStateException("Password for role " + changed + " can only be changed every 5000ms");
            }
            logins.put(changed, change.group(3).replace("''", "'"));
            passwordSetAt.put(changed, nowMillis);
          }
          if (cql.startsWith("DROP ROLE IF EXISTS cassandra")) {
            logins.remove("cassandra");
          }
          return false;
        }

        @Override
        public void close() {
        }
      };
    }
  }

  private static Map<SluicePrincipal, Secret> passwords() {
    Map<SluicePrincipal, Secret> passwords = new EnumMap<>(SluicePrincipal.class);
    for (SluicePrincipal p : SluicePrincipal.values()) {
      passwords.put(p, Secret.of(p.username() + "-pw'x"));
    }
    return passwords;
  }

  @Test
  void aFirstRunReplacesTheDefaultSuperuserAndCreatesEveryRole() {
    FakeNode node = new FakeNode();

    CassandraRoles.setUp(node, ADMIN, passwords());

    assertThat(node.log).containsExactly(
        "cassandra: CREATE ROLE IF NOT EXISTS \"sluice-admin\" WITH SUPERUSER = true AND LOGIN = true AND PASSWORD = 'admin-pw'",
        "sluice-admin: DROP ROLE IF EXISTS cassandra",
        "sluice-admin: SELECT role FROM system_auth.roles WHERE role = 'sluice-producer'",
        "sluice-admin: CREATE ROLE IF NOT EXISTS \"sluice-producer\" WITH LOGIN = true AND PASSWORD = 'sluice-producer-pw''x'",
        "sluice-admin: SELECT role FROM system_auth.roles WHERE role = 'sluice-job'",
        "sluice-admin: CREATE ROLE IF NOT EXISTS \"sluice-job\" WITH LOGIN = true AND PASSWORD = 'sluice-job-pw''x'",
        "sluice-admin: SELECT role FROM system_auth.roles WHERE role = 'sluice-migrator'",
        "sluice-admin: CREATE ROLE IF NOT EXISTS \"sluice-migrator\" WITH LOGIN = true AND PASSWORD = 'sluice-migrator-pw''x'",
        "sluice-admin: SELECT role FROM system_auth.roles WHERE role = 'sluice-dashboard'",
        "sluice-admin: CREATE ROLE IF NOT EXISTS \"sluice-dashboard\" WITH LOGIN = true AND PASSWORD = 'sluice-dashboard-pw''x'",
        "sluice-admin: GRANT CREATE ON ALL KEYSPACES TO \"sluice-migrator\"");
    assertThat(node.logins.keySet()).containsExactlyInAnyOrder("sluice-admin", "sluice-producer", "sluice-job",
        "sluice-migrator", "sluice-dashboard");
  }

  @Test
  void aSecondRunLogsInAsTheAdminAndSetsThePasswordsItIsGivenNow() {
    FakeNode node = new FakeNode();
    CassandraRoles.setUp(node, ADMIN, passwords());
    node.log.clear();
    node.nowMillis += 6000;
    Map<SluicePrincipal, Secret> rotated = passwords();
    rotated.put(SluicePrincipal.JOB, Secret.of("rotated"));

    CassandraRoles.setUp(node, ADMIN, rotated);

    assertThat(node.log).allMatch(line -> line.startsWith("sluice-admin: ")).hasSize(9)
        .contains("sluice-admin: ALTER ROLE \"sluice-job\" WITH PASSWORD = 'rotated'")
        .noneMatch(line -> line.contains("CREATE ROLE"))
        .noneMatch(line -> line.contains("cassandra"));
    assertThat(node.logins).containsEntry("sluice-job", "rotated");
  }

  @Test
  void aNodeThatKnowsNeitherLoginIsRefusedNamingBoth() {
    FakeNode node = new FakeNode();
    node.logins.clear();

    assertThatThrownBy(() -> CassandraRoles.setUp(node, ADMIN, passwords()))
        .isInstanceOf(CassandraRoles.LoginRefused.class)
        .hasMessageContaining("refused both sluice-admin and its default superuser cassandra")
        .hasMessageNotContaining("admin-pw");
  }
}
