#!/usr/bin/python3
"""Interop client built on Debian's python3-websockets (10.x legacy asyncio API).

Usage: /usr/bin/python3 py_websockets_client.py ws://127.0.0.1:PORT/ [--deflate]

Runs the scripted exchange against an echo server. Exit 0 and a one-line JSON summary on
stdout on success; exit 1 and the reason on stderr otherwise.
"""

import asyncio
import hashlib
import json
import sys
import time

import websockets

OVERALL_TIMEOUT = 60.0
STEP_TIMEOUT = 30.0
CLOSE_TIMEOUT = 10.0
MAX_SIZE = 128 * 1024 * 1024
LARGE_SIZE = 16 * 1024 * 1024
TEXT = "Hello, wsconform \u2713"
FRAGMENTS = ["frag-1 ", "frag-2 ", "frag-3"]
PING_PAYLOAD = b"ping-payload"


class ExchangeError(Exception):
    pass


def pattern(length):
    return bytes((i * 31) % 251 for i in range(251)) * (length // 251) + bytes((i * 31) % 251 for i in range(length % 251))


def describe(message):
    kind = "text" if isinstance(message, str) else "binary"
    return f"{kind} message of {len(message)} {'chars' if kind == 'text' else 'bytes'}"


async def receive(websocket, what, kind):
    try:
        message = await asyncio.wait_for(websocket.recv(), STEP_TIMEOUT)
    except asyncio.TimeoutError:
        raise ExchangeError(f"timed out waiting for {what}") from None
    except websockets.ConnectionClosed as closed:
        raise ExchangeError(f"connection closed while waiting for {what}: {closed}") from None
    if not isinstance(message, kind):
        raise ExchangeError(f"expected {what}, got {describe(message)}")
    return message


async def exchange(url, deflate):
    async with websockets.connect(
        url,
        max_size=MAX_SIZE,
        compression="deflate" if deflate else None,
        ping_interval=None,  # no unsolicited keepalive pings: the script sends its own
        open_timeout=STEP_TIMEOUT,
        close_timeout=CLOSE_TIMEOUT,
    ) as websocket:
        # 1. Text.
        await websocket.send(TEXT)
        text = await receive(websocket, "the text echo", str)
        if text != TEXT:
            raise ExchangeError(f"text echo differs: {text!r}")

        # 2. Binary 0..255.
        data = bytes(range(256))
        await websocket.send(data)
        echoed = await receive(websocket, "the binary echo", bytes)
        if echoed != data:
            raise ExchangeError(f"binary echo differs ({len(echoed)} bytes)")

        # 3. Fragmented text: an iterable of str is sent as one text frame then continuations.
        await websocket.send(iter(FRAGMENTS))
        whole = await receive(websocket, "the fragmented text echo", str)
        if whole != "".join(FRAGMENTS):
            raise ExchangeError(f"fragmented echo differs: {whole!r}")

        # 4. 16 MiB binary.
        large = pattern(LARGE_SIZE)
        digest = hashlib.sha256(large).hexdigest()
        await websocket.send(large)
        large_echo = await receive(websocket, "the 16 MiB echo", bytes)
        if len(large_echo) != LARGE_SIZE:
            raise ExchangeError(f"16 MiB echo has {len(large_echo)} bytes")
        if hashlib.sha256(large_echo).hexdigest() != digest:
            raise ExchangeError("16 MiB echo differs (SHA-256)")

        # 5. Ping: the waiter completes only on a pong that carries this very payload.
        pong_waiter = await websocket.ping(PING_PAYLOAD)
        try:
            await asyncio.wait_for(pong_waiter, STEP_TIMEOUT)
        except asyncio.TimeoutError:
            raise ExchangeError("timed out waiting for a pong with payload 'ping-payload'") from None

        # 6. Close 1000 "done": close() returns after the close handshake and the TCP close; when the
        # peer does not close TCP in time, websockets aborts the connection after close_timeout.
        started = time.monotonic()
        await websocket.close(1000, "done")
        if time.monotonic() - started >= CLOSE_TIMEOUT - 0.5:
            raise ExchangeError(f"the close handshake did not complete within {CLOSE_TIMEOUT:.0f} s (no TCP close from the peer)")
        if websocket.close_code != 1000:
            raise ExchangeError(
                f"peer closed with code {websocket.close_code} (reason {websocket.close_reason!r}), expected 1000"
            )

        return {
            "peer": "python-websockets-client",
            "websockets": websockets.__version__,
            "text": True,
            "binary": 256,
            "fragmented": len(FRAGMENTS),
            "large": LARGE_SIZE,
            "largeSha256": digest,
            "pong": PING_PAYLOAD.decode(),
            "closeCode": websocket.close_code,
            "closeReason": websocket.close_reason,
        }


def main(argv):
    args = [a for a in argv if a != "--deflate"]
    if len(args) != 1:
        print("usage: /usr/bin/python3 py_websockets_client.py ws://host:port/ [--deflate]", file=sys.stderr)
        return 2
    try:
        summary = asyncio.run(asyncio.wait_for(exchange(args[0], "--deflate" in argv), OVERALL_TIMEOUT))
    except asyncio.TimeoutError:
        print(f"py_websockets_client: FAIL: overall timeout of {OVERALL_TIMEOUT} s exceeded", file=sys.stderr)
        return 1
    except ExchangeError as error:
        print(f"py_websockets_client: FAIL: {error}", file=sys.stderr)
        return 1
    except (OSError, websockets.WebSocketException) as error:
        print(f"py_websockets_client: FAIL: {type(error).__name__}: {error}", file=sys.stderr)
        return 1
    print(json.dumps(summary), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
