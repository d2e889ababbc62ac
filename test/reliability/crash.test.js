// Crash safety (issue 7, item 1): writers SIGKILLed at random moments, several at once,
// round after round. After every round the records parse, every acknowledged issuance and
// revocation is there, a dead writer's lock is recovered at once, its temp files are swept
// on the next write, and the audit chain still verifies.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { initHome, openStore } from '../../dist/credentials/store.js';
import { verifyAuditFile } from '../../dist/home/audit.js';
import { checkIntegrity } from '../../dist/credentials/integrity.js';
import { processAlive } from '../../dist/fs/files.js';
import { tempHome } from '../helpers/cli.js';
import { startWriter, startCli, prng, sleep, rawRecords, tempNames, lockPid, assertNoDuplicates, scaled } from './helpers.js';

/** What the killed processes acknowledged, and the invariants checked against it. */
function ledger() {
  return { local: new Map(), support: new Map(), revoked: new Set(), maybe: new Set() };
}

function absorb(led, lines) {
  for (const l of lines) {
    const a = JSON.parse(l);
    if (a.op === 'issue') led.local.set(a.id, a.token);
    else if (a.op === 'grant') led.support.set(a.id, a.token);
    else if (a.op === 'intent') led.maybe.add(a.id);
    else if (a.op === 'revoke') led.revoked.add(a.id);
    else if (a.op === 'rotate') {
      led.revoked.add(a.id);
      led.local.set(a.successor, a.token);
    }
  }
}

async function checkHome(home, led, stats) {
  // 1. The file parses with nothing but JSON.parse, and through the validating loader.
  const doc = rawRecords(home);
  assertNoDuplicates(doc);
  const store = await openStore({ home, live: false });
  try {
    for (const [id, token] of led.local) {
      const v = store.verifyLocalKey(token);
      if (led.revoked.has(id)) assert.deepEqual(v, { valid: false, reason: 'revoked' }, `acknowledged revocation of ${id} lost`);
      else if (led.maybe.has(id)) assert.ok(v.valid || v.reason === 'revoked', `key ${id} is ${v.reason}`);
      else assert.equal(v.valid, true, `acknowledged key ${id} lost (${v.reason})`);
    }
    for (const [id, token] of led.support) assert.equal(store.verifySupportGrant(token).valid, true, `acknowledged grant ${id} lost`);
    // 2. What a dead writer left: its lock, its temp files.
    const pid = lockPid(home);
    if (pid !== undefined && (pid === 0 || !processAlive(pid))) stats.staleLocks++;
    stats.tempFiles += tempNames(home).length;
    // 3. The next write recovers the lock at once (a torn, empty lock waits its 2 s grace)
    //    and sweeps the temp files.
    const t0 = Date.now();
    const r = await store.issueLocalKey({ name: 'recovery' });
    const ms = Date.now() - t0;
    assert.ok(ms < 5_000, `recovering the lock took ${ms} ms`);
    led.local.set(r.id, r.token);
    assert.deepEqual(tempNames(home), [], 'temp files of dead writers were not swept');
    assert.equal(existsSync(join(home, 'lock')), false, 'the lock outlived its release');
  } finally {
    store.close();
  }
  // 4. The audit chain (a torn last line is cut by the next append) verifies, across its
  //    segments when it has rotated, and the records' anchor is in it.
  const audit = verifyAuditFile(home);
  assert.ok(audit.ok, `audit chain broken at ${audit.file} line ${audit.line}: ${audit.problem}`);
  const anchors = checkIntegrity(home, Date.now()).anchors;
  assert.ok(anchors.ok, anchors.problem);
}

test('library writers SIGKILLed at random moments: nothing acknowledged is lost', { timeout: 180_000 }, async (t) => {
  const home = tempHome(t);
  await initHome(home);
  const rounds = scaled(40, 5);
  const writers = 4;
  const rnd = prng(0x5eed01);
  const led = ledger();
  const stats = { staleLocks: 0, tempFiles: 0, acks: 0, kills: 0 };
  for (let round = 0; round < rounds; round++) {
    const procs = Array.from({ length: writers }, (_, i) => startWriter(home, i % 2 ? 'issue,revoke,grant,issue,rotate' : 'issue'));
    await Promise.all(
      procs.map(async (p) => {
        await sleep(60 + Math.floor(rnd() * 540));
        p.kill();
      }),
    );
    const results = await Promise.all(procs.map((p) => p.done));
    for (const r of results) {
      if (r.signal === 'SIGKILL') stats.kills++;
      else assert.equal(r.code, 0, r.stderr);
      stats.acks += r.lines.length;
      absorb(led, r.lines);
    }
    await checkHome(home, led, stats);
  }
  t.diagnostic(
    `rounds=${rounds} writers/round=${writers} kills=${stats.kills} acknowledged=${stats.acks} stale-locks-recovered=${stats.staleLocks} temp-files-swept=${stats.tempFiles} credentials=${rawRecords(home).credentials.length}`,
  );
  // The kills must have landed mid-write some of the time, or this test proved nothing.
  assert.ok(stats.staleLocks + stats.tempFiles > 0, 'no kill ever landed inside a write');
  assert.ok(stats.acks > rounds, 'the writers acknowledged almost nothing');
});

test('writers SIGKILLed while the audit log rotates every few KiB: the chain verifies across its segments', { timeout: 180_000 }, async (t) => {
  const home = tempHome(t);
  await initHome(home);
  const rounds = scaled(20, 4);
  const rnd = prng(0x5eed03);
  const led = ledger();
  const stats = { staleLocks: 0, tempFiles: 0, acks: 0, kills: 0 };
  for (let round = 0; round < rounds; round++) {
    const procs = Array.from({ length: 3 }, (_, i) =>
      startWriter(home, i % 2 ? 'issue,revoke' : 'issue', 'Infinity', { WRITER_AUDIT_SEGMENT: '3000', WRITER_JOURNAL: '{"maxJournalLines":7}' }),
    );
    await Promise.all(
      procs.map(async (p) => {
        await sleep(60 + Math.floor(rnd() * 540));
        p.kill();
      }),
    );
    for (const r of await Promise.all(procs.map((p) => p.done))) {
      if (r.signal === 'SIGKILL') stats.kills++;
      else assert.equal(r.code, 0, r.stderr);
      stats.acks += r.lines.length;
      absorb(led, r.lines);
    }
    await checkHome(home, led, stats);
  }
  const segments = readdirSync(home).filter((n) => /^audit\.log\.\d{6}$/.test(n)).length;
  t.diagnostic(`rounds=${rounds} kills=${stats.kills} acknowledged=${stats.acks} audit-segments=${segments}`);
  assert.ok(segments >= 3, `the log rotated (${segments} segments)`);
});

test('b3iq keys create/revoke processes SIGKILLed at random moments', { timeout: 120_000 }, async (t) => {
  const home = tempHome(t);
  await initHome(home);
  const rounds = scaled(12, 3);
  const rnd = prng(0x5eed02);
  const led = ledger();
  const stats = { staleLocks: 0, tempFiles: 0, acks: 0, kills: 0 };
  for (let round = 0; round < rounds; round++) {
    const victims = [...led.local.keys()].filter((id) => !led.revoked.has(id)).slice(0, 2);
    /** @type {{ kind: string, id?: string, p: ReturnType<typeof startCli> }[]} */
    const procs = [
      ...Array.from({ length: 3 }, (_, i) => ({ kind: 'create', p: startCli(['keys', 'create', '--name', `c${round}-${i}`, '--out', '-', '--json'], home) })),
      ...victims.map((id) => {
        led.maybe.add(id);
        return { kind: 'revoke', id, p: startCli(['keys', 'revoke', id, '--json'], home) };
      }),
    ];
    await Promise.all(
      procs.map(async ({ p }) => {
        await sleep(100 + Math.floor(rnd() * 900));
        p.kill();
      }),
    );
    for (const { kind, id, p } of procs) {
      const r = await p.done;
      if (r.signal === 'SIGKILL') {
        stats.kills++;
        continue;
      }
      assert.equal(r.code, 0, r.stderr);
      stats.acks++;
      if (kind === 'create') {
        const doc = JSON.parse(r.stdout);
        led.local.set(doc.id, doc.token);
      } else led.revoked.add(id);
    }
    await checkHome(home, led, stats);
  }
  t.diagnostic(
    `rounds=${rounds} kills=${stats.kills} acknowledged=${stats.acks} stale-locks-recovered=${stats.staleLocks} temp-files-swept=${stats.tempFiles}`,
  );
});
