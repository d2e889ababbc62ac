// Secret inputs never hang (issue: a FIFO with no writer was opened a second time with a
// blocking open after the timeout, and the process never exited).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import { run, initHome, issueKey, tempDir } from '../helpers/cli.js';

test('a FIFO with no writer as --key-file fails with E_NO_INPUT within the stdin timeout and exits', async (t) => {
  const home = await initHome(t);
  const fifo = join(tempDir(), 'k.fifo');
  execFileSync('mkfifo', [fifo]);
  const r = await run(['keys', 'verify', '--json', '--key-file', fifo], { home, env: { B3IQ_STDIN_TIMEOUT: '1' }, timeout: 15_000 });
  assert.equal(r.code, 2, r.stderr);
  assert.equal(JSON.parse(r.stderr).error.code, 'E_NO_INPUT');
  assert.ok(r.ms < 10_000, `took ${r.ms} ms`);
});

test('a FIFO with a writer delivers the key; B3IQ_LOCAL_KEY_FILE naming a FIFO too', async (t) => {
  const home = await initHome(t);
  const k = await issueKey(home, [], 'fifo');
  const fifo = join(tempDir(), 'k.fifo');
  execFileSync('mkfifo', [fifo]);
  for (const [args, env] of /** @type {Array<[string[], Record<string, string>]>} */ ([
    [['--key-file', fifo], {}],
    [[], { B3IQ_LOCAL_KEY_FILE: fifo }],
  ])) {
    const writer = spawn('sh', ['-c', `sleep 0.3; printf '%s\\n' "$K" > "$F"`], { env: { ...process.env, K: k.token, F: fifo } });
    const r = await run(['keys', 'verify', '--json', ...args], { home, env: { B3IQ_STDIN_TIMEOUT: '10', ...env } });
    await new Promise((res) => (writer.exitCode !== null ? res() : writer.on('exit', res)));
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).id, k.id);
  }
});

test('a device as --key-file is read once and bounded: /dev/null is empty, /dev/zero is refused', async (t) => {
  const home = await initHome(t);
  const a = await run(['keys', 'verify', '--json', '--key-file', '/dev/null'], { home, env: { B3IQ_STDIN_TIMEOUT: '2' } });
  assert.equal(JSON.parse(a.stderr).error.code, 'E_NO_INPUT');
  const b = await run(['keys', 'verify', '--json', '--key-file', '/dev/zero'], { home, env: { B3IQ_STDIN_TIMEOUT: '2' } });
  assert.equal(JSON.parse(b.stderr).error.code, 'E_BAD_INPUT');
});
