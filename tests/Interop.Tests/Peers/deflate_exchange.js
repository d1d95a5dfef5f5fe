// The permessage-deflate exchange the deflate interop clients run (see DeflateExchange.cs for the same list in C#):
// small texts repeated (so context takeover matters), JSON-like text of 64 KiB and 1 MiB, small and 1 MiB binary,
// and empty messages; every message is expected back byte for byte.
'use strict';

const TEXT = 'Hello, wsconform \u2713';

function jsonText(size) {
  const records = [];
  let length = 2;
  for (let i = 0; length < size; i++) {
    const record = `{"id":${i},"name":"user-${i}","active":${i % 2 === 0},"score":${(i * 37) % 1000},"tags":["ws","deflate"]}`;
    records.push(record);
    length += record.length + 1;
  }
  return `[${records.join(',')}]`;
}

function pattern(length) {
  const buffer = Buffer.allocUnsafe(length);
  for (let i = 0; i < length; i++) buffer[i] = ((i * 31) % 251) ^ ((i >> 12) & 0xff);
  return buffer;
}

function messages() {
  const small = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
  const json64k = jsonText(64 * 1024);
  const json1m = jsonText(1024 * 1024);
  const large = pattern(1024 * 1024);
  return [
    { binary: false, data: TEXT },
    { binary: false, data: TEXT },
    { binary: false, data: TEXT },
    { binary: false, data: json64k },
    { binary: false, data: json64k },
    { binary: true, data: small },
    { binary: true, data: small },
    { binary: true, data: large },
    { binary: true, data: large },
    { binary: false, data: json1m },
    { binary: false, data: '' },
    { binary: true, data: Buffer.alloc(0) },
    { binary: false, data: TEXT },
  ];
}

module.exports = { messages };
