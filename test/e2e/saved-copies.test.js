// --save keychain without an OS keychain: the message names the 0600 file; revoke and
// keys forget remove it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ok, initHome, run } from '../helpers/cli.js';

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

test('scan --revoke removes the saved copy of the exposed key it revokes', async (t) => {
  const home = await initHome(t);
  const a = await saved(home);
  const token = /b3iq_local_\w+/.exec(readFileSync(a.file, 'utf8'))?.[0];
  assert.ok(token);
  const dir = mkdtempSync(join(tmpdir(), 'b3iq-exposed-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, '.env'), `B3IQ_KEY=${token}\n`);
  const r = await run(['scan', '--revoke', dir], { home, env });
  assert.equal(r.code, 1, r.stderr);
  assert.ok(r.stderr.includes(`Removed the saved copy of ${a.id}`), r.stderr);
  assert.equal(existsSync(a.file), false);
  assert.ok(!r.stdout.includes(token) && !r.stderr.includes(token));
});
