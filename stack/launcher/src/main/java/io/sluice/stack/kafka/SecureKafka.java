package io.sluice.stack.kafka;

import io.sluice.config.KafkaClientProperties;
import io.sluice.stack.StackLayout;
import io.sluice.config.access.SluicePrincipal;
import io.sluice.stack.security.StackSecurity;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * A secure broker: clients connect with SASL_SSL and SCRAM-SHA-512, the KRaft controllers talk TLS
 * with client certificates, and {@code StandardAuthorizer} allows only what an ACL grants.
 */
final class SecureKafka {

  static final String MECHANISM = "SCRAM-SHA-512";
  private static final String LISTENER = "SASL_SSL";
  /** The principal of the servers' own certificate: the brokers as clients of the controllers. */
  static final String SERVER_CERTIFICATE_PRINCIPAL = "User:CN=sluice-local-server";

  private SecureKafka() {
  }

  /** What a secure broker adds to (and overrides in) the plaintext configuration. */
  static Properties serverProperties(int id, StackLayout layout, StackSecurity security) {
    Properties p = new Properties();
    p.put("listeners", LISTENER + "://127.0.0.1:" + layout.kafkaPort(id) + ",CONTROLLER://127.0.0.1:"
        + layout.kafkaControllerPort(id));
    p.put("advertised.listeners", LISTENER + "://127.0.0.1:" + layout.kafkaPort(id));
    p.put("listener.security.protocol.map", "CONTROLLER:SSL," + LISTENER + ":" + LISTENER);
    p.put("inter.broker.listener.name", LISTENER);
    p.put("sasl.enabled.mechanisms", MECHANISM);
    p.put("sasl.mechanism.inter.broker.protocol", MECHANISM);
    p.put("listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config",
        KafkaClientProperties.of(layout.endpoints().withLogin(security.login(SluicePrincipal.ADMIN)).kafka())
            .get("sasl.jaas.config"));
    p.put("ssl.keystore.type", "PKCS12");
    p.put("ssl.keystore.location", security.serverKeystore().toString());
    p.put("ssl.keystore.password", security.keystorePassword().reveal());
    p.put("ssl.truststore.type", "PEM");
    p.put("ssl.truststore.location", security.caPem().toString());
    // Only a holder of the stack's server certificate may join the controller quorum.
    p.put("listener.name.controller.ssl.client.auth", "required");
    p.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
    p.put("super.users", "User:" + SluicePrincipal.ADMIN.username() + ";" + SERVER_CERTIFICATE_PRINCIPAL);
    p.put("allow.everyone.if.no.acl.found", "false");
    // Only the stack's admin creates topics; a producer's typo must not create one.
    p.put("auto.create.topics.enable", "false");
    return p;
  }

  /** {@code kafka-storage format} arguments that create every principal's SCRAM credentials. */
  static List<String> scramUsers(StackSecurity security) {
    List<String> args = new ArrayList<>();
    for (SluicePrincipal principal : SluicePrincipal.values()) {
      args.add("--add-scram");
      args.add(MECHANISM + "=[name=" + principal.username() + ",password=" + security.login(principal).password()
          .reveal() + "]");
    }
    return args;
  }
}
