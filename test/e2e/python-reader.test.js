// An independent reader (test/reader/b3iq_reader.py, Python standard library only, written
// from docs/records.md) must agree with `b3iq keys verify --json` / `b3iq support verify
// --json` on every case: valid, scope, revoked, expired, rotated, wrong kind, malformed,
// unknown, invalid-record, clock-behind, changes in the journal, and a home that fails
// closed. Skipped (with the install line) where python3 is missing, except under CI.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, readdirSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { run, ok, initHome, issueKey, ROOT } from '../helpers/cli.js';
import { openStore } from '../../dist/credentials/store.js';
import { generateToken } from '../../dist/core/tokens.js';

const READER = join(ROOT, 'test', 'reader', 'b3iq_reader.py');
const hasPython = spawnSync('python3', ['--version']).status === 0;
const skip = hasPython || process.env.CI ? false : 'python3 missing (apt-get install python3)';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function python(home, kind, scope, token) {
  const r = spawnSync('python3', [READER, home, kind, ...(scope ? [scope] : [])], { input: token + '\n', encoding: 'utf8' });
  return { code: r.status, doc: r.status === 3 ? JSON.parse(r.stderr).error.code : JSON.parse(r.stdout) };
}

async function b3iq(home, kind, scope, token) {
  const cmd = kind === 'local' ? 'keys' : 'support';
  const env = { [kind === 'local' ? 'B3IQ_LOCAL_KEY' : 'B3IQ_SUPPORT_TOKEN']: token };
  const r = await run([cmd, 'verify', '--json', ...(scope ? ['--scope', scope] : [])], { home, env });
  return { code: r.code, doc: r.code === 3 ? JSON.parse(r.stderr).error.code : JSON.parse(r.stdout) };
}

test('the Python reader agrees with b3iq verify on every case', { skip, timeout: 120_000 }, async (t) => {
  const home = await initHome(t);
  const k = await issueKey(home, ['--scope', 'inference', '--scope', 'models:read'], 'k');
  const short = await issueKey(home, ['--expires', '2s'], 'short');
  const later = await issueKey(home, ['--expires', '30d'], 'later');
  const g = JSON.parse((await ok(['support', 'grant', '--ttl', '4h', '--scope', 'logs:read', '--out', '-', '--json'], { home })).stdout);
  const gShort = JSON.parse((await ok(['support', 'grant', '--ttl', '2s', '--out', '-', '--json'], { home })).stdout);
  // Changes in the journal, as in a large home: a revoke, a rotation, a bad edit.
  const store = await openStore({ home, live: false, journal: { compactBelowBytes: 0, maxJournalBytes: 1 << 20 } });
  const gone = await store.issueLocalKey({ name: 'gone' });
  await store.revoke(gone.id);
  const rotated = await store.issueLocalKey({ name: 'rot' });
  const successor = await store.rotate(rotated.id, { graceMs: 3_600_000 });
  const edited = await store.issueLocalKey({ name: 'edited' });
  await store.mutate((doc) => void doc.credentials.find((c) => c.id === edited.id).scopes.push('keys:write'));
  const viaJournal = await store.issueLocalKey({ name: 'journal' });
  const child = await store.issueChild(k.id, { ttl: 600_000, scopes: ['inference'] });
  const doomed = await store.issueLocalKey({ name: 'doomed' });
  const orphan = await store.issueChild(doomed.id, { ttl: 600_000 });
  await store.revoke(doomed.id);
  store.close();
  assert.ok(
    readFileSync(
      join(
        home,
        readdirSync(home).find((n) => n.endsWith('.journal')),
      ),
      'utf8',
    ).includes(viaJournal.id),
  );
  await sleep(2_500);

  const cases = [
    ['local', null, k.token, 'valid'],
    ['local', 'inference', k.token, 'valid with scope'],
    ['local', 'usage:read', k.token, 'scope'],
    ['local', null, short.token, 'expired'],
    ['local', null, later.token, 'valid, expiring'],
    ['local', null, gone.token, 'revoked (journal)'],
    ['local', null, rotated.token, 'rotated, in grace'],
    ['local', null, successor.token, 'successor'],
    ['local', null, edited.token, 'invalid-record'],
    ['local', null, viaJournal.token, 'issued in the journal'],
    ['local', null, g.token, 'wrong kind'],
    ['local', null, k.token.slice(0, -1) + (k.token.endsWith('A') ? 'B' : 'A'), 'bad checksum'],
    ['local', null, 'not-a-token', 'malformed'],
    ['local', null, generateToken('local'), 'unknown'],
    ['local', null, 'b3iq_local_' + 'x'.repeat(200), 'too long'],
    ['local', 'inference', child.token, 'a child credential'],
    ['local', 'models:read', child.token, 'a child lacks a scope its parent has'],
    ['local', null, orphan.token, 'a child of a revoked parent'],
    ['support', null, g.token, 'grant valid'],
    ['support', 'logs:read', g.token, 'grant with scope'],
    ['support', 'health:read', g.token, 'grant scope'],
    ['support', null, gShort.token, 'grant expired'],
    ['support', null, k.token, 'key as a grant'],
    ['support', null, generateToken('support'), 'grant unknown'],
  ];
  const check = async (label) => {
    for (const [kind, scope, token, name] of cases) {
      const want = await b3iq(home, kind, scope, token);
      const got = python(home, kind, scope, token);
      assert.deepEqual(got, want, `${label}: ${name}`);
    }
  };
  await check('as issued');
  const reasons = new Set();
  for (const [kind, scope, token] of cases) reasons.add((await b3iq(home, kind, scope, token)).doc.reason ?? 'valid');
  assert.deepEqual(
    [...reasons].sort(),
    ['expired', 'invalid-record', 'malformed', 'revoked', 'scope', 'unknown', 'valid', 'wrong-kind'],
    'the cases cover every reason',
  );

  // A clock mark 10 minutes ahead: expiring credentials fail closed in both.
  const mark = join(home, 'clock.json');
  const saved = readFileSync(mark, 'utf8');
  writeFileSync(mark, JSON.stringify({ schemaVersion: 1, mark: new Date(Date.now() + 600_000).toISOString() }), { mode: 0o600 });
  for (const [kind, scope, token, name] of [
    ['local', null, later.token, 'clock-behind key'],
    ['support', null, g.token, 'clock-behind grant'],
    ['local', null, k.token, 'never-expiring key'],
  ]) {
    const want = await b3iq(home, kind, scope, token);
    assert.deepEqual(python(home, kind, scope, token), want, name);
  }
  assert.equal((await b3iq(home, 'local', null, later.token)).doc.reason, 'clock-behind');
  writeFileSync(mark, saved, { mode: 0o600 });

  // The journal removed: both fail closed.
  unlinkSync(
    join(
      home,
      readdirSync(home).find((n) => n.endsWith('.journal')),
    ),
  );
  const want = await b3iq(home, 'local', null, gone.token);
  assert.deepEqual(want, { code: 3, doc: 'E_CORRUPT' });
  assert.deepEqual(python(home, 'local', null, gone.token), want);
});
