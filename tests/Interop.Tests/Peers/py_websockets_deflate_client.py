#!/usr/bin/python3
"""Interop client on Debian's python3-websockets (10.x) with permessage-deflate.

Usage: /usr/bin/python3 py_websockets_deflate_client.py ws://127.0.0.1:PORT/ '{"server_no_context_takeover": true}'

The JSON holds the keyword arguments of ClientPerMessageDeflateFactory. Runs the deflate exchange (the same list as
deflate_exchange.js): every message is sent compressed and must come back byte for byte. Exit 0 and a one-line JSON
summary (with the negotiated Sec-WebSocket-Extensions) on success; exit 1 and the reason on stderr otherwise.
"""

import asyncio
import hashlib
import json
import sys

import websockets
from websockets.extensions.permessage_deflate import ClientPerMessageDeflateFactory

OVERALL_TIMEOUT = 60.0
STEP_TIMEOUT = 30.0
TEXT = "Hello, wsconform \u2713"


class ExchangeError(Exception):
    pass


def json_text(size):
    records = []
    length = 2
    i = 0
    while length < size:
        record = '{"id":%d,"name":"user-%d","active":%s,"score":%d,"tags":["ws","deflate"]}' % (
            i, i, "true" if i % 2 == 0 else "false", (i * 37) % 1000)
        records.append(record)
        length += len(record) + 1
        i += 1
    return "[" + ",".join(records) + "]"


def pattern(length):
    return bytes((((i * 31) % 251) ^ ((i >> 12) & 0xFF)) for i in range(length))


def messages():
    small = bytes(range(256))
    json64k = json_text(64 * 1024)
    json1m = json_text(1024 * 1024)
    large = pattern(1024 * 1024)
    return [TEXT, TEXT, TEXT, json64k, json64k, small, small, large, large, json1m, "", b"", TEXT]


async def exchange(url, options):
    async with websockets.connect(
        url,
        max_size=64 * 1024 * 1024,
        compression=None,
        extensions=[ClientPerMessageDeflateFactory(**options)],
        ping_interval=None,
        open_timeout=STEP_TIMEOUT,
        close_timeout=10,
    ) as websocket:
        extensions = websocket.response_headers.get("Sec-WebSocket-Extensions", "")
        if not extensions.startswith("permessage-deflate"):
            raise ExchangeError(f"permessage-deflate was not negotiated (extensions: {extensions!r})")
        digest = hashlib.sha256()
        total = 0
        items = messages()
        for index, message in enumerate(items):
            await websocket.send(message)
            try:
                echo = await asyncio.wait_for(websocket.recv(), STEP_TIMEOUT)
            except asyncio.TimeoutError:
                raise ExchangeError(f"timed out waiting for the echo of message {index}") from None
            if type(echo) is not type(message) or echo != message:
                raise ExchangeError(f"message {index}: the echo differs ({type(echo).__name__} of {len(echo)})")
            data = message.encode() if isinstance(message, str) else message
            digest.update(data)
            total += len(data)
        await websocket.close(1000, "done")
        if websocket.close_code != 1000:
            raise ExchangeError(f"peer closed with {websocket.close_code}, expected 1000")
        return {
            "peer": "python-websockets-deflate-client",
            "websockets": websockets.__version__,
            "extensions": extensions,
            "messages": len(items),
            "bytes": total,
            "sha256": digest.hexdigest(),
        }


def main(argv):
    if len(argv) not in (1, 2):
        print("usage: py_websockets_deflate_client.py ws://host:port/ '{factory options}'", file=sys.stderr)
        return 2
    try:
        options = json.loads(argv[1]) if len(argv) == 2 else {}
        summary = asyncio.run(asyncio.wait_for(exchange(argv[0], options), OVERALL_TIMEOUT))
    except asyncio.TimeoutError:
        print(f"py_websockets_deflate_client: FAIL: overall timeout of {OVERALL_TIMEOUT} s exceeded", file=sys.stderr)
        return 1
    except (ExchangeError, OSError, ValueError, websockets.WebSocketException) as error:
        print(f"py_websockets_deflate_client: FAIL: {type(error).__name__}: {error}", file=sys.stderr)
        return 1
    print(json.dumps(summary), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
