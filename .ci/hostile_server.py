#!/usr/bin/env python3
"""Hostile and broken WebSocket servers for trying wsconform as a user would (standard library only).

Usage: hostile_server.py MODE [--port N] [--lifetime SECONDS]
  huge-frame      answers the handshake, then a binary frame header announcing 2^62 bytes, then streams payload forever
  random          answers the handshake, then streams random bytes forever
  ping-flood      answers the handshake, then sends pings as fast as the socket takes them
  text-as-binary  an echo server that echoes text messages as binary ones (RFC 6455 5.6: the type is part of the echo)

Binds 127.0.0.1 only, prints "LISTENING <port>" when ready, and stops by itself after --lifetime seconds.
"""
import argparse
import base64
import hashlib
import os
import socket
import struct
import threading
import time

GUID = b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11"


def handshake(conn):
    head = b""
    while b"\r\n\r\n" not in head:
        chunk = conn.recv(4096)
        if not chunk:
            return False
        head += chunk
    key = b""
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"sec-websocket-key:"):
            key = line.split(b":", 1)[1].strip()
    accept = base64.b64encode(hashlib.sha1(key + GUID).digest())
    conn.sendall(b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                 b"Server: hostile-" + MODE.encode() + b"\r\nSec-WebSocket-Accept: " + accept + b"\r\n\r\n")
    return True


def stream(conn, deadline):
    if MODE == "huge-frame":
        conn.sendall(bytes([0x82, 127]) + struct.pack(">Q", 1 << 62))
        block = b"\xab" * 65536
    elif MODE == "random":
        block = None
    else:
        block = bytes([0x89, 4]) + b"ping"
        block = block * (65536 // len(block))
    while time.time() < deadline:
        conn.sendall(block if block is not None else os.urandom(65536))


def read_exact(conn, n):
    data = b""
    while len(data) < n:
        chunk = conn.recv(n - len(data))
        if not chunk:
            raise EOFError
        data += chunk
    return data


def echo_text_as_binary(conn):
    """Echoes every data frame (unmasked), turning text into binary; answers ping and close; closes TCP after close."""
    while True:
        b0, b1 = read_exact(conn, 2)
        length = b1 & 0x7F
        if length == 126:
            length = struct.unpack(">H", read_exact(conn, 2))[0]
        elif length == 127:
            length = struct.unpack(">Q", read_exact(conn, 8))[0]
        mask = read_exact(conn, 4) if b1 & 0x80 else b"\0\0\0\0"
        payload = bytes(b ^ mask[i % 4] for i, b in enumerate(read_exact(conn, length))) if length < 1 << 16 else read_exact(conn, length)
        if b1 & 0x80 and length >= 1 << 16:
            key = int.from_bytes((mask * (length // 4 + 1))[:length], "big")
            payload = (int.from_bytes(payload, "big") ^ key).to_bytes(length, "big")
        opcode = b0 & 0x0F
        if opcode == 0x1:
            b0 = (b0 & 0xF0) | 0x2
        elif opcode == 0x9:
            b0 = (b0 & 0xF0) | 0xA
        header = bytes([b0])
        if len(payload) < 126:
            header += bytes([len(payload)])
        elif len(payload) < 1 << 16:
            header += bytes([126]) + struct.pack(">H", len(payload))
        else:
            header += bytes([127]) + struct.pack(">Q", len(payload))
        conn.sendall(header + payload)
        if opcode == 0x8:
            return


def serve(conn, deadline):
    conn.settimeout(max(1.0, deadline - time.time()))
    try:
        if handshake(conn):
            if MODE == "text-as-binary":
                echo_text_as_binary(conn)
            else:
                stream(conn, deadline)
    except (OSError, EOFError):
        pass
    finally:
        conn.close()


def main():
    global MODE
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["huge-frame", "random", "ping-flood", "text-as-binary"])
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--lifetime", type=float, default=600)
    args = parser.parse_args()
    MODE = args.mode
    deadline = time.time() + args.lifetime
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", args.port))
    listener.listen(64)
    listener.settimeout(1.0)
    print(f"LISTENING {listener.getsockname()[1]}", flush=True)
    while time.time() < deadline:
        try:
            conn, _ = listener.accept()
        except socket.timeout:
            continue
        threading.Thread(target=serve, args=(conn, deadline), daemon=True).start()


MODE = ""
if __name__ == "__main__":
    main()
