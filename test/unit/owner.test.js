// The owner record: argon2id parameters, constant-time verification, the password policy,
// the record's validation, and the library's verifyOwnerPassword.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, readFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import {
  ARGON2_PARAMS,
  hashPassword,
  verifyPasswordHash,
  assertPasswordStrength,
  parsePhc,
  readOwner,
  verifyOwnerPassword,
  ownerSummary,
} from '../../dist/owner/owner.js';
import { applyOwnerChangeLocked } from '../../dist/owner/service.js';
import { initHome, openStore } from '../../dist/index.js';
import { tempDir } from '../helpers/cli.js';

const PW = 'lantern orchid basalt 91';

test('argon2id with OWASP parameters or stronger, stored with the hash (PHC string)', async () => {
  assert.ok(ARGON2_PARAMS.m >= 19456 && ARGON2_PARAMS.t >= 2 && ARGON2_PARAMS.p >= 1);
  const started = performance.now();
  const h = await hashPassword(PW);
  const ms = performance.now() - started;
  assert.match(h, new RegExp(`^\\$argon2id\\$v=19\\$m=${ARGON2_PARAMS.m},t=${ARGON2_PARAMS.t},p=${ARGON2_PARAMS.p}\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}$`));
  assert.notEqual(await hashPassword(PW), h, 'a fresh salt every time');
  assert.equal(await verifyPasswordHash(PW, h), true);
  assert.equal(await verifyPasswordHash(PW + ' ', h), false);
  assert.equal(await verifyPasswordHash('', h), false);
  assert.equal(await verifyPasswordHash(undefined, h), false);
  assert.equal(await verifyPasswordHash(PW, 'not a hash'), false);
  // NFC normalisation: the same password typed in two Unicode forms verifies.
  const nfc = await hashPassword('caf\u00e9-orchid-basalt-91');
  assert.equal(await verifyPasswordHash('cafe\u0301-orchid-basalt-91', nfc), true);
  process.stderr.write(`# argon2id m=${ARGON2_PARAMS.m} KiB t=${ARGON2_PARAMS.t} p=${ARGON2_PARAMS.p}: ${ms.toFixed(0)} ms per hash\n`);
});

test('parameters travel with the hash: an older (weaker) record still verifies, tampered bounds do not', async () => {
  const { argon2id } = await import('@noble/hashes/argon2.js');
  const salt = Buffer.alloc(16, 7);
  const dk = argon2id(PW, salt, { m: 1024, t: 1, p: 1, dkLen: 32 });
  const b = (x) => Buffer.from(x).toString('base64').replace(/=+$/, '');
  const old = `$argon2id$v=19$m=1024,t=1,p=1$${b(salt)}$${b(dk)}`;
  assert.equal(await verifyPasswordHash(PW, old), true);
  for (const bad of [
    `$argon2id$v=19$m=99999999,t=1,p=1$${b(salt)}$${b(dk)}`,
    `$argon2id$v=19$m=1024,t=99,p=1$${b(salt)}$${b(dk)}`,
    `$argon2i$v=19$m=1024,t=1,p=1$${b(salt)}$${b(dk)}`,
  ]) {
    assert.equal(parsePhc(bad), undefined, bad);
    assert.equal(await verifyPasswordHash(PW, bad), false);
  }
});

test('password policy: length and shape rules, then zxcvbn-ts decides, with a clear reason', async () => {
  const weak = [
    'tiny9',
    'elevenchars',
    'aaaaaaaaaaaaaaaa',
    'abababababab',
    'abcdefghijklm',
    '123456789012',
    '98765432109876',
    'Password2024!',
    'P@ssw0rd1234',
    'qwertyuiop12',
    'letmein!letmein',
    'passwordpassword',
    'b3iq_local_' + 'A'.repeat(49),
    'Welcome123456',
    'qwertyuiopasdf',
    'Summer2024!Summer',
    'b3iqoperator2024',
  ];
  for (const p of weak) {
    await assert.rejects(assertPasswordStrength(p), (/** @type {any} */ e) => e.code === 'E_WEAK_PASSWORD' && e.exitCode === 2 && !e.message.includes(p), p);
  }
  // The reasons say what the estimator saw, never "digits or symbols around it" for a plain word list.
  const reason = async (p) => {
    try {
      await assertPasswordStrength(p);
      return undefined;
    } catch (e) {
      return e.message;
    }
  };
  assert.match(await reason('qwertyuiopasdf'), /too weak: it could be guessed in about 10\^\d+ tries \(.+\)/);
  assert.match(await reason('Summer2024!Summer'), /10\^\d+ tries \(.*(word|year|repeat|password).*\)/);
  for (const p of [PW, 'tundra-copper-violin-58', 'K7#pq!vZ2m@rX', 'zwölf Äpfel fallen leise', 'correct horse battery staple']) {
    assert.equal(await reason(p), undefined, p);
  }
});

test('verifyOwnerPassword: no owner, wrong, right, bad input; reads changes at once', async () => {
  const home = join(tempDir(), 'home');
  await initHome(home);
  const store = await openStore({ home, live: false });
  try {
    assert.equal(await store.verifyOwnerPassword(PW), false, 'no owner yet');
    const hash = await hashPassword(PW);
    // As setup does under the lock (here without one: a single writer).
    applyOwnerChangeLocked(home, 'setup', hash, 'st_AAAAAAAAAAAAA', Date.now(), []);
    assert.equal(await store.verifyOwnerPassword(PW), true);
    assert.equal(await store.verifyOwnerPassword('wrong password here'), false);
    assert.equal(await store.verifyOwnerPassword(null), false);
    assert.equal(await store.verifyOwnerPassword('x'.repeat(5000)), false);
    const h2 = await hashPassword('tundra-copper-violin-58');
    const o = applyOwnerChangeLocked(home, 'recover', h2, 'st_BBBBBBBBBBBBB', Date.now(), []);
    assert.equal(o.sessionGeneration, 2);
    assert.equal(await store.verifyOwnerPassword(PW), false, 'a recover elsewhere applies at once');
    assert.equal(await store.verifyOwnerPassword('tundra-copper-violin-58'), true);
    const s = ownerSummary(home);
    assert.equal(s.exists, true);
    assert.equal(s.needsRehash, false);
    assert.ok(!JSON.stringify(s).includes('$argon2id'), 'the summary carries no hash');
  } finally {
    store.close();
  }
});

test('a setup token already named in owner.json counts as used (crash between the two writes)', async () => {
  const home = join(tempDir(), 'home');
  await initHome(home);
  const hash = await hashPassword(PW);
  applyOwnerChangeLocked(home, 'setup', hash, 'st_CCCCCCCCCCCCC', Date.now(), []);
  assert.throws(() => applyOwnerChangeLocked(home, 'recover', hash, 'st_CCCCCCCCCCCCC', Date.now(), []), { code: 'E_INVALID_TOKEN' });
  assert.throws(() => applyOwnerChangeLocked(home, 'setup', hash, 'st_DDDDDDDDDDDDD', Date.now(), []), { code: 'E_OWNER_EXISTS' });
});

test('owner.json: corrupt, newer schema or loosened permissions are refused and left untouched', async () => {
  const home = join(tempDir(), 'home');
  await initHome(home);
  const file = join(home, 'owner.json');
  writeFileSync(file, '{not json', { mode: 0o600 });
  assert.throws(() => readOwner(home), { code: 'E_CORRUPT' });
  assert.equal(await verifyOwnerPassword(home, PW), false);
  const hash = await hashPassword(PW);
  const doc = {
    schemaVersion: 2,
    passwordHash: hash,
    createdAt: new Date().toISOString(),
    passwordChangedAt: new Date().toISOString(),
    sessionGeneration: 1,
    sessionsInvalidatedAt: null,
    setupTokenIds: [],
  };
  writeFileSync(file, JSON.stringify(doc));
  assert.throws(() => readOwner(home), { code: 'E_SCHEMA_NEWER' });
  assert.equal(JSON.parse(readFileSync(file, 'utf8')).schemaVersion, 2);
  writeFileSync(file, JSON.stringify({ ...doc, schemaVersion: 1 }));
  chmodSync(file, 0o666);
  assert.throws(() => readOwner(home), { code: 'E_UNSAFE_PERMISSIONS' });
});
