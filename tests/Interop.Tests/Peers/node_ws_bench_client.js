#!/usr/bin/env node
// The same closed echo loop as `wsconform bench`, written on the npm `ws` client, to check that wsconform's load
// generator is not the slower client. Each connection sends one binary message, waits for its echo, checks it, and
// sends the next; after a warm-up, it counts echoes for the duration.
// Usage: node node_ws_bench_client.js URL [--connections N] [--size BYTES] [--duration SECONDS] [--warmup SECONDS]
// Prints one JSON line: {"client":"ws <version>","connections":N,"size":B,"seconds":S,"messages":M,"messagesPerSecond":R,"wrongEchoes":W,"errors":E}
'use strict';

const WebSocket = require('ws');
const crypto = require('crypto');

const args = process.argv.slice(2);
const url = args[0];
function option(name, fallback) {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) : fallback;
}
const connections = option('--connections', 1);
const size = option('--size', 32);
const duration = option('--duration', 10);
const warmup = option('--warmup', 2);
if (!url || !Number.isInteger(connections) || connections < 1 || !Number.isInteger(size) || size < 0) {
  process.stderr.write('usage: node node_ws_bench_client.js URL [--connections N] [--size BYTES] [--duration S] [--warmup S]\n');
  process.exit(2);
}

let counting = false;
let stopping = false;
let messages = 0;
let wrong = 0;
let errors = 0;
let open = 0;
const sockets = [];

for (let i = 0; i < connections; i++) {
  const payload = crypto.randomBytes(size);
  const socket = new WebSocket(url, { perMessageDeflate: false });
  socket.binaryType = 'nodebuffer';
  sockets.push(socket);
  socket.on('open', () => {
    open++;
    socket.send(payload);
  });
  socket.on('message', (data) => {
    if (!payload.equals(data)) {
      wrong++;
    } else if (counting) {
      messages++;
    }
    if (!stopping) {
      socket.send(payload);
    }
  });
  socket.on('error', () => { errors++; });
}

setTimeout(() => {
  counting = true;
  const started = process.hrtime.bigint();
  setTimeout(() => {
    counting = false;
    stopping = true;
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const version = require('ws/package.json').version;
    process.stdout.write(JSON.stringify({ client: `ws ${version}`, connections, size, seconds, messages, messagesPerSecond: messages / seconds, wrongEchoes: wrong, errors, open }) + '\n');
    for (const socket of sockets) {
      socket.terminate();
    }
    process.exit(0);
  }, duration * 1000);
}, warmup * 1000);
