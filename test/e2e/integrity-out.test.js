// Integrity (issue: record 6): --out on a full disk. The token file is written and synced
// before the credential commits and removed if the commit fails: on ENOSPC or any I/O
// error nothing is issued, no file is left, E_IO exit 3 says what happened.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statfsSync } from 'node:fs';
import { join } from 'node:path';
import { run, ok, initHome, issueKey, tempDir } from '../helpers/cli.js';

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const rootSkip = isRoot ? false : process.env.CI ? false : 'needs root to mount a full tmpfs';

function fullTmpfs(t) {
  const dir = tempDir('b3iq-full-');
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', 'mode=0700,size=64k', 'tmpfs', dir], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  t.after(() => {
    spawnSync('umount', ['-l', dir]);
    rmSync(dir, { recursive: true, force: true });
  });
  return dir;
}

function fill(dir, leaveBlocks = 0) {
  const { bsize, bavail } = statfsSync(dir);
  spawnSync('dd', ['if=/dev/zero', `of=${join(dir, 'filler')}`, `bs=${bsize}`, `count=${bavail - leaveBlocks}`], { stdio: 'ignore' });
}

const ids = async (home) => JSON.parse((await ok(['keys', 'list', '--all', '--json'], { home })).stdout).map((c) => c.id);

test('--out onto a full disk: nothing issued, no empty file left, E_IO exit 3 naming the cause', { skip: rootSkip }, async (t) => {
  const home = await initHome(t);
  await issueKey(home, [], 'before');
  const disk = fullTmpfs(t);
  fill(disk);
  const before = await ids(home);
  for (const args of [
    ['keys', 'create', '--name', 'k'],
    ['support', 'grant'],
    ['setup-token', 'create'],
  ]) {
    const out = join(disk, 'secret');
    const r = await run([...args, '--out', out], { home });
    assert.equal(r.code, 3, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, /E_IO/);
    assert.match(r.stderr, /no space/i);
    assert.doesNotMatch(r.stderr, /Unexpected error/);
    assert.equal(existsSync(out), false, 'an empty token file was left behind');
  }
  assert.deepEqual(await ids(home), before, 'a credential was issued without its token');
  const support = JSON.parse((await ok(['support', 'list', '--all', '--json'], { home })).stdout);
  assert.equal(support.length, 0);
  // A retry elsewhere works at once (no E_OUT_EXISTS left for it).
  const elsewhere = join(tempDir(), 'k');
  await ok(['keys', 'create', '--name', 'k', '--out', elsewhere], { home });
});

test('the token file written, then the commit fails (the home is full): the file is removed, nothing issued', { skip: rootSkip }, async (t) => {
  const disk = fullTmpfs(t);
  const home = join(disk, 'home');
  await ok(['init'], { home });
  await issueKey(home, [], 'before');
  fill(disk, 1);
  const out = join(tempDir(), 'k');
  const r = await run(['keys', 'create', '--name', 'k', '--out', out], { home, env: { B3IQ_LOCK_TIMEOUT_MS: '5000' } });
  assert.equal(r.code, 3, r.stderr);
  assert.match(r.stderr, /E_IO/);
  assert.equal(existsSync(out), false, 'the token of a credential that was never issued was left behind');
  rmSync(join(disk, 'filler'));
  assert.equal((await ids(home)).length, 1);
  assert.deepEqual(
    readdirSync(home).filter((n) => n.startsWith('.tmp-')),
    [],
  );
});
