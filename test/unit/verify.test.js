// The hot path (store.verify*): the fast order (hash first, parse only on a miss) must give
// exactly the answers of the reference order (parse, checksum, kind, hash, state, scope).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from '../helpers/fc.js';
import { openStore, initHome, parseToken } from '../../dist/index.js';

async function fresh(t, clock) {
  const dir = mkdtempSync(join(tmpdir(), 'b3iq-verify-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const home = join(dir, 'home');
  await initHome(home, clock);
  return openStore({ home, live: false, ...(clock ? { clock } : {}) });
}

test('every reason, in the reference order, for each credential state', async (t) => {
  let now = Date.parse('2026-03-01T00:00:00Z');
  const store = await fresh(t, () => now);
  const live = await store.issueLocalKey({ name: 'live', scopes: ['inference'] });
  const exp = await store.issueLocalKey({ name: 'exp', expiresIn: 1000 });
  const rev = await store.issueLocalKey({ name: 'rev' });
  const grant = await store.issueSupportGrant({ scopes: ['logs:read'] });
  const setup = await store.issueSetupToken();
  await store.revoke(rev.id);
  await store.consumeSetupToken(setup.token, () => undefined);
  now += 1000;
  const flip = (s, i) => s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);

  assert.deepEqual({ ...store.verifyLocalKey(live.token) }, { valid: true, id: live.id, scopes: ['inference'] });
  assert.deepEqual(store.verifyLocalKey(live.token, { scope: 'usage:read' }), { valid: false, reason: 'scope', missing: 'usage:read' });
  assert.deepEqual(store.verifyLocalKey(exp.token), { valid: false, reason: 'expired' });
  assert.deepEqual(store.verifyLocalKey(rev.token), { valid: false, reason: 'revoked' });
  assert.deepEqual(store.verifySetupToken(setup.token), { valid: false, reason: 'used' });
  // Known tokens of another kind, both ways.
  assert.deepEqual(store.verifyLocalKey(grant.token), { valid: false, reason: 'wrong-kind' });
  assert.deepEqual(store.verifySupportGrant(live.token), { valid: false, reason: 'wrong-kind' });
  assert.deepEqual(store.verifySupportGrant(grant.token, { scope: 'logs:read' }).valid, true);
  assert.deepEqual(store.verifySupportGrant(grant.token, { scope: 'diagnostics:read' }), { valid: false, reason: 'scope', missing: 'diagnostics:read' });
  // One changed character: the checksum catches it before any lookup could.
  assert.deepEqual(store.verifyLocalKey(flip(live.token, 30)), { valid: false, reason: 'malformed' });
  // Shape-valid and checksum-valid but not issued here.
  const other = await fresh(t);
  const stranger = await other.issueLocalKey({ name: 'x' });
  const strangerGrant = await other.issueSupportGrant();
  other.close();
  assert.deepEqual(store.verifyLocalKey(stranger.token), { valid: false, reason: 'unknown' });
  assert.deepEqual(store.verifyLocalKey(strangerGrant.token), { valid: false, reason: 'wrong-kind' });
  // Not strings, empty, oversized (never hashed), a valid token with whitespace around it.
  for (const bad of /** @type {any[]} */ ([undefined, null, 42, {}, '', 'b3iq_local_', live.token + 'x'.repeat(100), ` ${live.token}`, `${live.token}\n`])) {
    assert.deepEqual(store.verifyLocalKey(bad), { valid: false, reason: 'malformed' }, String(bad).slice(0, 20));
  }
  store.close();
});

test('a valid result is the same frozen object every time (no allocation per call)', async (t) => {
  const store = await fresh(t);
  const { token } = await store.issueLocalKey({ name: 'r', scopes: ['inference', 'models:read'] });
  const a = store.verifyLocalKey(token);
  const b = store.verifyLocalKey(token, { scope: 'models:read' });
  assert.equal(a, b);
  assert.ok(Object.isFrozen(a) && Object.isFrozen(a.scopes));
  assert.throws(() => /** @type {string[]} */ (a.scopes).push('usage:read'));
  assert.deepEqual(store.verifyLocalKey(token, { scope: 'usage:read' }).reason, 'scope');
  store.close();
});

test('fuzz: any edit of a real token answers as the reference order does', async (t) => {
  const store = await fresh(t);
  const keys = [await store.issueLocalKey({ name: 'a' }), await store.issueLocalKey({ name: 'b', scopes: ['usage:read'] })];
  const grants = [await store.issueSupportGrant()];
  const known = new Map([...keys, ...grants].map((k) => [k.token, k]));
  const reference = (token, kind, scope) => {
    const p = parseToken(token);
    if (!p.ok) return 'malformed';
    if (p.kind !== kind) return 'wrong-kind';
    const k = known.get(token);
    if (!k) return 'unknown';
    if (scope !== undefined && !k.credential.scopes.includes(scope)) return 'scope';
    return 'valid';
  };
  const tokens = [...known.keys()];
  const alphabet = 'abcAB01_zZ9 ';
  fc.assert(
    fc.property(
      fc.constantFrom(...tokens),
      fc.array(fc.tuple(fc.nat(), fc.constantFrom(...alphabet), fc.constantFrom('set', 'del', 'ins', 'none')), { maxLength: 3 }),
      fc.constantFrom(undefined, 'inference', 'usage:read', 'diagnostics:read'),
      fc.constantFrom('local', 'support'),
      (tok, edits, scope, kind) => {
        let s = tok;
        for (const [pos, ch, op] of edits) {
          const i = pos % (s.length + 1);
          if (op === 'set') s = s.slice(0, i) + ch + s.slice(i + 1);
          else if (op === 'del') s = s.slice(0, i) + s.slice(i + 1);
          else if (op === 'ins') s = s.slice(0, i) + ch + s.slice(i);
        }
        const r = kind === 'local' ? store.verifyLocalKey(s, { scope }) : store.verifySupportGrant(s, { scope });
        assert.equal(r.valid ? 'valid' : r.reason, reference(s, kind, scope));
      },
    ),
    { numRuns: 3000 },
  );
  store.close();
});
