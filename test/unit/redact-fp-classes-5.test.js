// False-positive classes of the fifth round, each in two halves as in redact-fp-classes.test.js:
// the class is left alone, and a real secret of the same shape (random body, same key, same
// framing) is still redacted. Properties draw with the suite's fixed seed (test/helpers/fc.js);
// explore with B3IQ_FC_SEED=random.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { redact } from '../../dist/redact/index.js';
import { isHandMadeToken, typedInRuns } from '../../dist/redact/stand-ins.js';
import { fallsShortOfIssuedForm } from '../../dist/redact/issued-forms.js';
import { mulberry32 } from '../helpers/prng.js';
import fc from '../helpers/fc.js';
import { kept, redacted } from '../helpers/redact-assert.js';

const r = (text) => redact(text).text;
const B62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'.split('');
const B64URL = [...B62, '-', '_'];
const str = (chars, min, max) => fc.string({ unit: fc.constantFrom(...chars), minLength: min, maxLength: max });
/** A generated body: random characters, no one repeated run (fast-check's bias draws `4AAAAAAAAAA`). */
const random = (min, max) =>
  fc.noBias(str(B62, min, max).filter((s) => /\d/.test(s) && /[A-Za-z]/.test(s) && new Set(s).size * 2 >= s.length && !/(.)\1\1/.test(s)));
const RUNS = { numRuns: 300 };

// --- a hand-typed value shorter than any issued access key --------------------------------

test('typed in runs: every letter and digit in an ascending run of 3+, 8 or more of them', () => {
  for (const v of ['AbCeFG123', 'abcd1234', 'xyz123ABC', 'DEF-456-ghij', '78901234']) assert.equal(typedInRuns(v), true, v);
  // a run of two, too few characters, or a random body
  for (const v of ['AbCeFG12x', 'abc123', 'ab1234567', 'Zq8f3kLm2', 'abcd1234Q', 'a1b2c3d4e5']) assert.equal(typedInRuns(v), false, v);
  assert.equal(isHandMadeToken('AbCeFG123'), true);
});

test('a hand-typed value shorter than any issued access key, under an access key name, is a test string', () => {
  kept('SUMO_ACCESS_KEY: AbCeFG123');
  kept('"accessKey": "abcd1234"');
  kept('MINIO_ACCESS_KEY=xyz123ABC');
  kept('sumologic_accesskey = "testtoken"');
  assert.equal(fallsShortOfIssuedForm('SUMO_ACCESS_KEY', 'AbCeFG123'), true);
  // a random short value is a key cut short
  redacted('SUMO_ACCESS_KEY: Zq8f3kLm2', 'Zq8f3kLm2');
  redacted('access_key: 73519264', '73519264');
  // a hand-made value of an access key's length is what the peers list as the key
  redacted('SUMO_ACCESS_KEY: abc123abc123abc123abc123', 'abc123abc123abc123abc123');
  // `secret` in the name: a person's chosen password (MinIO), never judged by its look; other names are not judged
  redacted('aws_secret_key = 23456789a1', '23456789a1');
  redacted('aws_secret_access_key = AbCeFG123', 'AbCeFG123');
  redacted('password: AbCeFG123', 'AbCeFG123');
  redacted('api_key: AbCeFG123', 'AbCeFG123');
  redacted('SUMO_TOKEN: AbCeFG123', 'AbCeFG123');
});

test('property: a random body is never typed in runs (8 to 64 characters)', () => {
  fc.assert(
    fc.property(random(8, 64), (body) => {
      assert.equal(typedInRuns(body), false, body);
    }),
    { numRuns: 3000 },
  );
});

test('property: under an access key name, a random value of any length is redacted', () => {
  const lead = fc.constantFrom('SUMO_ACCESS_KEY: ', 'SUMOLOGIC_ACCESSKEY=', '"accessKey": "', 'access_key = ', 'MINIO_ACCESS_KEY=');
  fc.assert(
    fc.property(lead, random(8, 64), (l, value) => {
      redacted(`${l}${value}${l.endsWith('"') ? '"' : ''}`, value);
    }),
    RUNS,
  );
});

// --- AWS's documented key ids ----------------------------------------------------------------

test("an access key id as AWS's documentation writes it (…EXAMPLE) is kept; the secret access key is not", () => {
  kept('aws_access_key: AKIAIOSFODNN7EXAMPLE');
  kept('export AWS_ACCESS_KEY_ID=AKIAI44QH8DHBEXAMPLE');
  kept('{"AccessKeyId": "ASIAIOSFODNN7EXAMPLE"}');
  redacted('aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY');
  // the word elsewhere in the id, or one character changed, is an id like any other
  redacted('AKIAEXAMPLE2Q7RZ4KLM', 'AKIAEXAMPLE2Q7RZ4KLM');
  redacted('aws_access_key: AKIAIOSFODNN7EXAMPLX', 'AKIAIOSFODNN7EXAMPLX');
});

test('property: a random access key id is redacted, bare or under its key', () => {
  const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'.split('');
  const id = fc
    .tuple(fc.constantFrom('AKIA', 'ASIA'), fc.noBias(str(UPPER, 16, 16)))
    .map(([p, b]) => p + b)
    .filter((s) => !s.endsWith('EXAMPLE'));
  fc.assert(
    fc.property(id, fc.constantFrom('', 'aws_access_key_id = ', 'AccessKeyId: ', '"key":"'), (k, lead) => {
      redacted(`${lead}${k}`, k);
    }),
    RUNS,
  );
});

// --- a long URL-safe run before a media extension: a capability link, redacted -------------

function b64urlRun(seed, n) {
  const next = mulberry32(seed);
  let s = '';
  while (s.length < n) s += B64URL[Math.floor(next() * B64URL.length)];
  return s;
}

test("a CDN link's long opaque file name is redacted: whoever holds the link fetches the file", () => {
  const name = b64urlRun(7, 320);
  redacted(`<img src="https://cdn3.media-cdn.org/file/${name}.jpg" width="800">`, name);
  redacted(`GET /photos/2024/${name}.webp 200`, name);
  redacted(`GET /file/${name} 200`, name);
  redacted(`wrote ${name}.json`, name);
});

// --- a licence's name under a licence key ---------------------------------------------------

test("a licence's name under a licence key is kept (SPDX ids, model cards' licences); a licence key is not", () => {
  for (const name of ['apache-2.0', 'gpl-3.0-or-later', 'cc-by-nc-sa-4.0', 'llama3.1', 'bigscience-bloom-rail-1.0', 'creativeml-openrail-m']) {
    kept(`license: ${name}`);
    kept(`{"license":"${name}"}`);
    kept(`LICENSE=${name}`);
  }
  redacted('license_key=ABCD-1234-EFGH-5678', 'ABCD-1234-EFGH-5678');
  redacted('license: mit-8f3k2j9x', 'mit-8f3k2j9x');
});

test("property: a licence family's word before a random key changes nothing (redacted with it as without it)", () => {
  const LOWER = 'abcdefghijklmnopqrstuvwxyz0123456789'.split('');
  const body = fc.noBias(str(LOWER, 8, 24)).filter((s) => /[a-z]\d|\d[a-z]/.test(s));
  fc.assert(
    fc.property(fc.constantFrom('mit-', 'apache-', 'gpl-', 'cc-by-'), body, fc.constantFrom('license: ', 'LICENSE=', '"licence": "'), (fam, b, lead) => {
      if (r(`${lead}${b}`).includes(b)) return; // not a key the rule redacts bare either
      redacted(`${lead}${fam}${b}`, b);
    }),
    RUNS,
  );
});
