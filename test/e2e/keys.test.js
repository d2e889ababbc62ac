// Local API keys end to end: main() in process (test/harness), a temporary home, real
// files; the real binary where a process matters (umask, a terminal, 16 concurrent writers).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, statSync, symlinkSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { run, ok, initHome, issueKey, tempDir, readTree } from '../harness/index.js';
import { issueKey as spawnIssueKey } from '../helpers/cli.js';
import { runPty } from '../helpers/pty.js';

const credentials = (home) => JSON.parse(readFileSync(join(home, 'credentials.json'), 'utf8')).credentials;

test('init is idempotent and private whatever the umask', async (t) => {
  const home = join(tempDir(), 'h');
  const r1 = await ok(['init', '--json'], { home, env: {} });
  const r2 = await ok(['init', '--json'], { home });
  assert.equal(JSON.parse(r1.stdout).created, true);
  assert.equal(JSON.parse(r2.stdout).created, false);
  assert.equal(JSON.parse(r1.stdout).nodeId, JSON.parse(r2.stdout).nodeId);
});

test('0700 folder and 0600 files under umask 000', async () => {
  const home = join(tempDir(), 'h');
  const { spawnSync } = await import('node:child_process');
  const { BIN, baseEnv } = await import('../harness/index.js');
  const r = spawnSync(
    '/bin/sh',
    ['-c', `umask 000 && "${process.execPath}" "${BIN}" init && "${process.execPath}" "${BIN}" keys create --name u --out "${home}/../k"`],
    { env: baseEnv(home), encoding: 'utf8' },
  );
  assert.equal(r.status, 0, r.stderr);
  assert.equal(statSync(home).mode & 0o777, 0o700);
  for (const f of readTree(home)) assert.equal(statSync(f.path).mode & 0o777, 0o600, f.path);
  assert.equal(statSync(join(home, '..', 'k')).mode & 0o777, 0o600);
});

test('a home writable by others or owned by another user is refused with exit 3', async (t) => {
  const home = await initHome(t);
  const { chmodSync, chownSync } = await import('node:fs');
  chmodSync(home, 0o777);
  const r = await run(['keys', 'list'], { home });
  assert.equal(r.code, 3);
  assert.match(r.stderr, /E_UNSAFE_PERMISSIONS/);
  chmodSync(home, 0o700);
  if (process.getuid?.() === 0) {
    chownSync(home, 65534, 65534);
    const r2 = await run(['keys', 'list'], { home });
    assert.equal(r2.code, 3);
    assert.match(r2.stderr, /E_UNSAFE_OWNER/);
    chownSync(home, 0, 0);
  }
});

test('commands before init exit 3 and say how to fix it', async (t) => {
  const home = join(tempDir(), 'nothing');
  const r = await run(['keys', 'list'], { home });
  assert.equal(r.code, 3);
  assert.match(r.stderr, /E_NOT_INITIALISED/);
  assert.match(r.stderr, /b3iq init/);
});

test('shown once: --out FILE writes a new 0600 file and stdout carries only metadata', async (t) => {
  const home = await initHome(t);
  const out = join(tempDir(), 'key');
  const r = await ok(['keys', 'create', '--name', 'ci', '--out', out, '--json'], { home });
  const doc = JSON.parse(r.stdout);
  assert.equal(doc.token, undefined);
  assert.match(doc.id, /^lk_/);
  const token = readFileSync(out, 'utf8').trim();
  assert.match(token, /^b3iq_local_/);
  assert.equal(statSync(out).mode & 0o777, 0o600);
  assert.ok(!r.stdout.includes(token) && !r.stderr.includes(token));
  for (const k of ['id', 'kind', 'name', 'scopes', 'createdAt', 'expiresAt', 'revokedAt', 'state']) assert.ok(k in doc, k);
  assert.equal(doc.kind, 'local');
  assert.equal(doc.state, 'live');
});

test('shown once: --out refuses an existing file and a symlink, and issues nothing', async (t) => {
  const home = await initHome(t);
  const dir = tempDir();
  const existing = join(dir, 'exists');
  writeFileSync(existing, 'keep me');
  const target = join(dir, 'target');
  writeFileSync(target, 'untouched');
  const link = join(dir, 'link');
  symlinkSync(target, link);
  const dangling = join(dir, 'dangling');
  symlinkSync(join(dir, 'nowhere'), dangling);
  for (const [file, code] of /** @type {[string, RegExp][]} */ ([
    [existing, /E_OUT_EXISTS/],
    [link, /E_OUT_SYMLINK/],
    [dangling, /E_OUT_SYMLINK/],
  ])) {
    const r = await run(['keys', 'create', '--name', 'x', '--out', file], { home });
    assert.equal(r.code, 2);
    assert.match(r.stderr, code);
  }
  assert.equal(readFileSync(existing, 'utf8'), 'keep me');
  assert.equal(readFileSync(target, 'utf8'), 'untouched');
  assert.equal(existsSync(join(dir, 'nowhere')), false);
  assert.equal(credentials(home).length, 0);
});

test('shown once: --out - prints the bare token; --json carries it in "token"', async (t) => {
  const home = await initHome(t);
  const r = await ok(['keys', 'create', '--name', 'a', '--out', '-'], { home });
  assert.match(r.stdout, /^b3iq_local_[0-9A-Za-z]{49}\n$/);
  const j = await ok(['keys', 'create', '--name', 'b', '--out', '-', '--json'], { home });
  assert.match(JSON.parse(j.stdout).token, /^b3iq_local_/);
});

test('shown once: a non-terminal stdout without --out is refused before anything is issued', async (t) => {
  const home = await initHome(t);
  const r = await run(['keys', 'create', '--name', 'ci'], { home });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /E_STDOUT_NOT_TTY/);
  assert.equal(r.stdout, '');
  assert.equal(credentials(home).length, 0);
  const audit = existsSync(join(home, 'audit.log')) ? readFileSync(join(home, 'audit.log'), 'utf8') : '';
  assert.doesNotMatch(audit, /keys\.create/);
});

test('shown once: on a terminal it is printed once with a "store it now" warning', async (t) => {
  const home = await initHome(t);
  const r = await runPty(['keys', 'create', '--name', 'tty'], { home });
  assert.equal(r.code, 0, r.screen);
  const tokens = r.screen.match(/b3iq_local_[0-9A-Za-z]{49}/g) ?? [];
  assert.equal(tokens.length, 1);
  assert.match(r.screen, /store this key now/);
  const list = await ok(['keys', 'list', '--json'], { home });
  assert.ok(!list.stdout.includes(tokens[0]));
});

test('scopes, expiry, revoke, rotate and their verify reasons', async (t) => {
  const home = await initHome(t);
  const a = await issueKey(home, ['--scope', 'models:read', '--scope', 'usage:read']);
  assert.deepEqual(a.doc.scopes, ['models:read', 'usage:read']);
  const v = async (token, extra = [], clock = undefined) => {
    const r = await run(['keys', 'verify', '--json', ...extra], { home, input: token + '\n', clock });
    return { code: r.code, doc: JSON.parse(r.stdout) };
  };
  assert.deepEqual(await v(a.token, ['--scope', 'models:read']), { code: 0, doc: { valid: true, id: a.id, scopes: ['models:read', 'usage:read'] } });
  assert.deepEqual(await v(a.token, ['--scope', 'inference']), { code: 1, doc: { valid: false, reason: 'scope', missing: 'inference' } });

  const bad = await run(['keys', 'create', '--name', 'x', '--scope', 'admin', '--out', '-'], { home });
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /E_SCOPE_UNKNOWN/);

  const short = await issueKey(home, ['--expires', '1s']);
  // 1.1 s later, on the run's clock instead of a wait.
  assert.deepEqual(await v(short.token, [], () => Date.now() + 1100), { code: 1, doc: { valid: false, reason: 'expired' } });

  const b = await issueKey(home);
  const rv = await ok(['keys', 'revoke', b.id, '--reason', 'test', '--json'], { home });
  assert.equal(JSON.parse(rv.stdout)[0].state, 'revoked');
  await ok(['keys', 'revoke', b.id], { home }); // already revoked: not an error
  assert.deepEqual(await v(b.token), { code: 1, doc: { valid: false, reason: 'revoked' } });

  const c = await issueKey(home, ['--scope', 'usage:read'], 'rotating');
  const rot = await ok(['keys', 'rotate', c.id, '--out', '-', '--json'], { home });
  const next = JSON.parse(rot.stdout);
  assert.equal(next.name, 'rotating');
  assert.deepEqual(next.scopes, ['usage:read']);
  assert.notEqual(next.id, c.id);
  assert.deepEqual(await v(c.token), { code: 1, doc: { valid: false, reason: 'revoked' } });
  assert.equal((await v(next.token)).doc.valid, true);

  const d = await issueKey(home);
  const graced = JSON.parse((await ok(['keys', 'rotate', d.id, '--grace', '1h', '--out', '-', '--json'], { home })).stdout);
  assert.equal((await v(d.token)).doc.valid, true, 'old key valid during the grace period');
  assert.equal((await v(graced.token)).doc.valid, true);

  // a tampered checksum is malformed; a valid-looking unknown token is unknown
  const last = a.token.at(-1) === 'a' ? 'b' : 'a';
  assert.deepEqual(await v(a.token.slice(0, -1) + last), { code: 1, doc: { valid: false, reason: 'malformed' } });
  const { generateToken } = await import('../../dist/core/tokens.js');
  assert.deepEqual(await v(generateToken('local')), { code: 1, doc: { valid: false, reason: 'unknown' } });
  assert.deepEqual(await v(generateToken('gateway')), { code: 1, doc: { valid: false, reason: 'wrong-kind' } });
});

test('list, --all and show never print secrets or hashes', async (t) => {
  const home = await initHome(t);
  const a = await issueKey(home);
  const b = await issueKey(home);
  await ok(['keys', 'revoke', b.id], { home });
  const live = JSON.parse((await ok(['keys', 'list', '--json'], { home })).stdout);
  assert.deepEqual(
    live.map((k) => k.id),
    [a.id],
  );
  const all = JSON.parse((await ok(['keys', 'list', '--all', '--json'], { home })).stdout);
  assert.deepEqual(
    all.map((k) => k.state),
    ['live', 'revoked'],
  );
  const show = await ok(['keys', 'show', a.id], { home });
  const human = await ok(['keys', 'list', '--all'], { home });
  const hashes = credentials(home).map((c) => c.hash.slice(7));
  for (const text of [JSON.stringify(all), show.stdout, human.stdout]) {
    for (const s of [a.token, b.token, ...hashes]) assert.ok(!text.includes(s));
    assert.doesNotMatch(text, /sha256/);
  }
  const missing = await run(['keys', 'show', 'lk_doesnotexist'], { home });
  assert.equal(missing.code, 1);
});

test('16 concurrent keys create: none lost', async (t) => {
  const home = await initHome(t);
  // Sixteen processes: the lock has to hold across processes, not only inside one.
  const results = await Promise.all(Array.from({ length: 16 }, (_, i) => spawnIssueKey(home, [], `c${i}`)));
  const ids = new Set(results.map((r) => r.id));
  assert.equal(ids.size, 16);
  const stored = credentials(home).map((c) => c.id);
  for (const id of ids) assert.ok(stored.includes(id), id);
  const { verifyAuditText } = await import('../../dist/home/audit.js');
  const audit = verifyAuditText(readFileSync(join(home, 'audit.log'), 'utf8'));
  assert.equal(audit.ok, true);
  assert.equal(audit.entries, 17); // init + 16 creates
});

test('a corrupt or newer record file is left byte-for-byte untouched, exit 3', async (t) => {
  const home = await initHome(t);
  await issueKey(home);
  const file = join(home, 'credentials.json');
  for (const content of ['{"schemaVersion":1,"credentials":[{', JSON.stringify({ schemaVersion: 99, generation: 1, credentials: [] })]) {
    writeFileSync(file, content);
    for (const args of [['keys', 'list'], ['keys', 'create', '--name', 'x', '--out', '-'], ['init']]) {
      const r = await run(args, { home });
      assert.equal(r.code, 3, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, /E_CORRUPT|E_SCHEMA_NEWER/);
      assert.ok(r.stderr.split('\n').filter(Boolean).length <= 2, r.stderr);
      assert.equal(readFileSync(file, 'utf8'), content);
    }
  }
});

test('after a whole lifecycle, no token and no fragment of one is anywhere in the home', async (t) => {
  const home = await initHome(t);
  const tokens = [];
  const a = await issueKey(home);
  tokens.push(a.token);
  const rot = JSON.parse((await ok(['keys', 'rotate', a.id, '--out', '-', '--json'], { home })).stdout);
  tokens.push(rot.token);
  const b = await issueKey(home, ['--expires', '30d']);
  tokens.push(b.token);
  await ok(['keys', 'revoke', b.id], { home });
  await run(['keys', 'verify'], { home, input: rot.token });
  await run(['keys', 'show', a.token], { home }); // refused by the argv guard
  const files = readTree(home);
  assert.ok(files.length >= 3);
  for (const token of tokens) {
    const body = token.slice(token.lastIndexOf('_') + 1);
    for (const f of files) {
      const text = f.data.toString('latin1');
      assert.ok(!text.includes(token), f.path);
      // any 12-character window of the token body
      for (let i = 0; i + 12 <= body.length; i += 6) assert.ok(!text.includes(body.slice(i, i + 12)), `${f.path} holds a fragment`);
    }
  }
  // the audit log carries ids, never hashes
  const audit = readFileSync(join(home, 'audit.log'), 'utf8');
  for (const c of credentials(home)) assert.ok(!audit.includes(c.hash.slice(7, 30)));
});

test('status: counts by state, owner, keychain backend, warnings; never a secret', async (t) => {
  const home = await initHome(t);
  const a = await issueKey(home);
  const b = await issueKey(home);
  await ok(['keys', 'revoke', b.id], { home });
  const r = await ok(['status', '--json'], { home, env: { B3IQ_KEYCHAIN: 'off' } });
  const doc = JSON.parse(r.stdout);
  assert.equal(doc.home, home);
  assert.deepEqual(doc.credentials.local, { live: 1, revoked: 1, expired: 0, used: 0, invalid: 0 });
  assert.equal(doc.owner.exists, false);
  assert.match(doc.keychain, /file|off/i);
  assert.deepEqual(doc.warnings, []);
  for (const s of [a.token, b.token]) assert.ok(!r.stdout.includes(s) && !r.stderr.includes(s));
  const { chmodSync } = await import('node:fs');
  chmodSync(join(home, 'credentials.json'), 0o644);
  // Readable by others is refused like writable (exit 3), with the fix.
  const w = await run(['status'], { home, env: { B3IQ_KEYCHAIN: 'off' } });
  assert.equal(w.code, 3, w.stderr);
  assert.match(w.stderr, /E_UNSAFE_PERMISSIONS.*credentials\.json is readable by group or others \(mode 644\)/);
  assert.match(w.stderr, /chmod 600 .*credentials\.json/);
});
