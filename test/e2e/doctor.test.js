// b3iq doctor end to end: each check failing for its reason, then passing after the fix.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, writeFileSync, rmSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { run, ok, initHome, issueKey, tempDir } from '../harness/index.js';

/** A user home with no shell history of the machine running the tests. */
function userHome(t) {
  const dir = tempDir('b3iq-user-');
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function doctor(home, env, args = []) {
  const r = await run(['doctor', '--json', ...args], { home, env: { B3IQ_KEYCHAIN: 'off', ...env } });
  const doc = JSON.parse(r.stdout);
  const byId = Object.fromEntries(doc.checks.map((c) => [c.id, c]));
  return { r, doc, byId };
}

test('a fresh home passes; a 0644 record fails with the chmod fix; fixed, it passes again', async (t) => {
  const home = await initHome(t);
  const env = { HOME: userHome(t) };
  const first = await doctor(home, env);
  assert.equal(first.r.code, 0, first.r.stdout);
  assert.equal(first.doc.ok, true);
  for (const id of ['home', 'permissions', 'records', 'audit', 'keychain', 'history']) assert.ok(first.byId[id], id);

  chmodSync(join(home, 'credentials.json'), 0o644);
  const bad = await doctor(home, env);
  assert.equal(bad.r.code, 1);
  assert.equal(bad.doc.ok, false);
  assert.equal(bad.byId.permissions.status, 'fail');
  assert.match(bad.byId.permissions.detail, /credentials\.json has mode 644/);
  assert.equal(bad.byId.permissions.fix, `chmod 600 ${join(home, 'credentials.json')}`);
  const human = await run(['doctor'], { home, env: { B3IQ_KEYCHAIN: 'off', ...env } });
  assert.equal(human.code, 1);
  assert.match(human.stdout, /FAIL {2}permissions[^\n]*\n.*mode 644[^\n]*\n\s+fix: chmod 600/);

  chmodSync(join(home, 'credentials.json'), 0o600);
  const fixed = await doctor(home, env);
  assert.equal(fixed.r.code, 0);
});

test('--production: a live --dev key and unconfirmed rotations fail; revoked and confirmed, it passes', async (t) => {
  const home = await initHome(t);
  const env = { HOME: userHome(t) };
  const dev = await issueKey(home, ['--dev', '--expires', '30d'], 'dev');
  await issueKey(home, ['--expires', '30d'], 'prod');
  const plain = await doctor(home, env);
  assert.equal(plain.r.code, 0, 'dev keys only fail the production checklist');

  const p1 = await doctor(home, env, ['--production']);
  assert.equal(p1.r.code, 1);
  assert.equal(p1.doc.production, true);
  assert.equal(p1.byId['dev-credentials'].status, 'fail');
  assert.match(p1.byId['dev-credentials'].detail, new RegExp(dev.id));
  assert.equal(p1.byId['dev-credentials'].fix, `b3iq keys revoke ${dev.id}`);
  const items = ['node-secrets', 'deployer-keys', 'cloudflare-tokens', 'signing-certificates', 'router-secrets', 'protocol-treasuries'];
  for (const i of items) assert.equal(p1.byId[`rotated:${i}`].status, 'fail', i);

  const p2 = await doctor(home, env, ['--production', '--confirm-rotated', 'node-secrets,deployer-keys', '--confirm-rotated', 'cloudflare-tokens']);
  assert.equal(p2.byId['rotated:node-secrets'].status, 'pass');
  assert.equal(p2.byId['rotated:cloudflare-tokens'].status, 'pass');
  assert.equal(p2.byId['rotated:router-secrets'].status, 'fail');

  await ok(['keys', 'revoke', dev.id], { home });
  const p3 = await doctor(home, env, ['--production', '--confirm-rotated', 'all']);
  assert.equal(p3.r.code, 0, p3.r.stdout);
  assert.equal(p3.byId['dev-credentials'].status, 'pass');

  const bogus = await run(['doctor', '--production', '--confirm-rotated', 'everything'], { home, env });
  assert.equal(bogus.code, 2);
  const without = await run(['doctor', '--confirm-rotated', 'all'], { home, env });
  assert.equal(without.code, 2);
});

test('a live key in shell history fails the history check, without printing it', async (t) => {
  const home = await initHome(t);
  const user = userHome(t);
  const { id, token } = await issueKey(home, ['--expires', '30d']);
  mkdirSync(join(user, '.local/share/fish'), { recursive: true });
  writeFileSync(join(user, '.local/share/fish/fish_history'), `- cmd: export B3IQ_LOCAL_KEY=${token}\n  when: 1700000000\n`);
  const d = await doctor(home, { HOME: user });
  assert.equal(d.r.code, 1);
  assert.equal(d.byId.history.status, 'fail');
  assert.match(d.byId.history.detail, new RegExp(`fish_history:1 local ${id} \\(live\\)`));
  assert.ok(!d.r.stdout.includes(token) && !d.r.stderr.includes(token));
  // Revoked by scan --history --revoke, it is dead: a warning, no longer a failure.
  await run(['scan', '--history', '--revoke'], { home, env: { HOME: user } });
  const after = await doctor(home, { HOME: user });
  assert.equal(after.byId.history.status, 'warn');
  assert.equal(after.r.code, 0);
});

test('long-lived keys warn, a tampered audit log fails, no home fails', async (t) => {
  const home = await initHome(t);
  const env = { HOME: userHome(t) };
  await issueKey(home, [], 'forever');
  const d = await doctor(home, env);
  assert.equal(d.byId['key-expiry'].status, 'warn');
  assert.equal(d.r.code, 0);
  const audit = join(home, 'audit.log');
  writeFileSync(audit, readFileSync(audit, 'utf8').replace('"forever"', '"forevex"'));
  const t2 = await doctor(home, env);
  assert.equal(t2.byId.audit.status, 'fail');
  assert.match(t2.byId.audit.detail, /^line 2:/);
  const none = await doctor(join(tempDir(), 'missing'), env);
  assert.equal(none.r.code, 1);
  assert.equal(none.byId.home.status, 'fail');
  assert.equal(none.byId.home.fix, 'b3iq init');
});
