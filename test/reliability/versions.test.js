// Versions (issue 7, item 5): a newer schemaVersion is refused untouched (exit 3, byte for
// byte, by every command that reads the records); an older one (the pre-release version 0,
// docs/reliability.md) is migrated once, under the lock, with a backup of the original.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, readdirSync, statSync, symlinkSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { run, initHome, issueKey, tempDir } from '../helpers/cli.js';
import { generateToken, generateId, hashToken } from '../../dist/core/tokens.js';
import { openStore } from '../../dist/credentials/store.js';
import { loadCredentials, parseVersioned, CREDENTIALS_SCHEMA_VERSION } from '../../dist/credentials/records.js';
import { verifyAuditText } from '../../dist/home/audit.js';

function snapshot(home) {
  return Object.fromEntries(
    readdirSync(home)
      .filter((n) => n !== 'lock')
      .map((n) => [n, readFileSync(join(home, n)).toString('base64')]),
  );
}

test('a newer schemaVersion is refused by every command, exit 3, every file byte for byte', async (t) => {
  const home = await initHome(t);
  const { id, token } = await issueKey(home);
  const file = join(home, 'credentials.json');
  const doc = JSON.parse(readFileSync(file, 'utf8'));
  writeFileSync(file, JSON.stringify({ ...doc, schemaVersion: CREDENTIALS_SCHEMA_VERSION + 1, future: { shape: true } }));
  chmodSync(file, 0o600);
  const before = snapshot(home);
  const commands = [
    ['init'],
    ['status'],
    ['keys', 'list', '--all'],
    ['keys', 'show', id],
    ['keys', 'create', '--name', 'x', '--out', '-'],
    ['keys', 'revoke', id],
    ['keys', 'rotate', id, '--out', '-'],
    ['setup-token', 'create', '--out', '-'],
  ];
  for (const args of commands) {
    const r = await run([...args, '--json'], { home });
    assert.equal(r.code, 3, `${args.join(' ')}: ${r.stderr}`);
    assert.equal(JSON.parse(r.stderr).error.code, 'E_SCHEMA_NEWER', args.join(' '));
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
  }
  const v = await run(['keys', 'verify', '--json'], { home, input: token });
  assert.equal(v.code, 3, v.stderr);
  assert.deepEqual(snapshot(home), before, 'a file changed, appeared or disappeared');
  await assert.rejects(openStore({ home, live: false }), { code: 'E_SCHEMA_NEWER' });
  // node.json too.
  const node = join(home, 'node.json');
  writeFileSync(node, readFileSync(node, 'utf8').replace('"schemaVersion": 1', '"schemaVersion": 7'));
  const before2 = snapshot(home);
  const r = await run(['init', '--json'], { home });
  assert.equal(r.code, 3);
  assert.equal(JSON.parse(r.stderr).error.code, 'E_SCHEMA_NEWER');
  assert.deepEqual(snapshot(home), before2);
});

/** A version 0 (pre-release) file with a live key, a revoked one and one that expired. */
function v0File(now = Date.now()) {
  const keys = [];
  const tokens = {};
  for (const [label, extra] of /** @type {[string, object][]} */ ([
    ['live', { expires: new Date(now + 86_400_000).toISOString(), revoked: null }],
    ['revoked', { expires: null, revoked: new Date(now - 60_000).toISOString() }],
    ['expired', { expires: new Date(now - 1_000).toISOString(), revoked: null }],
  ])) {
    const token = generateToken('local');
    const id = generateId('local');
    tokens[label] = { id, token };
    keys.push({
      id,
      kind: 'local',
      name: `old-${label}`,
      scopes: ['inference'],
      sha256: hashToken(token),
      created: new Date(now - 3_600_000).toISOString(),
      ...extra,
    });
  }
  return { text: JSON.stringify({ schemaVersion: 0, keys }, null, 2) + '\n', tokens };
}

test('a version 0 file is migrated once with a byte-identical 0600 backup; credentials keep working', async (t) => {
  const home = await initHome(t);
  const file = join(home, 'credentials.json');
  const { text, tokens } = v0File();
  writeFileSync(file, text, { mode: 0o600 });
  const r = await run(['keys', 'list', '--all', '--json'], { home });
  assert.equal(r.code, 0, r.stderr);
  const listed = Object.fromEntries(JSON.parse(r.stdout).map((c) => [c.id, c.state]));
  assert.deepEqual(listed, { [tokens.live.id]: 'live', [tokens.revoked.id]: 'revoked', [tokens.expired.id]: 'expired' });
  const bak = join(home, 'credentials.json.v0.bak');
  assert.equal(readFileSync(bak, 'utf8'), text, 'the backup is the original, byte for byte');
  assert.equal(statSync(bak).mode & 0o777, 0o600);
  const migrated = JSON.parse(readFileSync(file, 'utf8'));
  assert.equal(migrated.schemaVersion, CREDENTIALS_SCHEMA_VERSION);
  assert.ok(!JSON.stringify(migrated).includes(tokens.live.token));
  for (const [label, want] of [
    ['live', 0],
    ['revoked', 1],
    ['expired', 1],
  ]) {
    const v = await run(['keys', 'verify', '--json'], { home, input: tokens[label].token });
    assert.equal(v.code, want, `${label}: ${v.stdout}${v.stderr}`);
  }
  const audit = readFileSync(join(home, 'audit.log'), 'utf8');
  assert.equal(audit.match(/"action":"records\.migrate"/g)?.length, 1);
  assert.ok(verifyAuditText(audit).ok);
  // Once only: a second run does not touch the backup or migrate again.
  const bakStat = statSync(bak);
  await issueKey(home);
  assert.equal(statSync(bak).mtimeMs, bakStat.mtimeMs);
  assert.equal(readFileSync(join(home, 'audit.log'), 'utf8').match(/"action":"records\.migrate"/g)?.length, 1);
});

test('migration refuses a symlink at the backup name and leaves the original untouched', async (t) => {
  const home = await initHome(t);
  const file = join(home, 'credentials.json');
  const { text } = v0File();
  writeFileSync(file, text, { mode: 0o600 });
  const target = join(tempDir(), 'target');
  writeFileSync(target, 'untouched');
  symlinkSync(target, join(home, 'credentials.json.v0.bak'));
  const r = await run(['keys', 'list', '--json'], { home });
  assert.equal(r.code, 3, r.stderr);
  assert.equal(JSON.parse(r.stderr).error.code, 'E_SYMLINK');
  assert.equal(readFileSync(file, 'utf8'), text);
  assert.equal(readFileSync(target, 'utf8'), 'untouched');
});

test('loader: malformed old files, versions below 0 and non-integers are corrupt, not crashes', () => {
  const bad = [
    { schemaVersion: 0 },
    { schemaVersion: 0, keys: {} },
    { schemaVersion: 0, keys: [null] },
    { schemaVersion: 0, keys: [{ id: 'lk_x' }] },
    { schemaVersion: -1, credentials: [] },
    { schemaVersion: 0.5, credentials: [] },
    { schemaVersion: '1', credentials: [] },
  ];
  for (const doc of bad) {
    assert.throws(() => loadCredentials('credentials.json', Buffer.from(JSON.stringify(doc))), { code: 'E_CORRUPT' }, JSON.stringify(doc));
  }
  // node.json has no migrations: version 0 is not accepted there.
  assert.throws(() => parseVersioned('node.json', Buffer.from('{"schemaVersion":0}'), 1), { code: 'E_CORRUPT' });
  // An empty version 0 file migrates to an empty version 1 document.
  const { doc, from } = loadCredentials('credentials.json', Buffer.from('{"schemaVersion":0,"keys":[]}'));
  assert.equal(from, 0);
  assert.deepEqual(doc.credentials, []);
  assert.equal(doc.schemaVersion, CREDENTIALS_SCHEMA_VERSION);
});
