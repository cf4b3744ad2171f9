#!/usr/bin/env bash
# Side by side: graphite-web 1.1 (gunicorn, 2 workers, as ../shared/peers/graphite-web.sh runs it) and plumbago web
# answering the same /render requests over the same whisper tree: sumSeries(bench.*) and
# aliasByNode(movingAverage(bench.*,10),1) over 100 and 1000 files bench.m0000… (10s:2d, filled with 24 h of 10 s
# points plus the 10 minutes before, which movingAverage's bootstrap reads), format=json over the fixed window of the
# last 24 h. Per size each server starts over that tree and is warmed up, then each target is requested in turn, one
# request at a time, up to a count or until a time budget is spent (at least once); latency is curl's time_total.
# Before timing, both answers are compared (same series, names, timestamps, values within 1e-9), so an error page
# can't be timed. Prints the median of each server, the ratio, and the 1-minute load average after each case (the
# machine may be shared: on 2 busy cores the figures move by tens of percent).
# Usage: benchmarks/scripts/render-vs-graphite-web.sh [graphite-web requests] [plumbago requests] [seconds per case]
#   (after mvn -B -q package -DskipTests). PLUMBAGO_JAVA_OPTS adds JVM flags (a profiler, say).
# Needs graphite-web and gunicorn (../shared/peers/install.sh), curl and nc.
set -euo pipefail
cd "$(dirname "$0")/../.."
gw_requests=${1:-15}
p_requests=${2:-50}
budget=${3:-20}
sizes=(100 1000)
targets=('sumSeries(bench.*)' 'aliasByNode(movingAverage(bench.*,10),1)')
source benchmarks/scripts/lib.sh
jar=$PWD/examples/target/plumbago.jar
peer=$PWD/../shared/peers/graphite-web.sh
require_jar "$jar"
require_tools "$peer" curl nc
scratch
trap 'kill $(jobs -p) 2>/dev/null || true; wait 2>/dev/null; rm -rf "$work" $(cat "$work"/gw-state 2>/dev/null)' EXIT
now=$(date +%s)
end=$(( now - now % 10 ))
from=$(( end - 86400 ))

# tree <folder> <files>: whisper files written directly in whisper's format (header, one 10s:2d archive, points
# from slot 0 on), as whisper.create + update_many would leave them; whisper.py's update_many takes minutes for 1000
tree() {
  /usr/bin/python3 - "$1" "$2" "$end" <<'PY'
import os, struct, sys
root, count, end = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
step, slots, filled = 10, 2 * 86400 // 10, 86400 // 10 + 60
os.makedirs(os.path.join(root, 'bench'), exist_ok=True)
header = struct.pack('!2LfL', 1, slots * step, 0.0, 1) + struct.pack('!3L', 16 + 12, step, slots)  # average, 1 archive
stamps = [end - (filled - 1 - k) * step for k in range(filled)]
for i in range(count):
    points = [x for k in range(filled) for x in (stamps[k], ((i * 37 + k * 13) % 1000) / 7.0)]
    with open(os.path.join(root, 'bench', 'm%04d.wsp' % i), 'wb') as f:
        f.write(header + struct.pack('!' + 'Ld' * filled, *points) + bytes(12 * (slots - filled)))
PY
}

# get <port> <target> <out-file>: one request; prints "http_code seconds"
get() {
  curl -s -o "$3" -w '%{http_code} %{time_total}\n' -G "http://127.0.0.1:$1/render" --data-urlencode "target=$2" \
    -d "from=$from" -d "until=$end" -d format=json
}

# timed <port> <target> <count> <seconds>: one latency per line, up to <count> requests, none begun after <seconds>
timed() {
  local deadline=$(( $(date +%s) + $4 )) i code seconds
  for (( i = 0; i < $3; i++ )); do
    (( i == 0 || $(date +%s) < deadline )) || break
    read -r code seconds < <(get "$1" "$2" /dev/null)
    [[ $code == 200 ]] || { echo "HTTP $code from port $1 for $2" >&2; exit 1; }
    echo "$seconds"
  done
}

median() { sort -g | awk '{ v[NR] = $1 } END { print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# same <graphite-web.json> <plumbago.json>: both hold the same series, names, timestamps and values (1e-9)
same() {
  /usr/bin/python3 - "$1" "$2" <<'PY'
import json, math, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
def differ(x, y):
    if x is None or y is None:
        return (x is None) != (y is None)
    return abs(x - y) > 1e-9 * max(1.0, abs(x), abs(y))
assert len(a) == len(b) and len(a) > 0, 'series: %d vs %d' % (len(a), len(b))
for s, t in zip(a, b):
    assert s['target'] == t['target'], (s['target'], t['target'])
    p, q = s['datapoints'], t['datapoints']
    assert len(p) == len(q), '%s: %d vs %d points' % (s['target'], len(p), len(q))
    assert all(u[1] == v[1] and not differ(u[0], v[0]) for u, v in zip(p, q)), s['target'] + ': values differ'
    assert sum(u[0] is not None for u in p) > 0, s['target'] + ': all None'
print('%d series x %d points' % (len(a), len(a[0]['datapoints'])))
PY
}

results=$work/results
for size in "${sizes[@]}"; do
  tree "$work/tree$size" "$size"

  gw_port=$(free_port)
  "$peer" "$work/tree$size" "$gw_port" > "$work/gw$size.out" 2>&1 &
  gw=$!
  wait_for 120 grep -q '^listening' "$work/gw$size.out"
  awk '{ for (i = 1; i < NF; i++) if ($i == "state") print $(i + 1) }' "$work/gw$size.out" >> "$work/gw-state"
  p_port=$(free_port)
  java ${PLUMBAGO_JAVA_OPTS-} -jar "$jar" web --listen "127.0.0.1:$p_port" --data "$work/tree$size" \
    > "$work/plumbago$size.log" 2>&1 &
  plumbago=$!
  wait_for 60 listening "$p_port"

  for _ in 1 2; do # two at a time, so both gunicorn workers have loaded Django and served a render
    get "$gw_port" "${targets[0]}" /dev/null > /dev/null & get "$gw_port" "${targets[0]}" /dev/null > /dev/null; wait $!
  done
  for target in "${targets[@]}"; do
    get "$gw_port" "$target" "$work/gw.json" > /dev/null
    get "$p_port" "$target" "$work/p.json" > /dev/null
    alike=$(same "$work/gw.json" "$work/p.json")
    echo "$target over $size: both answer $alike alike" >&2
    rm -f "$work/gw.json" "$work/p.json"
    timed "$p_port" "$target" 20 5 > /dev/null # the JIT has compiled the path
  done
  for target in "${targets[@]}"; do
    g=$(timed "$gw_port" "$target" "$gw_requests" "$budget" | tee "$work/gw-times" | median)
    p=$(timed "$p_port" "$target" "$p_requests" "$budget" | tee "$work/p-times" | median)
    printf '%s\t%d\t%s\t%d\t%s\t%d\t%s\n' "$target" "$size" "$g" "$(wc -l < "$work/gw-times")" "$p" \
      "$(wc -l < "$work/p-times")" "$(cut -d' ' -f1 /proc/loadavg)" >> "$results"
    echo "$target over $size: graphite-web $g s, plumbago $p s" >&2
  done
  kill "$gw" "$plumbago"
  wait "$gw" "$plumbago" 2>/dev/null || true
  rm -rf "$work/tree$size"
done

awk -F'\t' -v cpus="$(nproc)" -v from="$from" -v end="$end" 'BEGIN {
    printf "/render format=json from=%d until=%d (24 h of 10 s points), %d cpus\n", from, end, cpus
    printf "%-42s %7s %16s %16s %8s %6s\n", "target", "series", "graphite-web", "plumbago", "ratio", "load" }
  { printf "%-42s %7d %9.4f s n=%-3d %9.4f s n=%-3d %7.1fx %6.2f\n", $1, $2, $3, $4, $5, $6, $3 / $5, $7 }
  END { print "(median seconds of n requests each; ratio = graphite-web / plumbago; load: 1-minute load average)" }' \
  "$results"
