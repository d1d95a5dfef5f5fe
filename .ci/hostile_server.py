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
import os
import struct
import time

from toy_ws import accept_response, read_frame, read_request_key, serve_forever, write_frame


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


def echo_text_as_binary(conn):
    """Echoes every data frame (unmasked), turning text into binary; answers ping and close; closes TCP after close."""
    while True:
        b0, payload = read_frame(conn)
        opcode = b0 & 0x0F
        if opcode == 0x1:
            b0 = (b0 & 0xF0) | 0x2
        elif opcode == 0x9:
            b0 = (b0 & 0xF0) | 0xA
        write_frame(conn, b0, payload)
        if opcode == 0x8:
            return


def serve(conn, deadline):
    conn.settimeout(max(1.0, deadline - time.time()))
    try:
        key = read_request_key(conn)
        if key is not None:
            conn.sendall(accept_response(key, "hostile-" + MODE))
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
    serve_forever(args.port, args.lifetime, lambda conn: serve(conn, deadline))


MODE = ""
if __name__ == "__main__":
    main()
