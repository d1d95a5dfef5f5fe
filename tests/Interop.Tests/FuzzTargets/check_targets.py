#!/usr/bin/env python3
"""Checks the six deliberately faulty WebSocket echo servers in this folder.

For each server: (a) a normal exchange works and the server stays healthy, (b) near-miss
inputs do not trigger its fault, (random) ~2000 random-garbage / random-frame connections
leave it healthy, and (c) on a fresh instance, its trigger produces exactly its fault.
One PASS/FAIL line per check; exit status 1 if anything failed.

Usage: python3 check_targets.py [--fuzz N] [--seed S] [server-name ...]
       (server names: traceback, blocked, segv, leak, exit, stuck; default: all)
Needs python3, node, perl and gcc on PATH.  Stdlib only; raw sockets; 127.0.0.1 only.
"""
import argparse
import base64
import concurrent.futures
import hashlib
import os
import random
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
GUID = b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
OP_CONT, OP_TEXT, OP_BINARY, OP_CLOSE, OP_PING, OP_PONG = 0x0, 0x1, 0x2, 0x8, 0x9, 0xA
RSV1, RSV2, RSV3 = 0x40, 0x20, 0x10


class CheckFailed(Exception):
    pass


def expect(cond, what):
    if not cond:
        raise CheckFailed(what)


# ---------------------------------------------------------------------- servers --

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """One server process; killed by stop() (always called from a finally block)."""

    def __init__(self, argv):
        self.port = free_port()
        self.proc = subprocess.Popen(argv + [str(self.port)], stdin=subprocess.DEVNULL,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=HERE)
        self.stdout, self.stderr = [], []
        ready = threading.Event()

        def pump(stream, sink, is_stdout):
            for line in iter(stream.readline, b""):
                sink.append(line.decode("utf-8", "replace"))
                if is_stdout and line.startswith(b"listening on"):
                    ready.set()
            stream.close()

        for stream, sink, flag in ((self.proc.stdout, self.stdout, True),
                                   (self.proc.stderr, self.stderr, False)):
            threading.Thread(target=pump, args=(stream, sink, flag), daemon=True).start()
        if not ready.wait(15):
            self.stop()
            raise CheckFailed("server did not print 'listening on PORT' (stderr: %r)"
                              % "".join(self.stderr)[-500:])
        expect(self.stdout[0].strip() == "listening on %d" % self.port,
               "bad banner %r" % self.stdout[0])

    @property
    def pid(self):
        return self.proc.pid

    def alive(self):
        return self.proc.poll() is None

    def wait_exit(self, timeout):
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            return None

    def stderr_text(self):
        time.sleep(0.2)  # let the pump thread collect the last lines
        return "".join(self.stderr)

    def rss_kb(self):
        with open("/proc/%d/status" % self.pid) as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        raise CheckFailed("no VmRSS")

    def stop(self):
        if self.proc.poll() is None:
            self.proc.kill()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            pass


# ----------------------------------------------------------------------- client --

def xor_mask(data, key):
    n = len(data)
    if n == 0:
        return b""
    k = (key * (n // 4 + 1))[:n]
    return (int.from_bytes(data, "little") ^ int.from_bytes(k, "little")).to_bytes(n, "little")


def frame(opcode, payload=b"", fin=True, rsv=0, mask=True, length=None):
    """A client frame (masked unless mask=False); `length` may lie about the payload."""
    b0 = (0x80 if fin else 0) | rsv | opcode
    n = len(payload) if length is None else length
    m = 0x80 if mask else 0
    if n < 126:
        head = bytes([b0, m | n])
    elif n < 65536:
        head = bytes([b0, m | 126]) + struct.pack("!H", n)
    else:
        head = bytes([b0, m | 127]) + struct.pack("!Q", n)
    if not mask:
        return head + payload
    key = os.urandom(4)
    return head + key + xor_mask(payload, key)


def close_payload(code, reason=b""):
    return struct.pack("!H", code) + reason


def request_head(port, key, extra_lines=(), before_key=(), version="13"):
    lines = ["GET /echo HTTP/1.1", "Host: 127.0.0.1:%d" % port, "Upgrade: websocket",
             "Connection: keep-alive, Upgrade"]
    lines += list(before_key)
    lines.append("Sec-WebSocket-Key: " + key)
    lines.append("Sec-WebSocket-Version: " + version)
    lines += list(extra_lines)
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def new_key():
    return base64.b64encode(os.urandom(16)).decode()


def accept_for(key):
    return base64.b64encode(hashlib.sha1(key.encode() + GUID).digest()).decode()


class Client:
    def __init__(self, port, timeout=3.0):
        self.port = port
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.buf = bytearray()

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def send(self, data, pieces=None, delay=0.04):
        """Send `data`; `pieces` = list of piece sizes (the rest goes last) or an int size."""
        if pieces is None:
            self.sock.sendall(data)
            return
        sizes = [pieces] * ((len(data) + pieces - 1) // pieces) if isinstance(pieces, int) else pieces
        pos = 0
        for size in sizes:
            if pos >= len(data):
                break
            self.sock.sendall(data[pos:pos + size])
            pos += size
            time.sleep(delay)
        if pos < len(data):
            self.sock.sendall(data[pos:])

    def _fill(self, timeout):
        self.sock.settimeout(timeout)
        data = self.sock.recv(65536)
        if not data:
            raise EOFError("server closed the connection")
        self.buf += data

    def read_head(self, timeout=3.0):
        deadline = time.monotonic() + timeout
        while b"\r\n\r\n" not in self.buf:
            left = deadline - time.monotonic()
            if left <= 0:
                raise socket.timeout("no response head")
            self._fill(left)
        end = self.buf.index(b"\r\n\r\n")
        head = bytes(self.buf[:end]).decode("latin-1")
        del self.buf[:end + 4]
        lines = head.split("\r\n")
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        return lines[0], headers

    def handshake(self, key=None, head=None, pieces=None, after=b""):
        key = key or new_key()
        self.send((head or request_head(self.port, key)) + after, pieces)
        status, headers = self.read_head()
        expect(status.startswith("HTTP/1.1 101"), "handshake answered %r" % status)
        expect(headers.get("sec-websocket-accept") == accept_for(key), "bad Sec-WebSocket-Accept")
        expect(headers.get("upgrade", "").lower() == "websocket", "bad Upgrade header")
        expect("upgrade" in headers.get("connection", "").lower(), "bad Connection header")
        return self

    def status_of(self, head, timeout=3.0):
        self.send(head)
        return self.read_head(timeout)[0]

    def recv_frame(self, timeout=3.0):
        deadline = time.monotonic() + timeout
        while True:
            buf = self.buf
            if len(buf) >= 2:
                b0, b1 = buf[0], buf[1]
                expect(not b1 & 0x80, "server frame is masked")
                expect(not b0 & 0x70, "server frame has RSV bits")
                n, h = b1 & 0x7F, 2
                if n == 126 and len(buf) >= 4:
                    n, h = struct.unpack("!H", buf[2:4])[0], 4
                elif n == 127 and len(buf) >= 10:
                    n, h = struct.unpack("!Q", buf[2:10])[0], 10
                if (b1 & 0x7F) < 126 or h > 2:
                    if len(buf) >= h + n:
                        payload = bytes(buf[h:h + n])
                        del buf[:h + n]
                        return bool(b0 & 0x80), b0 & 0x0F, payload
            left = deadline - time.monotonic()
            if left <= 0:
                raise socket.timeout("no frame from the server")
            self._fill(left)

    def expect_frame(self, opcode, payload, timeout=3.0):
        fin, op, data = self.recv_frame(timeout)
        expect(fin and op == opcode and data == payload,
               "expected opcode %d %r..., got fin=%s opcode %d %r..."
               % (opcode, payload[:40], fin, op, data[:40]))

    def expect_close(self, code, timeout=3.0):
        """Expect a close frame with `code` (None = empty payload), then EOF."""
        fin, op, data = self.recv_frame(timeout)
        expect(op == OP_CLOSE, "expected a close frame, got opcode %d %r" % (op, data[:40]))
        if code is None:
            expect(data == b"", "expected an empty close payload, got %r" % data)
        else:
            expect(data[:2] == struct.pack("!H", code),
                   "expected close %d, got %r" % (code, data[:40]))
        expect(self.closed_within(timeout), "no TCP close after the close frame")

    def closed_within(self, timeout):
        """True if the server closes (EOF or reset) within `timeout`; data is discarded."""
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            try:
                self.sock.settimeout(left)
                if not self.sock.recv(65536):
                    return True
            except socket.timeout:
                return False
            except OSError:
                return True  # reset counts as closed

    def half_close(self):
        self.sock.shutdown(socket.SHUT_WR)


# ------------------------------------------------------------- shared scenarios --

def echo_ok(port, timeout=3.0):
    """A fresh connection: handshake, text echo, ping/pong, clean close."""
    with Client(port, timeout) as c:
        c.handshake()
        c.send(frame(OP_TEXT, b"health"))
        c.expect_frame(OP_TEXT, b"health")
        c.send(frame(OP_PING, b"hp"))
        c.expect_frame(OP_PONG, b"hp")
        c.send(frame(OP_CLOSE, close_payload(1000)))
        c.expect_close(1000)


def normal_exchange(srv):
    port = srv.port
    with Client(port) as c:
        c.handshake(pieces=[10, 30])                      # head in several TCP writes
        c.send(frame(OP_TEXT, b"hello"))
        c.expect_frame(OP_TEXT, b"hello")
        c.send(frame(OP_BINARY, bytes(range(256))))
        c.expect_frame(OP_BINARY, bytes(range(256)))
        c.send(frame(OP_PING, b"ping!"))
        c.expect_frame(OP_PONG, b"ping!")
        c.send(frame(OP_PING))
        c.expect_frame(OP_PONG, b"")
        text = "h\u00e9llo w\u00f6rld \u2603 \U0001F600".encode()
        c.send(frame(OP_TEXT, text), pieces=1, delay=0.002)  # one byte per write
        c.expect_frame(OP_TEXT, text)
        c.send(frame(OP_BINARY, b""))
        c.expect_frame(OP_BINARY, b"")
        mid = os.urandom(300)
        c.send(frame(OP_BINARY, mid))                     # 16-bit length
        c.expect_frame(OP_BINARY, mid)
        big = os.urandom(70000)
        c.send(frame(OP_BINARY, big), pieces=[5000, 20000])  # 64-bit length
        c.expect_frame(OP_BINARY, big)
        # RFC 6455 5.4: fragmented message, with a ping between its two fragments.
        c.send(frame(OP_TEXT, b"frag", fin=False))
        c.send(frame(OP_PING, b"inside"))
        c.expect_frame(OP_PONG, b"inside")
        c.send(frame(OP_CONT, b"mented", fin=True))
        c.expect_frame(OP_TEXT, b"fragmented")
        c.send(frame(OP_PONG, b"x"))                      # unsolicited pong: ignored
        c.send(frame(OP_TEXT, b"after pong"))
        c.expect_frame(OP_TEXT, b"after pong")
        c.send(frame(OP_CLOSE, close_payload(1000, b"bye")))
        c.expect_close(1000)
    with Client(port) as c:                               # frame bytes in the head's segment
        c.handshake(after=frame(OP_TEXT, b"early"))
        c.expect_frame(OP_TEXT, b"early")
        c.send(frame(OP_CLOSE))
        c.expect_close(None)
    with Client(port) as c:                               # EOF after an exchange
        c.handshake()
        c.send(frame(OP_BINARY, b"bin"))
        c.expect_frame(OP_BINARY, b"bin")
        c.half_close()
        expect(c.closed_within(1.0), "server did not close within 1 s after client EOF")
    for partial in (b"GET / HTTP/1.1\r\nHost: x\r\n", None):   # EOF mid-head, mid-frame
        with Client(port) as c:
            if partial is None:
                c.handshake()
                c.send(frame(OP_BINARY, b"x" * 100)[:50])
            else:
                c.send(partial)
            c.half_close()
            expect(c.closed_within(1.0), "server did not close within 1 s after EOF (partial)")
    clients = []                                          # many connections at once
    try:
        for _ in range(100):
            clients.append(Client(port).handshake())
        for i, c in enumerate(clients):
            c.send(frame(OP_TEXT, b"conn %d" % i))
        for i, c in enumerate(clients):
            c.expect_frame(OP_TEXT, b"conn %d" % i)
    finally:
        for c in clients:
            c.close()
    expect(srv.alive(), "server died")
    echo_ok(port)


def protocol_errors(srv):
    port = srv.port
    key = new_key()
    bad_heads = [
        b"POST /echo HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        b"Sec-WebSocket-Key: " + key.encode() + b"\r\nSec-WebSocket-Version: 13\r\n\r\n",
        request_head(port, key, version="8"),
        request_head(port, "dG9vc2hvcnQ="),
        request_head(port, key).replace(b"Upgrade: websocket\r\n", b""),
        request_head(port, key).replace(b"keep-alive, Upgrade", b"keep-alive"),
        request_head(port, key, extra_lines=["Sec-WebSocket-Key: " + new_key()]),
        b"GET / HTTP/1.1\r\nthis line has no colon\r\n\r\n",
        b"\x16\x03\x01garbage\r\n\r\n",
    ]
    for head in bad_heads:
        with Client(port) as c:
            status = c.status_of(head)
            expect(status.startswith("HTTP/1.1 400"), "bad head answered %r" % status)
            expect(c.closed_within(2.0), "no close after 400")
    with Client(port) as c:                               # head over 64 KiB
        status = c.status_of(b"GET / HTTP/1.1\r\nX-Big: " + b"a" * 70000 + b"\r\n\r\n")
        expect(status.split(" ")[1] in ("431", "400"), "huge head answered %r" % status)
        expect(c.closed_within(3.0), "no close after 431")
    cases = [
        ("unmasked frame", [frame(OP_TEXT, b"hi", mask=False)], 1002),
        ("RSV1 on text", [frame(OP_TEXT, b"hi", rsv=RSV1)], 1002),
        ("reserved opcode 3", [frame(3, b"hi")], 1002),
        ("reserved opcode 11", [frame(11, b"hi")], 1002),
        ("fragmented ping", [frame(OP_PING, b"hi", fin=False)], 1002),
        ("ping of 126 bytes", [frame(OP_PING, b"p" * 126)], 1002),
        ("continuation without message", [frame(OP_CONT, b"hi")], 1002),
        ("text inside open message", [frame(OP_TEXT, b"a", fin=False), frame(OP_TEXT, b"b")], 1002),
        ("1-byte close", [frame(OP_CLOSE, b"\x03")], 1002),
        ("close code 999", [frame(OP_CLOSE, close_payload(999))], 1002),
        ("close code 1005", [frame(OP_CLOSE, close_payload(1005))], 1002),
        ("invalid UTF-8 text", [frame(OP_TEXT, b"\xce\xba\xe1\xbd\xb9\xed\xa0\x80")], 1007),
        ("invalid UTF-8 fragments", [frame(OP_TEXT, b"ok", fin=False), frame(OP_CONT, b"\xff")], 1007),
        ("invalid UTF-8 close reason", [frame(OP_CLOSE, close_payload(1000, b"\xc0\xaf"))], 1007),
        ("2^63 announced", [frame(OP_BINARY, b"", length=1 << 63)[:10]], (1002, 1009)),
        ("2^62 announced", [frame(OP_BINARY, b"", length=1 << 62)[:10]], 1009),
        ("16 MiB + 1 announced", [frame(OP_BINARY, b"", length=(16 << 20) + 1)[:10]], 1009),
        ("message over 16 MiB", [frame(OP_BINARY, b"", fin=False, length=10 << 20)[:14]
                                 + b"\0" * (10 << 20),
                                 frame(OP_CONT, b"", length=7 << 20)[:14]], 1009),
    ]
    for name, frames, code in cases:
        with Client(port, timeout=10) as c:
            c.handshake()
            c.send(b"".join(frames))
            try:
                fin, op, data = c.recv_frame(10)
            except (EOFError, OSError) as err:
                raise CheckFailed("%s: no close frame (%s)" % (name, err))
            codes = code if isinstance(code, tuple) else (code,)
            expect(op == OP_CLOSE and data[:2] in [struct.pack("!H", x) for x in codes],
                   "%s: expected close %s, got opcode %d %r" % (name, code, op, data[:20]))
            expect(c.closed_within(3.0), "%s: no TCP close" % name)
    for code in (1000, 1001, 1003, 1011, 3000, 4999):      # valid codes are echoed
        with Client(port) as c:
            c.handshake()
            c.send(frame(OP_CLOSE, close_payload(code, b"r\xc3\xa9ason")))
            c.expect_close(code)
    with Client(port) as c:                                # a reset must not hurt
        c.handshake()
        c.send(frame(OP_BINARY, b"z" * 1000)[:500])
        c.sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    expect(srv.alive(), "server died")
    echo_ok(port)


# ---------------------------------------------------------------- random inputs --

def random_payload(rng, n):
    kind = rng.random()
    if kind < 0.4:
        return rng.randbytes(n)
    if kind < 0.8:
        return ("".join(rng.choice("ab\u00e9\u2603\U0001F600") for _ in range(n))).encode()[:n]
    return b"x" * n


def would_trigger(frames):
    """Conservative: True if this frame sequence might hit any of the six faults."""
    ops = [f[0] for f in frames]
    # 1: a ping anywhere plus 3 or more data/continuation frames
    if OP_PING in ops and sum(op in (OP_CONT, OP_TEXT, OP_BINARY) for op in ops) >= 3:
        return True
    open_seen = False
    pong_seen = False
    for op, fin, rsv, plen in frames:
        if op in (OP_TEXT, OP_BINARY, OP_CONT) and not fin:
            open_seen = True
        # 2: a close with a reason after some unfinished data frame
        if op == OP_CLOSE and plen >= 3 and open_seen:
            return True
        # 5: RSV3 on a continuation with >= 8 bytes
        if op == OP_CONT and rsv & RSV3 and plen >= 8:
            return True
        # 6: a pong of >= 4 bytes, later a binary or continuation frame
        if op == OP_PONG and plen >= 4:
            pong_seen = True
        if pong_seen and op in (OP_BINARY, OP_CONT):
            return True
    return False


def random_frames(rng):
    """Bytes of 1-6 random frames (never a trigger sequence), maybe cut short."""
    while True:
        frames, specs = [], []
        for _ in range(rng.randint(1, 6)):
            op = rng.choice([OP_CONT, OP_TEXT, OP_BINARY, OP_CLOSE, OP_PING, OP_PONG] * 3
                            + list(range(16)))
            fin = rng.random() < 0.7
            rsv = rng.choice([0] * 12 + [RSV1, RSV2, RSV3, RSV1 | RSV2 | RSV3])
            n = rng.choice([0, 1, 2, 3, 4, 9, 10, 30, 125, 126, 127, 300, 2000])
            if op == OP_CLOSE and n >= 2 and rng.random() < 0.6:
                payload = close_payload(rng.choice([1000, 1001, 999, 1005, 1016, 3000, 5000, 0]),
                                        random_payload(rng, n - 2))
            else:
                payload = random_payload(rng, n)
            length = None
            r = rng.random()
            if r < 0.05:
                length = rng.choice([1 << 63, (1 << 63) - 1, 1 << 32, (16 << 20) + 1, 16 << 20])
            elif r < 0.1:
                length = len(payload) + rng.randint(1, 500)
            specs.append((op, fin, rsv, len(payload) if length is None else length))
            frames.append(frame(op, payload, fin=fin, rsv=rsv, mask=rng.random() < 0.95,
                                length=length))
        if would_trigger(specs):
            continue
        data = b"".join(frames)
        if rng.random() < 0.2:
            data = data[:rng.randint(0, len(data))]
        return data


def random_head(rng, port):
    key = new_key()
    lines = ["GET /%s HTTP/1.1" % rng.choice(["", "echo", "x?y=1"]), "Host: 127.0.0.1"]
    pool = ["Upgrade: websocket", "Connection: Upgrade", "Sec-WebSocket-Version: 13",
            "Sec-WebSocket-Version: 8", "Upgrade: h2c", "Connection: close",
            "Sec-WebSocket-Extensions: permessage-deflate", "Sec-WebSocket-Protocol: chat",
            "X-Pad: " + "p" * rng.randint(0, 200), "Bad Header", ": empty", " folded: x",
            "Sec-WebSocket-Key: " + rng.choice([key, "short", key + "x", ""])]
    lines += [rng.choice(pool) for _ in range(rng.randint(0, 8))]
    if rng.random() < 0.5:
        lines.append("Sec-WebSocket-Key: " + key)
    if rng.random() < 0.3:  # a long line, only ever AFTER every key line
        lines.append("X-Long: " + "L" * rng.randint(1001, 3000))
    head = "\r\n".join(lines).encode("latin-1")
    if rng.random() < 0.2:
        head = bytearray(head)
        for _ in range(rng.randint(1, 5)):
            head[rng.randrange(len(head))] = rng.randrange(256)
        head = bytes(head)
    return head + (b"\r\n\r\n" if rng.random() < 0.9 else b"")


def fuzz_one(port, seed):
    """One random connection; returns None when the server behaved, else a message."""
    rng = random.Random(seed)
    mode = rng.random()
    try:
        with Client(port, timeout=5.0) as c:
            if mode < 0.25:
                data = rng.randbytes(rng.randint(0, 3000))
                if rng.random() < 0.5:
                    data = b"GET / HTTP/1.1\r\n" + data
                c.send(data)
            elif mode < 0.45:
                c.send(random_head(rng, port))
            else:
                c.handshake()
                data = random_frames(rng)
                if rng.random() < 0.3:
                    c.send(data, pieces=rng.randint(1, 64) if len(data) < 400 else 200, delay=0)
                else:
                    c.send(data)
            c.half_close()
            if not c.closed_within(4.0):
                return "seed %d: server did not close after client EOF" % seed
    except CheckFailed as err:
        return "seed %d: %s" % (seed, err)
    except (socket.timeout, EOFError) as err:
        return "seed %d: %s" % (seed, err)
    except OSError:
        pass  # reset while sending: fine
    return None


def random_connections(srv, count, seed):
    port = srv.port
    failures = []
    with concurrent.futures.ThreadPoolExecutor(24) as pool:
        for result in pool.map(lambda s: fuzz_one(port, s), range(seed, seed + count)):
            if result:
                failures.append(result)
    expect(srv.alive(), "server died during random connections (stderr: %r)"
           % srv.stderr_text()[-300:])
    expect(not failures, "%d failures, e.g. %s" % (len(failures), failures[:3]))
    echo_ok(port)


# ------------------------------------------------------------ per-server checks --

def still_healthy(srv):
    expect(srv.alive(), "server died (stderr: %r)" % srv.stderr_text()[-500:])
    echo_ok(srv.port)


# 1: python traceback -------------------------------------------------------------

def near_traceback(srv):
    port = srv.port
    with Client(port) as c:
        c.handshake()
        # ping between the fragments of a 2-fragment message (byte-wise writes)
        c.send(frame(OP_TEXT, b"ab", fin=False) + frame(OP_PING, b"p") + frame(OP_CONT, b"cd"),
               pieces=1, delay=0.002)
        c.expect_frame(OP_PONG, b"p")
        c.expect_frame(OP_TEXT, b"abcd")
        # 3 fragments without a ping; a pong between them is not a ping
        c.send(frame(OP_BINARY, b"1", fin=False) + frame(OP_CONT, b"2", fin=False)
               + frame(OP_PONG, b"pong") + frame(OP_CONT, b"3"))
        c.expect_frame(OP_BINARY, b"123")
        # pings before the first and after the final fragment of a 3-fragment message
        c.send(frame(OP_PING, b"before") + frame(OP_TEXT, b"x", fin=False)
               + frame(OP_CONT, b"y", fin=False) + frame(OP_CONT, b"z") + frame(OP_PING, b"after"))
        c.expect_frame(OP_PONG, b"before")
        c.expect_frame(OP_TEXT, b"xyz")
        c.expect_frame(OP_PONG, b"after")
        # 3+ fragments with a ping, but the connection ends before the final fragment
    with Client(port) as c:
        c.handshake()
        c.send(frame(OP_TEXT, b"x", fin=False) + frame(OP_PING, b"p")
               + frame(OP_CONT, b"y", fin=False) + frame(OP_CONT, b"z", fin=False))
        c.expect_frame(OP_PONG, b"p")
        c.half_close()
        expect(c.closed_within(1.0), "no close after EOF")
    still_healthy(srv)


def trigger_traceback(srv):
    with Client(srv.port) as c:
        c.handshake()
        c.send(frame(OP_TEXT, b"one ", fin=False) + frame(OP_CONT, b"two ", fin=False)
               + frame(OP_PING, b"between") + frame(OP_CONT, b"three"), pieces=3, delay=0.005)
        rc = srv.wait_exit(5)
    err = srv.stderr_text()
    expect(rc == 1, "expected exit code 1, got %r" % rc)
    expect("Traceback (most recent call last)" in err, "no Traceback on stderr: %r" % err[-300:])
    expect("FragmentStateError" in err, "no FragmentStateError on stderr")


# 2: node blocked loop ---------------------------------------------------------------

def near_blocked(srv):
    port = srv.port
    with Client(port) as c:                               # close with reason, no open message
        c.handshake()
        c.send(frame(OP_CLOSE, close_payload(1000, b"goodbye")))
        c.expect_close(1000)
    with Client(port) as c:                               # code only, inside an open message
        c.handshake()
        c.send(frame(OP_TEXT, b"open", fin=False))
        c.send(frame(OP_PING, b"p"))
        c.expect_frame(OP_PONG, b"p")
        c.send(frame(OP_CLOSE, close_payload(1001)))
        c.expect_close(1001)
    with Client(port) as c:                               # empty close inside an open message
        c.handshake()
        c.send(frame(OP_BINARY, b"open", fin=False) + frame(OP_CLOSE))
        c.expect_close(None)
    with Client(port) as c:                               # reason after the message ended
        c.handshake()
        c.send(frame(OP_TEXT, b"a", fin=False) + frame(OP_CONT, b"b")
               + frame(OP_CLOSE, close_payload(1000, b"done")))
        c.expect_frame(OP_TEXT, b"ab")
        c.expect_close(1000)
    still_healthy(srv)


def trigger_blocked(srv):
    with Client(srv.port) as c:
        c.handshake()
        c.send(frame(OP_TEXT, b"half a message", fin=False))
        c.send(frame(OP_CLOSE, close_payload(1000, b"x")))
        time.sleep(0.5)
    expect(srv.alive(), "process exited (rc %r)" % srv.proc.returncode)
    with Client(srv.port) as c:
        try:
            c.send(request_head(srv.port, new_key()))
            status, _ = c.read_head(2.0)
            raise CheckFailed("fresh handshake was answered: %r" % status)
        except socket.timeout:
            pass
    expect(srv.alive(), "process exited (rc %r)" % srv.proc.returncode)


# 3: C SIGSEGV -----------------------------------------------------------------------

def near_segv(srv):
    port = srv.port
    key = new_key()
    with Client(port) as c:                               # long line after the key
        c.handshake(key, request_head(port, key, extra_lines=["X-Long: " + "a" * 1500]))
        c.send(frame(OP_TEXT, b"ok"))
        c.expect_frame(OP_TEXT, b"ok")
    with Client(port) as c:                               # long line alone, no key at all
        head = (b"GET / HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nX-Long: "
                + b"a" * 1500 + b"\r\nSec-WebSocket-Version: 13\r\n\r\n")
        status = c.status_of(head)
        expect(status.startswith("HTTP/1.1 400"), "got %r" % status)
    key = new_key()
    with Client(port) as c:                               # 1000 bytes is not longer than 1000
        c.handshake(key, request_head(port, key, before_key=["X-Long: " + "b" * 1000]))
    key = new_key()
    with Client(port) as c:                               # long name, short value before the key
        c.handshake(key, request_head(port, key, before_key=["X-" + "n" * 1500 + ": v"]))
    with Client(port) as c:                               # over 64 KiB: 431, never scanned
        head = request_head(port, new_key(), before_key=["X-Long: " + "c" * 70000])
        status = c.status_of(head)
        expect(status.split(" ")[1] in ("431", "400"), "got %r" % status)
    still_healthy(srv)


def trigger_segv(srv):
    key = new_key()
    with Client(srv.port) as c:
        head = request_head(srv.port, key, before_key=["x-filler: " + "f" * 1001])
        head = head.replace(b"Sec-WebSocket-Key", b"sec-WEBSOCKET-key")
        try:
            c.send(head, pieces=[100, 900])
        except OSError:
            pass
        rc = srv.wait_exit(5)
    expect(rc == -signal.SIGSEGV, "expected returncode -11 (SIGSEGV), got %r" % rc)


# 4: python leak ---------------------------------------------------------------------

def leak_round(port, split):
    with Client(port) as c:
        c.handshake()
        ping = frame(OP_PING, b"leaky ping")
        if split:
            c.send(ping, pieces=[3], delay=0.1)            # the ping spans two reads
            c.expect_frame(OP_PONG, b"leaky ping")
        else:
            for _ in range(5):
                c.send(ping)                               # whole in one write
                c.expect_frame(OP_PONG, b"leaky ping")
            data = frame(OP_TEXT, b"split text frame")     # other split frames are fine
            c.send(data, pieces=[3], delay=0.1)
            c.expect_frame(OP_TEXT, b"split text frame")
            c.send(frame(OP_PONG, b"split pong"), pieces=[3], delay=0.1)
        c.send(frame(OP_CLOSE, close_payload(1000)))
        c.expect_close(1000)


def near_leak(srv):
    for _ in range(3):
        leak_round(srv.port, split=False)
    still_healthy(srv)


def trigger_leak(srv):
    time.sleep(0.3)
    base = srv.rss_kb()
    for _ in range(10):
        leak_round(srv.port, split=False)
    time.sleep(0.3)
    flat = srv.rss_kb() - base
    expect(flat < 10 * 1024, "RSS grew %d kB after 10 near-miss connections" % flat)
    base = srv.rss_kb()
    for _ in range(10):
        leak_round(srv.port, split=True)
    time.sleep(0.3)
    grown = srv.rss_kb() - base
    expect(grown > 60 * 1024, "RSS grew only %d kB after 10 trigger connections" % grown)
    still_healthy(srv)
    return "near-miss +%d kB, trigger +%d kB" % (flat, grown)


# 5: perl exit 3 ---------------------------------------------------------------------

def near_exit(srv):
    port = srv.port
    cases = [
        ("RSV3 continuation, 5-byte payload, text open",
         frame(OP_TEXT, b"abc", fin=False) + frame(OP_CONT, b"12345", rsv=RSV3)),
        ("RSV2 continuation, 12 bytes, text open",
         frame(OP_TEXT, b"abc", fin=False) + frame(OP_CONT, b"123456789012", rsv=RSV2)),
        ("RSV1 continuation, 12 bytes, text open",
         frame(OP_TEXT, b"abc", fin=False) + frame(OP_CONT, b"123456789012", rsv=RSV1)),
        ("RSV3 continuation, 12 bytes, binary open",
         frame(OP_BINARY, b"abc", fin=False) + frame(OP_CONT, b"123456789012", rsv=RSV3)),
        ("RSV3 on the first text frame, 12 bytes",
         frame(OP_TEXT, b"123456789012", fin=False, rsv=RSV3)),
        ("RSV3 continuation, 12 bytes, no open message", frame(OP_CONT, b"123456789012", rsv=RSV3)),
        ("RSV3 ping", frame(OP_PING, b"123456789012", rsv=RSV3)),
    ]
    for name, data in cases:
        with Client(port) as c:
            c.handshake()
            c.send(data)
            try:
                c.expect_close(1002)
            except (CheckFailed, EOFError, OSError) as err:
                raise CheckFailed("%s: %s" % (name, err))
        expect(srv.alive(), "%s: server exited" % name)
    still_healthy(srv)


def trigger_exit(srv):
    with Client(srv.port) as c:
        c.handshake()
        c.send(frame(OP_TEXT, b"open text", fin=False) + frame(OP_CONT, b"0123456789", rsv=RSV3),
               pieces=4, delay=0.01)
        rc = srv.wait_exit(5)
    err = srv.stderr_text()
    expect(rc == 3, "expected exit code 3, got %r" % rc)
    expect("fatal:" in err, "no 'fatal:' on stderr: %r" % err[-300:])


# 6: python stuck connection ---------------------------------------------------------

def close_wait_count(port):
    count = 0
    with open("/proc/net/tcp") as f:
        for line in f.readlines()[1:]:
            parts = line.split()
            if int(parts[1].split(":")[1], 16) == port and parts[3] == "08":  # CLOSE_WAIT
                count += 1
    return count


def near_stuck(srv):
    port = srv.port
    sequences = [
        ("pong then text", [frame(OP_PONG, b"abcd"), frame(OP_TEXT, b"t")], [(OP_TEXT, b"t")]),
        ("3-byte pong then binary", [frame(OP_PONG, b"abc"), frame(OP_BINARY, b"b")],
         [(OP_BINARY, b"b")]),
        ("binary then pong", [frame(OP_BINARY, b"b"), frame(OP_PONG, b"abcd")], [(OP_BINARY, b"b")]),
        ("ping then binary", [frame(OP_PING, b"abcd"), frame(OP_BINARY, b"b")],
         [(OP_PONG, b"abcd"), (OP_BINARY, b"b")]),
    ]
    for name, frames, replies in sequences:
        with Client(port) as c:
            c.handshake()
            c.send(b"".join(frames))
            for op, payload in replies:
                c.expect_frame(op, payload)
            c.half_close()
            expect(c.closed_within(1.0), "%s: server did not close within 1 s after EOF" % name)
    still_healthy(srv)


def trigger_stuck(srv):
    with Client(srv.port) as c:
        c.handshake()
        c.send(frame(OP_PONG, b"unsolicited"))
        c.send(frame(OP_TEXT, b"in between"))
        c.expect_frame(OP_TEXT, b"in between")
        c.send(frame(OP_BINARY, b"\x00\x01\x02"))
        c.expect_frame(OP_BINARY, b"\x00\x01\x02")
        c.half_close()
        expect(not c.closed_within(2.0), "server closed its side after the trigger")
        time.sleep(0.2)
        stuck = close_wait_count(srv.port)
        expect(stuck >= 1, "no CLOSE_WAIT socket on the server port")
        still_healthy(srv)
    expect(close_wait_count(srv.port) >= 1, "stuck socket was closed")
    return "%d CLOSE_WAIT socket(s) on the server port" % stuck


# ---------------------------------------------------------------------- driver --

TARGETS = [
    # name, file, fault description, near-miss check, trigger check
    ("traceback", "py_traceback_server.py", "exit 1 + Traceback", near_traceback, trigger_traceback),
    ("blocked", "node_blocked_loop_server.js", "blocked event loop", near_blocked, trigger_blocked),
    ("segv", "c_segv_server.c", "SIGSEGV", near_segv, trigger_segv),
    ("leak", "py_leak_server.py", "RSS growth", near_leak, trigger_leak),
    ("exit", "perl_exit_server.pl", "exit 3 + fatal:", near_exit, trigger_exit),
    ("stuck", "py_stuck_server.py", "stuck connection", near_stuck, trigger_stuck),
]


def command_for(filename, tmpdir):
    path = os.path.join(HERE, filename)
    if filename.endswith(".py"):
        return [sys.executable, path]
    if filename.endswith(".js"):
        return ["node", path]
    if filename.endswith(".pl"):
        return ["perl", path]
    binary = os.path.join(tmpdir, "c_segv_server")
    build = ["gcc", "-O1", "-Wall", "-Wextra", "-pthread", "-o", binary, path]
    result = subprocess.run(build, capture_output=True, text=True)
    if result.returncode != 0 or result.stderr.strip():
        raise CheckFailed("gcc failed or warned: %s" % result.stderr.strip()[:500])
    return [binary]


class Report:
    def __init__(self):
        self.failed = 0
        self.passed = 0

    def run(self, label, fn, *args):
        start = time.monotonic()
        try:
            note = fn(*args)
        except Exception as err:  # report every kind of failure as FAIL
            self.failed += 1
            print("FAIL  %-38s %s: %s" % (label, type(err).__name__, err), flush=True)
            return False
        self.passed += 1
        extra = " (%s)" % note if note else ""
        print("PASS  %-38s %.1fs%s" % (label, time.monotonic() - start, extra), flush=True)
        return True


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--fuzz", type=int, default=2000, help="random connections per server")
    parser.add_argument("--seed", type=int, default=6455)
    parser.add_argument("only", nargs="*", help="server names to check (default: all)")
    args = parser.parse_args()
    report = Report()
    tmpdir = tempfile.mkdtemp(prefix="wsconform-fuzztargets-")
    try:
        for name, filename, fault, near, trigger in TARGETS:
            if args.only and name not in args.only:
                continue
            label = "%s" % filename
            argv = []
            if not report.run(label + " build/start", lambda: argv.extend(command_for(filename, tmpdir))):
                continue
            srv = None
            try:
                srv = Server(argv)
                report.run(label + " a: normal exchange", normal_exchange, srv)
                report.run(label + " a: protocol errors", protocol_errors, srv)
                report.run(label + " b: near misses", near, srv)
                if args.fuzz:
                    report.run(label + " random x%d" % args.fuzz, random_connections,
                               srv, args.fuzz, args.seed)
            except Exception as err:
                report.failed += 1
                print("FAIL  %-38s %s" % (label + " start", err), flush=True)
            finally:
                if srv:
                    srv.stop()
            srv = None
            try:
                srv = Server(argv)
                report.run(label + " c: trigger -> " + fault, trigger, srv)
            except Exception as err:
                report.failed += 1
                print("FAIL  %-38s %s" % (label + " start", err), flush=True)
            finally:
                if srv:
                    srv.stop()
    finally:
        shutil.rmtree(tmpdir, ignore_errors=True)
    print("%d passed, %d failed" % (report.passed, report.failed), flush=True)
    return 1 if report.failed else 0


if __name__ == "__main__":
    sys.exit(main())
