// The rules' cheap pre-checks against the plain definitions they stand for: an early stop
// or a faster character test must not change which lines pass.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { holdsWordRun } from '../../dist/redact/mnemonic-forms.js';
import { BLOB_CHARS, BLOB_RE, EMAIL_RE, mayHoldEmail } from '../../dist/redact/patterns.js';
import { asciiClass, hasStretch } from '../../dist/redact/class-runs.js';
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

const matches = (re, line) => new RegExp(re.source, re.flags.replace('g', '')).test(line);

test('property: mayHoldEmail passes every line EMAIL_RE matches in (the e-mail gate)', () => {
  const piece = fc.constantFrom('a', 'Bob', '@', '.', '.io', '.c', '-', '_', '%', '+', 'x1', '9', ' ', ':', '/', '@@', '.co.uk', 'é', 'a.b', '..', '-x');
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 24 }), (parts) => {
      const line = parts.join('');
      if (matches(EMAIL_RE, line)) assert.equal(mayHoldEmail(line), true, JSON.stringify(line));
    }),
    { numRuns: 5000 },
  );
  // address-shaped lines: a local part, an `@`, labels and dots, then anything
  const local = fc.array(fc.constantFrom('a', 'B', '9', '.', '_', '%', '+', '-', ' ', ':'), { maxLength: 6 });
  const domain = fc.array(fc.constantFrom('a', 'io', '9', '-', '.', '.c', '.co', '..', '_', ' ', 'é'), { maxLength: 8 });
  let addresses = 0;
  fc.assert(
    fc.property(local, domain, fc.constantFrom('', ' ', '-', 'x', '.'), (l, d, tail) => {
      const line = `${l.join('')}@${d.join('')}${tail}`;
      if (!matches(EMAIL_RE, line)) return;
      addresses++;
      assert.equal(mayHoldEmail(line), true, JSON.stringify(line));
    }),
    { numRuns: 5000 },
  );
  assert.ok(addresses > 100, `only ${addresses} address-shaped lines`);
  assert.equal(mayHoldEmail('to ops@example.com'), true);
  assert.equal(mayHoldEmail('java.lang.Object@1b2c3d4e and user@:'), false);
});

test('property: hasStretch finds exactly a run the regex finds (the blob gate), from any text', () => {
  const cls = asciiClass(/[a-c]/);
  const piece = fc.constantFrom('a', 'bc', 'abcabc', ' ', '-', 'é', 'cc');
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 30 }), fc.integer({ min: 1, max: 9 }), (parts, min) => {
      const line = parts.join('');
      assert.equal(hasStretch(line, cls, min), new RegExp(`[a-c]{${min}}`).test(line), `${min} ${JSON.stringify(line)}`);
    }),
    { numRuns: 5000 },
  );
  const blob = 'Ab9+/_-'.repeat(30);
  for (const line of [blob, `x ${blob.slice(0, 199)} y`, `"${blob}=="`, `${blob.slice(0, 150)}.${blob.slice(0, 150)}`])
    assert.equal(hasStretch(line, BLOB_CHARS, 200), matches(BLOB_RE, line), line.slice(0, 40));
});
