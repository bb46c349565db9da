#!/usr/bin/env bash
# Measures the app's synth — the `app` command of cdktf.json — as wall time and peak resident memory
# over several runs, and the floor (`require('cdktf')`) beside it. Needs GNU time (Debian: `time`).
set -euo pipefail
cd "$(dirname "$0")/../.."
runs="${RUNS:-5}"
app=$(node -p "require('./cdktf.json').app")
[ -x /usr/bin/time ] || { echo "GNU time is missing: apt-get install -y time" >&2; exit 1; }
outdir=$(mktemp -d)
trap 'rm -rf "$outdir"' EXIT

measure() {
  local label=$1; shift
  local samples=()
  for _ in $(seq "$runs"); do
    samples+=("$(CDKTF_OUTDIR="$outdir" /usr/bin/time -f '%e %M' "$@" 2>&1 >/dev/null | tail -n 1)")
  done
  printf '%s\n' "${samples[@]}" | sort -n | awk -v label="$label" -v n="$runs" '
    { wall[NR] = $1; if ($2 > rss) rss = $2 }
    END { printf "%-6s median %.2f s wall, peak %d MB RSS (%d runs)\n", label, wall[int((n + 1) / 2)], rss / 1024, n }'
}

measure synth $app
measure floor node -e "require('cdktf')"
