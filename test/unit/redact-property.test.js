// Property tests (fast-check): random text with planted canaries → every canary gone;
// redaction is independent of how a stream is chunked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from '../helpers/fc.js';
import { redact } from '../../dist/redact/index.js';
import { chunksAt, redactThroughStream } from '../helpers/redact-stream.js';

const B62 = [...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'];
const HEX = [...'0123456789abcdef'];
// Characters drawn as an array, not with fc.string: fast-check's string arbitrary splices JS
// prototype names (`toLocaleString`, `propertyIsEnumerable`, `__lookupSetter__`) into any string
// whose alphabet can spell them. A value holding one is an identifier made of words, which the
// redactor keeps by policy (a name in code is not a secret), and no secret generator prints one:
// random-seed runs failed on exactly those (`W55Jaz_jproperty`, `…toLocaleStrin`, 6 of 40 runs).
const str = (chars, min, max) => fc.array(fc.constantFrom(...chars), { minLength: min, maxLength: max }).map((a) => a.join(''));
const lower = [...'abcdefghijklmnopqrstuvwxyz'];

// Canaries: [the text planted, the secret part that must be gone]
const canary = fc.oneof(
  fc.tuple(fc.constantFrom('local', 'support', 'gateway', 'setup'), str(B62, 16, 60)).map(([k, b]) => {
    const v = `b3iq_${k}_${b}`;
    return [v, v];
  }),
  fc.tuple(str(B62, 10, 30), str(B62, 10, 40), str(B62, 10, 43)).map(([a, b, c]) => {
    const v = `eyJ${a}.eyJ${b}.${c}`;
    return [v, v];
  }),
  str([...'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'], 16, 16).map((s) => ['AKIA' + s, 'AKIA' + s]),
  str(B62, 36, 36).map((s) => ['ghp_' + s, 'ghp_' + s]),
  str(B62, 24, 32).map((s) => ['xoxb-12345678901-' + s, s]),
  str(B62, 24, 32).map((s) => ['sk_live_' + s, s]),
  fc.tuple(str(lower, 3, 10), str(lower, 3, 10)).map(([u, d]) => {
    const v = `${u}.q@${d}.example`;
    return [v, v];
  }),
  fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 1, max: 254 })).map(([a, b, c]) => {
    const v = `10.${a}.${b}.${c}`;
    return [v, v];
  }),
  str(B62, 10, 30).map((s) => [`password=Zq${s}`, `Zq${s}`]),
  str(B62, 20, 40).map((s) => [`Authorization: Bearer Zq9${s}`, `Zq9${s}`]),
  fc.tuple(str(lower, 3, 10), str(lower, 3, 10)).map(([u, f]) => {
    const v = `/home/${u}/${f}.conf`;
    return [v, v];
  }),
  str(HEX, 64, 64).map((h) => [`privateKey=0x${h}`, h]),
  str(B62, 12, 30).map((s) => [`"api_key": "Zq${s}"`, `Zq${s}`]),
  str(B62, 12, 30).map((s) => [`https://deploy:Zq${s}@git.example.com/x.git`, `Zq${s}`]),
  str(B62, 12, 30).map((s) => [`http://127.0.0.1:8080/v1/${s}`, `127.0.0.1:8080/v1/${s}`]),
);
const benign = fc.oneof(
  fc.constantFrom(
    'INFO',
    'request',
    'completed',
    'status=200',
    'model=llama-3.1-8b',
    '2025-03-01T10:00:00Z',
    '{"level":"info"}',
    'v0.9.14',
    'latency_ms=12',
    'ok',
    '-',
    '|',
    'naïve',
    '✓',
    'node-7f3a9c21',
    '3f2b8a4e-1c2d-4e5f-8a9b-0c1d2e3f4a5b',
  ),
  str([...'abcdefghijklmnopqrstuvwxyz0123456789 .,:;()[]{}-_/'], 0, 20),
);
const line = fc.array(fc.oneof({ weight: 1, arbitrary: canary.map((c) => ({ c })) }, { weight: 3, arbitrary: benign.map((b) => ({ b })) }), { maxLength: 8 });
const doc = fc.array(line, { minLength: 1, maxLength: 12 }).map((lines) => {
  const secrets = [];
  const text = lines
    .map((segs) =>
      segs
        .map((/** @type {any} */ s) => {
          if (s.c) {
            secrets.push(s.c[1]);
            return s.c[0];
          }
          return s.b;
        })
        .join(' '),
    )
    .join('\n');
  return { text, secrets };
});

test('property: every planted canary is gone', () => {
  fc.assert(
    fc.property(doc, ({ text, secrets }) => {
      const out = redact(text).text;
      for (const s of secrets) assert.ok(!out.includes(s), `leaked ${s}`);
    }),
    { numRuns: 500 },
  );
});

test('property: chunking does not change the output', async () => {
  await fc.assert(
    fc.asyncProperty(doc, fc.array(fc.nat(), { maxLength: 10 }), async ({ text }, rawCuts) => {
      const chunks = chunksAt(text, rawCuts);
      assert.equal((await redactThroughStream(chunks)).text, redact(text).text);
    }),
    { numRuns: 300 },
  );
});
