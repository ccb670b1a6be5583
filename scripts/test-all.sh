#!/usr/bin/env bash
# Command 2: everything CI runs, in order, stopping at the first failure:
# system packages, npm ci, build, typecheck, lint, unit, integration, the short fan-out benchmark,
# the short page benchmark (the room page's JavaScript against its budget), e2e.
set -euo pipefail
cd "$(dirname "$0")/.."

names=()
times=()
started_all=$SECONDS

summary() {
  echo
  echo "---- summary ----"
  for i in "${!names[@]}"; do printf '  %-22s %s\n' "${names[$i]}" "${times[$i]}"; done
}

step() {
  local name=$1
  shift
  echo
  echo "==== $name: $* ===="
  local start=$SECONDS
  if "$@" </dev/null; then
    names+=("$name")
    times+=("ok    $((SECONDS - start))s")
  else
    local rc=$?
    names+=("$name")
    times+=("FAIL  $((SECONDS - start))s (exit $rc)")
    summary
    echo "TEST-ALL FAILED at step '$name' (exit $rc) after $((SECONDS - started_all))s"
    exit "$rc"
  fi
}

step system-packages bash scripts/lib/ensure-system.sh
step deps-and-build bash scripts/lib/ensure-node.sh
step dictionaries bash scripts/lib/ensure-dictionaries.sh
step typecheck npm run typecheck
step lint npm run lint
step test:unit npm run test:unit
step test:integration npm run test:integration
step test:cluster env MENUROOM_TEST_REDIS=cluster npx vitest run --project integration server/test/liveRoom.int.test.ts server/test/orderControls.int.test.ts server/test/menuUpdate.int.test.ts server/test/visitor.int.test.ts server/test/badInput.int.test.ts server/test/limitsConnection.int.test.ts test/storage/boundedStorage.int.test.ts lib/photoJobs/pipeline.int.test.ts test/fault/rollingDeploy.int.test.ts
step bench:short npm run bench:short
step bench:pages npm run bench:pages:short
step test:e2e npm run test:e2e

summary
echo "TEST-ALL PASSED: ${#names[@]} steps in $((SECONDS - started_all))s"
