// The second conformance pass, continued (see contract-conformance-2.test.js): the
// environment (B3IQ_HOME, --home, XDG_CONFIG_HOME, B3IQ_KEYCHAIN), the order of a secret's
// sources, B3IQ_DEBUG, and the library's face with the documented exit-code table.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run, initHome, issueKey, tempDir, tempHome } from '../harness/index.js';
import { PW, env, jsonError, ok } from '../helpers/conformance.js';

test('environment: B3IQ_HOME, --home over it, XDG_CONFIG_HOME by default, an empty --home or a bad B3IQ_KEYCHAIN exit 2, a file as home exit 3', async (t) => {
  const dir = tempDir();
  const a = join(dir, 'a');
  const b = join(dir, 'b');
  const xdg = join(dir, 'xdg');
  await ok(['init'], { home: a });
  await ok(['init'], { home: b });
  const idOf = async (args, opts) => JSON.parse((await ok([...args, 'status', '--json'], opts)).stdout).home;
  assert.equal(await idOf([], { home: a }), a, 'B3IQ_HOME');
  assert.equal(await idOf(['--home', b], { home: a }), b, '--home wins over B3IQ_HOME');
  // The run's own environment decides the default home (HOME too, so a fault never
  // touches the real ~/.config).
  const xdgEnv = { XDG_CONFIG_HOME: xdg, HOME: dir };
  await ok(['init'], { env: xdgEnv });
  assert.equal(await idOf([], { env: xdgEnv }), join(xdg, 'b3iq'), 'the platform config dir, without a suffix');
  await ok(['init'], { env: { HOME: dir } });
  assert.equal(await idOf([], { env: { HOME: dir } }), join(dir, '.config', 'b3iq'), 'else ~/.config/b3iq');
  const file = join(dir, 'file');
  writeFileSync(file, 'x');
  for (const [args, opts, code, ecode] of /** @type {Array<[string[], { home: string, env?: Record<string, string> }, number, string]>} */ ([
    [['--home', '', 'status'], { home: a }, 2, 'E_USAGE'],
    [['keys', 'list'], { home: a, env: { B3IQ_KEYCHAIN: 'maybe' } }, 2, 'E_USAGE'],
    [['status'], { home: file }, 3, 'E_UNSAFE_PERMISSIONS'],
  ])) {
    const label = args.join(' ');
    const r = await run([...args, '--json'], opts);
    assert.equal(r.code, code, `${label}: ${r.stderr}`);
    const e = jsonError(r, label);
    assert.equal(e.code, ecode, label);
    assert.ok(e.hint, `${label}: says what to do`);
  }
});

test('secret sources, first match wins: --key-file, B3IQ_LOCAL_KEY_FILE, B3IQ_LOCAL_KEY, stdin (keys verify)', async (t) => {
  const home = await initHome(t);
  const good = await issueKey(home);
  const bad = await issueKey(home, [], 'revoked');
  await ok(['keys', 'revoke', bad.id], { home });
  const dir = tempDir();
  const f = (name, tok) => {
    const p = join(dir, name);
    writeFileSync(p, `${tok}\n`, { mode: 0o600 });
    return p;
  };
  const goodFile = f('good', good.token);
  const badFile = f('bad', bad.token);
  const verify = async (args, e, input) => {
    const r = await run(['keys', 'verify', ...args, '--json'], { home, env: { ...env, ...e }, input });
    return JSON.parse(r.stdout).valid;
  };
  assert.equal(await verify(['--key-file', goodFile], { B3IQ_LOCAL_KEY_FILE: badFile, B3IQ_LOCAL_KEY: bad.token }, bad.token), true);
  assert.equal(await verify(['--key-file', badFile], { B3IQ_LOCAL_KEY_FILE: goodFile }), false);
  assert.equal(await verify([], { B3IQ_LOCAL_KEY_FILE: goodFile, B3IQ_LOCAL_KEY: bad.token }, bad.token), true);
  assert.equal(await verify([], { B3IQ_LOCAL_KEY: good.token }, bad.token), true);
  assert.equal(await verify([], {}, `${good.token}\n`), true);
  assert.equal(await verify(['--key-file', '-'], {}, `${good.token}\r\n`), true, '- is stdin; one CRLF stripped');
});

test('no stack trace unless B3IQ_DEBUG=1; with it, the stack (human and --json); never a secret either way', async (t) => {
  const home = await initHome(t);
  writeFileSync(join(home, 'credentials.json'), '{broken', { mode: 0o600 });
  const plain = await run(['keys', 'list'], { home, env });
  assert.equal(plain.code, 3);
  assert.equal(plain.stderr.trimEnd().split('\n').length, 2, plain.stderr);
  assert.doesNotMatch(plain.stderr, /\n\s+at /);
  assert.ok(!('stack' in JSON.parse((await run(['keys', 'list', '--json'], { home, env })).stderr).error));
  const debug = await run(['keys', 'list'], { home, env: { ...env, B3IQ_DEBUG: '1' } });
  assert.equal(debug.code, 3);
  assert.match(debug.stderr, /\n\s+at /);
  const dj = await run(['keys', 'list', '--json'], { home, env: { ...env, B3IQ_DEBUG: '1' } });
  assert.match(JSON.parse(dj.stderr).error.stack, /\n\s+at /);
});

test('the library: the documented exports, Store methods, result shapes and error codes (dist/index.js, b3iq-operator/ui)', async (t) => {
  const lib = await import('../../dist/index.js');
  for (const name of [
    'openStore',
    'resolveHome',
    'redact',
    'createRedactStream',
    'checkPublicPayload',
    'initHome',
    'parseToken',
    'hashToken',
    'Pseudonymizer',
    'parsePublicPayload',
    'openKeychain',
    'ownerSummary',
    'ownerSessionGeneration',
    'checkPasswordStrength',
    'B3iqError',
  ]) {
    assert.equal(typeof lib[name], 'function', name);
  }
  assert.deepEqual(lib.ExitCode, { ok: 0, negative: 1, usage: 2, environment: 3, interrupted: 130 });
  // Every error code with the exit code of the documented table, and no other code.
  const TABLE = {
    1: 'E_INVALID_TOKEN E_WRONG_PASSWORD E_OWNER_EXISTS E_NO_OWNER E_NOT_FOUND E_CHECK_FAILED',
    2: 'E_USAGE E_SECRET_IN_ARGV E_NO_INPUT E_BAD_INPUT E_SCOPE_UNKNOWN E_SCOPE_FORBIDDEN E_DURATION E_OUT_EXISTS E_OUT_SYMLINK E_STDOUT_NOT_TTY E_WRONG_KIND E_INVALID_JSON E_TOO_DEEP E_WEAK_PASSWORD E_NO_GATEWAY_KEY',
    3: 'E_NOT_INITIALISED E_CORRUPT E_SCHEMA_NEWER E_UNSAFE_PERMISSIONS E_UNSAFE_OWNER E_SYMLINK E_LOCK_TIMEOUT E_KEYCHAIN_UNAVAILABLE E_IO E_CLOCK_BEHIND',
    130: 'E_INTERRUPTED',
  };
  const documented = Object.fromEntries(Object.entries(TABLE).flatMap(([exit, codes]) => codes.split(' ').map((c) => [c, Number(exit)])));
  assert.deepEqual({ ...lib.ErrorCodes }, documented);
  assert.ok(Array.isArray(lib.LOCAL_SCOPES) && lib.LOCAL_SCOPES.includes('inference'));
  assert.ok(lib.SUPPORT_SCOPES.includes('diagnostics:read'));
  // resolveHome(flag, env, cwd): --home, else B3IQ_HOME, else the platform dir, from that env.
  assert.equal(lib.resolveHome('/flag', { B3IQ_HOME: '/env' }, '/'), '/flag');
  assert.equal(lib.resolveHome(undefined, { B3IQ_HOME: 'rel' }, '/base'), '/base/rel');
  if (process.platform === 'linux') assert.equal(lib.resolveHome(undefined, { XDG_CONFIG_HOME: '/xdg', HOME: '/h' }, '/'), '/xdg/b3iq');
  const { operatorUI } = await import('../../dist/ui/index.js');
  assert.equal(typeof operatorUI, 'function');
  const missing = tempHome(t);
  await assert.rejects(lib.openStore({ home: missing }), (e) => e instanceof lib.B3iqError && e.code === 'E_NOT_INITIALISED' && e.exitCode === 3);
  await lib.initHome({ home: missing });
  const store = await lib.openStore({ home: missing });
  t.after(() => store.close());
  const key = await store.issueLocalKey({ name: 'rt', scopes: ['inference'], expiresIn: '1h' });
  assert.match(key.id, /^lk_/);
  assert.match(key.token, /^b3iq_local_/);
  assert.deepEqual(store.verifyLocalKey(key.token, { scope: 'inference' }), { valid: true, id: key.id, scopes: ['inference'] });
  assert.deepEqual(store.verifyLocalKey(key.token, { scope: 'models:read' }), { valid: false, reason: 'scope', missing: 'models:read' });
  assert.deepEqual(store.verifySupportGrant(key.token), { valid: false, reason: 'wrong-kind' });
  assert.deepEqual(store.verifyLocalKey('b3iq_local_nope'), { valid: false, reason: 'malformed' });
  await assert.rejects(store.issueLocalKey({ name: 'x', scopes: ['keys:write'] }), { code: 'E_SCOPE_FORBIDDEN', exitCode: 2 });
  await assert.rejects(store.issueSupportGrant({ ttl: '73h' }), { code: 'E_DURATION', exitCode: 2 });
  await assert.rejects(store.revoke('lk_AAAAAAAAAAAAA'), { code: 'E_NOT_FOUND', exitCode: 1 });
  assert.equal(await store.verifyOwnerPassword(PW), false, 'no owner yet: false, not a throw');
  const setup = await store.issueSetupToken();
  await assert.rejects(store.completeSetup({ token: 'b3iq_setup_bad', password: PW }), { code: 'E_INVALID_TOKEN', exitCode: 1 });
  await store.completeSetup({ token: setup.token, password: PW });
  assert.equal(await store.verifyOwnerPassword(PW), true);
  const login = await store.ownerLogin(PW, { client: 'test' });
  assert.equal(login.ok, true);
  assert.deepEqual(Object.keys(login.session).sort(), ['expiresAt', 'id']);
  const cookie = login.cookie.split(';')[0];
  const v = store.verifyOwnerSession(cookie);
  assert.equal(v.valid, true);
  assert.equal(v.id, login.session.id);
  assert.equal(typeof v.csrf, 'string');
  assert.equal((await store.ownerSessions()).length, 1);
  assert.deepEqual(await store.ownerLogin('quartz meadow falcon 27', { client: 'test' }), { ok: false, reason: 'wrong-password' });
  await store.ownerLogout(cookie);
  assert.equal(store.verifyOwnerSession(cookie).valid, false);
  assert.deepEqual(store.enrollment(), { managed: null, network: null });
  await store.revoke(key.id);
  assert.deepEqual(store.verifyLocalKey(key.token), { valid: false, reason: 'revoked' });
  const { text, counts } = lib.redact(`token ${key.token}`);
  assert.ok(!text.includes(key.token) && Object.values(counts).length > 0);
  assert.deepEqual(lib.checkPublicPayload({ nodeId: 'node_1' }), { ok: true, violations: [] });
});
