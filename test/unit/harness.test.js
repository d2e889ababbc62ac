// The in-process harness itself: concurrent runs keep their own environment, working
// folder, home and streams; the test process's env, cwd, exit code and signal listeners
// are left as they were; the terminal flag, scripted prompts and the clock reach the CLI.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run, ok, initHome, issueKey, tempDir, manualClock } from '../harness/index.js';

test('concurrent runs keep their own home, environment and working folder', async (t) => {
  const [a, b] = await Promise.all([initHome(t), initHome(t)]);
  const cwdA = tempDir();
  const cwdB = tempDir();
  // Twenty-four interleaved runs: each key must land in its own home, each --out in its own cwd.
  await Promise.all(
    Array.from({ length: 12 }, (_, i) => [
      ok(['keys', 'create', '--name', `a${i}`, '--out', `a${i}.key`], { home: a, cwd: cwdA }),
      ok(['keys', 'create', '--name', `b${i}`, '--out', `b${i}.key`], { env: { B3IQ_HOME: b }, cwd: cwdB }),
    ]).flat(),
  );
  const names = async (home) => JSON.parse((await ok(['keys', 'list', '--json'], { home })).stdout).map((k) => k.name[0]);
  assert.deepEqual([...new Set(await names(a))], ['a']);
  assert.deepEqual([...new Set(await names(b))], ['b']);
  assert.equal(readdirSync(cwdA).filter((f) => f.startsWith('a')).length, 12);
  assert.equal(readdirSync(cwdB).filter((f) => f.startsWith('b')).length, 12);
});

test("the test process's env, cwd, exit code and signal listeners are untouched", async (t) => {
  const home = await initHome(t);
  const env = { ...process.env };
  const cwd = process.cwd();
  const exitCode = process.exitCode;
  const listeners = ['SIGINT', 'SIGTERM', 'exit'].map((s) => process.listenerCount(s));
  const dir = tempDir();
  mkdirSync(join(dir, 'logs'));
  writeFileSync(join(dir, 'logs', 'app.log'), 'INFO started\n');
  const results = await Promise.all([
    run(['keys', 'list'], { home: join(dir, 'nowhere') }), // exit 3
    run(['nope'], { home }), // exit 2
    run(['support', 'bundle', '--logs', join(dir, 'logs'), '--out', join(dir, 'b.tar.gz')], { home, env: { B3IQ_KEYCHAIN: 'off' }, cwd: dir }),
    run(['keys', 'verify'], { home, env: { B3IQ_LOCAL_KEY: 'b3iq_local_nope', B3IQ_DEBUG: '1' } }),
  ]);
  assert.deepEqual(
    results.map((r) => r.code),
    [3, 2, 0, 1],
  );
  assert.deepEqual({ ...process.env }, env);
  assert.equal(process.cwd(), cwd);
  assert.equal(process.exitCode, exitCode);
  assert.deepEqual(
    ['SIGINT', 'SIGTERM', 'exit'].map((s) => process.listenerCount(s)),
    listeners,
  );
});

test('a terminal flag and scripted answers drive the masked prompt; the answer is never echoed', async (t) => {
  const home = await initHome(t);
  const { id, token } = await issueKey(home);
  const r = await run(['keys', 'verify'], { home, tty: true, answers: [token] });
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(r.prompts, ['Local API key']);
  assert.match(r.stdout + r.stderr, new RegExp(`valid ${id}`));
  assert.ok(!(r.stdout + r.stderr).includes(token));
  // On a terminal stdout, a new key is shown once, with the warning.
  const shown = await run(['keys', 'create', '--name', 'tty'], { home, tty: true });
  assert.equal(shown.code, 0, shown.stderr);
  assert.match(shown.stdout, /^b3iq_local_/);
  assert.match(shown.stderr, /store this key now/);
  // Without a terminal and without input: no prompt, exit 2 at once.
  const none = await run(['keys', 'verify'], { home });
  assert.equal(none.code, 2);
  assert.deepEqual(none.prompts, []);
});

test("the run's clock decides expiry; the random source makes ids and tokens", async (t) => {
  const home = await initHome(t);
  const clock = manualClock();
  const k = await ok(['keys', 'create', '--name', 'short', '--expires', '1h', '--out', '-', '--json'], { home, clock });
  const { token } = JSON.parse(k.stdout);
  const verify = () => run(['keys', 'verify', '--json'], { home, clock, input: token });
  assert.equal((await verify()).code, 0);
  clock.advance(3_600_000);
  assert.equal(JSON.parse((await verify()).stdout).reason, 'expired');

  const zeros = (n) => Buffer.alloc(n, 0);
  const a = JSON.parse((await ok(['keys', 'create', '--name', 'z', '--out', '-', '--json'], { home, random: zeros })).stdout);
  assert.match(a.id, /^lk_0+$/);
  assert.match(a.token, /^b3iq_local_0{40}/);
});

test("stdin: 'pipe' stays open without input: the stdin timeout ends the wait", async (t) => {
  const home = await initHome(t);
  const r = await run(['keys', 'verify'], { home, stdin: 'pipe', env: { B3IQ_STDIN_TIMEOUT: '1' } });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /E_NO_INPUT/);
  assert.ok(r.ms >= 900, `${r.ms} ms`);
});
