#!/usr/bin/env sh
# Entry point of the producer image. Runs one 'sluice' producing command (generate, replay,
# seed-campaigns, migrate, grant-access, expected) with the image's jars, or 'setup': on a secure
# deployment first grant-access (Kafka users, topics, ACLs; Cassandra roles), then, as the migrator,
# apply the CQL schema granting the jobs' and dashboard's roles their tables, and seed the campaigns
# (every step idempotent), then stay up, so that Marathon counts the setup healthy and only then
# starts the apps that depend on it. Runs outside Docker too: point SLUICE_LIB at the jars.
#
# Environment read by this script (each command reads its own settings: see 'COMMAND --help'):
#   SLUICE_LIB              folder of the jars; default /opt/sluice/lib
#   JAVA_OPTS               options of the JVM, such as the heap
#   SLUICE_CAMPAIGNS        setup: the campaign CSV to seed (generate reads the same file)
#   SLUICE_SETUP_DONE_FILE  setup: written once done, the health check looks for it; default /tmp/sluice-setup.done
#   SLUICE_SETUP_SECURE     setup: "true" runs grant-access first, then migrates and seeds as sluice-migrator; default false
#   SLUICE_MIGRATOR_PASSWORD_FILE  secure setup: file of sluice-migrator's password (also read by grant-access)
#   PORT_METRICS            set by Marathon for the named port 'metrics': the producer's /metrics, unless SLUICE_METRICS_PORT is set
#   SLUICE_METRICS_PORT     (read by generate and replay) the port of their Prometheus endpoint
set -eu
lib="${SLUICE_LIB:-/opt/sluice/lib}"
if [ ! -d "$lib" ]; then
  echo "entrypoint: no jars in $lib (set SLUICE_LIB)" >&2
  exit 2
fi

if [ -z "${SLUICE_METRICS_PORT:-}" ] && [ -n "${PORT_METRICS:-}" ]; then
  SLUICE_METRICS_PORT="$PORT_METRICS"
  export SLUICE_METRICS_PORT
fi

sluice() {
  # shellcheck disable=SC2086
  java ${JAVA_OPTS:-} -Dlog4j2.configurationFile=classpath:sluice-cli-log4j2.properties \
    -cp "$lib/*" io.sluice.ingest.cli.IngestCommands "$@"
}

if [ "${1:-}" = "setup" ]; then
  shift
  campaigns="${SLUICE_CAMPAIGNS:?entrypoint: setup needs SLUICE_CAMPAIGNS, the campaign CSV to seed}"
  done_file="${SLUICE_SETUP_DONE_FILE:-/tmp/sluice-setup.done}"
  rm -f "$done_file"
  if [ "${SLUICE_SETUP_SECURE:-false}" = "true" ]; then
    # Logins and privileges first; then the migrator, which owns what it creates, applies the schema
    # and grants the jobs and the dashboard their tables. Its password stays in its file.
    migrator_password="${SLUICE_MIGRATOR_PASSWORD_FILE:?entrypoint: a secure setup needs SLUICE_MIGRATOR_PASSWORD_FILE}"
    sluice grant-access
    CASSANDRA_USERNAME=sluice-migrator CASSANDRA_PASSWORD_FILE="$migrator_password" \
      sluice migrate --cassandra-grant-writer sluice-job --cassandra-grant-reader sluice-dashboard
    CASSANDRA_USERNAME=sluice-migrator CASSANDRA_PASSWORD_FILE="$migrator_password" \
      sluice seed-campaigns "$@" "$campaigns"
  else
    # seed-campaigns applies the schema first; both steps change nothing when run again.
    sluice seed-campaigns "$@" "$campaigns"
  fi
  date -u +%Y-%m-%dT%H:%M:%SZ >"$done_file"
  echo "entrypoint: setup done; staying up so that the apps depending on it may start"
  exec sleep infinity
fi
# exec: the JVM takes this shell's PID and so receives Marathon's SIGTERM directly.
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:-} -Dlog4j2.configurationFile=classpath:sluice-cli-log4j2.properties \
  -cp "$lib/*" io.sluice.ingest.cli.IngestCommands "$@"
