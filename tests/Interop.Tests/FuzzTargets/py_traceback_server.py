#!/usr/bin/env python3
"""Deliberately faulty WebSocket echo server (fuzz target, python asyncio, stdlib only).

FAULT (style: uncaught exception -> Python traceback on stderr, exit code 1):
  Within one connection, a data message fragmented into 3 or more frames (a data
  frame with FIN clear followed by at least two continuation frames) with at least
  one ping frame received between two of its fragments.  When the final fragment
  of such a message arrives, FragmentStateError is raised a few calls deep in the
  frame handler; the connection handler hands it to the main coroutine, which
  re-raises it, so the interpreter prints the traceback and exits with status 1.

Everything else is a correct RFC 6455 echo server (no extensions, no subprotocols);
that shared, fault-free protocol code lives in fuzz_target_ws.py next to this file.
Usage: python3 py_traceback_server.py [PORT]   (else $WSCONFORM_PORT)
"""
import asyncio
import sys

sys.dont_write_bytecode = True  # no __pycache__ next to the fuzz targets
import fuzz_target_ws as ws  # noqa: E402  (this file's folder is sys.path[0])


class FragmentStateError(Exception):
    """The deliberate fault."""


class TracebackConnection(ws.Connection):
    """The shared echo logic plus the fragment/ping bookkeeping that holds the fault."""

    def __init__(self):
        super().__init__()
        self.msg_fragments = 0
        self.ping_inside_msg = False

    def frame_received(self, fin, opcode, payload):
        if opcode == ws.OP_PING:
            if self.msg_opcode:
                self.ping_inside_msg = True
        elif opcode < 0x8:
            self.msg_fragments += 1  # a data frame: the first fragment or a continuation

    def message_ending(self):
        # THE DELIBERATE FAULT: 3+ fragments with a ping between two of them.
        if self.msg_fragments >= 3 and self.ping_inside_msg:
            raise FragmentStateError("ping interleaved with a 3-fragment message")
        self.msg_fragments, self.ping_inside_msg = 0, False


# ------------------------------------------------------------------ network --

FATAL = None  # asyncio.Future completed with the fault's exception


async def handle(reader, writer):
    try:
        await ws.echo_session(reader, writer, TracebackConnection)
    except FragmentStateError as err:
        if not FATAL.done():
            FATAL.set_exception(err)
    except (OSError, asyncio.IncompleteReadError, asyncio.TimeoutError):
        pass
    finally:
        writer.close()


async def main(port):
    global FATAL
    FATAL = asyncio.get_running_loop().create_future()
    server = await asyncio.start_server(handle, "127.0.0.1", port,
                                        reuse_address=True, backlog=512)
    print("listening on %d" % port, flush=True)
    async with server:
        await FATAL  # re-raises the fault: traceback + exit code 1


if __name__ == "__main__":
    asyncio.run(main(ws.get_port("py_traceback_server.py")))
