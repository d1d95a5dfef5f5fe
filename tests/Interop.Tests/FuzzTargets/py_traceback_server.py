#!/usr/bin/env python3
"""Deliberately faulty WebSocket echo server (fuzz target, python asyncio, stdlib only).

FAULT (style: uncaught exception -> Python traceback on stderr, exit code 1):
  Within one connection, a data message fragmented into 3 or more frames (a data
  frame with FIN clear followed by at least two continuation frames) with at least
  one ping frame received between two of its fragments.  When the final fragment
  of such a message arrives, FragmentStateError is raised a few calls deep in the
  frame handler; the connection handler hands it to the main coroutine, which
  re-raises it, so the interpreter prints the traceback and exits with status 1.

Everything else is a correct RFC 6455 echo server (no extensions, no subprotocols).
Usage: python3 py_traceback_server.py [PORT]   (else $WSCONFORM_PORT)
"""
import asyncio
import base64
import hashlib
import os
import socket
import struct
import sys

GUID = b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
MAX_HEAD = 64 * 1024            # cap on the opening handshake head
MAX_MESSAGE = 16 * 1024 * 1024  # cap on a frame and on a reassembled message
READ_SIZE = 65536
LINGER_SECONDS = 1.0

OP_CONT, OP_TEXT, OP_BINARY, OP_CLOSE, OP_PING, OP_PONG = 0x0, 0x1, 0x2, 0x8, 0x9, 0xA
KNOWN_OPCODES = (OP_CONT, OP_TEXT, OP_BINARY, OP_CLOSE, OP_PING, OP_PONG)

BAD_REQUEST = (b"HTTP/1.1 400 Bad Request\r\nConnection: close\r\n"
               b"Sec-WebSocket-Version: 13\r\nContent-Length: 0\r\n\r\n")
HEAD_TOO_LARGE = (b"HTTP/1.1 431 Request Header Fields Too Large\r\n"
                  b"Connection: close\r\nContent-Length: 0\r\n\r\n")


class FragmentStateError(Exception):
    """The deliberate fault."""


class ProtocolError(Exception):
    def __init__(self, code, reason):
        super().__init__(reason)
        self.code = code


# ---------------------------------------------------------------- handshake --

def _tokens(values):
    out = set()
    for value in values or ():
        for token in value.split(","):
            token = token.strip(" \t").lower()
            if token:
                out.add(token)
    return out


def handshake_response(head):
    """Answer to a request head (without its final CRLFCRLF): 101 or 400 bytes."""
    lines = head.decode("latin-1").split("\r\n")
    # RFC 6455 4.2.1 item 1: an HTTP/1.1 (or higher) GET request.
    request = lines[0].split(" ")
    if len(request) != 3 or request[0] != "GET" or not request[1] or request[2] != "HTTP/1.1":
        return BAD_REQUEST
    fields = {}
    for line in lines[1:]:
        name, sep, value = line.partition(":")
        if not sep or not name or name != name.strip(" \t"):
            return BAD_REQUEST
        fields.setdefault(name.lower(), []).append(value.strip(" \t"))
    # RFC 6455 4.2.1 items 3 and 4: Upgrade: websocket, Connection: Upgrade.
    if "websocket" not in _tokens(fields.get("upgrade")):
        return BAD_REQUEST
    if "upgrade" not in _tokens(fields.get("connection")):
        return BAD_REQUEST
    # RFC 6455 4.2.1 item 5: exactly one key, base64 of 16 bytes.
    keys = fields.get("sec-websocket-key", [])
    if len(keys) != 1 or len(keys[0]) != 24:
        return BAD_REQUEST
    try:
        if len(base64.b64decode(keys[0], validate=True)) != 16:
            return BAD_REQUEST
    except ValueError:
        return BAD_REQUEST
    # RFC 6455 4.2.1 item 6 / 4.4: only version 13.
    if fields.get("sec-websocket-version") != ["13"]:
        return BAD_REQUEST
    # RFC 6455 4.2.2 item 5.4: accept = base64(SHA-1(key + GUID)).
    accept = base64.b64encode(hashlib.sha1(keys[0].encode("ascii") + GUID).digest())
    return (b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
            b"Connection: Upgrade\r\nSec-WebSocket-Accept: " + accept + b"\r\n\r\n")


# ------------------------------------------------------------------- frames --

def build_frame(opcode, payload):
    """RFC 6455 5.1/5.2: server frames are never masked; minimal length encoding."""
    n = len(payload)
    if n < 126:
        header = struct.pack("!BB", 0x80 | opcode, n)
    elif n < 65536:
        header = struct.pack("!BBH", 0x80 | opcode, 126, n)
    else:
        header = struct.pack("!BBQ", 0x80 | opcode, 127, n)
    return header + payload


def unmask(data, mask):
    """RFC 6455 5.3: payload[i] ^ mask[i % 4], done on big integers for speed."""
    n = len(data)
    if n == 0:
        return b""
    key = (mask * (n // 4 + 1))[:n]
    return (int.from_bytes(data, "little") ^ int.from_bytes(key, "little")).to_bytes(n, "little")


def valid_close_code(code):
    # RFC 6455 7.4.1 / 7.4.2: codes that may appear in a received close frame.
    return 1000 <= code <= 1003 or 1007 <= code <= 1014 or 3000 <= code <= 4999


class Connection:
    """Incremental (sans-IO) frame parser and echo logic for one connection."""

    def __init__(self):
        self.buf = bytearray()
        self.msg_opcode = 0          # opcode of the open fragmented message, 0 = none
        self.msg = bytearray()
        self.msg_fragments = 0
        self.ping_inside_msg = False
        self.out = []
        self.closing = False

    def feed(self, data):
        """Consume received bytes; return the frames to send."""
        self.buf += data
        try:
            while not self.closing and self._parse_one():
                pass
        except ProtocolError as err:
            self.out.append(build_frame(OP_CLOSE, struct.pack("!H", err.code)))
            self.closing = True
        out, self.out = self.out, []
        return out

    def _parse_one(self):
        buf = self.buf
        if len(buf) < 2:
            return False
        b0, b1 = buf[0], buf[1]
        fin, rsv, opcode = bool(b0 & 0x80), b0 & 0x70, b0 & 0x0F
        if rsv:
            raise ProtocolError(1002, "RSV bits set")  # RFC 6455 5.2: no extension negotiated
        if opcode not in KNOWN_OPCODES:
            raise ProtocolError(1002, "reserved opcode")  # RFC 6455 5.2
        if not b1 & 0x80:
            raise ProtocolError(1002, "unmasked client frame")  # RFC 6455 5.1
        length = b1 & 0x7F
        if opcode >= 0x8:
            # RFC 6455 5.5: control frames are not fragmented and carry at most 125 bytes.
            if not fin or length > 125:
                raise ProtocolError(1002, "bad control frame")
        elif opcode == OP_CONT:
            if not self.msg_opcode:
                raise ProtocolError(1002, "continuation without a message")  # RFC 6455 5.4
        elif self.msg_opcode:
            raise ProtocolError(1002, "new data frame inside a message")  # RFC 6455 5.4
        header = 2
        if length == 126:
            if len(buf) < 4:
                return False
            length, header = int.from_bytes(buf[2:4], "big"), 4
        elif length == 127:
            if len(buf) < 10:
                return False
            length, header = int.from_bytes(buf[2:10], "big"), 10
            if length >> 63:
                raise ProtocolError(1002, "64-bit length with MSB set")  # RFC 6455 5.2
        # Checked before any payload is buffered: an announced 2^63 never allocates.
        if length > MAX_MESSAGE or (opcode < 0x8 and len(self.msg) + length > MAX_MESSAGE):
            raise ProtocolError(1009, "message too big")  # RFC 6455 7.4.1
        total = header + 4 + length
        if len(buf) < total:
            return False
        payload = unmask(bytes(buf[header + 4:total]), bytes(buf[header:header + 4]))
        del buf[:total]
        self._on_frame(fin, opcode, payload)
        return True

    def _on_frame(self, fin, opcode, payload):
        if opcode == OP_PING:
            if self.msg_opcode:
                self.ping_inside_msg = True
            self.out.append(build_frame(OP_PONG, payload))  # RFC 6455 5.5.2
        elif opcode == OP_PONG:
            pass  # RFC 6455 5.5.3: an unsolicited pong needs no answer
        elif opcode == OP_CLOSE:
            self._on_close(payload)
        else:
            self._on_data(fin, opcode, payload)

    def _on_data(self, fin, opcode, payload):
        if opcode != OP_CONT:
            self.msg_opcode = opcode
        self.msg_fragments += 1
        self.msg += payload
        if fin:
            self._finish_message()

    def _finish_message(self):
        self._check_fragment_state()
        opcode, data = self.msg_opcode, bytes(self.msg)
        self.msg_opcode, self.msg = 0, bytearray()
        self.msg_fragments, self.ping_inside_msg = 0, False
        if opcode == OP_TEXT:
            try:
                data.decode("utf-8")
            except UnicodeDecodeError:
                raise ProtocolError(1007, "invalid UTF-8") from None  # RFC 6455 8.1
        self.out.append(build_frame(opcode, data))

    def _check_fragment_state(self):
        # THE DELIBERATE FAULT: 3+ fragments with a ping between two of them.
        if self.msg_fragments >= 3 and self.ping_inside_msg:
            raise FragmentStateError("ping interleaved with a 3-fragment message")

    def _on_close(self, payload):
        # RFC 6455 5.5.1 / 7.4: echo the status code (or nothing), then close.
        if len(payload) == 0:
            reply = b""
        elif len(payload) == 1:
            raise ProtocolError(1002, "1-byte close payload")
        else:
            code = struct.unpack("!H", payload[:2])[0]
            if not valid_close_code(code):
                raise ProtocolError(1002, "invalid close code")
            try:
                payload[2:].decode("utf-8")
            except UnicodeDecodeError:
                raise ProtocolError(1007, "invalid UTF-8 close reason") from None
            reply = payload[:2]
        self.out.append(build_frame(OP_CLOSE, reply))
        self.closing = True


# ------------------------------------------------------------------ network --

FATAL = None  # asyncio.Future completed with the fault's exception


async def linger_close(reader, writer):
    """Send FIN first (RFC 6455 7.1.1: the server closes TCP first), then drain briefly."""
    try:
        await writer.drain()
        if writer.can_write_eof():
            writer.write_eof()
        loop = asyncio.get_running_loop()
        deadline = loop.time() + LINGER_SECONDS
        while True:
            left = deadline - loop.time()
            if left <= 0:
                break
            if not await asyncio.wait_for(reader.read(READ_SIZE), left):
                break
    except (OSError, asyncio.TimeoutError):
        pass


async def handle(reader, writer):
    try:
        head = bytearray()
        while True:
            data = await reader.read(READ_SIZE)
            if not data:
                return  # EOF: close at once
            start = max(0, len(head) - 3)
            head += data
            end = head.find(b"\r\n\r\n", start)
            if (end < 0 and len(head) > MAX_HEAD) or end + 4 > MAX_HEAD:
                writer.write(HEAD_TOO_LARGE)
                await linger_close(reader, writer)
                return
            if end >= 0:
                break
        response = handshake_response(bytes(head[:end]))
        writer.write(response)
        if not response.startswith(b"HTTP/1.1 101"):
            await linger_close(reader, writer)
            return
        conn = Connection()
        data = bytes(head[end + 4:])  # bytes after the head are frame bytes
        while True:
            for frame in conn.feed(data):
                writer.write(frame)
            await writer.drain()
            if conn.closing:
                await linger_close(reader, writer)
                return
            data = await reader.read(READ_SIZE)
            if not data:
                return  # EOF from the client: forget the connection
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


def get_port():
    value = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("WSCONFORM_PORT", "")
    if not value.isdigit():
        sys.exit("usage: py_traceback_server.py PORT (or set WSCONFORM_PORT)")
    return int(value)


if __name__ == "__main__":
    asyncio.run(main(get_port()))
