// Edges of the command contract found by a conformance review: each test failed on the
// code before its fix. In process (the harness) unless the case needs the real binary.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, lstatSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ok, run, initHome, issueKey, tempDir } from '../harness/index.js';

const env = { B3IQ_KEYCHAIN: 'off' };

/** At most one JSON document on stderr, and it is an error with a code. */
function jsonError(r) {
  const doc = JSON.parse(r.stderr);
  assert.match(doc.error.code, /^E_[A-Z_]+$/);
  return doc.error;
}

test('argv guard: a live credential after a secret flag (--token VALUE) is named as exposed, with its revoke command', async (t) => {
  const home = await initHome(t);
  const key = await issueKey(home);
  const r = await run(['keys', 'verify', '--token', key.token, '--json'], { home, env });
  assert.equal(r.code, 2);
  const e = jsonError(r);
  assert.equal(e.code, 'E_SECRET_IN_ARGV');
  assert.match(e.message, new RegExp(`live local API key of this node \\(${key.id}\\).*exposed`));
  assert.match(e.message, new RegExp(`keys revoke ${key.id}`));
  assert.ok(!r.stderr.includes(key.token.slice(11, 20)), 'never echoes the value');
  const setup = JSON.parse((await ok(['setup-token', 'create', '--out', '-', '--json'], { home })).stdout);
  const s = await run(['setup', '--password', setup.token], { home, env });
  assert.equal(s.code, 2);
  assert.match(s.stderr, new RegExp(`setup-token revoke ${setup.id}`));
});

test('keys forget: an unknown key id is E_NOT_FOUND (exit 1), as keys show and revoke; a known key without a saved copy is not an error', async (t) => {
  const home = await initHome(t);
  const unknown = await run(['keys', 'forget', 'lk_AAAAAAAAAAAAA', '--json'], { home, env });
  assert.equal(unknown.code, 1);
  assert.equal(unknown.stdout, '');
  assert.equal(jsonError(unknown).code, 'E_NOT_FOUND');
  const malformed = await run(['keys', 'forget', 'not-an-id'], { home, env });
  assert.equal(malformed.code, 1);
  assert.match(malformed.stderr, /E_NOT_FOUND.*argument 3/);
  assert.ok(!malformed.stderr.includes('not-an-id'));
  const key = await issueKey(home);
  const known = await ok(['keys', 'forget', key.id, '--json'], { home, env });
  assert.deepEqual(JSON.parse(known.stdout), [{ id: key.id, removed: false, keychain: false, file: null }]);
});

test('owner sessions revoke: a value that is not a session id is named by position, in a readable sentence', async (t) => {
  const home = await initHome(t);
  const r = await run(['owner', 'sessions', 'revoke', 'hunter2hunter2'], { home, env });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /E_NOT_FOUND\] No live owner session with id \(argument 4, not a session id\)\./);
  assert.ok(!r.stderr.includes('hunter2'));
});

test('restore -: says a backup is read from a file (was: "Cannot read the backup - (ENOENT)")', async (t) => {
  const home = await initHome(t);
  const r = await run(['restore', '-', '--json'], { home, env, input: '{}' });
  assert.equal(r.code, 2);
  const e = jsonError(r);
  assert.equal(e.code, 'E_USAGE');
  assert.match(e.message, /not stdin/);
});

test('restore: a home that is a file or a symlink is refused (exit 3) as every command refuses it, not "not empty, use --force"', async (t) => {
  const home = await initHome(t);
  const dir = tempDir();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const backup = join(dir, 'b.json');
  await ok(['backup', '--out', backup], { home, env });
  const file = join(dir, 'a-file');
  writeFileSync(file, 'x\n');
  const link = join(dir, 'a-link');
  symlinkSync(home, link);
  for (const force of [[], ['--force']]) {
    const f = await run(['restore', backup, '--json', ...force], { home: file, env });
    assert.equal(f.code, 3, f.stderr);
    assert.equal(jsonError(f).code, 'E_UNSAFE_PERMISSIONS');
    const l = await run(['restore', backup, '--json', ...force], { home: link, env });
    assert.equal(l.code, 3, l.stderr);
    assert.equal(jsonError(l).code, 'E_SYMLINK');
  }
  assert.equal(readFileSync(file, 'utf8'), 'x\n');
  assert.equal(lstatSync(link).isSymbolicLink(), true);
});

test('--home "" (an unset variable) is a usage error, not the default home', async (t) => {
  const home = await initHome(t);
  for (const args of [
    ['--home', '', 'keys', 'list', '--json'],
    ['keys', 'list', '--home=', '--json'],
  ]) {
    const r = await run(args, { home, env });
    assert.equal(r.code, 2, r.stderr);
    assert.equal(r.stdout, '');
    assert.equal(jsonError(r).code, 'E_USAGE');
  }
});

test("status --json: every warning shown on stderr is also in the document's warnings (a live support grant was missing)", async (t) => {
  const home = await initHome(t);
  await ok(['support', 'grant', '--out', '-'], { home, env });
  const r = await ok(['status', '--json'], { home, env });
  const doc = JSON.parse(r.stdout);
  assert.equal(doc.liveSupportGrants, 1);
  assert.deepEqual(doc.warnings, JSON.parse(r.stderr).warnings);
  assert.match(doc.warnings.join('\n'), /1 support grant\(s\) are live/);
});

test('ui: a --tls-cert/--tls-key pair that is not PEM is a usage error (exit 2, E_BAD_INPUT), not an unexpected E_IO; a key others can read is warned about', async (t) => {
  const home = await initHome(t);
  const dir = tempDir();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  writeFileSync(cert, 'not a certificate\n');
  writeFileSync(key, 'not a key either\n', { mode: 0o644 });
  chmodSync(key, 0o644);
  const r = await run(['ui', '--port', '0', '--tls-cert', cert, '--tls-key', key, '--json'], { home, env });
  assert.equal(r.code, 2, r.stderr);
  const doc = JSON.parse(r.stderr);
  assert.equal(doc.error.code, 'E_BAD_INPUT');
  assert.doesNotMatch(r.stderr, /Unexpected|B3IQ_DEBUG|not a key either/);
  assert.match(doc.warnings.join('\n'), /--tls-key file is readable by group or others/);
});

test('setup: a setup URL whose fragment is the bare token (BASE/setup#b3iq_setup_…) is accepted, as #token=… is', async (t) => {
  const home = await initHome(t);
  const { token } = JSON.parse((await ok(['setup-token', 'create', '--out', '-', '--json'], { home })).stdout);
  const r = await run(['setup', '--json'], {
    home,
    env: { ...env, B3IQ_OWNER_PASSWORD: 'lantern orchid basalt 91' },
    input: `https://node.example:8443/setup#${token}\n`,
  });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).owner, true);
});

test('--version --json prints one JSON document (in process and through the real binary); plain --version stays bare', async () => {
  const r = await run(['--version', '--json']);
  assert.equal(r.code, 0);
  assert.equal(typeof JSON.parse(r.stdout).version, 'string');
  const { spawnSync } = await import('node:child_process');
  const bin = new URL('../../bin/b3iq.js', import.meta.url).pathname;
  const spawned = spawnSync(process.execPath, [bin, '-V', '--json'], { encoding: 'utf8' });
  assert.deepEqual(JSON.parse(spawned.stdout), JSON.parse(r.stdout));
  assert.match(spawnSync(process.execPath, [bin, '--version'], { encoding: 'utf8' }).stdout, /^\d+\.\d+\.\d+\n$/);
});
