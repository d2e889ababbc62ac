// The read path checks the audit log's last entry with a bundled sha256 (lineHashOnce)
// instead of loading node:crypto; it must be the very hash lineHash (node:crypto) gives, on
// every kind of text an entry can hold. Temp names keep twelve unpredictable hex digits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lineHash, lineHashOnce, parseEntry, GENESIS } from '../../dist/home/audit.js';
import { tempSuffix } from '../../dist/fs/files.js';
import { mulberry32 } from '../helpers/prng.js';

test('lineHashOnce equals lineHash: ASCII, multi-byte UTF-8, astral characters, empty and long bodies', () => {
  const bodies = ['', '{}', '{"seq":1,"action":"init"}', 'ünïcödé ✓ 名前', '🔑 key 𝔘', 'x'.repeat(64), 'y'.repeat(65), 'z'.repeat(10_000)];
  const rand = mulberry32(15);
  for (let i = 0; i < 300; i++) {
    let s = '';
    const n = Math.floor(rand() * 300);
    for (let j = 0; j < n; j++) s += String.fromCodePoint(Math.floor(rand() * (rand() < 0.9 ? 0x80 : 0x2ffff)));
    bodies.push(s);
  }
  for (const body of bodies) for (const prev of [GENESIS, 'ab'.repeat(32)]) assert.equal(lineHashOnce(prev, body), lineHash(prev, body));
});

test('parseEntry with either hash accepts a true entry and refuses a changed one', () => {
  const body = '{"seq":3,"time":"2026-01-01T00:00:00.000Z","action":"keys.create","id":"lk_abcdefgh","prev":"' + GENESIS + '"}';
  const line = `${body.slice(0, -1)},"hash":"${lineHash(GENESIS, body)}"}`;
  for (const h of [lineHash, lineHashOnce]) {
    assert.equal(parseEntry(line, h)?.entry.seq, 3);
    assert.equal(parseEntry(line.replace('keys.create', 'keys.revoke'), h), undefined);
  }
});

test('temp suffixes are twelve hex digits, all different', () => {
  const seen = new Set();
  for (let i = 0; i < 200; i++) {
    const s = tempSuffix();
    assert.match(s, /^[0-9a-f]{12}$/);
    seen.add(s);
  }
  assert.equal(seen.size, 200);
});
