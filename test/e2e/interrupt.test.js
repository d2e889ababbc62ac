// Ctrl-C (SIGINT) ends a run with exit code 130 and an E_INTERRUPTED error (a JSON document
// with --json), not death by the signal, which a spawning program sees as no exit code.
// Spawned: signals need the real process.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { BIN, baseEnv, initHome } from '../helpers/cli.js';

/** True once the process catches SIGINT (Linux: bit 2 of SigCgt), i.e. the CLI is listening. */
function catchesSigint(pid) {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^SigCgt:\s*([0-9a-f]+)$/m);
    return line !== null && (BigInt(`0x${line[1]}`) & 2n) !== 0n;
  } catch {
    return false;
  }
}

/** Spawns b3iq with a stdin pipe that never delivers, interrupts it once it listens. */
async function interrupted(args, home) {
  const child = spawn(process.execPath, [BIN, ...args], { env: baseEnv(home), stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
  const closed = new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
  // Without a handler the process never catches SIGINT: give it time, then send it anyway.
  for (let i = 0; i < 100 && !catchesSigint(child.pid); i++) await sleep(100);
  await sleep(200);
  child.kill('SIGINT');
  const { code, signal } = await closed;
  return { code, signal, stdout, stderr };
}

test('SIGINT while waiting for a secret on stdin: exit 130, E_INTERRUPTED, one JSON error with --json', { skip: process.platform !== 'linux' }, async (t) => {
  const home = await initHome(t);
  const human = await interrupted(['keys', 'verify'], home);
  assert.equal(human.signal, null, 'not killed by the signal');
  assert.equal(human.code, 130);
  assert.match(human.stderr, /E_INTERRUPTED/);
  const json = await interrupted(['keys', 'verify', '--json'], home);
  assert.equal(json.code, 130);
  assert.equal(json.stdout, '');
  assert.equal(JSON.parse(json.stderr).error.code, 'E_INTERRUPTED');
  const stream = await interrupted(['redact'], home);
  assert.equal(stream.code, 130);
});
