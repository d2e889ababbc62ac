// The library the runtime imports: the same store the CLI writes, no shelling out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, initHome, LOCAL_SCOPES } from '../../dist/index.js';

async function fresh(clock) {
  const home = join(mkdtempSync(join(tmpdir(), 'b3iq-lib-')), 'home');
  await initHome(home, clock);
  return openStore({ home, live: false, ...(clock ? { clock } : {}) });
}

test('issue, verify, revoke, close: the contract shapes', async () => {
  const store = await fresh();
  const { id, token } = await store.issueLocalKey({ name: 'runtime', scopes: ['inference', 'models:read'], expiresIn: null });
  assert.match(id, /^lk_/);
  assert.deepEqual({ ...store.verifyLocalKey(token, { scope: 'models:read' }) }, { valid: true, id, scopes: ['inference', 'models:read'] });
  assert.deepEqual(store.verifyLocalKey(token, { scope: 'usage:read' }), { valid: false, reason: 'scope', missing: 'usage:read' });
  assert.deepEqual(store.verifySupportGrant(token), { valid: false, reason: 'wrong-kind' });
  assert.deepEqual(store.verifyLocalKey('nope'), { valid: false, reason: 'malformed' });
  await store.revoke(id);
  assert.deepEqual(store.verifyLocalKey(token), { valid: false, reason: 'revoked' });
  store.close();
  assert.deepEqual([...LOCAL_SCOPES], ['inference', 'models:read', 'usage:read']);
});

test('expiry is decided on the injected clock, at the boundary, and a clock set back does not revive', async () => {
  let now = Date.parse('2026-01-01T00:00:00Z');
  const store = await fresh(() => now);
  const { token } = await store.issueLocalKey({ name: 'e', expiresIn: 60_000 });
  now += 59_999;
  assert.equal(store.verifyLocalKey(token).valid, true);
  now += 1;
  assert.deepEqual(store.verifyLocalKey(token), { valid: false, reason: 'expired' });
  now -= 3_600_000; // the clock jumps back an hour
  assert.deepEqual(store.verifyLocalKey(token), { valid: false, reason: 'expired' });
  store.close();
});

test('the verify path does no I/O: it keeps answering with the records gone', async () => {
  const store = await fresh();
  const { token } = await store.issueLocalKey({ name: 'x' });
  const { rmSync } = await import('node:fs');
  rmSync(store.home, { recursive: true, force: true });
  for (let i = 0; i < 1000; i++) assert.equal(store.verifyLocalKey(token).valid, true);
  store.close();
});

test('a clock far behind the records refuses expiring credentials instead of stretching them', async () => {
  let now = Date.parse('2026-06-01T00:00:00Z');
  const store = await fresh(() => now);
  await store.issueSupportGrant({ ttl: 3_600_000 });
  now -= 30 * 86_400_000; // the clock is set back a month
  await assert.rejects(store.issueSupportGrant({ ttl: 3_600_000 }), { code: 'E_CLOCK_BEHIND', exitCode: 3 });
  await assert.rejects(store.issueSetupToken({}), { code: 'E_CLOCK_BEHIND' });
  await assert.rejects(store.issueLocalKey({ name: 'x', expiresIn: 60_000 }), { code: 'E_CLOCK_BEHIND' });
  await store.issueLocalKey({ name: 'no-expiry' }); // nothing to stretch
  now += 30 * 86_400_000 - 60_000; // within the tolerance again
  await store.issueSupportGrant({ ttl: 3_600_000 });
  store.close();
});
