// Live revocation: an open store (the runtime) sees what other b3iq processes write, within
// a second, through atomic renames, a deleted-then-recreated file and a torn file, and never
// serves a half-read one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, openSync, writeSync, closeSync, readFileSync, rmSync, renameSync, chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ok, run, initHome, issueKey } from '../harness/index.js';
import { openStore } from '../../dist/index.js';
import * as spawned from '../helpers/cli.js';

/** Resolves with the ms it took for pred() to hold; rejects after timeoutMs. */
function within(pred, timeoutMs) {
  const t0 = Date.now();
  return new Promise((resolve, reject) => {
    const iv = setInterval(() => {
      if (pred()) {
        clearInterval(iv);
        resolve(Date.now() - t0);
      } else if (Date.now() - t0 > timeoutMs) {
        clearInterval(iv);
        reject(new Error(`not seen within ${timeoutMs} ms`));
      }
    }, 5);
  });
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

test('a revoke and a new key by another b3iq process are seen without a restart', async (t) => {
  const home = await initHome(t);
  const a = await issueKey(home, [], 'a');
  const store = await openStore({ home });
  t.after(() => store.close());
  assert.equal(store.verifyLocalKey(a.token).valid, true);

  await spawned.ok(['keys', 'revoke', a.id], { home });
  const ms = await within(() => store.verifyLocalKey(a.token).reason === 'revoked', 3000);
  assert.ok(ms < 3000, `revocation seen after ${ms} ms`);

  const b = await spawned.issueKey(home, [], 'b');
  await within(() => store.verifyLocalKey(b.token).valid === true, 3000);
  assert.equal(store.verifyLocalKey(a.token).reason, 'revoked');
});

test('deleted, then an older copy put back: the last good view is kept, a new reader fails closed', async (t) => {
  const home = await initHome(t);
  const a = await issueKey(home, [], 'a');
  const file = join(home, 'credentials.json');
  const backup = join(home, '..', 'backup.json');
  copyFileSync(file, backup);
  await ok(['keys', 'revoke', a.id], { home });
  const store = await openStore({ home, pollMs: 20 });
  t.after(() => store.close());
  assert.equal(store.verifyLocalKey(a.token).reason, 'revoked');

  rmSync(file);
  await sleep(150); // several polls with no file
  assert.equal(store.verifyLocalKey(a.token).reason, 'revoked', 'a missing file must not empty the view');

  // An older copy of one file (a new inode) is behind the audit log (and its journal is
  // gone): never served; the whole home is backed up and restored with b3iq backup/restore.
  copyFileSync(backup, file);
  chmodSync(file, 0o600);
  await sleep(300);
  assert.equal(store.verifyLocalKey(a.token).reason, 'revoked', 'an older copy must not un-revoke the key');
  await assert.rejects(openStore({ home, live: false }), { code: 'E_CORRUPT' });
});

test('a torn or unparsable file is never served: the old view stays until a whole one is there', async (t) => {
  const home = await initHome(t);
  const a = await issueKey(home, [], 'a');
  const b = await issueKey(home, [], 'b');
  const file = join(home, 'credentials.json');
  const store = await openStore({ home, pollMs: 20 });
  t.after(() => store.close());
  await ok(['keys', 'revoke', b.id], { home });
  await within(() => store.verifyLocalKey(b.token).reason === 'revoked', 3000);

  // A careless writer rewrites the file in place, in two halves, without a rename: the first
  // half ends mid-record, which would drop `a` (and un-revoke nothing) if it were ever used.
  const whole = readFileSync(file);
  const fd = openSync(file, 'r+');
  try {
    const { ftruncateSync } = await import('node:fs');
    ftruncateSync(fd, 0);
    writeSync(fd, whole, 0, Math.floor(whole.length / 2), 0);
    for (let i = 0; i < 10; i++) {
      await sleep(20);
      assert.equal(store.verifyLocalKey(a.token).valid, true, 'half a file must not be served');
      assert.equal(store.verifyLocalKey(b.token).reason, 'revoked');
    }
    writeSync(fd, whole, Math.floor(whole.length / 2), whole.length - Math.floor(whole.length / 2), Math.floor(whole.length / 2));
  } finally {
    closeSync(fd);
  }
  await sleep(100);
  assert.equal(store.verifyLocalKey(a.token).valid, true);

  // Garbage renamed into place, then a good file again.
  const junk = join(home, 'junk.tmp');
  writeFileSync(junk, '{"schemaVersion":1,"generation":', { mode: 0o600 });
  renameSync(junk, file);
  await sleep(100);
  assert.equal(store.verifyLocalKey(a.token).valid, true, 'garbage must not empty the view');
  assert.equal((await run(['keys', 'revoke', a.id], { home })).code, 3, 'the CLI refuses a corrupt file');
  writeFileSync(junk, whole, { mode: 0o600 });
  renameSync(junk, file);
  await ok(['keys', 'revoke', a.id], { home });
  await within(() => store.verifyLocalKey(a.token).reason === 'revoked', 3000);
});

test('an expiry takes effect on the clock, with no write at all', async (t) => {
  const home = await initHome(t);
  const k = await issueKey(home, ['--expires', '2s'], 'short');
  const store = await openStore({ home });
  t.after(() => store.close());
  assert.equal(store.verifyLocalKey(k.token).valid, true);
  await within(() => store.verifyLocalKey(k.token).reason === 'expired', 4000);
});

test('many writers while the store reads: every answer is one a whole file would give', async (t) => {
  const home = await initHome(t);
  const keys = [];
  for (let i = 0; i < 4; i++) keys.push(await issueKey(home, [], `k${i}`));
  const store = await openStore({ home, pollMs: 20 });
  t.after(() => store.close());
  let stop = false;
  let bad = 0;
  const reader = (async () => {
    while (!stop) {
      for (const k of keys) {
        const r = store.verifyLocalKey(k.token);
        if (!(r.valid || r.reason === 'revoked')) bad++;
      }
      await sleep(2);
    }
  })();
  // The writers are processes of their own, as an operator's commands are.
  await Promise.all(keys.map((k) => spawned.ok(['keys', 'revoke', k.id], { home })));
  await Promise.all([1, 2, 3].map((i) => spawned.issueKey(home, [], `n${i}`)));
  await within(() => keys.every((k) => store.verifyLocalKey(k.token).reason === 'revoked'), 3000);
  stop = true;
  await reader;
  assert.equal(bad, 0, 'no answer other than valid or revoked for a known key');
});
