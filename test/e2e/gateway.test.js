// b3iq gateway login/status/logout and the keychain modes, without a Secret Service
// (the real-keychain path is test/keychain/, run under dbus-run-session).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run, ok, initHome, issueKey, readTree, tempDir } from '../harness/index.js';
import { generateToken } from '../../dist/core/tokens.js';

const gatewayKey = () => generateToken('gateway');

test('gateway login (auto, no Secret Service): falls back to a 0600 file with one warning; never in the records', async (t) => {
  const home = await initHome(t);
  const key = gatewayKey();
  const r = await run(['gateway', 'login', '--json'], { home, input: key + '\n' });
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), { stored: true, backend: 'file', replaced: false });
  // --json: stderr is one document, the fallback warning inside it, once.
  const { warnings } = JSON.parse(r.stderr);
  assert.equal(warnings.length, 1, r.stderr);
  assert.match(warnings[0], /no OS keychain \(no D-Bus session bus/);
  const file = join(home, 'keychain', 'gateway-key.json');
  assert.equal(statSync(file).mode & 0o777, 0o600);
  assert.equal(statSync(join(home, 'keychain')).mode & 0o777, 0o700);
  assert.equal(JSON.parse(readFileSync(file, 'utf8')).secret, key);
  // Only that file carries it: not credentials.json, not the audit log, not the output.
  for (const { path, data } of readTree(home)) if (path !== file) assert.ok(!data.includes(key), path);
  assert.ok(!r.stdout.includes(key) && !r.stderr.includes(key));
  assert.match(readFileSync(join(home, 'audit.log'), 'utf8'), /"action":"gateway.login"/);

  const st = await run(['gateway', 'status', '--json'], { home });
  assert.equal(st.code, 0);
  const doc = JSON.parse(st.stdout);
  assert.equal(doc.present, true);
  assert.equal(doc.backend, 'file');
  assert.ok(!st.stdout.includes(key) && !st.stderr.includes(key), 'status never prints the key');
  const human = await run(['gateway', 'status'], { home, env: { B3IQ_KEYCHAIN: 'off' } });
  assert.match(human.stdout, /present, in the file fallback/);
  assert.ok(!human.stdout.includes(key));

  // A second login replaces; logout removes it wherever it is.
  const again = await ok(['gateway', 'login', '--json'], { home, input: gatewayKey() });
  assert.equal(JSON.parse(again.stdout).replaced, true);
  const out = await ok(['gateway', 'logout', '--json'], { home });
  assert.equal(JSON.parse(out.stdout).removed, true);
  assert.equal(existsSync(file), false);
  const gone = await run(['gateway', 'status', '--json'], { home });
  assert.equal(gone.code, 1);
  assert.equal(JSON.parse(gone.stdout).present, false);
  const twice = await ok(['gateway', 'logout', '--json'], { home });
  assert.equal(JSON.parse(twice.stdout).removed, false);
  assert.match(readFileSync(join(home, 'audit.log'), 'utf8'), /"action":"gateway.logout"/);
});

test('gateway login accepts only b3iq_gateway_ keys: other kinds exit 2 naming what they are', async (t) => {
  const home = await initHome(t);
  const local = await issueKey(home);
  const support = generateToken('support');
  const setup = generateToken('setup');
  for (const [token, label] of [
    [local.token, 'local API key'],
    [support, 'support grant'],
    [setup, 'setup token'],
  ]) {
    const r = await run(['gateway', 'login'], { home, input: token, env: { B3IQ_KEYCHAIN: 'off' } });
    assert.equal(r.code, 2, label);
    assert.match(r.stderr, /E_WRONG_KIND/);
    assert.match(r.stderr, new RegExp(label));
    assert.ok(!r.stderr.includes(token));
  }
  const good = gatewayKey();
  const broken = good.slice(0, -1) + (good.endsWith('x') ? 'y' : 'x');
  const bad = await run(['gateway', 'login'], { home, input: broken, env: { B3IQ_KEYCHAIN: 'off' } });
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /E_BAD_INPUT/);
  assert.equal(existsSync(join(home, 'keychain')), false, 'nothing stored');
  // And the other way round: keys verify answers wrong-kind for a gateway key.
  const v = await run(['keys', 'verify', '--json'], { home, input: good });
  assert.equal(v.code, 1);
  assert.deepEqual(JSON.parse(v.stdout), { valid: false, reason: 'wrong-kind' });
});

test('gateway login reads the key from --key-file and B3IQ_GATEWAY_KEY_FILE; refuses it on argv', async (t) => {
  const home = await initHome(t);
  const key = gatewayKey();
  const f = join(tempDir(), 'gw');
  writeFileSync(f, key + '\n', { mode: 0o600 });
  await ok(['gateway', 'login', '--key-file', f], { home, env: { B3IQ_KEYCHAIN: 'off' } });
  await ok(['gateway', 'logout'], { home, env: { B3IQ_KEYCHAIN: 'off' } });
  await ok(['gateway', 'login'], { home, env: { B3IQ_KEYCHAIN: 'off', B3IQ_GATEWAY_KEY_FILE: f } });
  const argv = await run(['gateway', 'login', key], { home });
  assert.equal(argv.code, 2);
  assert.match(argv.stderr, /E_SECRET_IN_ARGV/);
  assert.ok(!argv.stderr.includes(key));
});

test('B3IQ_KEYCHAIN=off never starts keytar and does not warn', async (t) => {
  const home = await initHome(t);
  // A bus address that would make keytar try (and fail): off must not even try.
  const r = await run(['gateway', 'login', '--json'], {
    home,
    input: gatewayKey(),
    env: { B3IQ_KEYCHAIN: 'off', DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' },
  });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).backend, 'file');
  assert.doesNotMatch(r.stderr, /warning/);
});

test('B3IQ_KEYCHAIN=on without a Secret Service: exit 3 E_KEYCHAIN_UNAVAILABLE in bounded time, nothing stored', async (t) => {
  const home = await initHome(t);
  const key = gatewayKey();
  for (const env of [{}, { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/b3iq-test-bus' }]) {
    const r = await run(['gateway', 'login'], { home, input: key, env: { B3IQ_KEYCHAIN: 'on', ...env } });
    assert.equal(r.code, 3, r.stderr);
    assert.match(r.stderr, /E_KEYCHAIN_UNAVAILABLE/);
    assert.ok(r.ms < 10_000, `${r.ms} ms`);
    assert.ok(!r.stderr.includes(key));
  }
  assert.equal(existsSync(join(home, 'keychain')), false);
  // keys create --save keychain: refused the same way, and no key is left live.
  const k = await run(['keys', 'create', '--name', 'kc', '--save', 'keychain', '--json'], { home, env: { B3IQ_KEYCHAIN: 'on' } });
  assert.equal(k.code, 3);
  const creds = JSON.parse(readFileSync(join(home, 'credentials.json'), 'utf8')).credentials;
  assert.equal(creds.filter((c) => c.kind === 'local' && c.revokedAt === null).length, 0);
});

test('an invalid B3IQ_KEYCHAIN value is a usage error', async (t) => {
  const home = await initHome(t);
  const r = await run(['gateway', 'status'], { home, env: { B3IQ_KEYCHAIN: 'maybe' } });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /B3IQ_KEYCHAIN must be auto, on or off/);
});

test('keys create --save keychain (file fallback): nothing printed, the key kept in a 0600 file', async (t) => {
  const home = await initHome(t);
  const r = await run(['keys', 'create', '--name', 'saved', '--save', 'keychain', '--json'], { home, env: { B3IQ_KEYCHAIN: 'off' } });
  assert.equal(r.code, 0, r.stderr);
  const doc = JSON.parse(r.stdout);
  assert.equal(doc.token, undefined);
  assert.doesNotMatch(r.stdout + r.stderr, /b3iq_local_/);
  const file = join(home, 'keychain', `local-key.${doc.id}.json`);
  const saved = JSON.parse(readFileSync(file, 'utf8')).secret;
  const v = await run(['keys', 'verify', '--json'], { home, input: saved });
  assert.equal(JSON.parse(v.stdout).id, doc.id);
});
