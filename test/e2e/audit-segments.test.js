// The audit log rotates in chained segments (docs/records.md, "Audit segments"): past the
// size the active file becomes the next numbered segment under the lock and the new file
// chains to it; `audit --verify` walks one chain across the files, so a segment altered,
// removed, cut or swapped fails it (exit 1, naming the file), and a crash between the
// rename and the first write leaves a log that verifies and that the next write continues.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { run, initHome } from '../harness/index.js';
import { openStore } from '../../dist/index.js';
import { readAuditTail } from '../../dist/home/audit.js';
import { checkIntegrity } from '../../dist/credentials/integrity.js';

const SEGMENT = 2048;

const segments = (home) =>
  readdirSync(home)
    .filter((n) => /^audit\.log\.\d{6}$/.test(n))
    .sort();

async function rotatedHome(t, keys = 24) {
  const home = await initHome(t);
  const store = await openStore({ home, live: false, auditSegmentBytes: SEGMENT });
  const ids = [];
  for (let i = 0; i < keys; i++) ids.push((await store.issueLocalKey({ name: `k${i}` })).id);
  await store.revoke(ids[0]);
  store.close();
  return home;
}

async function verify(home) {
  const r = await run(['audit', '--verify', '--json'], { home });
  return { code: r.code, doc: JSON.parse(r.stdout), stderr: r.stderr };
}

test('the log rotates at the threshold into numbered segments, and verifies across them', async (t) => {
  const home = await rotatedHome(t);
  const segs = segments(home);
  assert.ok(segs.length >= 3, `segments: ${segs.join(', ')}`);
  assert.deepEqual(
    segs,
    segs.map((_, i) => `audit.log.${String(i + 1).padStart(6, '0')}`),
    'numbered from 1, oldest first',
  );
  for (const s of segs) {
    const size = statSync(join(home, s)).size;
    assert.ok(size >= SEGMENT && size < SEGMENT + 2048, `${s} rotated at the threshold (${size} bytes)`);
    assert.equal(statSync(join(home, s)).mode & 0o777, 0o600);
  }
  // The first entry of each file continues the last of the one before.
  const files = [...segs, 'audit.log'].map((f) => readFileSync(join(home, f), 'utf8').trimEnd().split('\n'));
  for (let i = 1; i < files.length; i++) {
    const last = JSON.parse(files[i - 1].at(-1));
    const first = JSON.parse(files[i][0]);
    assert.equal(first.prev, last.hash);
    assert.equal(first.seq, last.seq + 1);
  }
  const v = await verify(home);
  assert.equal(v.code, 0, v.stderr);
  assert.deepEqual(v.doc, { ok: true, entries: files.flat().length });
  const report = checkIntegrity(home, Date.now());
  assert.equal(report.anchors.ok, true, report.anchors.problem);
  assert.equal(report.issuance.ok, true, report.issuance.problems.join('; '));
  // Readers of the whole log see every segment: the listing starts at entry 1.
  const listed = JSON.parse((await run(['audit', '--json'], { home })).stdout);
  assert.equal(listed.length, files.flat().length);
  assert.equal(listed[0].seq, 1);
  const doctor = JSON.parse((await run(['doctor', '--json'], { home })).stdout);
  for (const id of ['audit', 'anchors', 'issuance']) assert.equal(doctor.checks.find((c) => c.id === id)?.status, 'pass', id);
});

test('a middle segment altered, removed, cut or swapped with another fails verify (exit 1), naming the file', async (t) => {
  const home = await rotatedHome(t);
  const segs = segments(home);
  const mid = join(home, segs[1]);
  const original = readFileSync(mid, 'utf8');
  const cases = {
    altered: () => writeFileSync(mid, original.replace('"name":"k', '"name":"x')),
    removed: () => rmSync(mid),
    'cut (last line removed)': () => writeFileSync(mid, original.trimEnd().split('\n').slice(0, -1).join('\n') + '\n'),
    swapped: () => {
      renameSync(mid, join(home, 'tmp-swap'));
      renameSync(join(home, segs[2]), mid);
      renameSync(join(home, 'tmp-swap'), join(home, segs[2]));
    },
  };
  const saved = Object.fromEntries(segs.map((s) => [s, readFileSync(join(home, s))]));
  for (const [name, spoil] of Object.entries(cases)) {
    spoil();
    const v = await verify(home);
    assert.equal(v.code, 1, name);
    assert.equal(v.doc.ok, false, name);
    assert.match(v.doc.file, /^audit\.log(\.\d{6})?$/, name);
    const human = await run(['audit', '--verify'], { home });
    assert.equal(human.code, 1, name);
    assert.match(human.stderr, /audit log broken at audit\.log(\.\d{6})? line \d+/, name);
    for (const [s, data] of Object.entries(saved)) writeFileSync(join(home, s), data, { mode: 0o600 });
    assert.equal((await verify(home)).code, 0, `restored after ${name}`);
  }
  // The first segment removed: the chain no longer starts at entry 1.
  rmSync(join(home, segs[0]));
  assert.equal((await verify(home)).code, 1);
});

test('a crash between the rename and the first write leaves a log that verifies; the next write chains to the last segment', async (t) => {
  const home = await rotatedHome(t, 6);
  const before = segments(home);
  const active = join(home, 'audit.log');
  const tailBefore = readAuditTail(active);
  // What the rotation does first, then nothing (the writer died): no active file.
  const next = `audit.log.${String(before.length + 1).padStart(6, '0')}`;
  renameSync(active, join(home, next));
  const after = readAuditTail(active);
  assert.equal(after.seq, tailBefore.seq, 'the end of the log is the last segment');
  assert.equal(after.hash, tailBefore.hash);
  assert.equal(after.size, 0);
  assert.equal((await verify(home)).code, 0);
  const store = await openStore({ home, live: false, auditSegmentBytes: SEGMENT });
  await store.issueLocalKey({ name: 'after-the-crash' });
  store.close();
  const first = JSON.parse(readFileSync(active, 'utf8').split('\n')[0]);
  assert.equal(first.seq, tailBefore.seq + 1);
  assert.equal(first.prev, tailBefore.hash);
  const v = await verify(home);
  assert.equal(v.code, 0, v.stderr);
  assert.equal(checkIntegrity(home, Date.now()).issuance.ok, true);
});

test('the newest segment and the active file removed (a cut end): the anchors catch it', async (t) => {
  const home = await rotatedHome(t);
  // The records' anchor names the newest entry: removing the active file and the newest
  // segment (a cut end) is what the anchors catch, not the chain.
  const segs = segments(home);
  rmSync(join(home, 'audit.log'));
  rmSync(join(home, segs.at(-1)));
  const v = await verify(home);
  assert.equal(v.code, 1);
  assert.equal(v.doc.ok, false);
  assert.match(v.doc.problem, /ends at entry|cut/);
});
