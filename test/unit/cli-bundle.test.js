// bin/b3iq.js runs the CLI from one bundled file (dist/cli/main.bundle.cjs, `npm run build`)
// with V8's compiled code cached in the user's own cache folder: same output as the ES
// modules, a cache that is private, never in the b3iq home, and never a reason to fail.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, BIN, baseEnv, tempDir, nodeSync, viaModules } from '../helpers/cli.js';

const BUNDLE = join(ROOT, 'dist', 'cli', 'main.bundle.cjs');

function tmp(t) {
  const dir = tempDir('b3iq-bundle-');
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function homeWithKeys(t) {
  const home = join(tmp(t), 'home');
  const env = baseEnv(home);
  for (const argv of [['init'], ['keys', 'create', '--name', 'a', '--out', '-'], ['keys', 'create', '--name', 'b', '--scope', 'inference', '--out', '-']]) {
    const r = nodeSync([BIN, ...argv], env);
    assert.equal(r.status, 0, `${argv.join(' ')}: ${r.stderr}`);
  }
  return home;
}

/** Node 22.1+ keeps its own compile cache (module.enableCompileCache); Node 20 gets ours. */
const ownCache = typeof (/** @type {Record<string, unknown>} */ (await import('node:module')).enableCompileCache) !== 'function';
const entries = (dir) => (existsSync(dir) ? readdirSync(dir).filter((n) => n.startsWith('cli-')) : []);

test('the build bundles the CLI into one file with no dynamic import left (vm.Script could not run one)', () => {
  assert.ok(existsSync(BUNDLE), 'npm run build writes dist/cli/main.bundle.cjs');
  assert.ok(!readFileSync(BUNDLE, 'utf8').includes('import('));
});

test('the bundled CLI prints what the ES modules print: keys list, a usage error, a corrupt home', (t) => {
  const home = homeWithKeys(t);
  const env = baseEnv(home, { XDG_CACHE_HOME: join(tmp(t), 'c') });
  for (const argv of [
    ['keys', 'list', '--json'],
    ['keys', 'list'],
    ['support', 'list', '--json'],
    ['audit', '--verify'],
    ['keys', 'lsit'],
    ['keys', 'list', '--bogus', '--json'],
  ]) {
    const a = nodeSync([BIN, ...argv], env);
    const b = viaModules(argv, env);
    assert.equal(a.status, b.status, argv.join(' '));
    assert.equal(a.stdout, b.stdout, argv.join(' '));
    assert.equal(a.stderr, b.stderr, argv.join(' '));
  }
  writeFileSync(join(home, 'credentials.json'), '{"schemaVersion":3,');
  const a = nodeSync([BIN, 'keys', 'list', '--json'], env);
  assert.equal(a.status, 3);
  assert.equal(a.stderr, viaModules(['keys', 'list', '--json'], env).stderr);
});

test('the code cache lives in the user cache folder (0700, entries 0600), never in the b3iq home, and is reused', (t) => {
  const home = homeWithKeys(t);
  const cache = join(tmp(t), 'xdg');
  const env = baseEnv(home, { XDG_CACHE_HOME: cache });
  const before = readdirSync(home).sort();
  const first = nodeSync([BIN, 'keys', 'list', '--json'], env);
  assert.equal(first.status, 0, first.stderr);
  const dir = join(cache, 'b3iq', 'compile-cache');
  assert.equal(statSync(dir).mode & 0o777, 0o700);
  if (ownCache) {
    const [entry] = entries(dir);
    assert.ok(entry, 'a cache entry was written');
    assert.equal(statSync(join(dir, entry)).mode & 0o777, 0o600);
    const again = nodeSync([BIN, 'keys', 'list', '--json'], env);
    assert.equal(again.stdout, first.stdout);
    assert.deepEqual(entries(dir), [entry], 'reused, not rewritten under another name');
  }
  assert.deepEqual(
    readdirSync(home)
      .filter((n) => n !== 'clock.json')
      .sort(),
    before.filter((n) => n !== 'clock.json'),
  );
});

test('a damaged cache entry, a cache folder that cannot be made, or one others can write: same output, no error', (t) => {
  const home = homeWithKeys(t);
  const expected = viaModules(['keys', 'list', '--json'], baseEnv(home)).stdout;
  const base = tmp(t);

  // Garbage in the entry: V8 rejects it, the run is unaffected and the entry is rewritten.
  const cache = join(base, 'xdg');
  const env = baseEnv(home, { XDG_CACHE_HOME: cache });
  assert.equal(nodeSync([BIN, 'keys', 'list', '--json'], env).stdout, expected);
  const dir = join(cache, 'b3iq', 'compile-cache');
  for (const name of entries(dir)) writeFileSync(join(dir, name), Buffer.alloc(4096, 7));
  const damaged = nodeSync([BIN, 'keys', 'list', '--json'], env);
  assert.equal(damaged.status, 0);
  assert.equal(damaged.stdout, expected);
  assert.equal(damaged.stderr, '');
  for (const name of entries(dir)) assert.notDeepEqual(readFileSync(join(dir, name)), Buffer.alloc(4096, 7));

  // The cache folder cannot be created (a file is in the way): no cache, no error.
  writeFileSync(join(base, 'file'), 'x');
  const blocked = nodeSync([BIN, 'keys', 'list', '--json'], baseEnv(home, { XDG_CACHE_HOME: join(base, 'file') }));
  assert.equal(blocked.status, 0);
  assert.equal(blocked.stdout, expected);
  assert.equal(blocked.stderr, '');

  // A cache folder others can write is not trusted: nothing read from it or written to it.
  const open = join(base, 'open');
  mkdirSync(join(open, 'b3iq', 'compile-cache'), { recursive: true });
  chmodSync(join(open, 'b3iq', 'compile-cache'), 0o777);
  const shared = nodeSync([BIN, 'keys', 'list', '--json'], baseEnv(home, { XDG_CACHE_HOME: open }));
  assert.equal(shared.stdout, expected);
  assert.deepEqual(entries(join(open, 'b3iq', 'compile-cache')), []);

  // B3IQ_NO_COMPILE_CACHE=1: no cache at all.
  const off = join(base, 'off');
  assert.equal(nodeSync([BIN, 'keys', 'list', '--json'], baseEnv(home, { XDG_CACHE_HOME: off, B3IQ_NO_COMPILE_CACHE: '1' })).stdout, expected);
  assert.equal(existsSync(join(off, 'b3iq')), false);
});

/** A copy of the installed package's listing path (bin + the listing's bundle), as npm would lay it out. */
function packageCopy(t) {
  const base = tempDir('b3iq-bundle-');
  const pkg = join(base, 'pkg');
  t.after(() => {
    chmodSync(pkg, 0o755); // the test makes it read-only
    rmSync(base, { recursive: true, force: true });
  });
  for (const d of ['bin', join('dist', 'cli')]) mkdirSync(join(pkg, d), { recursive: true });
  for (const f of [join('bin', 'b3iq.js'), join('bin', 'package.json'), 'package.json', join('dist', 'cli', 'list.bundle.cjs')])
    copyFileSync(join(ROOT, f), join(pkg, f));
  return pkg;
}
const filesUnder = (dir) => readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();

test('a cache entry made from another build is never run: same length, same file time, another build digest', {
  skip: !ownCache && 'Node keeps its own cache',
}, (t) => {
  const home = homeWithKeys(t);
  const pkg = packageCopy(t);
  const bin = join(pkg, 'bin', 'b3iq.js');
  const bundle = join(pkg, 'dist', 'cli', 'list.bundle.cjs');
  const env = baseEnv(home, { XDG_CACHE_HOME: join(tmp(t), 'xdg') });
  const dir = join(env.XDG_CACHE_HOME, 'b3iq', 'compile-cache');
  const expected = viaModules(['keys', 'list', '--json'], baseEnv(home)).stdout;
  const first = nodeSync([bin, 'keys', 'list', '--json'], env);
  assert.equal(first.stdout, expected);
  const [old] = entries(dir);
  assert.ok(old, 'the first run cached its compiled code');

  // The next build: the same length and file time (npm gives every installed file one time),
  // a different program (3-space indentation) and so a different digest in its first line.
  const { atime, mtime } = statSync(bundle);
  const text = readFileSync(bundle, 'utf8');
  const next = text
    .replace(/^\/\*b3iq-build:[0-9a-f]{16}\*\//, '/*b3iq-build:0123456789abcdef*/')
    .replace('JSON.stringify(doc,null,2)', 'JSON.stringify(doc,null,3)');
  assert.equal(next.length, text.length);
  assert.notEqual(next, text);
  writeFileSync(bundle, next);
  utimesSync(bundle, atime, mtime);
  chmodSync(pkg, 0o555); // installed read-only: nothing is ever written beside the bundle
  const before = filesUnder(pkg);

  const run = nodeSync([bin, 'keys', 'list', '--json'], env);
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout, `${JSON.stringify(JSON.parse(expected), null, 3)}\n`, "the new build's code ran, not the cached old one");
  assert.deepEqual(entries(dir), [old.replace(/-[0-9a-f]{16}\.v8$/, '-0123456789abcdef.v8')], "the old build's entry is replaced");
  assert.equal(nodeSync([bin, 'keys', 'list', '--json'], env).stdout, run.stdout);
  assert.deepEqual(filesUnder(pkg), before);

  // A bundle without its digest (not built by `npm run build`): run as it is, never cached.
  chmodSync(pkg, 0o755);
  writeFileSync(bundle, next.replace(/^\/\*b3iq-build:[0-9a-f]{16}\*\//, ''));
  rmSync(dir, { recursive: true, force: true });
  assert.equal(nodeSync([bin, 'keys', 'list', '--json'], env).stdout, run.stdout);
  assert.deepEqual(entries(dir), []);
});
