package io.sluice.stack;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the build put each server's jars (see {@code stack/servers/*}). */
public final class ServerJars {

  private final Path home;

  public ServerJars(Path home) {
    this.home = home;
  }

  public String kafkaClassPath() {
    return classPathOf("kafka");
  }

  public String cassandraClassPath() {
    return classPathOf("cassandra");
  }

  public Path registryJar() {
    Path app = existing("registry", home.resolve("stack/servers/registry/target/app"));
    try (var files = Files.list(app)) {
      return files.filter(p -> p.getFileName().toString().endsWith("-runner.jar")).findFirst()
          .orElseThrow(() -> missing("registry", app));
    } catch (java.io.IOException e) {
      throw missing("registry", app);
    }
  }

  /** The unpacked Keycloak distribution (its {@code lib/quarkus-run.jar}, {@code conf}, {@code providers}). */
  public Path keycloakHome() {
    Path dist = existing("keycloak", home.resolve("stack/servers/keycloak/target/dist"));
    try (var dirs = Files.list(dist)) {
      return dirs.filter(d -> Files.isRegularFile(d.resolve("lib/quarkus-run.jar"))).findFirst()
          .orElseThrow(() -> missing("keycloak", dist));
    } catch (java.io.IOException e) {
      throw missing("keycloak", dist);
    }
  }

  private String classPathOf(String server) {
    return existing(server, home.resolve("stack/servers/" + server + "/target/lib")) + "/*";
  }

  private Path existing(String server, Path dir) {
    if (!Files.isDirectory(dir)) {
      throw missing(server, dir);
    }
    return dir;
  }

  private StackException missing(String server, Path dir) {
    return new StackException("The " + server + " jars are missing from " + dir
        + ": build them with 'mvn -q -DskipTests package' in " + home + " (bin/sluice does it on first use)");
  }
}
