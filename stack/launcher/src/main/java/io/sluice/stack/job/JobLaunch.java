package io.sluice.stack.job;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The command that runs a streaming job in a JVM of its own with Spark in local mode: the one place
 * that knows the JVM options Spark needs on Java 17, the driver's loopback binding, and the job's
 * main class. {@code sluice job run}, {@link JobProcess} (the demo and the benchmarks) and the jobs'
 * integration tests all start jobs with it; a cluster gets its jobs through spark-submit instead
 * (docker/jobs/entrypoint.sh).
 *
 * <pre>{@code
 * List<String> argv = JobLaunch.fromCheckout(home).heap("2g").build("campaign-stats", List.of("--topic", "t"));
 * }</pre>
 */
public final class JobLaunch {

  public static final String MAIN_CLASS = "io.sluice.jobs.JobMain";
  /**
   * The driver's heap in local mode. G1 grows the heap to its limit at high rates (each batch
   * copies the touched windows' state), and the rest of the JVM takes ~430 MiB: at 50k events/s,
   * 1g peaked at 1,499 MiB resident and 896m at 1,365 MiB, with the same latency (p99 441-743 ms
   * and 518 ms in runs of the same day); 768m raised the p99 to 910 ms.
   */
  public static final String DEFAULT_HEAP = "896m";
  /** Spark binds to the host's first non-loopback address without it; set it in the job's environment. */
  public static final Map<String, String> ENVIRONMENT = Map.of("SPARK_LOCAL_IP", "127.0.0.1");

  private final List<String> jvmOptions;
  private final List<String> sparkModuleFlags;
  private final Map<String, String> properties;
  private final String classPath;

  private JobLaunch(List<String> jvmOptions, List<String> sparkModuleFlags, Map<String, String> properties,
                    String classPath) {
    this.jvmOptions = List.copyOf(jvmOptions);
    this.sparkModuleFlags = List.copyOf(sparkModuleFlags);
    this.properties = Map.copyOf(properties);
    this.classPath = classPath;
  }

  /**
   * A launch from the class path given, with Spark's Java 17 module flags as one space-separated
   * string (the build writes them to streaming-jobs/target/spark-jvm-flags.txt).
   */
  public static JobLaunch of(String classPath, String sparkModuleFlags) {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("spark.master", "local[2]");
    properties.put("spark.ui.enabled", "false");
    properties.put("spark.driver.host", "127.0.0.1");
    properties.put("spark.driver.bindAddress", "127.0.0.1");
    return new JobLaunch(List.of("-Xmx" + DEFAULT_HEAP), split(sparkModuleFlags), properties, classPath);
  }

  /** A launch of the jobs this checkout built: their jar, its dependencies and Spark's, and its logging. */
  public static JobLaunch fromCheckout(Path home) throws IOException {
    Path jobs = home.resolve("streaming-jobs/target");
    String jar;
    try (Stream<Path> files = Files.list(jobs)) {
      jar = files.map(Path::toString).filter(f -> f.matches(".*/sluice-streaming-jobs-[^/]*\\.jar")
          && !f.endsWith("-app.jar")).findFirst()
          .orElseThrow(() -> new IOException("No streaming-jobs jar in " + jobs + ": run bin/sluice build"));
    }
    return of(jar + ":" + jobs.resolve("lib") + "/*:" + home.resolve("stack/servers/spark/target/lib") + "/*",
        Files.readString(jobs.resolve("spark-jvm-flags.txt")))
        .property("log4j2.configurationFile", "classpath:sluice-job-log4j2.properties");
  }

  /** The heap and any other options that go ahead of Spark's module flags, in place of the default heap. */
  public JobLaunch jvmOptions(List<String> options) {
    return new JobLaunch(options, sparkModuleFlags, properties, classPath);
  }

  public JobLaunch heap(String size) {
    return jvmOptions(List.of("-Xmx" + size));
  }

  /** A system property of the job's JVM (a Spark setting such as spark.master, or the logging). */
  public JobLaunch property(String name, String value) {
    Map<String, String> all = new LinkedHashMap<>(properties);
    all.put(name, value);
    return new JobLaunch(jvmOptions, sparkModuleFlags, all, classPath);
  }

  /** The command line of {@code job} with its {@code settings} (flags of 'sluice job run NAME'). */
  public List<String> build(String job, List<String> settings) {
    List<String> args = new ArrayList<>(List.of(job));
    args.addAll(settings);
    return command(args);
  }

  private List<String> command(List<String> args) {
    List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    argv.addAll(jvmOptions);
    argv.addAll(sparkModuleFlags);
    properties.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .forEach(p -> argv.add("-D" + p.getKey() + "=" + p.getValue()));
    argv.addAll(List.of("-cp", classPath, MAIN_CLASS));
    argv.addAll(args);
    return argv;
  }

  private static List<String> split(String flags) {
    return Arrays.stream(flags.trim().split("\\s+")).filter(f -> !f.isEmpty()).toList();
  }

  /**
   * For bin/sluice: prints, NUL-separated, the command of {@code sluice job run ARGS} or {@code
   * sluice job backfill ARGS} from the checkout at -Dsluice.home, with the options of
   * SLUICE_JAVA_OPTS (default: the {@link #DEFAULT_HEAP}) and the master of SPARK_MASTER (default local[2]); the script
   * then runs it in its own place.
   */
  public static void main(String[] args) throws IOException {
    if (args.length == 0 || !List.of("run", "backfill").contains(args[0])) {
      throw new IllegalArgumentException("The first argument is run or backfill");
    }
    // 'run NAME' is the job NAME of the main class; 'backfill NAME' its command group of that name.
    boolean run = "run".equals(args[0]);
    List<String> jobArgs = Arrays.asList(args).subList(run ? 1 : 0, args.length);
    JobLaunch launch = fromCheckout(Path.of(System.getProperty("sluice.home")))
        .property("sluice.program", run ? "sluice job run" : "sluice job")
        .property("sluice.checkpoint.root", System.getProperty("sluice.home") + "/.sluice/checkpoints");
    String options = System.getenv("SLUICE_JAVA_OPTS");
    if (options != null && !options.isBlank()) {
      launch = launch.jvmOptions(split(options));
    }
    String master = System.getenv("SPARK_MASTER");
    if (master != null && !master.isBlank()) {
      launch = launch.property("spark.master", master);
    }
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    for (String arg : launch.command(jobArgs)) {
      out.print(arg);
      out.print('\0');
    }
    out.flush();
  }
}
