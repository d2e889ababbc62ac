// The live store's change detection (docs/records.md, "Live reads"): a poll that finds
// nothing new must really mean nothing new. Library, in process; the other writer is
// simulated on the files, byte for byte as a real one leaves them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, truncateSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initHome, openStore } from '../../dist/credentials/store.js';

const JOURNAL = { compactBelowBytes: 0, maxJournalBytes: 1_000_000, maxJournalLines: 1_000_000 };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function home(t) {
  const dir = mkdtempSync(join(tmpdir(), 'b3iq-live-poll-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const h = join(dir, 'home');
  await initHome(h);
  return h;
}

const journalPath = (h) =>
  join(
    h,
    readdirSync(h).find((n) => n.endsWith('.journal')),
  );

/** Waits until `cond()` holds, up to `ms`; returns whether it did. */
async function within(ms, cond) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (cond()) return true;
    await sleep(10);
  }
  return cond();
}

test('a revocation appended where a dead writer left a torn tail of the same length is still seen', async (t) => {
  const h = await home(t);
  const writer = await openStore({ home: h, live: false, journal: JOURNAL });
  const key = await writer.issueLocalKey({ name: 'k', scopes: ['inference'] });
  const live = await openStore({ home: h, pollMs: 20 });
  t.after(() => live.close());
  assert.equal(live.verifyLocalKey(key.token).valid, true);

  // The revocation's line, taken off again: first a writer that died mid-append leaves
  // exactly that many bytes without a newline, and the live store polls them (torn).
  await writer.revoke(key.id);
  writer.close();
  const jf = journalPath(h);
  const bytes = readFileSync(jf);
  const offset = bytes.lastIndexOf(0x0a, bytes.length - 2) + 1;
  const line = bytes.subarray(offset);
  truncateSync(jf, offset);
  appendFileSync(jf, 'x'.repeat(line.length));
  await sleep(200);
  assert.equal(live.verifyLocalKey(key.token).valid, true, 'a torn tail is not a write');
  const before = statSync(jf);

  // Then the next writer cuts the torn tail and appends its line: same file, same size.
  truncateSync(jf, offset);
  appendFileSync(jf, line);
  assert.equal(statSync(jf).size, before.size);
  assert.equal(statSync(jf).ino, before.ino);
  assert.ok(await within(1000, () => live.verifyLocalKey(key.token).reason === 'revoked'), 'the live store missed the revocation');
});

/** A live reader whose own poll is a minute away, and a writer (another process, in effect). */
async function readerAndWriter(t) {
  const h = await home(t);
  const reader = await openStore({ home: h, pollMs: 60_000 });
  const writer = await openStore({ home: h, live: false });
  t.after(() => {
    reader.close();
    writer.close();
  });
  return { reader, writer };
}

test('refresh(): a key issued by another writer a moment ago verifies at once after refresh(), without waiting for the poll', async (t) => {
  const { reader, writer } = await readerAndWriter(t);
  const { token } = await writer.issueLocalKey({ name: 'fresh', scopes: ['inference'] });
  assert.equal(reader.verifyLocalKey(token).valid, false, 'not yet seen: the next poll is a minute away');
  await reader.refresh();
  assert.equal(reader.verifyLocalKey(token).valid, true);
});

test('refresh(): called while a look at the disk is already under way, it waits for a fresh look rather than returning at once', async (t) => {
  const { reader, writer } = await readerAndWriter(t);
  const { token } = await writer.issueLocalKey({ name: 'fresh', scopes: ['inference'] });
  // Several requests with the same new key arrive together: each must see it after its refresh.
  const looks = [reader.refresh(), reader.refresh(), reader.refresh()];
  await looks[2];
  assert.equal(reader.verifyLocalKey(token).valid, true, 'the second refresh returned before any look had finished');
  await Promise.all(looks);
});

test("refresh(): inside the timer's debounce window (just after a costly full reload), a key issued since is still found", async (t) => {
  const { reader, writer } = await readerAndWriter(t);
  // As a reload that took 30 s of work leaves it: the timer stays quiet for a minute.
  /** @type {any} */ (reader).quietUntil = performance.now() + 60_000;
  const { token } = await writer.issueLocalKey({ name: 'fresh', scopes: ['inference'] });
  await reader.refresh();
  assert.equal(reader.verifyLocalKey(token).valid, true);
});
