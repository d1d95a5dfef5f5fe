#!/usr/bin/python3
"""Echo server built on Debian's python3-websockets (10.x legacy asyncio API), for the interop tests.

Usage: /usr/bin/python3 py_websockets_server.py [PORT] [--deflate] [--deflate-options JSON]   (0 or nothing = ephemeral port)

--deflate-options takes the keyword arguments of ServerPerMessageDeflateFactory as JSON (it turns permessage-deflate on).

Binds 127.0.0.1 only, prints exactly one line ``LISTENING <port>`` when ready, echoes text as
text and binary as binary, unchanged. websockets answers pings itself. Exits on SIGTERM.
"""

import asyncio
import json
import signal
import sys

import websockets
from websockets.extensions.permessage_deflate import ServerPerMessageDeflateFactory

MAX_SIZE = 128 * 1024 * 1024


async def echo(websocket, *_path):
    # websockets 10.x passes (websocket, path) or just (websocket); accept both.
    try:
        async for message in websocket:
            await websocket.send(message)
    except websockets.ConnectionClosedError as error:
        print(f"py_websockets_server: connection closed with error: {error}", file=sys.stderr, flush=True)


async def main(port, deflate, deflate_options):
    loop = asyncio.get_running_loop()
    stop = loop.create_future()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, lambda: stop.done() or stop.set_result(None))

    async with websockets.serve(
        echo,
        host="127.0.0.1",
        port=port,
        max_size=MAX_SIZE,
        max_queue=4,
        compression="deflate" if deflate and deflate_options is None else None,
        extensions=None if deflate_options is None else [ServerPerMessageDeflateFactory(**deflate_options)],
        ping_interval=None,  # no unsolicited keepalive pings: the tests script every frame
        close_timeout=5,
    ) as server:
        bound = server.sockets[0].getsockname()[1]
        print(f"LISTENING {bound}", flush=True)
        await stop
    print("py_websockets_server: stopped", file=sys.stderr, flush=True)


def parse_args(argv):
    port = 0
    deflate = False
    deflate_options = None
    args = iter(argv)
    for arg in args:
        if arg == "--deflate":
            deflate = True
        elif arg == "--deflate-options":
            try:
                deflate_options = json.loads(next(args, ""))
            except ValueError as error:
                print(f"py_websockets_server: --deflate-options is not JSON: {error}", file=sys.stderr)
                sys.exit(2)
            deflate = True
        elif arg.isdigit() and int(arg) <= 65535:
            port = int(arg)
        else:
            print(f"py_websockets_server: invalid argument {arg!r}", file=sys.stderr)
            sys.exit(2)
    return port, deflate, deflate_options


if __name__ == "__main__":
    asyncio.run(main(*parse_args(sys.argv[1:])))
