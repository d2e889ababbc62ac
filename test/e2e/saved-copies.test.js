// --save keychain without an OS keychain: the message names the 0600 file; revoke and
// keys forget remove it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ok, initHome } from '../helpers/cli.js';

const env = { B3IQ_KEYCHAIN: 'off' };

async function saved(home) {
  const r = await ok(['keys', 'create', '--name', 'kc', '--save', 'keychain', '--json'], { home, env });
  const doc = JSON.parse(r.stdout);
  const file = join(home, 'keychain', `local-key.${doc.id}.json`);
  return { id: doc.id, file, r, doc };
}

test('--save keychain with B3IQ_KEYCHAIN=off says the key went to a 0600 file, with its path', async (t) => {
  const home = await initHome(t);
  const { file, r, doc } = await saved(home);
  // --json: stderr is one JSON document or nothing; where the key went is in stdout's "saved".
  assert.equal(r.stderr, '');
  const human = await ok(['keys', 'create', '--name', 'kc2', '--save', 'keychain'], { home, env });
  assert.doesNotMatch(human.stderr, /is in the keychain/);
  assert.match(human.stderr, /is in a 0600 file, \S+local-key\.lk_\w+\.json, not an OS keychain \(B3IQ_KEYCHAIN=off\)/);
  assert.deepEqual(doc.saved, { backend: 'file', file, reason: 'B3IQ_KEYCHAIN=off' });
  assert.equal(statSync(file).mode & 0o777, 0o600);
  assert.equal(doc.savedCopy, true);
});

test('keys revoke removes the 0600 fallback copy; keys forget removes one without revoking', async (t) => {
  const home = await initHome(t);
  const a = await saved(home);
  const r = await ok(['keys', 'revoke', a.id], { home, env });
  assert.ok(r.stderr.includes(`Removed the saved copy of ${a.id} from ${a.file}`), r.stderr);
  assert.equal(existsSync(a.file), false);
  const b = await saved(home);
  const f = await ok(['keys', 'forget', b.id, '--json'], { home, env });
  assert.deepEqual(JSON.parse(f.stdout), [{ id: b.id, removed: true, keychain: false, file: b.file }]);
  assert.equal(existsSync(b.file), false);
  const shown = JSON.parse((await ok(['keys', 'show', b.id, '--json'], { home })).stdout);
  assert.equal(shown.state, 'live');
  assert.equal(shown.savedCopy, undefined);
});
