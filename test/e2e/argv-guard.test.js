// The argv guard: refused before commander parses, exit 2, the value never echoed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { run, initHome, issueKey } from '../harness/index.js';
import { generateToken } from '../../dist/core/tokens.js';

function assertNowhere(r, secret) {
  const body = secret.slice(secret.lastIndexOf('_') + 1);
  for (const text of [r.stdout, r.stderr]) {
    assert.ok(!text.includes(secret), 'the value must not be echoed');
    for (let i = 0; i + 6 <= body.length; i += 3) assert.ok(!text.includes(body.slice(i, i + 6)), 'not even partly');
  }
}

test('credential-shaped arguments are refused anywhere, in every form', async (t) => {
  const home = await initHome(t);
  const token = generateToken('support');
  for (const args of [
    ['keys', 'show', token],
    ['keys', 'list', '--', token],
    ['keys', 'create', `--name=${token}`],
    ['keys', 'create', '--name', `prefix-${token}`],
    ['--json', 'keys', 'revoke', token],
    [token],
    ['keys', 'verify', '--key-file', token],
  ]) {
    const r = await run(args, { home });
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.stderr, /E_SECRET_IN_ARGV/);
    assert.equal(r.stdout, '');
    assertNowhere(r, token);
  }
});

test('--token=, --password=, --key=, --secret= style flags are refused without echoing the value', async (t) => {
  const home = await initHome(t);
  const value = 'hunter2-Secret-Value-XYZ';
  for (const args of [
    ['keys', 'verify', `--token=${value}`],
    ['keys', 'verify', '--password', value],
    ['keys', 'verify', `--key=${value}`],
    ['keys', 'verify', `--secret=${value}`],
    ['keys', 'verify', '--', `--api-key=${value}`],
  ]) {
    const r = await run(args, { home });
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.stderr, /E_SECRET_IN_ARGV/);
    assert.ok(!r.stderr.includes(value) && !r.stdout.includes(value));
    assert.ok(!r.stderr.includes('hunter2'));
  }
  // unknown flags with values are not echoed by commander either
  const r = await run(['keys', 'list', `--bogus=${value}`], { home });
  assert.equal(r.code, 2);
  assert.ok(!r.stderr.includes('hunter2'));
});

test('a live credential of this node is called exposed, with the exact rotate/revoke command', async (t) => {
  const home = await initHome(t);
  const k = await issueKey(home);
  const r = await run(['keys', 'show', k.token], { home });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /treat it as exposed/);
  assert.ok(r.stderr.includes(`b3iq keys rotate ${k.id}`));
  assert.ok(r.stderr.includes(`b3iq keys revoke ${k.id}`));
  assertNowhere(r, k.token);
  assert.ok(r.stderr.trim().split('\n').length <= 2);
  // --json: a JSON error on stderr
  const j = await run(['--json', 'keys', 'show', k.token], { home });
  assert.equal(JSON.parse(j.stderr).error.code, 'E_SECRET_IN_ARGV');
  // a revoked one is not "live"
  await run(['keys', 'revoke', k.id], { home });
  const r2 = await run(['keys', 'show', k.token], { home });
  assert.doesNotMatch(r2.stderr, /exposed/);
});

test('secret-looking flag names in any spelling are refused; usage errors never echo a value', async (t) => {
  const home = await initHome(t);
  const value = 'hunter2Zx9Prod';
  for (const flag of ['--client_secret', '--auth_token', '--gateway_api_key', '--owner.password', '--db-password', '--PGPASSWORD', '--mytoken']) {
    for (const args of [
      ['init', `${flag}=${value}`],
      ['init', `${flag}:${value}`],
      ['init', flag, value],
    ]) {
      const r = await run(args, { home });
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, /E_SECRET_IN_ARGV/, args.join(' '));
      assert.ok(!r.stderr.includes(value));
    }
  }
  for (const args of [
    ['init', `--foo=a'${value}`],
    [`P4ss-${value}`],
    ['keys', 'verify', '--scope', value],
    ['completion', value],
    ['--json', 'keys', 'list', `--bogus=${value}`],
  ]) {
    const r = await run(args, { home });
    assert.equal(r.code, 2, args.join(' '));
    assert.ok(!r.stderr.includes(value) && !r.stdout.includes(value), `${args.join(' ')}: ${r.stderr}`);
  }
  // the real --*-file flags and --key ID still work
  assert.equal((await run(['keys', 'verify', '--key-file', '/nonexistent'], { home })).code, 2);
  const r = await run(['keys', 'verify', '--key-file', '/nonexistent'], { home });
  assert.doesNotMatch(r.stderr, /E_SECRET_IN_ARGV/);
});
