package io.sluice.dashboard;

import com.datastax.oss.driver.api.core.CqlSession;
import io.sluice.config.Config;
import io.sluice.config.ConfigDef;
import io.sluice.config.SharedSettings;
import io.sluice.config.cli.Command;
import io.sluice.config.cli.Invocation;
import io.sluice.schemas.cql.CassandraSessions;
import java.util.concurrent.CountDownLatch;

/** Serves the dashboard until Ctrl-C (SIGINT/SIGTERM). */
public final class DashboardCommand implements Command {

  @Override
  public String name() {
    return "dashboard";
  }

  @Override
  public String summary() {
    return "Serve a web dashboard of the Cassandra tables and the jobs' metrics, with its JSON endpoints.";
  }

  @Override
  public String description() {
    return summary() + " The page shows the top campaigns of the newest complete 10-second window (refreshed"
        + " live), one campaign over a chosen range (views, clicks, purchases, CTR and unique users per minute)"
        + " and the pipeline's health from the jobs' /metrics. Behind it: GET /api/top, /api/campaigns,"
        + " /api/campaigns/{id}/minutes?from=&to=, /api/health; GET /healthz for health checks. It reads"
        + " Cassandra only with single-partition queries.";
  }

  @Override
  public ConfigDef settings() {
    return DashboardSettings.ALL;
  }

  @Override
  public int run(Invocation inv) throws Exception {
    Config config = inv.config();
    CountDownLatch stop = new CountDownLatch(1);
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      stop.countDown();
      try {
        stopped.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "sluice-dashboard-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    try (CqlSession session = CassandraSessions.open(config);
         DashboardServer server = DashboardServer.start(session, config)) {
      inv.out().printf("dashboard: %s (keyspace %s at %s; Ctrl-C stops)%n", server.url(),
          config.get(SharedSettings.CASSANDRA_KEYSPACE), config.get(SharedSettings.CASSANDRA_CONTACT_POINTS));
      inv.out().flush();
      stop.await();
      inv.out().println("dashboard: stopping");
    } finally {
      stopped.countDown();
    }
    return 0;
  }
}
