#!/usr/bin/env bash
# Live forwarding side by side (issue 15, docs/performance.md): the same three network namespaces
# and veth pairs, the firewall in the middle being either Flowgate (`flowgate serve --attach`) or
# the Linux kernel forwarding with an nftables stateful rule set equivalent to the policy
# (conntrack: established/related accepted, new trust->untrust TCP/UDP/ICMP accepted, the rest
# dropped). Measures iperf3 TCP throughput, UDP packets/s at 64-byte datagrams, new TCP
# connections/s (many short ones, Python client against Python server) and ping latency p50/p99 at
# a light load. Traffic stays inside the namespaces, which are deleted on exit, whatever happens.
#
#   bench/live-vs-kernel.sh [flowgate|kernel|both] [SECONDS]      (root; iperf3, nft, python3)
#   env: TESTS="tcp udp cps lat" (a subset), SPUS=1 (Flowgate's SPU count)
#
#   client ns  c0 192.0.2.2/24 ── f0 [firewall ns] f1 ── s0 198.51.100.2/24  server ns
#              (flowgate: ge-0/0/0 = f0, ge-0/0/1 = f1, one SPU; kernel: f0 192.0.2.1, f1 198.51.100.1)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
mode=${1:-both}
seconds=${2:-10}
run=fgb-$$
client=$run-c firewall=$run-f server=$run-s
work=$(mktemp -d)
serve_pid=
cleanup() {
  set +e
  [ -n "$serve_pid" ] && kill "$serve_pid" 2>/dev/null && wait "$serve_pid" 2>/dev/null
  for ns in "$client" "$server" "$firewall"; do
    pids=$(ip netns pids "$ns" 2>/dev/null)
    [ -n "$pids" ] && kill $pids 2>/dev/null
    ip netns del "$ns" 2>/dev/null
  done
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

[ "$(id -u)" = 0 ] || { echo "live-vs-kernel: needs root (network namespaces)" >&2; exit 2; }
for p in iperf3 nft python3 ethtool; do
  command -v $p >/dev/null || { echo "live-vs-kernel: $p is not installed" >&2; exit 2; }
done

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
}

flowgate_up() {
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
  "$here/flowgate" help >/dev/null 2>&1 || true # builds once
  ip netns exec "$firewall" "$here/flowgate" serve --state "$work/state" --config "$work/fw.conf" \
    --ssh-port 0 --netconf-port 0 --spus "${SPUS:-1}" --max-sessions 1048576 \
    --attach ge-0/0/0=f0 --attach ge-0/0/1=f1 >"$work/serve.out" 2>&1 &
  serve_pid=$!
  for _ in $(seq 600); do
    grep -q "flowgate: serving" "$work/serve.out" && break
    kill -0 "$serve_pid" 2>/dev/null || { cat "$work/serve.out" >&2; exit 1; }
    sleep 0.1
  done
  grep -q "flowgate: serving" "$work/serve.out" || { cat "$work/serve.out" >&2; exit 1; }
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
  nsx "$server" python3 -c '
import socketserver
class H(socketserver.BaseRequestHandler):
    def handle(self):
        self.request.sendall(b"ok")
class S(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    request_queue_size = 1024
S(("198.51.100.2", 7000), H).serve_forever()' &
  for _ in $(seq 100); do nsx "$server" ss -Htln | grep -q ":7000" && nsx "$server" ss -Htln | grep -q ":5201" && return; sleep 0.1; done
  echo "live-vs-kernel: servers did not start" >&2; exit 1
}

measure() {
  local name=$1
  nsx "$client" ping -c 3 -W 2 198.51.100.2 >/dev/null # neighbours resolved, path proven
  local tcp=- udp_pps=- udp_sent=- udp_loss=- cps=- lat=-
  [[ " ${TESTS:-tcp udp cps lat} " == *" tcp "* ]] && tcp=$(nsx "$client" iperf3 -c 198.51.100.2 -p 5201 -t "$seconds" -J |
    python3 -c 'import json,sys; print("%.0f" % (json.load(sys.stdin)["end"]["sum_received"]["bits_per_second"]/1e6))')
  # UDP: what crossed the firewall is counted where it arrives (s0's received frames); iperf3's
  # own loss figure also counts datagrams its starved server socket dropped (UdpRcvbufErrors)
  if [[ " ${TESTS:-tcp udp cps lat} " == *" udp "* ]]; then
    local before after
    before=$(nsx "$server" cat /sys/class/net/s0/statistics/rx_packets)
    read -r udp_sent udp_loss < <(nsx "$client" iperf3 -c 198.51.100.2 -p 5201 -u -l 64 -b 0 -t "$seconds" -J |
      python3 -c 'import json,sys
e=json.load(sys.stdin)["end"]["sum"]
print("%.0f %.1f" % (e["packets"]/e["seconds"], e["lost_percent"]))')
    after=$(nsx "$server" cat /sys/class/net/s0/statistics/rx_packets)
    udp_pps=$(( (after - before) / seconds ))
  fi
  [[ " ${TESTS:-tcp udp cps lat} " == *" cps "* ]] && cps=$(nsx "$client" python3 -c '
import socket, time
n, deadline = 0, time.monotonic() + '"$seconds"'
start = time.monotonic()
while time.monotonic() < deadline:
    s = socket.create_connection(("198.51.100.2", 7000), timeout=5)
    s.recv(2); s.close(); n += 1
print("%.0f" % (n / (time.monotonic() - start)))')
  [[ " ${TESTS:-tcp udp cps lat} " == *" lat "* ]] && lat=$(nsx "$client" ping -c 200 -i 0.01 -q 198.51.100.2 >/dev/null; nsx "$client" python3 -c '
import subprocess
out = subprocess.run(["ping", "-c", "300", "-i", "0.01", "198.51.100.2"], capture_output=True, text=True).stdout
rtts = sorted(float(l.split("time=")[1].split()[0]) for l in out.splitlines() if "time=" in l)
p = lambda q: rtts[min(len(rtts) - 1, int(q * len(rtts)))]
print("%.3f %.3f" % (p(0.5), p(0.99)))')
  if [ -n "${DEBUG:-}" ]; then # where frames were lost: the server's UDP socket, the veth pair
    nsx "$server" nstat -az UdpInDatagrams UdpRcvbufErrors UdpInErrors >&2
    nsx "$server" ip -s link show s0 >&2
    nsx "$firewall" ip -s link show f1 >&2
  fi
  if [ -n "$serve_pid" ]; then # its counters, as it stops
    kill "$serve_pid"; wait "$serve_pid" 2>/dev/null || true; serve_pid=
    cat "$work/serve.out" >&2
  fi
  echo "$name tcp_mbps=$tcp udp64_offered_pps=$udp_sent udp64_forwarded_pps=$udp_pps iperf3_udp_loss_pct=$udp_loss tcp_conn_per_s=$cps rtt_ms_p50_p99=$lat"
}

case $mode in
  flowgate|kernel|both) ;;
  *) echo "usage: bench/live-vs-kernel.sh [flowgate|kernel|both] [SECONDS]" >&2; exit 2 ;;
esac
for m in flowgate kernel; do
  [ "$mode" = both ] || [ "$mode" = "$m" ] || continue
  cleanup; trap cleanup EXIT INT TERM; work=$(mktemp -d); serve_pid=
  network
  "${m}_up"
  servers
  measure "$m"
done
