import * as fs from 'node:fs';
import { isatty } from 'node:tty';
import { B3iqError } from '../core/errors.js';
import type { OutStreamT } from './context.js';
import { checkHttpUrl } from './url.js';

/** The curl config itself, and where it may be written (request-config's pieces). */

/** curl config quoting: inside double quotes, backslash and quote are escaped. */
export function curlQuote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

export function checkUrl(raw: string): string {
  return checkHttpUrl(raw, { example: 'http://127.0.0.1:8080/v1/models' }).href;
}

export function buildConfig(token: string, url: string | undefined, expiresAt?: string | null): string {
  const lines = ['# b3iq request-config: carries a bearer token; keep it private and delete it after use.'];
  if (expiresAt) lines.push(`# The token in it is a short-lived child credential; it stops working at ${expiresAt}.`);
  if (url !== undefined) lines.push(`url = ${curlQuote(url)}`);
  lines.push(`header = ${curlQuote(`Authorization: Bearer ${token}`)}`);
  return lines.join('\n') + '\n';
}

/**
 * What stdout is: a pipe or FIFO (process substitution: the point), a terminal, a regular
 * file private to this user (mode 0600, ours), a file others can read, or something else
 * (/dev/null). A stream with no descriptor (the in-process harness) is a pipe.
 */
export type StdoutKind = 'pipe' | 'terminal' | 'private-file' | 'shared-file' | 'other';

export function stdoutKind(stream: OutStreamT): StdoutKind {
  if (stream.isTTY === true) return 'terminal';
  const fd = (stream as { fd?: unknown }).fd;
  if (typeof fd !== 'number') return 'pipe';
  let st: fs.Stats;
  try {
    st = fs.fstatSync(fd);
  } catch {
    return 'pipe';
  }
  if (st.isFIFO() || st.isSocket()) return 'pipe';
  if (st.isFile()) {
    const ours = typeof process.geteuid !== 'function' || process.geteuid() === st.uid;
    return ours && (st.mode & 0o077) === 0 ? 'private-file' : 'shared-file';
  }
  if (st.isCharacterDevice() && isatty(fd)) return 'terminal';
  return 'other';
}

/** Refuses a terminal, or a file others can read, on stdout: exit 2 with the fix. */
export function checkStdout(kind: StdoutKind, stream: OutStreamT): void {
  if (kind === 'terminal') {
    throw new B3iqError('E_USAGE', 'Refusing to print a bearer token to the terminal.', {
      hint: 'Use it as: curl -K <(b3iq request-config) URL, or write a private file with --out FILE.',
    });
  }
  if (kind === 'shared-file') {
    let mode = '';
    try {
      mode = ` (mode ${(fs.fstatSync((stream as unknown as { fd: number }).fd).mode & 0o777).toString(8)})`;
    } catch {
      /* unknown */
    }
    throw new B3iqError('E_USAGE', `Refusing to write a bearer token to a file on stdout that is not private to you${mode}.`, {
      hint: 'Write it with --out FILE (a new 0600 file), or pipe it: curl -K <(b3iq request-config) URL.',
    });
  }
}
