#!/usr/bin/python3
"""Autobahn fuzzingserver driver for Debian's python3-websockets (10.x legacy asyncio API).

Usage: /usr/bin/python3 py_websockets_fuzzingclient.py BASE_URL AGENT [--no-deflate] [--case-timeout S]

BASE_URL is the fuzzing server, e.g. ws://127.0.0.1:9001 (a trailing slash is fine).
Runs the fuzzingserver control protocol: /getCaseCount, then /runCase?case=i&agent=AGENT for
i = 1..N echoing every message back with the same type, then /updateReports?agent=AGENT.

Stdout: one line per case, "case i/N: done" (the server closed with 1000/1001) or
"case i/N: <ExceptionType>: <message>", then "DONE N".
Exit 0 when the protocol ran to the end (even if cases failed), 2 when the case count could
not be read, 1 when /updateReports failed or on bad usage.
"""

import argparse
import asyncio
import sys
import urllib.parse

import websockets
import websockets.exceptions

CONTROL_TIMEOUT = 30.0  # for /getCaseCount and /updateReports
MAX_SIZE = 2**25  # 32 MiB: larger than any Autobahn case (9.x tops out at 16 MiB)


def connect(uri, deflate):
    return websockets.connect(
        uri,
        max_size=MAX_SIZE,
        compression="deflate" if deflate else None,
        # No unsolicited keepalive pings: they would show up in the case's wire log.
        ping_interval=None,
    )


async def read_case_count(base, deflate):
    async with connect(f"{base}/getCaseCount", deflate) as ws:
        message = await ws.recv()
    return int(message)


async def run_case(uri, deflate):
    async with connect(uri, deflate) as ws:
        # The loop ends quietly on a 1000/1001 close; any other close raises ConnectionClosedError.
        async for message in ws:
            await ws.send(message)  # str goes back as text, bytes as binary


async def update_reports(base, agent, deflate):
    async with connect(f"{base}/updateReports?agent={agent}", deflate) as ws:
        async for _ in ws:  # wait for the server to close once the reports are written
            pass


async def main(args):
    base = args.base_url.rstrip("/")
    agent = urllib.parse.quote(args.agent, safe="")
    deflate = not args.no_deflate

    try:
        count = await asyncio.wait_for(read_case_count(base, deflate), CONTROL_TIMEOUT)
    except (websockets.exceptions.WebSocketException, OSError, asyncio.TimeoutError, ValueError) as exc:
        print(f"getCaseCount: {type(exc).__name__}: {exc}", flush=True)
        return 2

    for case in range(1, count + 1):
        uri = f"{base}/runCase?case={case}&agent={agent}"
        try:
            await asyncio.wait_for(run_case(uri, deflate), args.case_timeout)
            outcome = "done"
        except asyncio.TimeoutError:
            outcome = f"TimeoutError: no close within {args.case_timeout:g} s"
        except (websockets.exceptions.WebSocketException, OSError) as exc:
            # WebSocketException covers InvalidHandshake (broken handshakes), ProtocolError,
            # PayloadTooBig and ConnectionClosed (broken frames, bad closes).
            outcome = f"{type(exc).__name__}: {exc}"
        except Exception as exc:  # anything else is a library surprise: note it, go on
            outcome = f"unexpected {type(exc).__name__}: {exc}"
        print(f"case {case}/{count}: {outcome}", flush=True)

    try:
        await asyncio.wait_for(update_reports(base, agent, deflate), CONTROL_TIMEOUT)
    except (websockets.exceptions.WebSocketException, OSError, asyncio.TimeoutError) as exc:
        print(f"updateReports: {type(exc).__name__}: {exc}", flush=True)
        return 1

    print(f"DONE {count}", flush=True)
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="Autobahn fuzzingserver driver for python3-websockets")
    parser.add_argument("base_url")
    parser.add_argument("agent")
    parser.add_argument("--no-deflate", action="store_true", help="do not offer permessage-deflate")
    parser.add_argument("--case-timeout", type=float, default=60.0, metavar="S", help="seconds per case (default 60)")
    try:
        arguments = parser.parse_args()
    except SystemExit as exc:  # argparse exits 2 on bad usage; 2 is reserved for getCaseCount
        sys.exit(1 if exc.code else 0)
    sys.exit(asyncio.run(main(arguments)))
