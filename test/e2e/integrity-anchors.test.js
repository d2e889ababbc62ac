// Integrity (issue: records 3, 4, 5): the records and the audit log anchor each other.
// A removed or cut journal, a cut, re-chained or rolled-back audit log, records edited
// away from their issuance: detected by audit --verify and doctor, and at load (records
// behind the log, a missing journal) the store fails closed: exit 3, E_CORRUPT. A change
// and its audit entries commit together; an unreadable log stops a change before it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, appendFileSync, readdirSync, unlinkSync, existsSync, copyFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { run, ok, initHome, issueKey, tempDir } from '../helpers/cli.js';
import { openStore } from '../../dist/credentials/store.js';
import { appendAudit } from '../../dist/home/audit.js';

const journalOf = (home) => readdirSync(home).find((n) => /^credentials\.[0-9a-f]{16}\.journal$/.test(n));
const errCode = (r) => JSON.parse(r.stderr).error.code;
const auditLines = (home) => readFileSync(join(home, 'audit.log'), 'utf8').split('\n').filter(Boolean);

/** A home whose changes go to the journal (as a large one's do): issue two keys, revoke one. */
async function journalHome(t) {
  const home = await initHome(t);
  const a = await issueKey(home, [], 'a');
  const b = await issueKey(home, [], 'b');
  const store = await openStore({ home, live: false, journal: { compactBelowBytes: 0, maxJournalBytes: 1 << 20 } });
  t.after(() => store.close());
  await store.revoke(a.id, { reason: 'gone' });
  assert.ok(readFileSync(join(home, journalOf(home)), 'utf8').includes('"revokedAt"'), 'the revoke is in the journal');
  return { home, a, b };
}

async function assertFailsClosed(home, token) {
  const v = await run(['keys', 'verify', '--json'], { home, env: { B3IQ_LOCAL_KEY: token } });
  assert.equal(v.code, 3, `verify must fail closed, got ${v.code}: ${v.stdout}`);
  assert.equal(errCode(v), 'E_CORRUPT');
  const d = await run(['doctor', '--json'], { home });
  assert.equal(d.code, 1);
  const a = await run(['audit', '--verify', '--json'], { home });
  assert.equal(a.code, 1, a.stdout);
  assert.equal(JSON.parse(a.stdout).ok, false);
}

test('deleting only the journal does not un-revoke a key: exit 3 E_CORRUPT, doctor and audit --verify fail', async (t) => {
  const { home, a } = await journalHome(t);
  const v0 = await run(['keys', 'verify', '--json'], { home, env: { B3IQ_LOCAL_KEY: a.token } });
  assert.equal(v0.code, 1, v0.stderr);
  unlinkSync(join(home, journalOf(home)));
  await assertFailsClosed(home, a.token);
  await assert.rejects(openStore({ home, live: false }), { code: 'E_CORRUPT' });
});

test('many entries that are not credential changes after the last one (owner sign-ins) do not hide a cut journal', async (t) => {
  const { home, a } = await journalHome(t);
  const events = /** @type {any[]} */ (
    Array.from({ length: 400 }, () => ({ action: 'owner.login', id: null, kind: 'owner', outcome: 'ok', note: 'x'.repeat(80) }))
  );
  appendAudit(join(home, 'audit.log'), events, Date.now());
  assert.ok(readFileSync(join(home, 'audit.log')).length > 64 * 1024);
  writeFileSync(join(home, journalOf(home)), ''); // cut, not removed: only the anchors tell
  await assertFailsClosed(home, a.token);
});

test("cutting the journal's last line (records behind the audit log) fails closed too", async (t) => {
  const { home, a } = await journalHome(t);
  const jf = join(home, journalOf(home));
  writeFileSync(jf, '');
  await assertFailsClosed(home, a.token);
});

test('a missing journal with nothing in it yet is still corrupt (the journal always exists)', async (t) => {
  const home = await initHome(t);
  const k = await issueKey(home, [], 'k');
  unlinkSync(join(home, journalOf(home)));
  const v = await run(['keys', 'verify', '--json'], { home, env: { B3IQ_LOCAL_KEY: k.token } });
  assert.equal(v.code, 3);
  assert.match(JSON.parse(v.stderr).error.message, /journal .* is missing/);
});

test("cutting the audit log's last lines, or rolling it back to an older copy, is detected", async (t) => {
  const home = await initHome(t);
  const k = await issueKey(home, [], 'k');
  const old = join(tempDir(), 'audit.old');
  copyFileSync(join(home, 'audit.log'), old);
  await ok(['keys', 'revoke', k.id], { home });
  await issueKey(home, [], 'later');
  assert.equal((await run(['audit', '--verify'], { home })).code, 0);
  const lines = auditLines(home);
  writeFileSync(join(home, 'audit.log'), lines.slice(0, -2).join('\n') + '\n');
  const v = await run(['audit', '--verify', '--json'], { home });
  assert.equal(v.code, 1);
  assert.match(JSON.parse(v.stdout).problem, /cut|rolled back|does not hold/);
  const d = JSON.parse((await run(['doctor', '--json'], { home })).stdout);
  assert.equal(d.checks.find((c) => c.id === 'anchors').status, 'fail');
  copyFileSync(old, join(home, 'audit.log'));
  assert.equal((await run(['audit', '--verify'], { home })).code, 1, 'an older copy of the log');
  // A change on top of a cut log is refused before anything is changed.
  const before = readFileSync(join(home, 'credentials.json'), 'utf8');
  const c = await run(['keys', 'create', '--name', 'x', '--out', '-', '--json'], { home });
  assert.equal(c.code, 3);
  assert.equal(errCode(c), 'E_CORRUPT');
  assert.equal(readFileSync(join(home, 'credentials.json'), 'utf8'), before);
});

test('a line rewritten and the chain recomputed after it passes the chain check but not the anchors', async (t) => {
  const home = await initHome(t);
  const k = await issueKey(home, [], 'k');
  await ok(['keys', 'revoke', k.id, '--reason', 'leaked'], { home });
  const lines = auditLines(home);
  let prev = '0'.repeat(64);
  const out = lines.map((line) => {
    let body = line.replace(/,"hash":"[0-9a-f]{64}"\}$/, '}').replace('"reason":"leaked"', '"reason":"routine"');
    body = body.replace(/"prev":"[0-9a-f]{64}"/, `"prev":"${prev}"`);
    prev = createHash('sha256').update(prev).update('\n').update(body).digest('hex');
    return `${body.slice(0, -1)},"hash":"${prev}"}`;
  });
  writeFileSync(join(home, 'audit.log'), out.join('\n') + '\n');
  const v = await run(['audit', '--verify', '--json'], { home });
  assert.equal(v.code, 1);
  assert.match(JSON.parse(v.stdout).problem, /does not hold entry/);
});

test('doctor: every live credential needs its issuance entry with the same scopes and expiry', async (t) => {
  const home = await initHome(t);
  const k = await issueKey(home, ['--scope', 'inference', '--expires', '30d'], 'k');
  const file = join(home, 'credentials.json');
  assert.equal(JSON.parse((await run(['doctor', '--json'], { home })).stdout).checks.find((c) => c.id === 'issuance').status, 'pass');
  const doc = JSON.parse(readFileSync(file, 'utf8'));
  const rec = doc.credentials.find((c) => c.id === k.id);
  rec.scopes = ['inference', 'usage:read'];
  rec.expiresAt = null;
  writeFileSync(file, JSON.stringify(doc), { mode: 0o600 });
  const d = JSON.parse((await run(['doctor', '--json'], { home })).stdout);
  const c = d.checks.find((x) => x.id === 'issuance');
  assert.equal(c.status, 'fail');
  assert.match(c.detail, new RegExp(`${k.id} has other scopes`));
});

test('an unreadable audit log stops keys create and keys revoke before any change, quoting nothing', async (t) => {
  const home = await initHome(t);
  const k = await issueKey(home, [], 'k');
  const secretish = 'SECRET-LOOKING-CONTENT-42';
  appendFileSync(join(home, 'audit.log'), `not json ${secretish}\n`);
  const before = readFileSync(join(home, 'credentials.json'), 'utf8');
  const out = join(tempDir(), 'k.token');
  const c = await run(['keys', 'create', '--name', 'n', '--out', out, '--json'], { home });
  assert.equal(c.code, 3);
  assert.equal(errCode(c), 'E_CORRUPT');
  assert.ok(!c.stderr.includes(secretish) && !c.stderr.includes('not json'), c.stderr);
  assert.ok(!existsSync(out), 'no token file left behind');
  const r = await run(['keys', 'revoke', k.id, '--json'], { home });
  assert.equal(r.code, 3);
  assert.ok(!r.stderr.includes(secretish));
  assert.equal(readFileSync(join(home, 'credentials.json'), 'utf8'), before, 'nothing changed');
});

test('a writer that died between the records and the audit lines: the next write appends them, the chain and anchors verify', async (t) => {
  const home = await initHome(t);
  await issueKey(home, [], 'a');
  const k = await issueKey(home, [], 'b');
  // As if the process died after committing the records: cut exactly the last change's lines.
  const lines = auditLines(home);
  writeFileSync(join(home, 'audit.log'), lines.slice(0, -1).join('\n') + '\n');
  const v = await run(['audit', '--verify', '--json'], { home });
  assert.equal(v.code, 0, v.stdout);
  assert.equal((await run(['keys', 'verify'], { home, env: { B3IQ_LOCAL_KEY: k.token } })).code, 0);
  await ok(['keys', 'revoke', k.id], { home });
  const after = auditLines(home);
  assert.equal(after.length, lines.length + 1);
  assert.equal(after[lines.length - 1], lines.at(-1), 'the missing entry was appended as it was');
  assert.equal((await run(['audit', '--verify'], { home })).code, 0);
  assert.equal((await run(['doctor', '--json'], { home })).code, 0);
});

test('doctor: a revocation the audit log records must hold in the records (an un-revoke by hand fails)', async (t) => {
  const home = await initHome(t);
  const k = await issueKey(home, [], 'k');
  await ok(['keys', 'revoke', k.id], { home });
  const file = join(home, 'credentials.json');
  const doc = JSON.parse(readFileSync(file, 'utf8'));
  doc.credentials.find((c) => c.id === k.id).revokedAt = null;
  writeFileSync(file, JSON.stringify(doc), { mode: 0o600 });
  const d = await run(['doctor', '--json'], { home });
  assert.equal(d.code, 1);
  const c = JSON.parse(d.stdout).checks.find((x) => x.id === 'issuance');
  assert.equal(c.status, 'fail');
  assert.match(c.detail, new RegExp(`${k.id} was revoked`));
});
