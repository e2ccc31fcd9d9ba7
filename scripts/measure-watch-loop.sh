#!/usr/bin/env bash
# Measures watch mode from save to verdict: starts `pnpm vitest --project perf SUITE` in a tmux
# terminal, waits for its first results table, appends a comment to FILE, times until the next
# table, then quits and restores FILE. Needs tmux (Debian: apt-get install tmux).
#
#   scripts/measure-watch-loop.sh bench/basic/01-health.load.ts implementations/fastify/src/routes/health.ts
set -euo pipefail
suite=$1
file=$2
cd "$(dirname "$0")/.."
log=$(mktemp)
session=vitest-load-watch-$$
cleanup() {
  tmux kill-session -t "$session" 2>/dev/null || true
  git checkout -- "$file"
  rm -f "$log"
}
trap cleanup EXIT

tables() { grep -c 'vitest-load results' "$log" || true; }
tmux new-session -d -s "$session" -x 220 -y 60 "pnpm vitest --project perf $suite 2>&1 | tee $log"
for _ in $(seq 1 240); do [ "$(tables)" -ge 1 ] && break; sleep 0.5; done
[ "$(tables)" -ge 1 ] || { echo "no first run within 120 s" >&2; exit 1; }

echo "// saved by measure-watch-loop" >> "$file"
start=$(date +%s.%N)
for _ in $(seq 1 480); do [ "$(tables)" -ge 2 ] && break; sleep 0.25; done
[ "$(tables)" -ge 2 ] || { echo "no re-run within 120 s" >&2; exit 1; }
end=$(date +%s.%N)
printf 'save -> verdict: %.1f s (%s, after saving %s)\n' "$(echo "$end - $start" | bc)" "$suite" "$file"
tmux send-keys -t "$session" q
sleep 2
