#!/usr/bin/env bash
# Application identification on the TLS/HTTP/DNS mix with payloads (org.flowgate.bench.AppIdMix),
# next to ndpiReader on the same file: both identify every session (issue 12, docs/performance.md).
#
#   bench/appid-mix-vs-ndpi.sh [--sessions N]        (default 65536 sessions, about 406 000 packets)
#
# 1. writes the mix (fixed seed) to a scratch pcap;
# 2. times `./flowgate replay --spus 1 FILE -c "show services application-identification statistics
#    applications"` (wall time of the whole command: JVM start, replay, statistics) with
#    identification off, on (Junos's defaults) and with `application-system-cache security-services`;
# 3. times `ndpiReader -i FILE` (wall time, and its own packet processing time), when ndpiReader
#    is installed (libndpi-bin);
# 4. prints the ratios, and both tools' per-application session counts;
# 5. with two SPUs, the defaults (the device cache's rounds, ADR 0041) against
#    no-application-system-cache (no rounds).
# Needs bench/target/benchmarks.jar (./flowgate builds the rest).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"
source bin/env.sh

sessions=65536
while [ $# -gt 0 ]; do
  case "$1" in
    --sessions) sessions=$2; shift 2 ;;
    *) echo "usage: $0 [--sessions N]" >&2; exit 2 ;;
  esac
done
jar=bench/target/benchmarks.jar
[ -f "$jar" ] || { echo "build the benchmarks first: \$FLOWGATE_MVN -pl bench -am package -DskipTests" >&2; exit 2; }
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
file="$scratch/appid-mix.pcap"
written=$("$JAVA_HOME/bin/java" -cp "$jar" org.flowgate.bench.AppIdMix "$file" "$sessions")
echo "$written"
packets=$(echo "$written" | sed -n 's/.* \([0-9]*\) packets.*/\1/p')

base='set interfaces ge-0/0/0 unit 0 family inet address 172.16.255.1/16
set interfaces ge-0/0/1 unit 0 family inet address 10.64.0.1/10
set security zones security-zone trust interfaces ge-0/0/1.0
set security zones security-zone untrust interfaces ge-0/0/0.0
set security policies from-zone trust to-zone untrust policy out match source-address any
set security policies from-zone trust to-zone untrust policy out match destination-address any
set security policies from-zone trust to-zone untrust policy out match application any
set security policies from-zone trust to-zone untrust policy out then permit'
printf '%s\nset services application-identification no-application-identification\n' "$base" > "$scratch/off.conf"
printf '%s\n' "$base" > "$scratch/on.conf"
printf '%s\nset services application-identification application-system-cache security-services\n' "$base" > "$scratch/cache.conf"
printf '%s\nset services application-identification no-application-system-cache\n' "$base" > "$scratch/nocache.conf"

now_ns() { date +%s%N; }
seconds() { awk -v ns="$1" 'BEGIN { printf "%.2f", ns / 1e9 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }

./flowgate replay --spus 1 --config "$scratch/on.conf" "$file" -c "show security flow session summary" > /dev/null # builds, warms the start-up cache
declare -A took
for variant in off on cache; do
  start=$(now_ns)
  ./flowgate replay --spus 1 --max-sessions 200000 --config "$scratch/$variant.conf" "$file" \
    -c "show services application-identification statistics applications" > "$scratch/$variant.out"
  took[$variant]=$(( $(now_ns) - start ))
  echo "flowgate replay, identification $variant: $(seconds "${took[$variant]}") s wall"
done
echo "on / off (time): $(ratio "${took[on]}" "${took[off]}")   cache / on (time): $(ratio "${took[cache]}" "${took[on]}")"
# the device cache's rounds (ADR 0041) with two SPUs: the defaults (rounds) against no cache (none)
for variant in nocache on; do
  start=$(now_ns)
  ./flowgate replay --spus 2 --max-sessions 200000 --config "$scratch/$variant.conf" "$file" \
    -c "show security flow session summary" > /dev/null
  took[$variant-2]=$(( $(now_ns) - start ))
  echo "flowgate replay --spus 2, identification $variant: $(seconds "${took[$variant-2]}") s wall"
done
echo "two SPUs, with cache rounds / without (time): $(ratio "${took[on-2]}" "${took[nocache-2]}")"
echo "flowgate (identification on) per-application sessions:"
sed -n '3,12p' "$scratch/on.out"
if command -v ndpiReader > /dev/null 2>&1; then
  start=$(now_ns)
  ndpiReader -i "$file" > "$scratch/ndpi.out" 2>&1 || true
  ndpi_ns=$(( $(now_ns) - start ))
  echo "ndpiReader -i: $(seconds "$ndpi_ns") s wall ($packets packets);$(grep -m1 'Packet Processing Time' "$scratch/ndpi.out" | sed 's/^[[:space:]]*/ its own /')"
  echo "ratio flowgate replay (identification on) time / ndpiReader time: $(ratio "${took[on]}" "$ndpi_ns")"
  echo "ndpiReader's detected protocols:"
  sed -n '/Detected protocols:/,/^[^[:space:]D]/p' "$scratch/ndpi.out" | grep 'flows:' | head -20
else
  echo "ndpiReader not found (Debian/Ubuntu package libndpi-bin)"
fi
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
