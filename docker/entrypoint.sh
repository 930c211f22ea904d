#!/bin/sh
# Starts Keyward's WildFly in a container, as bin/keyward starts it on a machine: public and cluster interfaces on the
# container's address, the node named after KEYWARD_NODE_NAME (else the host name), and the cluster's members from
# KEYWARD_CLUSTER_MEMBERS (host[port] pairs; alone when unset). The management port (health, metrics) listens on the
# container's own network, for a scraper beside it; publish it to no one else.
set -e
address=$(hostname -i | cut -d' ' -f1)
node="${KEYWARD_NODE_NAME:-$(hostname)}"
exec /opt/keyward/bin/standalone.sh -b 0.0.0.0 -bprivate="$address" -bmanagement="$address" \
    -Djboss.node.name="$node" -Djboss.tx.node.id="$(printf '%s' "$node" | cut -c1-23)" "$@"
