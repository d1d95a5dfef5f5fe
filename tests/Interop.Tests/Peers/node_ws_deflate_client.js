#!/usr/bin/env node
// Interop client on the npm `ws` library with permessage-deflate: runs the deflate exchange (deflate_exchange.js)
// against an echo server. Usage: node node_ws_deflate_client.js ws://127.0.0.1:PORT/ '{"serverNoContextTakeover":true}'
// The JSON is ws's perMessageDeflate option object (threshold defaults to 0 here, so every message is compressed).
// Exit 0 and a one-line JSON summary on stdout (with the negotiated extensions) on success; exit 1 and a reason otherwise.
'use strict';

const crypto = require('node:crypto');
const WebSocket = require('ws');
const { messages } = require('./deflate_exchange');

const OVERALL_TIMEOUT_MS = 60_000;
const STEP_TIMEOUT_MS = 30_000;

function fail(message) {
  process.stderr.write(`node_ws_deflate_client: FAIL: ${message}\n`);
  process.exit(1);
}

const [url, optionsJson = '{}'] = process.argv.slice(2);
if (!url) fail("usage: node node_ws_deflate_client.js ws://host:port/ '{perMessageDeflate options}'");
let options;
try {
  options = { threshold: 0, ...JSON.parse(optionsJson) };
} catch (error) {
  fail(`options are not JSON: ${error.message}`);
}

setTimeout(() => fail(`overall timeout of ${OVERALL_TIMEOUT_MS} ms exceeded`), OVERALL_TIMEOUT_MS).unref();

function next(queue, what) {
  if (queue.items.length > 0) return Promise.resolve(queue.items.shift());
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), STEP_TIMEOUT_MS);
    queue.waiters.push((item) => {
      clearTimeout(timer);
      resolve(item);
    });
  });
}

async function run() {
  const queue = { items: [], waiters: [] };
  const push = (item) => {
    const waiter = queue.waiters.shift();
    if (waiter) waiter(item);
    else queue.items.push(item);
  };
  const socket = new WebSocket(url, { maxPayload: 64 * 1024 * 1024, perMessageDeflate: options, handshakeTimeout: STEP_TIMEOUT_MS });
  socket.on('message', (data, isBinary) => push({ type: 'message', data, isBinary }));
  socket.on('close', (code, reason) => push({ type: 'close', code, reason: reason.toString('utf8') }));
  socket.on('error', (error) => push({ type: 'error', error }));
  // socket.extensions names the extensions only; the response header has their parameters.
  let extensions = '';
  socket.once('upgrade', (response) => {
    extensions = response.headers['sec-websocket-extensions'] ?? '';
  });
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });

  if (!extensions.startsWith('permessage-deflate')) throw new Error(`permessage-deflate was not negotiated (extensions: ${JSON.stringify(extensions)})`);

  const hash = crypto.createHash('sha256');
  let bytes = 0;
  const list = messages();
  for (const [index, message] of list.entries()) {
    socket.send(message.data, { binary: message.binary, compress: true });
    const sent = Buffer.isBuffer(message.data) ? message.data : Buffer.from(message.data, 'utf8');
    const event = await next(queue, `the echo of message ${index}`);
    if (event.type !== 'message') throw new Error(`message ${index}: expected its echo, got ${event.type} ${event.code ?? event.error?.message ?? ''}`);
    if (event.isBinary !== message.binary) throw new Error(`message ${index}: echoed as ${event.isBinary ? 'binary' : 'text'}`);
    if (!event.data.equals(sent)) throw new Error(`message ${index}: the echo differs (${event.data.length} bytes, sent ${sent.length})`);
    hash.update(sent);
    bytes += sent.length;
  }

  socket.close(1000, 'done');
  const close = await next(queue, 'the close');
  if (close.type !== 'close' || close.code !== 1000) throw new Error(`expected close 1000, got ${close.type} ${close.code ?? ''}`);
  return { peer: 'node-ws-deflate-client', ws: require('ws/package.json').version, extensions, messages: list.length, bytes, sha256: hash.digest('hex') };
}

run().then(
  (summary) => {
    process.stdout.write(`${JSON.stringify(summary)}\n`);
    process.exit(0);
  },
  (error) => fail(error && error.message ? error.message : String(error)),
);
