// The credentials journal (schemaVersion 2): format, checksums, torn tails, compaction,
// incremental live reads, migration from version 1 and refusals. Library, in process.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  mkdtempSync,
  readFileSync,
  writeFileSync,
  appendFileSync,
  readdirSync,
  statSync,
  rmSync,
  symlinkSync,
  chmodSync,
  utimesSync,
  openSync,
  writeSync,
  closeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { initHome, openStore } from '../../dist/credentials/store.js';
import { decodeChunk, encodeEntry } from '../../dist/credentials/journal.js';
import { verifyAuditText } from '../../dist/home/audit.js';

/** Small thresholds so a handful of keys exercises the journal and its compaction. */
const JOURNAL = { compactBelowBytes: 0, maxJournalBytes: 1_000_000, maxJournalLines: 1_000_000 };

async function home(t) {
  const dir = mkdtempSync(join(tmpdir(), 'b3iq-journal-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const h = join(dir, 'home');
  await initHome(h);
  return h;
}

const snapshot = (h) => JSON.parse(readFileSync(join(h, 'credentials.json'), 'utf8'));
const journalPath = (h) => join(h, `credentials.${snapshot(h).journal.epoch}.journal`);
const journals = (h) => readdirSync(h).filter((n) => n.endsWith('.journal'));
const files = (h) =>
  Object.fromEntries(
    readdirSync(h)
      .filter((n) => n !== 'lock')
      .map((n) => [n, readFileSync(join(h, n)).toString('base64')]),
  );

test('format: a v3 snapshot points at its journal; one checksummed line per write, 0600, no token', async (t) => {
  const h = await home(t);
  const s0 = snapshot(h);
  assert.equal(s0.schemaVersion, 3);
  assert.match(s0.journal.epoch, /^[0-9a-f]{16}$/);
  assert.equal(s0.journal.baseGeneration, s0.generation);
  const store = await openStore({ home: h, live: false, journal: JOURNAL });
  t.after(() => store.close());
  const a = await store.issueLocalKey({ name: 'a' });
  const b = await store.issueLocalKey({ name: 'b', scopes: ['inference'] });
  await store.revoke(a.id);
  // The snapshot is untouched by appends; the journal holds three lines.
  assert.deepEqual(snapshot(h), s0);
  const jf = journalPath(h);
  assert.equal(statSync(jf).mode & 0o777, 0o600);
  const text = readFileSync(jf, 'utf8');
  const lines = text.trimEnd().split('\n');
  assert.equal(lines.length, 3);
  for (const [i, line] of lines.entries()) {
    const o = JSON.parse(line);
    assert.equal(o.seq, s0.generation + 1 + i);
    assert.equal(o.op, 'put');
    const body = line.replace(/,"crc":"[0-9a-f]{8}"\}$/, '}');
    assert.equal(o.crc, (crc32(Buffer.from(body)) >>> 0).toString(16).padStart(8, '0'));
  }
  assert.equal(JSON.parse(lines[2]).recs[0].id, a.id);
  assert.ok(JSON.parse(lines[2]).recs[0].revokedAt);
  for (const tok of [a.token, b.token]) assert.ok(!text.includes(tok) && !readFileSync(join(h, 'credentials.json'), 'utf8').includes(tok), 'a token on disk');
  // A fresh reader sees snapshot + journal.
  const other = await openStore({ home: h, live: false });
  t.after(() => other.close());
  assert.equal(other.generation, s0.generation + 3);
  assert.equal(other.verifyLocalKey(a.token).reason, 'revoked');
  assert.equal(other.verifyLocalKey(b.token, { scope: 'inference' }).valid, true);
  assert.equal(other.list().length, 1);
});

test('decode: torn tails are left for later, altered lines and gaps are refused', () => {
  /** @type {any} */
  const rec = {
    id: 'lk_AAAAAAAAAAAA1',
    kind: 'local',
    name: 'x',
    scopes: [],
    hash: `sha256:${'ab'.repeat(32)}`,
    createdAt: '2026-01-01T00:00:00.000Z',
    expiresAt: null,
    revokedAt: null,
    revokeReason: null,
    usedAt: null,
    dev: false,
    note: null,
    rotatedFrom: null,
    rotatedTo: null,
  };
  const l5 = encodeEntry({ seq: 5, at: '2026-01-01T00:00:00.000Z', op: 'put', recs: [rec] });
  const l6 = encodeEntry({ seq: 6, at: '2026-01-01T00:00:01.000Z', op: 'put', recs: [{ ...rec, revokedAt: '2026-01-01T00:00:01.000Z' }] });
  const c = decodeChunk('j', Buffer.from(l5 + l6 + l6.slice(0, 30)), 4);
  assert.equal(c.entries.length, 2);
  assert.equal(c.goodBytes, Buffer.byteLength(l5 + l6));
  assert.equal(c.tornBytes, 30);
  assert.equal(c.entries[1].recs[0].revokedAt, '2026-01-01T00:00:01.000Z');
  assert.throws(() => decodeChunk('j', Buffer.from(l5.replace('"name":"x"', '"name":"y"')), 4), { code: 'E_CORRUPT' });
  assert.throws(() => decodeChunk('j', Buffer.from(l5 + l5), 4), { code: 'E_CORRUPT' }, 'a repeated seq');
  assert.throws(() => decodeChunk('j', Buffer.from(l6), 4), { code: 'E_CORRUPT' }, 'a gap');
  assert.throws(() => decodeChunk('j', Buffer.from(l5.replace(/,"crc":"[0-9a-f]{8}"\}/, '}')), 4), { code: 'E_CORRUPT' }, 'no checksum');
  const bad = encodeEntry({ seq: 5, at: '2026-01-01T00:00:00.000Z', op: 'put', recs: [{ ...rec, hash: 'plain' }] });
  assert.throws(() => decodeChunk('j', Buffer.from(bad), 4), { code: 'E_CORRUPT' }, 'a malformed record');
  const op = encodeEntry(/** @type {any} */ ({ seq: 5, at: '2026-01-01T00:00:00.000Z', op: 'drop', recs: [] }));
  assert.throws(() => decodeChunk('j', Buffer.from(op), 4), { code: 'E_CORRUPT' }, 'an unknown op');
});

test('crash mid-append: the torn tail is ignored by readers and cut by the next writer', async (t) => {
  const h = await home(t);
  const store = await openStore({ home: h, live: false, journal: JOURNAL });
  t.after(() => store.close());
  const a = await store.issueLocalKey({ name: 'a' });
  const jf = journalPath(h);
  const good = readFileSync(jf);
  // What a writer killed inside write() leaves: the start of a line, no newline.
  appendFileSync(jf, '{"seq":99,"at":"2026-01-01T00:00:00.000Z","op":"put","recs":[{"id":"lk_');
  const reader = await openStore({ home: h, live: false, journal: JOURNAL });
  t.after(() => reader.close());
  assert.equal(reader.verifyLocalKey(a.token).valid, true);
  assert.equal(reader.list().length, 1);
  const b = await reader.issueLocalKey({ name: 'b' });
  const after = readFileSync(jf);
  assert.deepEqual(after.subarray(0, good.length), good, 'the complete lines are kept');
  assert.ok(after.toString().endsWith('\n'));
  assert.equal(after.toString().trimEnd().split('\n').length, 2, 'torn bytes cut, one line appended');
  // The first store (which read up to the good offset) catches up with the writer's line.
  store.reloadSync();
  assert.equal(store.verifyLocalKey(b.token).valid, true);
  assert.equal(store.generation, reader.generation);
});

test('an altered journal line: every reader and writer refuses (E_CORRUPT), files untouched', async (t) => {
  const h = await home(t);
  const store = await openStore({ home: h, live: false, journal: JOURNAL });
  t.after(() => store.close());
  const a = await store.issueLocalKey({ name: 'a' });
  await store.revoke(a.id);
  const jf = journalPath(h);
  // Un-revoke by editing the line: the checksum no longer matches.
  writeFileSync(jf, readFileSync(jf, 'utf8').replace(/"revokedAt":"[^"]+"/, '"revokedAt":null'));
  const before = files(h);
  await assert.rejects(openStore({ home: h, live: false }), { code: 'E_CORRUPT' });
  const other = await (async () => {
    try {
      return await openStore({ home: h, live: false });
    } catch {
      return undefined;
    }
  })();
  assert.equal(other, undefined);
  // The open store notices when it next reads (here: a write), and writes nothing.
  await assert.rejects(store.issueLocalKey({ name: 'b' }), { code: 'E_CORRUPT' });
  assert.deepEqual(files(h), before);
});

test('journal symlink or group-writable journal: refused, target untouched', async (t) => {
  const h = await home(t);
  const store = await openStore({ home: h, live: false, journal: JOURNAL });
  t.after(() => store.close());
  await store.issueLocalKey({ name: 'a' });
  const jf = journalPath(h);
  const target = join(h, '..', 'target');
  writeFileSync(target, readFileSync(jf));
  rmSync(jf);
  symlinkSync(target, jf);
  await assert.rejects(openStore({ home: h, live: false }), { code: 'E_SYMLINK' });
  await assert.rejects(store.issueLocalKey({ name: 'b' }), { code: 'E_SYMLINK' });
  assert.equal(readFileSync(target, 'utf8').split('\n').length, 2, 'nothing written through the link');
  rmSync(jf);
  writeFileSync(jf, readFileSync(target), { mode: 0o600 });
  chmodSync(jf, 0o666);
  await assert.rejects(openStore({ home: h, live: false }), { code: 'E_UNSAFE_PERMISSIONS' });
  chmodSync(jf, 0o600);
  assert.equal((await store.issueLocalKey({ name: 'c' })).credential.state, 'live');
});

test('a live store reads only the journal bytes appended while the snapshot is unchanged', async (t) => {
  const h = await home(t);
  const writer = await openStore({ home: h, live: false, journal: JOURNAL });
  t.after(() => writer.close());
  const a = await writer.issueLocalKey({ name: 'a' });
  const live = await openStore({ home: h, pollMs: 20 });
  t.after(() => live.close());
  // Alter the snapshot in place without changing its signature (same inode, size, mtime):
  // a full reload would pick the edit up; reading only the journal must not.
  const snap = join(h, 'credentials.json');
  const st = statSync(snap);
  const text = readFileSync(snap, 'utf8');
  const edited = text.replace(/"clockHighWater":"(\d{4})/, (m, y) => m.replace(y, String(Number(y) + 1).padStart(4, '0')));
  assert.equal(edited.length, text.length);
  const fd = openSync(snap, 'r+');
  writeSync(fd, edited, 0);
  closeSync(fd);
  utimesSync(snap, st.atime, st.mtime);
  const b = await writer.issueLocalKey({ name: 'b' });
  const deadline = Date.now() + 3000;
  while (live.verifyLocalKey(b.token).valid !== true && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  assert.equal(live.verifyLocalKey(b.token).valid, true, 'the new line was applied');
  assert.equal(live.verifyLocalKey(a.token).valid, true);
  assert.ok(live.now() < Date.now() + 86_400_000 * 300, 'the snapshot was not re-read');
  assert.equal(live.generation, writer.generation);
});

test('compaction: a new snapshot and epoch, the old journal deleted; a live reader follows across it', async (t) => {
  const h = await home(t);
  const small = { compactBelowBytes: 0, maxJournalBytes: 2000, maxJournalLines: 1_000_000 };
  const writer = await openStore({ home: h, live: false, journal: small });
  t.after(() => writer.close());
  const live = await openStore({ home: h, pollMs: 20 });
  t.after(() => live.close());
  const epochs = new Set([snapshot(h).journal.epoch]);
  const issued = [];
  for (let i = 0; i < 20; i++) {
    issued.push(await writer.issueLocalKey({ name: `k${i}` }));
    if (i % 3 === 0) await writer.revoke(issued[i].id);
    epochs.add(snapshot(h).journal.epoch);
    assert.ok(journals(h).length <= 1, `stale journals: ${journals(h)}`);
    await new Promise((r) => setTimeout(r, 5));
  }
  assert.ok(epochs.size >= 3, `compacted ${epochs.size - 1} times`);
  const s = snapshot(h);
  assert.equal(s.journal.baseGeneration, s.generation);
  const deadline = Date.now() + 3000;
  while (live.generation !== writer.generation && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  assert.equal(live.generation, writer.generation);
  for (const [i, k] of issued.entries()) assert.equal(live.verifyLocalKey(k.token).valid, i % 3 !== 0, k.id);
  // A fresh reader agrees, and generations stayed continuous (each write one step).
  const fresh = await openStore({ home: h, live: false });
  t.after(() => fresh.close());
  assert.equal(fresh.generation, 20 + 7);
  assert.deepEqual(
    fresh.list({ all: true }).map((c) => [c.id, c.state]),
    writer.list({ all: true }).map((c) => [c.id, c.state]),
  );
});

test('a journal left behind by a compaction that died before its unlink is removed by the next one', async (t) => {
  const h = await home(t);
  const stale = join(h, 'credentials.0123456789abcdef.journal');
  writeFileSync(stale, 'left over\n', { mode: 0o600 });
  const store = await openStore({ home: h, live: false });
  t.after(() => store.close());
  await store.issueLocalKey({ name: 'a' }); // a small store: every write is a compaction
  // Only the new epoch's journal is left (created, empty, with its snapshot).
  assert.deepEqual(journals(h), [`credentials.${snapshot(h).journal.epoch}.journal`]);
});

test('migration v1 -> v3: read as is, the first write backs the v1 file up and writes v3', async (t) => {
  const h = await home(t);
  const file = join(h, 'credentials.json');
  const seed = await openStore({ home: h, live: false });
  const k = await seed.issueLocalKey({ name: 'old' });
  seed.close();
  const v2 = snapshot(h);
  const v1 = { schemaVersion: 1, generation: v2.generation, clockHighWater: v2.clockHighWater, credentials: v2.credentials };
  const v1Text = JSON.stringify(v1) + '\n';
  writeFileSync(file, v1Text, { mode: 0o600 });
  const store = await openStore({ home: h, live: false, journal: JOURNAL });
  t.after(() => store.close());
  assert.equal(store.verifyLocalKey(k.token).valid, true);
  assert.equal(readFileSync(file, 'utf8'), v1Text, 'reading does not write');
  assert.ok(!readdirSync(h).some((n) => n.endsWith('.bak')));
  const k2 = await store.issueLocalKey({ name: 'new' });
  const bak = join(h, 'credentials.json.v1.bak');
  assert.equal(readFileSync(bak, 'utf8'), v1Text, 'the backup is the original, byte for byte');
  assert.equal(statSync(bak).mode & 0o777, 0o600);
  const s = snapshot(h);
  assert.equal(s.schemaVersion, 3);
  assert.equal(s.generation, v1.generation + 1);
  assert.equal(s.credentials.length, 2, 'the migrating write is a full snapshot');
  const audit = readFileSync(join(h, 'audit.log'), 'utf8');
  assert.equal(audit.match(/"action":"records\.migrate","id":null,"kind":"credentials","outcome":"ok","from":1,"to":3/g)?.length, 1);
  assert.ok(verifyAuditText(audit).ok);
  await store.issueLocalKey({ name: 'newer' });
  assert.equal(readFileSync(join(h, 'audit.log'), 'utf8').match(/records\.migrate/g).length, 1, 'once only');
  const fresh = await openStore({ home: h, live: false });
  t.after(() => fresh.close());
  assert.equal(fresh.verifyLocalKey(k.token).valid, true);
  assert.equal(fresh.verifyLocalKey(k2.token).valid, true);
  assert.equal(fresh.list().length, 3);
});

test('a newer schemaVersion (4) is refused untouched by readers and writers', async (t) => {
  const h = await home(t);
  const store = await openStore({ home: h, live: false, journal: JOURNAL });
  t.after(() => store.close());
  await store.issueLocalKey({ name: 'a' });
  const file = join(h, 'credentials.json');
  writeFileSync(file, JSON.stringify({ ...snapshot(h), schemaVersion: 4 }), { mode: 0o600 });
  const before = files(h);
  await assert.rejects(openStore({ home: h, live: false }), { code: 'E_SCHEMA_NEWER' });
  await assert.rejects(store.issueLocalKey({ name: 'b' }), { code: 'E_SCHEMA_NEWER' });
  assert.deepEqual(files(h), before);
});

test('mutate(fn) still gives fn the whole document to change, and writes it as a snapshot', async (t) => {
  const h = await home(t);
  const store = await openStore({ home: h, live: false, journal: JOURNAL });
  t.after(() => store.close());
  const a = await store.issueLocalKey({ name: 'a' });
  const b = await store.issueLocalKey({ name: 'b' });
  const gen = store.generation;
  const n = await store.mutate((doc, now, audit) => {
    doc.credentials = doc.credentials.filter((c) => c.id !== a.id);
    doc.credentials[0].note = 'kept';
    audit.push({ action: 'test.edit', id: null, kind: null });
    return doc.credentials.length;
  });
  assert.equal(n, 1);
  assert.equal(store.generation, gen + 1);
  assert.equal(store.get(a.id), undefined);
  assert.equal(store.verifyLocalKey(b.token).valid, true);
  const s = snapshot(h);
  assert.equal(s.generation, gen + 1);
  assert.deepEqual(
    s.credentials.map((c) => [c.id, c.note]),
    [[b.id, 'kept']],
  );
  assert.deepEqual(journals(h), [`credentials.${s.journal.epoch}.journal`]);
  // A failing fn writes nothing.
  const before = files(h);
  await assert.rejects(
    store.mutate(() => {
      throw new Error('no');
    }),
    /no/,
  );
  assert.deepEqual(files(h), before);
});

test('clockHighWater travels in the journal: a clock set back cannot revive an expired key', async (t) => {
  const h = await home(t);
  let now = Date.parse('2030-01-01T00:00:00Z');
  const store = await openStore({ home: h, live: false, clock: () => now, journal: JOURNAL });
  t.after(() => store.close());
  const k = await store.issueLocalKey({ name: 'short', expiresIn: 60_000 });
  now += 120_000;
  await store.issueLocalKey({ name: 'tick' }); // records the later time in its line
  const back = await openStore({ home: h, live: false, clock: () => Date.parse('2030-01-01T00:00:00Z') });
  t.after(() => back.close());
  assert.equal(back.verifyLocalKey(k.token).reason, 'expired');
  assert.deepEqual(snapshot(h).clockHighWater < new Date(now).toISOString(), true, 'only the journal has it');
});
