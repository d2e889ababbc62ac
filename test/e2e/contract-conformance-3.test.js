// The second conformance pass, continued (see contract-conformance-2.test.js): enrollment,
// the UI's refusals, no hang without input, no secret from argv on the newer commands, the
// environment, B3IQ_DEBUG and the library's face.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run, initHome, issueKey, tempDir, tempHome } from '../harness/index.js';
import * as spawned from '../helpers/cli.js';
import { homeWithOwner } from '../helpers/owner-home.js';

const env = { B3IQ_KEYCHAIN: 'off' };
const PW = 'lantern orchid basalt 91';

function jsonError(r, label) {
  assert.equal(r.stdout, '', `${label}: nothing on stdout`);
  const doc = JSON.parse(r.stderr);
  assert.match(doc.error.code, /^E_[A-Z_]+$/, label);
  return doc.error;
}

/** The harness's run() that asserts the exit code (homeWithOwner's driver). */
async function ok(args, opts = {}, expected = 0) {
  const r = await run(args, { ...opts, env: { ...env, ...opts.env } });
  assert.equal(r.code, expected, `${args.join(' ')}: ${r.stderr}`);
  return r;
}

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
  for (const [args, e, code, ecode, message] of [
    [['enroll', 'join', 'managed'], pw(PW), 2, 'E_NO_INPUT'],
    [['enroll', 'join', 'managed', '--yes'], env, 2, 'E_NO_INPUT'],
    [['enroll', 'join', 'managed', '--yes'], pw('quartz meadow falcon 27'), 1, 'E_WRONG_PASSWORD'],
    [['enroll', 'join', 'network', '--yes'], pw(PW), 2, 'E_NO_GATEWAY_KEY'],
    [['enroll', 'join', 'bogus', '--yes'], pw(PW), 2, 'E_USAGE'],
    [['enroll', 'join'], pw(PW), 2, 'E_USAGE'],
    [['enroll', 'leave'], env, 2, 'E_USAGE'],
    [['enroll', 'leave', 'managed', '--all'], env, 2, 'E_USAGE', /not both/],
  ]) {
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
  for (const [args, ecode] of [
    [['ui', '--listen', '0.0.0.0'], 'E_USAGE'],
    [['ui', '--listen', '10.1.2.3', '--port', '0'], 'E_USAGE'],
    [['ui', '--port', '70000'], 'E_USAGE'],
    [['ui', '--port', 'http'], 'E_USAGE'],
    [['ui', '--tls-cert', junk], 'E_USAGE'],
    [['ui', '--listen', '0.0.0.0', '--tls-cert', junk, '--tls-key', junk], 'E_BAD_INPUT'],
    [['ui', '--tls-cert', join(tempDir(), 'absent'), '--tls-key', junk], 'E_USAGE'],
  ]) {
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
  for (const [args, live, help] of [
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
  ]) {
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
