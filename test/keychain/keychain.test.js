// The real OS keychain: keytar against gnome-keyring's Secret Service, inside the D-Bus
// session test/keychain/run-in-session.sh starts. Secrets must be in the keyring (checked
// with secret-tool) and nowhere on disk in plain form.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { run, ok, initHome, readTree, BIN, ROOT } from '../helpers/cli.js';
import { generateToken } from '../../dist/core/tokens.js';

const inSession = Boolean(process.env.DBUS_SESSION_BUS_ADDRESS);
if (process.env.B3IQ_KEYCHAIN_SUITE === '1' && !inSession) throw new Error('keychain suite: no D-Bus session although run-in-session.sh started it');
const skip = inSession ? false : 'needs a D-Bus session with a Secret Service: run test/keychain/run-in-session.sh';

/** What b3iq needs to reach the session's Secret Service (baseEnv passes nothing else). */
// A generous timeout here: this suite checks where secrets go; the timeout itself is tested with a hung service.
const sessionEnv = (extra = {}) => ({
  DBUS_SESSION_BUS_ADDRESS: process.env.DBUS_SESSION_BUS_ADDRESS,
  XDG_RUNTIME_DIR: process.env.XDG_RUNTIME_DIR ?? '',
  B3IQ_KEYCHAIN_TIMEOUT_MS: '10000',
  ...extra,
});

const nodeIdOf = (home) => JSON.parse(readFileSync(join(home, 'node.json'), 'utf8')).nodeId;

function lookup(account) {
  const r = spawnSync('secret-tool', ['lookup', 'service', 'b3iq', 'account', account], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.replace(/\n$/, '') : undefined;
}

/** No file under dir (the b3iq home, or the whole scratch HOME with the keyring files) holds secret. */
function assertNotOnDisk(dir, secret) {
  if (!existsSync(dir)) return;
  for (const { path, data } of readTree(dir)) assert.ok(!data.includes(secret), `${path} holds the secret in plain form`);
}

test('gateway login with B3IQ_KEYCHAIN=on: in the keyring, not on disk; status and logout', { skip }, async (t) => {
  const home = await initHome(t);
  const key = generateToken('gateway');
  const account = `${nodeIdOf(home)}/gateway-key`;
  const r = await run(['gateway', 'login', '--json'], { home, input: key, env: sessionEnv({ B3IQ_KEYCHAIN: 'on' }) });
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), { stored: true, backend: 'keytar', replaced: false });
  assert.doesNotMatch(r.stderr, /warning/);
  assert.equal(lookup(account), key, 'secret-tool finds it in the keyring');
  assert.equal(existsSync(join(home, 'keychain')), false, 'no file fallback');
  assertNotOnDisk(home, key);
  assertNotOnDisk(process.env.HOME, key);

  const st = await run(['gateway', 'status', '--json'], { home, env: sessionEnv() });
  assert.equal(st.code, 0, st.stderr);
  const doc = JSON.parse(st.stdout);
  assert.equal(doc.present, true);
  assert.equal(doc.backend, 'keytar');
  assert.equal(doc.wellFormed, true);
  assert.ok(!st.stdout.includes(key) && !st.stderr.includes(key));

  const status = await ok(['status', '--json'], { home, env: sessionEnv() });
  assert.match(JSON.parse(status.stdout).keychain, /keytar/);

  const out = await ok(['gateway', 'logout', '--json'], { home, env: sessionEnv() });
  assert.equal(JSON.parse(out.stdout).removed, true);
  assert.equal(lookup(account), undefined, 'gone from the keyring');
  const gone = await run(['gateway', 'status', '--json'], { home, env: sessionEnv() });
  assert.equal(gone.code, 1);
});

test('keys create --save keychain stores the new local key in the keyring only', { skip }, async (t) => {
  const home = await initHome(t);
  const r = await run(['keys', 'create', '--name', 'kc', '--save', 'keychain', '--json'], { home, env: sessionEnv() });
  assert.equal(r.code, 0, r.stderr);
  const { id, token } = JSON.parse(r.stdout);
  assert.equal(token, undefined);
  assert.doesNotMatch(r.stdout + r.stderr, /b3iq_local_/);
  const saved = lookup(`${nodeIdOf(home)}/local-key:${id}`);
  assert.match(saved ?? '', /^b3iq_local_[0-9A-Za-z]{49}$/);
  const v = await run(['keys', 'verify', '--json'], { home, input: saved });
  assert.equal(JSON.parse(v.stdout).id, id);
  assertNotOnDisk(home, saved);
  assertNotOnDisk(process.env.HOME, saved);
});

test('two homes on one login keep separate entries', { skip }, async (t) => {
  const a = await initHome(t);
  const b = await initHome(t);
  const ka = generateToken('gateway');
  const kb = generateToken('gateway');
  await ok(['gateway', 'login'], { home: a, input: ka, env: sessionEnv({ B3IQ_KEYCHAIN: 'on' }) });
  await ok(['gateway', 'login'], { home: b, input: kb, env: sessionEnv({ B3IQ_KEYCHAIN: 'on' }) });
  assert.equal(lookup(`${nodeIdOf(a)}/gateway-key`), ka);
  assert.equal(lookup(`${nodeIdOf(b)}/gateway-key`), kb);
  await ok(['gateway', 'logout'], { home: a, env: sessionEnv() });
  assert.equal(lookup(`${nodeIdOf(a)}/gateway-key`), undefined);
  assert.equal(lookup(`${nodeIdOf(b)}/gateway-key`), kb, 'the other home is untouched');
  await ok(['gateway', 'logout'], { home: b, env: sessionEnv() });
});

test('a key saved to the file fallback earlier is found and removed once the keychain is reachable', { skip }, async (t) => {
  const home = await initHome(t);
  const key = generateToken('gateway');
  await ok(['gateway', 'login'], { home, input: key, env: { B3IQ_KEYCHAIN: 'off' } });
  const st = await ok(['gateway', 'status', '--json'], { home, env: sessionEnv() });
  assert.equal(JSON.parse(st.stdout).backend, 'file');
  await ok(['gateway', 'logout'], { home, env: sessionEnv() });
  assert.equal(existsSync(join(home, 'keychain', 'gateway-key.json')), false);
  // And a login with the keychain reachable moves it: one place only.
  await ok(['gateway', 'login'], { home, input: key, env: { B3IQ_KEYCHAIN: 'off' } });
  await ok(['gateway', 'login'], { home, input: key, env: sessionEnv() });
  assert.equal(existsSync(join(home, 'keychain', 'gateway-key.json')), false);
  assert.equal(lookup(`${nodeIdOf(home)}/gateway-key`), key);
  await ok(['gateway', 'logout'], { home, env: sessionEnv() });
});

test('B3IQ_KEYCHAIN=on with a Secret Service that never answers: exit 3 in bounded time', { skip }, async (t) => {
  const py = '/usr/bin/python3';
  const hasDbusPy = existsSync(py) && spawnSync(py, ['-c', 'import dbus'], { stdio: 'ignore' }).status === 0;
  if (!hasDbusPy) return t.skip('python3-dbus not installed (the hung-helper unit test covers the timeout)');
  const home = await initHome(t);
  const hang = join(ROOT, 'test', 'keychain', 'fixtures', 'hang-secrets.py');
  const script = `${py} "${hang}" & sleep 1; B3IQ_KEYCHAIN=on B3IQ_KEYCHAIN_TIMEOUT_MS=1500 B3IQ_HOME="${home}" "${process.execPath}" "${BIN}" gateway login < /dev/null; echo "rc=$?"; kill %1`;
  const started = Date.now();
  const r = spawnSync('dbus-run-session', ['--', 'bash', '-c', script], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: process.env.HOME, B3IQ_GATEWAY_KEY: generateToken('gateway') },
    timeout: 30_000,
  });
  const ms = Date.now() - started;
  assert.match(r.stdout, /rc=3/, r.stderr);
  assert.match(r.stderr, /E_KEYCHAIN_UNAVAILABLE/);
  assert.ok(ms < 15_000, `${ms} ms`);
});
