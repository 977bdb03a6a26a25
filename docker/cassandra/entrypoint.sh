#!/usr/bin/env sh
# Entry point of the Cassandra image: cassandra:5.0.6, secure. Logins are checked by
# PasswordAuthenticator, permissions by CassandraAuthorizer, and clients connect only over TLS, from
# PEM files (the node's unencrypted private key with its certificate chain, and the CA), which a
# deployment mounts as secrets. This script replaces those sections of cassandra.yaml, then runs the
# upstream entry point, which applies its CASSANDRA_* variables and starts the node. The roles
# themselves are made by the setup ('sluice grant-access'), which replaces the default superuser.
#
# Environment read by this script (the upstream entry point reads its own: docker/upstream-images.json):
#   SLUICE_CASSANDRA_KEYSTORE_PEM    required: PEM file of the node's unencrypted private key and certificate chain
#   SLUICE_CASSANDRA_TRUSTSTORE_PEM  required: PEM file of the CA certificates
#   CASSANDRA_CONF                   folder of cassandra.yaml; default /etc/cassandra (set by the upstream image)
set -eu
keystore="${SLUICE_CASSANDRA_KEYSTORE_PEM:?entrypoint: set SLUICE_CASSANDRA_KEYSTORE_PEM, the node key and certificate PEM file}"
truststore="${SLUICE_CASSANDRA_TRUSTSTORE_PEM:?entrypoint: set SLUICE_CASSANDRA_TRUSTSTORE_PEM, the CA PEM file}"
for file in "$keystore" "$truststore"; do
  if [ ! -r "$file" ]; then
    echo "entrypoint: cannot read $file (a secret file: is it mounted?)" >&2
    exit 2
  fi
done
yaml="${CASSANDRA_CONF:-/etc/cassandra}/cassandra.yaml"

# Drop the image's own top-level sections of what is set below (a key at column 0 and its indented
# or blank lines), so that each key is set once; then append ours. Running it again gives the same file.
awk '
  /^(authenticator|authorizer|role_manager|client_encryption_options):/ { skip = 1; next }
  skip && (/^[ \t]/ || /^$/) { next }
  { skip = 0; print }
' "$yaml" >"$yaml.sluice"
cat >>"$yaml.sluice" <<YAML
authenticator: PasswordAuthenticator
authorizer: CassandraAuthorizer
role_manager: CassandraRoleManager
client_encryption_options:
  enabled: true
  optional: false
  require_client_auth: false
  ssl_context_factory:
    class_name: org.apache.cassandra.security.PEMBasedSslContextFactory
  keystore: $keystore
  truststore: $truststore
YAML
mv "$yaml.sluice" "$yaml"
echo "entrypoint: cassandra.yaml: PasswordAuthenticator, CassandraAuthorizer, client TLS only (key $keystore)" >&2
exec docker-entrypoint.sh "$@"
