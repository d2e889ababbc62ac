// The rules' cheap pre-checks against the plain definitions they stand for: an early stop
// or a faster character test must not change which lines pass.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { holdsWordRun } from '../../dist/redact/mnemonic-forms.js';
import fc from '../helpers/fc.js';

/** The word-run scan without its early stops: twelve 3–8-letter words in a row, each gap solid and at most 24 long. */
function wordRunReference(line) {
  const letter = (c) => /[A-Za-z]/.test(c);
  let streak = 0;
  let gapFrom = -1;
  let gapSolid = false;
  for (let i = 0; i < line.length; ) {
    const c = line[i];
    if (!letter(c)) {
      if (c === '\n') streak = 0;
      else if (c !== ' ' && c !== '\t') gapSolid = true;
      i++;
      continue;
    }
    let e = i + 1;
    while (e < line.length && letter(line[e])) e++;
    const before = line[i - 1] ?? '';
    const after = line[e] ?? '';
    const tag = before === '<' || (before === '/' && line[i - 2] === '<') || after === '>';
    if (e - i < 3 || tag || /\d/.test(after)) gapSolid = true;
    else if (e - i > 8) {
      streak = 0;
      gapFrom = -1;
    } else {
      streak = gapFrom >= 0 && gapSolid && i - gapFrom <= 24 ? streak + 1 : 1;
      if (streak >= 12) return true;
      gapFrom = e;
      gapSolid = false;
    }
    i = e;
  }
  return false;
}

test('property: holdsWordRun passes exactly the lines the plain word-run scan passes', () => {
  const piece = fc.constantFrom(
    'abandon',
    'ab',
    'zoo',
    'abcdefghi',
    '-',
    ', ',
    ' ',
    '<li>',
    '</li>',
    'w1',
    '1.',
    '\n',
    'x',
    ': ',
    '  ',
    '\t;',
    'Zoo',
    '@',
    '[',
    '`',
    '{',
    'ā',
  );
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 80 }), (parts) => {
      const line = parts.join('');
      assert.equal(holdsWordRun(line), wordRunReference(line), JSON.stringify(line));
    }),
    { numRuns: 3000 },
  );
  // the tightest runs: three-letter words, one-character gaps, right at the line's end
  const tight = fc.array(fc.constantFrom('abc', 'abcdefghi', '-', ' ', 'x', '1'), { maxLength: 40 });
  fc.assert(
    fc.property(tight, fc.integer({ min: 10, max: 13 }), (head, words) => {
      const line = head.join('') + Array(words).fill('abc').join('-');
      assert.equal(holdsWordRun(line), wordRunReference(line), JSON.stringify(line));
    }),
    { numRuns: 2000 },
  );
  const list = 'abandon-ability-able-about-above-absent-absorb-abstract-absurd-abuse-access-accident';
  assert.equal(holdsWordRun(list), true);
  assert.equal(holdsWordRun(`${list.slice(0, -9)}`), false);
  assert.equal(holdsWordRun(`abcdefghi ${Array(12).fill('abc').join('-')}`), true);
});
