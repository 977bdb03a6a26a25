package io.sluice.stack.security;

import io.sluice.config.access.SluicePrincipal;
import io.sluice.config.Secret;
import io.sluice.stack.StackException;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.Properties;

/**
 * The passwords of a secure stack: made up once, at random, and kept in
 * {@code secrets/passwords.properties} in the state folder, readable by its owner only.
 */
public final class StackSecrets {

  static final String FILE = "passwords.properties";
  private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  private static final String KEYSTORE = "tls.keystore";

  private final Properties passwords;

  private StackSecrets(Properties passwords) {
    this.passwords = passwords;
  }

  /** The folder's passwords, made up and saved on first use. */
  public static StackSecrets loadOrCreate(Path dir) {
    Path file = dir.resolve(FILE);
    Properties props = new Properties();
    try {
      if (Files.isRegularFile(file)) {
        try (Reader reader = Files.newBufferedReader(file)) {
          props.load(reader);
        }
      }
      boolean changed = false;
      SecureRandom random = new SecureRandom();
      for (SluicePrincipal principal : SluicePrincipal.values()) {
        changed |= props.putIfAbsent(principal.username(), random(random)) == null;
      }
      changed |= props.putIfAbsent(KEYSTORE, random(random)) == null;
      if (changed) {
        OwnerOnly.createDirectory(dir);
        StringWriter text = new StringWriter();
        props.store(text, "Passwords of the secure local stack. Keep this file to yourself.");
        Path tmp = dir.resolve(FILE + ".tmp");
        OwnerOnly.write(tmp, text.toString());
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      }
      return new StackSecrets(props);
    } catch (IOException e) {
      throw new StackException("Cannot read or write the stack's passwords in " + file + ": " + e.getMessage(), e);
    }
  }

  /** The folder's passwords, if a secure stack made them. */
  public static Optional<StackSecrets> load(Path dir) {
    return Files.isRegularFile(dir.resolve(FILE)) ? Optional.of(loadOrCreate(dir)) : Optional.empty();
  }

  public Secret password(SluicePrincipal principal) {
    return Secret.of(passwords.getProperty(principal.username()));
  }

  /** Password of the servers' key stores. */
  public Secret keystorePassword() {
    return Secret.of(passwords.getProperty(KEYSTORE));
  }

  private static String random(SecureRandom random) {
    // Letters and digits only: the password goes into JAAS strings, YAML and shell assignments unquoted.
    StringBuilder sb = new StringBuilder(24);
    for (int i = 0; i < 24; i++) {
      sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return sb.toString();
  }
}
