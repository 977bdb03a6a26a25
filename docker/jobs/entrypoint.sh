#!/usr/bin/env sh
# Entry point of the jobs image: submits one streaming job with spark-submit. The driver runs in
# this container (client mode); on Mesos the executors run in this same image. Runs outside Docker
# too: point SPARK_HOME at a Spark distribution and SLUICE_APP_JAR at the application jar.
# 'backfill JOB' (settings SLUICE_FROM, SLUICE_TO) recomputes a past range instead, as a one-off.
# Under Marathon, which restarts what ends, a backfill that succeeded stays up, idle, with
# MESOS_SANDBOX/backfill.done (its health check), and so does one refused (exit 2), unhealthy;
# one that failed otherwise exits to be retried (marathon/backfill.json).
#
# Environment read by this script (the job reads its own settings: see 'JOB --help'):
#   SLUICE_JOB                  required unless given as the first argument: the job to run
#   SPARK_MASTER                master URL: mesos://zk://ZK:2181/mesos, spark://HOST:7077 or local[N]; default local[2]
#   SPARK_HOME                  the Spark distribution; default /opt/spark
#   SLUICE_APP_JAR              the application jar; default /opt/sluice/jobs/sluice-streaming-jobs.jar
#   SLUICE_JVM_FLAGS_FILE       Java 17 module flags of the driver and executors; default /opt/sluice/jobs/spark-jvm-flags.txt
#   SPARK_DRIVER_MEMORY         heap of the driver; default 1g
#   SPARK_EXECUTOR_MEMORY       heap of each executor; default 1g
#   SPARK_CORES_MAX             spark.cores.max: the most cores the job takes from a cluster
#   SPARK_MESOS_EXECUTOR_IMAGE  Docker image of the executors on Mesos (this image)
#   SLUICE_SPARK_CONF           further Spark settings: key=value pairs separated by spaces
#   HOST                        set by Marathon: the agent's address, which executors reach the driver at
#   PORT_DRIVER                 set by Marathon for the named port 'driver': spark.driver.port
#   PORT_BLOCKMANAGER           set by Marathon for the named port 'blockmanager': spark.driver.blockManager.port
#   PORT_UI                     set by Marathon for the named port 'ui': spark.ui.port, the health check's
#   PORT_METRICS                set by Marathon for the named port 'metrics': the job's /metrics, unless SLUICE_METRICS_PORT is set
#   SLUICE_METRICS_PORT         (read by the job) the port of its Prometheus endpoint
#   PORT_LIBPROCESS             set by Marathon for the named port 'libprocess': the Mesos scheduler's port
#   SPARK_MESOS_PRINCIPAL       (read by Spark) the framework principal on a Mesos cluster with authentication
#   SPARK_MESOS_SECRET          (read by Spark) its secret; give it as a Marathon secret, never inline
#   MESOS_SANDBOX               set by Mesos: the task's folder, where a backfill marks itself done; default /tmp
#   MARATHON_APP_ID             set by Marathon: a backfill under Marathon stays up once it has ended
set -eu
job="${1:-${SLUICE_JOB:-}}"
if [ -z "$job" ] || [ "$job" = "--help" ] || [ "$job" = "-h" ]; then
  echo "Usage: entrypoint.sh JOB [--setting value ...]   (or set SLUICE_JOB); the jobs: campaign-stats (both" >&2
  echo "tables from one query), campaign-window-counts, campaign-minute-stats; 'backfill JOB' recomputes a" >&2
  echo "past range (SLUICE_FROM, SLUICE_TO), then stays up, idle. Settings come from SLUICE_*" >&2
  echo "variables, KAFKA_BOOTSTRAP_SERVERS, SCHEMA_REGISTRY_URL, CASSANDRA_CONTACT_POINTS and CASSANDRA_LOCAL_DC;" >&2
  echo "see the header of this script for the Spark ones." >&2
  [ -n "$job" ] && exit 0
  exit 2
fi
[ $# -gt 0 ] && shift

spark_home="${SPARK_HOME:-/opt/spark}"
app_jar="${SLUICE_APP_JAR:-/opt/sluice/jobs/sluice-streaming-jobs.jar}"
flags_file="${SLUICE_JVM_FLAGS_FILE:-/opt/sluice/jobs/spark-jvm-flags.txt}"
master="${SPARK_MASTER:-local[2]}"
for required in "$spark_home/bin/spark-submit" "$app_jar" "$flags_file"; do
  if [ ! -e "$required" ]; then
    echo "entrypoint: $required does not exist (see SPARK_HOME, SLUICE_APP_JAR, SLUICE_JVM_FLAGS_FILE)" >&2
    exit 2
  fi
done
flags="$(cat "$flags_file")"

set -- --master "$master" --deploy-mode client --class io.sluice.jobs.JobMain --name "sluice $job" \
  --driver-memory "${SPARK_DRIVER_MEMORY:-1g}" --executor-memory "${SPARK_EXECUTOR_MEMORY:-1g}" \
  --conf "spark.driver.extraJavaOptions=$flags" --conf "spark.executor.extraJavaOptions=$flags" \
  --conf "spark.sql.streaming.stopGracefullyOnShutdown=true" \
  "$app_jar" "$job" "$@"
extra=""
add() {
  extra="$extra --conf $1"
}
[ -n "${SPARK_CORES_MAX:-}" ] && add "spark.cores.max=$SPARK_CORES_MAX"
[ -n "${HOST:-}" ] && add "spark.driver.host=$HOST" && add "spark.driver.bindAddress=0.0.0.0"
[ -n "${PORT_DRIVER:-}" ] && add "spark.driver.port=$PORT_DRIVER"
[ -n "${PORT_BLOCKMANAGER:-}" ] && add "spark.driver.blockManager.port=$PORT_BLOCKMANAGER"
if [ -n "${PORT_UI:-}" ]; then add "spark.ui.port=$PORT_UI"; else add "spark.ui.enabled=false"; fi
if [ -z "${SLUICE_METRICS_PORT:-}" ] && [ -n "${PORT_METRICS:-}" ]; then
  SLUICE_METRICS_PORT="$PORT_METRICS"
  export SLUICE_METRICS_PORT
fi
if [ -n "${PORT_LIBPROCESS:-}" ]; then
  # libmesos, which the Mesos scheduler driver loads, reads these two itself.
  export LIBPROCESS_PORT="$PORT_LIBPROCESS"
  [ -n "${HOST:-}" ] && export LIBPROCESS_ADVERTISE_IP="$HOST"
fi
case "$master" in
  mesos://*)
    add "spark.mesos.executor.home=$spark_home"
    [ -n "${SPARK_MESOS_EXECUTOR_IMAGE:-}" ] && add "spark.mesos.executor.docker.image=$SPARK_MESOS_EXECUTOR_IMAGE"
    ;;
esac
for setting in ${SLUICE_SPARK_CONF:-}; do
  add "$setting"
done

echo "entrypoint: spark-submit $job on $master" >&2
# Settings hold no spaces (the flags are passed above, quoted), so word splitting of $extra is safe.
if [ "$job" = "backfill" ]; then
  done_file="${MESOS_SANDBOX:-/tmp}/backfill.done"
  rm -f "$done_file"
  # shellcheck disable=SC2086
  "$spark_home/bin/spark-submit" $extra "$@" &
  child=$!
  trap 'kill -TERM "$child" 2>/dev/null; wait "$child"; exit 143' TERM INT
  status=0
  wait "$child" || status=$?
  [ -z "${MARATHON_APP_ID:-}" ] && exit "$status"
  case "$status" in
    0)
      touch "$done_file"
      echo "entrypoint: backfill done; remove its group: dcos marathon group remove /sluice-backfill" >&2
      ;;
    2)
      # A refused request (a reversed, future, open or deleted range) would be refused again: no retry.
      echo "entrypoint: backfill refused (see above); fix SLUICE_FROM or SLUICE_TO and deploy it again" >&2
      ;;
    *)
      # Marathon retries after its backoff; a backfill rewrites the same values.
      exit "$status"
      ;;
  esac
  exec tail -f /dev/null
fi
# shellcheck disable=SC2086
exec "$spark_home/bin/spark-submit" $extra "$@"
