// Child credentials (short-lived request configs) in the library: minted from a live
// parent, never more than it, never after it, revoked with it, verified against it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, initHome } from '../../dist/index.js';

async function fresh(t, clock) {
  const dir = mkdtempSync(join(tmpdir(), 'b3iq-children-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const home = join(dir, 'home');
  await initHome(home, clock);
  const store = await openStore({ home, live: false, clock });
  t.after(() => store.close());
  return store;
}

test("a child: the parent's scopes or fewer, expiring after its TTL, verified like any key", async (t) => {
  let now = Date.parse('2026-03-01T00:00:00Z');
  const store = await fresh(t, () => now);
  const parent = await store.issueLocalKey({ name: 'web', scopes: ['inference', 'models:read'] });
  const child = await store.issueChild(parent.id, { ttl: 60_000, scopes: ['models:read'] });
  assert.equal(child.credential.parentId, parent.id);
  assert.deepEqual(child.credential.scopes, ['models:read']);
  assert.equal(child.credential.expiresAt, new Date(now + 60_000).toISOString());
  assert.deepEqual(store.verifyLocalKey(child.token, { scope: 'models:read' }), { valid: true, id: child.id, scopes: ['models:read'] });
  assert.deepEqual(store.verifyLocalKey(child.token, { scope: 'inference' }), { valid: false, reason: 'scope', missing: 'inference' });
  assert.deepEqual(
    store.childrenOf(parent.id).map((c) => c.id),
    [child.id],
  );
  assert.deepEqual(
    store.list({ kind: 'local' }).map((c) => c.id),
    [parent.id],
    'children are listed under their parent only',
  );
  await assert.rejects(store.issueChild(parent.id, { ttl: 60_000, scopes: ['usage:read'] }), { code: 'E_SCOPE_FORBIDDEN' });
  await assert.rejects(store.issueChild(child.id, { ttl: 60_000 }), { code: 'E_WRONG_KIND' }, 'children cannot mint children');
  await assert.rejects(store.rotate(child.id), { code: 'E_WRONG_KIND' });
  now += 60_000;
  assert.deepEqual(store.verifyLocalKey(child.token), { valid: false, reason: 'expired' });
});

test("never after the parent: clamped to its expiry and to a rotation's grace; revoked with it", async (t) => {
  let now = Date.parse('2026-03-01T00:00:00Z');
  const store = await fresh(t, () => now);
  const grant = await store.issueSupportGrant({ ttl: 30 * 60_000, scopes: ['diagnostics:read'] });
  const gc = await store.issueChild(grant.id, { ttl: 3_600_000 });
  assert.equal(gc.credential.expiresAt, grant.credential.expiresAt);
  assert.equal(store.verifySupportGrant(gc.token).valid, true);
  const key = await store.issueLocalKey({ name: 'k' });
  const kc = await store.issueChild(key.id, { ttl: 3_600_000 });
  await store.rotate(key.id, { graceMs: 60_000 });
  assert.equal(store.get(kc.id).revokedAt, new Date(now + 60_000).toISOString(), 'ends with the grace');
  now += 60_000;
  assert.deepEqual(store.verifyLocalKey(kc.token), { valid: false, reason: 'revoked' });
  const r = await store.revoke(grant.id);
  assert.deepEqual(
    r.children.map((c) => c.id),
    [gc.id],
  );
  assert.equal(store.get(gc.id).state, 'revoked');
  assert.equal(store.get(gc.id).revokeReason, 'parent revoked');
});

test('verify of a child checks its parent, however the parent ended', async (t) => {
  const now = Date.parse('2026-03-01T00:00:00Z');
  const store = await fresh(t, () => now);
  const key = await store.issueLocalKey({ name: 'k' });
  const child = await store.issueChild(key.id, { ttl: 600_000 });
  // Revoked by a general edit that does not cascade (as an older b3iq would).
  await store.mutate((doc, t) => {
    const p = doc.credentials.find((c) => c.id === key.id);
    p.revokedAt = new Date(t).toISOString();
  });
  assert.equal(store.get(child.id).state, 'live', 'the child record itself says live');
  assert.deepEqual(store.verifyLocalKey(child.token), { valid: false, reason: 'revoked' });
});
