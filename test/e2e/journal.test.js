// The credentials journal: the CLI (in process) on a store large enough to
// journal (migration from version 1 with a backup, appends, a torn tail, an altered line,
// a newer version), concurrent writers across compactions with a live reader, writers
// killed mid-write, and the cost of an issue at 100 000 keys.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, appendFileSync, readdirSync, statSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { run, ok, initHome, issueKey, ROOT } from '../harness/index.js';
import { generateToken, generateId } from '../../dist/core/tokens.js';
import { openStore } from '../../dist/credentials/store.js';
import { verifyAuditText } from '../../dist/home/audit.js';

const snapshot = (h) => JSON.parse(readFileSync(join(h, 'credentials.json'), 'utf8'));
const journals = (h) => readdirSync(h).filter((n) => n.endsWith('.journal'));
const files = (h) =>
  Object.fromEntries(
    readdirSync(h)
      .filter((n) => n !== 'lock')
      .map((n) => [n, readFileSync(join(h, n)).toString('base64')]),
  );
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** n local keys written straight into a version 1 credentials.json (as an older b3iq left it). */
function seedV1(home, n, { keep = 0 } = {}) {
  const now = new Date().toISOString();
  const kept = [];
  const lines = [];
  for (let i = 0; i < n; i++) {
    const token = i < keep ? generateToken('local') : `filler-${i}`;
    if (i < keep) kept.push(token);
    lines.push(
      JSON.stringify({
        id: generateId('local'),
        kind: 'local',
        name: `seed-${i}`,
        scopes: ['inference'],
        hash: `sha256:${createHash('sha256').update(token).digest('hex')}`,
        createdAt: now,
        expiresAt: null,
        revokedAt: null,
        revokeReason: null,
        usedAt: null,
        dev: false,
        note: null,
        rotatedFrom: null,
        rotatedTo: null,
      }),
    );
  }
  const text = `{"schemaVersion":1,"generation":1,"clockHighWater":"${now}","credentials":[\n${lines.join(',\n')}\n]}\n`;
  writeFileSync(join(home, 'credentials.json'), text, { mode: 0o600 });
  chmodSync(join(home, 'credentials.json'), 0o600);
  return { text, kept };
}

test('CLI: a v1 store is migrated by its first write (backup), then writes append to the journal', async (t) => {
  const home = await initHome(t);
  const { text, kept } = seedV1(home, 1000, { keep: 1 }); // about 350 KB: large enough to journal
  const list0 = JSON.parse((await ok(['keys', 'list', '--json'], { home })).stdout);
  assert.equal(list0.length, 1000);
  assert.equal(readFileSync(join(home, 'credentials.json'), 'utf8'), text, 'a read does not write');

  const a = await issueKey(home, [], 'a');
  assert.equal(readFileSync(join(home, 'credentials.json.v1.bak'), 'utf8'), text);
  const s1 = snapshot(home);
  assert.equal(s1.schemaVersion, 3);
  assert.equal(s1.credentials.length, 1001);
  const snapBytes = readFileSync(join(home, 'credentials.json'));

  const b = await issueKey(home, [], 'b');
  await ok(['keys', 'revoke', a.id], { home });
  assert.deepEqual(readFileSync(join(home, 'credentials.json')), snapBytes, 'appends leave the snapshot alone');
  const jf = join(home, `credentials.${s1.journal.epoch}.journal`);
  assert.equal(readFileSync(jf, 'utf8').trimEnd().split('\n').length, 2);
  assert.equal(statSync(jf).mode & 0o777, 0o600);
  for (const tok of [a.token, b.token]) assert.ok(!readFileSync(jf, 'utf8').includes(tok));

  const list = JSON.parse((await ok(['keys', 'list', '--all', '--json'], { home })).stdout);
  assert.equal(list.length, 1002);
  assert.equal(list.find((c) => c.id === a.id).state, 'revoked');
  assert.equal((await run(['keys', 'verify'], { home, input: b.token })).code, 0);
  assert.equal((await run(['keys', 'verify'], { home, input: a.token })).code, 1);
  assert.equal((await run(['keys', 'verify'], { home, input: kept[0] })).code, 0);

  // A torn tail (a writer killed mid-append): ignored by readers, cut by the next writer.
  appendFileSync(jf, '{"seq":77,"at":"2026-');
  assert.equal(JSON.parse((await ok(['keys', 'list', '--json'], { home })).stdout).length, 1001);
  const c = await issueKey(home, [], 'c');
  const lines = readFileSync(jf, 'utf8');
  assert.ok(lines.endsWith('\n') && !lines.includes('"seq":77'));
  assert.equal(lines.trimEnd().split('\n').length, 3);
  assert.equal((await run(['keys', 'verify'], { home, input: c.token })).code, 0);
  assert.ok(verifyAuditText(readFileSync(join(home, 'audit.log'), 'utf8')).ok);
  assert.equal(readFileSync(join(home, 'audit.log'), 'utf8').match(/records\.migrate/g).length, 1);

  // An altered complete line: every command refuses with exit 3, nothing is written.
  writeFileSync(jf, lines.replace(/"revokedAt":"[^"]+"/, '"revokedAt":null'));
  const before = files(home);
  for (const args of [['keys', 'list'], ['keys', 'create', '--name', 'x', '--out', '-'], ['keys', 'revoke', b.id], ['status']]) {
    const r = await run([...args, '--json'], { home });
    assert.equal(r.code, 3, `${args.join(' ')}: ${r.stderr}`);
    assert.equal(JSON.parse(r.stderr).error.code, 'E_CORRUPT');
    assert.doesNotMatch(r.stderr, /\n\s+at /);
  }
  assert.equal((await run(['keys', 'verify'], { home, input: a.token })).code, 3);
  assert.deepEqual(files(home), before);
});

test('CLI: a newer schemaVersion (4) is refused untouched, exit 3', async (t) => {
  const home = await initHome(t);
  const { id } = await issueKey(home);
  const file = join(home, 'credentials.json');
  writeFileSync(file, JSON.stringify({ ...snapshot(home), schemaVersion: 4, future: true }));
  chmodSync(file, 0o600);
  const before = files(home);
  for (const args of [['keys', 'list'], ['keys', 'create', '--name', 'x', '--out', '-'], ['keys', 'revoke', id], ['init']]) {
    const r = await run([...args, '--json'], { home });
    assert.equal(r.code, 3, args.join(' '));
    assert.equal(JSON.parse(r.stderr).error.code, 'E_SCHEMA_NEWER');
  }
  assert.deepEqual(files(home), before);
});

/** A library writer process: issues (and revokes every third) `n` keys, printing one line per acknowledged change. */
function writer(home, n, tuning) {
  const src = `
    import { openStore } from ${JSON.stringify(join(ROOT, 'dist/credentials/store.js'))};
    const store = await openStore({ home: process.env.H, live: false, journal: ${JSON.stringify(tuning)} });
    for (let i = 0; i < ${n}; i++) {
      const k = await store.issueLocalKey({ name: 'w-' + i });
      process.stdout.write(JSON.stringify({ op: 'issue', id: k.id, token: k.token }) + '\\n');
      if (i % 3 === 2) { process.stdout.write(JSON.stringify({ op: 'intent', id: k.id }) + '\\n'); await store.revoke(k.id); process.stdout.write(JSON.stringify({ op: 'revoke', id: k.id }) + '\\n'); }
    }
    store.close();`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', src], { env: { PATH: process.env.PATH, H: home }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (d) => (out += d));
  child.stderr.setEncoding('utf8').on('data', (d) => (err += d));
  const done = new Promise((resolve) =>
    child.on('close', (code, signal) =>
      resolve({
        code,
        signal,
        err,
        acks: out
          .split('\n')
          .filter((l) => l.endsWith('}'))
          .map((l) => JSON.parse(l)),
      }),
    ),
  );
  return { child, done };
}

test('concurrent writers across compactions, with a live reader: nothing lost, doubled or torn', { timeout: 120_000 }, async (t) => {
  const home = await initHome(t);
  const tuning = { compactBelowBytes: 0, maxJournalBytes: 4000, maxJournalLines: 1_000_000 };
  const live = await openStore({ home, pollMs: 20 });
  t.after(() => live.close());
  const base = live.generation;
  const procs = Array.from({ length: 4 }, () => writer(home, 15, tuning));
  const epochs = new Set();
  let polling = true;
  const watcher = (async () => {
    while (polling) {
      try {
        epochs.add(snapshot(home).journal.epoch);
      } catch {
        /* mid-rename */
      }
      await sleep(15);
    }
  })();
  const results = await Promise.all(procs.map((p) => p.done));
  polling = false;
  await watcher;
  const acks = results.flatMap((r) => {
    assert.equal(r.code, 0, r.err);
    return r.acks;
  });
  const issued = acks.filter((a) => a.op === 'issue');
  const revoked = new Set(acks.filter((a) => a.op === 'revoke').map((a) => a.id));
  assert.equal(issued.length, 60);
  assert.equal(revoked.size, 20);
  assert.ok(epochs.size >= 2, `compactions seen: ${epochs.size - 1}`);
  assert.ok(journals(home).length <= 1);
  const fresh = await openStore({ home, live: false });
  t.after(() => fresh.close());
  assert.equal(fresh.generation, base + 80, 'one generation per write');
  assert.equal(fresh.list({ all: true }).length, 60);
  const deadline = Date.now() + 3000;
  while (live.generation !== fresh.generation && Date.now() < deadline) await sleep(10);
  for (const s of [fresh, live]) {
    assert.equal(s.generation, base + 80);
    for (const k of issued) assert.equal(s.verifyLocalKey(k.token).valid, !revoked.has(k.id), k.id);
  }
  const audit = readFileSync(join(home, 'audit.log'), 'utf8');
  assert.ok(verifyAuditText(audit).ok);
  assert.equal(audit.match(/"action":"keys\.create"/g).length, 60);
});

test('writers killed at random moments: the store always opens and every acknowledged change is there', { timeout: 120_000 }, async (t) => {
  const home = await initHome(t);
  const tuning = { compactBelowBytes: 0, maxJournalBytes: 3000, maxJournalLines: 1_000_000 };
  const acked = [];
  const revoked = new Set();
  const maybe = new Set(); // a revoke under way when the kill came: either outcome is right
  for (let round = 0; round < 6; round++) {
    const p = writer(home, 1000, tuning);
    await sleep(150 + Math.floor(Math.random() * 250));
    p.child.kill('SIGKILL');
    const r = await p.done;
    for (const a of r.acks) {
      if (a.op === 'issue') acked.push(a);
      else if (a.op === 'intent') maybe.add(a.id);
      else revoked.add(a.id);
    }
    const s = await openStore({ home, live: false, journal: tuning });
    for (const k of acked) {
      const v = s.verifyLocalKey(k.token);
      if (revoked.has(k.id)) assert.equal(v.reason, 'revoked', `round ${round}: ${k.id}`);
      else if (!maybe.has(k.id)) assert.equal(v.valid, true, `round ${round}: ${k.id}`);
      else assert.ok(v.valid || v.reason === 'revoked', `round ${round}: ${k.id}`);
    }
    await s.issueLocalKey({ name: `after-${round}` }); // cuts any torn tail, appends cleanly
    s.close();
  }
  assert.ok(acked.length > 0);
  const final = await openStore({ home, live: false });
  t.after(() => final.close());
  assert.ok(final.list({ all: true }).length >= acked.length + 6);
  t.diagnostic(`acknowledged issues=${acked.length} revokes=${revoked.size}`);
});

test('100 000 keys: an issue costs milliseconds, and a live store applies it without reloading', { timeout: 180_000 }, async (t) => {
  const home = await initHome(t);
  const { kept } = seedV1(home, 100_000, { keep: 1 });
  const writerStore = await openStore({ home, live: false });
  t.after(() => writerStore.close());
  const t0 = performance.now();
  await writerStore.issueLocalKey({ name: 'migrate' }); // the one full write: v1 -> v3 with a backup
  const migrateMs = performance.now() - t0;
  const live = await openStore({ home, pollMs: 50 });
  t.after(() => live.close());
  assert.equal(live.verifyLocalKey(kept[0]).valid, true);
  const ms = [];
  const seen = [];
  for (let i = 0; i < 7; i++) {
    const s = performance.now();
    const k = await writerStore.issueLocalKey({ name: `big-${i}` });
    ms.push(performance.now() - s);
    const w = performance.now();
    while (live.verifyLocalKey(k.token).valid !== true && performance.now() - w < 5000) await sleep(2);
    seen.push(performance.now() - w);
    assert.equal(live.verifyLocalKey(k.token).valid, true);
  }
  ms.sort((a, b) => a - b);
  seen.sort((a, b) => a - b);
  const median = ms[3];
  t.diagnostic(
    `100k keys: migration write ${migrateMs.toFixed(0)} ms, issue median ${median.toFixed(1)} ms (max ${ms[6].toFixed(1)}), live store sees it after median ${seen[3].toFixed(0)} ms (max ${seen[6].toFixed(0)})`,
  );
  // The single-file layout took about 2 s per issue here; the journal takes milliseconds.
  assert.ok(median < 500, `issue at 100 000 keys took ${median} ms`);
  assert.ok(seen[6] < 1500, `a live store saw the change after ${seen[6]} ms`);
  assert.equal(journals(home).length, 1);
});
