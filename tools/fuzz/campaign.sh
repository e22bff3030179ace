#!/usr/bin/env bash
# Runs the configuration fuzz targets one after another (never two at once: the machine is shared),
# each for DURATION (default 1h) or MAX_EXECUTIONS runs, whichever ends first, at low priority.
# Logs go to OUT (default target/fuzz-campaign); new findings are saved by Jazzer as inputs of the
# target under config/src/test/resources/.../<Class>Inputs/<method>/. Figures for
# docs/reliability.md: the last "#N DONE cov: C ft: F" line of each log.
#   [TARGETS="GroupExpanderFuzzTest#expand ..."] tools/fuzz/campaign.sh [DURATION] [MAX_EXECUTIONS]
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
source "$here/bin/env.sh"
cd "$here"
duration=${1:-1h}
executions=${2:-10000000}
out=${OUT:-$here/target/fuzz-campaign}
mkdir -p "$out"
all=(
  "org.flowgate.config.text.ConfigLexerFuzzTest#tokens"
  "org.flowgate.config.text.ConfigParserFuzzTest#junosStatements"
  "org.flowgate.config.text.ConfigParserFuzzTest#anyWords"
  "org.flowgate.config.text.GroupExpanderFuzzTest#expand"
  "org.flowgate.config.compile.JunosCompilerFuzzTest#text"
  "org.flowgate.config.compile.JunosCompilerFuzzTest#setLines"
)
# TARGETS="Class#method ..." runs only those (by their short names, e.g. GroupExpanderFuzzTest#expand)
if [ -n "${TARGETS:-}" ]; then
  targets=()
  for wanted in $TARGETS; do
    for target in "${all[@]}"; do [[ "$target" == *".$wanted" ]] && targets+=("$target"); done
  done
else
  targets=("${all[@]}")
fi
for target in "${targets[@]}"; do
  log="$out/${target##*.}.log"
  echo "$(date -u +%FT%TZ) $target" | tee -a "$out/summary.txt"
  start=$(date +%s)
  JAZZER_FUZZ=1 JAZZER_MAX_DURATION="$duration" JAZZER_MAX_EXECUTIONS="$executions" \
    JAZZER_INSTRUMENTATION_INCLUDES='org.flowgate.**' \
    nice -n 10 "$FLOWGATE_MVN" -B -ntp -pl config test -Dtest="$target" \
    -Dsurefire.failIfNoSpecifiedTests=false >"$log" 2>&1
  status=$?
  echo "  exit $status after $(( $(date +%s) - start )) s; $(grep -a -E '^#[0-9]+.*cov:' "$log" | tail -1)" \
    | tee -a "$out/summary.txt"
done
