// Support grants end to end: main() in process (test/harness), a temporary home, real files;
// expiry on the runs' clock.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { run, ok, initHome, issueKey, tempDir, readTree } from '../harness/index.js';

const SUPPORT_RE = /^b3iq_support_[0-9A-Za-z]{20,}$/;

async function grant(home, extra = []) {
  const r = await ok(['support', 'grant', '--out', '-', '--json', ...extra], { home });
  const doc = JSON.parse(r.stdout);
  return { id: doc.id, token: doc.token, doc };
}

async function verify(home, token, extra = [], clock = undefined) {
  const r = await run(['support', 'verify', '--json', ...extra], { home, input: token, clock });
  return { code: r.code, doc: JSON.parse(r.stdout || 'null'), stderr: r.stderr };
}

const listAll = async (home, clock = undefined) => JSON.parse((await ok(['support', 'list', '--all', '--json'], { home, clock })).stdout);

test('grant: default 4h, diagnostics:read, shown once, stored only as a hash', async (t) => {
  const home = await initHome(t);
  const { id, token, doc } = await grant(home, ['--note', 'ticket 4711']);
  assert.match(token, SUPPORT_RE);
  assert.match(id, /^sg_/);
  assert.equal(doc.kind, 'support');
  assert.deepEqual(doc.scopes, ['diagnostics:read']);
  assert.equal(Date.parse(doc.expiresAt) - Date.parse(doc.createdAt), 4 * 3600_000);
  assert.equal(doc.state, 'live');
  assert.deepEqual(await verify(home, token), { code: 0, doc: { valid: true, id, scopes: ['diagnostics:read'] }, stderr: '' });
  // list never carries the token or its hash; nothing in the home carries the token
  const list = await ok(['support', 'list', '--json'], { home });
  assert.ok(!list.stdout.includes(token));
  assert.ok(!/sha256|hash/i.test(list.stdout));
  assert.deepEqual(
    JSON.parse(list.stdout).map((c) => c.id),
    [id],
  );
  for (const f of readTree(home)) assert.ok(!f.data.toString('latin1').includes(token), f.path);
  // the audit trail has the grant, never the token
  assert.match(readFileSync(join(home, 'audit.log'), 'utf8'), /support\.grant/);
});

test('grant --out FILE: a new 0600 file, metadata only on stdout; refuses to overwrite', async (t) => {
  const home = await initHome(t);
  const dir = tempDir();
  const file = join(dir, 'grant');
  const r = await ok(['support', 'grant', '--scope', 'logs:read', '--scope', 'health:read', '--out', file, '--json'], { home });
  const doc = JSON.parse(r.stdout);
  assert.equal(doc.token, undefined);
  assert.deepEqual(doc.scopes, ['logs:read', 'health:read']);
  assert.equal(statSync(file).mode & 0o777, 0o600);
  const token = readFileSync(file, 'utf8').trim();
  assert.match(token, SUPPORT_RE);
  assert.ok(!r.stdout.includes(token) && !r.stderr.includes(token));
  const again = await run(['support', 'grant', '--out', file], { home });
  assert.equal(again.code, 2);
  assert.match(again.stderr, /E_OUT_EXISTS/);
  assert.equal((await listAll(home)).length, 1, 'the refused grant issued nothing');
  // without --out and with a stdout that is not a terminal: refused before issuing
  const piped = await run(['support', 'grant'], { home });
  assert.equal(piped.code, 2);
  assert.match(piped.stderr, /E_STDOUT_NOT_TTY/);
  assert.equal((await listAll(home)).length, 1);
});

test('grant: every forbidden scope is refused by name with its reason (exit 2), nothing issued', async (t) => {
  const home = await initHome(t);
  const reasons = {
    'keys:write': /may not manage API keys/,
    'owner:recover': /may not recover owner auth/,
    'wallet:reveal': /may not reveal wallet private keys/,
    exec: /may not execute commands outside the allowed diagnostics/,
    'prompts:read': /may not read raw prompts or outputs/,
  };
  for (const [scope, reason] of Object.entries(reasons)) {
    for (const args of [
      ['--scope', scope],
      ['--scope', `diagnostics:read,${scope}`],
      ['--scope', 'logs:read', '--scope', scope],
    ]) {
      const r = await run(['support', 'grant', '--out', '-', ...args], { home });
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, /E_SCOPE_FORBIDDEN/);
      assert.match(r.stderr, reason);
      assert.ok(r.stderr.includes(scope));
      assert.equal(r.stdout, '');
    }
    const j = await run(['support', 'grant', '--out', '-', '--json', '--scope', scope], { home });
    assert.equal(JSON.parse(j.stderr).error.code, 'E_SCOPE_FORBIDDEN');
  }
  const unknown = await run(['support', 'grant', '--out', '-', '--scope', 'inference'], { home });
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /E_SCOPE_UNKNOWN/);
  assert.deepEqual(await listAll(home), []);
});

test('grant: 72h at most (longer, never or malformed is exit 2, nothing issued)', async (t) => {
  const home = await initHome(t);
  const { doc } = await grant(home, ['--ttl', '72h']);
  assert.equal(Date.parse(doc.expiresAt) - Date.parse(doc.createdAt), 72 * 3600_000);
  const { doc: d3 } = await grant(home, ['--ttl', '3d']);
  assert.equal(Date.parse(d3.expiresAt) - Date.parse(d3.createdAt), 72 * 3600_000);
  for (const ttl of ['73h', '4d', '4321m', 'never', '0s', 'soon']) {
    const r = await run(['support', 'grant', '--out', '-', '--ttl', ttl], { home });
    assert.equal(r.code, 2, ttl);
    assert.match(r.stderr, /E_DURATION/, ttl);
    assert.equal(r.stdout, '');
  }
  assert.equal((await listAll(home)).length, 2);
});

test('expiry: a 2s grant verifies, then answers expired and leaves the live list', async (t) => {
  const home = await initHome(t);
  const { id, token, doc } = await grant(home, ['--ttl', '2s']);
  assert.equal(Date.parse(doc.expiresAt) - Date.parse(doc.createdAt), 2000);
  assert.equal((await verify(home, token)).code, 0);
  // 300 ms past the expiry, on the runs' clock instead of a wait.
  const later = () => Date.parse(doc.expiresAt) + 300;
  assert.deepEqual(await verify(home, token, [], later), { code: 1, doc: { valid: false, reason: 'expired' }, stderr: '' });
  assert.deepEqual(JSON.parse((await ok(['support', 'list', '--json'], { home, clock: later })).stdout), []);
  const all = await listAll(home, later);
  assert.equal(all.find((c) => c.id === id).state, 'expired');
});

test('revoke: by id (idempotent), unknown or wrong-kind ids, --all, and usage errors', async (t) => {
  const home = await initHome(t);
  const a = await grant(home);
  const b = await grant(home, ['--scope', 'logs:read']);
  const c = await grant(home);
  const key = await issueKey(home);
  const r1 = await ok(['support', 'revoke', a.id, '--reason', 'ticket closed', '--json'], { home });
  assert.equal(JSON.parse(r1.stdout)[0].state, 'revoked');
  assert.deepEqual((await verify(home, a.token)).doc, { valid: false, reason: 'revoked' });
  const again = await ok(['support', 'revoke', a.id], { home });
  assert.match(again.stderr, /already revoked/);
  const unknown = await run(['support', 'revoke', 'sg_doesnotexist1'], { home });
  assert.equal(unknown.code, 1);
  assert.match(unknown.stderr, /E_NOT_FOUND/);
  const local = await run(['support', 'revoke', key.id], { home });
  assert.equal(local.code, 1, 'a local key id is not a support grant');
  const both = await run(['support', 'revoke', b.id, '--all'], { home });
  assert.equal(both.code, 2);
  assert.match(both.stderr, /E_USAGE/);
  const none = await run(['support', 'revoke'], { home });
  assert.equal(none.code, 2);
  assert.equal((await verify(home, b.token)).code, 0, 'usage errors revoke nothing');
  const all = await ok(['support', 'revoke', '--all', '--json'], { home });
  assert.deepEqual(
    JSON.parse(all.stdout)
      .map((x) => x.id)
      .sort(),
    [b.id, c.id].sort(),
  );
  for (const g of [b, c]) assert.deepEqual((await verify(home, g.token)).doc, { valid: false, reason: 'revoked' });
  assert.equal((await ok(['keys', 'verify'], { home, input: key.token })).code, 0, 'support revoke --all leaves local keys alone');
  const empty = await ok(['support', 'revoke', '--all', '--json'], { home });
  assert.deepEqual(JSON.parse(empty.stdout), []);
  assert.match(readFileSync(join(home, 'audit.log'), 'utf8'), /support\.revoke/);
});

test('verify: scope check, token file, and wrong-kind both ways', async (t) => {
  const home = await initHome(t);
  const g = await grant(home, ['--scope', 'diagnostics:read']);
  const key = await issueKey(home);
  assert.deepEqual((await verify(home, g.token, ['--scope', 'logs:read'])).doc, { valid: false, reason: 'scope', missing: 'logs:read' });
  assert.equal((await verify(home, g.token, ['--scope', 'diagnostics:read'])).code, 0);
  const dir = tempDir();
  const { writeFileSync } = await import('node:fs');
  writeFileSync(join(dir, 't'), g.token + '\n', { mode: 0o600 });
  assert.equal((await ok(['support', 'verify', '--token-file', join(dir, 't')], { home })).stdout.trim().startsWith('valid'), true);
  // a local key given to support verify, and a support token given to keys verify
  assert.deepEqual(await verify(home, key.token), { code: 1, doc: { valid: false, reason: 'wrong-kind' }, stderr: '' });
  const kv = await run(['keys', 'verify', '--json'], { home, input: g.token });
  assert.equal(kv.code, 1);
  assert.deepEqual(JSON.parse(kv.stdout), { valid: false, reason: 'wrong-kind' });
  // a malformed one
  assert.deepEqual((await verify(home, 'not-a-token')).doc, { valid: false, reason: 'malformed' });
  // no input at all (CI, stdin /dev/null): exit 2 at once, never a hang
  const none = await run(['support', 'verify'], { home });
  assert.equal(none.code, 2);
  assert.match(none.stderr, /E_NO_INPUT/);
  assert.equal(existsSync(join(home, 'credentials.json')), true);
});
