import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateToken, generateId, parseToken, hashToken, base62Fixed, BODY_LENGTH, CHECKSUM_LENGTH, extractSetupToken } from '../../dist/core/tokens.js';

test('tokens: prefix, 256-bit base62 body and a 6-char checksum', () => {
  for (const kind of /** @type {const} */ (['local', 'support', 'gateway', 'setup'])) {
    const t = generateToken(kind);
    assert.match(t, new RegExp(`^b3iq_${kind}_[0-9A-Za-z]{${BODY_LENGTH + CHECKSUM_LENGTH}}$`));
    assert.deepEqual(parseToken(t), { ok: true, kind });
  }
  // 43 base62 digits hold at least 256 bits: 62^43 > 2^256
  assert.ok(43 * Math.log2(62) >= 256);
});

test('tokens: the body carries the random bytes (all-0xff encodes to the top of the range)', () => {
  const t = generateToken('local', (n) => Buffer.alloc(n, 0xff));
  const body = t.slice('b3iq_local_'.length, -CHECKSUM_LENGTH);
  assert.equal(body, base62Fixed((1n << 256n) - 1n, BODY_LENGTH));
  const t0 = generateToken('local', (n) => Buffer.alloc(n, 0));
  assert.notEqual(t, t0);
});

test('tokens: a changed character, a wrong length or a foreign prefix is malformed', () => {
  const t = generateToken('local');
  for (let i = 'b3iq_local_'.length; i < t.length; i++) {
    const c = t[i] === 'a' ? 'b' : 'a';
    const bad = t.slice(0, i) + c + t.slice(i + 1);
    assert.deepEqual(parseToken(bad), { ok: false, reason: 'malformed' }, `position ${i}`);
  }
  assert.equal(parseToken(t.slice(0, -1)).ok, false);
  assert.equal(parseToken(t + 'a').ok, false);
  assert.equal(parseToken(t.replace('local', 'other')).ok, false);
  assert.equal(parseToken('').ok, false);
  assert.equal(parseToken(' ' + t).ok, false);
  assert.equal(parseToken(/** @type any */ (undefined)).ok, false);
});

test('tokens: kind swap keeps the shape but fails the checksum', () => {
  const t = generateToken('local');
  const swapped = t.replace('b3iq_local_', 'b3iq_setup_');
  assert.equal(parseToken(swapped).ok, false);
});

test('ids and hashes', () => {
  assert.match(generateId('local'), /^lk_[0-9A-Za-z]{13}$/);
  assert.match(generateId('support'), /^sg_[0-9A-Za-z]{13}$/);
  assert.match(hashToken('x'), /^[0-9a-f]{64}$/);
  const ids = new Set(Array.from({ length: 1000 }, () => generateId('local')));
  assert.equal(ids.size, 1000);
});

test('setup URLs carry the token in the fragment', () => {
  const t = generateToken('setup');
  assert.equal(extractSetupToken(`https://node.local:8443/setup#token=${t}`), t);
  assert.equal(extractSetupToken(t), t);
});
