#!/usr/bin/env bash
# `wsconform serve` under attack, as the README reports it: a slowloris of 3,000 connections, then a ramp to 10,000
# idle WebSocket connections; during each, a normal conformance run (the 348 non-compression cases) must pass.
# Prints the server's resident memory (now and peak) after each phase. Loopback only; every phase is bounded in time.
# Usage: bench/load/attack-serve.sh [REPORT_DIR]        (about 2 minutes)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="${1:-$root/reports/attack-serve}"
mkdir -p "$out"
ulimit -n "$(ulimit -Hn)"
dotnet build "$root/harness" -c Release -v q -nologo >/dev/null
wsconform=(dotnet "$root/harness/bin/Release/net10.0/wsconform.dll")
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
url="ws://127.0.0.1:$port/"

"${wsconform[@]}" serve --listen "$url" --log-level Error & server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
memory() { grep -E 'VmRSS|VmHWM' "/proc/$server/status" | tr -s ' \t' ' ' | tr '\n' ' '; echo; }
echo "idle server: $(memory)"

echo "== slowloris: 3,000 connections trickling a handshake that never ends, 40 s"
python3 "$root/bench/load/slowloris.py" 127.0.0.1 "$port" --connections 3000 --seconds 40 > "$out/slowloris.json" & attack=$!
sleep 12
echo "during slowloris: $(memory)"
"${wsconform[@]}" run --target "$url" --exclude 'compression.*' --report-dir "$out/run-during-slowloris" | tail -3
echo "after the run, still under slowloris: $(memory)"
wait $attack; cat "$out/slowloris.json"

echo "== ramp to 10,000 idle connections at 2,000 handshakes/s, held 40 s"
"${wsconform[@]}" bench --target "$url" --hold 10000 --handshake-rate 2000 --hold-for 40s --report-dir "$out/hold" > "$out/hold.txt" & ramp=$!
sleep 12
echo "holding 10,000: $(memory)"
"${wsconform[@]}" run --target "$url" --exclude 'compression.*' --report-dir "$out/run-during-hold" | tail -3
echo "after the run, still holding: $(memory)"
wait $ramp; grep -E "held|hold 10000" "$out/hold.txt" | head -3
echo "end: $(memory)"
