// keys show/list during and after a rotation: grace deadline, revoke reason, rotated
// from/to; rotate --name; verify names the missing scope.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run, ok, initHome, issueKey, tempDir } from '../helpers/cli.js';

test('rotation grace: show and list give the deadline and the link; rotate --name; revoke reason', async (t) => {
  const home = await initHome(t);
  const old = await issueKey(home, [], 'web');
  const rot = JSON.parse((await ok(['keys', 'rotate', old.id, '--grace', '1h', '--name', 'web-2', '--out', '-', '--json'], { home })).stdout);
  assert.equal(rot.name, 'web-2');
  assert.equal(rot.rotatedFrom, old.id);
  const shown = JSON.parse((await ok(['keys', 'show', old.id, '--json'], { home })).stdout);
  assert.equal(shown.state, 'live');
  assert.equal(shown.graceEndsAt, shown.revokedAt);
  assert.equal(shown.rotatedTo, rot.id);
  assert.equal(shown.revokeReason, 'rotated');
  const text = (await ok(['keys', 'show', old.id], { home })).stdout;
  assert.match(text, /^state +live until \S+ \(rotated; revoked when the grace ends\)$/m);
  assert.match(text, /^grace ends +\S+Z$/m);
  assert.match(text, new RegExp(`^rotated to +${rot.id}$`, 'm'));
  assert.doesNotMatch(text, /^state +live$/m, 'never a bare "live" beside a future revocation');
  const list = (await ok(['keys', 'list'], { home })).stdout;
  assert.match(list, new RegExp(`^${old.id} +web +inference +grace .*rotated to ${rot.id}; grace until `, 'm'));
  assert.match(list, new RegExp(`^${rot.id} +web-2 +inference +live .*rotated from ${old.id}`, 'm'));
  await ok(['keys', 'revoke', rot.id, '--reason', 'laptop lost'], { home });
  const all = (await ok(['keys', 'list', '--all'], { home })).stdout;
  assert.match(all, new RegExp(`^${rot.id} .*revoked .*reason: laptop lost`, 'm'));
  assert.match((await ok(['keys', 'show', rot.id], { home })).stdout, /^revoke reason +laptop lost$/m);
});

test('keys verify names the missing scope, in JSON and in text', async (t) => {
  const home = await initHome(t);
  const k = await issueKey(home, ['--scope', 'models:read']);
  const f = join(tempDir(), 'k');
  writeFileSync(f, k.token, { mode: 0o600 });
  const j = await run(['keys', 'verify', '--key-file', f, '--scope', 'inference', '--json'], { home });
  assert.equal(j.code, 1);
  assert.deepEqual(JSON.parse(j.stdout), { valid: false, reason: 'scope', missing: 'inference' });
  const tx = await run(['keys', 'verify', '--key-file', f, '--scope', 'inference'], { home });
  assert.equal(tx.stdout.trim(), 'invalid: scope (missing inference)');
});
