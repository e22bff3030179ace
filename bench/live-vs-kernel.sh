#!/usr/bin/env bash
# Live forwarding side by side (issue 15, docs/performance.md, ADR 0043): the same three network
# namespaces and veth pairs, the firewall in the middle being Flowgate (`flowgate serve --attach`,
# with TPACKET_V2 receive rings, the default, and with TPACKET_V3 blocks retired after 1 ms) or the
# Linux kernel forwarding with an nftables stateful rule set equivalent to the policy (conntrack:
# established/related accepted, new trust->untrust accepted, the rest dropped). Each firewall gets
# fresh namespaces; the modes run one after the other in one invocation, so read ratios.
#
# Measures, per mode:
#   tcp   iperf3 TCP throughput, one stream
#   udp   64-byte Ethernet frames (18-byte UDP payload, one flow) from trafgen in the client
#         namespace as fast as it can send on one CPU: offered = the client's c0 transmitted,
#         forwarded = the server's s0 received; for Flowgate also each of its threads' CPU share
#         during the run and CPU time per forwarded frame (from /proc/PID/task/*/stat; the SPU's
#         includes the kernel work its sendto does, down to the server's socket), frames per
#         sendto and receive-ring drops
#   cps   new TCP connections/s: a Python client opening, reading 2 bytes from, closing connections
#         to a Python threading server
#   lat   ping round trip p50/p99 at a light load (300 pings 10 ms apart, after 100 of warm-up)
# Traffic stays inside the namespaces, which are deleted on exit, whatever happens. Names carry
# this process's id and a random tag, so runs at the same moment never meet.
#
#   bench/live-vs-kernel.sh [all|flowgate-v2|flowgate-v3|kernel]... [SECONDS]     (root)
#   default: all (flowgate-v2 flowgate-v3 kernel), 5 seconds per timed test: about 2 minutes
#   env: TESTS="tcp udp cps lat" (a subset), SPUS=1 (Flowgate's SPU count), DEBUG=1 (counters)
#   needs: iperf3, nft, python3, ethtool, trafgen (netsniff-ng), ping
#
#   client ns  c0 192.0.2.2/24 ── f0 [firewall ns] f1 ── s0 198.51.100.2/24  server ns
#              (flowgate: ge-0/0/0 = f0, ge-0/0/1 = f1; kernel: f0 192.0.2.1, f1 198.51.100.1)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
modes=()
seconds=5
for arg in "$@"; do
  case $arg in
    all | both) modes+=(flowgate-v2 flowgate-v3 kernel) ;;
    flowgate) modes+=(flowgate-v2) ;;
    flowgate-v2 | flowgate-v3 | kernel) modes+=("$arg") ;;
    *[!0-9]* | '')
      echo "usage: bench/live-vs-kernel.sh [all|flowgate-v2|flowgate-v3|kernel]... [SECONDS]" >&2
      exit 2
      ;;
    *) seconds=$arg ;;
  esac
done
[ ${#modes[@]} -gt 0 ] || modes=(flowgate-v2 flowgate-v3 kernel)
tests=" ${TESTS:-tcp udp cps lat} "

[ "$(id -u)" = 0 ] || { echo "live-vs-kernel: needs root (network namespaces)" >&2; exit 2; }
for p in iperf3 nft python3 ethtool ping; do
  command -v $p >/dev/null || { echo "live-vs-kernel: $p is not installed" >&2; exit 2; }
done
if [[ $tests == *" udp "* ]] && ! command -v trafgen >/dev/null; then
  echo "live-vs-kernel: trafgen is not installed (apt-get install netsniff-ng), or leave udp out of TESTS" >&2
  exit 2
fi

run=fgb-$$-$(od -An -N3 -tx1 /dev/urandom | tr -d ' \n')
client=$run-c firewall=$run-f server=$run-s
work=
serve_pid=
results=$(mktemp)
cleanup() {
  set +e
  if [ -n "$serve_pid" ]; then kill "$serve_pid" 2>/dev/null; wait "$serve_pid" 2>/dev/null; fi
  serve_pid=
  for ns in "$client" "$server" "$firewall"; do
    pids=$(ip netns pids "$ns" 2>/dev/null)
    [ -n "$pids" ] && kill $pids 2>/dev/null
    ip netns del "$ns" 2>/dev/null
  done
  [ -n "$work" ] && rm -rf "$work"
  work=
}
trap 'cleanup; rm -f "$results"' EXIT
trap 'exit 130' INT TERM

nsx() { local ns=$1; shift; ip netns exec "$ns" "$@"; }

network() {
  for ns in "$firewall" "$client" "$server"; do ip netns add "$ns"; ip -n "$ns" link set lo up; done
  nsx "$firewall" sysctl -qw net.ipv6.conf.default.disable_ipv6=1
  ip -n "$firewall" link add f0 type veth peer name c0 netns "$client"
  ip -n "$firewall" link add f1 type veth peer name s0 netns "$server"
  for pair in "$client c0" "$server s0" "$firewall f0" "$firewall f1"; do
    set -- $pair
    nsx "$1" ethtool -K "$2" tx off tso off gso off >/dev/null 2>&1
    ip -n "$1" link set "$2" up
  done
  ip -n "$client" addr add 192.0.2.2/24 dev c0
  ip -n "$client" route add default via 192.0.2.1
  ip -n "$server" addr add 198.51.100.2/24 dev s0
  ip -n "$server" route add default via 198.51.100.1
  # the UDP run's datagrams end here, without port-unreachable answers crossing back
  nsx "$server" nft -f - <<'EOF'
table inet sink {
  chain input {
    type filter hook input priority 0; policy accept;
    udp dport 9 drop
  }
}
EOF
}

flowgate_up() {
  local ring=$1
  cat >"$work/fw.conf" <<'EOF'
set system host-name bench-fw
set interfaces ge-0/0/0 unit 0 family inet address 192.0.2.1/24
set interfaces ge-0/0/1 unit 0 family inet address 198.51.100.1/24
set security zones security-zone trust interfaces ge-0/0/0.0 host-inbound-traffic system-services ping
set security zones security-zone untrust interfaces ge-0/0/1.0
set security policies from-zone trust to-zone untrust policy out match source-address any
set security policies from-zone trust to-zone untrust policy out match destination-address any
set security policies from-zone trust to-zone untrust policy out match application any
set security policies from-zone trust to-zone untrust policy out then permit
EOF
  ip netns exec "$firewall" "$here/flowgate" serve --state "$work/state" --config "$work/fw.conf" \
    --ssh-port 0 --netconf-port 0 --spus "${SPUS:-1}" --max-sessions 1048576 --rx-ring "$ring" \
    --attach ge-0/0/0=f0 --attach ge-0/0/1=f1 >"$work/serve.out" 2>&1 &
  serve_pid=$!
  for _ in $(seq 600); do
    grep -q "flowgate: serving" "$work/serve.out" && return
    kill -0 "$serve_pid" 2>/dev/null || break
    sleep 0.1
  done
  cat "$work/serve.out" >&2
  echo "live-vs-kernel: flowgate serve did not start" >&2
  exit 1
}

kernel_up() {
  ip -n "$firewall" addr add 192.0.2.1/24 dev f0
  ip -n "$firewall" addr add 198.51.100.1/24 dev f1
  nsx "$firewall" sysctl -qw net.ipv4.ip_forward=1
  nsx "$firewall" nft -f - <<'EOF'
table inet fw {
  chain forward {
    type filter hook forward priority 0; policy drop;
    ct state established,related accept
    ct state invalid drop
    iifname "f0" oifname "f1" ct state new accept
  }
  chain input {
    type filter hook input priority 0; policy drop;
    ct state established,related accept
    iifname "f0" icmp type echo-request accept
  }
}
EOF
}

servers() {
  nsx "$server" iperf3 -s -D -p 5201 --logfile "$work/iperf-s.log"
  # in a subshell, so that this shell reports nothing when the cleanup stops it
  (nsx "$server" python3 -c '
import socketserver
class H(socketserver.BaseRequestHandler):
    def handle(self):
        self.request.sendall(b"ok")
class S(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    request_queue_size = 1024
S(("198.51.100.2", 7000), H).serve_forever()' &)
  for _ in $(seq 100); do
    nsx "$server" ss -Htln | grep -q ":7000" && nsx "$server" ss -Htln | grep -q ":5201" && return
    sleep 0.1
  done
  echo "live-vs-kernel: servers did not start" >&2
  exit 1
}

counter() { nsx "$1" cat "/sys/class/net/$2/statistics/$3"; }

# CPU ticks of every thread of the firewall namespace's processes, as "name ticks" lines
thread_ticks() {
  local pid task
  for pid in $(ip netns pids "$firewall"); do
    for task in /proc/"$pid"/task/*; do
      # comm is field 2 in parentheses; utime and stime are fields 14 and 15
      sed -E 's/^[0-9]+ \((.*)\) [A-Za-z] (([^ ]+ ){10})([0-9]+) ([0-9]+).*/\1\t\4\t\5/' "$task/stat" 2>/dev/null |
        awk -F'\t' '{ print $1 " " $2 + $3 }'
    done
  done
}

udp_run() {
  local mac sent0 sent1 got0 got1 start end
  mac=$(nsx "$firewall" cat /sys/class/net/f0/address)
  cat >"$work/udp.trafgen" <<EOF
{
  eth(da=$mac, type=0x0800),
  ipv4(saddr=192.0.2.2, daddr=198.51.100.2, ttl=64),
  udp(sp=10000, dp=9),
  fill(0x00, 18),
}
EOF
  thread_ticks >"$work/ticks.before"
  sent0=$(counter "$client" c0 tx_packets)
  got0=$(counter "$server" s0 rx_packets)
  start=$(date +%s.%N)
  nsx "$client" timeout -s INT "$seconds" trafgen -o c0 -i "$work/udp.trafgen" -P 1 >"$work/trafgen.out" 2>&1 || true
  end=$(date +%s.%N)
  sleep 0.5 # what is still in the firewall's rings arrives
  sent1=$(counter "$client" c0 tx_packets)
  got1=$(counter "$server" s0 rx_packets)
  thread_ticks >"$work/ticks.after"
  python3 - "$work/ticks.before" "$work/ticks.after" "$sent0" "$sent1" "$got0" "$got1" "$start" "$end" "$(getconf CLK_TCK)" <<'EOF'
import sys, collections
before, after, s0, s1, g0, g1, t0, t1, hz = sys.argv[1:]
seconds = float(t1) - float(t0)
def ticks(path):
    out = collections.Counter()
    for line in open(path):
        name, value = line.rsplit(" ", 1)
        out[name] += int(value)
    return out
b, a = ticks(before), ticks(after)
share = {n: (a[n] - b.get(n, 0)) / int(hz) / seconds for n in a}
forwarded = (int(g1) - int(g0)) / seconds
named = ["live-source", "spu-0", "spu-1", "live-host"]
# each thread's share of one core, and its CPU time per forwarded frame (a thread at 100 % with
# C us per frame caps the firewall at 1e6 / C frames/s)
parts = ["%s=%.0f%%/%.2fus" % (n, 100 * share[n], 1e6 * share[n] / forwarded if forwarded else 0)
         for n in named if n in share]
rest = sum(v for n, v in share.items() if n not in named)
if share:
    parts.append("other=%.0f%%" % (100 * rest))
print("%.0f %.0f %s" % ((int(s1) - int(s0)) / seconds, forwarded, ",".join(parts) or "-"))
EOF
}

latency() {
  nsx "$client" ping -c 100 -i 0.01 -q 198.51.100.2 >/dev/null
  nsx "$client" ping -c 300 -i 0.01 198.51.100.2 | python3 -c '
import sys
rtts = sorted(float(l.split("time=")[1].split()[0]) for l in sys.stdin if "time=" in l)
p = lambda q: rtts[min(len(rtts) - 1, int(q * len(rtts)))]
print("%.3f %.3f %d" % (p(0.5), p(0.99), 300 - len(rtts)))'
}

measure() {
  local name=$1
  local tcp=- offered=- forwarded=- threads=- cps=- p50=- p99=- lost=-
  nsx "$client" ping -c 3 -W 2 198.51.100.2 >/dev/null # neighbours resolved, path proven
  [[ $tests == *" tcp "* ]] && tcp=$(nsx "$client" iperf3 -c 198.51.100.2 -p 5201 -t "$seconds" -J |
    python3 -c 'import json,sys; print("%.0f" % (json.load(sys.stdin)["end"]["sum_received"]["bits_per_second"]/1e6))')
  [[ $tests == *" udp "* ]] && read -r offered forwarded threads < <(udp_run)
  [[ $tests == *" cps "* ]] && cps=$(nsx "$client" python3 -c '
import socket, time
n, deadline = 0, time.monotonic() + '"$seconds"'
start = time.monotonic()
while time.monotonic() < deadline:
    s = socket.create_connection(("198.51.100.2", 7000), timeout=5)
    s.recv(2); s.close(); n += 1
print("%.0f" % (n / (time.monotonic() - start)))')
  [[ $tests == *" lat "* ]] && read -r p50 p99 lost < <(latency)
  if [ -n "${DEBUG:-}" ]; then
    nsx "$server" ip -s link show s0 >&2
    nsx "$firewall" ip -s link show f1 >&2
    cat "$work/trafgen.out" >&2 2>/dev/null || true
  fi
  local sendto=- drops=-
  if [ -n "$serve_pid" ]; then # its counters, as it stops
    kill "$serve_pid"
    wait "$serve_pid" 2>/dev/null || true
    serve_pid=
    [ -n "${DEBUG:-}" ] && cat "$work/serve.out" >&2
    local sent kicks
    sent=$(sed -nE 's/^flowgate: ge-0\/0\/1.0 \(f1\): received [0-9]+ frames, sent ([0-9]+),.*/\1/p' "$work/serve.out")
    kicks=$(sed -nE 's/^flowgate: transmit kicks by the SPUs \(sendto\): ([0-9]+)$/\1/p' "$work/serve.out")
    drops=$(sed -nE 's/^flowgate: .*dropped by the kernel \(receive ring full\) ([0-9]+)$/\1/p' "$work/serve.out" |
      awk '{ s += $1 } END { print s + 0 }')
    [ -n "$sent" ] && [ -n "$kicks" ] && [ "$kicks" -gt 0 ] && sendto=$(awk -v s="$sent" -v k="$kicks" 'BEGIN { printf "%.1f", s / k }')
  fi
  echo "$name $tcp $offered $forwarded $cps $p50 $p99 $lost $threads $sendto $drops" >>"$results"
  echo "$name: tcp_mbps=$tcp udp64_offered_pps=$offered udp64_forwarded_pps=$forwarded tcp_conn_per_s=$cps rtt_ms_p50=$p50 rtt_ms_p99=$p99 pings_lost=$lost cpu_during_udp=$threads frames_per_sendto_to_f1=$sendto rx_ring_drops=$drops" >&2
}

"$here/flowgate" help >/dev/null 2>&1 || true # builds once, before anything is timed
echo "live-vs-kernel: ${modes[*]}, ${seconds} s per timed test, load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
for m in "${modes[@]}"; do
  cleanup
  work=$(mktemp -d)
  network
  case $m in
    flowgate-v2) flowgate_up v2 ;;
    flowgate-v3) flowgate_up v3 ;;
    kernel) kernel_up ;;
  esac
  servers
  measure "$m"
  cleanup
done
echo "live-vs-kernel: done, load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2

python3 - "$results" <<'EOF'
import sys
rows = {}
for line in open(sys.argv[1]):
    f = line.split()
    rows[f[0]] = f[1:]
cols = ["TCP Mbit/s", "UDP 64 B offered pps", "UDP 64 B forwarded pps", "TCP conn/s",
        "ping p50 ms", "ping p99 ms", "pings lost", "CPU during UDP: share of a core / per forwarded frame",
        "frames per sendto (f1)", "receive ring drops"]
print("| measure | " + " | ".join(rows) + (" | " + " | ".join("%s / kernel" % m for m in rows if m != "kernel") if "kernel" in rows else "") + " |")
print("|---" * (1 + len(rows) + (len(rows) - 1 if "kernel" in rows else 0)) + "|")
def num(v):
    try:
        return float(v)
    except ValueError:
        return None
for i, c in enumerate(cols):
    cells = [rows[m][i] if i < len(rows[m]) else "-" for m in rows]
    ratios = []
    if "kernel" in rows and i in (0, 2, 3, 4, 5):
        k = num(rows["kernel"][i])
        for m in rows:
            if m != "kernel":
                v = num(rows[m][i])
                ratios.append("%.2f" % (v / k) if v is not None and k else "-")
    elif "kernel" in rows:
        ratios = ["" for m in rows if m != "kernel"]
    print("| " + c + " | " + " | ".join(cells) + (" | " + " | ".join(ratios) if ratios else "") + " |")
EOF
