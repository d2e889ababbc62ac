// Redaction through the library's stream, chunk by chunk as given (each chunk reaches the
// transform on its own, so a test's cut points are the ones the stream sees).
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createRedactStream } from '../../dist/redact/index.js';

/** @param {Array<Buffer|string>} chunks @param {object} [opts] createRedactStream's options */
export async function redactThroughStream(chunks, opts) {
  const s = createRedactStream(opts);
  const out = [];
  const sink = new Writable({
    write(c, _e, cb) {
      out.push(c);
      cb();
    },
  });
  await pipeline(Readable.from(chunks), s, sink);
  return { text: Buffer.concat(out).toString('utf8'), counts: { ...s.counts } };
}

/**
 * `text`'s UTF-8 bytes cut at the given offsets (taken modulo its length, deduplicated,
 * sorted; a cut may fall inside a character), as non-empty chunks.
 * @param {string} text @param {number[]} rawCuts
 */
export function chunksAt(text, rawCuts) {
  const buf = Buffer.from(text, 'utf8');
  const cuts = [...new Set(rawCuts.map((c) => (buf.length ? c % buf.length : 0)))].filter((c) => c > 0).sort((a, b) => a - b);
  const chunks = [];
  let prev = 0;
  for (const c of cuts) {
    chunks.push(buf.subarray(prev, c));
    prev = c;
  }
  chunks.push(buf.subarray(prev));
  return chunks.filter((c) => c.length);
}
