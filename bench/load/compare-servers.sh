#!/usr/bin/env bash
# The load comparison of the README: the reference server (`wsconform serve`, its own process), Kestrel
# (app.UseWebSockets), npm ws and python3-websockets under the same echo load and the same 10,000-connection ramp,
# then wsconform's load client against npm ws's doing the same echo loop. Every server is bound to 127.0.0.1.
# Usage: bench/load/compare-servers.sh [REPORT_DIR]        (needs: dotnet, node with tests/Interop.Tests/Peers
# npm-installed, /usr/bin/python3 with websockets; about 4 minutes)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="${1:-$root/reports/bench-compare}"
duration="${DURATION:-10s}"
peers="$root/tests/Interop.Tests/Peers"
mkdir -p "$out"
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

dotnet build "$root/harness" -c Release -v q -nologo >/dev/null
dotnet build "$root/tests/KestrelEchoServer" -c Release -v q -nologo >/dev/null
wsconform=(dotnet "$root/harness/bin/Release/net10.0/wsconform.dll")

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_port() { for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.1; done; echo "port $1 never opened" >&2; exit 1; }

ref=$(free_port); "${wsconform[@]}" serve --listen "ws://127.0.0.1:$ref/" --log-level Warning >/dev/null & pids+=($!)
kes=$(free_port); dotnet "$root/tests/KestrelEchoServer/bin/Release/net10.0/Conformance.KestrelEchoServer.dll" "$kes" >/dev/null & pids+=($!)
nws=$(free_port); node "$peers/node_ws_server.js" "$nws" >/dev/null & pids+=($!)
pyw=$(free_port); /usr/bin/python3 "$peers/py_websockets_server.py" "$pyw" >/dev/null 2>&1 & pids+=($!)
for port in "$ref" "$kes" "$nws" "$pyw"; do wait_port "$port"; done

targets=(--target "reference=ws://127.0.0.1:$ref/" --compare "kestrel=ws://127.0.0.1:$kes/" --compare "ws=ws://127.0.0.1:$nws/" --compare "websockets=ws://127.0.0.1:$pyw/"
         --pid "reference=${pids[0]}" --pid "kestrel=${pids[1]}" --pid "ws=${pids[2]}" --pid "websockets=${pids[3]}")
"${wsconform[@]}" bench "${targets[@]}" --connections 1,64 --size 32,64KiB --duration "$duration" --warmup 2s --report-dir "$out/echo" | tee "$out/echo.txt"
"${wsconform[@]}" bench "${targets[@]}" --hold 10000 --handshake-rate 2000 --hold-for 5s --report-dir "$out/hold" | tee "$out/hold.txt"

# The load clients side by side against the same server (the fastest here: the reference server): 64 connections
# of 32-byte echoes, closed loop.
fastest="${FASTEST:-ws://127.0.0.1:$ref/}"
"${wsconform[@]}" bench --target "$fastest" --connections 64 --size 32 --duration "$duration" --warmup 2s --report-dir "$out/client-wsconform" | tee "$out/client-wsconform.txt"
node "$peers/node_ws_bench_client.js" "$fastest" --connections 64 --size 32 --duration "${duration%s}" --warmup 2 | tee "$out/client-node-ws.json"
