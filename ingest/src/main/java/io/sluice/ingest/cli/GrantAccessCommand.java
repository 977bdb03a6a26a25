package io.sluice.ingest.cli;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.auth.AuthenticationException;
import io.sluice.config.Config;
import io.sluice.config.ConfigDef;
import io.sluice.config.ConfigException;
import io.sluice.config.KafkaClientProperties;
import io.sluice.config.Secret;
import io.sluice.config.Setting;
import io.sluice.config.SharedSettings;
import io.sluice.config.Validator;
import io.sluice.config.ValueType;
import io.sluice.config.access.CassandraRoles;
import io.sluice.config.access.KafkaAccess;
import io.sluice.config.access.SluicePrincipal;
import io.sluice.config.cli.Command;
import io.sluice.config.cli.CommandFailedException;
import io.sluice.config.cli.Invocation;
import io.sluice.schemas.cql.CassandraAccessException;
import io.sluice.schemas.cql.CassandraSessions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;

/**
 * {@code sluice grant-access}: a secure deployment's logins and least privileges, made by its setup
 * before anything else runs. On Kafka, as a super user (by client certificate): the SCRAM users of
 * the producer, the jobs and the registry, the events and dead-letter topics, and their ACLs
 * ({@link KafkaAccess}). On Cassandra, as the admin: the roles ({@link CassandraRoles}). Every run
 * sets the passwords from their secrets, so running it again changes nothing, and after a secret
 * was updated it rotates that password.
 */
public final class GrantAccessCommand implements Command {

  public static final Setting<Path> KAFKA_SSL_KEYSTORE_LOCATION =
      Setting.builder("kafka.ssl.keystore.location", ValueType.PATH).alsoFromEnv("KAFKA_SSL_KEYSTORE_LOCATION")
          .doc("PEM file of this client's unencrypted private key and certificate chain: it logs in to Kafka by"
              + " client certificate (ssl.keystore.type=PEM), as a super user. Default: no client certificate.")
          .build();

  public static final Setting<Integer> PARTITIONS = Setting.builder("topic.partitions", ValueType.INT)
      .defaultValue(6).validator(Validator.between(1, 10_000)).alsoFromEnv("SLUICE_TOPIC_PARTITIONS")
      .doc("Partitions of the events topic and of its dead-letter topic, when they are created.").build();

  public static final Setting<String> REGISTRY_USER = Setting.builder("registry.kafka.username", ValueType.STRING)
      .defaultValue("sluice-registry").validator(Validator.nonEmpty()).alsoFromEnv("SLUICE_REGISTRY_USERNAME")
      .doc("Kafka user of a schema registry that stores its data in Kafka (Apicurio's kafkasql).").build();

  public static final Setting<String> REGISTRY_TOPIC_PREFIX =
      Setting.builder("registry.kafka.topic-prefix", ValueType.STRING).defaultValue("kafkasql-")
          .validator(Validator.nonEmpty()).alsoFromEnv("SLUICE_REGISTRY_TOPIC_PREFIX")
          .doc("Prefix of the registry's own topics, which it may create, read and write.").build();

  public static final Setting<Secret> REGISTRY_PASSWORD = Setting.builder("registry.kafka.password", ValueType.SECRET)
      .alsoFromEnv("SLUICE_REGISTRY_PASSWORD")
      .doc("Kafka password of registry.kafka.username. Default: none, and no Kafka user for the registry.").build();

  /** The password of each principal the command creates, by principal. */
  static final Map<SluicePrincipal, Setting<Secret>> PASSWORDS = passwords();

  private static Map<SluicePrincipal, Setting<Secret>> passwords() {
    Map<SluicePrincipal, Setting<Secret>> settings = new EnumMap<>(SluicePrincipal.class);
    for (SluicePrincipal principal : SluicePrincipal.values()) {
      if (principal == SluicePrincipal.ADMIN) {
        continue; // Its Cassandra password is cassandra.password; on Kafka it is a client certificate.
      }
      String part = principal.username().substring("sluice-".length());
      settings.put(principal, Setting.builder("access." + part + ".password", ValueType.SECRET).required()
          .alsoFromEnv("SLUICE_" + part.toUpperCase(java.util.Locale.ROOT) + "_PASSWORD")
          .doc("Password of " + principal.username() + ", on every server it logs in to.").build());
    }
    return settings;
  }

  /** The principals with a Kafka login (SCRAM): the others use only Cassandra. */
  static final List<SluicePrincipal> KAFKA_USERS = List.of(SluicePrincipal.PRODUCER, SluicePrincipal.JOB);

  @Override
  public String name() {
    return "grant-access";
  }

  @Override
  public String summary() {
    return "Create a secure deployment's Kafka users, topics and ACLs and its Cassandra roles; running it again"
        + " changes nothing.";
  }

  @Override
  public String description() {
    return summary() + " Kafka: logs in as a super user (kafka.ssl.keystore.location: a client certificate),"
        + " sets the SCRAM-SHA-512 passwords of " + names(KAFKA_USERS) + " (and of registry.kafka.username when"
        + " registry.kafka.password is set), creates the topic and its .dlq and grants each its ACLs. Cassandra:"
        + " logs in as cassandra.username, the admin (the first time, as the default superuser, which it then"
        + " replaces), and creates the roles of " + names(List.copyOf(PASSWORDS.keySet())) + ". Every run sets"
        + " the passwords from their secrets: after a secret is updated, running it again rotates it. Passwords come"
        + " only from the environment (NAME or NAME_FILE) or the config file, never from flags.";
  }

  @Override
  public ConfigDef settings() {
    ConfigDef def = SharedSettings.KAFKA.with(SharedSettings.CASSANDRA)
        .with(KAFKA_SSL_KEYSTORE_LOCATION, SharedSettings.TOPIC, PARTITIONS, REGISTRY_USER, REGISTRY_TOPIC_PREFIX,
            REGISTRY_PASSWORD);
    for (Setting<Secret> password : PASSWORDS.values()) {
      def = def.with(password);
    }
    return def;
  }

  @Override
  public int run(Invocation inv) throws Exception {
    Config config = inv.config();
    // Checked before anything changes on either server.
    Secret adminPassword = config.get(SharedSettings.CASSANDRA_PASSWORD);
    String adminRole = config.get(SharedSettings.CASSANDRA_USERNAME);
    if (!SluicePrincipal.ADMIN.username().equals(adminRole) || adminPassword == null) {
      throw new ConfigException("Set " + SharedSettings.CASSANDRA_USERNAME.name() + " to "
          + SluicePrincipal.ADMIN.username() + " and its password " + SharedSettings.CASSANDRA_PASSWORD.name()
          + " (CASSANDRA_USERNAME, CASSANDRA_PASSWORD or CASSANDRA_PASSWORD_FILE): the setup creates the roles as"
          + " the admin, which replaces Cassandra's default superuser");
    }
    String topic = config.get(SharedSettings.TOPIC);
    String deadLetters = topic + ".dlq";
    Map<SluicePrincipal, Secret> passwords = new EnumMap<>(SluicePrincipal.class);
    PASSWORDS.forEach((principal, setting) -> passwords.put(principal, config.get(setting)));

    Map<String, Secret> scramUsers = new LinkedHashMap<>();
    KAFKA_USERS.forEach(p -> scramUsers.put(p.username(), passwords.get(p)));
    Secret registryPassword = config.get(REGISTRY_PASSWORD);
    if (registryPassword != null) {
      scramUsers.put(config.get(REGISTRY_USER), registryPassword);
    }
    try (Admin admin = Admin.create(new HashMap<>(adminProperties(config)))) {
      admin.alterUserScramCredentials(scramUpserts(scramUsers)).all().get();
      KafkaAccess.grant(admin, topic, deadLetters, config.get(PARTITIONS));
      if (registryPassword != null) {
        KafkaAccess.grantRegistry(admin, config.get(REGISTRY_USER), config.get(REGISTRY_TOPIC_PREFIX));
      }
    } catch (java.util.concurrent.ExecutionException e) {
      boolean refused = e.getCause() instanceof org.apache.kafka.common.errors.AuthorizationException
          || e.getCause() instanceof org.apache.kafka.common.errors.AuthenticationException;
      throw new CommandFailedException("Kafka at " + config.get(SharedSettings.KAFKA_BOOTSTRAP_SERVERS)
          + (refused ? " refused the setup: " : " failed the setup: ") + e.getCause().getMessage()
          + (refused ? ". It must log in as a super user: check " + KAFKA_SSL_KEYSTORE_LOCATION.name()
          + " (KAFKA_SSL_KEYSTORE_LOCATION) and the brokers' super.users" : ""), e);
    }
    inv.out().println("Kafka: SCRAM users " + String.join(", ", scramUsers.keySet()) + "; topics " + topic + " and "
        + deadLetters + " with their ACLs" + (registryPassword == null ? ""
        : "; " + config.get(REGISTRY_USER) + " on topics " + config.get(REGISTRY_TOPIC_PREFIX) + "*"));

    try {
      CassandraRoles.setUp((role, password) -> session(config, role, password), adminPassword, passwords);
    } catch (CassandraRoles.LoginRefused e) {
      throw new CommandFailedException("Cassandra at " + config.get(SharedSettings.CASSANDRA_CONTACT_POINTS) + ": "
          + e.getMessage(), e);
    }
    inv.out().println("Cassandra: " + adminRole + " is the superuser (" + CassandraRoles.DEFAULT_SUPERUSER
        + " dropped); roles " + names(List.copyOf(PASSWORDS.keySet())));
    return 0;
  }

  /** The admin client's properties: the shared Kafka settings, and the client certificate when given. */
  static Map<String, String> adminProperties(Config config) {
    Map<String, String> props = new LinkedHashMap<>(KafkaClientProperties.of(config));
    Path keystore = config.get(KAFKA_SSL_KEYSTORE_LOCATION);
    if (keystore != null) {
      if (!Files.isReadable(keystore)) {
        throw new ConfigException("Cannot read " + KAFKA_SSL_KEYSTORE_LOCATION.name() + " " + keystore + " ("
            + config.origin(KAFKA_SSL_KEYSTORE_LOCATION) + ")");
      }
      props.put("ssl.keystore.type", "PEM");
      props.put("ssl.keystore.location", keystore.toString());
    }
    return props;
  }

  static List<UserScramCredentialAlteration> scramUpserts(Map<String, Secret> users) {
    List<UserScramCredentialAlteration> upserts = new ArrayList<>();
    users.forEach((user, password) -> upserts.add(new UserScramCredentialUpsertion(user,
        new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), password.reveal())));
    return upserts;
  }

  private static CassandraRoles.Session session(Config config, String role, Secret password) {
    CqlSession session;
    try {
      session = CassandraSessions.open(config, role, password);
    } catch (CassandraAccessException e) {
      if (e.getCause() instanceof AllNodesFailedException failed && failed.getAllErrors().values().stream()
          .flatMap(List::stream).anyMatch(AuthenticationException.class::isInstance)) {
        throw new CassandraRoles.LoginRefused(e.getMessage(), e);
      }
      throw e;
    }
    return CassandraRoles.Session.of(cql -> session.execute(cql).one() != null, session::close);
  }

  private static String names(List<SluicePrincipal> principals) {
    return String.join(", ", principals.stream().map(SluicePrincipal::username).toList());
  }
}
