// Runs b3iq on a real pseudo-terminal (python3's pty module), answering prompts.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { BIN, ROOT, baseEnv } from './cli.js';

const HELPER = join(ROOT, 'test', 'helpers', 'pty-run.py');

/**
 * script: [[expectText, typed], …]. Resolves { code, screen } where screen is everything
 * the terminal showed (stdout and stderr are both the terminal).
 * `shell` runs a /bin/sh command line instead of b3iq args (e.g. to pipe into b3iq while
 * the prompt still reaches the terminal through /dev/tty).
 */
/**
 * @param {string[]} args
 * @param {{ home?: string, env?: Record<string, string>, script?: [string, string][], timeout?: number, shell?: string }} [opts]
 * @returns {Promise<{ code: number | null, screen: string, helperErr: string }>}
 */
export function runPty(args, { home, env = {}, script = [], timeout = 20, shell } = {}) {
  const cmd = shell ? ['/bin/sh', '-c', shell] : [process.execPath, BIN, ...args];
  return new Promise((resolve, reject) => {
    const child = spawn('python3', [HELPER, JSON.stringify(script), String(timeout), '--', ...cmd], {
      env: { ...baseEnv(home, env), B3IQ_BIN: BIN, NODE: process.execPath },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let screen = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (screen += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, screen, helperErr: err }));
  });
}
