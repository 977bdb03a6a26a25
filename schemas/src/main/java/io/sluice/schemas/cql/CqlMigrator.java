package io.sluice.schemas.cql;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.sluice.config.access.CassandraRoles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Applies the CQL files of {@code schemas/cql} in version order, each once. Applied versions
 * and checksums are kept in {@code schema_migrations}, so a second run changes nothing and an
 * applied file that was edited afterwards is an error rather than a silent skip.
 */
public final class CqlMigrator {

  private static final Duration SCHEMA_TIMEOUT = Duration.ofSeconds(60);

  private final CqlSession session;
  private final String keyspace;
  private final int replicationFactor;
  private final String localDc;
  private final Consumer<String> log;

  public CqlMigrator(CqlSession session, String keyspace, int replicationFactor, String localDc, Consumer<String> log) {
    if (!keyspace.matches("[a-z][a-z0-9_]{0,47}")) {
      throw new IllegalArgumentException("Keyspace names are lower-case letters, digits and _: " + keyspace);
    }
    this.session = session;
    this.keyspace = keyspace;
    this.replicationFactor = replicationFactor;
    this.localDc = localDc;
    this.log = log;
  }

  /** Applies what is missing and returns the versions it applied (empty when all were applied before). */
  public List<Integer> migrate() {
    execute("CREATE KEYSPACE IF NOT EXISTS " + keyspace + " WITH replication = {'class': 'NetworkTopologyStrategy', '"
        + localDc + "': " + replicationFactor + "}");
    execute("CREATE TABLE IF NOT EXISTS " + keyspace + ".schema_migrations"
        + " (version int PRIMARY KEY, name text, checksum text, applied_at timestamp)");
    Map<Integer, String> applied = applied();
    List<Integer> done = new ArrayList<>();
    for (Migration migration : missing(applied)) {
      log.accept("Applying CQL migration " + migration.version() + "_" + migration.name() + " to " + keyspace);
      migration.statements(keyspace).forEach(this::execute);
      session.execute(SimpleStatement.newInstance("INSERT INTO " + keyspace + ".schema_migrations"
          + " (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)", migration.version(), migration.name(),
          migration.checksum(), Instant.now()));
      done.add(migration.version());
    }
    if (done.isEmpty()) {
      log.accept("CQL schema of " + keyspace + " is up to date (" + applied.size() + " migrations applied before)");
    }
    return done;
  }

  /** The table of ads and their campaigns, which the jobs read; every other table but the bookkeeping is theirs to write. */
  static final String ADS_TABLE = "ads";
  private static final String MIGRATIONS_TABLE = "schema_migrations";

  /**
   * Grants the jobs' role what they need and nothing more: to write the aggregate tables, to read
   * {@code ads} and the applied migrations (a job {@linkplain #verify verifies} them). The migrating
   * role owns the keyspace, so it may grant on it. Either role may be null; granting again changes nothing.
   */
  public void grant(String writerRole, String readerRole) {
    if (writerRole != null) {
      for (Row row : session.execute(SimpleStatement.newInstance(
          "SELECT table_name FROM system_schema.tables WHERE keyspace_name = ?", keyspace))) {
        String table = row.getString("table_name");
        String permission = table.equals(ADS_TABLE) || table.equals(MIGRATIONS_TABLE) ? "SELECT" : "MODIFY";
        execute("GRANT " + permission + " ON TABLE " + keyspace + "." + table + " TO " + CassandraRoles.quote(writerRole));
      }
      log.accept("Granted " + writerRole + " MODIFY on the aggregate tables of " + keyspace + " and SELECT on "
          + ADS_TABLE);
    }
    if (readerRole != null) {
      execute("GRANT SELECT ON KEYSPACE " + keyspace + " TO " + CassandraRoles.quote(readerRole));
      log.accept("Granted " + readerRole + " SELECT on " + keyspace);
    }
  }

  /**
   * Checks, changing nothing, that the keyspace exists with every bundled migration applied: for a
   * job that must not create a keyspace it does not own, with a replication it cannot know.
   */
  public void verify() {
    String howTo = "; create it with 'sluice migrate --cassandra-keyspace " + keyspace
        + " --cassandra-replication-factor N' (N replicas in " + localDc + ")";
    if (session.execute(SimpleStatement.newInstance("SELECT table_name FROM system_schema.tables"
        + " WHERE keyspace_name = ? AND table_name = 'schema_migrations'", keyspace)).one() == null) {
      boolean keyspaceExists = session.execute(SimpleStatement.newInstance(
          "SELECT keyspace_name FROM system_schema.keyspaces WHERE keyspace_name = ?", keyspace)).one() != null;
      throw new IllegalStateException((keyspaceExists ? "keyspace " + keyspace + " has no CQL schema of Sluice"
          : "keyspace " + keyspace + " does not exist") + howTo);
    }
    List<Integer> missing = missing(applied()).stream().map(Migration::version).toList();
    if (!missing.isEmpty()) {
      throw new IllegalStateException("keyspace " + keyspace + " lacks CQL migrations " + missing
          + "; apply them with 'sluice migrate --cassandra-keyspace " + keyspace + "'");
    }
  }

  private Map<Integer, String> applied() {
    Map<Integer, String> applied = new HashMap<>();
    for (Row row : session.execute("SELECT version, checksum FROM " + keyspace + ".schema_migrations")) {
      applied.put(row.getInt("version"), row.getString("checksum"));
    }
    return applied;
  }

  /** The bundled migrations not applied yet; an applied one whose file changed since is an error. */
  private List<Migration> missing(Map<Integer, String> applied) {
    List<Migration> missing = new ArrayList<>();
    for (Migration migration : bundled()) {
      String checksum = applied.get(migration.version());
      if (checksum == null) {
        missing.add(migration);
      } else if (!checksum.equals(migration.checksum())) {
        throw new IllegalStateException("CQL migration " + migration.version() + "_" + migration.name()
            + " was changed after it was applied to " + keyspace + "; add a new migration instead");
      }
    }
    return missing;
  }

  private void execute(String cql) {
    session.execute(SimpleStatement.newInstance(cql).setTimeout(SCHEMA_TIMEOUT));
  }

  /** The migrations shipped on the class path under {@code cql/}, in version order. */
  public static List<Migration> bundled() {
    URL dir = CqlMigrator.class.getClassLoader().getResource("cql");
    if (dir == null) {
      throw new IllegalStateException("No cql/ folder on the class path");
    }
    try {
      URI uri = dir.toURI();
      if ("jar".equals(uri.getScheme())) {
        try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
          return read(jar.getPath("cql"));
        }
      }
      return read(Path.of(uri));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<Migration> read(Path dir) throws IOException {
    List<Migration> migrations = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".cql"))::iterator) {
        try (InputStream in = Files.newInputStream(file)) {
          migrations.add(Migration.fromFile(file.getFileName().toString(),
              new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        }
      }
    }
    migrations.sort(Comparator.comparingInt(Migration::version));
    for (int i = 1; i < migrations.size(); i++) {
      if (migrations.get(i).version() == migrations.get(i - 1).version()) {
        throw new IllegalStateException("Two CQL migrations have version " + migrations.get(i).version());
      }
    }
    return migrations;
  }
}
