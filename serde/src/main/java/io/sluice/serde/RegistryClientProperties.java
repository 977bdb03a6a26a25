package io.sluice.serde;

import io.sluice.config.Config;
import io.sluice.config.Secret;
import io.sluice.config.SharedSettings;
import io.sluice.serde.registry.SchemaRegistryClient;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The registry settings of {@link SharedSettings#SCHEMA_REGISTRY} under Confluent's serde property
 * names, so a Sluice command and a Kafka client configured by hand reach the registry the same way.
 */
public final class RegistryClientProperties {

  private RegistryClientProperties() {
  }

  public static Map<String, Object> of(Config config) {
    Map<String, Object> props = new LinkedHashMap<>();
    props.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, config.get(SharedSettings.SCHEMA_REGISTRY_URL));
    Secret userInfo = config.get(SharedSettings.SCHEMA_REGISTRY_USER_INFO);
    if (userInfo != null) {
      props.put(AvroSerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO");
      props.put(AvroSerdeConfig.BASIC_AUTH_USER_INFO, userInfo.reveal());
    }
    Path ca = config.get(SharedSettings.SCHEMA_REGISTRY_SSL_CA_LOCATION);
    if (ca != null) {
      props.put(AvroSerdeConfig.SSL_TRUSTSTORE_LOCATION, ca.toString());
      props.put(AvroSerdeConfig.SSL_TRUSTSTORE_TYPE, "PEM");
    }
    return props;
  }

  /** A registry client with the shared settings' URL, login and trust. */
  public static SchemaRegistryClient client(Config config) {
    return new AvroSerdeConfig(of(config)).registryClient();
  }
}
