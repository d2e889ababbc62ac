// Spawns the real b3iq binary against a temporary home, with real pipes and files.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = join(ROOT, 'bin', 'b3iq.js');

/** A fresh temporary folder; the returned home is not created (init creates it). */
export function tempDir(prefix = 'b3iq-test-') {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function tempHome(t) {
  const dir = tempDir();
  t?.after?.(() => rmSync(dir, { recursive: true, force: true }));
  return join(dir, 'home');
}

/**
 * A minimal environment: no inherited B3IQ_* variables, no colour.
 * @param {string | undefined} home
 * @param {Record<string, string | undefined>} [extra]
 * @returns {Record<string, string | undefined>}
 */
export function baseEnv(home, extra = {}) {
  const env = { PATH: process.env.PATH, HOME: process.env.HOME ?? '/root', NO_COLOR: '1', LANG: 'C.UTF-8' };
  if (home) env.B3IQ_HOME = home;
  return { ...env, ...extra };
}

/**
 * @typedef {object} SpawnOptions
 * @property {string} [home] B3IQ_HOME for the run.
 * @property {Record<string, string | undefined>} [env] Extra environment (over baseEnv).
 * @property {string | Buffer} [input] Piped to stdin, then closed.
 * @property {string} [cwd] Working folder (default: the repository root).
 * @property {number} [timeout] Kill the process after this many ms (default 20 s).
 * @property {'pipe'} [stdin] 'pipe': an open stdin pipe even without input.
 */

/**
 * @typedef {object} SpawnResult
 * @property {number} code
 * @property {NodeJS.Signals | null} signal
 * @property {string} stdout
 * @property {string} stderr
 * @property {number} ms
 */

/**
 * Runs b3iq. `input`: a string or Buffer piped to stdin (stdin is /dev/null when absent,
 * as in CI). Resolves { code, stdout, stderr, ms }.
 * @param {string[]} args
 * @param {SpawnOptions} [opts]
 * @returns {Promise<SpawnResult>}
 */
export function run(args, { home, env = {}, input, cwd, timeout = 20_000, stdin } = {}) {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: cwd ?? ROOT,
      env: baseEnv(home, env),
      stdio: [input !== undefined || stdin === 'pipe' ? 'pipe' : 'ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`b3iq ${args.join(' ')} timed out after ${timeout} ms\nstderr: ${stderr}`));
    }, timeout);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? (signal ? 128 : -1), signal, stdout, stderr, ms: Date.now() - started });
    });
    if (child.stdin) {
      child.stdin.on('error', () => {});
      if (input !== undefined) child.stdin.end(input);
    }
  });
}

/**
 * run() that asserts the exit code and returns the result.
 * @param {string[]} args
 * @param {SpawnOptions} [opts]
 * @param {number} [expected]
 */
export async function ok(args, opts = {}, expected = 0) {
  const r = await run(args, opts);
  if (r.code !== expected) throw new Error(`b3iq ${args.join(' ')} exited ${r.code}, expected ${expected}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
  return r;
}

export async function initHome(t) {
  const home = tempHome(t);
  await ok(['init'], { home });
  return home;
}

/** Issues a local key and returns { id, token } (token via --out - --json). */
export async function issueKey(home, extra = [], name = 'test') {
  const r = await ok(['keys', 'create', '--name', name, '--out', '-', '--json', ...extra], { home });
  const doc = JSON.parse(r.stdout);
  return { id: doc.id, token: doc.token, doc };
}

/** Every file under dir, recursively, as { path, data }. */
export function readTree(dir) {
  const out = [];
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      const st = statSync(full);
      if (st.isDirectory()) walk(full);
      else out.push({ path: full, data: readFileSync(full) });
    }
  };
  walk(dir);
  return out;
}

/** `node ARGS` run to its end in the repository, with `env` and captured output. */
export const nodeSync = (args, env) => spawnSync(process.execPath, args, { cwd: ROOT, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/**
 * The command through the ES modules' `main()` (commander, the command tree, process
 * streams), not the bundle bin/b3iq.js runs: what the bundles must match.
 */
export const viaModules = (argv, env) =>
  nodeSync(
    [
      '--input-type=module',
      '-e',
      `const { main } = await import(${JSON.stringify(join(ROOT, 'dist', 'cli', 'main.js'))}); process.exitCode = await main(${JSON.stringify(argv)});`,
    ],
    env,
  );
