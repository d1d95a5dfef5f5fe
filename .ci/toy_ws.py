"""The wire of the toy WebSocket servers in .ci (standard library only): the opening handshake, frames in and out,
and a loopback listener that stops by itself. Each server imports what it needs and bends the rest."""
import base64
import hashlib
import socket
import struct
import threading
import time

GUID = b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11"


def read_exact(conn, n):
    data = b""
    while len(data) < n:
        chunk = conn.recv(n - len(data))
        if not chunk:
            raise EOFError
        data += chunk
    return data


def read_request_key(conn):
    """Reads the request head; its Sec-WebSocket-Key (b"" when it has none), or None when the client left first."""
    head = b""
    while b"\r\n\r\n" not in head:
        chunk = conn.recv(4096)
        if not chunk:
            return None
        head += chunk
    key = b""
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"sec-websocket-key:"):
            key = line.split(b":", 1)[1].strip()
    return key


def accept_response(key, server):
    accept = base64.b64encode(hashlib.sha1(key + GUID).digest())
    return (b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            b"Server: " + server.encode() + b"\r\nSec-WebSocket-Accept: " + accept + b"\r\n\r\n")


def unmask(data, mask):
    key = int.from_bytes((mask * (len(data) // 4 + 1))[:len(data)], "big")
    return (int.from_bytes(data, "big") ^ key).to_bytes(len(data), "big")


def read_frame(conn, max_length=None):
    """The next frame's first byte and unmasked payload; None when it announces more than max_length."""
    b0, b1 = read_exact(conn, 2)
    length = b1 & 0x7F
    if length == 126:
        length = struct.unpack(">H", read_exact(conn, 2))[0]
    elif length == 127:
        length = struct.unpack(">Q", read_exact(conn, 8))[0]
    if max_length is not None and length > max_length:
        return None
    mask = read_exact(conn, 4) if b1 & 0x80 else b"\0\0\0\0"
    return b0, unmask(read_exact(conn, length), mask)


def write_frame(conn, b0, payload):
    """An unmasked frame with the first byte b0 and the minimal length encoding."""
    if len(payload) < 126:
        header = bytes([b0, len(payload)])
    elif len(payload) < 1 << 16:
        header = bytes([b0, 126]) + struct.pack(">H", len(payload))
    else:
        header = bytes([b0, 127]) + struct.pack(">Q", len(payload))
    conn.sendall(header + payload)


def serve_forever(port, lifetime, handle):
    """Listens on 127.0.0.1:port, prints "LISTENING <port>", runs handle(conn) per connection on a thread, and stops
    accepting after lifetime seconds."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", port))
    listener.listen(64)
    listener.settimeout(1.0)
    print(f"LISTENING {listener.getsockname()[1]}", flush=True)
    deadline = time.monotonic() + lifetime
    while time.monotonic() < deadline:
        try:
            conn, _ = listener.accept()
        except socket.timeout:
            continue
        threading.Thread(target=handle, args=(conn,), daemon=True).start()
    listener.close()
