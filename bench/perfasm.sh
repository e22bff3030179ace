#!/usr/bin/env bash
# Instruction-level profile of one JMH benchmark on a machine without hsdis or hardware counters:
# runs it in one fork with the JIT printing the flow engine's compiled code as hex, samples the
# fork with `perf record -e cpu-clock` during the measured iterations, then annotates the hot
# instructions with bench/perfasm.py.
#
#   bench/perfasm.sh OUT_PREFIX 'FastPathBenchmark.parseAndProcessBatch$' -p sessions=1000000 -p protocol=udp
#
# Writes OUT_PREFIX.asm (JMH and JIT output), OUT_PREFIX.ips (sampled addresses) and prints the
# annotation. Needs perf (linux-perf) and objdump (binutils); run from the repository root after
# building bench/target/benchmarks.jar.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$here/bin/env.sh"
out=$1
shift
print="-XX:CompileCommand=quiet"
for method in 'org.flowgate.dataplane.flow.FlowProcessor::*' 'org.flowgate.dataplane.session.SessionTable::*' \
    'org.flowgate.dataplane.packet.PacketParser::*' 'org.flowgate.bench.*::*'; do
  print="$print -XX:CompileCommand=print,$method"
done
"$JAVA_HOME/bin/java" -Djmh.ignoreLock=true --enable-native-access=ALL-UNNAMED -jar "$here/bench/target/benchmarks.jar" \
  "$@" -f 1 -wi 4 -i 4 -jvmArgsAppend "--enable-native-access=ALL-UNNAMED -Xmx4g -XX:MaxDirectMemorySize=16g \
  -XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints $print -XX:PrintAssemblyOptions=hsdis-print-bytes" \
  > "$out.asm" 2>&1 &
jmh=$!
for _ in $(seq 1 300); do
  sleep 1
  grep -q '^Iteration   2' "$out.asm" && break
done
fork=$(pgrep -P "$jmh" -f ForkedMain | head -1)
perf record -e cpu-clock -F 2000 -p "$fork" -o "$out.perf" -- sleep 8 > /dev/null 2>&1 || true # perf ends its sleep with SIGTERM
wait "$jmh"
perf script -i "$out.perf" -F ip 2> /dev/null > "$out.ips"
grep -E '^Iteration|^FastPath|^Benchmark' "$out.asm" || true
python3 "$here/bench/perfasm.py" "$out.asm" "$out.ips" 0.5 8
