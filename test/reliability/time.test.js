// Time (issue 7, item 6): expiry is decided on the injected clock, exactly at expiresAt a
// credential is expired, and a clock that jumps backwards (in this process, in another
// process, after a restart) never revives an expired or revoked credential: the store
// keeps the latest time any writer saw (clockHighWater) and never answers with an earlier one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { initHome, openStore } from '../../dist/credentials/store.js';
import { tempHome, run, issueKey, initHome as cliInit } from '../helpers/cli.js';

const T0 = Date.parse('2030-01-01T00:00:00.000Z');

function fakeClock(t = T0) {
  const c = () => c.t;
  c.t = t;
  return c;
}

async function setup(t) {
  const home = tempHome(t);
  const clock = fakeClock();
  await initHome(home, clock);
  const store = await openStore({ home, clock, live: false });
  t.after(() => store.close());
  return { home, clock, store };
}

test('boundaries: valid 1 ms before expiresAt, expired exactly at it, for every kind', async (t) => {
  const { clock, store } = await setup(t);
  const key = await store.issueLocalKey({ name: 'k', expiresIn: 60_000 });
  const grant = await store.issueSupportGrant({ ttl: 90_000 });
  const setupTok = await store.issueSetupToken({ ttl: 120_000 });
  assert.equal(key.credential.expiresAt, new Date(T0 + 60_000).toISOString());
  /** @type {[string, 'verifyLocalKey' | 'verifySupportGrant' | 'verifySetupToken', number][]} */
  const cases = [
    [key.token, 'verifyLocalKey', 60_000],
    [grant.token, 'verifySupportGrant', 90_000],
    [setupTok.token, 'verifySetupToken', 120_000],
  ];
  for (const [token, fn, ttl] of cases) {
    clock.t = T0 + ttl - 1;
    assert.equal(store[fn](token).valid, true, `${fn} 1 ms before`);
  }
  for (const [token, fn, ttl] of cases) {
    clock.t = T0 + ttl;
    assert.deepEqual(store[fn](token), { valid: false, reason: 'expired' }, `${fn} exactly at expiresAt`);
  }
  assert.equal(store.get(key.id).state, 'expired');
});

test('rotation grace: the old key is valid until the grace ends, revoked exactly at its end', async (t) => {
  const { clock, store } = await setup(t);
  const old = await store.issueLocalKey({ name: 'k' });
  await store.rotate(old.id, { graceMs: 30_000 });
  clock.t = T0 + 29_999;
  assert.equal(store.verifyLocalKey(old.token).valid, true);
  clock.t = T0 + 30_000;
  assert.deepEqual(store.verifyLocalKey(old.token), { valid: false, reason: 'revoked' });
});

test('a clock set back in the same process does not revive an expired or revoked credential', async (t) => {
  const { clock, store } = await setup(t);
  const key = await store.issueLocalKey({ name: 'k', expiresIn: 1_000 });
  const old = await store.issueLocalKey({ name: 'r' });
  await store.rotate(old.id, { graceMs: 1_000 });
  clock.t = T0 + 1_000;
  assert.equal(store.verifyLocalKey(key.token).reason, 'expired');
  for (const back of [T0 + 999, T0, T0 - 86_400_000, 0]) {
    clock.t = back;
    assert.equal(store.verifyLocalKey(key.token).reason, 'expired', `clock at ${back}`);
    assert.equal(store.verifyLocalKey(old.token).reason, 'revoked', `clock at ${back}`);
    assert.equal(store.get(key.id).state, 'expired');
    assert.ok(store.now() >= T0 + 1_000);
  }
});

test('a clock set back in another process or after a restart does not revive either: clockHighWater', async (t) => {
  const { home, clock, store } = await setup(t);
  const key = await store.issueLocalKey({ name: 'k', expiresIn: 1_000 });
  clock.t = T0 + 5_000;
  await store.issueLocalKey({ name: 'later' }); // a write records the time it saw
  assert.equal(JSON.parse(readFileSync(join(home, 'credentials.json'), 'utf8')).clockHighWater, new Date(T0 + 5_000).toISOString());
  // A second store whose clock is an hour behind (another process, a bad RTC after reboot).
  const behind = fakeClock(T0 - 3_600_000);
  const other = await openStore({ home, clock: behind, live: false });
  t.after(() => other.close());
  assert.deepEqual(other.verifyLocalKey(key.token), { valid: false, reason: 'expired' });
  assert.equal(other.list({ all: true }).find((c) => c.id === key.id).state, 'expired');
  // Its writes never move the high-water mark back, nor date a record before it.
  const k2 = await other.issueLocalKey({ name: 'from-behind' });
  const doc = JSON.parse(readFileSync(join(home, 'credentials.json'), 'utf8'));
  assert.equal(doc.clockHighWater, new Date(T0 + 5_000).toISOString());
  assert.ok(Date.parse(k2.credential.createdAt) >= T0 + 5_000);
  // An expiring credential from a clock that far behind would outlive its TTL: refused.
  await assert.rejects(other.issueLocalKey({ name: 'short', expiresIn: 500 }), { code: 'E_CLOCK_BEHIND', exitCode: 3 });
  await assert.rejects(other.issueSupportGrant({ ttl: 60_000 }), { code: 'E_CLOCK_BEHIND' });
});

test('through the CLI: a high-water mark ahead of the system clock keeps a key expired (no test hook needed)', async (t) => {
  const home = await cliInit(t);
  const { id, token } = await issueKey(home, ['--expires', '1h']);
  assert.equal((await run(['keys', 'verify'], { home, input: token })).code, 0);
  // As if a writer had seen a time two hours ahead, and the system clock then went back.
  const file = join(home, 'credentials.json');
  const doc = JSON.parse(readFileSync(file, 'utf8'));
  doc.clockHighWater = new Date(Date.now() + 2 * 3_600_000).toISOString();
  writeFileSync(file, JSON.stringify(doc), { mode: 0o600 });
  const v = await run(['keys', 'verify', '--json'], { home, input: token });
  assert.equal(v.code, 1, v.stderr);
  assert.deepEqual(JSON.parse(v.stdout), { valid: false, reason: 'expired' });
  const list = JSON.parse((await run(['keys', 'list', '--all', '--json'], { home })).stdout);
  assert.equal(list.find((c) => c.id === id).state, 'expired');
});
