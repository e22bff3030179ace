#!/usr/bin/env bash
# Replay rate of Flowgate next to ndpiReader (nDPI) and tshark on the same captures, as ratios,
# with the figures of issue 16 (docs/performance.md, "Issue 16").
#
#   bench/replay-vs-ndpi.sh [--flows N] [--packets M] [--protocol udp|tcp] [--keep FILE]
#                           [--corpus DIR] [--no-corpus] [--startup] [--warm-up]
#
# 1. writes N flows x M packets (64-byte-class frames, flows interleaved) with
#    org.flowgate.bench.WriteBenchCapture;
# 2. times `./flowgate replay --spus 1 FILE -c "show security flow session summary"`: wall time
#    of the whole command (JVM start, config, replay, summary) from `date +%s%N`, since the
#    launcher prints no timing of its own;
# 3. times the replay phase alone in-process (org.flowgate.bench.TimeReplay, same engine call),
#    with one SPU and with two, and prints their ratio (two SPUs on two cores against one);
# 4. times `ndpiReader -q -i FILE` (wall time) when ndpiReader is installed (Debian/Ubuntu:
#    apt-get install libndpi-bin); otherwise says so;
# 5. the corpus (default ../shared/pcaps when it is there, skipped with a message when not):
#    every capture in one `./flowgate replay` command, against ndpiReader over the same files as
#    one playlist, and `tshark -q -z conv,tcp -r` once per file (tshark reads one file a run);
# 6. with --startup, bench/startup.sh (help, check, one-packet replay; AOT cache off and on);
#    with --warm-up, org.flowgate.bench.WarmUp on the capture, with the launcher's AOT cache and
#    without (packets/s per 100 ms over the first second).
# ndpiReader is single-threaded on a pcap file; Flowgate runs with one SPU unless stated.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"
source bin/env.sh

flows=200000
packets=20
protocol=tcp
file=""
corpus="$here/../shared/pcaps"
startup=0
warmup=0
while [ $# -gt 0 ]; do
  case "$1" in
    --flows) flows=$2; shift 2 ;;
    --packets) packets=$2; shift 2 ;;
    --protocol) protocol=$2; shift 2 ;;
    --keep) file=$2; shift 2 ;;
    --corpus) corpus=$2; shift 2 ;;
    --no-corpus) corpus=""; shift ;;
    --startup) startup=1; shift ;;
    --warm-up) warmup=1; shift ;;
    *) echo "usage: $0 [--flows N] [--packets M] [--protocol udp|tcp] [--keep FILE] [--corpus DIR] [--no-corpus] [--startup] [--warm-up]" >&2; exit 2 ;;
  esac
done
keep=1
if [ -z "$file" ]; then
  file=$(mktemp --suffix=.pcap "${TMPDIR:-/tmp}/flowgate-replay-bench.XXXXXX")
  keep=0
fi
scratch=$(mktemp -d "${TMPDIR:-/tmp}/flowgate-replay-bench.XXXXXX")
cleanup() { if [ "$keep" = 0 ]; then rm -f "$file"; fi; rm -rf "$scratch"; }
trap cleanup EXIT

jar=bench/target/benchmarks.jar
if [ ! -f "$jar" ]; then
  "$FLOWGATE_MVN" -q -B -DskipTests -pl bench -am package >&2
fi
java=("$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -XX:+UseParallelGC)

now_ns() { date +%s%N; }
rate() { awk -v p="$1" -v ns="$2" 'BEGIN { printf "%.0f", p / (ns / 1e9) }'; }
seconds() { awk -v ns="$1" 'BEGIN { printf "%.3f", ns / 1e9 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
ndpi_version() { ndpiReader -h 2>/dev/null | sed -n 's/^Welcome to //p' | head -1; }

echo "$(date -u '+%F %T') UTC, load average $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
total=$("${java[@]}" -cp "$jar" org.flowgate.bench.WriteBenchCapture \
  --flows "$flows" --packets "$packets" --protocol "$protocol" "$file" | tail -1)
echo "capture: $file, $flows $protocol flows x $packets packets = $total packets, $(du -h "$file" | cut -f1)"

./flowgate help >/dev/null 2>&1 || true # builds the jar and the start-up cache once, untimed
start=$(now_ns)
./flowgate replay --spus 1 --max-sessions "$((flows + 1024))" "$file" \
  -c "show security flow session summary" > "$scratch/flowgate.out"
flowgate_ns=$(( $(now_ns) - start ))
flowgate_rate=$(rate "$total" "$flowgate_ns")
echo "flowgate replay --spus 1 (whole command, wall): $(seconds "$flowgate_ns") s = $flowgate_rate packets/s"
grep -E "Unicast-sessions|Sessions-in-use|Valid sessions|Maximum-sessions" "$scratch/flowgate.out" | sed 's/^/    /' || true

phase_rate() { # spus: runs TimeReplay, prints its report line to "$scratch/phase.$1", the rate
  local phase phase_packets phase_seconds
  phase=$("${java[@]}" -cp "$jar" org.flowgate.bench.TimeReplay --spus "$1" --max-sessions "$((flows + 1024))" "$file")
  echo "$phase" | head -n -1 > "$scratch/phase.$1"
  read -r phase_packets phase_seconds <<< "$(echo "$phase" | tail -1)"
  awk -v p="$phase_packets" -v s="$phase_seconds" 'BEGIN { printf "%.0f", p / s }'
}
phase1=$(phase_rate 1)
cat "$scratch/phase.1"
phase2=$(phase_rate 2)
cat "$scratch/phase.2"
echo "two SPUs against one, replay phase: $(ratio "$phase2" "$phase1") (issue 16 aims at 1.7 on two cores)"

if command -v ndpiReader >/dev/null 2>&1; then
  start=$(now_ns)
  ndpiReader -q -i "$file" > "$scratch/ndpi.out" 2>&1
  ndpi_ns=$(( $(now_ns) - start ))
  ndpi_rate=$(rate "$total" "$ndpi_ns")
  echo "ndpiReader -q -i (whole command, wall): $(seconds "$ndpi_ns") s = $ndpi_rate packets/s ($(ndpi_version))"
  echo "ratio flowgate/ndpiReader, wall time of each whole command: $(ratio "$flowgate_rate" "$ndpi_rate")"
  echo "ratio flowgate replay phase (1 SPU) / ndpiReader wall:     $(ratio "$phase1" "$ndpi_rate")"
else
  echo "ndpiReader not found (Debian/Ubuntu package libndpi-bin): printing Flowgate's rates only"
fi

if [ -n "$corpus" ] && [ -d "$corpus" ]; then
  captures=()
  for c in "$corpus"/*.pcap "$corpus"/*.pcapng "$corpus"/*.cap; do [ -f "$c" ] && captures+=("$c"); done
  corpus_packets=0
  if command -v capinfos >/dev/null 2>&1; then
    corpus_packets=$(capinfos -c -M -T "${captures[@]}" 2>/dev/null | awk -F'\t' 'NR > 1 { n += $2 } END { print n + 0 }')
  fi
  echo "corpus: ${#captures[@]} captures in $corpus, $corpus_packets packets (capinfos)"
  start=$(now_ns)
  ./flowgate replay --spus 1 "${captures[@]}" -c "show security flow session summary" > "$scratch/corpus.out" 2>&1 || true
  corpus_flowgate_ns=$(( $(now_ns) - start ))
  echo "  flowgate replay, all in one command (wall):      $(seconds "$corpus_flowgate_ns") s"
  if command -v ndpiReader >/dev/null 2>&1; then
    printf '%s\n' "${captures[@]}" > "$scratch/playlist"
    start=$(now_ns)
    ndpiReader -q -i "$scratch/playlist" > "$scratch/corpus-ndpi.out" 2>&1 || true
    corpus_ndpi_ns=$(( $(now_ns) - start ))
    echo "  ndpiReader -q -i PLAYLIST, one command (wall):   $(seconds "$corpus_ndpi_ns") s   ratio ndpiReader/flowgate time $(ratio "$corpus_ndpi_ns" "$corpus_flowgate_ns")"
  fi
  if command -v tshark >/dev/null 2>&1; then
    start=$(now_ns)
    for c in "${captures[@]}"; do tshark -q -z conv,tcp -r "$c" > /dev/null 2>&1 || true; done
    corpus_tshark_ns=$(( $(now_ns) - start ))
    echo "  tshark -q -z conv,tcp -r, once per file (wall):  $(seconds "$corpus_tshark_ns") s   ratio tshark/flowgate time $(ratio "$corpus_tshark_ns" "$corpus_flowgate_ns")"
  else
    echo "  tshark not found (Debian/Ubuntu package tshark)"
  fi
elif [ -z "$corpus" ]; then
  echo "corpus: skipped (--no-corpus)"
else
  echo "corpus: $corpus not found (../shared is absent): skipped"
fi

if [ "$startup" = 1 ]; then
  bench/startup.sh --runs 10 --env FLOWGATE_AOT=off --env FLOWGATE_AOT=on
fi
if [ "$warmup" = 1 ]; then
  flowgate_classpath "$here" # the launcher's class path, so that its AOT cache applies
  classpath=$FLOWGATE_CLASSPATH
  # this checkout's cache, named as the launcher names it
  checkout=$(printf '%s' "$here" | sha256sum | cut -c1-12)
  aot=$(ls -t "${XDG_CACHE_HOME:-$HOME/.cache}"/flowgate/aot/"$checkout"-*.aot 2>/dev/null | head -1 || true)
  for variant in without with; do
    options=()
    if [ "$variant" = with ]; then
      [ -n "$aot" ] || { echo "warm-up: no AOT cache in ~/.cache/flowgate/aot"; continue; }
      options=(-XX:AOTCache="$aot" -Xlog:aot=off -Xlog:cds=off)
    fi
    echo "warm-up, replay of the capture on 1 SPU, $variant the AOT cache (packets/s per 100 ms):"
    "${java[@]}" "${options[@]}" -cp "$classpath:$here/$jar" org.flowgate.bench.WarmUp --spus 1 "$file" \
      | head -n -1 | sed 's/^/    /'
  done
fi
