#!/usr/bin/env bash
# Side by side: python whisper 1.1 (Debian python3-whisper) against Plumbago's whisper-store, the same operations on
# the same file shape (10s:6h,1m:7d,10m:5y, average), in the same run. Prints microseconds per operation for both,
# the derived rates, and the ratio python/plumbago (higher is better for Plumbago).
# Usage: benchmarks/scripts/whisper-vs-python.sh   (after: mvn -B -q package -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/../.."
jar=benchmarks/target/benchmarks.jar
[[ -f $jar ]] || { echo "build first: mvn -B -q package -DskipTests" >&2; exit 1; }
/usr/bin/python3 -c 'import whisper' 2>/dev/null || { echo "python3-whisper missing: run ../shared/peers/install.sh" >&2; exit 1; }

python_us=$(/usr/bin/python3 - <<'PY'
import os, shutil, tempfile, time, whisper
d = tempfile.mkdtemp()
arch = [(10, 2160), (60, 10080), (600, 262800)]
path = os.path.join(d, 'm.wsp'); full = os.path.join(d, 'full.wsp')
whisper.create(path, arch, 0.5, 'average'); whisper.create(full, arch, 0.5, 'average')
now = 1700000000
full_now = now + 7 * 86400
t = now
while t < full_now:
    whisper.update_many(full, [(t + i * 10, float(i)) for i in range(2160)], now=t + 21600)
    t += 21600
FILES = 10000
files = []
for i in range(FILES):
    p = os.path.join(d, 'tree', 'bench', 'host%d' % (i // 100), 'metric%d.wsp' % (i % 100))
    os.makedirs(os.path.dirname(p), exist_ok=True)
    whisper.create(p, arch, 0.5, 'average', sparse=True)
    whisper.update(p, 1.0, now, now=now)
    files.append(p)
os.sync()  # as the JMH side does after its set-up: no writeback of set-up pages during the measurement
state = {'now': now, 'next': 0}
def update_many(n):
    def op():
        state['now'] += n * 10
        t = state['now']
        whisper.update_many(path, [(t - n * 10 + i * 10, float(i)) for i in range(n)], now=t)
    return op
def single():
    i = state['next'] % FILES; state['next'] += 1
    ts = now + state['next'] // FILES * 10
    whisper.update(files[i], float(i), ts, now=ts)
def fetch(seconds):
    return lambda: whisper.fetch(full, full_now - seconds, full_now, now=full_now)
ops = [('updateMany60', update_many(60), 2000), ('updateMany2160', update_many(2160), 200),
       ('singleUpdateAcross10kFiles', single, 5000), ('fetch1h', fetch(3600), 2000),
       ('fetch6h', fetch(21600), 500), ('fetch7d', fetch(7 * 86400), 200)]
for name, op, n in ops:
    for _ in range(max(10, n // 10)): op()
    start = time.perf_counter()
    for _ in range(n): op()
    print(name, (time.perf_counter() - start) / n * 1e6)
shutil.rmtree(d)
PY
)
csv=$(mktemp)
java -jar "$jar" 'WhisperBenchmark' -wi 3 -w 1 -i 5 -r 1 -f 1 -tu us -bm avgt -rf csv -rff "$csv" >/dev/null
printf '%-28s %12s %12s %8s  %s\n' operation python_us plumbago_us ratio rates
while read -r name py; do
  ours=$(awk -F, -v n="$name" '$1 ~ "\\." n "\"$" {print $5}' "$csv")
  awk -v n="$name" -v p="$py" -v o="$ours" 'BEGIN {
    rate = ""
    if (n ~ /updateMany/) { split(n, a, "updateMany"); k = a[2]; rate = sprintf("points/s: python %.0f, plumbago %.0f", k / p * 1e6, k / o * 1e6) }
    else if (n ~ /single/) { rate = sprintf("updates/s: python %.0f, plumbago %.0f", 1e6 / p, 1e6 / o) }
    else { rate = sprintf("latency: python %.3f ms, plumbago %.3f ms", p / 1000, o / 1000) }
    printf "%-28s %12.2f %12.3f %7.0fx  %s\n", n, p, o, p / o, rate }'
done <<< "$python_us"
rm -f "$csv"
