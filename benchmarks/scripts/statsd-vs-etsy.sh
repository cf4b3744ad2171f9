#!/usr/bin/env bash
# Side by side: the highest rate Etsy statsd and plumbago statsd each sustain on loopback with zero loss (every
# metric sent is in the counts they flush to carbon). A Java sender (StatsdBlaster, two threads) sends 30-line
# datagrams of counters at rates rising by half, SECONDS each, under a fresh key prefix per step (after an uncounted
# warm-up at 50 000/s); after two flushes the
# flushed stats_counts of that prefix are summed from the carbon sink and compared with what was sent. A server's
# ladder stops at its first loss. Prints each step, each server's best loss-free rate and the ratio.
# Usage: benchmarks/scripts/statsd-vs-etsy.sh [seconds-per-step] [start-rate] [keys]   (after mvn -B -q package
# -DskipTests). Needs node and Etsy statsd (../shared/peers/install.sh), socat and nc.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-3}
start_rate=${2:-100000}
source benchmarks/scripts/lib.sh
jar=examples/target/plumbago.jar
bench=benchmarks/target/benchmarks.jar
etsy_dir=/opt/peers/statsd/node_modules/statsd
require_jar "$jar"
require_jar "$bench"
require_tools node socat nc
[[ -f $etsy_dir/stats.js ]] || { echo "Etsy statsd missing (../shared/peers/install.sh)" >&2; exit 1; }
scratch
keys=${3:-300}

# ladder <name> <udp-port> <sink-file>: prints "rate sent flushed loss%" per step, and "best <rate>" last
ladder() {
  local name=$1 port=$2 sink=$3 rate=$start_rate best=0
  java -cp "$bench" io.plumbago.benchmarks.StatsdBlaster 127.0.0.1 "$port" 50000 2 warm "$keys" 2 > /dev/null
  sleep 1
  while :; do
    local prefix="r${rate}" out sent took flushed
    out=$(java -cp "$bench" io.plumbago.benchmarks.StatsdBlaster 127.0.0.1 "$port" "$rate" "$seconds" "$prefix" \
      "$keys" 2)
    read -r sent took <<< "$out"
    sleep 2.5 # two flushes
    flushed=$(awk -v p="stats_counts.$prefix." 'index($1, p) == 1 { s += $2 } END { printf "%d", s }' "$sink")
    local achieved
    achieved=$(awk -v s="$sent" -v t="$took" 'BEGIN { printf "%d", s / t }')
    awk -v n="$name" -v r="$rate" -v a="$achieved" -v s="$sent" -v f="$flushed" 'BEGIN {
      printf "%-9s target %9d/s sent %9d/s %10d metrics, flushed %10d, lost %6.2f%%\n", n, r, a, s, f, 100 * (s - f) / s }' >&2
    if [[ $flushed -ne $sent ]]; then
      break
    fi
    best=$achieved
    if (( achieved < rate * 8 / 10 )); then
      echo "$name: the sender reached only $achieved/s of $rate/s; stopping the ladder here" >&2
      break
    fi
    rate=$(( rate * 3 / 2 ))
  done
  echo "$best"
}

# Etsy statsd: flushInterval 1 s to a socat sink (one connection per flush)
etsy_port=$(free_port); etsy_sink=$(free_port)
socat -u TCP-LISTEN:"$etsy_sink",bind=127.0.0.1,reuseaddr,fork OPEN:"$work/etsy.sink",creat,append &
cat > "$work/etsy.js" <<JS
{ port: $etsy_port, address: '127.0.0.1', mgmt_port: $(free_port), mgmt_address: '127.0.0.1',
  graphiteHost: '127.0.0.1', graphitePort: $etsy_sink, flushInterval: 1000, deleteIdleStats: true,
  backends: ['./backends/graphite'] }
JS
(cd "$etsy_dir" && exec node stats.js "$work/etsy.js") > "$work/etsy.log" 2>&1 &
etsy_pid=$!
wait_for 10 listening "$etsy_sink"
sleep 1.5
etsy_best=$(ladder etsy "$etsy_port" "$work/etsy.sink")
kill "$etsy_pid" 2>/dev/null || true

# plumbago statsd: the same config file, carbon over TCP to another socat sink
p_port=$(free_port); p_sink=$(free_port)
socat -u TCP-LISTEN:"$p_sink",bind=127.0.0.1,reuseaddr,fork OPEN:"$work/plumbago.sink",creat,append &
wait_for 10 listening "$p_sink"
java -jar "$jar" statsd --listen "127.0.0.1:$p_port" --carbon "127.0.0.1:$p_sink" --config "$work/etsy.js" \
  ${PLUMBAGO_FLAGS---max-datagram-bytes 1432} > "$work/plumbago.log" 2>&1 &
p_pid=$!
wait_for 20 listening "$p_port"
plumbago_best=$(ladder plumbago "$p_port" "$work/plumbago.sink")
kill "$p_pid" 2>/dev/null || true

awk -v e="$etsy_best" -v p="$plumbago_best" 'BEGIN {
  printf "%-16s %18s\n", "statsd", "loss-free metrics/s"
  printf "%-16s %18d\n", "etsy statsd", e
  printf "%-16s %18d\n", "plumbago statsd", p
  if (e > 0) printf "ratio plumbago/etsy: %.1fx\n", p / e }'
