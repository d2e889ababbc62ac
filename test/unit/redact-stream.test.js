// The stream gives exactly what redact() gives, however the input is chunked: secrets
// straddling chunk boundaries, PEM blocks across chunks, UTF-8 split mid-character.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { redact, createRedactStream, MAX_LINE } from '../../dist/redact/index.js';
import { chunksAt, redactThroughStream } from '../helpers/redact-stream.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'redact');
const OPTS = { homeDir: '/home/margot', configHome: '/home/margot/.config/b3iq' };
const canaries = JSON.parse(readFileSync(join(dir, 'canaries.json'), 'utf8'));
const files = [...new Set(canaries.map((c) => c.file))].sort();
const corpus = files.map((f) => readFileSync(join(dir, f), 'utf8')).join('');

const viaStream = (chunks, opts = OPTS) => redactThroughStream(chunks, opts);

// a small sample with a secret of every shape that can straddle a boundary, a PEM block,
// multi-byte UTF-8 and CRLF
const SAMPLE = [
  `naïve café ✓ key b3iq_local_${'Ab3'.repeat(16)}x and jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2lnbmF0dXJl\r`,
  'Authorization: Bearer abcdefghijklmnop1234567890',
  '-----BEGIN PRIVATE KEY-----',
  'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7',
  '-----END PRIVATE KEY-----',
  `{"prompt":"top secret plan","ip":"10.2.3.4","mail":"dana@acme.example","tx":"0x${'cd'.repeat(32)}"}`,
  'private_key: |',
  '  AAAABBBBCCCC',
  'done 🎉',
].join('\n');

test('every split offset of a sample (bytes, so UTF-8 is cut mid-character too)', async () => {
  const buf = Buffer.from(SAMPLE, 'utf8');
  const want = redact(SAMPLE, OPTS);
  for (let i = 1; i < buf.length; i++) {
    const got = await viaStream(chunksAt(SAMPLE, [i]));
    assert.equal(got.text, want.text, `split at byte ${i}`);
    assert.deepEqual(got.counts, want.counts, `counts, split at byte ${i}`);
  }
});

test('every pair of split offsets around a token (three chunks)', async () => {
  const buf = Buffer.from(SAMPLE, 'utf8');
  const want = redact(SAMPLE, OPTS).text;
  const start = buf.indexOf('b3iq_local_');
  for (let i = start - 2; i < start + 30; i++) {
    for (let j = i + 1; j < start + 60; j += 3) {
      assert.equal((await viaStream(chunksAt(SAMPLE, [i, j]))).text, want, `split at ${i},${j}`);
    }
  }
});

test('random chunkings of the whole corpus give the same output as redact()', async (t) => {
  const buf = Buffer.from(corpus, 'utf8');
  const want = redact(corpus, OPTS);
  let seed = 7;
  const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 0x100000000;
  for (let round = 0; round < 40; round++) {
    const max = [1, 3, 17, 64, 512, 4096][round % 6];
    const cuts = [];
    for (let p = 0; p < buf.length; ) {
      p += 1 + Math.floor(rnd() * max);
      if (p < buf.length) cuts.push(p);
    }
    const got = await viaStream(chunksAt(corpus, cuts));
    assert.equal(got.text, want.text, `round ${round}`);
    assert.deepEqual(got.counts, want.counts);
  }
  t.diagnostic(`40 random chunkings of ${buf.length} bytes: identical`);
});

test('counts are on the stream after finish', async () => {
  const s = createRedactStream();
  s.resume();
  s.end('user@example.com and b3iq_gateway_' + 'x'.repeat(30) + '\n');
  await new Promise((r) => s.on('end', r));
  assert.deepEqual({ ...s.counts }, { email: 1, 'gateway-key': 1 });
});

test('an overlong line across many chunks: same as redact(), bounded output, nothing leaks', async () => {
  const secret = 'b3iq_support_' + 'S'.repeat(49);
  const text = 'head ' + 'lorem ipsum '.repeat(Math.ceil(MAX_LINE / 12)) + secret + ' ' + 'z'.repeat(MAX_LINE) + '\nnext b3iq_setup_' + 'T'.repeat(30) + '\n';
  const want = redact(text, OPTS);
  const buf = Buffer.from(text);
  const cuts = [];
  for (let p = 65_536; p < buf.length; p += 65_536 + 7) cuts.push(p);
  const got = await viaStream(chunksAt(text, cuts));
  assert.equal(got.text, want.text);
  assert.ok(!got.text.includes('SSSS') && !got.text.includes('TTTT'));
  assert.ok(got.text.length < MAX_LINE + 200);
});

test('constant memory: 48 MiB through the stream without holding it', async (t) => {
  const line = `{"ts":"2025-03-01T10:00:00Z","msg":"ok","ip":"10.0.0.9","key":"b3iq_local_${'k'.repeat(49)}","n":1}\n`;
  const chunk = Buffer.from(line.repeat(Math.ceil(65_536 / line.length)));
  const total = 48 * 1024 * 1024;
  let sent = 0;
  const src = new Readable({
    read() {
      if (sent >= total) this.push(null);
      else {
        sent += chunk.length;
        this.push(chunk);
      }
    },
  });
  let outBytes = 0;
  let leaked = false;
  const sink = new Writable({
    write(c, _e, cb) {
      outBytes += c.length;
      if (c.includes('kkkkkkkk')) leaked = true;
      cb();
    },
  });
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const t0 = performance.now();
  await pipeline(src, createRedactStream(), sink);
  clearInterval(timer);
  const secs = (performance.now() - t0) / 1000;
  t.diagnostic(`48 MiB in ${secs.toFixed(2)} s (${(48 / secs).toFixed(1)} MiB/s), rss growth ${((peak - before) / 1048576).toFixed(0)} MiB`);
  assert.ok(!leaked);
  assert.ok(outBytes > 0);
  assert.ok(peak - before < 160 * 1024 * 1024, 'memory grew with input');
});
