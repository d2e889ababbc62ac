// Every way a secret can arrive, in the contract's order: in process (test/harness) where
// stdin's bytes are enough, the real binary for pipes, process substitution and a pty.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { run, initHome, issueKey, tempDir, BIN } from '../harness/index.js';
import { runPty } from '../helpers/pty.js';

async function setup(t) {
  const home = await initHome(t);
  const a = await issueKey(home, [], 'a');
  const b = await issueKey(home, [], 'b');
  const dir = tempDir();
  const fileA = join(dir, 'a');
  writeFileSync(fileA, a.token + '\n', { mode: 0o600 });
  const fileB = join(dir, 'b');
  writeFileSync(fileB, b.token + '\n', { mode: 0o600 });
  return { home, a, b, fileA, fileB, dir };
}

const verifiedId = (r) => (r.code === 0 ? JSON.parse(r.stdout).id : `exit ${r.code}: ${r.stderr}`);

test('precedence: --key-file > B3IQ_LOCAL_KEY_FILE > B3IQ_LOCAL_KEY > stdin', async (t) => {
  const { home, a, b, fileA, fileB } = await setup(t);
  const v = (args, env, input) => run(['keys', 'verify', '--json', ...args], { home, env, input });
  assert.equal(verifiedId(await v(['--key-file', fileA], { B3IQ_LOCAL_KEY_FILE: fileB, B3IQ_LOCAL_KEY: b.token }, b.token)), a.id);
  assert.equal(verifiedId(await v([], { B3IQ_LOCAL_KEY_FILE: fileA, B3IQ_LOCAL_KEY: b.token }, b.token)), a.id);
  assert.equal(verifiedId(await v([], { B3IQ_LOCAL_KEY: a.token }, b.token)), a.id);
  assert.equal(verifiedId(await v([], {}, a.token)), a.id);
  assert.equal(verifiedId(await v(['--key-file', '-'], { B3IQ_LOCAL_KEY: b.token }, a.token + '\n')), a.id);
});

test('no terminal and no input: exit 2 at once, naming the ways', async (t) => {
  const { home } = await setup(t);
  const r = await run(['keys', 'verify'], { home, env: { CI: 'true' } }); // stdin is /dev/null
  assert.equal(r.code, 2);
  assert.match(r.stderr, /E_NO_INPUT/);
  assert.match(r.stderr, /--key-file/);
  assert.match(r.stderr, /B3IQ_LOCAL_KEY_FILE/);
  assert.ok(r.ms < 5000, `${r.ms} ms`);
});

test('an open pipe that never delivers fails within the stdin timeout instead of hanging', async (t) => {
  const { home } = await setup(t);
  const { spawn } = await import('node:child_process');
  const { baseEnv } = await import('../harness/index.js');
  const started = Date.now();
  const child = spawn(process.execPath, [BIN, 'keys', 'verify'], { env: baseEnv(home, { B3IQ_STDIN_TIMEOUT: '1' }), stdio: ['pipe', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  const code = await new Promise((r) => child.on('close', r));
  child.stdin.destroy();
  assert.equal(code, 2);
  assert.match(err, /E_NO_INPUT/);
  assert.ok(Date.now() - started < 6000);
});

test('input rules: one trailing newline stripped; empty, NUL, invalid UTF-8 and >64 KiB refused', async (t) => {
  const { home, a } = await setup(t);
  const v = (input) => run(['keys', 'verify', '--json'], { home, input });
  assert.equal((await v(a.token + '\r\n')).code, 0);
  assert.equal(JSON.parse((await v(a.token + '\n\n')).stdout).reason, 'malformed');
  for (const [input, code] of /** @type {[string | Buffer, RegExp][]} */ ([
    ['', /E_NO_INPUT/],
    ['\n', /E_NO_INPUT/],
    [Buffer.concat([Buffer.from(a.token), Buffer.from([0])]), /E_BAD_INPUT/],
    [Buffer.from([0xff, 0xfe, 0x41]), /E_BAD_INPUT/],
    ['x'.repeat(70 * 1024), /E_BAD_INPUT/],
  ])) {
    const r = await v(input);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, code);
  }
  const big = await run(['keys', 'verify'], { home, input: Buffer.alloc(50 * 1024 * 1024, 0x41) });
  assert.equal(big.code, 2);
  assert.match(big.stderr, /64 KiB/);
});

test('a secret file readable by others draws a warning; a missing file is a clear error', async (t) => {
  const { home, fileA, dir } = await setup(t);
  chmodSync(fileA, 0o644);
  const r = await run(['keys', 'verify', '--key-file', fileA], { home });
  assert.equal(r.code, 0);
  assert.match(r.stderr, /readable by group or others/);
  const m = await run(['keys', 'verify', '--key-file', join(dir, 'missing')], { home });
  assert.equal(m.code, 2);
  assert.match(m.stderr, /E_BAD_INPUT/);
});

test('process substitution works: --key-file <(…) is a pipe, not a file', async (t) => {
  const { home, a, fileA } = await setup(t);
  const { spawnSync } = await import('node:child_process');
  const { baseEnv } = await import('../harness/index.js');
  const r = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" keys verify --json --key-file <(cat "${fileA}")`], {
    env: baseEnv(home),
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).id, a.id);
});

test('a terminal gets a masked prompt; the secret is never echoed', async (t) => {
  const { home, a } = await setup(t);
  const r = await runPty(['keys', 'verify'], { home, script: [['Local API key', a.token + '\r']] });
  assert.equal(r.code, 0, r.screen);
  assert.match(r.screen, new RegExp(`valid ${a.id}`));
  assert.ok(!r.screen.includes(a.token), 'the typed key must not be echoed');
  // Nothing per key typed, as sudo does: not even a mask character (it would show the length).
  assert.doesNotMatch(r.screen, /\*/);
});

test('--key-file - reads a pipe on stdin', async (t) => {
  const { home, a, fileA } = await setup(t);
  const r = await runPty([], { home, shell: `cat "${fileA}" | "$NODE" "$B3IQ_BIN" keys verify --key-file -` });
  assert.equal(r.code, 0, r.screen);
  assert.match(r.screen, new RegExp(`valid ${a.id}`));
});
