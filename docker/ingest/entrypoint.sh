#!/usr/bin/env sh
# Entry point of the producer image: runs one 'sluice' producing command with the image's jars.
# Usable outside Docker too: SLUICE_LIB points at a folder of jars (default: the image's).
set -eu
lib="${SLUICE_LIB:-/opt/sluice/lib}"
if [ ! -d "$lib" ]; then
  echo "entrypoint: no jars in $lib (set SLUICE_LIB)" >&2
  exit 2
fi
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:-} -Dlog4j2.configurationFile=classpath:sluice-cli-log4j2.properties \
  -cp "$lib/*" io.sluice.ingest.cli.IngestCommands "$@"
