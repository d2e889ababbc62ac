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
