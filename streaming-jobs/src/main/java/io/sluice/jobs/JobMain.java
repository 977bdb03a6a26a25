package io.sluice.jobs;

import io.sluice.config.ConfigDef;
import io.sluice.config.cli.Cli;
import io.sluice.config.cli.Command;
import io.sluice.config.cli.CommandGroup;
import io.sluice.config.cli.Invocation;
import io.sluice.jobs.aggregate.CampaignMinuteStats;
import io.sluice.jobs.aggregate.CampaignStats;
import io.sluice.jobs.aggregate.CampaignWindowCounts;
import io.sluice.jobs.backfill.BackfillCommand;
import io.sluice.jobs.baseline.KafkaReadCount;
import io.sluice.jobs.checkpoint.LocalFileSystems;
import io.sluice.jobs.metrics.JobMetrics;
import io.sluice.jobs.metrics.spark.SparkMetricsSink;
import io.sluice.jobs.supervise.Failures;
import io.sluice.jobs.supervise.Supervisor;
import io.sluice.metrics.MetricsEndpoint;
import io.sluice.metrics.MetricsSettings;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * The one entry point of the application jar: {@code spark-submit --class io.sluice.jobs.JobMain
 * sluice-streaming-jobs-app.jar JOB [--config FILE] [--setting value ...]}, or {@code backfill JOB
 * --from TIME --to TIME ...} for a past range. {@code --help} lists the jobs; {@code JOB --help}
 * lists every setting.
 */
public final class JobMain {

  public static final List<StreamingJob> JOBS = List.of(new CampaignStats(), new CampaignWindowCounts(),
      new CampaignMinuteStats());

  private JobMain() {
  }

  public static void main(String[] args) {
    Cli.main(commands(), args);
  }

  /** Every job, each job's backfill, and the baseline, as commands. */
  public static CommandGroup commands() {
    CommandGroup group = new CommandGroup(System.getProperty("sluice.program", "sluice-job"),
        "Sluice streaming jobs: Kafka in, event-time window aggregates upserted into Cassandra.");
    JOBS.forEach(job -> group.add(new JobCommand(job)));
    CommandGroup backfill = new CommandGroup("backfill", "Recompute a job's windows over a past event-time range,"
        + " from the topic or from event files, as a batch.");
    JOBS.forEach(job -> backfill.add(new BackfillCommand(job, JobMain::sparkSession)));
    group.add(backfill);
    group.add(new KafkaReadCount());
    return group;
  }

  /** The session of a job or a backfill; the master comes from spark-submit or spark.master, never from here. */
  static SparkSession sparkSession(String appName) {
    return LocalFileSystems.configure(SparkSession.builder().appName(appName)).getOrCreate();
  }

  /** One job as a command. */
  static final class JobCommand implements Command {
    private final StreamingJob job;

    JobCommand(StreamingJob job) {
      this.job = job;
    }

    @Override
    public String name() {
      return job.name();
    }

    @Override
    public String summary() {
      return job.summary();
    }

    @Override
    public ConfigDef settings() {
      return JobSettings.ALL;
    }

    @Override
    public int run(Invocation inv) throws Exception {
      String progress = inv.config().get(JobSettings.PROGRESS_FILE);
      boolean serveMetrics = inv.config().get(MetricsSettings.PORT) != 0;
      SparkSession.Builder builder = SparkSession.builder().appName("sluice " + job.name());
      if (serveMetrics) {
        // Spark's own metrics, streaming query ones included, reach /metrics through this sink.
        builder.config(SparkMetricsSink.CONF_KEY, SparkMetricsSink.class.getName())
            .config("spark.sql.streaming.metricsEnabled", "true");
      }
      SparkSession spark = LocalFileSystems.configure(builder).getOrCreate();
      try (JobMetrics metrics = JobMetrics.create(job.name(), progress == null ? null : Path.of(progress));
           MetricsEndpoint endpoint = MetricsEndpoint.start(inv.config(), metrics.registry(), job.name())) {
        new Supervisor(job.name(), inv.config().get(JobSettings.RESTART_ATTEMPTS),
            inv.config().get(JobSettings.RESTART_BACKOFF), inv.config().get(JobSettings.RESTART_BACKOFF_MAX))
            .run(() -> new JobRunner(job, inv.config(), metrics).run(spark));
      } catch (Exception e) {
        throw Failures.explained(e, inv.config());
      } finally {
        spark.stop();
      }
      return 0;
    }
  }
}
