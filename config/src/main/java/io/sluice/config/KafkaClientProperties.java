package io.sluice.config;

import io.sluice.config.SharedSettings.KafkaSecurityProtocol;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Kafka client properties of the {@link SharedSettings#KAFKA} settings, under Kafka's own names,
 * for producers, consumers, admin clients and Spark's Kafka source alike. Properties given in the
 * config file as {@code kafka.<name>} pass through; the declared settings win over them.
 */
public final class KafkaClientProperties {

  /** Config-file keys with this prefix are Kafka client properties. */
  public static final String PREFIX = "kafka.";

  private KafkaClientProperties() {
  }

  /**
   * Checks that a SASL protocol has its login, naming the missing setting, and returns the properties.
   * The password sits inside {@code sasl.jaas.config}, which Kafka prints as {@code [hidden]}.
   */
  public static Map<String, String> of(Config config) {
    Map<String, String> props = new LinkedHashMap<>(config.passthrough(PREFIX));
    props.put("bootstrap.servers", config.get(SharedSettings.KAFKA_BOOTSTRAP_SERVERS));
    KafkaSecurityProtocol protocol = config.get(SharedSettings.KAFKA_SECURITY_PROTOCOL);
    props.put("security.protocol", protocol.name());
    if (protocol == KafkaSecurityProtocol.SASL_SSL || protocol == KafkaSecurityProtocol.SASL_PLAINTEXT) {
      String mechanism = config.get(SharedSettings.KAFKA_SASL_MECHANISM);
      props.put("sasl.mechanism", mechanism);
      props.put("sasl.jaas.config", jaasConfig(mechanism, require(config, SharedSettings.KAFKA_SASL_USERNAME, protocol),
          require(config, SharedSettings.KAFKA_SASL_PASSWORD, protocol).reveal()));
    }
    if (protocol == KafkaSecurityProtocol.SASL_SSL || protocol == KafkaSecurityProtocol.SSL) {
      Path ca = config.get(SharedSettings.KAFKA_SSL_CA_LOCATION);
      if (ca != null) {
        if (!Files.isReadable(ca)) {
          throw new ConfigException("Cannot read " + SharedSettings.KAFKA_SSL_CA_LOCATION.name() + " " + ca
              + " (" + config.origin(SharedSettings.KAFKA_SSL_CA_LOCATION) + ")");
        }
        props.put("ssl.truststore.type", "PEM");
        props.put("ssl.truststore.location", ca.toString());
      }
    }
    return props;
  }

  /** The same properties as Spark's Kafka source and sink take them: each prefixed with {@code kafka.}. */
  public static Map<String, String> asSparkOptions(Map<String, String> props) {
    Map<String, String> options = new LinkedHashMap<>();
    props.forEach((k, v) -> options.put(PREFIX + k, v));
    return options;
  }

  /** The principal the properties log in as, for messages: the SASL user, or "anonymous". */
  public static String principal(Map<String, ?> props) {
    Object jaas = props.get("sasl.jaas.config");
    if (jaas == null) {
      Object protocol = props.get("security.protocol");
      return "anonymous (security.protocol " + (protocol == null ? "PLAINTEXT" : protocol) + ")";
    }
    Matcher m = Pattern.compile("username=\"([^\"]*)\"").matcher(jaas.toString());
    return m.find() ? "User:" + m.group(1) : "a SASL user";
  }

  static String jaasConfig(String mechanism, String username, String password) {
    String module = mechanism.startsWith("SCRAM") ? "org.apache.kafka.common.security.scram.ScramLoginModule"
        : "org.apache.kafka.common.security.plain.PlainLoginModule";
    return module + " required username=\"" + escape(username) + "\" password=\"" + escape(password) + "\";";
  }

  private static String escape(String text) {
    return text.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  private static <T> T require(Config config, Setting<T> setting, KafkaSecurityProtocol protocol) {
    T value = config.get(setting);
    if (value == null) {
      throw new ConfigException("Missing " + setting.name() + ": " + SharedSettings.KAFKA_SECURITY_PROTOCOL.name()
          + " is " + protocol + ", which logs in with a user and password. Set " + setting.envNames()
          .get(setting.envNames().size() - 1) + " or put " + setting.name() + " in the config file");
    }
    return value;
  }
}
