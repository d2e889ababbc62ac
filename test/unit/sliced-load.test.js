// A live reader parses a new snapshot (a compaction, a restore) in slices so its event loop
// never stalls: the result and every refusal must be exactly loadFull's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initHome, openStore } from '../../dist/credentials/store.js';
import { loadFull } from '../../dist/credentials/snapshot.js';
import { loadFullSliced, Slicer } from '../../dist/credentials/sliced-load.js';

async function homeWithKeys(t, n) {
  const dir = mkdtempSync(join(tmpdir(), 'b3iq-sliced-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const h = join(dir, 'home');
  await initHome(h);
  const store = await openStore({ home: h, live: false, journal: { compactBelowBytes: 0, maxJournalBytes: 1_000_000, maxJournalLines: n - 3 } });
  // a compaction part way: records in the snapshot, then a few journal lines
  for (let i = 0; i < n; i++) await store.issueLocalKey({ name: `k${i}` });
  await store.revoke(store.list({ kind: 'local' })[0].id);
  store.close();
  return join(h, 'credentials.json');
}

const outcome = async (f) => {
  try {
    return { ok: await f() };
  } catch (e) {
    return { code: e.code, message: e.message };
  }
};
const strip = (l) => l && { doc: l.doc, entries: l.entries, cursor: l.cursor };

test("the sliced load gives loadFull's result, journal included, and yields on the way", async (t) => {
  const file = await homeWithKeys(t, 40);
  const slicer = new Slicer(0); // yield at every tick
  const sliced = await loadFullSliced(file, slicer);
  assert.deepEqual(strip(sliced), strip(loadFull(file)));
  assert.ok(sliced.doc.credentials.length >= 30, 'records in the snapshot');
  assert.ok(sliced.entries.length > 0, 'the journal lines are read too');
  assert.ok(slicer.yields >= 2, 'it went through the line-by-line path, yielding');
});

test("every refusal and every odd layout is loadFull's, word for word", async (t) => {
  const file = await homeWithKeys(t, 5);
  const good = readFileSync(file, 'utf8');
  const lines = good.split('\n');
  const variants = {
    'malformed record': good.replace('"kind":"local"', '"kind":"nope"'),
    'duplicate id': [lines[0], lines[1], lines[1], ...lines.slice(2)].join('\n'),
    'not JSON': good.slice(0, good.length - 5),
    'missing comma': good.replace('},\n{', '}\n{'),
    'trailing comma': good.replace('}\n]}', '},\n]}'),
    'compact layout (one line)': JSON.stringify(JSON.parse(good)),
    'pretty layout': JSON.stringify(JSON.parse(good), null, 2),
    'newer schema': good.replace('"schemaVersion":2', '"schemaVersion":9'),
    'bad generation': good.replace(/"generation":\d+/, '"generation":"x"'),
    'junk after the end': `${good}x`,
    'no records': good.replace(/\[\n[\s\S]*\n\]\}/, '[]}'),
  };
  for (const [name, text] of Object.entries(variants)) {
    writeFileSync(file, text, { mode: 0o600 });
    const a = await outcome(() => loadFullSliced(file, new Slicer(0)));
    const b = await outcome(() => loadFull(file));
    assert.deepEqual(a.ok ? strip(a.ok) : a, b.ok ? strip(b.ok) : b, name);
  }
});

test('a live store picks up a compaction through the sliced path and keeps verifying meanwhile', async (t) => {
  const file = await homeWithKeys(t, 30);
  const h = join(file, '..');
  const reader = await openStore({ home: h, pollMs: 20 });
  t.after(() => reader.close());
  const writer = await openStore({ home: h, live: false, journal: { compactBelowBytes: 0, maxJournalBytes: 1, maxJournalLines: 1 } });
  const k = await writer.issueLocalKey({ name: 'after-compaction' });
  writer.close();
  const deadline = Date.now() + 10_000;
  while (!reader.verifyLocalKey(k.token).valid && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  assert.equal(reader.verifyLocalKey(k.token).valid, true);
  assert.equal(reader.list({ kind: 'local', all: true }).length, 31);
});

const viewOf = (l) => {
  const recs = l.doc.credentials.slice();
  for (const e of l.entries)
    for (const r of e.recs) {
      const i = recs.findIndex((x) => x.id === r.id);
      if (i < 0) recs.push(r);
      else recs[i] = r;
    }
  return { recs, byId: new Map(recs.map((r) => [r.id, r])) };
};

test('a compaction reloads as a patch: unchanged records are the held objects, the changed ones are listed', async (t) => {
  const file = await homeWithKeys(t, 40);
  const base = viewOf(loadFull(file));
  const h = join(file, '..');
  const writer = await openStore({ home: h, live: false, journal: { compactBelowBytes: 0, maxJournalBytes: 1, maxJournalLines: 1 } });
  const victim = base.recs[5];
  await writer.revoke(victim.id);
  const added = await writer.issueLocalKey({ name: 'new' });
  writer.close();
  const sliced = await loadFullSliced(file, new Slicer(0), base);
  assert.deepEqual(strip(sliced), strip(loadFull(file)), 'the same result as loadFull');
  const after = viewOf(sliced);
  const changed = new Set(after.recs.map((r, i) => (r === base.recs[i] ? -1 : i)).filter((i) => i >= 0));
  assert.ok(changed.has(5), 'the revoked record is a new object');
  assert.equal(after.byId.get(added.id) !== undefined, true);
  assert.ok(changed.size <= 2, `only the changed records are new objects (${changed.size})`);
  assert.ok(sliced.patch, 'the load is a patch of the held view');
  for (const i of sliced.patch) assert.notEqual(sliced.doc.credentials[i], base.recs[i]);
});

test("with a held view, every refusal is still loadFull's (a duplicate of a held id too)", async (t) => {
  const file = await homeWithKeys(t, 5);
  const base = viewOf(loadFull(file));
  const good = readFileSync(file, 'utf8');
  const lines = good.split('\n');
  const variants = {
    'duplicate id in place': [lines[0], lines[1], lines[1], ...lines.slice(2)].join('\n'),
    'duplicate id appended': good.replace('}\n]}', `},\n${lines[1].replace(/,$/, '')}\n]}`),
    reordered: [lines[0], lines[2], lines[1], ...lines.slice(3)].join('\n'),
    'one fewer': [lines[0], ...lines.slice(2)].join('\n'),
  };
  for (const [name, text] of Object.entries(variants)) {
    writeFileSync(file, text, { mode: 0o600 });
    const a = await outcome(() => loadFullSliced(file, new Slicer(0), base));
    const b = await outcome(() => loadFull(file));
    assert.deepEqual(a.ok ? strip(a.ok) : a, b.ok ? strip(b.ok) : b, name);
  }
});

test('a compaction while the records are parsed: the journal the head named is still read whole (no parse at once, no retry)', async (t) => {
  const file = await homeWithKeys(t, 40);
  const h = join(file, '..');
  const before = strip(loadFull(file));
  const writer = await openStore({ home: h, live: false, journal: { compactBelowBytes: 0, maxJournalBytes: 1, maxJournalLines: 1 } });
  t.after(() => writer.close());
  let compacted = false;
  class CompactingSlicer extends Slicer {
    async tick() {
      if (!compacted) {
        compacted = true;
        await writer.issueLocalKey({ name: 'meanwhile' }); // a new snapshot; the old journal removed
      }
      return super.tick();
    }
  }
  const r = await loadFullSliced(file, new CompactingSlicer(0));
  assert.equal(compacted, true);
  assert.deepEqual(strip(r), before, 'the snapshot and journal as they were when the read began (loadFull would have read the new one at once)');
  const next = await loadFullSliced(file, new Slicer(0));
  assert.deepEqual(strip(next), strip(loadFull(file)), 'the next look takes the new snapshot');
  assert.ok(next.doc.credentials.some((c) => c.name === 'meanwhile'));
});
