// Saved copies of local keys live exactly as long as the key: revoke, a rotation's grace
// ending and `keys forget` remove them from the real keyring (gnome-keyring via keytar).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { run, ok, initHome } from '../helpers/cli.js';

const inSession = Boolean(process.env.DBUS_SESSION_BUS_ADDRESS);
const skip = inSession ? false : 'needs a D-Bus session with a Secret Service: run test/keychain/run-in-session.sh';
const sessionEnv = (extra = {}) => ({
  DBUS_SESSION_BUS_ADDRESS: process.env.DBUS_SESSION_BUS_ADDRESS,
  XDG_RUNTIME_DIR: process.env.XDG_RUNTIME_DIR ?? '',
  B3IQ_KEYCHAIN_TIMEOUT_MS: '10000',
  ...extra,
});
const nodeIdOf = (home) => JSON.parse(readFileSync(join(home, 'node.json'), 'utf8')).nodeId;

function lookup(home, id) {
  const r = spawnSync('secret-tool', ['lookup', 'service', 'b3iq', 'account', `${nodeIdOf(home)}/local-key:${id}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.replace(/\n$/, '') : undefined;
}

async function saved(home, name = 'kc') {
  const r = await ok(['keys', 'create', '--name', name, '--save', 'keychain', '--json'], { home, env: sessionEnv() });
  // --json: stderr is one JSON document or nothing; where the key went is stdout's "saved".
  assert.equal(r.stderr, '');
  const { id, saved: where } = JSON.parse(r.stdout);
  assert.equal(where.backend, 'keytar');
  assert.match(lookup(home, id) ?? '', /^b3iq_local_/);
  return id;
}

test('keys revoke removes the saved copy from the keyring', { skip }, async (t) => {
  const home = await initHome(t);
  const id = await saved(home);
  const r = await ok(['keys', 'revoke', id], { home, env: sessionEnv() });
  assert.match(r.stderr, new RegExp(`Removed the saved copy of ${id} from the OS keychain`));
  assert.equal(lookup(home, id), undefined, 'gone from gnome-keyring');
});

test("a rotation's grace ending removes the old key's saved copy (at the next keys command)", { skip }, async (t) => {
  const home = await initHome(t);
  const id = await saved(home);
  await ok(['keys', 'rotate', id, '--grace', '2s', '--out', '-'], { home, env: sessionEnv() });
  assert.match(lookup(home, id) ?? '', /^b3iq_local_/, 'kept during the grace');
  await new Promise((r) => setTimeout(r, 2500));
  const r = await ok(['keys', 'create', '--name', 'other', '--out', '-'], { home, env: sessionEnv() });
  assert.match(r.stderr, new RegExp(`Removed the saved copy of ${id} \\(no longer live\\) from the OS keychain`));
  assert.equal(lookup(home, id), undefined);
});

test('keys forget removes the saved copy and leaves the key live', { skip }, async (t) => {
  const home = await initHome(t);
  const id = await saved(home);
  const r = await ok(['keys', 'forget', id, '--json'], { home, env: sessionEnv() });
  assert.deepEqual(JSON.parse(r.stdout), [{ id, removed: true, keychain: true, file: null }]);
  assert.equal(lookup(home, id), undefined);
  assert.equal(JSON.parse((await ok(['keys', 'show', id, '--json'], { home })).stdout).state, 'live');
  const again = await run(['keys', 'forget', id], { home, env: sessionEnv() });
  assert.equal(again.code, 0);
  assert.match(again.stderr, /No saved copy/);
});
