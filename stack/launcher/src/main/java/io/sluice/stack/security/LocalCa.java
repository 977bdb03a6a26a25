package io.sluice.stack.security;

import io.sluice.config.Secret;
import io.sluice.stack.StackException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The secure stack's own certificate authority and the one server certificate it signs, made with
 * the JDK's {@code keytool} into {@code tls/} in the state folder: {@code ca.pem} for clients,
 * {@code server.p12} (key, certificate and CA chain) for Kafka, Cassandra and the registry. The
 * certificate names the loopback addresses the servers listen on, so clients verify hostnames.
 * The key store password reaches keytool through its environment, never its command line.
 */
public final class LocalCa {

  static final String CA_PEM = "ca.pem";
  static final String SERVER_KEYSTORE = "server.p12";
  private static final String CA_KEYSTORE = "ca.p12";
  static final String TRUST_STORE = "trust.p12";
  private static final String PASSWORD_ENV = "SLUICE_KEYSTORE_PASSWORD";

  private final Path dir;

  private LocalCa(Path dir) {
    this.dir = dir;
  }

  /** The folder's CA and server certificate, made on first use. */
  public static LocalCa ensure(Path dir, Path javaHome, Secret password) {
    LocalCa ca = new LocalCa(dir);
    if (!Files.isRegularFile(ca.serverKeystore()) || !Files.isRegularFile(ca.caPem())) {
      ca.create(javaHome, password);
    }
    if (!Files.isRegularFile(ca.trustStore())) {
      ca.createTrustStore(javaHome, password);
    }
    return ca;
  }

  static LocalCa existing(Path dir) {
    return new LocalCa(dir);
  }

  public Path caPem() {
    return dir.resolve(CA_PEM);
  }

  public Path serverKeystore() {
    return dir.resolve(SERVER_KEYSTORE);
  }

  /**
   * The CA certificate alone in a PKCS12 store without a password (nothing in it is secret), for a
   * JVM that trusts a server through {@code javax.net.ssl.trustStore} and takes no PEM file.
   */
  public Path trustStore() {
    return dir.resolve(TRUST_STORE);
  }

  private void createTrustStore(Path javaHome, Secret password) {
    try {
      Files.deleteIfExists(trustStore());
      keytool(password, javaHome.resolve("bin/keytool").toString(), "-J-Dkeystore.pkcs12.certProtectionAlgorithm=NONE",
          "-J-Dkeystore.pkcs12.macAlgorithm=NONE", "-importcert", "-noprompt", "-alias", "ca", "-file", CA_PEM,
          "-keystore", TRUST_STORE, "-storetype", "PKCS12");
    } catch (IOException e) {
      throw new StackException("Cannot make the stack's trust store in " + dir + ": " + e.getMessage(), e);
    }
  }

  private void create(Path javaHome, Secret password) {
    try {
      OwnerOnly.createDirectory(dir);
      for (String name : List.of(CA_KEYSTORE, SERVER_KEYSTORE, TRUST_STORE, CA_PEM, "server.csr", "server.crt")) {
        Files.deleteIfExists(dir.resolve(name));
      }
      String keytool = javaHome.resolve("bin/keytool").toString();
      keytool(password, keytool, "-genkeypair", "-alias", "ca", "-keyalg", "RSA", "-keysize", "2048",
          "-dname", "CN=Sluice local stack CA", "-ext", "bc:c", "-validity", "3650",
          "-keystore", CA_KEYSTORE, "-storetype", "PKCS12");
      keytool(password, keytool, "-exportcert", "-rfc", "-alias", "ca", "-keystore", CA_KEYSTORE, "-file", CA_PEM);
      keytool(password, keytool, "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048",
          "-dname", "CN=sluice-local-server", "-validity", "825", "-keystore", SERVER_KEYSTORE,
          "-storetype", "PKCS12");
      keytool(password, keytool, "-certreq", "-alias", "server", "-keystore", SERVER_KEYSTORE, "-file", "server.csr");
      keytool(password, keytool, "-gencert", "-alias", "ca", "-keystore", CA_KEYSTORE, "-infile", "server.csr",
          "-outfile", "server.crt", "-rfc", "-validity", "825",
          "-ext", "san=ip:127.0.0.1,ip:127.0.0.2,dns:localhost", "-ext", "eku=serverAuth,clientAuth");
      keytool(password, keytool, "-importcert", "-noprompt", "-alias", "ca", "-file", CA_PEM,
          "-keystore", SERVER_KEYSTORE);
      keytool(password, keytool, "-importcert", "-noprompt", "-alias", "server", "-file", "server.crt",
          "-keystore", SERVER_KEYSTORE);
      Files.delete(dir.resolve("server.csr"));
    } catch (IOException e) {
      throw new StackException("Cannot make the stack's certificates in " + dir + ": " + e.getMessage(), e);
    }
  }

  private void keytool(Secret password, String keytool, String... args) throws IOException {
    List<String> argv = new ArrayList<>();
    argv.add(keytool);
    argv.addAll(List.of(args));
    // Every step opens a key store; its password comes from the environment, never the command line.
    argv.addAll(List.of("-storepass:env", PASSWORD_ENV));
    ProcessBuilder builder = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true);
    builder.environment().put(PASSWORD_ENV, password.reveal());
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes());
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        String step = Arrays.stream(args).filter(a -> !a.startsWith("-J")).findFirst().orElse("");
        throw new StackException("keytool " + step + " failed in " + dir + ": " + output.trim());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StackException("Interrupted while making the stack's certificates", e);
    }
  }
}
