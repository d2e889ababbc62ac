// Shared helpers for `npm run bench`: temp homes, synthetic records, timing, child runs.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const BIN = join(ROOT, 'bin', 'b3iq.js');
export const dist = (p) => import(join(ROOT, 'dist', p));

const cleanups = [];
export function tempDir(prefix = 'b3iq-bench-') {
  const d = mkdtempSync(join(tmpdir(), prefix));
  cleanups.push(() => rmSync(d, { recursive: true, force: true }));
  return d;
}
export function cleanup() {
  while (cleanups.length) cleanups.pop()();
}

/** A fresh initialised home (through the library, as `b3iq init` does). */
export async function freshHome() {
  const { initHome } = await dist('index.js');
  const home = join(tempDir(), 'home');
  await initHome(home);
  return home;
}

/**
 * Fills credentials.json with n local keys in the documented format (one record per line)
 * and returns their tokens. Writing the file directly keeps set-up O(n); issuing 100 000
 * keys one by one would itself be the quadratic cost being measured.
 */
export async function seedKeys(home, n, { keepTokens = true } = {}) {
  const { generateToken, generateId } = await dist('core/tokens.js');
  const now = new Date().toISOString();
  const tokens = [];
  const lines = [];
  for (let i = 0; i < n; i++) {
    const token = generateToken('local');
    if (keepTokens) tokens.push(token);
    lines.push(
      JSON.stringify({
        id: generateId('local'),
        kind: 'local',
        name: `bench-${i}`,
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
  const head = `{"schemaVersion":1,"generation":1,"clockHighWater":"${now}","credentials":[`;
  const file = join(home, 'credentials.json');
  writeFileSync(file, `${head}${lines.length ? `\n${lines.join(',\n')}\n` : ''}]}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return tokens;
}

export function baseEnv(home, extra = {}) {
  const env = { PATH: process.env.PATH, HOME: process.env.HOME ?? '/root', NO_COLOR: '1', LANG: 'C.UTF-8' };
  if (home) env.B3IQ_HOME = home;
  return { ...env, ...extra };
}

/** Runs a command to completion synchronously; returns wall ms. */
export function timeSync(cmd, args, opts = {}) {
  const t = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 28, ...opts });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0 && !opts.allowFail) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return { ms, r };
}

/** @param {string[]} args @param {{ home?: string, input?: string, allowFail?: boolean }} [opts] */
export function b3iq(args, { home, input, allowFail } = {}) {
  return timeSync(process.execPath, [BIN, ...args], { env: baseEnv(home), input, allowFail, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
}

/** @param {string[]} args @param {{ home?: string }} [opts] */
export function spawnB3iq(args, { home } = {}) {
  return spawn(process.execPath, [BIN, ...args], { env: baseEnv(home), stdio: ['ignore', 'pipe', 'pipe'] });
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
export function pct(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}
export const fmt = (x, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : String(x));
