"""Shared, fault-free RFC 6455 code for the Python fuzz targets (stdlib only).

py_traceback_server.py, py_leak_server.py and py_stuck_server.py import this module;
it is not a server itself.  It holds everything the three have in common and that is
correct: the opening handshake, the incremental frame parser and echo logic, the
UTF-8 and close-code checks, and the asyncio connection loop used by the two asyncio
servers.  Each server keeps its own deliberate fault in its own file, as a subclass
of Connection that uses the two hooks frame_received() and message_ending().
"""
import asyncio
import base64
import hashlib
import os
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


class OpeningHandshake:
    """Incremental (sans-IO) reader of the request head (RFC 6455 4.2.1).

    Feed it each read until feed() returns True; then send `reply`.  If `accepted`
    is false the server sends FIN and lingers; otherwise `rest` holds the bytes that
    followed the head in the same read, which are already frame bytes.
    """

    def __init__(self):
        self.head = bytearray()
        self.reply = None      # 101, 400 or 431 answer, once decided
        self.accepted = False  # reply is 101 Switching Protocols
        self.rest = b""        # bytes after the head

    def feed(self, data):
        start = max(0, len(self.head) - 3)
        self.head += data
        end = self.head.find(b"\r\n\r\n", start)
        if (end < 0 and len(self.head) > MAX_HEAD) or end + 4 > MAX_HEAD:
            self.reply = HEAD_TOO_LARGE
            return True
        if end < 0:
            return False
        self.reply = handshake_response(bytes(self.head[:end]))
        self.accepted = self.reply.startswith(b"HTTP/1.1 101")
        self.rest = bytes(self.head[end + 4:])
        return True


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
    """Incremental (sans-IO) frame parser and echo logic for one connection.

    A server puts its fault in a subclass through two hooks, which do nothing here:
    frame_received() sees every complete, valid-header frame before it is handled,
    and message_ending() runs when the final fragment of a data message has arrived,
    while msg_opcode still names the message.
    """

    def __init__(self):
        self.buf = bytearray()
        self.msg_opcode = 0          # opcode of the open fragmented message, 0 = none
        self.msg = bytearray()
        self.out = []
        self.closing = False

    def frame_received(self, fin, opcode, payload):
        """Hook: a whole frame was parsed (control or data), before it is handled."""

    def message_ending(self):
        """Hook: the final fragment of a data message arrived, before it is echoed."""

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
        self.frame_received(fin, opcode, payload)
        self._on_frame(fin, opcode, payload)
        return True

    def _on_frame(self, fin, opcode, payload):
        if opcode == OP_PING:
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
        self.msg += payload
        if fin:
            self._finish_message()

    def _finish_message(self):
        self.message_ending()
        opcode, data = self.msg_opcode, bytes(self.msg)
        self.msg_opcode, self.msg = 0, bytearray()
        if opcode == OP_TEXT:
            try:
                data.decode("utf-8")
            except UnicodeDecodeError:
                raise ProtocolError(1007, "invalid UTF-8") from None  # RFC 6455 8.1
        self.out.append(build_frame(opcode, data))

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


# ------------------------------------------------------- asyncio networking --

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


async def echo_session(reader, writer, make_connection):
    """Handshake, then echo until close or EOF.  Errors propagate; the caller closes."""
    handshake = OpeningHandshake()
    while True:
        data = await reader.read(READ_SIZE)
        if not data:
            return  # EOF: close at once
        if handshake.feed(data):
            break
    writer.write(handshake.reply)
    if not handshake.accepted:
        await linger_close(reader, writer)
        return
    conn = make_connection()
    data = handshake.rest  # bytes after the head are frame bytes
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


# -------------------------------------------------------------- command line --

def get_port(script):
    value = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("WSCONFORM_PORT", "")
    if not value.isdigit():
        sys.exit("usage: %s PORT (or set WSCONFORM_PORT)" % script)
    return int(value)
