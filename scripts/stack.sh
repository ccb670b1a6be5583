#!/usr/bin/env bash
# Command 1: run menuroom locally -- Redis, SOCKET_REPLICAS socket replicas (default 3), Next and
# nginx on PORT (default 8080) -- installing and building whatever is missing first.
# Ctrl-C (or SIGTERM) stops every process it started.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/lib/ensure-system.sh
bash scripts/lib/ensure-node.sh
bash scripts/lib/ensure-dictionaries.sh

# exec: the launcher itself receives Ctrl-C / SIGTERM and stops the children (own process groups).
exec node --import tsx scripts/stack/cli.ts
