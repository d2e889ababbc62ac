// The stream's batch fast path (src/redact/batch-marks.ts) must change nothing: the flags it
// sweeps over many lines at once are exactly the prefilter's per-line flags, its keyword test
// is exactly the keyed pass's, and the stream (batches, any chunking) gives byte for byte what
// the plain per-line path (`redact()`) gives, multi-line states included.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from '../helpers/fc.js';
import { RULES, PATH_RULE_INDEX, pathRule } from '../../dist/redact/rules.js';
import { Prefilter } from '../../dist/redact/prefilter.js';
import { BatchMarker, chunkSafe } from '../../dist/redact/batch-marks.js';
import { KEYWORD_RE } from '../../dist/redact/key-names.js';
import { redact } from '../../dist/redact/index.js';
import { LINE_PROBES } from '../../dist/redact/line-probes.js';
import { chunksAt, redactThroughStream } from '../helpers/redact-stream.js';
import { generateLogs } from '../eval/gen-logs.mjs';
import { loadPeerCases } from '../eval/peers.mjs';

const rules = RULES.slice();
rules.splice(PATH_RULE_INDEX, 0, pathRule('/home/batch-user', '/srv/b3iq-config'));
const pf = new Prefilter(rules, LINE_PROBES);
const marker = new BatchMarker(pf);
const R = rules.length;
const HINTS = [
  { privateHint: false, tunnelHint: false },
  { privateHint: true, tunnelHint: false },
  { privateHint: false, tunnelHint: true },
];

/**
 * What the needs mean, read straight from each rule's declaration (the oracle both the
 * per-line prefilter and the batch rows must equal): flags, and whether any rule woke.
 */
function needsMark(line, hints) {
  const flags = new Uint8Array(R);
  let any = false;
  rules.forEach((rule, i) => {
    const n = rule.needs;
    const lits = n.lits ?? [];
    const woke =
      lits.some((l) => line.includes(l)) ||
      (n.hints === true && (hints.privateHint || hints.tunnelHint)) ||
      n.test?.test(line) === true ||
      (lits.length === 0 && !n.hints && !n.test);
    any ||= woke;
    if (woke && line.length >= (n.minLength ?? 0)) flags[i] = 1;
  });
  return { flags, any };
}

/** Lines joined by '\n' (some with a '\r' before it), cut into batches at `cuts`: every row as `mark` gives it. */
function checkBatch(lines, crs, cuts) {
  const seps = lines.map((_, i) => (crs[i % crs.length] ? '\r\n' : '\n'));
  const text = lines.map((l, i) => l + seps[i]).join('');
  const offsets = [];
  let p = 0;
  lines.forEach((l, i) => {
    offsets.push([p, p + l.length]);
    p += l.length + seps[i].length;
  });
  const bounds = [...new Set([0, ...cuts.map((c) => c % (lines.length + 1)), lines.length])].sort((a, b) => a - b);
  const kw = new RegExp(KEYWORD_RE.source, KEYWORD_RE.flags.replace('g', ''));
  for (let b = 0; b + 1 < bounds.length; b++) {
    const [lo, hi] = [bounds[b], bounds[b + 1]];
    const n = hi - lo;
    if (n === 0) continue;
    // the batch's own text: from its first line to its last line's break (as the stream slices it)
    const from = offsets[lo][0];
    const to = offsets[hi - 1][1] + (seps[hi - 1].length - 1);
    const batch = text.slice(from, to);
    const starts = Int32Array.from(offsets.slice(lo, hi), ([s]) => s - from);
    const ends = Int32Array.from(offsets.slice(lo, hi), ([, e]) => e - from);
    const rows = new Uint8Array(n * R);
    const any = new Uint8Array(n);
    const has = new Uint8Array(n);
    marker.mark(batch, starts, ends, n, rows, any);
    marker.keywords(batch, starts, ends, n, has);
    const P = LINE_PROBES.length;
    const probes = new Uint8Array(n * P);
    marker.probeRows(n, probes);
    for (let k = 0; k < n; k++) {
      const line = lines[lo + k];
      assert.equal(has[k] === 1, kw.test(line), `keyword test differs on ${JSON.stringify(line)}`);
      // a probe's row is what its regex says (every probe here is all literals: its row decides)
      LINE_PROBES.forEach((re, p) => {
        assert.equal(probes[k * P + p] === 1, re.test(line), `probe ${re.source.slice(0, 30)} differs on ${JSON.stringify(line)}`);
      });
      for (const hints of HINTS) {
        const want = new Uint8Array(R);
        const wantAny = pf.mark(line, hints, want);
        const ref = needsMark(line, hints);
        assert.deepEqual([...want], [...ref.flags], `the prefilter differs from the needs on ${JSON.stringify(line)} (hints ${JSON.stringify(hints)})`);
        assert.equal(wantAny, ref.any, `the prefilter's any differs from the needs on ${JSON.stringify(line)}`);
        const got = new Uint8Array(R);
        const gotAny = pf.fromRow(rows, k, line.length, any[k] === 1, hints, got);
        assert.deepEqual([...got], [...want], `flags differ on ${JSON.stringify(line)} (hints ${JSON.stringify(hints)})`);
        assert.equal(gotAny, wantAny, `any differs on ${JSON.stringify(line)}`);
      }
    }
  }
}

const corpus = (() => {
  const lines = new Set();
  for (const c of loadPeerCases()) for (const l of c.text.split('\n')) lines.add(l.replace(/\r$/, ''));
  for (const t of Object.values(generateLogs())) for (const l of t.split('\n')) lines.add(l);
  return [...lines];
})();

test('batch flags: equal to the per-line prefilter on every corpus line, in batches of any size', () => {
  for (const size of [1, 7, 500, corpus.length]) {
    for (let i = 0; i < corpus.length; i += size) checkBatch(corpus.slice(i, i + size), [false, true, false], [3, 11]);
  }
});

const CHARS = [...'abcdefgkmnoprstuwxyzABKQZ0123456789 .,:;=/_-+@#$%&"\'`|\\~<>[]{}()!?*\t\r\u00a0\u2028é'];
const WORDS = [
  'password',
  'passwd',
  'token=',
  'key',
  'Bearer ',
  'basic',
  'eyJ',
  '://',
  '0x',
  '-p',
  '--user',
  'localhost',
  '.local',
  '/home/',
  'ghp_',
  'sk_live_',
  'xoxb-',
  'AKIA',
  'echo',
  '2. ',
  'tunnel',
  'cloudflared/',
  '$6$',
  '%3D',
  'sha256:',
  'QQ',
  ' abandon ability able about above absent absorb abstract absurd abuse access accident',
];
const piece = fc.oneof(
  fc.constantFrom(...WORDS),
  fc.string({ unit: fc.constantFrom(...CHARS), maxLength: 24 }),
  fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKabcdefghijk0123456789+/='), minLength: 30, maxLength: 220 }),
);
const randomLine = fc.array(piece, { maxLength: 6 }).map((p) => p.join(''));

test('property: batch flags equal the per-line prefilter on random lines', () => {
  fc.assert(
    fc.property(
      fc.array(randomLine, { minLength: 1, maxLength: 30 }),
      fc.array(fc.boolean(), { minLength: 1, maxLength: 5 }),
      fc.array(fc.nat(), { maxLength: 4 }),
      (lines, crs, cuts) => {
        checkBatch(
          lines.map((l) => l.replace(/\n/g, ' ')),
          crs,
          cuts,
        );
      },
    ),
    { numRuns: 400 },
  );
});

// The one-pass scanner (multi-literal.ts): every literal it holds, planted where a hit is
// decided (line start and end, next to word and non-word characters, in other cases).
const LITERALS = [...new Set(marker.literals.map((l) => l.text))];
const swapCase = (t) => [...t].map((c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase())).join('');
const plantings = (lit) => [
  lit,
  `x${lit}`,
  `${lit}x`,
  `_${lit}_`,
  ` ${lit} `,
  `0${lit}.`,
  `${lit}${lit}`,
  swapCase(lit),
  `a${swapCase(lit)}-`,
  lit.toUpperCase(),
  `=${lit.toLowerCase()}`,
  `${lit.slice(0, -1)}`,
];

test('batch flags: every scanner literal planted at line starts and ends, beside word characters, in other cases', () => {
  assert.ok(LITERALS.length > 300, `the scanner holds the needs' literals (${LITERALS.length})`);
  const lines = LITERALS.flatMap(plantings);
  for (const size of [1, 13, lines.length]) {
    for (let i = 0; i < lines.length; i += size) checkBatch(lines.slice(i, i + size), [false, true], [5]);
  }
});

const planted = fc
  .array(fc.oneof(fc.constantFrom(...LITERALS), fc.constantFrom(...LITERALS).map(swapCase), piece), { minLength: 1, maxLength: 6 })
  .chain((parts) =>
    fc
      .array(fc.constantFrom('', '', ' ', '_', 'a', '9', '.', '\t'), { minLength: parts.length, maxLength: parts.length })
      .map((seps) => parts.map((p, i) => p + seps[i]).join('')),
  );

test('property: batch flags equal the per-line prefilter on lines of planted literals', () => {
  fc.assert(
    fc.property(
      fc.array(planted, { minLength: 1, maxLength: 30 }),
      fc.array(fc.boolean(), { minLength: 1, maxLength: 3 }),
      fc.array(fc.nat(), { maxLength: 3 }),
      (lines, crs, cuts) => {
        checkBatch(
          lines.map((l) => l.replace(/\n/g, ' ')),
          crs,
          cuts,
        );
      },
    ),
    { numRuns: 300 },
  );
});

test('chunkSafe: refuses what could see or match a line break', () => {
  for (const re of [/a$/, /^a/, /a.b/, /[^a]/, /a\sb/, /a\S/, /a\Wb/, /\n/, /a/m, /a/s, /a\u000a/, /[^\S]/, /[^\\s]/, /[^a]\s/])
    assert.equal(chunkSafe(re), false, String(re));
  for (const re of [/a\bb/, /(?<![\w.])x[0-9]{2}/, /(?: [a-z]{3,8},?){10}/i, /\d\.\d/, /:[^:\s]+:/, /[^a-z\s]=/]) assert.equal(chunkSafe(re), true, String(re));
  // a class is asked whether it matches '\n' or '\r' (a CRLF line's '\r' lies between lines in a batch)
  for (const re of [/[\x00-\x7f]/, /[^\x0e-\x7f]/, /[^\x0b-\x7f]/, /[^\n]/, /[\r]/, /[^\x00-\x09]/]) assert.equal(chunkSafe(re), false, String(re));
  for (const re of [/[^\x00-\x7f]/, /[^\x0a-\x7f]/, /[^\n\r]/, /[\b]x/, /[\]\\]a/]) assert.equal(chunkSafe(re), true, String(re));
});

// Whole documents: the stream (batches, any chunking) against the plain per-line path.
const WORDLIST = 'abandon ability able about above absent absorb abstract absurd abuse access accident account accuse achieve acid'.split(' ');
const block = fc.oneof(
  fc.constantFrom(
    '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAx3Zq9w0000000000000000000000000000000000000000000000\nAbCdEf0123456789AbCdEf0123456789AbCdEf0123456789AbCdEf01234567\n-----END RSA PRIVATE KEY-----',
    `${WORDLIST.slice(0, 12).join('\n')}`,
    'config:\n  password: |\n    hunter2hunter2\n    more\nnext: 1',
    '{\n  "secret": {\n    "a": "Zq9xYw8vU7tS6rQ5"\n  }\n}',
    `data=${'QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo0MTIzNDU2Nzg5MA'.repeat(2)}\n${'QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo0MTIzNDU2Nzg5MA'.repeat(2)}==`,
    'Authorization: Bearer Zq9xYw8vU7tS6rQ5pO4nM3lK2jI1hG0f\r\nuser@example.com from 10.1.2.3 port 22\r',
    'kind: Secret\ndata:\n  token: QUJDREVGR0hJSktMTU5PUA==\n---',
    '',
  ),
  randomLine,
  fc.constantFrom(...Object.values(generateLogs()).flatMap((t) => t.split('\n').slice(0, 40))),
);
const docs = fc.array(block, { minLength: 1, maxLength: 25 }).map((b) => b.join('\n'));

test('property: the stream, in batches and any chunking, equals the per-line path', async () => {
  await fc.assert(
    fc.asyncProperty(docs, fc.array(fc.nat(), { maxLength: 8 }), fc.boolean(), async (text, rawCuts, crlf) => {
      const input = crlf ? text.replace(/\n/g, '\r\n') : text;
      const chunks = chunksAt(input, rawCuts);
      const want = redact(input);
      const got = await redactThroughStream(chunks);
      assert.equal(got.text, want.text);
      assert.deepEqual(got.counts, want.counts);
    }),
    { numRuns: 300 },
  );
});

test('the stream equals the per-line path on every generated log, in one chunk and in 4 KiB chunks', async () => {
  for (const [name, text] of Object.entries(generateLogs())) {
    const want = redact(text).text;
    const buf = Buffer.from(text);
    const chunks = [];
    for (let i = 0; i < buf.length; i += 4096) chunks.push(buf.subarray(i, i + 4096));
    assert.equal((await redactThroughStream([buf])).text, want, name);
    assert.equal((await redactThroughStream(chunks)).text, want, name);
  }
});

test('line probes: the scanner holds every literal of each probe (so a line without a hit skips its regex)', () => {
  assert.deepEqual(
    pf.scan.probeExact,
    LINE_PROBES.map(() => true),
  );
});
