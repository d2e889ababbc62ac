// The second conformance pass, continued (see contract-conformance-2.test.js): enrollment,
// the UI's refusals, no hang without input, no secret from argv on the newer commands, the
// environment, B3IQ_DEBUG and the library's face.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { run, initHome, issueKey, tempDir } from '../harness/index.js';
import { PW, env, jsonError, ok } from '../helpers/conformance.js';
import * as spawned from '../helpers/cli.js';
import { homeWithOwner } from '../helpers/owner-home.js';

test('enroll: off by default; join needs --yes without a terminal, the owner password (exit 1 when wrong), a gateway key for network', async (t) => {
  const bare = await initHome(t);
  const status = await run(['enroll', 'status', '--json'], { home: bare, env });
  assert.equal(status.code, 0);
  const doc = JSON.parse(status.stdout);
  assert.equal(doc.managed, null);
  assert.equal(doc.network, null);
  assert.equal(jsonError(await run(['enroll', 'join', 'managed', '--yes', '--json'], { home: bare, env }), 'no owner').code, 'E_NO_OWNER');
  const home = await homeWithOwner({ ok, initHome }, t, PW);
  const pw = (p) => ({ ...env, B3IQ_OWNER_PASSWORD: p });
  for (const [args, e, code, ecode, message] of /** @type {Array<[string[], Record<string, string>, number, string, RegExp?]>} */ ([
    [['enroll', 'join', 'managed'], pw(PW), 2, 'E_NO_INPUT'],
    [['enroll', 'join', 'managed', '--yes'], env, 2, 'E_NO_INPUT'],
    [['enroll', 'join', 'managed', '--yes'], pw('quartz meadow falcon 27'), 1, 'E_WRONG_PASSWORD'],
    [['enroll', 'join', 'network', '--yes'], pw(PW), 2, 'E_NO_GATEWAY_KEY'],
    [['enroll', 'join', 'bogus', '--yes'], pw(PW), 2, 'E_USAGE'],
    [['enroll', 'join'], pw(PW), 2, 'E_USAGE'],
    [['enroll', 'leave'], env, 2, 'E_USAGE'],
    [['enroll', 'leave', 'managed', '--all'], env, 2, 'E_USAGE', /not both/],
  ])) {
    const label = args.join(' ');
    const r = await run([...args, '--json'], { home, env: e });
    assert.equal(r.code, code, `${label}: ${r.stderr}`);
    const err = jsonError(r, label);
    assert.equal(err.code, ecode, label);
    assert.ok(err.hint, `${label}: says what to do`);
    if (message) assert.match(err.message, message, label);
    assert.ok(!r.stderr.includes('quartz') && !r.stderr.includes('lantern'), `${label}: never the password`);
  }
  assert.equal(JSON.parse((await run(['enroll', 'status', '--json'], { home, env })).stdout).managed, null, 'nothing joined');
  const joined = await run(['enroll', 'join', 'managed', '--yes', '--json'], { home, env: pw(PW) });
  assert.equal(joined.code, 0, joined.stderr);
  assert.equal(JSON.parse(joined.stdout).joined, true);
  assert.match(JSON.parse((await run(['enroll', 'status', '--json'], { home, env })).stdout).managed.since, /^\d{4}-/);
  const left = await run(['enroll', 'leave', '--all', '--json'], { home, env });
  assert.equal(left.code, 0);
  assert.deepEqual(JSON.parse(left.stdout).left, ['managed']);
  const audit = JSON.parse((await run(['audit', '--json'], { home, env })).stdout).map((a) => a.action);
  assert.ok(audit.includes('enroll.join') && audit.includes('enroll.leave'), 'audited');
});

test('ui: a non-loopback address without TLS, a bad port, half a TLS pair, an unreadable or non-PEM pair: exit 2 with the fix', async (t) => {
  const home = await initHome(t);
  const junk = join(tempDir(), 'junk.pem');
  writeFileSync(junk, 'not a pem\n', { mode: 0o600 });
  for (const [args, ecode] of /** @type {Array<[string[], string]>} */ ([
    [['ui', '--listen', '0.0.0.0'], 'E_USAGE'],
    [['ui', '--listen', '10.1.2.3', '--port', '0'], 'E_USAGE'],
    [['ui', '--port', '70000'], 'E_USAGE'],
    [['ui', '--port', 'http'], 'E_USAGE'],
    [['ui', '--tls-cert', junk], 'E_USAGE'],
    [['ui', '--listen', '0.0.0.0', '--tls-cert', junk, '--tls-key', junk], 'E_BAD_INPUT'],
    [['ui', '--tls-cert', join(tempDir(), 'absent'), '--tls-key', junk], 'E_USAGE'],
  ])) {
    const label = args.join(' ');
    const r = await run([...args, '--json'], { home, env });
    assert.equal(r.code, 2, `${label}: ${r.stderr}`);
    const e = jsonError(r, label);
    assert.equal(e.code, ecode, label);
    assert.ok(e.hint, `${label}: says what to do`);
  }
});

// Commands that never read stdin: with a stdin pipe that stays open and never delivers, under
// CI=true, each answers at once (well under the stdin timeout).
const NO_STDIN = [
  'status',
  'setup-token list',
  'owner sessions',
  'keys list',
  'keys show lk_AAAAAAAAAAAAA',
  'keys forget lk_AAAAAAAAAAAAA',
  'support list',
  'support grant',
  'keys create --name ci',
  'setup-token create',
  'enroll status',
  'enroll join managed',
  'enroll leave --all',
  'gateway status',
  'doctor',
  'audit --verify',
  'ui --listen 0.0.0.0',
];
// Commands that need a secret: with stdin closed (no input can come) each fails at once,
// exit 2, E_NO_INPUT, naming the ways to pass it.
/** @type {Array<[string, RegExp]>} */
const NEEDS_SECRET = [
  ['keys verify', /--key-file.*B3IQ_LOCAL_KEY_FILE.*B3IQ_LOCAL_KEY\b/],
  ['support verify', /--token-file.*B3IQ_SUPPORT_TOKEN_FILE/],
  ['setup', /--token-file.*B3IQ_SETUP_TOKEN_FILE/],
  ['gateway login', /--key-file.*B3IQ_GATEWAY_KEY_FILE/],
  ['request-config --out -', /--key-file.*B3IQ_LOCAL_KEY_FILE/],
  ['request-config --kind support --out -', /--token-file.*B3IQ_SUPPORT_TOKEN_FILE/],
];

test('never a hang: an open silent stdin under CI=true, or no stdin at all, ends at once (spawned)', async (t) => {
  const home = await spawned.initHome(t);
  const ciEnv = { ...env, CI: 'true' };
  await Promise.all(
    NO_STDIN.map(async (cmd) => {
      const r = await spawned.run([...cmd.split(' '), '--json'], { home, env: ciEnv, stdin: 'pipe', timeout: 8_000 });
      assert.ok(r.code <= 3, `${cmd}: exit ${r.code}`);
      // A negative answer (gateway status without a key) is data; a failure, one JSON error.
      if (r.code >= 2 || (r.code === 1 && r.stdout === '')) jsonError(r, cmd);
      else JSON.parse(r.stdout);
    }),
  );
  await Promise.all(
    NEEDS_SECRET.map(async ([cmd, ways]) => {
      for (const e of [env, ciEnv]) {
        const r = await spawned.run([...cmd.split(' '), '--json'], { home, env: e, timeout: 8_000 });
        assert.equal(r.code, 2, `${cmd}: ${r.stderr}`);
        const err = jsonError(r, cmd);
        assert.equal(err.code, 'E_NO_INPUT', cmd);
        assert.match(err.hint, ways, cmd);
      }
    }),
  );
});

test('secrets on argv are refused on the newer commands too: exit 2, E_SECRET_IN_ARGV, never echoed, the help of that command', async (t) => {
  const home = await initHome(t);
  const key = await issueKey(home);
  const grant = JSON.parse((await run(['support', 'grant', '--out', '-', '--json'], { home, env })).stdout);
  const setup = JSON.parse((await run(['setup-token', 'create', '--out', '-', '--json'], { home, env })).stdout);
  const secrets = [key.token, grant.token, setup.token, 'hunter2zz', 'sekr1tval'];
  for (const [args, live, help] of /** @type {Array<[string[], string | null, string?]>} */ ([
    [['keys', 'forget', key.token], key.id],
    [['keys', 'forget', '--', key.token], key.id],
    [['setup-token', 'revoke', setup.token], setup.id],
    [['restore', setup.token], setup.id],
    [['backup', '--out', `x-${grant.token}`], grant.id],
    [['request-config', '--kind', 'support', '--token', grant.token], grant.id],
    [['owner', 'sessions', 'revoke', '--token=hunter2zz'], null, 'owner sessions revoke'],
    [['enroll', 'join', 'managed', '--password', 'hunter2zz'], null, 'enroll join'],
    [['enroll', 'join', 'network', '--gateway-key=sekr1tval'], null, 'enroll join'],
    [['request-config', '--key', 'sekr1tval'], null, 'request-config'],
    [['ui', '--password=hunter2zz'], null, 'ui'],
    [['recover', '--new-password', 'hunter2zz'], null, 'recover'],
  ])) {
    const label = args.join(' ').slice(0, 40);
    const r = await run([...args, '--json'], { home, env });
    assert.equal(r.code, 2, label);
    const e = jsonError(r, label);
    assert.equal(e.code, 'E_SECRET_IN_ARGV', label);
    for (const s of secrets) assert.ok(!r.stderr.includes(s) && !r.stderr.includes(s.slice(-10)), `${label}: never echoed`);
    if (live) assert.match(e.message, new RegExp(`exposed.*${live}`), label);
    if (help) assert.match(e.hint, new RegExp(`b3iq ${help} --help`), label);
    const human = await run(args, { home, env });
    assert.equal(human.code, 2);
    assert.ok(human.stderr.trimEnd().split('\n').length <= 2, `${label}: one or two lines`);
  }
  assert.equal(JSON.parse((await run(['keys', 'list', '--json'], { home, env })).stdout).length, 1, 'nothing ran');
});

/** Starts `b3iq ui --port 0 --json`, waits for its URL, sends `signal`; resolves its end. */
function uiStoppedBy(home, signal) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [spawned.BIN, 'ui', '--port', '0', '--json'], { env: spawned.baseEnv(home, env), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.stdout.setEncoding('utf8').on('data', (d) => {
      stdout += d;
      if (/"url"/.test(stdout) && /\}\s*$/.test(stdout)) child.kill(signal);
    });
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code, sig) => {
      clearTimeout(timer);
      resolve({ code, sig, stdout, stderr });
    });
  });
}

test('ui: Ctrl-C ends it with 130 and E_INTERRUPTED (one JSON error under --json); SIGTERM is a clean stop (spawned)', async (t) => {
  const home = await spawned.initHome(t);
  const int = await uiStoppedBy(home, 'SIGINT');
  assert.equal(int.sig, null, 'not killed by the signal');
  assert.equal(int.code, 130);
  assert.match(JSON.parse(int.stdout).url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
  assert.equal(JSON.parse(int.stderr).error.code, 'E_INTERRUPTED');
  const term = await uiStoppedBy(home, 'SIGTERM');
  assert.equal(term.code, 0);
  assert.equal(term.stderr, '');
});

test('a value that may be a secret is never echoed: ids, choices, addresses and paths are named by position', async (t) => {
  const home = await initHome(t);
  const S = 'Tr0ub4dor&3xyz';
  for (const [args, code, message] of /** @type {Array<[string[], number, RegExp?]>} */ ([
    [['setup-token', 'revoke', S], 1, /^Not a setup token id \(argument 3\)\.$/],
    [['support', 'revoke', S], 1, /^Not a support grant id \(argument 3\)\.$/],
    [['keys', 'revoke', S], 1, /^Not a local key id \(argument 3\)\.$/],
    [['keys', 'forget', S], 1, /^Not a local key id \(argument 3\)\.$/],
    [['owner', 'sessions', 'revoke', S], 1],
    [['enroll', 'join', S], 2],
    [['enroll', 'leave', S], 2],
    [['restore', S], 2],
    [['ui', '--listen', S], 2],
    [['request-config', '--url', S, '--out', '-'], 2],
    [['setup-token', 'create', '--url', S, '--out', '-'], 2],
    [['keys', 'create', '--name', 'x', '--scope', S, '--out', '-'], 2],
    [['backup', '--out', `/nonexistent/${S}`], 2],
    [['support', 'bundle', '--logs', `/nonexistent/${S}`, '--dry-run'], 2],
    [['keys', S], 2],
    [[S], 2],
  ])) {
    const label = args.join(' ').replace(S, 'S');
    const r = await run([...args, '--json'], { home, env });
    const h = await run(args, { home, env });
    assert.equal(r.code, code, `${label}: ${r.stderr}`);
    assert.equal(h.code, code, label);
    const e = jsonError(r, label);
    if (message) assert.match(e.message, message, label);
    assert.ok(!(r.stderr + h.stderr + h.stdout).includes('Tr0ub4'), `${label}: not echoed`);
  }
});

test('a live owner session cookie on argv is named exposed with the command that ends it; a dead one only refused', async (t) => {
  const home = await homeWithOwner({ ok, initHome }, t, PW);
  const lib = await import('../../dist/index.js');
  const store = await lib.openStore({ home, live: false });
  t.after(() => store.close());
  const login = await store.ownerLogin(PW, { client: 'test' });
  const value = login.cookie.split(';')[0].split('=')[1];
  const r = await run(['owner', 'sessions', 'revoke', value, '--json'], { home, env });
  assert.equal(r.code, 2);
  const e = jsonError(r, 'cookie on argv');
  assert.equal(e.code, 'E_SECRET_IN_ARGV');
  assert.match(e.message, new RegExp(`live owner session .*${login.session.id}.*exposed.*b3iq owner sessions revoke ${login.session.id}`));
  assert.ok(!r.stderr.includes(value.slice(14)), 'never echoed');
  await ok(['owner', 'sessions', 'revoke', login.session.id], { home });
  const dead = jsonError(await run(['status', '--json', value], { home, env }), 'dead cookie');
  assert.equal(dead.code, 'E_SECRET_IN_ARGV');
  assert.doesNotMatch(dead.message, /live/);
});

test('owner passwd: the new password never comes from B3IQ_OWNER_PASSWORD, and the error does not offer that variable', async (t) => {
  const home = await homeWithOwner({ ok, initHome }, t, PW);
  const r = await run(['owner', 'passwd', '--json'], { home, env: { ...env, B3IQ_OWNER_PASSWORD: PW } });
  assert.equal(r.code, 2);
  const e = jsonError(r, 'owner passwd');
  assert.equal(e.code, 'E_NO_INPUT');
  assert.match(e.message, /new owner password/);
  assert.match(e.hint, /--password-file/);
  assert.doesNotMatch(e.hint, /B3IQ_OWNER_PASSWORD/, 'the variable holds the current password, never the new one');
  const piped = await run(['owner', 'passwd', '--json'], { home, env: { ...env, B3IQ_OWNER_PASSWORD: PW }, input: 'quartz meadow falcon 27\n' });
  assert.equal(piped.code, 0, piped.stderr);
  assert.equal(JSON.parse(piped.stdout).sessionsInvalidated, true);
});

test('setup with the token on stdin and no password source: E_NO_INPUT at once, the token kept, stdin not offered again', async (t) => {
  const home = await initHome(t);
  const st = JSON.parse((await run(['setup-token', 'create', '--out', '-', '--json'], { home, env })).stdout);
  const r = await run(['setup', '--json'], { home, env, input: st.token });
  assert.equal(r.code, 2);
  const e = jsonError(r, 'setup');
  assert.equal(e.code, 'E_NO_INPUT');
  assert.match(e.hint, /--password-file PATH, B3IQ_OWNER_PASSWORD_FILE or B3IQ_OWNER_PASSWORD/);
  assert.doesNotMatch(e.hint, /pipe it on stdin/, 'stdin already carried the token');
  assert.equal(JSON.parse((await run(['setup-token', 'list', '--json'], { home, env })).stdout)[0].state, 'live', 'nothing consumed');
});
