package io.sluice.deploy.marathon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.config.Config;
import io.sluice.config.ConfigDef;
import io.sluice.config.Setting;
import io.sluice.config.cli.Cli;
import io.sluice.config.cli.Command;
import io.sluice.dashboard.DashboardSettings;
import io.sluice.deploy.docker.ShellScript;
import io.sluice.ingest.cli.IngestCommands;
import io.sluice.jobs.JobMain;
import io.sluice.jobs.JobSettings;
import io.sluice.jobs.StreamingJob;
import io.sluice.jobs.backfill.BackfillSettings;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every environment variable an app sets is one its program reads, and every one it needs is set:
 * for our images, the program's own setting declarations decide (the environment must resolve into
 * a valid configuration); for upstream images, docker/upstream-images.json and, for Kafka, Kafka's
 * own config definition.
 */
class EnvironmentTest {

  private static final ShellScript INGEST = new ShellScript(Deployment.ROOT.resolve("docker/ingest/entrypoint.sh"));
  private static final ShellScript INGEST_HEALTH =
      new ShellScript(Deployment.ROOT.resolve("docker/ingest/healthcheck.sh"));
  private static final ShellScript JOBS = new ShellScript(Deployment.ROOT.resolve("docker/jobs/entrypoint.sh"));
  private static final ShellScript DASHBOARD =
      new ShellScript(Deployment.ROOT.resolve("docker/dashboard/entrypoint.sh"));
  private static final ShellScript CASSANDRA =
      new ShellScript(Deployment.ROOT.resolve("docker/cassandra/entrypoint.sh"));
  /** Our images that wrap an upstream server's image: what they read is theirs and their base's. */
  private static final Map<String, ShellScript> WRAPPERS = Map.of("sluice/cassandra:", CASSANDRA);
  /** Kafka's per-listener form of a setting: listener.name.LISTENER.[MECHANISM.]SETTING. */
  private static final Pattern LISTENER_SETTING = Pattern.compile(
      "listener\\.name\\.([a-z0-9_]+)\\.(?:(?:scram-sha-256|scram-sha-512|plain|gssapi|oauthbearer)\\.)?(.+)");
  private static Set<String> kafkaConfigNames;

  @BeforeAll
  static void loadKafkasOwnConfigNames() throws Exception {
    List<URL> jars;
    try (Stream<Path> files = Files.list(Deployment.ROOT.resolve("stack/servers/kafka/target/lib"))) {
      jars = files.filter(f -> f.toString().endsWith(".jar")).map(f -> {
        try {
          return f.toUri().toURL();
        } catch (java.net.MalformedURLException e) {
          throw new IllegalStateException(e);
        }
      }).toList();
    }
    // Its own loader: the broker's kafka-clients is not the one on this class path.
    Thread thread = Thread.currentThread();
    ClassLoader before = thread.getContextClassLoader();
    try (URLClassLoader broker = new URLClassLoader(jars.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
      // Kafka finds the classes its settings name through the context loader.
      thread.setContextClassLoader(broker);
      Object configDef = broker.loadClass("org.apache.kafka.server.config.AbstractKafkaConfig")
          .getField("CONFIG_DEF").get(null);
      @SuppressWarnings("unchecked")
      Set<String> names = (Set<String>) configDef.getClass().getMethod("names").invoke(configDef);
      kafkaConfigNames = Set.copyOf(names);
    } finally {
      thread.setContextClassLoader(before);
    }
  }

  static Stream<String> profiles() {
    return Deployment.groups().keySet().stream();
  }

  static Stream<String> renderings() {
    return Deployment.everyRendering().keySet().stream();
  }

  @ParameterizedTest
  @MethodSource("renderings")
  void ourAppsSetOnlyWhatTheirProgramReadsAndTheirEnvironmentResolves(String rendering) throws Exception {
    Path secrets = Files.createTempDirectory("secrets");
    Deployment.apps(Deployment.everyRendering().get(rendering)).forEach((id, app) -> {
      String image = Deployment.image(app);
      if (!image.startsWith("sluice/") || WRAPPERS.keySet().stream().anyMatch(image::startsWith)) {
        return;
      }
      List<String> args = Deployment.strings(app.path("args"));
      ConfigDef settings = image.startsWith("sluice/jobs:") ? jobSettings(args)
          : image.startsWith("sluice/dashboard:") ? DashboardSettings.ALL : ingestSettings(args);
      Set<String> readable = new HashSet<>(Set.of(Cli.CONFIG_ENV, Cli.DEBUG_ENV));
      settings.settings().forEach(s -> readable.addAll(s.envNames()));
      // A secret setting NAME is also read from the file NAME_FILE names.
      Set<String> secretFiles = new HashSet<>();
      settings.settings().stream().filter(Setting::isSecret)
          .forEach(s -> s.envNames().forEach(name -> secretFiles.add(name + Config.FILE_SUFFIX)));
      readable.addAll(secretFiles);
      readable.addAll(image.startsWith("sluice/jobs:") ? JOBS.declared().keySet()
          : image.startsWith("sluice/dashboard:") ? DASHBOARD.declared().keySet() : INGEST.declared().keySet());
      if (image.startsWith("sluice/ingest:")) {
        readable.addAll(INGEST_HEALTH.declared().keySet());
      }
      Map<String, String> env = Deployment.env(app);

      assertThat(readable).as(id + ": every variable is read by " + image).containsAll(env.keySet());
      // Secrets resolve at launch; a stand-in value (or file) lets the rest resolve as the program will.
      env.replaceAll((name, value) -> value.startsWith("secret:") ? "from-secret"
          : secretFiles.contains(name) ? standIn(secrets, name) : value);
      assertThatCode(() -> Config.resolve(settings, new Config.Sources(Map.of(), env, null)))
          .as(id + ": its environment is a complete, valid configuration").doesNotThrowAnyException();
    });
  }

  @ParameterizedTest
  @MethodSource("profiles")
  void ourWrappersOfUpstreamImagesSetOnlyWhatTheyOrTheirBaseRead(String profile) {
    JsonNode upstream = Deployment.json(Deployment.ROOT.resolve("docker/upstream-images.json"));
    Deployment.apps(Deployment.groups().get(profile)).forEach((id, app) -> {
      String image = Deployment.image(app);
      WRAPPERS.forEach((prefix, script) -> {
        if (!image.startsWith(prefix)) {
          return;
        }
        JsonNode base = upstream.get(baseImage(script.file().resolveSibling("Dockerfile")));
        assertThat(base).as(id + ": the base of " + image + " is listed in docker/upstream-images.json").isNotNull();
        Set<String> readable = new HashSet<>(script.declared().keySet());
        readable.addAll(Deployment.strings(base.path("reads")));
        Map<String, String> env = Deployment.env(app);
        assertThat(readable).as(id + ": every variable is read by " + image + " or its base").containsAll(env.keySet());
        assertThat(env.keySet()).as(id + " sets what its base requires")
            .containsAll(Deployment.strings(base.path("requires")));
        script.declared().forEach((name, doc) -> {
          if (doc.startsWith("required")) {
            assertThat(env).as(id + " sets " + name + ", which " + script.file() + " requires").containsKey(name);
          }
        });
      });
    });
  }

  private static String standIn(Path dir, String name) {
    try {
      return Files.writeString(dir.resolve(name), "from-secret\n").toString();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The image a Dockerfile's first stage starts FROM. */
  private static String baseImage(Path dockerfile) {
    try {
      return Files.readAllLines(dockerfile).stream().filter(l -> l.startsWith("FROM ")).findFirst()
          .map(l -> l.substring(5).trim().split("\\s+")[0]).orElseThrow();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @ParameterizedTest
  @MethodSource("profiles")
  void upstreamAppsSetOnlyWhatTheirImageReadsAndAllItRequires(String profile) {
    JsonNode upstream = Deployment.json(Deployment.ROOT.resolve("docker/upstream-images.json"));
    Deployment.apps(Deployment.groups().get(profile)).forEach((id, app) -> {
      JsonNode image = upstream.get(Deployment.image(app));
      if (image == null) {
        return;
      }
      Set<String> reads = new HashSet<>(Deployment.strings(image.path("reads")));
      String prefix = image.path("configPrefix").asText(null);
      Map<String, String> env = Deployment.env(app);
      Set<String> listeners = listenerNames(env.getOrDefault("KAFKA_LISTENERS", ""));
      env.keySet().forEach(name -> {
        boolean serverSetting = prefix != null && name.startsWith(prefix)
            && isKafkaSetting(kafkaImageConfigName(name, prefix), listeners);
        assertThat(reads.contains(name) || serverSetting).as(id + ": " + name + " is read by " + Deployment.image(app))
            .isTrue();
      });
      assertThat(env.keySet()).as(id + " sets what its image requires")
          .containsAll(Deployment.strings(image.path("requires")));
    });
  }

  @Test
  void kafkaVariablesMapToSettingsAsTheImageDoesAndATypoIsCaught() {
    assertThat(kafkaImageConfigName("KAFKA_LOG_DIRS", "KAFKA_")).isEqualTo("log.dirs");
    assertThat(kafkaImageConfigName("KAFKA_CONTROLLER_QUORUM_VOTERS", "KAFKA_")).isEqualTo("controller.quorum.voters");
    assertThat(kafkaConfigNames).contains("log.dirs", "controller.quorum.voters", "min.insync.replicas")
        .doesNotContain(kafkaImageConfigName("KAFKA_MIN_INSYNC_REPLICA", "KAFKA_"));
  }

  @Test
  void listenerPrefixedVariablesAreSettingsOfADeclaredListenerAndATypoAfterThePrefixIsCaught() {
    Set<String> listeners = listenerNames("CLIENT://0.0.0.0:9092,BROKER://0.0.0.0:9094");
    assertThat(kafkaImageConfigName("KAFKA_LISTENER_NAME_CLIENT_SCRAM___SHA___512_SASL_JAAS_CONFIG", "KAFKA_"))
        .isEqualTo("listener.name.client.scram-sha-512.sasl.jaas.config");
    assertThat(isKafkaSetting("listener.name.client.scram-sha-512.sasl.jaas.config", listeners)).isTrue();
    assertThat(isKafkaSetting("listener.name.broker.ssl.client.auth", listeners)).isTrue();
    assertThat(isKafkaSetting("listener.name.broker.ssl.client.auht", listeners)).as("a typo of the setting").isFalse();
    assertThat(isKafkaSetting("listener.name.brokr.ssl.client.auth", listeners)).as("a listener not declared").isFalse();
    assertThat(isKafkaSetting("listener.name.client.scram-sha-512.sasl.jaas.confg", listeners)).isFalse();
  }

  @Test
  void ourScriptsDeclareEveryVariableTheyReadAndReadEveryOneTheyDeclare() {
    for (ShellScript script : List.of(INGEST, INGEST_HEALTH, JOBS, DASHBOARD, CASSANDRA)) {
      assertThat(script.declared().keySet()).as(script.file() + " declares what it reads").containsAll(script.read());
      script.declared().keySet().stream().filter(name -> !script.readByTheProgram(name)).forEach(name ->
          assertThat(script.read()).as(script.file() + " reads " + name).contains(name));
    }
  }

  /**
   * A name Kafka's broker takes: one of its settings, or, as Kafka allows, one of them for a single
   * listener of this broker ({@code listener.name.client.ssl.client.auth}), optionally for one SASL
   * mechanism ({@code listener.name.client.scram-sha-512.sasl.jaas.config}).
   */
  static boolean isKafkaSetting(String name, Set<String> listeners) {
    if (kafkaConfigNames.contains(name)) {
      return true;
    }
    Matcher m = LISTENER_SETTING.matcher(name);
    return m.matches() && listeners.contains(m.group(1)) && kafkaConfigNames.contains(m.group(2));
  }

  /** The listener names of a broker's {@code listeners}, lower case, as Kafka's prefix spells them. */
  static Set<String> listenerNames(String listeners) {
    Set<String> names = new HashSet<>();
    for (String listener : listeners.split(",")) {
      int end = listener.indexOf("://");
      if (end > 0) {
        names.add(listener.substring(0, end).trim().toLowerCase(Locale.ROOT));
      }
    }
    return names;
  }

  /** The apache/kafka image's rule, reversed: '_' is '.', '__' is '_', '___' is '-'. */
  static String kafkaImageConfigName(String variable, String prefix) {
    return variable.substring(prefix.length()).replace("___", "\u0001").replace("__", "\u0002").replace('_', '.')
        .replace('\u0001', '-').replace('\u0002', '_').toLowerCase(Locale.ROOT);
  }

  private static ConfigDef jobSettings(List<String> args) {
    if (args.size() == 2 && args.get(0).equals("backfill")) {
      assertThat(JobMain.JOBS.stream().map(StreamingJob::name)).contains(args.get(1));
      return BackfillSettings.ALL;
    }
    assertThat(args).as("a job app names its job").hasSize(1);
    assertThat(JobMain.JOBS.stream().map(StreamingJob::name)).contains(args.get(0));
    return JobSettings.ALL;
  }

  private static ConfigDef ingestSettings(List<String> args) {
    assertThat(args).as("a producer app names its command").isNotEmpty();
    if (args.get(0).equals("setup")) {
      // The entrypoint's: grant-access (on a secure deployment), then migrate and seed-campaigns.
      return Stream.of("grant-access", "migrate", "seed-campaigns").map(EnvironmentTest::ingestCommand)
          .map(Command::settings).reduce(ConfigDef::with).orElseThrow();
    }
    return ingestCommand(args.get(0)).settings();
  }

  private static Command ingestCommand(String name) {
    Command command = IngestCommands.group().command(name)
        .orElseThrow(() -> new AssertionError("the producer image has no command '" + name + "'"));
    return command;
  }
}
