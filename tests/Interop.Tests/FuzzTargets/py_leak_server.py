#!/usr/bin/env python3
"""Deliberately faulty WebSocket echo server (fuzz target, python asyncio, stdlib only).

FAULT (style: growing memory, never crashes):
  A ping frame whose bytes arrive split across two or more TCP reads (the frame
  was incomplete at the end of one read and completed by a later read on the
  same connection).  Each time that happens, 8 MiB of non-zero bytes (really
  resident pages) are appended to the module-level list LEAKED, never cleared.
  A ping that arrives whole in one read is answered normally and costs nothing.

Everything else is a correct RFC 6455 echo server (no extensions, no subprotocols);
that shared, fault-free protocol code lives in fuzz_target_ws.py next to this file.
Usage: python3 py_leak_server.py [PORT]   (else $WSCONFORM_PORT)
"""
import asyncio
import sys

sys.dont_write_bytecode = True  # no __pycache__ next to the fuzz targets
import fuzz_target_ws as ws  # noqa: E402  (this file's folder is sys.path[0])

LEAKED = []  # THE DELIBERATE FAULT: grows by 8 MiB per split ping, never cleared


class LeakConnection(ws.Connection):
    """The shared echo logic plus the per-read bookkeeping that holds the fault."""

    def __init__(self):
        super().__init__()
        self.reads = 0              # number of reads fed so far
        self.frame_first_read = 0   # read that delivered the first byte of the pending frame

    def feed(self, data):
        """Consume the bytes of one read; return the frames to send."""
        self.reads += 1
        if not self.buf:
            self.frame_first_read = self.reads
        return super().feed(data)

    def frame_received(self, fin, opcode, payload):
        split = self.frame_first_read < self.reads
        # Bytes left over after a completed frame all came with the current read.
        self.frame_first_read = self.reads
        if opcode == ws.OP_PING and split:
            self._remember_ping()

    def _remember_ping(self):
        # THE DELIBERATE FAULT: 8 MiB of resident memory per split ping.
        LEAKED.append(bytearray(b"\x01") * (8 << 20))


# ------------------------------------------------------------------ network --

async def handle(reader, writer):
    try:
        await ws.echo_session(reader, writer, LeakConnection)
    except (OSError, asyncio.IncompleteReadError, asyncio.TimeoutError):
        pass
    finally:
        writer.close()


async def main(port):
    server = await asyncio.start_server(handle, "127.0.0.1", port,
                                        reuse_address=True, backlog=512)
    print("listening on %d" % port, flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main(ws.get_port("py_leak_server.py")))
