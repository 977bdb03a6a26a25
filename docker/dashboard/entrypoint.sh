#!/usr/bin/env sh
# Entry point of the dashboard image: runs 'sluice dashboard' with the image's jars, until SIGTERM.
# Runs outside Docker too: point SLUICE_LIB at the jars. Arguments are passed on (see --help).
#
# Environment read by this script (the dashboard reads its own settings: see 'dashboard --help'):
#   SLUICE_LIB    folder of the jars; default /opt/sluice/lib
#   JAVA_OPTS     options of the JVM, such as the heap
#   PORT_HTTP     set by Marathon for the named port 'http': the port to serve on, unless SLUICE_PORT is set
#   SLUICE_PORT   (read by the dashboard) the port to serve on
set -eu
lib="${SLUICE_LIB:-/opt/sluice/lib}"
if [ ! -d "$lib" ]; then
  echo "entrypoint: no jars in $lib (set SLUICE_LIB)" >&2
  exit 2
fi
if [ -z "${SLUICE_PORT:-}" ] && [ -n "${PORT_HTTP:-}" ]; then
  SLUICE_PORT="$PORT_HTTP"
  export SLUICE_PORT
fi
# exec: the JVM takes this shell's PID and so receives Marathon's SIGTERM directly.
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:-} -Dlog4j2.configurationFile=classpath:sluice-cli-log4j2.properties \
  -cp "$lib/*" io.sluice.dashboard.DashboardMain dashboard "$@"
