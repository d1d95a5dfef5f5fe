#!/usr/bin/env node
// Interop client built on the npm `ws` library: runs the scripted exchange against an echo server.
// Usage: node node_ws_client.js ws://127.0.0.1:PORT/ [--deflate]
// Exit 0 and a one-line JSON summary on stdout on success; exit 1 and a reason on stderr otherwise.
'use strict';

const crypto = require('node:crypto');
const WebSocket = require('ws');

const OVERALL_TIMEOUT_MS = 60_000;
const STEP_TIMEOUT_MS = 30_000;
const CLOSE_TIMEOUT_MS = 10_000;
const LARGE_SIZE = 16 * 1024 * 1024;
const TEXT = 'Hello, wsconform \u2713';
const FRAGMENTS = ['frag-1 ', 'frag-2 ', 'frag-3'];
const PING_PAYLOAD = 'ping-payload';

function fail(message) {
  process.stderr.write(`node_ws_client: FAIL: ${message}\n`);
  process.exit(1);
}

const deflate = process.argv.includes('--deflate');
const url = process.argv.slice(2).find((arg) => arg !== '--deflate');
if (!url) fail('usage: node node_ws_client.js ws://host:port/ [--deflate]');

setTimeout(() => fail(`overall timeout of ${OVERALL_TIMEOUT_MS} ms exceeded`), OVERALL_TIMEOUT_MS).unref();

function pattern(length) {
  const buffer = Buffer.allocUnsafe(length);
  for (let i = 0; i < length; i++) buffer[i] = (i * 31) % 251;
  return buffer;
}

function sha256(buffer) {
  return crypto.createHash('sha256').update(buffer).digest('hex');
}

// Every event the socket raises goes into one queue; the script takes them in order.
class EventQueue {
  constructor() {
    this.items = [];
    this.waiters = [];
  }

  push(item) {
    const waiter = this.waiters.shift();
    if (waiter) waiter(item);
    else this.items.push(item);
  }

  next(what, timeoutMs = STEP_TIMEOUT_MS) {
    if (this.items.length > 0) return Promise.resolve(this.items.shift());
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)), timeoutMs);
      this.waiters.push((item) => {
        clearTimeout(timer);
        resolve(item);
      });
    });
  }
}

function describe(event) {
  if (event.type === 'message') return `${event.isBinary ? 'binary' : 'text'} message of ${event.data.length} bytes`;
  if (event.type === 'close') return `close ${event.code} ${JSON.stringify(event.reason)}`;
  if (event.type === 'error') return `error ${event.error.message}`;
  return event.type;
}

async function expectMessage(queue, what, isBinary) {
  const event = await queue.next(what);
  if (event.type !== 'message') throw new Error(`expected ${what}, got ${describe(event)}`);
  if (event.isBinary !== isBinary) throw new Error(`expected ${what}, got ${describe(event)}`);
  return event.data;
}

async function run() {
  const queue = new EventQueue();
  const socket = new WebSocket(url, { maxPayload: 128 * 1024 * 1024, perMessageDeflate: deflate, handshakeTimeout: STEP_TIMEOUT_MS });
  socket.on('message', (data, isBinary) => queue.push({ type: 'message', data, isBinary }));
  socket.on('pong', (data) => queue.push({ type: 'pong', data }));
  socket.on('close', (code, reason) => queue.push({ type: 'close', code, reason: reason.toString('utf8') }));
  socket.on('error', (error) => queue.push({ type: 'error', error }));

  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });

  // 1. Text.
  socket.send(TEXT);
  const text = (await expectMessage(queue, 'the text echo', false)).toString('utf8');
  if (text !== TEXT) throw new Error(`text echo differs: ${JSON.stringify(text)}`);

  // 2. Binary 0..255.
  const bytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
  socket.send(bytes);
  const binary = await expectMessage(queue, 'the binary echo', true);
  if (!binary.equals(bytes)) throw new Error(`binary echo differs (${binary.length} bytes)`);

  // 3. Fragmented text: first frame text with FIN clear, then continuations, the last with FIN set.
  FRAGMENTS.forEach((fragment, index) => socket.send(fragment, { binary: false, fin: index === FRAGMENTS.length - 1 }));
  const whole = (await expectMessage(queue, 'the fragmented text echo', false)).toString('utf8');
  if (whole !== FRAGMENTS.join('')) throw new Error(`fragmented echo differs: ${JSON.stringify(whole)}`);

  // 4. 16 MiB binary.
  const large = pattern(LARGE_SIZE);
  socket.send(large);
  const largeEcho = await expectMessage(queue, 'the 16 MiB echo', true);
  if (largeEcho.length !== large.length) throw new Error(`16 MiB echo has ${largeEcho.length} bytes`);
  if (sha256(largeEcho) !== sha256(large)) throw new Error('16 MiB echo differs (SHA-256)');

  // 5. Ping with payload, pong with the same payload.
  socket.ping(Buffer.from(PING_PAYLOAD, 'utf8'));
  const pong = await queue.next('the pong');
  if (pong.type !== 'pong') throw new Error(`expected the pong, got ${describe(pong)}`);
  if (pong.data.toString('utf8') !== PING_PAYLOAD) throw new Error(`pong payload differs: ${JSON.stringify(pong.data.toString('utf8'))}`);

  // 6. Close 1000 "done"; the close event comes after both close frames and the TCP close.
  socket.close(1000, 'done');
  const close = await queue.next('the close handshake (the peer\'s close frame and the TCP close)', CLOSE_TIMEOUT_MS);
  if (close.type !== 'close') throw new Error(`expected the close, got ${describe(close)}`);
  if (close.code !== 1000) throw new Error(`peer closed with code ${close.code} (reason ${JSON.stringify(close.reason)}), expected 1000`);

  return {
    peer: 'node-ws-client',
    ws: require('ws/package.json').version,
    text: true,
    binary: 256,
    fragmented: FRAGMENTS.length,
    large: LARGE_SIZE,
    largeSha256: sha256(large),
    pong: PING_PAYLOAD,
    closeCode: close.code,
    closeReason: close.reason,
  };
}

run().then(
  (summary) => {
    process.stdout.write(`${JSON.stringify(summary)}\n`);
    process.exit(0);
  },
  (error) => fail(error && error.message ? error.message : String(error)),
);
