// The recurring-value check (src/redact/repeats.ts) against the plain definition it replaced:
// at each position from the left, the longest remembered value starting there is marked. The
// old code compiled one regex of all values again for every new value (1.3 ms a line on a log
// where each line holds a new secret: a 64 MB dense log ran for minutes and 1 GB of RSS).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RecentSecrets, RECENT } from '../../dist/redact/repeats.js';
import fc from '../helpers/fc.js';

const esc = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
function reference(values, line) {
  if (values.size === 0) return line;
  const re = new RegExp(
    [...values.keys()]
      .sort((a, b) => b.length - a.length)
      .map(esc)
      .join('|'),
    'g',
  );
  return line.replace(re, (v) => `[REDACTED:${values.get(v)}]`);
}

test('property: marks exactly what a regex of the remembered values (longest first) marks', () => {
  const piece = fc.constantFrom('Xk39fa', 'Xk39fa7Q', 'Xk39fa7Qp2', 'zz', ' ', '=', 'Qp2Lm8Rt', 'abcdefgh', 'abcdefghij', '9');
  const value = fc.array(piece, { minLength: 2, maxLength: 5 }).map((a) => a.join('').trim());
  fc.assert(
    fc.property(fc.array(value, { maxLength: 12 }), fc.array(piece, { maxLength: 30 }), (vals, parts) => {
      const recent = new RecentSecrets();
      for (const v of vals) recent.learn(`password=${v}`, 'password=[REDACTED:password]');
      const remembered = new Map();
      for (const v of vals) if (v.length >= 8) remembered.set(v, 'password');
      const line = parts.join('');
      assert.equal(
        recent.apply(line, (cat) => `[REDACTED:${cat}]`),
        reference(remembered, line),
      );
    }),
    { numRuns: 500 },
  );
});

test('only the last RECENT values are remembered; an evicted one is no longer marked', () => {
  const recent = new RecentSecrets();
  const vals = Array.from({ length: RECENT + 1 }, (_, i) => `Secret${String(i).padStart(6, '0')}x`);
  for (const v of vals) recent.learn(`token=${v}`, 'token=[REDACTED:secret]');
  assert.equal(recent.size, RECENT);
  const mark = (cat) => `[REDACTED:${cat}]`;
  assert.equal(recent.apply(`seen ${vals[0]}`, mark), `seen ${vals[0]}`);
  assert.equal(recent.apply(`seen ${vals[RECENT]}`, mark), 'seen [REDACTED:secret]');
});

test('property: the skip table stays exact across evictions and its rebuild, with non-ASCII characters', () => {
  // values of a small alphabet with characters sharing a low byte (ā U+0101, ġ U+0121): many share pairs
  const ch = fc.constantFrom('a', 'b', 'ā', 'ġ', '!', '1', 'A');
  const value = fc.array(ch, { minLength: 8, maxLength: 12 }).map((a) => a.join(''));
  fc.assert(
    fc.property(fc.array(value, { minLength: 1, maxLength: 40 }), fc.integer({ min: 0, max: 600 }), fc.array(ch, { maxLength: 60 }), (vals, filler, parts) => {
      const recent = new RecentSecrets();
      // filler values evicted past RECENT (and past the rebuild point), then the ones to find
      for (let i = 0; i < filler; i++) recent.learn(`k=Zz${String(i).padStart(8, '0')}`, 'k=[REDACTED:secret]');
      for (const v of vals) recent.learn(`k=${v}`, 'k=[REDACTED:secret]');
      // the filler values hold `Z`, which no line here holds: only `vals` can be found
      const kept = new Map(vals.map((v) => [v, 'secret']));
      const line = parts.join('') + (vals[0] ?? '') + parts.join('');
      assert.equal(
        recent.apply(line, (cat) => `[REDACTED:${cat}]`),
        reference(kept, line),
      );
    }),
    { numRuns: 200 },
  );
});
