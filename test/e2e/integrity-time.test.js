// Integrity (issue: records 1 and 2). A clock set back never revives a credential some
// b3iq process has seen ended (the clock mark, clock.json); a clock far behind the mark
// fails closed; a record that breaks its kind's rules is never valid, whoever wrote it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run, initHome, issueKey, baseEnv, BIN } from '../helpers/cli.js';
import { openStore, initHome as libInit } from '../../dist/credentials/store.js';
import { tempHome } from '../helpers/cli.js';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
let hasFaketime = true;
try {
  execFileSync('faketime', ['-f', '-60s', 'true']);
} catch {
  hasFaketime = false;
}
const faketimeSkip = hasFaketime ? false : process.env.CI ? false : 'faketime missing (apt-get install faketime)';

/**
 * b3iq under faketime: the whole process sees the clock `offset` (e.g. "-60s").
 * @param {string} offset @param {string[]} args @param {{ home?: string, env?: Record<string, string> }} [opts]
 */
function runFaked(offset, args, { home, env = {} } = {}) {
  return new Promise((resolve) => {
    const child = spawn('faketime', ['-f', offset, process.execPath, BIN, ...args], { env: baseEnv(home, env), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function grant(home, ttl) {
  const r = await run(['support', 'grant', '--ttl', ttl, '--out', '-', '--json'], { home });
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout);
}

test('a clock set back 60 s does not revive a grant or a key that a b3iq run saw expired', { skip: faketimeSkip }, async (t) => {
  const home = await initHome(t);
  const g = await grant(home, '3s');
  const k = await issueKey(home, ['--expires', '3s'], 'short');
  await sleep(4_000);
  // A run with the true clock sees both expired (and leaves the mark behind it).
  const seen = await run(['support', 'verify', '--json'], { home, env: { B3IQ_SUPPORT_TOKEN: g.token } });
  assert.deepEqual(JSON.parse(seen.stdout), { valid: false, reason: 'expired' });
  assert.ok(JSON.parse(readFileSync(join(home, 'clock.json'), 'utf8')).mark);
  const sv = await runFaked('-60s', ['support', 'verify', '--json'], { home, env: { B3IQ_SUPPORT_TOKEN: g.token } });
  assert.equal(sv.code, 1, sv.stderr);
  assert.deepEqual(JSON.parse(sv.stdout), { valid: false, reason: 'expired' });
  const kv = await runFaked('-60s', ['keys', 'verify', '--json'], { home, env: { B3IQ_LOCAL_KEY: k.token } });
  assert.deepEqual(JSON.parse(kv.stdout), { valid: false, reason: 'expired' });
  const doc = JSON.parse((await runFaked('-60s', ['doctor', '--json'], { home })).stdout);
  assert.equal(doc.checks.find((c) => c.id === 'support').status, 'pass', 'doctor lists the expired grant as live');
  const list = JSON.parse((await runFaked('-60s', ['support', 'list', '--all', '--json'], { home })).stdout);
  assert.equal(list.find((c) => c.id === g.id).state, 'expired');
});

test('any CLI run that reads the clock keeps the mark: status after expiry, then the clock goes back', { skip: faketimeSkip }, async (t) => {
  const home = await initHome(t);
  const g = await grant(home, '2s');
  await sleep(3_000);
  assert.equal((await run(['status', '--json'], { home })).code, 0);
  const sv = await runFaked('-60s', ['support', 'verify', '--json'], { home, env: { B3IQ_SUPPORT_TOKEN: g.token } });
  assert.deepEqual(JSON.parse(sv.stdout), { valid: false, reason: 'expired' });
});

test('a clock more than 5 min behind the mark fails closed for expiring credentials, reported by status and doctor', { skip: faketimeSkip }, async (t) => {
  const home = await initHome(t);
  const g = await grant(home, '1h');
  const forever = await issueKey(home, [], 'forever');
  assert.equal((await run(['status', '--json'], { home })).code, 0);
  const sv = await runFaked('-10m', ['support', 'verify', '--json'], { home, env: { B3IQ_SUPPORT_TOKEN: g.token } });
  assert.equal(sv.code, 1);
  assert.deepEqual(JSON.parse(sv.stdout), { valid: false, reason: 'clock-behind' });
  // A key that never ends does not depend on the time.
  assert.equal((await runFaked('-10m', ['keys', 'verify', '--json'], { home, env: { B3IQ_LOCAL_KEY: forever.token } })).code, 0);
  const st = await runFaked('-10m', ['status', '--json'], { home });
  assert.equal(JSON.parse(st.stdout).clock.failsClosed, true);
  assert.match(st.stderr, /behind/);
  const dr = await runFaked('-10m', ['doctor', '--json'], { home });
  assert.equal(dr.code, 1);
  assert.equal(JSON.parse(dr.stdout).checks.find((c) => c.id === 'clock').status, 'fail');
  const issue = await runFaked('-10m', ['support', 'grant', '--ttl', '1h', '--out', '-', '--json'], { home });
  assert.equal(issue.code, 3);
  assert.equal(JSON.parse(issue.stderr).error.code, 'E_CLOCK_BEHIND');
});

test('library: a store whose clock is 60 s behind another that saw the expiry keeps it expired', async (t) => {
  const home = tempHome(t);
  let now = Date.parse('2030-01-01T00:00:00Z');
  await libInit(home, () => now);
  const a = await openStore({ home, clock: () => now, live: false });
  t.after(() => a.close());
  const g = await a.issueSupportGrant({ ttl: 3_000 });
  now += 4_000;
  assert.equal(a.verifySupportGrant(g.token).reason, 'expired');
  const b = await openStore({ home, clock: () => now - 60_000, live: true });
  t.after(() => b.close());
  assert.equal(b.verifySupportGrant(g.token).reason, 'expired');
  assert.equal(b.get(g.id).state, 'expired');
});

test('invariants on every read: a grant edited to never expire with exec/wallet:reveal is invalid-record everywhere', async (t) => {
  const home = await initHome(t);
  const g = await grant(home, '1h');
  const k = await issueKey(home, [], 'k');
  const store = await openStore({ home, live: false });
  t.after(() => store.close());
  await store.mutate((doc) => {
    const gr = doc.credentials.find((c) => c.id === g.id);
    gr.expiresAt = null;
    gr.scopes = ['exec', 'wallet:reveal'];
    doc.credentials.find((c) => c.id === k.id).scopes.push('keys:write');
  });
  assert.deepEqual(store.verifySupportGrant(g.token, { scope: 'wallet:reveal' }), { valid: false, reason: 'invalid-record' });
  const fresh = await openStore({ home, live: true });
  t.after(() => fresh.close());
  assert.deepEqual(fresh.verifySupportGrant(g.token, { scope: 'wallet:reveal' }), { valid: false, reason: 'invalid-record' });
  assert.deepEqual(fresh.verifyLocalKey(k.token), { valid: false, reason: 'invalid-record' });
  const sv = await run(['support', 'verify', '--json'], { home, env: { B3IQ_SUPPORT_TOKEN: g.token } });
  assert.equal(sv.code, 1);
  assert.deepEqual(JSON.parse(sv.stdout), { valid: false, reason: 'invalid-record' });
  const kv = await run(['keys', 'verify', '--json'], { home, env: { B3IQ_LOCAL_KEY: k.token } });
  assert.deepEqual(JSON.parse(kv.stdout), { valid: false, reason: 'invalid-record' });
  const list = JSON.parse((await run(['support', 'list', '--all', '--json'], { home })).stdout);
  assert.equal(list.find((c) => c.id === g.id).state, 'invalid');
  const show = JSON.parse((await run(['keys', 'show', k.id, '--json'], { home })).stdout);
  assert.equal(show.state, 'invalid');
  const dr = await run(['doctor', '--json'], { home });
  assert.equal(dr.code, 1);
  const inv = JSON.parse(dr.stdout).checks.find((c) => c.id === 'invariants');
  assert.equal(inv.status, 'fail');
  assert.ok(inv.detail.includes(g.id) && inv.detail.includes(k.id), inv.detail);
});

test('invariants by hand: an id of the wrong kind, a setup token living past 24h, edited in the file', async (t) => {
  const home = await initHome(t);
  const k = await issueKey(home, [], 'k');
  const file = join(home, 'credentials.json');
  const doc = JSON.parse(readFileSync(file, 'utf8'));
  const rec = doc.credentials.find((c) => c.id === k.id);
  rec.kind = 'support';
  rec.scopes = ['diagnostics:read'];
  rec.expiresAt = new Date(Date.now() + 3_600_000).toISOString();
  writeFileSync(file, JSON.stringify(doc), { mode: 0o600 });
  const store = await openStore({ home, live: false });
  t.after(() => store.close());
  assert.equal(store.verifySupportGrant(k.token).reason, 'invalid-record');
  assert.match(store.recordProblem(k.id), /id does not match/);
});
