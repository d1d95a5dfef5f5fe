#!/usr/bin/env node
// Echo server built on the npm `ws` library, for the interop tests.
// Usage: node node_ws_server.js [PORT] [--deflate] [--deflate-options JSON]   (0 or nothing = ephemeral port)
// --deflate-options takes ws's perMessageDeflate option object (it turns permessage-deflate on).
// Binds 127.0.0.1 only, prints exactly one line `LISTENING <port>` when ready,
// echoes text as text and binary as binary, unchanged. `ws` answers pings itself.
'use strict';

const { WebSocketServer } = require('ws');

const args = process.argv.slice(2);
const optionsAt = args.indexOf('--deflate-options');
let deflate = args.includes('--deflate');
if (optionsAt >= 0) {
  try {
    deflate = JSON.parse(args[optionsAt + 1] ?? '');
  } catch (error) {
    process.stderr.write(`node_ws_server: --deflate-options is not JSON: ${error.message}\n`);
    process.exit(2);
  }
}
const portArg = args.find((arg, index) => arg !== '--deflate' && (optionsAt < 0 || (index !== optionsAt && index !== optionsAt + 1))) ?? '0';
const port = /^\d+$/.test(portArg) ? Number.parseInt(portArg, 10) : Number.NaN;
if (!Number.isInteger(port) || port > 65535) {
  process.stderr.write(`node_ws_server: invalid port argument ${JSON.stringify(portArg)}\n`);
  process.exit(2);
}

const server = new WebSocketServer({
  host: '127.0.0.1',
  port,
  maxPayload: 128 * 1024 * 1024,
  perMessageDeflate: deflate,
});

server.on('listening', () => {
  process.stdout.write(`LISTENING ${server.address().port}\n`);
});

server.on('error', (err) => {
  process.stderr.write(`node_ws_server: ${err.stack ?? err}\n`);
  process.exit(1);
});

server.on('connection', (socket) => {
  socket.on('message', (data, isBinary) => {
    socket.send(data, { binary: isBinary });
  });
  socket.on('error', (err) => {
    process.stderr.write(`node_ws_server: connection error: ${err.message}\n`);
  });
});

function shutdown(signal) {
  for (const client of server.clients) {
    client.terminate();
  }
  server.close(() => process.exit(0));
  // Never hang on shutdown.
  setTimeout(() => process.exit(0), 2000).unref();
  process.stderr.write(`node_ws_server: ${signal}, shutting down\n`);
}

process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
