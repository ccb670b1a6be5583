#!/usr/bin/env bash
# npm ci when node_modules is missing or was installed from another package-lock.json, then
# `npm run build` when the build is missing or older than any source. Run from the project root.
set -euo pipefail

# --- dependencies ----------------------------------------------------------------------------------
stamp=node_modules/.menuroom-lock.sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [[ ! -d node_modules || ! -f $stamp || "$(cat "$stamp")" != "$want" ]]; then
  echo "ensure-node: npm ci (package-lock.json changed or node_modules missing)"
  npm ci --no-audit --no-fund
  echo "$want" > "$stamp"
else
  echo "ensure-node: node_modules matches package-lock.json"
fi

# --- build -------------------------------------------------------------------------------------------
# Both outputs must exist and be newer than every input; .next/BUILD_ID is rewritten by each next build.
outputs=(.next/BUILD_ID .next/standalone/server.js .next/standalone/.next/static server/dist/index.js)
inputs=(app components lib server/src public scripts/build-socket.mjs scripts/copy-standalone-assets.mjs
        next.config.js next.config.ts next.config.mjs package.json package-lock.json tsconfig.json)
existing_inputs=()
for path in "${inputs[@]}"; do [[ -e $path ]] && existing_inputs+=("$path"); done

reason=""
for out in "${outputs[@]}"; do
  if [[ ! -e $out ]]; then reason="$out is missing"; break; fi
  newer=$(find "${existing_inputs[@]}" -newer "$out" -type f -print -quit 2>/dev/null || true)
  if [[ -n $newer ]]; then reason="$newer is newer than $out"; break; fi
done

if [[ -n $reason ]]; then
  echo "ensure-node: npm run build ($reason)"
  npm run build
else
  echo "ensure-node: build is up to date"
fi
