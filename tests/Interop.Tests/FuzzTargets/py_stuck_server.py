#!/usr/bin/env python3
"""Deliberately faulty WebSocket echo server (fuzz target, python threads, stdlib only).

FAULT (style: stuck connection; the process stays healthy and keeps serving):
  An unsolicited pong frame with a payload of at least 4 bytes, followed later on
  the same connection (not necessarily immediately) by a complete binary message.
  After that, when the client half-closes (recv returns b''), the connection
  thread returns WITHOUT closing its socket, and the socket stays referenced in
  the module-level list STUCK, so the server side sits in CLOSE_WAIT forever.
  Without the trigger, EOF from the client closes the socket at once.

Everything else is a correct RFC 6455 echo server (no extensions, no subprotocols);
that shared, fault-free protocol code lives in fuzz_target_ws.py next to this file.
Usage: python3 py_stuck_server.py [PORT]   (else $WSCONFORM_PORT)
"""
import socket
import sys
import threading
import time

sys.dont_write_bytecode = True  # no __pycache__ next to the fuzz targets
import fuzz_target_ws as ws  # noqa: E402  (this file's folder is sys.path[0])

STUCK = []  # THE DELIBERATE FAULT: sockets that are never closed


class StuckConnection(ws.Connection):
    """The shared echo logic plus the pong/binary bookkeeping that arms the fault."""

    def __init__(self):
        super().__init__()
        self.big_pong_seen = False   # a pong with >= 4 payload bytes arrived
        self.armed = False           # ... and a binary message came after it

    def frame_received(self, fin, opcode, payload):
        # RFC 6455 5.5.3: an unsolicited pong needs no answer (the shared code ignores it).
        if opcode == ws.OP_PONG and len(payload) >= 4:
            self.big_pong_seen = True

    def message_ending(self):
        if self.msg_opcode == ws.OP_BINARY and self.big_pong_seen:
            self.armed = True


# ------------------------------------------------------------------ network --

def linger_close(sock):
    """Send FIN first (RFC 6455 7.1.1: the server closes TCP first), then drain briefly."""
    try:
        sock.shutdown(socket.SHUT_WR)
        sock.settimeout(0.1)
        deadline = time.monotonic() + ws.LINGER_SECONDS  # bounded: at most about 1 s
        while time.monotonic() < deadline:
            try:
                if not sock.recv(ws.READ_SIZE):
                    break
            except socket.timeout:
                pass
    except OSError:
        pass


def serve(sock):
    """Thread body for one connection; returns True when the socket must be closed."""
    handshake = ws.OpeningHandshake()
    while True:
        data = sock.recv(ws.READ_SIZE)
        if not data:
            return True  # EOF: close at once
        if handshake.feed(data):
            break
    sock.sendall(handshake.reply)
    if not handshake.accepted:
        linger_close(sock)
        return True
    conn = StuckConnection()
    data = handshake.rest  # bytes after the head are frame bytes
    while True:
        out = conn.feed(data)
        if out:
            sock.sendall(b"".join(out))
        if conn.closing:
            linger_close(sock)
            return True
        data = sock.recv(ws.READ_SIZE)
        if not data:
            if conn.armed:
                # THE DELIBERATE FAULT: keep the socket referenced and never close it.
                STUCK.append(sock)
                return False
            return True  # EOF from the client: forget the connection


def connection_thread(sock):
    close = True
    try:
        close = serve(sock)
    except OSError:
        pass  # reset by peer, broken pipe, ...
    finally:
        if close:
            sock.close()


def main(port):
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", port))
    listener.listen(512)
    print("listening on %d" % port, flush=True)
    while True:
        try:
            sock, _ = listener.accept()
        except OSError:
            threading.Event().wait(0.05)  # e.g. EMFILE: back off briefly
            continue
        try:
            threading.Thread(target=connection_thread, args=(sock,), daemon=True).start()
        except RuntimeError:
            sock.close()  # cannot start a thread: drop this connection


if __name__ == "__main__":
    try:
        main(ws.get_port("py_stuck_server.py"))
    except KeyboardInterrupt:
        pass
