// The environment a command runs in is checked the same way by every command: an invalid
// B3IQ_KEYCHAIN is a usage error (exit 2), and a record that others can read is refused
// (exit 3) like one they can write, with the fix.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { run, ok, initHome, issueKey } from '../helpers/cli.js';

const COMMANDS = [
  ['status'],
  ['gateway', 'status'],
  ['keys', 'list'],
  ['support', 'list'],
  ['doctor'],
  ['audit'],
  ['scan', '.'],
  ['keys', 'verify'],
  ['redact'],
  ['init'],
  ['--json', 'status'],
];

test('B3IQ_KEYCHAIN=bogus is exit 2 with E_USAGE for every command, status included', async (t) => {
  const home = await initHome(t);
  for (const value of ['bogus', 'yes', '1']) {
    for (const args of COMMANDS) {
      const r = await run(args, { home, env: { B3IQ_KEYCHAIN: value }, input: '' });
      assert.equal(r.code, 2, `${value} ${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, /E_USAGE.*B3IQ_KEYCHAIN must be auto, on or off/);
    }
  }
  for (const value of ['auto', 'on', 'off', 'OFF', '']) {
    const r = await run(['keys', 'list'], { home, env: { B3IQ_KEYCHAIN: value } });
    assert.equal(r.code, 0, `${value}: ${r.stderr}`);
  }
});

test('a credentials, owner or audit record readable by group or others is refused (exit 3) with the chmod fix', async (t) => {
  const home = await initHome(t);
  await issueKey(home);
  const env = { B3IQ_KEYCHAIN: 'off' };
  const token = JSON.parse((await ok(['setup-token', 'create', '--out', '-', '--json'], { home, env })).stdout).token;
  await ok(['setup'], { home, env: { ...env, B3IQ_OWNER_PASSWORD: 'lantern orchid basalt 91' }, input: token });
  for (const name of ['credentials.json', 'audit.log', 'node.json', 'owner.json']) {
    const file = join(home, name);
    assert.ok(existsSync(file), name);
    for (const mode of [0o640, 0o604, 0o644]) {
      chmodSync(file, mode);
      const r = await run(
        name === 'audit.log' ? ['keys', 'create', '--name', 'x', '--out', '-'] : name === 'node.json' || name === 'owner.json' ? ['status'] : ['keys', 'list'],
        { home, env },
      );
      assert.equal(r.code, 3, `${name} ${mode.toString(8)}: ${r.stderr}`);
      assert.match(r.stderr, new RegExp(`E_UNSAFE_PERMISSIONS.*${name.replace('.', '\\.')} is readable by group or others`));
      assert.match(r.stderr, new RegExp(`chmod 600 \\S*${name.replace('.', '\\.')}`));
      assert.equal(r.stdout, '');
    }
    chmodSync(file, 0o600);
  }
  await ok(['keys', 'list'], { home, env });
  // doctor reports it as a failed check rather than stopping.
  chmodSync(join(home, 'credentials.json'), 0o644);
  const d = await run(['doctor'], { home, env });
  assert.equal(d.code, 1, d.stderr);
  assert.match(d.stdout + d.stderr, /readable by group or others/);
});
