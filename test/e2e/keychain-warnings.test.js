// B3IQ_KEYCHAIN=auto without a reachable keychain: the fallback warning comes once, from the
// command that stored a secret, naming the real reason and its fix; reading commands say nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { run, ok, initHome, tempDir, ROOT, baseEnv } from '../helpers/cli.js';
import { generateToken } from '../../dist/core/tokens.js';

test('auto fallback: one warning per secret stored, none from status, list, show, verify or gateway status', async (t) => {
  const home = await initHome(t);
  const login = await run(['gateway', 'login'], { home, input: generateToken('gateway') });
  assert.equal(login.code, 0, login.stderr);
  assert.equal(login.stderr.match(/warning:/g)?.length, 1, login.stderr);
  assert.match(login.stderr, /no OS keychain \(no D-Bus session bus.*To use the keychain: /);
  const saved = await run(['keys', 'create', '--name', 'k', '--save', 'keychain', '--json'], { home });
  assert.equal(saved.code, 0, saved.stderr);
  const id = JSON.parse(saved.stdout).id;
  assert.equal(JSON.parse(saved.stderr).warnings.filter((w) => /no OS keychain/.test(w)).length, 1, saved.stderr);

  for (const args of [['status'], ['gateway', 'status'], ['keys', 'list'], ['keys', 'show', id], ['support', 'list'], ['audit']]) {
    const r = await run(args, { home });
    assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
    assert.doesNotMatch(r.stderr, /keychain/i, `${args.join(' ')} warned: ${r.stderr}`);
  }
  const st = await ok(['status'], { home });
  assert.match(st.stdout, /keychain\s+file fallback.*no D-Bus session bus.*to fix:/);
});

/** A copy of the package as npm leaves it when keytar could not be built: no node_modules/keytar. */
function installWithoutKeytar(t) {
  const dir = tempDir('b3iq-nokeytar-');
  for (const name of ['bin', 'dist', 'package.json']) symlinkSync(join(ROOT, name), join(dir, name));
  mkdirSync(join(dir, 'node_modules'));
  for (const name of readdirSync(join(ROOT, 'node_modules'))) {
    if (name !== 'keytar' && !name.startsWith('.')) symlinkSync(join(ROOT, 'node_modules', name), join(dir, 'node_modules', name));
  }
  return dir;
}

function runFrom(dir, args, { home, env = {}, input }) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--preserve-symlinks', '--preserve-symlinks-main', join(dir, 'bin', 'b3iq.js'), ...args], {
      env: baseEnv(home, env),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

test('keytar not installed: named as the reason (not the D-Bus session), with the libsecret fix', async (t) => {
  const dir = installWithoutKeytar(t);
  const home = await initHome(t);
  // A D-Bus address is set, so a missing bus cannot be what is blamed.
  const env = { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' };
  const login = await runFrom(dir, ['gateway', 'login'], { home, env, input: generateToken('gateway') });
  assert.equal(login.code, 0, login.stderr);
  assert.match(login.stderr, /keytar is not installed.*libsecret-1-dev/);
  const noBus = await runFrom(dir, ['gateway', 'login'], { home, input: generateToken('gateway') });
  assert.match(noBus.stderr, /keytar is not installed/);
  assert.doesNotMatch(noBus.stderr, /D-Bus/, 'without keytar, the missing bus is beside the point');
  const on = await runFrom(dir, ['gateway', 'login'], { home, env: { ...env, B3IQ_KEYCHAIN: 'on' }, input: generateToken('gateway') });
  assert.equal(on.code, 3, on.stderr);
  assert.match(on.stderr, /E_KEYCHAIN_UNAVAILABLE.*keytar is not installed/);
  assert.match(on.stderr, /libsecret-1-dev/);
  assert.doesNotMatch(on.stderr, /gnome-keyring/);
});
