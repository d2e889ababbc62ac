// The enrollment record's rules (the loader and docs/schema/enrollment.schema.json agree),
// the live view's caching, and the service's guard against a gateway logout racing a join.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { initHome, openStore } from '../../dist/index.js';
import { validateEnrollment, readEnrollmentDoc, EnrollmentView } from '../../dist/home/enrollment.js';
import { joinWorkflow, leaveWorkflows } from '../../dist/enrollment/service.js';
import { changeOwnerWithSetupToken } from '../../dist/owner/service.js';
import { generateToken } from '../../dist/core/tokens.js';
import { tempHome } from '../helpers/cli.js';

const PW = 'lantern orchid basalt 91';
const SCHEMA = JSON.parse(readFileSync(new URL('../../docs/schema/enrollment.schema.json', import.meta.url), 'utf8'));

/** Just enough JSON Schema for this one: type, const, required, properties, additionalProperties, $ref, oneOf, pattern. */
function valid(schema, v, root = schema) {
  if (schema.$ref) return valid(root.$defs[schema.$ref.split('/').pop()], v, root);
  if (schema.oneOf) return schema.oneOf.filter((s) => valid(s, v, root)).length === 1;
  if ('const' in schema && v !== schema.const) return false;
  if (schema.type === 'null') return v === null;
  if (schema.type === 'string') return typeof v === 'string' && (!schema.pattern || new RegExp(schema.pattern).test(v));
  if (schema.type === 'object') {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
    if ((schema.required ?? []).some((k) => !(k in v))) return false;
    if (schema.additionalProperties === false && Object.keys(v).some((k) => !(k in schema.properties))) return false;
    return Object.entries(schema.properties ?? {}).every(([k, s]) => !(k in v) || valid(s, v[k], root));
  }
  return true;
}

const T = '2026-11-29T20:00:00.000Z';
/** @type {Array<[boolean, any]>} */
const CASES = [
  [true, { schemaVersion: 1, managed: null, network: null, updatedAt: T }],
  [true, { schemaVersion: 1, managed: { since: T }, network: { since: '2026-11-29T19:00:00Z' }, updatedAt: T }],
  [false, { schemaVersion: 1, managed: null, network: null }],
  [false, { schemaVersion: 1, managed: null, updatedAt: T }],
  [false, { schemaVersion: 1, managed: null, network: null, updatedAt: T, extra: 1 }],
  [false, { schemaVersion: 1, managed: true, network: null, updatedAt: T }],
  [false, { schemaVersion: 1, managed: {}, network: null, updatedAt: T }],
  [false, { schemaVersion: 1, managed: { since: T, by: 'x' }, network: null, updatedAt: T }],
  [false, { schemaVersion: 1, managed: { since: 'yesterday' }, network: null, updatedAt: T }],
  [false, { schemaVersion: 1, managed: { since: '2026-11-29 20:00:00' }, network: null, updatedAt: T }],
  [false, { schemaVersion: 1, managed: null, network: null, updatedAt: 12 }],
];

test('the loader and the JSON Schema agree on what a valid enrollment.json is', () => {
  for (const [ok, doc] of CASES) {
    assert.equal(valid(SCHEMA, doc), ok, `schema: ${JSON.stringify(doc)}`);
    if (ok) assert.doesNotThrow(() => validateEnrollment('f', doc), JSON.stringify(doc));
    else
      assert.throws(
        () => validateEnrollment('f', doc),
        (/** @type {any} */ e) => e.code === 'E_CORRUPT',
        JSON.stringify(doc),
      );
  }
  // The one rule the schema cannot say: no since after updatedAt.
  assert.throws(
    () => validateEnrollment('f', { schemaVersion: 1, managed: { since: '2027-01-01T00:00:00Z' }, network: null, updatedAt: T }),
    /after updatedAt/,
  );
});

async function ownedHome(t) {
  const home = tempHome(t);
  await initHome(home);
  const store = await openStore({ home, live: false });
  t.after(() => store.close());
  const { token } = await store.issueSetupToken();
  await changeOwnerWithSetupToken(store, 'setup', token, PW);
  return { home, store };
}

test('a written record matches the schema; the live view caches for its interval, then sees the change', async (t) => {
  const { home, store } = await ownedHome(t);
  await joinWorkflow(home, {
    workflow: 'managed',
    password: PW,
    clock: Date.now,
    keychain: async () => {
      throw new Error('not needed for managed');
    },
    via: 'test',
  });
  const doc = JSON.parse(readFileSync(join(home, 'enrollment.json'), 'utf8'));
  assert.ok(valid(SCHEMA, doc));
  const slow = new EnrollmentView(home, 60_000);
  const eager = new EnrollmentView(home, 0);
  assert.notEqual(slow.current().enrollment.managed, null);
  await leaveWorkflows(home, ['managed'], { clock: Date.now, by: 'operator', via: 'test' });
  assert.notEqual(slow.current().enrollment.managed, null, 'within its interval the view costs nothing and may lag');
  assert.equal(eager.current().enrollment.managed, null);
  assert.equal(store.enrollment().managed, null, 'a store that is not live reads on every call');
  // A record replaced by something invalid: fail closed, with the reason.
  writeFileSync(join(home, 'enrollment.json'), '{', { mode: 0o600 });
  const r = eager.current();
  assert.deepEqual(r.enrollment, { managed: null, network: null });
  assert.equal(r.problem.code, 'E_CORRUPT');
});

test('a gateway logout racing a network join: the join is undone, never left enrolled without the key', async (t) => {
  const { home } = await ownedHome(t);
  const key = generateToken('gateway');
  let calls = 0;
  // The key is there when the join checks, and gone by the time it has written.
  const keychain = /** @type {any} */ ({ find: async () => (calls++ === 0 ? { secret: key, backend: 'file' } : undefined), close() {} });
  await assert.rejects(
    joinWorkflow(home, { workflow: 'network', password: PW, clock: Date.now, keychain: async () => keychain, via: 'test' }),
    (/** @type {any} */ e) => e.code === 'E_NO_GATEWAY_KEY',
  );
  assert.equal(readEnrollmentDoc(home).network, null);
  const lines = readFileSync(join(home, 'audit.log'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l))
    .filter((a) => a.action.startsWith('enroll.'));
  assert.deepEqual(
    lines.map((a) => [a.action, a.workflow, a.reason ?? null]),
    [
      ['enroll.join', 'network', null],
      ['enroll.leave', 'network', 'gateway-key-removed'],
    ],
  );
});

test('a wrong password joins nothing; a password changed between the check and the write refuses the join', async (t) => {
  const { home } = await ownedHome(t);
  const input = /** @type {any} */ ({ workflow: 'managed', clock: Date.now, keychain: async () => undefined, via: 'test' });
  await assert.rejects(joinWorkflow(home, { ...input, password: 'wrong wrong wrong 1' }), (/** @type {any} */ e) => e.code === 'E_WRONG_PASSWORD');
  assert.equal(readEnrollmentDoc(home), undefined);
  // Swap owner.json for another hash while the join is past its password check.
  const ownerFile = join(home, 'owner.json');
  const owner = JSON.parse(readFileSync(ownerFile, 'utf8'));
  const swapped = { ...owner, passwordHash: owner.passwordHash.replace(/.{4}$/, 'AAAA') };
  const p = joinWorkflow(home, { ...input, password: PW });
  // argon2id takes tens of ms: the swap lands before the write takes the lock.
  await new Promise((r) => setTimeout(r, 1));
  writeFileSync(ownerFile, JSON.stringify(swapped), { mode: 0o600 });
  await assert.rejects(p, (/** @type {any} */ e) => e.code === 'E_WRONG_PASSWORD' && /changed while/.test(e.message));
  assert.equal(readEnrollmentDoc(home), undefined);
});
