// Hostile input, property-based (issue 7, item 4): the token parser, the duration parser,
// the secret-input decoder, the JSON record loader, the public-boundary check and the
// redactor, thousands of generated cases each. No crash (only B3iqError with a contract
// code), no hang (a time bound per target), no echo of the input in an error; for the
// redactor, every planted canary gone and the same output however the stream is chunked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from '../helpers/fc.js';
import { parseToken, generateToken, TOKEN_KINDS } from '../../dist/core/tokens.js';
import { parseDuration } from '../../dist/core/durations.js';
import { decodeSecret, SECRETS, MAX_SECRET_BYTES } from '../../dist/cli/secret-input.js';
import { parseVersioned, validateCredentials, loadCredentials, CREDENTIALS_SCHEMA_VERSION } from '../../dist/credentials/records.js';
import { ErrorCodes, B3iqError } from '../../dist/core/errors.js';
import { checkPublicPayload, parsePublicPayload } from '../../dist/public/boundary.js';
import { redact } from '../../dist/redact/index.js';
import { chunksAt, redactThroughStream } from '../helpers/redact-stream.js';
import { SCALE } from './helpers.js';

const runs = (n) => Math.max(50, Math.round(n * SCALE));
const counts = {};

/** Runs fn; a throw must be a B3iqError with one of `codes`, a one-line message. */
function contained(fn, codes) {
  try {
    return { value: fn() };
  } catch (e) {
    assert.ok(e instanceof B3iqError, `not a B3iqError: ${e?.stack ?? e}`);
    assert.ok(e.code in ErrorCodes, e.code);
    if (codes) assert.ok(codes.includes(e.code), `unexpected code ${e.code}`);
    assert.ok(!e.message.includes('\n'), 'a multi-line message');
    return { error: e };
  }
}

/** fast-check with a wall-clock bound: a property that hangs or crawls fails the test. */
function check(name, prop, numRuns, budgetMs = 60_000) {
  const t0 = Date.now();
  fc.assert(prop, { numRuns, interruptAfterTimeLimit: budgetMs, markInterruptAsFailure: true });
  counts[name] = numRuns;
  return Date.now() - t0;
}

const anyText = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: 'grapheme-composite', maxLength: 60 }),
);

/** A real token with random edits: a character changed, cut, doubled, case-flipped, padded. */
const mutatedToken = fc
  .tuple(fc.constantFrom(...TOKEN_KINDS), fc.nat(), fc.constantFrom('set', 'cut', 'dup', 'flip', 'pad', 'none'), fc.string({ minLength: 1, maxLength: 3 }))
  .map(([kind, pos, edit, s]) => {
    const tok = generateToken(kind);
    const i = pos % tok.length;
    const mutated = {
      set: tok.slice(0, i) + s + tok.slice(i + 1),
      cut: tok.slice(0, i),
      dup: tok + tok.slice(i),
      flip: tok.slice(0, i) + (tok[i] === tok[i].toUpperCase() ? tok[i].toLowerCase() : tok[i].toUpperCase()) + tok.slice(i + 1),
      pad: s + tok + s,
      none: tok,
    }[edit];
    return { tok, mutated };
  });

test('fuzz: the token parser never throws, accepts exactly the checksum-valid tokens', () => {
  check(
    'parseToken (random text)',
    fc.property(anyText, (s) => {
      const r = contained(() => parseToken(s), []).value;
      if (r.ok) assert.match(s, /^b3iq_(local|support|gateway|setup)_[0-9A-Za-z]{49}$/);
    }),
    runs(5000),
  );
  check(
    'parseToken (edited tokens)',
    fc.property(mutatedToken, ({ tok, mutated }) => {
      const r = parseToken(mutated);
      if (mutated === tok) assert.equal(r.ok, true);
      else if (r.ok) assert.match(mutated, /^b3iq_[a-z]+_[0-9A-Za-z]{49}$/); // a checksum collision is possible, a shape one is not
    }),
    runs(5000),
  );
  // Non-strings from JavaScript callers of the library.
  for (const v of /** @type {any[]} */ ([undefined, null, 42, {}, [], Symbol.iterator])) assert.equal(parseToken(v).ok, false);
});

test('fuzz: the duration parser returns a positive whole number of ms or throws E_DURATION', () => {
  const durationish = fc.oneof(
    anyText,
    fc
      .tuple(fc.string({ unit: fc.constantFrom(...'0123456789-+. e'), maxLength: 12 }), fc.constantFrom('s', 'm', 'h', 'd', 'S', 'ms', 'w', '', 'never', ' '))
      .map(([a, b]) => a + b),
  );
  check(
    'parseDuration',
    fc.property(durationish, fc.boolean(), (s, allowNever) => {
      const r = contained(() => parseDuration(s, { allowNever }), ['E_DURATION']);
      if (r.error) {
        if (s.trim().length >= 6 && s.trim().toLowerCase() !== 'never') assert.ok(!r.error.message.includes(s), 'echoed the input');
      } else if (r.value === null) assert.equal(allowNever, true);
      else assert.ok(Number.isSafeInteger(r.value) && r.value > 0, String(r.value));
    }),
    runs(5000),
  );
});

test('fuzz: the secret decoder accepts only bounded, NUL-free, valid UTF-8 and never echoes the bytes', () => {
  const canary = 'Zq7canaryXw';
  const bytes = fc.oneof(
    fc.uint8Array({ maxLength: 300 }),
    fc.string({ maxLength: 200 }).map((s) => new TextEncoder().encode(s)),
    fc
      .tuple(fc.uint8Array({ maxLength: 40 }), fc.uint8Array({ maxLength: 40 }))
      .map(([a, b]) => Buffer.concat([Buffer.from(a), Buffer.from(canary), Buffer.from(b)])),
    fc.constantFrom(
      Buffer.alloc(MAX_SECRET_BYTES + 1, 0x61),
      Buffer.alloc(MAX_SECRET_BYTES, 0x61),
      Buffer.from([0xc3]),
      Buffer.from([0xed, 0xa0, 0x80]),
      Buffer.from('\r\n'),
      Buffer.from('\n\n'),
    ),
  );
  check(
    'decodeSecret',
    fc.property(bytes, (raw) => {
      const buf = Buffer.from(raw);
      const r = contained(() => decodeSecret(buf, SECRETS.localKey, 'stdin'), ['E_BAD_INPUT', 'E_NO_INPUT']);
      if (r.error) {
        assert.ok(!r.error.message.includes(canary) && !(r.error.hint ?? '').includes(canary), 'the secret was echoed');
        return;
      }
      const s = r.value;
      assert.ok(s.length > 0 && !s.includes('\0'));
      assert.ok(buf.length <= MAX_SECRET_BYTES);
      assert.equal(Buffer.from(s, 'utf8').equals(buf.subarray(0, Buffer.byteLength(s))), true, 'not the input minus a newline');
    }),
    runs(4000),
  );
});

function validDoc(n = 3) {
  const credentials = Array.from({ length: n }, (_, i) => ({
    id: `lk_${'A'.repeat(12)}${i}`,
    kind: 'local',
    name: `k${i}`,
    scopes: ['inference'],
    hash: `sha256:${'ab'.repeat(32)}`.slice(0, 70) + i,
    createdAt: '2025-01-01T00:00:00.000Z',
    expiresAt: null,
    revokedAt: null,
    revokeReason: null,
    usedAt: null,
    dev: false,
    note: null,
    rotatedFrom: null,
    rotatedTo: null,
  }));
  return {
    schemaVersion: CREDENTIALS_SCHEMA_VERSION,
    generation: 4,
    clockHighWater: '2025-01-01T00:00:00.000Z',
    audit: { seq: 0, hash: '0'.repeat(64), lines: [] },
    credentials,
  };
}

test('fuzz: the record loader answers a document or E_CORRUPT/E_SCHEMA_NEWER, never a crash', () => {
  const base = validDoc();
  assert.equal(loadCredentials('c.json', Buffer.from(JSON.stringify(base))).doc.credentials.length, 3);
  // One field of a valid document replaced by any JSON value (or deleted).
  const paths = [
    ['schemaVersion'],
    ['generation'],
    ['clockHighWater'],
    ['audit'],
    ['audit', 'seq'],
    ['audit', 'lines'],
    ['credentials'],
    ...Object.keys(base.credentials[0]).map((k) => ['credentials', 1, k]),
    ['credentials', 1],
  ];
  const edited = fc.tuple(fc.constantFrom(...paths), fc.option(fc.jsonValue({ maxDepth: 3 }), { nil: undefined })).map(([path, v]) => {
    const d = structuredClone(base);
    let o = d;
    for (const k of path.slice(0, -1)) o = o[k];
    if (v === undefined) delete o[path.at(-1)];
    else o[path.at(-1)] = v;
    return Buffer.from(JSON.stringify(d));
  });
  const text = JSON.stringify(base);
  const bytes = fc.oneof(
    edited,
    fc.jsonValue({ maxDepth: 4 }).map((v) => Buffer.from(JSON.stringify(v) ?? 'null')),
    fc.uint8Array({ maxLength: 200 }).map((a) => Buffer.from(a)),
    fc.tuple(fc.nat(), fc.nat()).map(([a, b]) => Buffer.from(text.slice(0, a % text.length) + text.slice((a % text.length) + (b % 5)))), // torn or cut
  );
  check(
    'record loader',
    fc.property(bytes, (buf) => {
      const r = contained(() => loadCredentials('credentials.json', buf), ['E_CORRUPT', 'E_SCHEMA_NEWER']);
      if (r.value) {
        // What the loader lets through is safe for the store to index and serve.
        for (const c of r.value.doc.credentials) {
          assert.match(c.hash, /^sha256:[0-9a-f]{64}$/);
          assert.ok(Array.isArray(c.scopes));
        }
      }
      // And the two-step form the live reload uses.
      contained(
        () => validateCredentials('credentials.json', parseVersioned('credentials.json', buf, CREDENTIALS_SCHEMA_VERSION)),
        ['E_CORRUPT', 'E_SCHEMA_NEWER'],
      );
    }),
    runs(4000),
  );
});

test('fuzz: public check: checkPublicPayload never throws; parsePublicPayload only E_INVALID_JSON / E_TOO_DEEP', () => {
  check(
    'checkPublicPayload',
    fc.property(fc.oneof(fc.jsonValue({ maxDepth: 6 }), fc.anything({ maxDepth: 4 })), (v) => {
      const r = checkPublicPayload(v);
      assert.equal(typeof r.ok, 'boolean');
      assert.equal(r.ok, r.violations.length === 0);
      for (const x of r.violations) assert.match(x.path, /^\$/);
    }),
    runs(4000),
  );
  const jsonish = fc.oneof(
    anyText,
    fc.jsonValue({ maxDepth: 5 }).map((v) => JSON.stringify(v)),
    fc
      .tuple(
        fc.jsonValue({ maxDepth: 5 }).map((v) => JSON.stringify(v)),
        fc.nat(),
      )
      .map(([s, n]) => s.slice(0, n % (s.length + 1))),
    fc.nat({ max: 3000 }).map((n) => '['.repeat(n) + ']'.repeat(n)),
    fc.nat({ max: 3000 }).map((n) => '{"a":'.repeat(n) + '1' + '}'.repeat(n)),
  );
  check(
    'parsePublicPayload',
    fc.property(jsonish, (s) => {
      const r = contained(() => parsePublicPayload(s), ['E_INVALID_JSON', 'E_TOO_DEEP']);
      if (r.error) assert.ok(r.error.message.length < 120 && (s.length < 12 || !r.error.message.includes(s)), 'echoed the input');
      else checkPublicPayload(r.value);
    }),
    runs(4000),
  );
});

// The redactor: canaries planted in hostile surroundings (control characters, CR, NUL,
// quotes, JSON escaping, long runs) must all be gone, and any chunking gives the same bytes.
const B62 = [...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'];
const b62 = (min, max) => fc.string({ unit: fc.constantFrom(...B62), minLength: min, maxLength: max });
const canary = fc.oneof(
  fc.constantFrom(...TOKEN_KINDS).map((k) => {
    const t = generateToken(k);
    return [t, t];
  }),
  b62(20, 40).map((s) => [`Authorization: Bearer Zq9${s}`, `Zq9${s}`]),
  b62(12, 30).map((s) => [`password=Zq${s}`, `Zq${s}`]),
  b62(12, 30).map((s) => [`"api_key": "Zq${s}"`, `Zq${s}`]),
  b62(36, 36).map((s) => ['ghp_' + s, 'ghp_' + s]),
  fc.constantFrom(...TOKEN_KINDS).map((k) => {
    const t = generateToken(k);
    return [`https://node.example/setup#token=${t}`, t];
  }),
);
const SEPARATORS = [' ', '\t', '\r\n', '\n', '\0', '\u001b[31m ', '"', "'", ',', ';', '|', '\u00a0', '\u2028', '…', '\ufeff', ' x=', ' {"msg":"', '"} '];
/** What comes before a canary: ends in a separator, so the canary starts a word. */
const before = fc.oneof(
  fc.constantFrom(...SEPARATORS),
  fc.tuple(fc.string({ unit: fc.constantFrom(...'abc xyz.:-_/=\t'), maxLength: 30 }), fc.constantFrom(...SEPARATORS)).map(([a, b]) => a + b),
  fc.nat({ max: 5000 }).map((n) => 'w'.repeat(n) + ' '),
);
/** Glued: a word right before a key (`PGPASSWORD=`, `dbpassword=`, a colour code `\e[31mpassword=`). */
const glued = fc.oneof(fc.string({ unit: fc.constantFrom(...'abcdxyzPGDB'), minLength: 1, maxLength: 6 }), fc.constantFrom('\u001b[31m', '\u001b[0m'));
const keyedCanary = fc.oneof(
  b62(12, 30).map((s) => [`password=Zq${s}`, `Zq${s}`]),
  b62(12, 30).map((s) => [`PASSWORD=Zq${s}`, `Zq${s}`]),
  b62(12, 30).map((s) => [`secret: Zq${s}`, `Zq${s}`]),
);
const after = fc.oneof(
  fc.constantFrom(...SEPARATORS),
  fc.string({ unit: fc.constantFrom(...'abc xyz.:-_/=\t'), maxLength: 30 }).map((s) => ' ' + s),
);
const planted = (pre, can = canary) =>
  fc.array(fc.tuple(pre, fc.option(can, { freq: 2, nil: null }), after), { minLength: 1, maxLength: 12 }).map((parts) => {
    const secrets = [];
    const text = parts
      .map(([a, c, b]) => {
        if (c) secrets.push(c[1]);
        return a + (c ? c[0] : '') + b;
      })
      .join('');
    return { text, secrets };
  });
const plantedDoc = planted(before);

test('fuzz: redactor: every canary gone, whatever surrounds it', () => {
  check(
    'redact (canaries)',
    fc.property(plantedDoc, ({ text, secrets }) => {
      const out = redact(text).text;
      for (const s of secrets) assert.ok(!out.includes(s), `leaked ${s.slice(0, 12)}… in ${JSON.stringify(text.slice(0, 200))}`);
    }),
    runs(3000),
  );
});

// Found by this suite: a key name with a word glued before the keyword (PGPASSWORD=,
// dbpassword=, mypassword=, or a colour code before password=) once leaked its value.
test('fuzz: redactor: canaries behind compound key names (PGPASSWORD=…) are gone too', () => {
  fc.assert(
    fc.property(
      planted(
        fc.tuple(before, glued).map(([a, b]) => a + b),
        keyedCanary,
      ),
      ({ text, secrets }) => {
        const out = redact(text).text;
        for (const s of secrets) assert.ok(!out.includes(s), `leaked ${s.slice(0, 12)}… in ${JSON.stringify(text.slice(0, 200))}`);
      },
    ),
    { numRuns: runs(1000) },
  );
});

test('fuzz: redactor: chunking (cut anywhere, even inside a UTF-8 character) never changes the output', async () => {
  const t0 = Date.now();
  const n = runs(1000);
  await fc.assert(
    fc.asyncProperty(plantedDoc, fc.array(fc.nat(), { maxLength: 12 }), async ({ text }, rawCuts) => {
      const chunks = chunksAt(text, rawCuts);
      const whole = redact(text).text;
      assert.equal((await redactThroughStream(chunks)).text, whole);
    }),
    { numRuns: n, interruptAfterTimeLimit: 60_000, markInterruptAsFailure: true },
  );
  counts['redact stream (chunkings)'] = n;
  assert.ok(Date.now() - t0 < 60_000);
});

test('fuzz: case counts', (t) => {
  for (const [k, v] of Object.entries(counts)) t.diagnostic(`${k}: ${v} cases`);
});
