// A join SIGKILLed in the middle leaves the previous decision: the rename of
// enrollment.json is the commit point, and the audit line goes with it under the lock.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ok, initHome, BIN, baseEnv } from '../helpers/cli.js';
import { acquireLock } from '../../dist/fs/lock.js';
import { openStore } from '../../dist/index.js';
import { verifyAuditText } from '../../dist/home/audit.js';
import { generateToken } from '../../dist/core/tokens.js';

const PW = 'lantern orchid basalt 91';
const ENV = { B3IQ_OWNER_PASSWORD: PW, B3IQ_KEYCHAIN: 'off', B3IQ_LOCK_TIMEOUT_MS: '60000' };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

test('SIGKILL during join (password checked, waiting for the lock): the previous state stands', async (t) => {
  const home = await initHome(t);
  const token = JSON.parse((await ok(['setup-token', 'create', '--out', '-', '--json'], { home })).stdout).token;
  await ok(['setup'], { home, env: { B3IQ_OWNER_PASSWORD: PW }, input: token });
  await ok(['gateway', 'login'], { home, env: ENV, input: generateToken('gateway') });
  await ok(['enroll', 'join', 'managed', '--yes'], { home, env: ENV });
  const file = join(home, 'enrollment.json');
  const before = readFileSync(file, 'utf8');
  const auditBefore = readFileSync(join(home, 'audit.log'), 'utf8');

  // Hold the home's lock, so the join stops exactly where it would write.
  const lock = await acquireLock(join(home, 'lock'));
  const child = spawn(process.execPath, [BIN, 'enroll', 'join', 'network', '--yes'], { env: baseEnv(home, ENV), stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
  const exited = new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
  const t0 = Date.now();
  while (!stderr.includes('public surface') && Date.now() - t0 < 15_000) await sleep(20);
  assert.match(stderr, /public surface/, 'the join got as far as showing what it shares');
  await sleep(2_000); // argon2id verification, then the wait for the lock
  child.kill('SIGKILL');
  assert.equal((await exited).signal, 'SIGKILL');
  lock.release();

  assert.equal(readFileSync(file, 'utf8'), before, 'enrollment.json is the previous decision, byte for byte');
  assert.equal(readFileSync(join(home, 'audit.log'), 'utf8'), auditBefore, 'no audit line for a change that did not happen');
  const store = await openStore({ home, live: false });
  assert.equal(store.enrollment().network, null);
  assert.notEqual(store.enrollment().managed, null);
  store.close();
  // The next write works at once and leaves no temp files behind.
  await ok(['enroll', 'join', 'network', '--yes'], { home, env: ENV });
  assert.deepEqual(
    readdirSync(home).filter((n) => n.startsWith('.tmp-')),
    [],
  );
  assert.ok(verifyAuditText(readFileSync(join(home, 'audit.log'), 'utf8')).ok);
});
