// Integrity (issue: record 5): a change and its audit entries commit together. When the
// audit lines cannot be written after the records were (here: the audit log is past the
// process's file-size limit, so its append fails with EFBIG), the change is undone: the
// previous snapshot renamed back, or the journal cut back; E_IO says nothing changed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { run, initHome, issueKey, BIN, baseEnv, ROOT } from '../helpers/cli.js';
import { appendAudit } from '../../dist/home/audit.js';

/** Runs a command with a 64 KiB file-size limit (SIGXFSZ ignored: the write fails with EFBIG). */
function limited(cmd, { home, env = {} }) {
  const r = spawnSync('bash', ['-c', `trap '' XFSZ; ulimit -f 64; exec "$@"`, 'bash', ...cmd], { env: baseEnv(home, env), encoding: 'utf8', cwd: ROOT });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function bigAudit(home) {
  const events = /** @type {any[]} */ (
    Array.from({ length: 500 }, () => ({ action: 'owner.login', id: null, kind: 'owner', outcome: 'ok', note: 'y'.repeat(100) }))
  );
  appendAudit(join(home, 'audit.log'), events, Date.now());
  assert.ok(readFileSync(join(home, 'audit.log')).length > 64 * 1024);
}

const files = (home) =>
  Object.fromEntries(
    readdirSync(home)
      .filter((n) => n !== 'clock.json')
      .map((n) => [n, readFileSync(join(home, n), 'utf8')]),
  );

test('snapshot write, then the audit append fails: the previous snapshot is put back, exit 3 E_IO, nothing changed', async (t) => {
  const home = await initHome(t);
  const k = await issueKey(home, [], 'k');
  bigAudit(home);
  const before = files(home);
  const r = limited([process.execPath, BIN, 'keys', 'revoke', k.id, '--json'], { home });
  assert.equal(r.code, 3, r.stderr);
  const err = JSON.parse(r.stderr).error;
  assert.equal(err.code, 'E_IO');
  assert.match(err.message, /undone|nothing was changed/);
  assert.deepEqual(files(home), before, 'the change stayed without its audit entry');
  assert.equal((await run(['keys', 'verify'], { home, env: { B3IQ_LOCAL_KEY: k.token } })).code, 0, 'the key was revoked without an audit entry');
  assert.equal((await run(['audit', '--verify'], { home })).code, 0);
});

test('journal append, then the audit append fails: the journal is cut back, nothing changed', async (t) => {
  const home = await initHome(t);
  const k = await issueKey(home, [], 'k');
  bigAudit(home);
  const before = files(home);
  const script = `
    const { openStore } = await import(${JSON.stringify(join(ROOT, 'dist', 'credentials', 'store.js'))});
    const s = await openStore({ home: process.env.B3IQ_HOME, live: false, journal: { compactBelowBytes: 0, maxJournalBytes: 1 << 20 } });
    try { await s.revoke(process.env.ID); console.log('revoked'); } catch (e) { console.log(e.code); }`;
  const r = limited([process.execPath, '--input-type=module', '-e', script], { home, env: { ID: k.id } });
  assert.equal(r.stdout.trim(), 'E_IO', r.stderr);
  assert.deepEqual(files(home), before);
  assert.equal((await run(['keys', 'verify'], { home, env: { B3IQ_LOCAL_KEY: k.token } })).code, 0);
});
