#!/usr/bin/env bash
# Side by side: python whisper 1.1 (Debian python3-whisper) against Plumbago's WhisperFile, same operations, same
# file shape (10s:6h,1m:7d,10m:5y, average), same run. Prints microseconds per operation and the ratio.
# Usage: benchmarks/scripts/whisper-vs-python.sh   (after: mvn -B -q package -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/../.."
jar=benchmarks/target/benchmarks.jar
[[ -f $jar ]] || { echo "build first: mvn -B -q package -DskipTests" >&2; exit 1; }
/usr/bin/python3 -c 'import whisper' 2>/dev/null || { echo "python3-whisper missing: run ../shared/peers/install.sh" >&2; exit 1; }

python_us=$(/usr/bin/python3 - <<'PY'
import os, tempfile, time, whisper
d = tempfile.mkdtemp()
path = os.path.join(d, 'm.wsp')
whisper.create(path, [(10, 2160), (60, 10080), (600, 262800)], 0.5, 'average')
now = 1700000000
def update():
    global now
    now += 600
    whisper.update_many(path, [(now - 600 + i * 10, float(i)) for i in range(60)], now=now)
def fetch():
    whisper.fetch(path, now - 3600, now, now=now)
for name, op, n in (('updateMany60', update, 3000), ('fetchLastHour', fetch, 3000)):
    for _ in range(200): op()
    start = time.perf_counter()
    for _ in range(n): op()
    print(name, (time.perf_counter() - start) / n * 1e6)
os.remove(path); os.rmdir(d)
PY
)
jmh=$(java -jar "$jar" 'WhisperBenchmark' -wi 3 -w 1 -i 5 -r 1 -f 1 -tu us -bm avgt -rf csv -rff /tmp/plumbago-whisper-jmh.csv >/dev/null && cat /tmp/plumbago-whisper-jmh.csv)
printf '%-16s %14s %14s %8s\n' operation python_us plumbago_us ratio
while read -r name py; do
  ours=$(echo "$jmh" | awk -F, -v n="$name" '$1 ~ n"\"$" {print $5}')
  awk -v n="$name" -v p="$py" -v o="$ours" 'BEGIN { printf "%-16s %14.2f %14.3f %7.0fx\n", n, p, o, p / o }'
done <<< "$python_us"
