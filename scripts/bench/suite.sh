#!/usr/bin/env bash
# Times the whole suite (`npm test`) and the core (`npm run test:core`), RUNS times each (default 3),
# with the machine's speed measured in the same run: a fixed loop (cpu-reference.js) before and after.
# Needs GNU time (Debian: `time`). Prints one line per run and the medians.
set -euo pipefail
cd "$(dirname "$0")/../.."
runs="${RUNS:-3}"
[ -x /usr/bin/time ] || { echo "GNU time is missing: apt-get install -y time" >&2; exit 1; }
log=$(mktemp)
trap 'rm -f "$log"' EXIT

reference() { node scripts/bench/cpu-reference.js; }

timed() {
  local label=$1; shift
  for i in $(seq "$runs"); do
    local before after
    before=$(reference)
    if ! /usr/bin/time -f '%e %U %S %M' -o "$log.t" "$@" >"$log" 2>&1; then
      tail -n 30 "$log" >&2
      echo "$label failed" >&2
      exit 1
    fi
    after=$(reference)
    read -r wall user sys rss <"$log.t"
    printf '%-5s run %d: %6.1f s wall, %6.1f s CPU, peak %4d MB RSS; reference loop %s / %s ms (load %s)\n' \
      "$label" "$i" "$wall" "$(awk -v u="$user" -v s="$sys" "BEGIN { print u + s }")" "$((rss / 1024))" "$before" "$after" "$(cut -d' ' -f1 /proc/loadavg)"
    echo "$wall" >>"$log.$label"
  done
  printf '%-5s median %.1f s wall over %d runs\n' "$label" "$(sort -n "$log.$label" | awk -v n="$runs" '{ v[NR] = $1 } END { print v[int((n + 1) / 2)] }')" "$runs"
  rm -f "$log.$label" "$log.t"
}

timed suite npm test
timed core npm run test:core
