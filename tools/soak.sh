#!/usr/bin/env bash
# The soak of issue 10: one capture looped through 2 SPUs with a 1 M-session table for 30 minutes
# of wall time, a commit every minute, every session logged over TCP syslog to rsyslogd (started
# here, as this user, on a free loopback port), then every session timed out. Passes when memory
# is flat (read the samples), created = closed, and rsyslogd wrote one CREATE line per session
# created and one CLOSE line per session closed. Without rsyslogd the soak's own receiver counts.
#
#   tools/soak.sh [OUTPUT-DIR] [flowgate soak options...]    (default var/soak; see flowgate help)
#
# Runs at nice 10: the machine is shared with other builds.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=$(realpath -m "${1:-$here/var/soak}")
shift || true
mkdir -p "$out"
rsyslog_pid=
cleanup() { if [ -n "$rsyslog_pid" ]; then kill "$rsyslog_pid" 2>/dev/null || true; fi; }
trap cleanup EXIT

syslog=()
if command -v rsyslogd >/dev/null; then
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  rm -f "$out/received.log"
  cat >"$out/rsyslog.conf" <<EOF
global(workDirectory="$out")
module(load="imtcp")
input(type="imtcp" port="$port" address="127.0.0.1")
template(name="message" type="string" string="%msg%\n")
action(type="omfile" file="$out/received.log" template="message")
EOF
  rsyslogd -n -C -f "$out/rsyslog.conf" -i "$out/rsyslogd.pid" &
  rsyslog_pid=$!
  for _ in $(seq 100); do
    (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
    sleep 0.1
  done
  syslog=(--syslog "127.0.0.1:$port")
  echo "soak: rsyslogd $(rsyslogd -v | head -1 | awk '{print $2}') receiving on 127.0.0.1:$port into $out/received.log"
fi

status=0
# A fixed, pre-touched heap: the resident set then moves only with what lives outside it.
export JAVA_TOOL_OPTIONS="${JAVA_TOOL_OPTIONS:--Xms2g -Xmx2g -XX:+AlwaysPreTouch}"
nice -n 10 "$here/flowgate" soak --dir "$out" "${syslog[@]}" "$@" | tee "$out/soak.txt" || status=$?

if [ -n "$rsyslog_pid" ]; then
  kill "$rsyslog_pid"
  wait "$rsyslog_pid" 2>/dev/null || true
  rsyslog_pid=
  final=$(grep 'every timeout passed' "$out/soak.txt")
  created=$(awk '{print $6}' <<<"$final")
  closed=$(awk '{print $7}' <<<"$final")
  creates=$(grep -c 'RT_FLOW_SESSION_CREATE' "$out/received.log" || true)
  closes=$(grep -c 'RT_FLOW_SESSION_CLOSE' "$out/received.log" || true)
  echo "soak: rsyslogd wrote $creates CREATE lines for $created sessions created and $closes CLOSE lines for $closed closed"
  if [ "$creates" != "$created" ] || [ "$closes" != "$closed" ]; then
    echo "soak: FAILED: log lines lost between the sink and rsyslogd"
    status=1
  fi
fi
exit "$status"
