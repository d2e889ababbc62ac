// store.enrollment(): the runtime's view of the enrollment decision, live across processes,
// and the record's rules checked on every load (a broken record means "enrolled in nothing").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { run, ok, initHome } from '../helpers/cli.js';
import { openStore } from '../../dist/index.js';
import { homeWithOwner as ownerHome } from '../helpers/owner-home.js';

const PW = 'lantern orchid basalt 91';
const ENV = { B3IQ_OWNER_PASSWORD: PW, B3IQ_KEYCHAIN: 'off' };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const homeWithOwner = (t) => ownerHome({ ok, initHome }, t, PW);

/** Polls fn until it returns true; the ms it took, or Infinity after `limit` ms. */
async function msUntil(fn, limit) {
  const t0 = performance.now();
  while (performance.now() - t0 < limit) {
    if (fn()) return performance.now() - t0;
    await sleep(5);
  }
  return Infinity;
}

test('an open store sees a join, then a leave made in another process, within one second', async (t) => {
  const home = await homeWithOwner(t);
  const store = await openStore({ home });
  t.after(() => store.close());
  assert.deepEqual(store.enrollment(), { managed: null, network: null });
  const joined = await ok(['enroll', 'join', 'managed', '--yes', '--json'], { home, env: ENV });
  const since = JSON.parse(joined.stdout).since;
  const seenJoin = await msUntil(() => store.enrollment().managed !== null, 5_000);
  assert.ok(seenJoin < 1_000, `join seen after ${seenJoin} ms`);
  assert.deepEqual(store.enrollment(), { managed: { since }, network: null });
  assert.ok(Object.isFrozen(store.enrollment()), 'the runtime cannot change the view it is given');

  await ok(['enroll', 'leave', 'managed'], { home });
  const seenLeave = await msUntil(() => store.enrollment().managed === null, 5_000);
  assert.ok(seenLeave < 1_000, `leave seen after ${seenLeave} ms (the CLI had already exited)`);
  t.diagnostic(`join seen after ${seenJoin.toFixed(0)} ms, leave after ${seenLeave.toFixed(0)} ms of the CLI exiting`);
});

const BROKEN = {
  'not JSON': '{"schemaVersion":1,',
  'since after updatedAt': { schemaVersion: 1, managed: { since: '2030-01-01T00:00:00.000Z' }, network: null, updatedAt: '2026-01-01T00:00:00.000Z' },
  'an unknown field': {
    schemaVersion: 1,
    managed: { since: '2026-01-01T00:00:00.000Z' },
    network: null,
    updatedAt: '2026-01-01T00:00:00.000Z',
    everything: true,
  },
  'a workflow that is not {since}': { schemaVersion: 1, managed: true, network: null, updatedAt: '2026-01-01T00:00:00.000Z' },
  'a missing workflow': { schemaVersion: 1, managed: { since: '2026-01-01T00:00:00.000Z' }, updatedAt: '2026-01-01T00:00:00.000Z' },
  'a newer schemaVersion': { schemaVersion: 9, managed: { since: '2026-01-01T00:00:00.000Z' }, network: null, updatedAt: '2026-01-01T00:00:00.000Z' },
};

test('a hand-edited record that breaks its rules: not enrolled, doctor fails, status says so, left untouched', async (t) => {
  const home = await homeWithOwner(t);
  await ok(['enroll', 'join', 'managed', '--yes'], { home, env: ENV });
  const file = join(home, 'enrollment.json');
  const store = await openStore({ home, pollMs: 50 });
  t.after(() => store.close());
  for (const [what, doc] of Object.entries(BROKEN)) {
    const text = typeof doc === 'string' ? doc : JSON.stringify(doc);
    writeFileSync(file, text, { mode: 0o600 });
    const fresh = await openStore({ home, live: false });
    assert.deepEqual(fresh.enrollment(), { managed: null, network: null }, what);
    fresh.close();
    assert.equal((await msUntil(() => store.enrollment().managed === null, 5_000)) < 1_000, true, `${what}: the live store fails closed`);
    const doctor = await run(['doctor', '--json'], { home, env: { B3IQ_KEYCHAIN: 'off' } });
    assert.equal(doctor.code, 1, what);
    const check = JSON.parse(doctor.stdout).checks.find((c) => c.id === 'enrollment');
    assert.equal(check.status, 'fail', what);
    const st = await run(['enroll', 'status', '--json'], { home });
    assert.equal(st.code, 3, what);
    assert.match(JSON.parse(st.stderr).error.code, /^E_(CORRUPT|SCHEMA_NEWER)$/, what);
    assert.match((await ok(['status'], { home })).stderr, /enrolled in nothing/, what);
    const join = await run(['enroll', 'join', 'network', '--yes'], { home, env: ENV });
    assert.equal(join.code, 3, what);
    const leave = await run(['enroll', 'leave', '--all'], { home });
    assert.equal(leave.code, 3, what);
    assert.equal(readFileSync(file, 'utf8'), text, `${what}: never repaired by overwriting`);
  }
});

test('a valid record written by hand (no audited join) is caught by doctor; leave and join again clears it', async (t) => {
  const home = await homeWithOwner(t);
  await ok(['enroll', 'join', 'managed', '--yes'], { home, env: ENV });
  const clean = JSON.parse((await ok(['doctor', '--json'], { home, env: { B3IQ_KEYCHAIN: 'off' } })).stdout).checks.find((c) => c.id === 'enrollment-audit');
  assert.equal(clean.status, 'pass');
  const file = join(home, 'enrollment.json');
  const doc = JSON.parse(readFileSync(file, 'utf8'));
  doc.network = { since: doc.updatedAt }; // enrolled in network without the owner password
  writeFileSync(file, JSON.stringify(doc), { mode: 0o600 });
  const doctor = await run(['doctor', '--json'], { home, env: { B3IQ_KEYCHAIN: 'off' } });
  assert.equal(doctor.code, 1);
  const check = JSON.parse(doctor.stdout).checks.find((c) => c.id === 'enrollment-audit');
  assert.equal(check.status, 'fail');
  assert.match(check.detail, /network/);
  assert.doesNotMatch(check.detail, /managed/, 'the audited join of managed is accounted for');
  await ok(['enroll', 'leave', 'network'], { home });
  const after = JSON.parse((await ok(['doctor', '--json'], { home, env: { B3IQ_KEYCHAIN: 'off' } })).stdout).checks.find((c) => c.id === 'enrollment-audit');
  assert.equal(after.status, 'pass');
});
