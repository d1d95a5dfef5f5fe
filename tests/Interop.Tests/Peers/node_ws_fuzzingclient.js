#!/usr/bin/env node
// Autobahn fuzzingserver driver for the npm `ws` library.
// Usage: node node_ws_fuzzingclient.js BASE_URL AGENT [--no-deflate] [--case-timeout S]
// BASE_URL is the fuzzing server, e.g. ws://127.0.0.1:9001 (a trailing slash is fine).
// Runs /getCaseCount, then /runCase?case=i&agent=AGENT for i = 1..N echoing every message back
// with the same type, then /updateReports?agent=AGENT. perMessageDeflate is offered unless --no-deflate.
// Stdout: "case i/N: done" (closed with 1000/1001), or "case i/N: <error or close code>" per case,
// then "DONE N". Exit 0 when the protocol ran to the end (even if cases failed), 2 when the case
// count could not be read, 1 when /updateReports failed or on bad usage.
'use strict';

const WebSocket = require('ws');

const CONTROL_TIMEOUT_MS = 30_000; // for /getCaseCount and /updateReports
const MAX_PAYLOAD = 2 ** 25; // 32 MiB: larger than any Autobahn case (9.x tops out at 16 MiB)

function parseArgs(argv) {
  const options = { deflate: true, caseTimeoutMs: 60_000, positional: [] };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--no-deflate') options.deflate = false;
    else if (argv[i] === '--case-timeout') options.caseTimeoutMs = Number(argv[++i]) * 1000;
    else options.positional.push(argv[i]);
  }
  if (options.positional.length !== 2 || !(options.caseTimeoutMs > 0)) {
    process.stdout.write('usage: node node_ws_fuzzingclient.js BASE_URL AGENT [--no-deflate] [--case-timeout S]\n');
    process.exit(1);
  }
  return options;
}

// Opens one connection, echoes every message, and resolves (never rejects) once it is over:
// { first, code, reason } on a close (first = the first message, for /getCaseCount), or { error }.
// ws always emits 'close' after 'error' (also for a failed handshake), so 'close' ends the case;
// the timer terminates a hung connection, which then emits 'close' too.
function runConnection(url, deflate, timeoutMs) {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { perMessageDeflate: deflate, maxPayload: MAX_PAYLOAD });
    const result = { first: null };
    const timer = setTimeout(() => {
      result.error = result.error || `timeout: no close within ${timeoutMs / 1000} s`;
      ws.terminate();
    }, timeoutMs);
    ws.on('message', (data, isBinary) => {
      if (result.first === null) result.first = data; // keep only the first: cases send megabytes
      // `data` is a Buffer for text too: { binary: false } sends it back as text, byte for byte.
      ws.send(data, { binary: isBinary }, () => {}); // a send on a dying socket errors into the callback
    });
    ws.on('error', (error) => {
      result.error = result.error || `${error.code || error.name}: ${error.message}`;
    });
    ws.on('close', (code, reason) => {
      clearTimeout(timer);
      result.code = code;
      result.reason = reason.toString();
      resolve(result);
    });
  });
}

function describe(result) {
  if (result.error) return result.error;
  if (result.code === 1000 || result.code === 1001) return 'done';
  return `closed ${result.code} ${JSON.stringify(result.reason)}`;
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const base = options.positional[0].replace(/\/+$/, '');
  const agent = encodeURIComponent(options.positional[1]);

  const first = await runConnection(`${base}/getCaseCount`, options.deflate, CONTROL_TIMEOUT_MS);
  // Number('') is 0, so an empty message must not count as 0 cases.
  const text = first.first === null ? '' : first.first.toString().trim();
  const count = text === '' ? NaN : Number(text);
  if (!Number.isInteger(count) || count < 0) {
    process.stdout.write(`getCaseCount: ${first.error || `no case count (close ${first.code})`}\n`);
    return 2;
  }

  for (let i = 1; i <= count; i++) {
    const url = `${base}/runCase?case=${i}&agent=${agent}`;
    const result = await runConnection(url, options.deflate, options.caseTimeoutMs);
    process.stdout.write(`case ${i}/${count}: ${describe(result)}\n`);
  }

  const last = await runConnection(`${base}/updateReports?agent=${agent}`, options.deflate, CONTROL_TIMEOUT_MS);
  if (last.error) {
    process.stdout.write(`updateReports: ${last.error}\n`);
    return 1;
  }
  process.stdout.write(`DONE ${count}\n`);
  return 0;
}

main().then((code) => {
  process.exitCode = code;
});
