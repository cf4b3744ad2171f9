#!/usr/bin/env bash
# Side by side: the same pre-generated plaintext stream through carbon-c-relay (-w 2) and through plumbago relay
# (plaintext out), each into a counting sink (socat to wc). Prints lines/s for each and the ratio, and fails if a
# relay lost a line. Usage: benchmarks/scripts/relay-vs-carbon-c-relay.sh [lines]   (after mvn -B -q package
# -DskipTests). Needs carbon-c-relay (../shared/peers/install.sh), socat and nc.
set -euo pipefail
cd "$(dirname "$0")/../.."
lines=${1:-2000000}
source benchmarks/scripts/lib.sh
jar=examples/target/plumbago.jar
require_jar "$jar"
require_tools carbon-c-relay socat nc
scratch
now=$(date +%s)
awk -v n="$lines" -v now="$now" 'BEGIN { for (i = 0; i < n; i++) printf "servers.host%d.cpu.core%d.user %d %d\n", i % 500, i % 16, i, now }' > "$work/stream.txt"
bytes=$(stat -c %s "$work/stream.txt")

# run <name> <command...>: starts the sink and the relay (the relay listens on $in, sends to $out), streams the file
# through it and waits until the sink has every byte; prints the seconds it took.
run() {
  local name=$1; shift
  : > "$work/$name.sink"
  socat -u TCP-LISTEN:"$out",bind=127.0.0.1,reuseaddr OPEN:"$work/$name.sink",creat,append &
  local sink=$!
  "$@" > "$work/$name.log" 2>&1 &
  local relay=$!
  wait_for 10 listening "$in"
  local start end
  start=$(date +%s.%N)
  nc -q0 127.0.0.1 "$in" < "$work/stream.txt"
  for _ in $(seq 1 1200); do
    [[ $(stat -c %s "$work/$name.sink") -ge $bytes ]] && break
    sleep 0.05
  done
  end=$(date +%s.%N)
  kill "$relay" 2>/dev/null || true; wait "$relay" 2>/dev/null || true
  kill "$sink" 2>/dev/null || true; wait "$sink" 2>/dev/null || true
  local got
  got=$(wc -l < "$work/$name.sink")
  [[ $got -eq $lines ]] || { echo "$name delivered $got of $lines lines" >&2; tail -5 "$work/$name.log" >&2; exit 1; }
  echo "$end - $start" | bc -l
}

in=$(free_port); out=$(free_port)
printf 'cluster sink forward 127.0.0.1:%s;\nmatch * send to sink;\n' "$out" > "$work/relay.conf"
c_seconds=$(run c-relay carbon-c-relay -f "$work/relay.conf" -p "$in" -w 2)
in=$(free_port); out=$(free_port)
p_seconds=$(run plumbago java -jar "$jar" relay --listen "127.0.0.1:$in" --destination "127.0.0.1:$out" \
  --protocol plaintext --max-queue 4000000)
awk -v n="$lines" -v c="$c_seconds" -v p="$p_seconds" 'BEGIN {
  printf "%-16s %10s %14s\n", "relay", "seconds", "lines/s"
  printf "%-16s %10.2f %14.0f\n", "carbon-c-relay", c, n / c
  printf "%-16s %10.2f %14.0f\n", "plumbago relay", p, n / p
  printf "ratio plumbago/c-relay: %.2fx (every line delivered by both)\n", c / p }'
