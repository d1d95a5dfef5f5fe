#!/usr/bin/env node
// Deliberately faulty WebSocket echo server (fuzz target, node, built-in `net` only).
//
// FAULT (style: blocked event loop; the process stays alive but answers nothing, forever):
//   A close frame whose payload carries a status code AND a reason of at least one
//   byte (payload length >= 3) arriving while a fragmented data message is open
//   (after a data frame with FIN clear and before its final fragment).  The handler
//   then spins in `for (;;) {}`.  A close frame outside a fragmented message (with or
//   without a reason), or one with only a code (or empty) inside a message, is
//   answered normally.
//
// Everything else is a correct RFC 6455 echo server (no extensions, no subprotocols).
// Usage: node node_blocked_loop_server.js [PORT]   (else $WSCONFORM_PORT)
'use strict';

const net = require('net');
const crypto = require('crypto');
const { isUtf8 } = require('buffer');

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
const MAX_HEAD = 64 * 1024;            // cap on the opening handshake head
const MAX_MESSAGE = 16 * 1024 * 1024;  // cap on a frame and on a reassembled message
const LINGER_MS = 1000;

const OP_CONT = 0x0, OP_TEXT = 0x1, OP_BINARY = 0x2, OP_CLOSE = 0x8, OP_PING = 0x9, OP_PONG = 0xA;
const KNOWN_OPCODES = new Set([OP_CONT, OP_TEXT, OP_BINARY, OP_CLOSE, OP_PING, OP_PONG]);

const BAD_REQUEST = 'HTTP/1.1 400 Bad Request\r\nConnection: close\r\n' +
  'Sec-WebSocket-Version: 13\r\nContent-Length: 0\r\n\r\n';
const HEAD_TOO_LARGE = 'HTTP/1.1 431 Request Header Fields Too Large\r\n' +
  'Connection: close\r\nContent-Length: 0\r\n\r\n';
const CRLFCRLF = Buffer.from('\r\n\r\n');

class ProtocolError extends Error {
  constructor(code, reason) { super(reason); this.code = code; }
}

// ------------------------------------------------------------------ handshake --

function tokens(values) {
  const out = new Set();
  for (const value of values || []) {
    for (const t of value.split(',')) {
      const token = t.replace(/^[ \t]+|[ \t]+$/g, '').toLowerCase();
      if (token) out.add(token);
    }
  }
  return out;
}

// Answer to a request head (without its final CRLFCRLF): 101 or 400 text.
function handshakeResponse(head) {
  const lines = head.toString('latin1').split('\r\n');
  // RFC 6455 4.2.1 item 1: an HTTP/1.1 (or higher) GET request.
  const request = lines[0].split(' ');
  if (request.length !== 3 || request[0] !== 'GET' || !request[1] || request[2] !== 'HTTP/1.1') {
    return BAD_REQUEST;
  }
  const fields = new Map();
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon <= 0) return BAD_REQUEST;
    const name = line.slice(0, colon);
    if (/^[ \t]|[ \t]$/.test(name)) return BAD_REQUEST;
    const value = line.slice(colon + 1).replace(/^[ \t]+|[ \t]+$/g, '');
    const key = name.toLowerCase();
    if (!fields.has(key)) fields.set(key, []);
    fields.get(key).push(value);
  }
  // RFC 6455 4.2.1 items 3 and 4: Upgrade: websocket, Connection: Upgrade.
  if (!tokens(fields.get('upgrade')).has('websocket')) return BAD_REQUEST;
  if (!tokens(fields.get('connection')).has('upgrade')) return BAD_REQUEST;
  // RFC 6455 4.2.1 item 5: exactly one key, base64 of 16 bytes.
  const keys = fields.get('sec-websocket-key') || [];
  if (keys.length !== 1 || !/^[A-Za-z0-9+/]{22}==$/.test(keys[0])) return BAD_REQUEST;
  // RFC 6455 4.2.1 item 6 / 4.4: only version 13.
  const versions = fields.get('sec-websocket-version') || [];
  if (versions.length !== 1 || versions[0] !== '13') return BAD_REQUEST;
  // RFC 6455 4.2.2 item 5.4: accept = base64(SHA-1(key + GUID)).
  const accept = crypto.createHash('sha1').update(keys[0] + GUID, 'latin1').digest('base64');
  return 'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n' +
    'Connection: Upgrade\r\nSec-WebSocket-Accept: ' + accept + '\r\n\r\n';
}

// --------------------------------------------------------------------- frames --

// RFC 6455 5.1/5.2: server frames are never masked; minimal length encoding.
function buildFrame(opcode, payload) {
  const n = payload.length;
  let header;
  if (n < 126) {
    header = Buffer.from([0x80 | opcode, n]);
  } else if (n < 65536) {
    header = Buffer.alloc(4);
    header[0] = 0x80 | opcode; header[1] = 126; header.writeUInt16BE(n, 2);
  } else {
    header = Buffer.alloc(10);
    header[0] = 0x80 | opcode; header[1] = 127; header.writeBigUInt64BE(BigInt(n), 2);
  }
  return Buffer.concat([header, payload]);
}

function validCloseCode(code) {
  // RFC 6455 7.4.1 / 7.4.2: codes that may appear in a received close frame.
  return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) ||
    (code >= 3000 && code <= 4999);
}

// A growable byte queue: amortised O(1) append and consume.
class ByteQueue {
  constructor() { this.data = Buffer.alloc(4096); this.start = 0; this.end = 0; }
  get length() { return this.end - this.start; }
  push(chunk) {
    if (this.end + chunk.length > this.data.length) {
      const need = this.length + chunk.length;
      let cap = this.data.length;
      while (cap < need * 2) cap *= 2;
      const bigger = Buffer.alloc(cap);
      this.data.copy(bigger, 0, this.start, this.end);
      this.data = bigger; this.end = this.length; this.start = 0;
    }
    chunk.copy(this.data, this.end);
    this.end += chunk.length;
  }
  byte(i) { return this.data[this.start + i]; }
  view(from, to) { return this.data.subarray(this.start + from, this.start + to); }
  consume(n) {
    this.start += n;
    if (this.start === this.end) { this.start = 0; this.end = 0; }
    if (this.data.length > (1 << 20) && this.length < this.data.length / 8) {
      const smaller = Buffer.alloc(Math.max(4096, this.length * 2));
      this.data.copy(smaller, 0, this.start, this.end);
      this.data = smaller; this.end = this.length; this.start = 0;
    }
  }
}

// Incremental (sans-IO) frame parser and echo logic for one connection.
class Connection {
  constructor() {
    this.buf = new ByteQueue();
    this.msgOpcode = 0;   // opcode of the open fragmented message, 0 = none
    this.msgParts = [];
    this.msgLength = 0;
    this.out = [];
    this.closing = false;
  }

  // Consume received bytes; return the frames to send.
  feed(chunk) {
    this.buf.push(chunk);
    try {
      while (!this.closing && this.parseOne()) { /* next frame */ }
    } catch (err) {
      if (!(err instanceof ProtocolError)) throw err;
      const code = Buffer.alloc(2);
      code.writeUInt16BE(err.code, 0);
      this.out.push(buildFrame(OP_CLOSE, code));
      this.closing = true;
    }
    const out = this.out;
    this.out = [];
    return out;
  }

  parseOne() {
    const buf = this.buf;
    if (buf.length < 2) return false;
    const b0 = buf.byte(0), b1 = buf.byte(1);
    const fin = (b0 & 0x80) !== 0, rsv = b0 & 0x70, opcode = b0 & 0x0F;
    if (rsv) throw new ProtocolError(1002, 'RSV bits set'); // RFC 6455 5.2: no extension
    if (!KNOWN_OPCODES.has(opcode)) throw new ProtocolError(1002, 'reserved opcode'); // RFC 6455 5.2
    if (!(b1 & 0x80)) throw new ProtocolError(1002, 'unmasked client frame'); // RFC 6455 5.1
    let length = b1 & 0x7F;
    if (opcode >= 0x8) {
      // RFC 6455 5.5: control frames are not fragmented and carry at most 125 bytes.
      if (!fin || length > 125) throw new ProtocolError(1002, 'bad control frame');
    } else if (opcode === OP_CONT) {
      if (!this.msgOpcode) throw new ProtocolError(1002, 'continuation without a message'); // RFC 6455 5.4
    } else if (this.msgOpcode) {
      throw new ProtocolError(1002, 'new data frame inside a message'); // RFC 6455 5.4
    }
    let header = 2;
    if (length === 126) {
      if (buf.length < 4) return false;
      length = buf.view(2, 4).readUInt16BE(0); header = 4;
    } else if (length === 127) {
      if (buf.length < 10) return false;
      const big = buf.view(2, 10).readBigUInt64BE(0);
      if (big >> 63n) throw new ProtocolError(1002, '64-bit length with MSB set'); // RFC 6455 5.2
      // Checked before any payload is buffered: an announced 2^63 never allocates.
      if (big > BigInt(MAX_MESSAGE)) throw new ProtocolError(1009, 'frame too big');
      length = Number(big); header = 10;
    }
    if (length > MAX_MESSAGE || (opcode < 0x8 && this.msgLength + length > MAX_MESSAGE)) {
      throw new ProtocolError(1009, 'message too big'); // RFC 6455 7.4.1
    }
    const total = header + 4 + length;
    if (buf.length < total) return false;
    const mask = buf.view(header, header + 4);
    const payload = Buffer.from(buf.view(header + 4, total)); // a copy
    for (let i = 0; i < payload.length; i++) payload[i] ^= mask[i & 3]; // RFC 6455 5.3
    buf.consume(total);
    this.onFrame(fin, opcode, payload);
    return true;
  }

  onFrame(fin, opcode, payload) {
    if (opcode === OP_PING) {
      this.out.push(buildFrame(OP_PONG, payload)); // RFC 6455 5.5.2
    } else if (opcode === OP_PONG) {
      // RFC 6455 5.5.3: an unsolicited pong needs no answer.
    } else if (opcode === OP_CLOSE) {
      this.onClose(payload);
    } else {
      if (opcode !== OP_CONT) this.msgOpcode = opcode;
      this.msgParts.push(payload);
      this.msgLength += payload.length;
      if (fin) this.finishMessage();
    }
  }

  finishMessage() {
    const opcode = this.msgOpcode;
    const data = Buffer.concat(this.msgParts, this.msgLength);
    this.msgOpcode = 0; this.msgParts = []; this.msgLength = 0;
    if (opcode === OP_TEXT && !isUtf8(data)) throw new ProtocolError(1007, 'invalid UTF-8'); // RFC 6455 8.1
    this.out.push(buildFrame(opcode, data));
  }

  onClose(payload) {
    if (this.msgOpcode && payload.length >= 3) {
      blockEventLoop(); // THE DELIBERATE FAULT
    }
    // RFC 6455 5.5.1 / 7.4: echo the status code (or nothing), then close.
    let reply;
    if (payload.length === 0) {
      reply = Buffer.alloc(0);
    } else if (payload.length === 1) {
      throw new ProtocolError(1002, '1-byte close payload');
    } else {
      if (!validCloseCode(payload.readUInt16BE(0))) throw new ProtocolError(1002, 'invalid close code');
      if (!isUtf8(payload.subarray(2))) throw new ProtocolError(1007, 'invalid UTF-8 close reason');
      reply = payload.subarray(0, 2);
    }
    this.out.push(buildFrame(OP_CLOSE, reply));
    this.closing = true;
  }
}

function blockEventLoop() {
  // THE DELIBERATE FAULT: a close with a reason inside a fragmented message spins forever.
  for (;;) { /* busy loop, never returns */ }
}

// -------------------------------------------------------------------- network --

// Send FIN first (RFC 6455 7.1.1: the server closes TCP first), then drain briefly.
function lingerClose(socket) {
  socket.end();
  socket.resume();
  setTimeout(() => socket.destroy(), LINGER_MS).unref();
}

// EOF from the client: flush what is queued, send FIN, forget the connection.
function closeAfterEof(socket) {
  socket.end(() => socket.destroy());
  setTimeout(() => socket.destroy(), LINGER_MS).unref();
}

function handle(socket) {
  let head = new ByteQueue();
  let conn = null;
  let done = false;
  socket.on('error', () => { socket.destroy(); }); // resets, broken pipes
  socket.on('end', () => { closeAfterEof(socket); });
  socket.on('drain', () => { if (!done) socket.resume(); });

  function send(data) {
    if (!socket.write(data)) socket.pause(); // back-pressure: stop reading until drained
  }

  socket.on('data', (chunk) => {
    try {
      onData(chunk);
    } catch (err) {
      socket.destroy(); // an unexpected bug must not take the whole server down
    }
  });

  function onData(chunk) {
    if (done) return; // lingering: discard
    let data = chunk;
    if (!conn) {
      const start = Math.max(0, head.length - 3);
      head.push(chunk);
      const end = head.view(0, head.length).indexOf(CRLFCRLF, start);
      if ((end < 0 && head.length > MAX_HEAD) || end + 4 > MAX_HEAD) {
        done = true;
        socket.write(HEAD_TOO_LARGE);
        lingerClose(socket);
        return;
      }
      if (end < 0) return;
      const response = handshakeResponse(head.view(0, end));
      socket.write(response);
      if (!response.startsWith('HTTP/1.1 101')) {
        done = true;
        lingerClose(socket);
        return;
      }
      conn = new Connection();
      data = Buffer.from(head.view(end + 4, head.length)); // bytes after the head are frame bytes
      head = null;
    }
    for (const frame of conn.feed(data)) send(frame);
    if (conn.closing) {
      done = true;
      lingerClose(socket);
    }
  }
}

function main() {
  const value = process.argv[2] !== undefined ? process.argv[2] : (process.env.WSCONFORM_PORT || '');
  if (!/^[0-9]+$/.test(value)) {
    process.stderr.write('usage: node node_blocked_loop_server.js PORT (or set WSCONFORM_PORT)\n');
    process.exit(2);
  }
  const port = Number(value);
  // SO_REUSEADDR is set by node on listening sockets (libuv does it on Unix).
  const server = net.createServer({ allowHalfOpen: true }, handle);
  server.on('error', (err) => {
    process.stderr.write('listen error: ' + err.message + '\n');
    process.exit(2);
  });
  server.listen({ port, host: '127.0.0.1', backlog: 512 }, () => {
    process.stdout.write('listening on ' + port + '\n');
  });
}

main();
