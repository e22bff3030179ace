#!/usr/bin/env bash
# Replay rate of Flowgate next to ndpiReader (nDPI) on the same capture, as a ratio.
#
#   bench/replay-vs-ndpi.sh [--flows N] [--packets M] [--protocol udp|tcp] [--keep FILE]
#
# 1. writes N flows x M packets (64-byte-class frames, flows interleaved) with
#    org.flowgate.bench.WriteBenchCapture;
# 2. times `./flowgate replay --spus 1 FILE -c "show security flow session summary"`: wall time
#    of the whole command (JVM start, config, replay, summary) from `date +%s%N`, since the
#    launcher prints no timing of its own;
# 3. times the replay phase alone in-process (org.flowgate.bench.TimeReplay, same engine call);
# 4. times `ndpiReader -q -i FILE` (wall time, and the throughput ndpiReader prints itself) when
#    ndpiReader is installed (Debian/Ubuntu: apt-get install libndpi-bin); otherwise says so and
#    prints Flowgate's rates only.
# ndpiReader is single-threaded on a pcap file; Flowgate runs with one SPU.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"
source bin/env.sh

flows=200000
packets=20
protocol=tcp
file=""
while [ $# -gt 0 ]; do
  case "$1" in
    --flows) flows=$2; shift 2 ;;
    --packets) packets=$2; shift 2 ;;
    --protocol) protocol=$2; shift 2 ;;
    --keep) file=$2; shift 2 ;;
    *) echo "usage: $0 [--flows N] [--packets M] [--protocol udp|tcp] [--keep FILE]" >&2; exit 2 ;;
  esac
done
keep=1
if [ -z "$file" ]; then
  file=$(mktemp --suffix=.pcap "${TMPDIR:-/tmp}/flowgate-replay-bench.XXXXXX")
  keep=0
fi
cleanup() { if [ "$keep" = 0 ]; then rm -f "$file"; fi; }
trap cleanup EXIT

jar=bench/target/benchmarks.jar
if [ ! -f "$jar" ]; then
  "$FLOWGATE_MVN" -q -B -DskipTests -pl bench -am package >&2
fi
java=("$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED)

now_ns() { date +%s%N; }
rate() { awk -v p="$1" -v ns="$2" 'BEGIN { printf "%.0f", p / (ns / 1e9) }'; }

total=$("${java[@]}" -cp "$jar" org.flowgate.bench.WriteBenchCapture \
  --flows "$flows" --packets "$packets" --protocol "$protocol" "$file" | tail -1)
echo "capture: $file, $flows $protocol flows x $packets packets = $total packets, $(du -h "$file" | cut -f1)"

./flowgate help >/dev/null 2>&1 || true # builds the launcher's jar once, outside the timing
start=$(now_ns)
./flowgate replay --spus 1 --max-sessions "$((flows + 1024))" "$file" \
  -c "show security flow session summary" > /tmp/flowgate-replay-bench.out
flowgate_ns=$(( $(now_ns) - start ))
flowgate_rate=$(rate "$total" "$flowgate_ns")
echo "flowgate replay --spus 1 (whole command, wall): $(awk -v ns="$flowgate_ns" 'BEGIN{printf "%.3f", ns/1e9}') s = $flowgate_rate packets/s"
grep -E "Unicast-sessions|Sessions-in-use|Valid sessions|Maximum-sessions" /tmp/flowgate-replay-bench.out | sed 's/^/    /' || true

phase=$("${java[@]}" -cp "$jar" org.flowgate.bench.TimeReplay --spus 1 --max-sessions "$((flows + 1024))" "$file")
echo "$phase" | head -n -1
read -r phase_packets phase_seconds <<< "$(echo "$phase" | tail -1)"
phase_rate=$(awk -v p="$phase_packets" -v s="$phase_seconds" 'BEGIN { printf "%.0f", p / s }')

if command -v ndpiReader >/dev/null 2>&1; then
  start=$(now_ns)
  ndpiReader -q -i "$file" > /tmp/ndpi-replay-bench.out 2>&1
  ndpi_ns=$(( $(now_ns) - start ))
  ndpi_rate=$(rate "$total" "$ndpi_ns")
  echo "ndpiReader -q -i (whole command, wall): $(awk -v ns="$ndpi_ns" 'BEGIN{printf "%.3f", ns/1e9}') s = $ndpi_rate packets/s ($(ndpiReader -h 2>/dev/null | sed -n 's/^Welcome to //p' | head -1))"
  grep -iE "nDPI throughput|Analysis (begin|end)|Traffic throughput|Traffic duration" /tmp/ndpi-replay-bench.out | sed 's/^/    /' || true
  echo "ratio flowgate/ndpiReader, wall time of each whole command: $(awk -v a="$flowgate_rate" -v b="$ndpi_rate" 'BEGIN{printf "%.2f", a/b}')"
  echo "ratio flowgate replay phase / ndpiReader wall:             $(awk -v a="$phase_rate" -v b="$ndpi_rate" 'BEGIN{printf "%.2f", a/b}')"
else
  echo "ndpiReader not found (Debian/Ubuntu package libndpi-bin): printing Flowgate's rates only"
fi
