// Shared by the reliability suite: spawning writers, collecting their acknowledgements,
// and checking a home's invariants after a crash or a race.
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { ROOT, BIN, baseEnv } from '../helpers/cli.js';
import { mulberry32 } from '../helpers/prng.js';

export const WRITER = join(ROOT, 'test', 'fixtures', 'reliability', 'writer.js');
export { ROOT, BIN, baseEnv };

/** Scales every count by B3IQ_RELIABILITY_SCALE (default 1; CI on other Node versions may use less). */
export const SCALE = Number(process.env.B3IQ_RELIABILITY_SCALE) > 0 ? Number(process.env.B3IQ_RELIABILITY_SCALE) : 1;
export const scaled = (n, min = 1) => Math.max(min, Math.round(n * SCALE));

/** A seeded PRNG (mulberry32), so a failing round can be replayed with its seed. */
export const prng = mulberry32;

/**
 * Starts a process and collects its stdout lines; `kill()` SIGKILLs it, `done` resolves
 * with { code, signal, lines, stderr } once it is gone.
 */
/**
 * @param {string} cmd
 * @param {string[]} args
 * @param {{ env?: Record<string, string | undefined>, input?: string | Buffer }} [opts]
 */
export function start(cmd, args, { env, input } = {}) {
  const child = spawn(cmd, args, { cwd: ROOT, env: env ?? baseEnv(undefined), stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (d) => (out += d));
  child.stderr.setEncoding('utf8').on('data', (d) => (err += d));
  if (input !== undefined) {
    child.stdin.on('error', () => {});
    child.stdin.end(input);
  }
  const done = new Promise((resolve) => {
    child.on('close', (code, signal) => {
      // Only whole lines count: a line cut by the kill was never acknowledged.
      const lines = out.split('\n');
      lines.pop();
      resolve({ code, signal, lines, stdout: out, stderr: err });
    });
  });
  return { child, pid: child.pid, done, kill: () => child.kill('SIGKILL') };
}

/** @param {Record<string, string>} [env] extra environment (WRITER_JOURNAL, WRITER_AUDIT_SEGMENT) */
export function startWriter(home, ops = 'issue', count = 'Infinity', env = {}) {
  return start(process.execPath, [WRITER, home, ops, String(count)], { env: { ...baseEnv(undefined), ...env } });
}

/**
 * @param {string[]} args
 * @param {string} home
 * @param {{ env?: Record<string, string | undefined>, input?: string | Buffer }} [opts]
 */
export function startCli(args, home, { env = {}, input } = {}) {
  return start(process.execPath, [BIN, ...args], { env: baseEnv(home, env), input });
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The raw credentials document, parsed with nothing but JSON.parse. */
export function rawRecords(home) {
  return JSON.parse(readFileSync(join(home, 'credentials.json'), 'utf8'));
}

export function tempNames(home) {
  return readdirSync(home).filter((n) => n.startsWith('.tmp-'));
}

export function lockPid(home) {
  const f = join(home, 'lock');
  if (!existsSync(f)) return undefined;
  try {
    return JSON.parse(readFileSync(f, 'utf8')).pid ?? 0;
  } catch {
    return 0; // torn: created, never written
  }
}

/** No two records share an id or a hash. */
export function assertNoDuplicates(doc) {
  const ids = new Set();
  const hashes = new Set();
  for (const c of doc.credentials) {
    assert.ok(!ids.has(c.id), `duplicate id ${c.id}`);
    assert.ok(!hashes.has(c.hash), `duplicate hash for ${c.id}`);
    ids.add(c.id);
    hashes.add(c.hash);
  }
}
