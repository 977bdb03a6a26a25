package io.sluice.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.stack.StackEndpoints;
import io.sluice.stack.junit.LocalStackExtension;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The application jar, submitted with SparkSubmit to a real Spark standalone cluster (a Master and a
 * Worker process, executors in their own JVMs), gives the same results as local runs.
 */
@ExtendWith(LocalStackExtension.class)
class StandaloneClusterIT {

  static final Path TARGET = Path.of("target");
  static final Path SPARK_JARS = JobHarness.HOME.toAbsolutePath().resolve("stack/servers/spark/target/lib");
  static final String SPARK_CLASSPATH = SPARK_JARS + "/*";

  @TempDir
  Path tmp;

  private final List<Process> cluster = new ArrayList<>();

  @Test
  void theShadedJarSubmittedToAStandaloneClusterGivesTheExpectedCounts(StackEndpoints stack) throws Exception {
    JobHarness pipeline = new JobHarness(stack, "cluster");
    pipeline.seedSampleCampaigns();
    pipeline.replay(JobHarness.SAMPLES.resolve("events.jsonl"));
    Path sparkHome = sparkHome();
    int masterPort = freePort();
    String master = "spark://127.0.0.1:" + masterPort;
    try {
      start("master", sparkHome, "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
          "--port", Integer.toString(masterPort), "--webui-port", Integer.toString(freePort()));
      awaitPort(masterPort);
      start("worker", sparkHome, "org.apache.spark.deploy.worker.Worker", master, "--host", "127.0.0.1",
          "--cores", "2", "--memory", "2g", "--webui-port", Integer.toString(freePort()),
          "--work-dir", tmp.resolve("work").toString());

      Process submit = start("submit", sparkHome, "org.apache.spark.deploy.SparkSubmit", "--master", master,
          "--deploy-mode", "client", "--class", JobMain.class.getName(),
          "--conf", "spark.executor.extraJavaOptions=" + System.getProperty("spark.jvm.flags"),
          "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.driver.bindAddress=127.0.0.1",
          "--conf", "spark.executor.memory=768m", "--conf", "spark.cores.max=2", "--conf", "spark.ui.enabled=false",
          appJar().toString(), "campaign-window-counts",
          "--topic", pipeline.topic, "--cassandra-keyspace", pipeline.keyspace, "--trigger", "available-now",
          "--checkpoint-dir", pipeline.checkpoints.resolve("cluster").toString(), "--shuffle-partitions", "2",
          "--kafka-bootstrap-servers", stack.kafkaBootstrapServers(),
          "--schema-registry-url", stack.schemaRegistryUrl(),
          "--cassandra-contact-points", stack.cassandraContactPoints());
      assertThat(submit.waitFor(5, TimeUnit.MINUTES)).as("spark-submit finished; logs in " + JobHarness.LOGS).isTrue();
      assertThat(submit.exitValue()).as("spark-submit exit code; logs in " + JobHarness.LOGS).isZero();
      assertThat(executorLogs()).as("the work ran in the worker's executors").isNotEmpty();
    } finally {
      for (int i = cluster.size() - 1; i >= 0; i--) {
        cluster.get(i).destroy();
        if (!cluster.get(i).waitFor(30, TimeUnit.SECONDS)) {
          cluster.get(i).destroyForcibly();
        }
      }
    }

    assertThat(pipeline.rows("campaign_window_counts", "views"))
        .isEqualTo(JobHarness.expected("campaign_window_counts.csv"));
  }

  /** A Spark home as a distribution lays it out (RELEASE and jars/), which the Worker needs to launch executors. */
  private Path sparkHome() throws IOException {
    Path home = tmp.resolve("spark-home");
    Files.createDirectories(home);
    Files.writeString(home.resolve("RELEASE"), "Spark for the Sluice standalone-cluster test\n");
    Files.createSymbolicLink(home.resolve("jars"), SPARK_JARS);
    return home;
  }

  private Process start(String name, Path sparkHome, String mainClass, String... args) throws IOException {
    Files.createDirectories(JobHarness.LOGS);
    List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m"));
    argv.addAll(Arrays.asList(System.getProperty("spark.jvm.flags", "").split(" ")));
    argv.addAll(List.of("-cp", SPARK_CLASSPATH, mainClass));
    argv.addAll(Arrays.asList(args));
    ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true)
        .redirectOutput(JobHarness.LOGS.resolve("cluster-" + name + ".log").toFile());
    builder.environment().put("SPARK_HOME", sparkHome.toString());
    builder.environment().put("SPARK_SCALA_VERSION", "2.13");
    builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    Process process = builder.start();
    cluster.add(process);
    return process;
  }

  private List<Path> executorLogs() throws IOException {
    try (Stream<Path> files = Files.walk(tmp.resolve("work"))) {
      return files.filter(f -> f.getFileName().toString().equals("stderr")).toList();
    }
  }

  private static Path appJar() throws IOException {
    try (Stream<Path> files = Files.list(TARGET)) {
      return files.filter(f -> f.getFileName().toString().endsWith("-app.jar")).findFirst()
          .orElseThrow(() -> new IllegalStateException("No application jar in target/: run mvn package"))
          .toAbsolutePath();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void awaitPort(int port) throws InterruptedException {
    for (int i = 0; i < 360; i++) {
      try (Socket socket = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException e) {
        Thread.sleep(250);
      }
    }
    throw new AssertionError("Spark master did not open port " + port);
  }
}
