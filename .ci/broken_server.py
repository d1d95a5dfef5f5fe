#!/usr/bin/env python3
"""A deliberately broken WebSocket server for .ci/run: it echoes every frame as it came (unmasked), so it never
checks UTF-8 (RFC 6455 8.1) or close codes (7.4). wsconform must exit 1 against it. Binds 127.0.0.1 only, stops
by itself after --lifetime seconds, and prints "LISTENING <port>" when ready. Standard library only."""
import argparse
import base64
import hashlib
import socket
import struct
import threading
import time

GUID = b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
MAX_FRAME = 32 * 1024 * 1024


def read_exact(conn, n):
    data = b""
    while len(data) < n:
        chunk = conn.recv(n - len(data))
        if not chunk:
            raise EOFError
        data += chunk
    return data


def unmask(data, mask):
    key = int.from_bytes((mask * (len(data) // 4 + 1))[:len(data)], "big")
    return (int.from_bytes(data, "big") ^ key).to_bytes(len(data), "big")


def serve(conn):
    conn.settimeout(20)
    try:
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = conn.recv(4096)
            if not chunk:
                return
            head += chunk
        key = None
        for line in head.split(b"\r\n"):
            if line.lower().startswith(b"sec-websocket-key:"):
                key = line.split(b":", 1)[1].strip()
        if key is None:
            conn.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
            return
        accept = base64.b64encode(hashlib.sha1(key + GUID).digest())
        conn.sendall(b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                     b"Server: broken-echo\r\nSec-WebSocket-Accept: " + accept + b"\r\n\r\n")
        while True:
            b0, b1 = read_exact(conn, 2)
            length = b1 & 0x7F
            if length == 126:
                length = struct.unpack(">H", read_exact(conn, 2))[0]
            elif length == 127:
                length = struct.unpack(">Q", read_exact(conn, 8))[0]
            if length > MAX_FRAME:
                return  # too big for this toy: drop the connection
            mask = read_exact(conn, 4) if b1 & 0x80 else b"\0\0\0\0"
            payload = unmask(read_exact(conn, length), mask)
            opcode = b0 & 0x0F
            if opcode == 0x9:
                b0 = (b0 & 0xF0) | 0xA  # answer a ping with a pong, the one thing it gets right
            if length < 126:
                header = bytes([b0, length])
            elif length < 65536:
                header = bytes([b0, 126]) + struct.pack(">H", length)
            else:
                header = bytes([b0, 127]) + struct.pack(">Q", length)
            conn.sendall(header + payload)
            if opcode == 0x8:
                return
    except (EOFError, OSError):
        return
    finally:
        conn.close()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--lifetime", type=float, default=300)
    args = parser.parse_args()
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", args.port))
    listener.listen(64)
    listener.settimeout(1)
    print(f"LISTENING {listener.getsockname()[1]}", flush=True)
    deadline = time.monotonic() + args.lifetime
    while time.monotonic() < deadline:
        try:
            conn, _ = listener.accept()
        except socket.timeout:
            continue
        threading.Thread(target=serve, args=(conn,), daemon=True).start()
    listener.close()


if __name__ == "__main__":
    main()
