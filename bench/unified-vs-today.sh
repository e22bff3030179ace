#!/usr/bin/env bash
# Issue 17's two benchmarks, each next to today's figure in the same process (docs/performance.md,
# "Unified policies and AppQoS, side by side"):
#
#   bench/unified-vs-today.sh [ROUNDS] [SLICE_SECONDS]        (default 16 rounds of 0.4 s)
#
# 1. policy lookup over 10 000 policies (PolicyLookupBenchmark, random-server traffic): today's
#    rule base (dynamic=legacy) against the same policies each matching a dynamic application,
#    looked up while the application is pending and once it is decided (junos:HTTP);
# 2. new sessions/s (FirstPathBenchmark, UDP and TCP first packets, identification off): today's
#    policy (appqos=off) against the same policy applying a rule-set (appqos=on).
# Each uses org.flowgate.bench.AlternatingBuilds: the configurations alternate in slices of
# SLICE_SECONDS of CPU time in one JVM (each in a class loader of its own), so a slow phase of the
# host hits both alike; it prints each one's rate per CPU-second (median, quartiles) and the
# median ratio to today's. About 2.5 minutes of CPU in all (13.5 minutes of wall time at load
# average 25); the benchmarks jar is built first when it is missing (that build is not part of the
# time; delete the jar to rebuild it after a change).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"
source bin/env.sh

rounds=${1:-16}
slice=${2:-0.4}
jar=bench/target/benchmarks.jar
if [[ ! -f $jar ]]; then
  "$FLOWGATE_MVN" -q -B -DskipTests -pl bench -am package >&2
fi
java=("$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Xmx6g -XX:MaxDirectMemorySize=16g
  -cp "$jar")

echo "== policy lookup, 10 000 policies, random-server traffic (M lookups per CPU-second)"
echo "   today = dynamic=legacy; unified, application pending; unified, application decided"
"${java[@]}" -Dpath=policy -Dtraffic=random-server org.flowgate.bench.AlternatingBuilds \
  10000 "$rounds" "$slice" \
  "$jar@dynamic=legacy" "$jar@dynamic=pending" "$jar@dynamic=decided"

for protocol in udp tcp; do
  echo
  echo "== new sessions, first packet $protocol (M sessions per CPU-second)"
  echo "   today = appqos=off (no rule-set); appqos=on (a rule-set on the policy)"
  "${java[@]}" -Dpath=first -Dprotocol="$protocol" org.flowgate.bench.AlternatingBuilds \
    0 "$rounds" "$slice" "$jar@off+appqos=off" "$jar@off+appqos=on"
done
