#!/usr/bin/env python3
"""A deliberately broken WebSocket server for .ci/run: it echoes every frame as it came (unmasked), so it never
checks UTF-8 (RFC 6455 8.1) or close codes (7.4). wsconform must exit 1 against it. Binds 127.0.0.1 only, stops
by itself after --lifetime seconds, and prints "LISTENING <port>" when ready. Standard library only."""
import argparse

from toy_ws import accept_response, read_frame, read_request_key, serve_forever, write_frame

MAX_FRAME = 32 * 1024 * 1024


def serve(conn):
    conn.settimeout(20)
    try:
        key = read_request_key(conn)
        if key is None:
            return
        if not key:
            conn.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
            return
        conn.sendall(accept_response(key, "broken-echo"))
        while True:
            frame = read_frame(conn, MAX_FRAME)
            if frame is None:
                return  # too big for this toy: drop the connection
            b0, payload = frame
            opcode = b0 & 0x0F
            if opcode == 0x9:
                b0 = (b0 & 0xF0) | 0xA  # answer a ping with a pong, the one thing it gets right
            write_frame(conn, b0, payload)
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
    serve_forever(args.port, args.lifetime, serve)


if __name__ == "__main__":
    main()
