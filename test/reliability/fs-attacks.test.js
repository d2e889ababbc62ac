// Filesystem attacks (issue 7, item 3): symlinks planted at --out, at the record files,
// the lock, the audit log and temp names are never followed (the target is untouched); a
// home writable by others or owned by another user is refused with exit 3; a read-only
// home and a full disk give a clear error with the previous records intact.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import {
  statfsSync,
  lstatSync,
  readlinkSync,
  readFileSync,
  writeFileSync,
  symlinkSync,
  unlinkSync,
  statSync,
  chmodSync,
  chownSync,
  mkdirSync,
  readdirSync,
  existsSync,
  rmSync,
} from 'node:fs';
import { join } from 'node:path';
import { run, ok, initHome, issueKey, tempDir } from '../helpers/cli.js';
import { sweepTempFiles } from '../../dist/fs/files.js';

const isRoot = process.getuid?.() === 0;

/** A file outside the home that a planted link points at; `check()` asserts it is untouched. */
function bait(content = 'bait: must stay untouched\n') {
  const dir = tempDir('b3iq-bait-');
  const file = join(dir, 'target');
  writeFileSync(file, content, { mode: 0o600 });
  const st = statSync(file);
  return {
    file,
    dir,
    check() {
      assert.equal(readFileSync(file, 'utf8'), content, 'the link target was written');
      assert.equal(statSync(file).mtimeMs, st.mtimeMs);
      assert.deepEqual(readdirSync(dir), ['target'], 'something was created next to the target');
    },
  };
}

function snapshot(home) {
  return Object.fromEntries(
    readdirSync(home)
      .filter((n) => n !== 'lock')
      .sort()
      .map((n) => {
        const p = join(home, n);
        const st = lstatSync(p);
        return [n, st.isSymbolicLink() ? `link:${readlinkSync(p)}` : st.isFile() ? readFileSync(p).toString('base64') : 'dir'];
      }),
  );
}

function errorOf(r) {
  assert.doesNotMatch(r.stderr, /\n\s+at .*\(/, 'a stack trace');
  return JSON.parse(r.stderr).error;
}

const OUT_COMMANDS = (home, out) => [
  ['keys', 'create', '--name', 'x', '--out', out],
  ['setup-token', 'create', '--out', out],
  ['support', 'grant', '--out', out],
];

test('--out onto a symlink (live or dangling) is refused with exit 2, nothing issued, target untouched', async (t) => {
  const home = await initHome(t);
  const b = bait();
  const dir = tempDir();
  const live = join(dir, 'live-link');
  const dangling = join(dir, 'dangling-link');
  symlinkSync(b.file, live);
  symlinkSync(join(b.dir, 'not-yet'), dangling);
  const before = readFileSync(join(home, 'credentials.json'));
  for (const link of [live, dangling]) {
    for (const args of OUT_COMMANDS(home, link)) {
      const r = await run([...args, '--json'], { home });
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.equal(errorOf(r).code, 'E_OUT_SYMLINK');
    }
    const { id } = await issueKey(home);
    const r = await run(['keys', 'rotate', id, '--out', link, '--json'], { home });
    assert.equal(r.code, 2, r.stderr);
  }
  b.check();
  const doc = JSON.parse(readFileSync(join(home, 'credentials.json'), 'utf8'));
  assert.equal(doc.credentials.length, JSON.parse(before.toString('utf8')).credentials.length + 2, 'only the two keys issued for rotate');
  assert.ok(
    doc.credentials.every((c) => !c.rotatedTo),
    'no rotation happened',
  );
});

test('symlinks at credentials.json, node.json, the lock and the audit log: exit 3, never followed', async (t) => {
  const cases = [
    { name: 'credentials.json', commands: [['keys', 'list'], ['keys', 'create', '--name', 'x', '--out', '-'], ['support', 'grant', '--out', '-'], ['status']] },
    { name: 'node.json', commands: [['init']] },
    {
      name: 'lock',
      commands: [
        ['keys', 'create', '--name', 'x', '--out', '-'],
        ['setup-token', 'create', '--out', '-'],
      ],
    },
    {
      name: 'audit.log',
      commands: [
        ['keys', 'create', '--name', 'x', '--out', '-'],
        ['support', 'grant', '--out', '-'],
      ],
    },
  ];
  for (const { name, commands } of cases) {
    for (const dangling of [false, true]) {
      const home = await initHome(t);
      await issueKey(home);
      const file = join(home, name);
      const b = bait(existsSync(file) ? readFileSync(file, 'utf8') : 'bait\n');
      if (existsSync(file)) unlinkSync(file);
      symlinkSync(dangling ? join(b.dir, 'created-through-link') : b.file, file);
      const before = snapshot(home);
      for (const args of commands) {
        const r = await run([...args, '--json'], { home });
        assert.equal(r.code, 3, `${name} ${dangling ? 'dangling' : 'live'} link, ${args.join(' ')}: exit ${r.code} ${r.stderr}`);
        assert.equal(errorOf(r).code, 'E_SYMLINK', `${name}: ${r.stderr}`);
      }
      b.check();
      assert.deepEqual(snapshot(home), before, `${name}: the records changed although the command failed`);
    }
  }
});

test('temp-named symlinks and files left in the home are swept by unlinking, never followed', async (t) => {
  const home = await initHome(t);
  const b = bait();
  // Dead pid (swept at once) and a live pid (ours: kept until it is a minute old).
  symlinkSync(b.file, join(home, '.tmp-credentials.json.999999999.aaaaaaaaaaaa'));
  symlinkSync(b.file, join(home, `.tmp-credentials.json.${process.pid}.bbbbbbbbbbbb`));
  mkdirSync(join(home, '.tmp-credentials.json.999999998.cccccccccccc'));
  await issueKey(home);
  b.check();
  const left = readdirSync(home).filter((n) => n.startsWith('.tmp-'));
  assert.deepEqual(left.sort(), [`.tmp-credentials.json.${process.pid}.bbbbbbbbbbbb`, '.tmp-credentials.json.999999998.cccccccccccc']);
  // An hour later the live pid's link goes too; the directory is never removed.
  assert.equal(sweepTempFiles(home, Date.now() + 3_600_000), 1);
  b.check();
});

test('a home or record file writable by others or owned by another user: exit 3 for every command', {
  skip: !isRoot && 'needs root to chown to nobody',
}, async (t) => {
  const commands = [['keys', 'list'], ['keys', 'create', '--name', 'x', '--out', '-'], ['support', 'grant', '--out', '-'], ['status'], ['init']];
  /** @type {[string, (h: string) => void, string][]} */
  const setups = [
    ['home 0777', (h) => chmodSync(h, 0o777), 'E_UNSAFE_PERMISSIONS'],
    ['home 0720', (h) => chmodSync(h, 0o720), 'E_UNSAFE_PERMISSIONS'],
    ['home 0702', (h) => chmodSync(h, 0o702), 'E_UNSAFE_PERMISSIONS'],
    ['home owned by nobody', (h) => chownSync(h, 65534, 65534), 'E_UNSAFE_OWNER'],
    ['credentials.json owned by nobody', (h) => chownSync(join(h, 'credentials.json'), 65534, 65534), 'E_UNSAFE_OWNER'],
    ['credentials.json 0666', (h) => chmodSync(join(h, 'credentials.json'), 0o666), 'E_UNSAFE_PERMISSIONS'],
  ];
  for (const [label, spoil, code] of setups) {
    const home = await initHome(t);
    await issueKey(home);
    spoil(home);
    const before = snapshot(home);
    const mode = statSync(home).mode;
    for (const args of commands) {
      if (label.startsWith('credentials') && args[0] === 'init') continue;
      const r = await run([...args, '--json'], { home });
      assert.equal(r.code, 3, `${label}: ${args.join(' ')}: ${r.stderr}`);
      assert.equal(errorOf(r).code, code, `${label}: ${args.join(' ')}`);
    }
    assert.deepEqual(snapshot(home), before, label);
    assert.equal(statSync(home).mode, mode, `${label}: b3iq "fixed" the mode of a folder it refused`);
  }
});

/** Mounts a private tmpfs; undefined (with the reason) where mounting is not possible. */
function mountTmpfs(t, options) {
  if (!isRoot) return { skip: 'needs root to mount a tmpfs' };
  const dir = tempDir('b3iq-mnt-');
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', `mode=0700,${options}`, 'tmpfs', dir], { encoding: 'utf8' });
  if (r.status !== 0) return { skip: `mount -t tmpfs failed: ${r.stderr.trim()}` };
  t.after(() => {
    spawnSync('umount', ['-l', dir]);
    rmSync(dir, { recursive: true, force: true });
  });
  return { dir };
}

test('a read-only home: writes fail with exit 3 and a clear message, records intact, reads still work', async (t) => {
  const m = mountTmpfs(t, 'size=1m');
  if (m.skip) return t.skip(m.skip);
  const home = m.dir;
  await ok(['init'], { home });
  const { id, token } = await issueKey(home);
  execFileSync('mount', ['-o', 'remount,ro', home]);
  t.after(() => spawnSync('mount', ['-o', 'remount,rw', home]));
  const before = snapshot(home);
  for (const args of [
    ['keys', 'create', '--name', 'x', '--out', '-'],
    ['keys', 'revoke', id],
    ['support', 'grant', '--out', '-'],
    ['setup-token', 'create', '--out', '-'],
  ]) {
    const r = await run([...args], { home });
    assert.equal(r.code, 3, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, /E_IO/);
    assert.match(r.stderr, /EROFS|read-only/i);
    assert.ok(r.stderr.trim().split('\n').length <= 2, `more than two lines: ${r.stderr}`);
    assert.equal(r.stdout, '', 'nothing issued, nothing printed');
  }
  assert.deepEqual(snapshot(home), before);
  const v = await run(['keys', 'verify', '--json'], { home, input: token });
  assert.equal(v.code, 0, v.stderr);
  assert.equal((await run(['keys', 'list', '--json'], { home })).code, 0);
});

test('a full disk: writes fail with exit 3 and a clear message; the records survive; space freed, writes work', async (t) => {
  const m = mountTmpfs(t, 'size=64k');
  if (m.skip) return t.skip(m.skip);
  const home = join(m.dir, 'home');
  await ok(['init'], { home });
  const { token } = await issueKey(home);
  const filler = join(m.dir, 'filler');
  const before = snapshot(home);
  // Every block taken (the lock cannot be written), then one block left (the lock fits,
  // the new records do not).
  for (const leave of [0, 1]) {
    rmSync(filler, { force: true });
    const { bsize, bavail } = statfsSync(m.dir);
    spawnSync('dd', ['if=/dev/zero', `of=${filler}`, `bs=${bsize}`, `count=${bavail - leave}`], { stdio: 'ignore' });
    for (const args of [
      ['keys', 'create', '--name', 'x', '--out', '-'],
      ['support', 'grant', '--out', '-'],
    ]) {
      const r = await run(args, { home, env: { B3IQ_LOCK_TIMEOUT_MS: '5000' } });
      assert.equal(r.code, 3, `${leave} block(s) left: ${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, /E_IO/);
      assert.match(r.stderr, /no space/i);
      assert.doesNotMatch(r.stderr, /Unexpected error/);
      assert.ok(r.stderr.trim().split('\n').length <= 2, r.stderr);
      assert.equal(r.stdout, '');
      assert.ok(r.ms < 4_000, `took ${r.ms} ms: waited on a torn lock?`);
    }
    assert.deepEqual(snapshot(home), before, 'the records changed on a full disk');
    assert.deepEqual(
      readdirSync(home).filter((n) => n.startsWith('.tmp-') || n.startsWith('lock')),
      [],
      'a temp file or a lock was left behind',
    );
    assert.equal((await run(['keys', 'verify'], { home, input: token })).code, 0);
  }
  unlinkSync(filler);
  await issueKey(home);
  assert.equal((await run(['keys', 'verify'], { home, input: token })).code, 0);
});
