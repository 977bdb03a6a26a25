#!/usr/bin/env bash
# Builds and tags every image Sluice owns, from the project's version: sluice/cassandra, sluice/dashboard,
# sluice/ingest and sluice/jobs. The build context is the repository root, after 'mvn -DskipTests package'.
#   docker/build.sh [--registry REGISTRY] [--push] [--skip-maven]
# Third-party servers (Kafka, the registry, Keycloak) run from their upstream images, pinned in
# docker/upstream-images.json; nothing is built for them. sluice/cassandra is the upstream Cassandra
# image with an entry point that makes it secure.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
registry=""
push=false
maven=true
while [[ $# -gt 0 ]]; do
  case "$1" in
    --registry) registry="${2:?--registry needs a value}/"; shift 2 ;;
    --push) push=true; shift ;;
    --skip-maven) maven=false; shift ;;
    -h|--help) sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "build.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done
command -v docker >/dev/null || { echo "build.sh: docker is not installed" >&2; exit 1; }
version="$(cd "$root" && mvn -q -DforceStdout help:evaluate -Dexpression=project.version)"
if $maven; then
  (cd "$root" && mvn -B -DskipTests package)
fi
for image in cassandra dashboard ingest jobs; do
  tag="${registry}sluice/${image}:${version}"
  echo "build.sh: building $tag" >&2
  docker build --file "$root/docker/$image/Dockerfile" --build-arg "SLUICE_VERSION=$version" --tag "$tag" "$root"
  if $push; then
    docker push "$tag"
  fi
done
