#!/usr/bin/env sh
# Health of a producer container, for Docker's HEALTHCHECK and Marathon's COMMAND health check alike:
# 'setup' is healthy once done; 'generate' while its heartbeat file is fresh, that is while events
# flow to Kafka (a producer blocked on an unreachable broker stops touching it).
#
# Environment read by this script:
#   SLUICE_SETUP_DONE_FILE   written by 'setup' once done; default /tmp/sluice-setup.done
#   SLUICE_HEARTBEAT_FILE    touched by 'generate' every 5 s while events flow
#   SLUICE_HEARTBEAT_MAX_AGE seconds after which a heartbeat is stale; default 60
set -eu
done_file="${SLUICE_SETUP_DONE_FILE:-/tmp/sluice-setup.done}"
if [ -f "$done_file" ]; then
  exit 0
fi
if [ -n "${SLUICE_HEARTBEAT_FILE:-}" ]; then
  [ -f "$SLUICE_HEARTBEAT_FILE" ] || { echo "no heartbeat yet at $SLUICE_HEARTBEAT_FILE"; exit 1; }
  age=$(( $(date +%s) - $(stat -c %Y "$SLUICE_HEARTBEAT_FILE") ))
  if [ "$age" -gt "${SLUICE_HEARTBEAT_MAX_AGE:-60}" ]; then
    echo "heartbeat is ${age} s old: no events have flowed for that long"
    exit 1
  fi
  exit 0
fi
echo "neither setup done ($done_file) nor a heartbeat file (SLUICE_HEARTBEAT_FILE)"
exit 1
