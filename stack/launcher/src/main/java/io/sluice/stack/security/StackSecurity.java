package io.sluice.stack.security;

import io.sluice.config.access.SluicePrincipal;
import io.sluice.config.Secret;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What makes a local stack secure: its passwords and its certificates, both kept in the state
 * folder ({@code secrets/}, {@code tls/}). The servers read their key store from here, and every
 * client its {@link Login}.
 */
public final class StackSecurity {

  private final StackSecrets secrets;
  private final LocalCa ca;

  private StackSecurity(StackSecrets secrets, LocalCa ca) {
    this.secrets = secrets;
    this.ca = ca;
  }

  /** The folder's passwords and certificates, made on first use (certificates with the JDK's keytool). */
  public static StackSecurity ensure(Path stateDir, Path javaHome) {
    StackSecrets secrets = StackSecrets.loadOrCreate(stateDir.resolve("secrets"));
    return new StackSecurity(secrets, LocalCa.ensure(stateDir.resolve("tls"), javaHome, secrets.keystorePassword()));
  }

  /** The security of a secure stack made earlier in this folder. */
  public static Optional<StackSecurity> load(Path stateDir) {
    return StackSecrets.load(stateDir.resolve("secrets"))
        .map(secrets -> new StackSecurity(secrets, LocalCa.existing(stateDir.resolve("tls"))));
  }

  public Login login(SluicePrincipal principal) {
    return new Login(principal.username(), secrets.password(principal), ca.caPem());
  }

  public Path caPem() {
    return ca.caPem();
  }

  /** PKCS12 key store of the servers: their key, certificate and the CA. */
  public Path serverKeystore() {
    return ca.serverKeystore();
  }

  /** The CA alone, in a PKCS12 store without a password. */
  public Path trustStore() {
    return ca.trustStore();
  }

  public Secret keystorePassword() {
    return secrets.keystorePassword();
  }
}
