// b3iq backup / restore (issue: integrity, item 5): a consistent copy of the whole home,
// written exclusively 0600, checked by restore --dry-run, restored into an empty or
// --force'd home with every invariant and anchor checked first; a damaged or altered
// backup is refused with exit 3 (E_CORRUPT) and nothing changes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, statSync, existsSync, readdirSync, mkdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { run, ok, initHome, issueKey, tempDir, tempHome } from '../helpers/cli.js';
import { openStore } from '../../dist/credentials/store.js';

const PW = 'lantern orchid basalt 91';
const errCode = (r) => JSON.parse(r.stderr).error.code;

/** A home with keys (one revoked), a grant, an owner, and changes in the journal. */
async function fullHome(t) {
  const home = await initHome(t);
  const setupTok = JSON.parse((await ok(['setup-token', 'create', '--out', '-', '--json'], { home })).stdout).token;
  await ok(['setup'], { home, env: { B3IQ_OWNER_PASSWORD: PW }, input: setupTok });
  const a = await issueKey(home, [], 'a');
  const b = await issueKey(home, ['--expires', '30d'], 'b');
  const g = JSON.parse((await ok(['support', 'grant', '--ttl', '4h', '--out', '-', '--json'], { home })).stdout);
  const store = await openStore({ home, live: false, journal: { compactBelowBytes: 0, maxJournalBytes: 1 << 20 } });
  await store.revoke(a.id, { reason: 'rotated out' });
  const c = await store.issueLocalKey({ name: 'c' });
  store.close();
  const journal = readdirSync(home).find((n) => n.endsWith('.journal'));
  assert.ok(readFileSync(join(home, journal), 'utf8').length > 0, 'changes in the journal');
  return { home, a, b, c, g };
}

const verify = async (home, kind, token) =>
  JSON.parse((await run([kind, 'verify', '--json'], { home, env: { [kind === 'keys' ? 'B3IQ_LOCAL_KEY' : 'B3IQ_SUPPORT_TOKEN']: token } })).stdout);

test('round trip: keys, a grant, an owner and a journal come back exactly; the file is 0600 and says what it leaves out', async (t) => {
  const { home, a, b, c, g } = await fullHome(t);
  const file = join(tempDir(), 'home.backup');
  const r = await ok(['backup', '--out', file, '--json'], { home });
  const doc = JSON.parse(r.stdout);
  assert.equal(statSync(file).mode & 0o777, 0o600);
  assert.ok(doc.files.some((f) => f.name.endsWith('.journal')) && doc.files.some((f) => f.name === 'owner.json'));
  assert.ok(doc.excluded.some((e) => /keychain/.test(e)));
  const raw = readFileSync(file, 'utf8');
  for (const tok of [a.token, b.token, c.token, g.token]) assert.ok(!raw.includes(tok), 'a token in the backup');
  // Refuses to overwrite.
  assert.equal((await run(['backup', '--out', file], { home })).code, 2);

  const dry = await ok(['restore', file, '--dry-run', '--json'], { home: tempHome(t) });
  assert.equal(JSON.parse(dry.stdout).restored, false);
  const target = tempHome(t);
  await ok(['restore', file], { home: target });
  assert.deepEqual(await verify(target, 'keys', a.token), { valid: false, reason: 'revoked' });
  assert.equal((await verify(target, 'keys', b.token)).valid, true);
  assert.equal((await verify(target, 'keys', c.token)).valid, true);
  assert.equal((await verify(target, 'support', g.token)).valid, true);
  const status = JSON.parse((await ok(['status', '--json'], { home: target })).stdout);
  assert.equal(status.owner.exists, true);
  assert.equal(status.nodeId, JSON.parse((await ok(['status', '--json'], { home })).stdout).nodeId);
  assert.equal((await run(['audit', '--verify'], { home: target })).code, 0);
  const dr = await run(['doctor', '--json'], { home: target });
  for (const id of ['records', 'audit', 'anchors', 'issuance', 'invariants'])
    assert.equal(JSON.parse(dr.stdout).checks.find((x) => x.id === id).status, 'pass', id);
  // Writes work on the restored home, and their anchors hold.
  await issueKey(target, [], 'after');
  assert.equal((await run(['audit', '--verify'], { home: target })).code, 0);
});

test('an existing home is replaced only with --force, and moved aside rather than deleted', async (t) => {
  const { home } = await fullHome(t);
  const file = join(tempDir(), 'b');
  await ok(['backup', '--out', file], { home });
  const other = await initHome(t);
  const k = await issueKey(other, [], 'other');
  const r = await run(['restore', file, '--json'], { home: other });
  assert.equal(r.code, 2);
  assert.equal((await verify(other, 'keys', k.token)).valid, true, 'the home was changed without --force');
  const f = JSON.parse((await ok(['restore', file, '--force', '--json'], { home: other })).stdout);
  assert.ok(f.previousHome && existsSync(join(f.previousHome, 'credentials.json')));
  assert.equal((await verify(other, 'keys', k.token)).reason, 'unknown');
  // An empty folder is fine without --force.
  const empty = join(tempDir(), 'empty');
  mkdirSync(empty, { mode: 0o700 });
  await ok(['restore', file], { home: empty });
});

test('a damaged or altered backup is refused (exit 3, E_CORRUPT) and nothing changes', async (t) => {
  const { home, a } = await fullHome(t);
  const file = join(tempDir(), 'b');
  await ok(['backup', '--out', file], { home });
  const doc = JSON.parse(readFileSync(file, 'utf8'));
  const sha = (b) => createHash('sha256').update(b).digest('hex');
  const digest = (files) => sha(files.map((f) => `${f.name}\n${f.bytes}\n${f.sha256}\n`).join(''));
  const variants = {
    // A byte changed, hashes left alone.
    'bit flip': (d) => {
      const f = d.files.find((x) => x.name === 'credentials.json');
      const buf = Buffer.from(f.data, 'base64');
      buf[buf.length - 5] ^= 1;
      f.data = buf.toString('base64');
    },
    // The revoke undone in the journal, every hash recomputed: the records fall behind the audit log.
    'un-revoked, hashes recomputed': (d) => {
      const f = d.files.find((x) => x.name.endsWith('.journal'));
      f.data = Buffer.from('').toString('base64');
      f.bytes = 0;
      f.sha256 = sha(Buffer.alloc(0));
      d.digest = digest(d.files);
    },
    // The audit log's last lines cut, hashes recomputed: the anchors no longer hold.
    'audit cut, hashes recomputed': (d) => {
      const f = d.files.find((x) => x.name === 'audit.log');
      const lines = Buffer.from(f.data, 'base64').toString('utf8').split('\n').filter(Boolean);
      const buf = Buffer.from(lines.slice(0, -2).join('\n') + '\n');
      Object.assign(f, { data: buf.toString('base64'), bytes: buf.length, sha256: sha(buf) });
      d.digest = digest(d.files);
    },
    'a file missing': (d) => {
      d.files = d.files.filter((x) => x.name !== 'node.json');
      d.digest = digest(d.files);
    },
    'a path outside the home': (d) => {
      d.files[0].name = '../escape';
      d.digest = digest(d.files);
    },
    'not JSON': null,
  };
  for (const [label, spoil] of Object.entries(variants)) {
    const bad = join(tempDir(), 'bad');
    if (spoil === null) writeFileSync(bad, 'garbage');
    else {
      const d = structuredClone(doc);
      spoil(d);
      writeFileSync(bad, JSON.stringify(d));
    }
    for (const extra of [['--dry-run'], []]) {
      const target = tempHome(t);
      const r = await run(['restore', bad, ...extra, '--json'], { home: target });
      assert.equal(r.code, 3, `${label} ${extra}: ${r.stderr}`);
      assert.equal(errCode(r), 'E_CORRUPT', label);
      assert.equal(existsSync(target), false, `${label}: something was restored`);
    }
  }
  assert.deepEqual(await verify(home, 'keys', a.token), { valid: false, reason: 'revoked' });
});
