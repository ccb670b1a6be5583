#!/usr/bin/env bash
# Command 1: run menuroom locally -- Redis, SOCKET_REPLICAS socket replicas (default 3), Next and
# nginx on PORT (default 8080) -- installing and building whatever is missing first.
# Ctrl-C (or SIGTERM) stops every process it started.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/lib/ensure-system.sh
bash scripts/lib/ensure-node.sh
bash scripts/lib/ensure-dictionaries.sh

# Open files: for 10,000 phones nginx holds two descriptors per proxied websocket and each replica
# one per phone. Raise the limit to 65536 (root can) or as far as the hard limit allows; the children
# inherit it.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

# exec: the launcher itself receives Ctrl-C / SIGTERM and stops the children (own process groups).
exec node --import tsx scripts/stack/cli.ts
