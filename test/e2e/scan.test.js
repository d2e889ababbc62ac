// b3iq scan end to end: real files, a real history file, main() in process (test/harness).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync, rmSync, chmodSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { run, ok, initHome, issueKey, tempDir, BIN } from '../harness/index.js';
import { generateToken } from '../../dist/core/tokens.js';

/** A token with its checksum broken: same shape, not a finding. */
function lookAlike(token) {
  const last = token.at(-1);
  return token.slice(0, -1) + (last === 'a' ? 'b' : 'a');
}

function noSecrets(r, tokens) {
  for (const t of tokens) {
    assert.ok(!r.stdout.includes(t), 'token on stdout');
    assert.ok(!r.stderr.includes(t), 'token on stderr');
  }
}

test('finds a live key in a file and in shell history, not a look-alike; exit 1; never prints the token', async (t) => {
  const home = await initHome(t);
  const { id, token } = await issueKey(home);
  const dir = tempDir();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const proj = join(dir, 'proj');
  mkdirSync(join(proj, 'sub'), { recursive: true });
  writeFileSync(join(proj, 'sub', 'app.env'), `# config\nPORT=8080\nAPI_KEY=${token}\n`);
  writeFileSync(join(proj, 'notes.txt'), `near miss: ${lookAlike(token)}\nshort: b3iq_local_abc\n`);
  const other = generateToken('gateway');
  writeFileSync(join(proj, 'other.txt'), `\n\n\nkey: "${other}"\n`);
  const hhome = join(dir, 'user');
  mkdirSync(hhome);
  writeFileSync(join(hhome, '.bash_history'), `ls\ncurl -H "Authorization: Bearer ${token}" http://127.0.0.1:8080/\n`);

  const r = await run(['scan', proj, '--history', '--json'], { home, env: { HOME: hhome } });
  assert.equal(r.code, 1, r.stderr);
  noSecrets(r, [token, other]);
  const { findings } = JSON.parse(r.stdout);
  const byFile = Object.fromEntries(findings.map((f) => [f.file.split('/').at(-1), f]));
  assert.equal(findings.length, 3, JSON.stringify(findings));
  assert.deepEqual(byFile['app.env'], { file: join(proj, 'sub', 'app.env'), line: 3, kind: 'local', id, live: true });
  assert.deepEqual(byFile['other.txt'], { file: join(proj, 'other.txt'), line: 4, kind: 'gateway', id: null, live: false });
  assert.deepEqual(byFile['.bash_history'], { file: join(hhome, '.bash_history'), line: 2, kind: 'local', id, live: true });
  assert.equal(byFile['notes.txt'], undefined, 'a checksum-invalid look-alike is not a finding');

  // Human output names file, line, kind and id, never the token.
  const h = await run(['scan', proj], { home });
  assert.equal(h.code, 1);
  noSecrets(h, [token, other]);
  assert.match(h.stdout, /app\.env:3 +local key +lk_\S+ +LIVE/);
});

test('--revoke revokes the live credentials found and says so', async (t) => {
  const home = await initHome(t);
  const { id, token } = await issueKey(home);
  const keep = await issueKey(home, [], 'kept');
  const dir = tempDir();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'leak.log'), `token=${token}\n`);
  const r = await run(['scan', dir, '--revoke', '--json'], { home });
  assert.equal(r.code, 1);
  noSecrets(r, [token]);
  const doc = JSON.parse(r.stdout);
  assert.deepEqual(doc.revoked, [id]);
  assert.equal(doc.findings[0].live, false);
  // With --json, stderr is one JSON document: the warning is inside it; the revocation is in stdout's.
  assert.ok(Array.isArray(JSON.parse(r.stderr).warnings), r.stderr);
  const human = await run(['scan', dir, '--revoke'], { home });
  assert.equal(human.code, 1);
  const show = JSON.parse((await ok(['keys', 'show', id, '--json'], { home })).stdout);
  assert.equal(show.state, 'revoked');
  assert.equal(JSON.parse((await ok(['keys', 'show', keep.id, '--json'], { home })).stdout).state, 'live');
  const v = await run(['keys', 'verify', '--key-file', '-', '--json'], { home, input: token });
  assert.equal(v.code, 1);
  assert.equal(JSON.parse(v.stdout).reason, 'revoked');
  // Scanning again: still a finding (exit 1), no longer live, nothing more to revoke.
  const again = JSON.parse((await run(['scan', dir, '--revoke', '--json'], { home })).stdout);
  assert.deepEqual(again.revoked, []);
  assert.equal(again.findings[0].id, id);
});

test('skips .git, node_modules, binaries and symlinks in folder walks; a clean tree exits 0', async (t) => {
  const home = await initHome(t);
  const dir = tempDir();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const token = generateToken('local');
  for (const d of ['.git', 'node_modules/x']) {
    mkdirSync(join(dir, d), { recursive: true });
    writeFileSync(join(dir, d, 'f.txt'), token);
  }
  writeFileSync(join(dir, 'blob.bin'), Buffer.concat([Buffer.from([0, 1, 2]), Buffer.from(token)]));
  writeFileSync(join(dir, 'clean.txt'), 'nothing here\n');
  const { symlinkSync } = await import('node:fs');
  const outside = tempDir();
  t.after(() => rmSync(outside, { recursive: true, force: true }));
  writeFileSync(join(outside, 'secret.txt'), token);
  symlinkSync(outside, join(dir, 'link'));
  const r = await run(['scan', dir, '--json'], { home });
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.deepEqual(JSON.parse(r.stdout).findings, []);
  assert.equal(JSON.parse(r.stdout).skipped.binary, 1);
  assert.equal(JSON.parse(r.stdout).skipped.folders, 2);
  // Named explicitly, a folder under node_modules is scanned.
  const r2 = await run(['scan', join(dir, 'node_modules'), '--json'], { home });
  assert.equal(r2.code, 1);
  assert.equal(JSON.parse(r2.stdout).findings[0].id, null);
});

test('works without an initialised home (ids null); --revoke there is refused', async (t) => {
  const dir = tempDir();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'a.txt'), generateToken('support'));
  const home = join(dir, 'nohome');
  const r = await run(['scan', dir, '--json'], { home });
  assert.equal(r.code, 1);
  assert.equal(JSON.parse(r.stdout).findings[0].kind, 'support');
  const r2 = await run(['scan', dir, '--revoke'], { home });
  assert.equal(r2.code, 3);
  assert.match(r2.stderr, /E_NOT_INITIALISED/);
});

test('a file named after a token is reported without the token in its name', async (t) => {
  const home = await initHome(t);
  const dir = tempDir();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const token = generateToken('local');
  writeFileSync(join(dir, `${token}.txt`), token);
  const r = await run(['scan', dir, '--json'], { home });
  assert.equal(r.code, 1);
  assert.ok(!r.stdout.includes(token) && !r.stderr.includes(token));
  assert.match(JSON.parse(r.stdout).findings[0].file, /b3iq_local_\[REDACTED\]\.txt$/);
});

test('a named path that cannot be read is exit 2 (a CI gate with a typo must not pass), named by position', async (t) => {
  const home = await initHome(t);
  const dir = tempDir();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'ok.txt'), 'nothing here\n');
  for (const args of [
    ['scan', join(dir, 'nonexistent')],
    ['scan', join(dir, 'ok.txt'), join(dir, 'typo')],
    ['scan', '--json', join(dir, 'missing', 'x')],
  ]) {
    const r = await run(args, { home });
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, /E_BAD_INPUT/);
    assert.match(r.stderr, /argument \d cannot be read \(ENOENT\)/);
    assert.equal(r.stdout, '');
  }
});

test('vendored and version-control folders are skipped and counted; --include-vendored scans them', async (t) => {
  const home = await initHome(t);
  const { token } = await issueKey(home);
  const dir = tempDir();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  for (const sub of ['node_modules/pkg', '.git/objects', 'src']) mkdirSync(join(dir, sub), { recursive: true });
  writeFileSync(join(dir, 'node_modules', 'pkg', 'leak.js'), `const k = '${token}';\n`);
  writeFileSync(join(dir, 'src', 'app.js'), 'ok\n');

  const plain = await run(['scan', dir, '--json'], { home });
  assert.equal(plain.code, 0, plain.stderr);
  const doc = JSON.parse(plain.stdout);
  assert.equal(doc.findings.length, 0);
  assert.equal(doc.skipped.folders, 2);
  const human = await run(['scan', dir], { home });
  assert.match(human.stderr, /skipped 2 vendored or version-control folder\(s\) \(--include-vendored scans them\)/);

  const all = await run(['scan', dir, '--include-vendored', '--json'], { home });
  assert.equal(all.code, 1, all.stderr);
  const full = JSON.parse(all.stdout);
  assert.equal(full.findings.length, 1);
  assert.match(full.findings[0].file, /node_modules/);
  assert.equal(full.skipped.folders, 0);
  assert.ok(!all.stdout.includes(token) && !all.stderr.includes(token));
});

/** Root with runuser, and a checkout that user nobody can run (CI may keep it under /root). */
const asNobody = process.getuid?.() === 0 && spawnSync('runuser', ['-u', 'nobody', '--', process.execPath, BIN, '--version']).status === 0;

test('a named folder the user may not read (permission denied) is exit 2 too', {
  skip: !asNobody && 'needs root, runuser and a checkout readable by nobody',
}, async (t) => {
  const dir = tempDir();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const closed = join(dir, 'closed');
  mkdirSync(closed, { mode: 0o700 });
  chmodSync(dir, 0o755);
  // As nobody: the folder exists but cannot be listed.
  const r = spawnSync('runuser', ['-u', 'nobody', '--', process.execPath, BIN, 'scan', closed], {
    env: { PATH: process.env.PATH, HOME: dir, NO_COLOR: '1' },
    encoding: 'utf8',
  });
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, /E_BAD_INPUT.*argument 2 cannot be read \(EACCES\)/);
});
