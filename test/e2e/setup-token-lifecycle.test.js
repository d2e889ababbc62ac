// Setup tokens' whole life through the real binary: list, revoke, refused once revoked,
// judged against the records as they are when the token arrives, never left live by a failure.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { run, ok, initHome, BIN, baseEnv } from '../helpers/cli.js';
import { secretFile } from '../helpers/owner-home.js';

const PW = 'lantern orchid basalt 91';
const PW2 = 'tundra-copper-violin-58';

async function newToken(home) {
  const doc = JSON.parse((await ok(['setup-token', 'create', '--out', '-', '--json'], { home })).stdout);
  return { id: doc.id, token: doc.token };
}

function sh(script, env) {
  return new Promise((resolve) => {
    const child = spawn('bash', ['-c', script], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const liveSetupIds = async (home) => JSON.parse((await ok(['setup-token', 'list', '--json'], { home })).stdout).map((c) => c.id);

test('setup-token list shows live tokens; revoke ID makes setup refuse it with exit 1', async (t) => {
  const home = await initHome(t);
  const a = await newToken(home);
  const b = await newToken(home);
  assert.deepEqual((await liveSetupIds(home)).sort(), [a.id, b.id].sort());
  const listed = JSON.parse((await ok(['setup-token', 'list', '--json'], { home })).stdout)[0];
  assert.deepEqual(
    Object.keys(listed).sort(),
    ['createdAt', 'expiresAt', 'id', 'kind', 'name', 'revokedAt', 'scopes', 'state'],
    'the credential shape, no hash, no token',
  );
  const rv = await ok(['setup-token', 'revoke', a.id, '--reason', 'pasted in chat', '--json'], { home });
  assert.equal(JSON.parse(rv.stdout)[0].state, 'revoked');
  assert.deepEqual(await liveSetupIds(home), [b.id]);
  const all = JSON.parse((await ok(['setup-token', 'list', '--all', '--json'], { home })).stdout);
  assert.equal(all.find((c) => c.id === a.id).revokeReason, 'pasted in chat');
  const r = await run(['setup', '--password-file', secretFile(PW)], { home, input: a.token + '\n' });
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /E_INVALID_TOKEN.*revoked/);
  assert.ok(!r.stderr.includes(a.token));
});

test('setup-token revoke --all; an id of another kind is named with its own revoke command', async (t) => {
  const home = await initHome(t);
  await newToken(home);
  await newToken(home);
  const r = await ok(['setup-token', 'revoke', '--all', '--json'], { home });
  assert.equal(JSON.parse(r.stdout).length, 2);
  assert.deepEqual(await liveSetupIds(home), []);
  const { id } = await newToken(home);
  const wrong = await run(['keys', 'revoke', id], { home });
  assert.equal(wrong.code, 1);
  assert.match(wrong.stderr, new RegExp(`b3iq setup-token revoke ${id}`));
  const wrong2 = await run(['support', 'revoke', id], { home });
  assert.match(wrong2.stderr, new RegExp(`b3iq setup-token revoke ${id}`));
  const nothing = await run(['setup-token', 'revoke'], { home });
  assert.equal(nothing.code, 2);
});

test('the argv guard names setup-token revoke for a live setup token pasted as an argument', async (t) => {
  const home = await initHome(t);
  const { id, token } = await newToken(home);
  const r = await run(['setup', token], { home });
  assert.equal(r.code, 2);
  assert.match(r.stderr, new RegExp(`b3iq setup-token revoke ${id}`));
  assert.doesNotMatch(r.stderr, /keys revoke/);
  assert.ok(!r.stderr.includes(token));
});

test('setup-token create --out - -q | b3iq recover --password-file pw: the token is judged when it arrives', async (t) => {
  const home = await initHome(t);
  const first = await newToken(home);
  await ok(['setup', '--password-file', secretFile(PW)], { home, input: first.token + '\n' });
  const pw = secretFile(PW2 + '\n');
  const b3iq = `"${process.execPath}" "${BIN}"`;
  for (let i = 0; i < 3; i++) {
    const r = await sh(`${b3iq} setup-token create --out - -q | ${b3iq} recover --password-file "${pw}"`, baseEnv(home));
    assert.equal(r.code, 0, `try ${i + 1}: ${r.stderr}`);
  }
  // The token made after recover has read the records (as when it is pasted from another
  // terminal): recover judges it when it arrives, not against what it read at start.
  const late = await sh(`(sleep 1; ${b3iq} setup-token create --out - -q) | ${b3iq} recover --password-file "${pw}"`, baseEnv(home));
  assert.equal(late.code, 0, late.stderr);
  assert.deepEqual(await liveSetupIds(home), [], 'every token used');
});

test('a refused password consumes nothing, and says which setup token is still live and how to end it', async (t) => {
  const home = await initHome(t);
  const first = await newToken(home);
  await ok(['setup', '--password-file', secretFile(PW)], { home, input: first.token + '\n' });
  const { id, token } = await newToken(home);
  const r = await run(['recover', '--password-file', secretFile('short')], { home, input: token + '\n' });
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /E_WEAK_PASSWORD/);
  assert.match(r.stderr, new RegExp(`setup token ${id} is still live .*b3iq setup-token revoke ${id}`));
  await ok(['setup-token', 'revoke', id], { home });
  assert.deepEqual(await liveSetupIds(home), []);
});
