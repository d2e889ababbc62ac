// Races (issue 7, item 2): dozens of concurrent writers mixing creates, revokes, grants,
// rotations and setup-token use. Nothing lost, nothing duplicated, each contested change
// won exactly once, and the audit log tells the same story as the records.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { initHome, openStore } from '../../dist/credentials/store.js';
import { verifyAuditText } from '../../dist/home/audit.js';
import { tempHome } from '../helpers/cli.js';
import { startWriter, startCli, rawRecords, assertNoDuplicates, tempNames, scaled } from './helpers.js';

function auditActions(home) {
  const text = readFileSync(join(home, 'audit.log'), 'utf8');
  const v = verifyAuditText(text);
  assert.ok(v.ok, `audit chain: ${v.problem}`);
  const counts = {};
  for (const line of text.trim().split('\n')) {
    const a = JSON.parse(line).action;
    counts[a] = (counts[a] ?? 0) + 1;
  }
  return counts;
}

test('library writers at once, each mixing issue/revoke/grant/rotate: exact counts, nothing lost or doubled', { timeout: 120_000 }, async (t) => {
  const home = tempHome(t);
  await initHome(home);
  const writers = scaled(24, 4);
  const opsEach = 10;
  const procs = Array.from({ length: writers }, () => startWriter(home, 'issue,grant,revoke,issue,rotate', String(opsEach)));
  const results = await Promise.all(procs.map((p) => p.done));
  const acks = { issue: [], grant: [], revoke: [], rotate: [] };
  for (const r of results) {
    assert.equal(r.code, 0, r.stderr);
    for (const l of r.lines) {
      const a = JSON.parse(l);
      if (a.op !== 'intent') acks[a.op].push(a);
    }
  }
  const doc = rawRecords(home);
  assertNoDuplicates(doc);
  // Every creation acknowledged is one record; no record that nobody acknowledged.
  const created = acks.issue.length + acks.grant.length + acks.rotate.length;
  assert.equal(doc.credentials.length, created);
  assert.equal(doc.generation, writers * opsEach);
  const store = await openStore({ home, live: false });
  const revoked = new Set([...acks.revoke, ...acks.rotate].map((a) => a.id));
  for (const a of [...acks.issue, ...acks.rotate]) {
    const id = a.op === 'rotate' ? a.successor : a.id;
    const v = store.verifyLocalKey(a.token);
    if (revoked.has(id)) assert.equal(v.reason, 'revoked', id);
    else assert.equal(v.valid, true, `${id}: ${v.reason}`);
  }
  for (const a of acks.grant) assert.equal(store.verifySupportGrant(a.token).valid, true);
  for (const a of acks.rotate) assert.equal(store.get(a.id).rotatedTo, a.successor);
  store.close();
  const actions = auditActions(home);
  assert.equal(actions['keys.create'], acks.issue.length);
  assert.equal(actions['support.grant'], acks.grant.length);
  assert.equal(actions['keys.revoke'], acks.revoke.length);
  assert.equal(actions['keys.rotate'], acks.rotate.length);
  assert.deepEqual(tempNames(home), []);
  t.diagnostic(`concurrent library writers=${writers} operations=${writers * opsEach} records=${doc.credentials.length}`);
});

test('b3iq processes at once: creates, double revokes, double rotations, setup tokens', { timeout: 120_000 }, async (t) => {
  const home = tempHome(t);
  await initHome(home);
  const seed = await openStore({ home, live: false });
  const targets = [];
  for (let i = 0; i < 6; i++) targets.push(await seed.issueLocalKey({ name: `target-${i}` }));
  seed.close();
  const creates = scaled(14, 4);
  const jobs = [
    ...Array.from({ length: creates }, (_, i) => ({ kind: 'create', args: ['keys', 'create', '--name', `race-${i}`, '--out', '-', '--json'] })),
    ...Array.from({ length: 4 }, () => ({ kind: 'setup-token', args: ['setup-token', 'create', '--out', '-', '--json'] })),
    // Each of three keys revoked by two processes at once: both succeed, one change each.
    ...targets.slice(0, 3).flatMap((k) => [0, 1].map(() => ({ kind: 'revoke', id: k.id, args: ['keys', 'revoke', k.id, '--json'] }))),
    // Each of three keys rotated (with a grace period) by two processes at once: one wins.
    ...targets
      .slice(3)
      .flatMap((k) => [0, 1].map(() => ({ kind: 'rotate', id: k.id, args: ['keys', 'rotate', k.id, '--grace', '1h', '--out', '-', '--json'] }))),
  ];
  const results = await Promise.all(jobs.map((j) => startCli(j.args, home).done.then((r) => ({ ...j, ...r }))));
  const doc = rawRecords(home);
  assertNoDuplicates(doc);
  const byId = new Map(doc.credentials.map((c) => [c.id, c]));
  let newRecords = 0;
  for (const r of results.filter((x) => x.kind === 'create' || x.kind === 'setup-token')) {
    assert.equal(r.code, 0, r.stderr);
    assert.ok(byId.has(JSON.parse(r.stdout).id));
    newRecords++;
  }
  for (const r of results.filter((x) => x.kind === 'revoke')) assert.equal(r.code, 0, r.stderr);
  for (const k of targets.slice(0, 3)) assert.ok(byId.get(k.id).revokedAt);
  for (const k of targets.slice(3)) {
    const rs = results.filter((x) => x.kind === 'rotate' && x.id === k.id);
    assert.deepEqual(rs.map((x) => x.code).sort(), [0, 1], rs.map((x) => x.stderr).join(''));
    const winner = JSON.parse(rs.find((x) => x.code === 0).stdout);
    assert.equal(byId.get(k.id).rotatedTo, winner.id);
    assert.equal(doc.credentials.filter((c) => c.rotatedFrom === k.id).length, 1, 'exactly one successor');
    newRecords++;
  }
  assert.equal(doc.credentials.length, targets.length + newRecords);
  const actions = auditActions(home);
  assert.equal(actions['keys.revoke'], 3, 'one revocation per key, however many processes asked');
  assert.equal(actions['keys.rotate'], 3);
  assert.equal(actions['keys.create'], targets.length + creates);
  t.diagnostic(`concurrent b3iq processes=${jobs.length}`);
});

test('one setup token, many b3iq setup and recover processes at once: exactly one winner each time', { timeout: 120_000 }, async (t) => {
  const home = tempHome(t);
  await initHome(home);
  const store = await openStore({ home, live: false });
  const contenders = scaled(8, 3);
  const env = { B3IQ_OWNER_PASSWORD: 'lantern orchid basalt 91' };
  for (const command of ['setup', 'recover']) {
    const { id, token } = await store.issueSetupToken();
    const rs = await Promise.all(Array.from({ length: contenders }, () => startCli([command, '--json'], home, { env, input: token }).done));
    const codes = rs.map((r) => r.code).sort();
    assert.deepEqual(codes, [0, ...Array(contenders - 1).fill(1)], rs.map((r) => r.stderr).join(''));
    for (const r of rs.filter((x) => x.code === 1)) assert.match(r.stderr, /E_INVALID_TOKEN|E_OWNER_EXISTS/);
    store.reloadSync();
    assert.equal(store.get(id).state, 'used');
  }
  store.close();
  const actions = auditActions(home);
  assert.equal(actions['setup-token.use'], 2);
  t.diagnostic(`setup-token contenders=${contenders} per command (setup, recover)`);
});
