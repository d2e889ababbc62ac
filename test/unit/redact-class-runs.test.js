// The skipping search for `[A][B]{k}` needs (src/redact/class-runs.ts) against the regex it
// stands for: the same leftmost match from any start, on random text; and the search for needs
// declared spanOnly (a match is a long stretch of one class), likewise.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classRunOf, findClassRun, findSpanRun, spanOnly, spanRunOf } from '../../dist/redact/class-runs.js';
import { RedactEngine } from '../../dist/redact/engine.js';
import fc from '../helpers/fc.js';

const regexStart = (re, text, from) => {
  const g = new RegExp(re.source, 'g');
  g.lastIndex = from;
  const m = g.exec(text);
  return m === null ? -1 : m.index;
};

const SHAPES = [
  /[59KLc][1-9A-HJ-NP-Za-km-z]{50}/,
  /[ab][a-c]{16}/,
  /[a-d][b-e]{18}/, // A not within B
  /[^\s:][\w\u00e9]{16}/,
];

test('classRunOf: only [A][B]{k} with a long k and no flags', () => {
  assert.ok(classRunOf(/[59KLc][1-9A-HJ-NP-Za-km-z]{50}/));
  for (const re of [/[ab][a-c]{3}/, /[ab][a-c]{16,}/, /[ab][a-c]{16}/i, /x[ab][a-c]{16}/, /[ab][a-c]{16}x/, /[ab]{16}/])
    assert.equal(classRunOf(re), null, String(re));
});

test('property: findClassRun finds the leftmost match the regex finds, from any start', () => {
  const alphabet = [...'abcdeKL59c0OIl1zZ :-_\u00e9\u2028'];
  for (const re of SHAPES) {
    const run = classRunOf(re);
    assert.ok(run, String(re));
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constantFrom(...alphabet), fc.constantFrom('abcabcabcabcabcabcabc', 'K'.repeat(55), 'bcdbcdbcdbcdbcdbcdbcd', '9'.repeat(60))), {
          maxLength: 40,
        }),
        fc.nat(),
        (parts, f) => {
          const text = parts.join('');
          const from = text.length === 0 ? 0 : f % (text.length + 1);
          assert.equal(findClassRun(run, text, from), regexStart(re, text, from), `${re} on ${JSON.stringify(text)} from ${from}`);
        },
      ),
      { numRuns: 1500 },
    );
  }
});

test('property: findSpanRun finds the leftmost match (and its length) the regex finds, for each need declared spanOnly', () => {
  // the engine's own declared needs (the ten-word list of wallet.ts), and a made-up one
  const engine = /** @type {any} */ (new RedactEngine());
  /** @type {RegExp[]} */
  const declared = engine.prefilter.scan.restTests.map((/** @type {{ re: RegExp }} */ t) => t.re).filter((/** @type {RegExp} */ re) => spanRunOf(re) !== null);
  assert.ok(declared.length >= 1, 'the word-list need is declared');
  const madeUp = spanOnly(/(?:[ ,][a-c]{2,3}(?![a-c])){4}/, /[ ,a-c]/, 12);
  const words = ['abandon', 'zoo', 'ab', 'Abc', 'wordy', 'cab', 'a', 'bcabca'];
  const seps = [' ', ',', ', ', '\t', ',"', '",', "'", ' 1. ', '\n', ':', '\u00e9', 'x'];
  for (const re of [...declared, madeUp]) {
    const run = spanRunOf(re);
    assert.ok(run, String(re));
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...words), fc.constantFrom(...seps)), { maxLength: 60 }), fc.nat(), (parts, f) => {
        const text = parts.join('');
        const from = text.length === 0 ? 0 : f % (text.length + 1);
        const g = new RegExp(re.source, 'g');
        g.lastIndex = from;
        const m = g.exec(text);
        const at = findSpanRun(run, text, from);
        assert.equal(at, m === null ? -1 : m.index, `${re} on ${JSON.stringify(text)} from ${from}`);
        if (m !== null) assert.equal(run.lastLength, m[0].length);
      }),
      { numRuns: 3000 },
    );
  }
});
