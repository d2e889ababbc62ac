import type { IO } from './context.js';

/**
 * The real process streams: the one door to the terminal. Kept in a module of its own so
 * main.ts can have it without loading context.ts (node:tty, kleur) before a command runs.
 */
export function processIO(): IO {
  return {
    // Lazy: creating process.stdin costs time and, for a TTY, a handle.
    get stdin() {
      return process.stdin as IO['stdin'];
    },
    stdout: process.stdout as IO['stdout'],
    stderr: process.stderr as IO['stderr'],
    env: process.env,
    cwd: process.cwd(),
  };
}
