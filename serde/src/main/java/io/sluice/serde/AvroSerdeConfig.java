package io.sluice.serde;

import io.sluice.config.tls.PemTrust;
import io.sluice.serde.registry.SchemaRegistryClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.avro.Schema;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * Settings of {@link ConfluentAvroSerializer} and {@link ConfluentAvroDeserializer}, declared with
 * Kafka's own {@link ConfigDef} since they are set in a Kafka client's properties. The names are
 * Confluent's, so existing client configurations carry over.
 */
public final class AvroSerdeConfig extends AbstractConfig {

  public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
  public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
  public static final String SPECIFIC_AVRO_READER = "specific.avro.reader";
  public static final String READER_SCHEMA = "sluice.reader.schema";
  public static final String REGISTRY_MAX_ATTEMPTS = "schema.registry.max.attempts";
  public static final String REGISTRY_RETRY_BACKOFF_MS = "schema.registry.retry.backoff.ms";
  public static final String REGISTRY_REQUEST_TIMEOUT_MS = "schema.registry.request.timeout.ms";
  public static final String BASIC_AUTH_CREDENTIALS_SOURCE = "basic.auth.credentials.source";
  public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
  public static final String SSL_TRUSTSTORE_LOCATION = "schema.registry.ssl.truststore.location";
  public static final String SSL_TRUSTSTORE_TYPE = "schema.registry.ssl.truststore.type";
  public static final String SSL_TRUSTSTORE_PASSWORD = "schema.registry.ssl.truststore.password";

  public static final ConfigDef DEFINITION = new ConfigDef()
      .define(SCHEMA_REGISTRY_URL, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
          Importance.HIGH, "Base URL of the Confluent Schema Registry API.")
      .define(AUTO_REGISTER_SCHEMAS, Type.BOOLEAN, true, Importance.MEDIUM,
          "Serializer: register a record's schema under <topic>-value (or -key) if it is not there yet."
              + " When false, the schema must already be registered.")
      .define(SPECIFIC_AVRO_READER, Type.BOOLEAN, false, Importance.MEDIUM,
          "Deserializer: return instances of the generated classes instead of generic records.")
      .define(READER_SCHEMA, Type.STRING, null, Importance.MEDIUM,
          "Deserializer: Avro schema (JSON) that generic records are resolved to. Default: the writer's schema.")
      .define(REGISTRY_MAX_ATTEMPTS, Type.INT, 5, Range.between(1, 100), Importance.LOW,
          "Attempts of each registry call before it fails.")
      .define(REGISTRY_RETRY_BACKOFF_MS, Type.LONG, 200L, Range.between(0L, 60_000L), Importance.LOW,
          "First wait between registry attempts; it doubles up to 5 s.")
      .define(REGISTRY_REQUEST_TIMEOUT_MS, Type.LONG, 10_000L, Range.between(100L, 300_000L), Importance.LOW,
          "Timeout of one registry request.")
      .define(BASIC_AUTH_CREDENTIALS_SOURCE, Type.STRING, "", ConfigDef.ValidString.in("", "USER_INFO"),
          Importance.MEDIUM, "Where the registry login comes from: USER_INFO (basic.auth.user.info), or empty for"
              + " none.")
      .define(BASIC_AUTH_USER_INFO, Type.PASSWORD, null, Importance.MEDIUM,
          "user:password of HTTP basic authentication, used when basic.auth.credentials.source is USER_INFO.")
      .define(SSL_TRUSTSTORE_LOCATION, Type.STRING, null, Importance.MEDIUM,
          "Trust store of an https registry. Default: the JVM's.")
      .define(SSL_TRUSTSTORE_TYPE, Type.STRING, "JKS", ConfigDef.ValidString.in("JKS", "PKCS12", "PEM"),
          Importance.LOW, "Format of the trust store; PEM is a file of CA certificates.")
      .define(SSL_TRUSTSTORE_PASSWORD, Type.PASSWORD, null, Importance.LOW,
          "Password of a JKS or PKCS12 trust store.");

  public AvroSerdeConfig(Map<String, ?> props) {
    super(DEFINITION, props);
  }

  public SchemaRegistryClient registryClient() {
    long backoff = getLong(REGISTRY_RETRY_BACKOFF_MS);
    return SchemaRegistryClient.builder(getString(SCHEMA_REGISTRY_URL))
        .maxAttempts(getInt(REGISTRY_MAX_ATTEMPTS))
        .backoff(Duration.ofMillis(backoff), Duration.ofMillis(Math.max(backoff, 5_000L)))
        .requestTimeout(Duration.ofMillis(getLong(REGISTRY_REQUEST_TIMEOUT_MS)))
        .basicAuth(userInfo())
        .sslContext(sslContext())
        .build();
  }

  private String userInfo() {
    if (!"USER_INFO".equals(getString(BASIC_AUTH_CREDENTIALS_SOURCE))) {
      return null;
    }
    Password info = getPassword(BASIC_AUTH_USER_INFO);
    if (info == null) {
      throw new ConfigException(BASIC_AUTH_USER_INFO, "[hidden]",
          "must be user:password when " + BASIC_AUTH_CREDENTIALS_SOURCE + " is USER_INFO");
    }
    return info.value();
  }

  private SSLContext sslContext() {
    String location = getString(SSL_TRUSTSTORE_LOCATION);
    if (location == null) {
      return null;
    }
    String type = getString(SSL_TRUSTSTORE_TYPE);
    if ("PEM".equals(type)) {
      return PemTrust.sslContext(Path.of(location));
    }
    Password password = getPassword(SSL_TRUSTSTORE_PASSWORD);
    try (InputStream in = Files.newInputStream(Path.of(location))) {
      KeyStore store = KeyStore.getInstance(type);
      store.load(in, password == null ? null : password.value().toCharArray());
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, tmf.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new ConfigException(SSL_TRUSTSTORE_LOCATION, location, "cannot be read as a " + type + " trust store: "
          + e.getMessage());
    }
  }

  public ConfluentAvroCodec codec() {
    ConfluentAvroCodec codec = ConfluentAvroCodec.of(registryClient()).withAutoRegister(getBoolean(AUTO_REGISTER_SCHEMAS));
    if (getBoolean(SPECIFIC_AVRO_READER)) {
      return codec.readingSpecific();
    }
    String reader = getString(READER_SCHEMA);
    return reader == null ? codec : codec.readingAs(new Schema.Parser().parse(reader));
  }
}
