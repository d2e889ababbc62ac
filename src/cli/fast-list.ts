import { writeSync } from 'node:fs';
import { keychainModeOf } from '../core/keychain-mode.js';
import { openStore } from '../credentials/store.js';
import { resolveHome } from '../home/paths.js';
import { jsonDocument } from './json-document.js';

/**
 * `b3iq keys list --json [--all]`, the one command a script runs over and over, without
 * commander, the command tree or the process streams (docs/performance.md, Start-up).
 * bin/b3iq.js loads this file alone (dist/cli/list.bundle.cjs) for exactly those words.
 *
 * It opens the store as the command does and prints the same document, or returns
 * undefined without having printed anything: then the whole CLI runs the command again
 * and says what went wrong in its own words (a refusal, a corrupt or unsafe file, a usage
 * error). So every check and every message stays the command's own.
 */
export async function fastKeysList(argv: readonly string[], env: NodeJS.ProcessEnv, cwd: string): Promise<number | undefined> {
  const all = fastListArgs(argv);
  if (all === undefined) return undefined;
  let text: string;
  try {
    keychainModeOf(env); // an invalid B3IQ_KEYCHAIN is a usage error for every command
    const store = await openStore({ home: resolveHome(undefined, env, cwd), live: false });
    try {
      // A saved copy of a key that ended (a rotation's grace) is removed by the command itself.
      if (store.hasStaleSavedCopies()) return undefined;
      text = jsonDocument(store.list({ kind: 'local', all }));
    } finally {
      store.close();
    }
  } catch {
    return undefined;
  }
  return writeAll(text) ? 0 : 1;
}

/** `keys list --json`, with `--all` at most once, in any order after `keys list`: whether --all was given; else undefined. */
export function fastListArgs(argv: readonly string[]): boolean | undefined {
  if (argv.length < 3 || argv.length > 4 || argv[0] !== 'keys' || argv[1] !== 'list') return undefined;
  const rest = argv.slice(2);
  const json = rest.filter((a) => a === '--json').length;
  const all = rest.filter((a) => a === '--all').length;
  return json === 1 && json + all === rest.length && all <= 1 ? all === 1 : undefined;
}

/**
 * The whole text to fd 1; false when it could not all be written. A pipe a parent made
 * non-blocking may take it in parts (EAGAIN: wait a moment and go on); a reader that went
 * away (EPIPE, `| head`) ends the output quietly with exit code 1, as the command's
 * stream ends it.
 */
function writeAll(text: string): boolean {
  let buf: Buffer | undefined;
  let off = 0;
  for (;;) {
    try {
      // The string as is first (no Buffer copy of a large document); bytes only after a partial write.
      if (buf === undefined) {
        const n = writeSync(1, text);
        if (n === Buffer.byteLength(text)) return true;
        buf = Buffer.from(text, 'utf8');
        off = n;
      }
      if (off >= buf.length) return true;
      off += writeSync(1, buf, off, buf.length - off);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') return false;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2);
    }
  }
}
