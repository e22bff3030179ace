#!/usr/bin/env bash
# Wall and CPU time of short `./flowgate` commands, repeated (hyperfine-style, without hyperfine),
# the variants interleaved run by run so that a busy machine weighs on each alike: prints min,
# median and max wall milliseconds, and the median CPU (user + system) milliseconds, per variant.
#
#   bench/startup.sh [--runs N] [--launcher PATH]... [--env NAME=VALUE]...
#
# Each --launcher (default: ./flowgate of this checkout) and each --env setting (e.g.
# FLOWGATE_AOT=off against the default) is a variant; with neither, one variant. Commands timed:
# `help`; `check` of the demo configuration; `replay` of a one-packet capture (written below with
# printf), each with its output discarded, after one untimed run of each variant (which builds the
# jar and the start-up cache when they are missing).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
runs=20
launchers=()
envs=()
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --launcher) launchers+=("$2"); shift 2 ;;
    --env) envs+=("$2"); shift 2 ;;
    *) echo "usage: $0 [--runs N] [--launcher PATH]... [--env NAME=VALUE]..." >&2; exit 2 ;;
  esac
done
[ ${#launchers[@]} -gt 0 ] || launchers=("$here/flowgate")
variants=()
for launcher in "${launchers[@]}"; do
  if [ ${#envs[@]} -eq 0 ]; then variants+=("$launcher|"); fi
  for setting in "${envs[@]}"; do variants+=("$launcher|$setting"); done
done
work=$(mktemp -d "${TMPDIR:-/tmp}/flowgate-startup.XXXXXX")
trap 'rm -rf "$work"' EXIT

one="$work/one.pcap"
# A one-packet capture: pcap header, one record of a 60-byte UDP frame (10.0.0.1:1024 ->
# 10.0.0.2:53, IPv4 header checksum 0x66bc).
{
  printf '\xd4\xc3\xb2\xa1\x02\x00\x04\x00\x00\x00\x00\x00\x00\x00\x00\x00\xff\xff\x00\x00\x01\x00\x00\x00'
  printf '\x00\x00\x00\x00\x00\x00\x00\x00\x3c\x00\x00\x00\x3c\x00\x00\x00'
  printf '\x02\x00\x00\x00\x00\x02\x02\x00\x00\x00\x00\x01\x08\x00'
  printf '\x45\x00\x00\x2e\x00\x01\x00\x00\x40\x11\x66\xbc\x0a\x00\x00\x01\x0a\x00\x00\x02'
  printf '\x04\x00\x00\x35\x00\x1a\x00\x00'
  printf '\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00'
} > "$one"
conf="$here/server/src/main/resources/demo/srx-edge.conf"

run_variant() { # variant, command words... ; prints "wall_ms cpu_ms"
  local launcher=${1%%|*} setting=${1#*|}
  shift
  local TIMEFORMAT='%R %U %S' t
  if [ -n "$setting" ]; then
    t=$( { time env "$setting" "$launcher" "$@" >/dev/null 2>&1; } 2>&1 )
  else
    t=$( { time "$launcher" "$@" >/dev/null 2>&1; } 2>&1 )
  fi
  awk '{ printf "%d %d\n", $1 * 1000, ($2 + $3) * 1000 }' <<< "$t"
}

echo "$(date -u '+%F %T') UTC, load average $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
for label in help check replay; do
  case $label in
    help) command=(help) ;;
    check) command=(check "$conf") ;;
    replay) command=(replay "$one") ;;
  esac
  for v in "${!variants[@]}"; do
    run_variant "${variants[$v]}" "${command[@]}" >/dev/null
    : > "$work/samples.$v"
  done
  for _ in $(seq "$runs"); do
    for v in "${!variants[@]}"; do
      run_variant "${variants[$v]}" "${command[@]}" >> "$work/samples.$v"
    done
  done
  for v in "${!variants[@]}"; do
    cpu=$(cut -d' ' -f2 "$work/samples.$v" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
    sort -n "$work/samples.$v" | awk -v label="$label" -v variant="${variants[$v]}" -v cpu="$cpu" '
      { wall[NR] = $1 }
      END {
        printf "%-7s %-45s %3d runs  wall min %5d  median %5d  max %5d ms   cpu median %5d ms\n",
          label, variant, NR, wall[1], wall[int((NR + 1) / 2)], wall[NR], cpu
      }'
  done
done
