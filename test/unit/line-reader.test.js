// The streamed snapshot read (fs/line-reader.ts): lines cut at any read boundary, UTF-8
// characters split across two reads, and the last line with or without its newline.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LineReader } from '../../dist/fs/line-reader.js';

async function readAll(file, chunk) {
  const fh = await open(file, 'r');
  try {
    const r = new LineReader(fh, chunk);
    const out = [];
    for (let l = await r.next(); l !== undefined; l = await r.next()) out.push(l);
    return out;
  } finally {
    await fh.close();
  }
}

test('the same lines whatever the read size, split characters included', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'b3iq-lines-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'f');
  const text = ['{"a":"żółw ☃ 𝄞"}', '', 'x'.repeat(50), '{"b":1}'].join('\n');
  for (const tail of ['', '\n']) {
    writeFileSync(file, text + tail);
    const want = text.split('\n').map((s, i, all) => ({ text: s, ended: i < all.length - 1 || tail === '\n' }));
    for (const chunk of [1, 2, 3, 5, 7, 16, 64, 4096]) assert.deepEqual(await readAll(file, chunk), want, `chunk ${chunk}, tail ${JSON.stringify(tail)}`);
  }
  writeFileSync(file, '');
  assert.deepEqual(await readAll(file, 4), []);
});
