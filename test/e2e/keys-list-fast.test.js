// `b3iq keys list --json` runs from its own small bundle (src/cli/fast-list.ts): the same
// document as the whole CLI, and every refusal of the whole CLI (it falls back to it for
// anything it would not print), through the real binary.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, baseEnv, initHome, issueKey, ok, nodeSync, viaModules } from '../helpers/cli.js';

function cacheHome(t) {
  const dir = mkdtempSync(join(tmpdir(), 'b3iq-fastlist-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** The binary and the modules agree: exit code, stdout and stderr, byte for byte. */
function same(argv, env, expectedCode) {
  const a = nodeSync([BIN, ...argv], env);
  const b = viaModules(argv, env);
  assert.equal(a.status, expectedCode, `${argv.join(' ')}: ${a.stderr}`);
  assert.equal(a.status, b.status, argv.join(' '));
  assert.equal(a.stdout, b.stdout, argv.join(' '));
  assert.equal(a.stderr, b.stderr, argv.join(' '));
  return a;
}

async function homeWithKeys(t) {
  const home = await initHome(t);
  await issueKey(home, [], 'a');
  const b = await issueKey(home, ['--scope', 'inference', '--expires', '1h'], 'b');
  const c = await issueKey(home, [], 'c');
  await ok(['keys', 'revoke', c.id, '--reason', 'done'], { home });
  return { home, ids: [b.id, c.id] };
}

test('the listing is the whole CLI’s, with and without --all, in any flag order', async (t) => {
  const { home } = await homeWithKeys(t);
  const env = baseEnv(home, { XDG_CACHE_HOME: cacheHome(t) });
  for (const argv of [
    ['keys', 'list', '--json'],
    ['keys', 'list', '--all', '--json'],
    ['keys', 'list', '--json', '--all'],
  ])
    same(argv, env, 0);
  const all = JSON.parse(same(['keys', 'list', '--json', '--all'], env, 0).stdout);
  assert.deepEqual(
    all.map((k) => k.state),
    ['live', 'live', 'revoked'],
  );
});

test('a listing loads its own bundle only; an error is reported by the whole CLI', async (t) => {
  const { home } = await homeWithKeys(t);
  const cache = cacheHome(t);
  const env = baseEnv(home, { XDG_CACHE_HOME: cache });
  const dir = join(cache, 'b3iq', 'compile-cache');
  const entries = () => (existsSync(dir) ? readdirSync(dir).filter((n) => n.startsWith('cli-')) : []);
  assert.equal(nodeSync([BIN, 'keys', 'list', '--json'], env).status, 0);
  // Node 20 keeps one code-cache entry per bundle it ran (Node 22.1+ keeps its own cache).
  const ownCache = typeof (/** @type {Record<string, unknown>} */ (await import('node:module')).enableCompileCache) !== 'function';
  if (ownCache) assert.equal(entries().length, 1, 'only the list bundle was compiled');
  writeFileSync(join(home, 'credentials.json'), '{"schemaVersion":3,', { mode: 0o600 });
  const r = nodeSync([BIN, 'keys', 'list', '--json'], env);
  assert.equal(r.status, 3);
  assert.match(JSON.parse(r.stderr).error.code, /^E_CORRUPT$/);
  if (ownCache) assert.equal(entries().length, 2, 'the whole CLI ran to report it');
});

test('a listing loads neither node:crypto nor the streams (the audit tail is checked with a bundled sha256), also when it writes the clock mark', async (t) => {
  const { home } = await homeWithKeys(t);
  const probe = join(cacheHome(t), 'probe.cjs');
  // At exit, the built-in modules this process loaded, to stderr (the listing writes nothing there).
  writeFileSync(probe, "process.on('exit', () => require('node:fs').writeSync(2, JSON.stringify(process.moduleLoadList)));\n");
  const env = baseEnv(home, { XDG_CACHE_HOME: cacheHome(t) });
  for (const mark of ['stale', 'fresh']) {
    // A stale clock mark makes the listing write a new one (a temp file, renamed).
    if (mark === 'stale') writeFileSync(join(home, 'clock.json'), '{"schemaVersion":1,"mark":"2020-01-01T00:00:00.000Z"}\n', { mode: 0o600 });
    const r = nodeSync(['--require', probe, BIN, 'keys', 'list', '--json'], env);
    assert.equal(r.status, 0, r.stderr);
    const loaded = JSON.parse(r.stderr);
    assert.ok(!loaded.includes('NativeModule crypto'), `${mark}: node:crypto was loaded`);
    assert.ok(!loaded.includes('NativeModule stream'), `${mark}: node:stream was loaded`);
    if (mark === 'stale') assert.doesNotMatch(readFileSync(join(home, 'clock.json'), 'utf8'), /2020-01-01/);
  }
});

test('refusals are the whole CLI’s: a tampered record, group-readable records, a bad audit tail, no home, a bad B3IQ_KEYCHAIN', async (t) => {
  const { home } = await homeWithKeys(t);
  const env = baseEnv(home, { XDG_CACHE_HOME: cacheHome(t) });
  const file = join(home, 'credentials.json');
  const original = readFileSync(file, 'utf8');
  const argv = ['keys', 'list', '--json'];

  // A record edited by hand in the store's own layout: a time that does not exist.
  writeFileSync(file, original.replace(/"createdAt":"\d{4}-\d\d/, '"createdAt":"2026-13'));
  assert.match(same(argv, env, 3).stderr, /credential 0 is malformed/);
  // A hash that is not one.
  writeFileSync(file, original.replace(/"hash":"sha256:[0-9a-f]{4}/, '"hash":"sha256:XYZW'));
  assert.match(same(argv, env, 3).stderr, /credential 0 is malformed/);
  // Two records with one id.
  const ids = [...original.matchAll(/"id":"(lk_\w+)"/g)].map((m) => m[1]);
  writeFileSync(file, original.replace(ids[1], ids[0]));
  assert.match(same(argv, env, 3).stderr, /duplicate id/);
  writeFileSync(file, original);

  chmodSync(file, 0o640);
  assert.match(same(argv, env, 3).stderr, /E_UNSAFE_PERMISSIONS/);
  chmodSync(file, 0o600);

  const audit = join(home, 'audit.log');
  const log = readFileSync(audit, 'utf8');
  writeFileSync(audit, log.replace(/"seq":(\d+)(?=[^\n]*\n$)/, '"seq":9$1'));
  assert.match(same(argv, env, 3).stderr, /audit log .* is corrupt/);
  writeFileSync(audit, log);

  same(argv, { ...env, B3IQ_KEYCHAIN: 'sometimes' }, 2);
  same(argv, { ...env, B3IQ_HOME: join(home, 'missing') }, 3);
  // No home given: the default one under HOME (env-paths), not there either.
  const { B3IQ_HOME: _, ...noHome } = env;
  assert.match(same(argv, { ...noHome, HOME: join(home, 'elsewhere') }, 3).stderr, /elsewhere\/\.config\/b3iq/);
  same(argv, env, 0);
});

test('a reader that goes away ends the listing quietly (no stack trace)', async (t) => {
  const home = await initHome(t);
  for (let i = 0; i < 40; i++) await issueKey(home, [], `k${i}`);
  const child = spawn(process.execPath, [BIN, 'keys', 'list', '--json'], { env: baseEnv(home), stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
  child.stdout.destroy(); // closed before anything is read: the write fails with EPIPE
  const code = await new Promise((resolve) => child.on('close', resolve));
  assert.equal(code, 1);
  assert.equal(stderr, '');
});
