// The one-pass literal scanner (src/redact/multi-literal.ts) and the reading of a regex into
// literals and a rest (src/redact/literal-forms.ts): each must find exactly what the plain
// search and the regex find, or the batch flags (a superset of every rule's gate) break.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from '../helpers/fc.js';
import { HIT_CAPACITY, MultiLiteral } from '../../dist/redact/multi-literal.js';
import { literalForms } from '../../dist/redact/literal-forms.js';
import { KEYWORD_RE } from '../../dist/redact/key-names.js';
import { RULES } from '../../dist/redact/rules.js';

/** Every hit as `start:id`, in the scanner's order. */
function scanAll(ml, text) {
  const starts = new Int32Array(HIT_CAPACITY);
  const ids = new Int32Array(HIT_CAPACITY);
  const out = [];
  ml.start(0);
  for (let h = ml.scan(text, text.length, starts, ids); h > 0; h = ml.scan(text, text.length, starts, ids)) {
    for (let j = 0; j < h; j++) out.push(`${starts[j]}:${ids[j]}`);
  }
  return out.sort();
}

const isWord = (c) => c !== undefined && /\w/.test(c);

/** The same hits by brute force. */
function naive(specs, text) {
  const out = [];
  specs.forEach((s, id) => {
    const hay = s.caseless ? text.replace(/[A-Z]/g, (c) => c.toLowerCase()) : text;
    const lit = s.caseless ? s.text.replace(/[A-Z]/g, (c) => c.toLowerCase()) : s.text;
    for (let i = hay.indexOf(lit); i >= 0; i = hay.indexOf(lit, i + 1)) {
      if (s.wordBefore && isWord(text[i - 1]) === isWord(text[i])) continue;
      const e = i + lit.length;
      if (s.wordAfter && isWord(text[e - 1]) === isWord(text[e])) continue;
      out.push(`${i}:${id}`);
    }
  });
  return out.sort();
}

const spec = fc.record({
  text: fc.string({ unit: fc.constantFrom(...'abAB_-.1é '), minLength: 1, maxLength: 5 }),
  caseless: fc.boolean(),
  wordBefore: fc.boolean(),
  wordAfter: fc.boolean(),
});

test('property: the scanner reports exactly the hits a plain search finds (case, word boundaries, overlaps)', () => {
  fc.assert(
    fc.property(
      fc.array(spec, { minLength: 1, maxLength: 12 }),
      fc.string({ unit: fc.constantFrom(...'abAB_-.1é \u0101\r'), maxLength: 80 }),
      (specs, text) => {
        assert.deepEqual(scanAll(new MultiLiteral(specs), text), naive(specs, text));
      },
    ),
    { numRuns: 500 },
  );
});

test('the scanner resumes where a full hit buffer stopped it', () => {
  const ml = new MultiLiteral([{ text: 'a', caseless: false, wordBefore: false, wordAfter: false }]);
  const text = 'a'.repeat(HIT_CAPACITY * 2 + 7);
  assert.equal(scanAll(ml, text).length, text.length);
});

test('literalForms: tries, optional characters and \\b become literals; the rest stays a regex', () => {
  const f = literalForms(/\bab(?:c|d_?e)|f\b|x[0-9]+|(?=y)z/i);
  assert.deepEqual(
    f.lits.map((l) => [l.text, l.caseless, l.wordBefore, l.wordAfter]),
    [
      ['abc', true, true, false],
      ['abd_e', true, true, false],
      ['abde', true, true, false],
      ['f', true, false, true],
    ],
  );
  assert.equal(String(f.rest), '/x[0-9]+|(?=y)z/i');
  assert.equal(literalForms(/a\bb/).lits.length, 0, 'a \\b inside a literal is left to the regex');
  assert.equal(literalForms(/(a)\1/), null, 'capture groups: the regex is kept whole');
  assert.equal(literalForms(/a/m), null);
  assert.equal(String(literalForms(/ab|é/i).rest), '/é/i', 'a caseless non-ASCII literal is left to the regex (the scanner folds A-Z only)');
  assert.equal(literalForms(/ab|é/).lits.length, 2);
});

const TESTED = [KEYWORD_RE, ...RULES.flatMap((r) => (r.needs.test ? [r.needs.test] : [])), /\bab(?:c|d_?e)|f\b|x[0-9]+|(?=y)z/i];
const ALPHABET = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIKMNOPSTWXZ0123456789_-.:|~=/ \t'];

test('property: a line matches a needs regex exactly when it holds one of its literals or matches its rest', () => {
  const forms = TESTED.map((re) => {
    const f = literalForms(re);
    return { re: new RegExp(re.source, re.flags.replace(/[gy]/g, '')), ml: new MultiLiteral(f.lits), rest: f.rest, lits: f.lits.map((l) => l.text) };
  });
  const line = (lits) =>
    fc.array(fc.oneof(fc.constantFrom(...lits), fc.string({ unit: fc.constantFrom(...ALPHABET), maxLength: 6 })), { maxLength: 5 }).map((p) => p.join(''));
  for (const f of forms) {
    if (f.lits.length === 0) continue;
    fc.assert(
      fc.property(line(f.lits), fc.boolean(), (l, upper) => {
        const text = upper ? l.toUpperCase() : l;
        const got = scanAll(f.ml, text).length > 0 || f.rest?.test(text) === true;
        assert.equal(got, f.re.test(text), `${f.re.source.slice(0, 40)} on ${JSON.stringify(text)}`);
      }),
      { numRuns: 300 },
    );
  }
});

test('property: after a change, the later rules literals looked for one by one wake what the scanner wakes', async () => {
  const { Prefilter } = await import('../../dist/redact/prefilter.js');
  const pf = new Prefilter(RULES);
  const lits = [...new Set(pf.scan.scanner.specs.map((s) => s.text))];
  const line = fc
    .array(fc.oneof(fc.constantFrom(...lits), fc.string({ unit: fc.constantFrom(...ALPHABET, '"', "'", '@'), maxLength: 6 })), { maxLength: 6 })
    .map((p) => p.join(''));
  fc.assert(
    fc.property(line, (l) => {
      for (let from = 0; from <= RULES.length; from++) {
        const got = new Uint8Array(RULES.length);
        const want = new Uint8Array(RULES.length);
        assert.equal(pf.scan.markLine(l, from, got), pf.scan.markLine(l, from, want, true), `any from ${from} on ${JSON.stringify(l)}`);
        assert.deepEqual([...got], [...want], `flags from ${from} on ${JSON.stringify(l)}`);
      }
    }),
    { numRuns: 300 },
  );
});
