#!/usr/bin/env bash
# Side by side: the same plaintext stream into a real carbon-cache and into plumbago cache (write-ahead log on, synced
# every batch), each writing whisper files that exist beforehand; the time from the first byte sent until every point
# is on disk, points/s for each, and the ratio. Each daemon gets two streams of the same size, timed apart: the first
# meets a just-started process (for the JVM that includes compiling its hot paths), the second a running one. carbon-cache runs with MAX_CACHE_SIZE, MAX_UPDATES_PER_SECOND and
# MAX_CREATES_PER_MINUTE = inf, ENABLE_TAGS = False and LOG_UPDATES = True: its update log lines ("wrote N datapoints
# for ...", on stdout with --debug) are how the script sees the last point land. plumbago logs "cache empty: N points written" at debug level, turned on here.
# Usage: benchmarks/scripts/cache-vs-carbon.sh [points] [metrics]   (after mvn -B -q package -DskipTests).
# PLUMBAGO_JAVA_OPTS adds JVM options to plumbago's java command (e.g. a flight recording).
# Needs graphite-carbon and python3-whisper (../shared/peers/install.sh) and nc.
set -euo pipefail
cd "$(dirname "$0")/../.."
points=${1:-2000000}
metrics=${2:-20000}
retentions='10s:6h,1m:7d'
source benchmarks/scripts/lib.sh
jar=$PWD/examples/target/plumbago.jar
require_jar "$jar"
require_tools /usr/bin/carbon-cache nc
scratch
now=$(date +%s)
# points/metrics points per metric, 10 s apart and ending <end>, metric-major interleaved as a live stream arrives;
# the first stream ends an hour before the second, so each tool meets the second one already running (warm)
stream() {
  awk -v n="$points" -v m="$metrics" -v now="$1" 'BEGIN { per = int(n / m)
    for (k = 0; k < per; k++) for (i = 0; i < m; i++) printf "bench.host%d.metric%d %d.5 %d\n", i % 100, i, k, now - (per - k) * 10 }'
}
stream $(( now - 3600 )) > "$work/first.txt"
stream "$now" > "$work/stream.txt"
sent=$(wc -l < "$work/stream.txt")

# the whisper files both tools write into, created beforehand and fully written (as files that have been in use
# are; a sparse file would make both tools pay for block allocation on first write)
precreate() {
  /usr/bin/python3 - "$1" "$metrics" "$retentions" <<'PY'
import os, sys, whisper
root, metrics, retentions = sys.argv[1], int(sys.argv[2]), sys.argv[3]
archives = [whisper.parseRetentionDef(r) for r in retentions.split(',')]
for i in range(metrics):
    d = os.path.join(root, 'bench', 'host%d' % (i % 100))
    os.makedirs(d, exist_ok=True)
    whisper.create(os.path.join(d, 'metric%d.wsp' % i), archives, 0.5, 'average', sparse=False, useFallocate=False)
PY
}

carbon_written() { # points of the stream carbon has written
  awk '/wrote [0-9]+ datapoints for bench\./ { for (i = 1; i < NF; i++) if ($i == "wrote") s += $(i + 1) } END { print s + 0 }' \
    "$work/carbon.out" 2>/dev/null || echo 0
}
plumbago_written() { # the highest "cache empty: N points written" so far
  grep -o 'cache empty: [0-9]*' "$work/plumbago.log" 2>/dev/null | awk '{ if ($3 > s) s = $3 } END { print s + 0 }'
}
expected=0
all_written() { [[ $($1) -ge $expected ]]; }

# timed_stream <port> <written-function> <file> <points on disk when done>: streams the file into the cache on <port>
# and prints the seconds until <written-function> reports that many points on disk
timed_stream() {
  wait_for 60 listening "$1"
  local start end
  expected=$4
  start=$(date +%s.%N)
  nc -q0 127.0.0.1 "$1" < "$3"
  wait_for 1800 all_written "$2"
  end=$(date +%s.%N)
  echo "$end - $start" | bc -l
}

# carbon-cache
c_port=$(free_port)
mkdir -p "$work/carbon/whisper" "$work/carbon/log" "$work/carbon/pid" "$work/carbon/lists"
precreate "$work/carbon/whisper"
mkdir -p "$work/plumbago-data"
precreate "$work/plumbago-data"
sync # neither run should pay for writing back the other's files or the created ones
printf '[all]\npattern = .*\nretentions = %s\n' "$retentions" > "$work/carbon/storage-schemas.conf"
printf '[default]\npattern = .*\nxFilesFactor = 0.5\naggregationMethod = average\n' > "$work/carbon/storage-aggregation.conf"
cat > "$work/carbon/carbon.conf" <<CONF
[cache]
STORAGE_DIR = $work/carbon/
LOCAL_DATA_DIR = $work/carbon/whisper/
WHITELISTS_DIR = $work/carbon/lists/
CONF_DIR = $work/carbon/
LOG_DIR = $work/carbon/log/
PID_DIR = $work/carbon/pid/
USER =
MAX_CACHE_SIZE = inf
MAX_UPDATES_PER_SECOND = inf
MAX_CREATES_PER_MINUTE = inf
CACHE_WRITE_STRATEGY = sorted
LOG_UPDATES = True
ENABLE_TAGS = False
LOG_LISTENER_CONNECTIONS = False
ENABLE_UDP_LISTENER = False
CARBON_METRIC_INTERVAL = 0
LINE_RECEIVER_INTERFACE = 127.0.0.1
LINE_RECEIVER_PORT = $c_port
PICKLE_RECEIVER_INTERFACE = 127.0.0.1
PICKLE_RECEIVER_PORT = $(free_port)
CACHE_QUERY_INTERFACE = 127.0.0.1
CACHE_QUERY_PORT = $(free_port)
CONF
/usr/bin/carbon-cache --config="$work/carbon/carbon.conf" --debug start > "$work/carbon.out" 2>&1 &
carbon=$!
c_cold=$(timed_stream "$c_port" carbon_written "$work/first.txt" "$sent")
c_seconds=$(timed_stream "$c_port" carbon_written "$work/stream.txt" $(( 2 * sent )))
kill "$carbon"; wait "$carbon" 2>/dev/null || true

# plumbago cache
p_port=$(free_port)
sync
printf '[all]\npattern = .*\nretentions = %s\n' "$retentions" > "$work/plumbago-schemas.conf"
cat > "$work/logback.xml" <<'XML'
<configuration>
  <appender name="STDERR" class="ch.qos.logback.core.ConsoleAppender">
    <target>System.err</target>
    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n</pattern></encoder>
  </appender>
  <logger name="io.plumbago.carbon.MetricCache" level="DEBUG"/>
  <logger name="net.openhft" level="WARN"/>
  <logger name="io.netty" level="WARN"/>
  <root level="INFO"><appender-ref ref="STDERR"/></root>
</configuration>
XML
java ${PLUMBAGO_JAVA_OPTS:-} -Dlogback.configurationFile="$work/logback.xml" -jar "$jar" cache --listen "127.0.0.1:$p_port" \
  --data "$work/plumbago-data" --schemas "$work/plumbago-schemas.conf" --wal "$work/plumbago-wal" \
  --wal-fsync batch --max-cache-size 100000000 --metric-interval 0 > "$work/plumbago.out" 2> "$work/plumbago.log" &
plumbago=$!
p_cold=$(timed_stream "$p_port" plumbago_written "$work/first.txt" "$sent")
p_seconds=$(timed_stream "$p_port" plumbago_written "$work/stream.txt" $(( 2 * sent )))
kill "$plumbago"; wait "$plumbago" 2>/dev/null || true

# both wrote the same values: compare one metric's files
check=$(( metrics / 2 ))
for tool in carbon/whisper plumbago-data; do
  /usr/bin/python3 -c "import whisper,sys; (s,e,st),v = whisper.fetch(sys.argv[1], $now - 7200, $now); print([x for x in v if x is not None])" \
    "$work/$tool/bench/host$(( check % 100 ))/metric$check.wsp"
done | uniq | awk 'END { if (NR != 1) { print "the two stores differ" > "/dev/stderr"; exit 1 } }'

awk -v n="$sent" -v m="$metrics" -v r="$retentions" -v c="$c_seconds" -v p="$p_seconds" -v cc="$c_cold" \
    -v pc="$p_cold" -v load="$(cut -d' ' -f1 /proc/loadavg)" 'BEGIN {
  printf "%d points over %d existing whisper files (%s), each stream; load %s at the end\n", n, m, r, load
  printf "%-30s %12s %14s %12s %14s\n", "cache", "1st stream s", "points/s", "2nd stream s", "points/s"
  printf "%-30s %12.2f %14.0f %12.2f %14.0f\n", "carbon-cache 1.1.7", cc, n / cc, c, n / c
  printf "%-30s %12.2f %14.0f %12.2f %14.0f\n", "plumbago cache (WAL, batch)", pc, n / pc, p, n / p
  printf "ratio plumbago/carbon-cache: %.1fx on the first stream (a just-started JVM), %.1fx on the second (both\n", cc / pc, c / p
  printf "daemons running, as in production); every point on disk in both\n" }'
