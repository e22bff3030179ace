#!/usr/bin/env bash
# Issue 16's replay figures in one command (a few minutes; docs/performance.md, "Issue 16 (end)"):
#
#   bench/replay-rate.sh [--flows N] [--packets M] [--protocol tcp|udp] [--rounds R] [--runs K]
#
# 1. writes the bench capture: N flows x M packets (default 200 000 TCP flows x 20 = 4 M packets,
#    flows interleaved; org.flowgate.bench.WriteBenchCapture);
# 2. the replay once warm: org.flowgate.bench.ReplayRate replays it R times (default 6) through a
#    fresh engine with one SPU and with two, alternated in one process, and prints the median and
#    range of the warm rounds and the per-round ratio of two SPUs to one (the issue: 5 M packets/s
#    on one SPU, two SPUs 1.7 times one);
# 3. the warm-up curve: org.flowgate.bench.WarmUp replays it once in a fresh JVM and prints the
#    packets/s of each 100 ms of the first second, with the launcher's AOT cache and without;
# 4. start-up: bench/startup.sh (help, check, one-packet replay through ./flowgate, K runs each,
#    default 10, AOT cache on and off) and the phase trace of one one-packet replay
#    (FLOWGATE_TRACE_STARTUP=1).
# The load average is printed first: on a loaded machine read the ratios, not the rates.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"
source bin/env.sh

flows=200000
packets=20
protocol=tcp
rounds=6
runs=10
while [ $# -gt 0 ]; do
  case "$1" in
    --flows) flows=$2; shift 2 ;;
    --packets) packets=$2; shift 2 ;;
    --protocol) protocol=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    *) echo "usage: $0 [--flows N] [--packets M] [--protocol tcp|udp] [--rounds R] [--runs K]" >&2; exit 2 ;;
  esac
done
scratch=$(mktemp -d "${TMPDIR:-/tmp}/flowgate-replay-rate.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
file="$scratch/bench.pcap"

jar=bench/target/benchmarks.jar
if [ ! -f "$jar" ]; then
  "$FLOWGATE_MVN" -q -B -DskipTests -pl bench -am package >&2
fi
./flowgate help >/dev/null 2>&1 || true # builds the launcher's jar and start-up cache once, untimed
java=("$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -XX:+UseParallelGC)

echo "$(date -u '+%F %T') UTC, load average $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores, $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
total=$("${java[@]}" -cp "$jar" org.flowgate.bench.WriteBenchCapture \
  --flows "$flows" --packets "$packets" --protocol "$protocol" "$file" | tail -1)
echo "bench capture: $flows $protocol flows x $packets packets = $total packets, $(du -h "$file" | cut -f1)"

echo "== replay once warm (ReplayRate, one process, $rounds rounds, 1 and 2 SPUs alternated)"
"${java[@]}" -Xmx2g -cp "$jar" org.flowgate.bench.ReplayRate --rounds "$rounds" --spus 1,2 \
  --max-sessions "$((flows + 1024))" "$file"

echo "== warm-up: packets/s per 100 ms of a fresh JVM's replay (WarmUp, 1 SPU)"
flowgate_classpath "$here" # the launcher's class path, so that its AOT cache applies
checkout=$(printf '%s' "$here" | sha256sum | cut -c1-12)
aot=$(ls -t "${XDG_CACHE_HOME:-$HOME/.cache}"/flowgate/aot/"$checkout"-*.aot 2>/dev/null | head -1 || true)
for variant in with without; do
  options=()
  if [ "$variant" = with ]; then
    [ -n "$aot" ] || { echo "  no AOT cache in ~/.cache/flowgate/aot: skipped"; continue; }
    options=(-XX:AOTCache="$aot" -Xlog:aot=off -Xlog:cds=off)
  fi
  echo "  $variant the launcher's AOT cache:"
  "${java[@]}" "${options[@]}" -cp "$FLOWGATE_CLASSPATH:$here/$jar" org.flowgate.bench.WarmUp \
    --spus 1 "$file" | head -n -1 | sed 's/^/    /'
done

echo "== start-up ($runs runs of each, interleaved)"
bench/startup.sh --runs "$runs" --env FLOWGATE_AOT=on --env FLOWGATE_AOT=off
echo "phases of one one-packet replay (FLOWGATE_TRACE_STARTUP=1 ./flowgate replay ONE-PACKET):"
# the one-packet capture of bench/startup.sh
sed -n '/^{$/,/^} > "\$one"$/p' bench/startup.sh | sed 's/> "\$one"$//' > "$scratch/one.sh"
bash "$scratch/one.sh" > "$scratch/one.pcap"
FLOWGATE_TRACE_STARTUP=1 ./flowgate replay "$scratch/one.pcap" 2>&1 >/dev/null | sed 's/^/  /'
