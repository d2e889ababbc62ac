import { B3iqError, errnoCode } from '../core/errors.js';
import { createExclusive, writeAllAndClose } from '../fs/files.js';
import type { Context } from './context.js';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The contract's "shown once" rule (docs/contract.md 1.3), decided before anything is issued so a
 * refusal issues nothing: --out FILE (exclusive, 0600), --out - (stdout, deliberately),
 * a terminal (once, with a warning), or refused when stdout is not a terminal.
 */
export type OneTimeTarget =
  | { mode: 'file'; file: string; fd: number; written?: boolean }
  | { mode: 'stdout' }
  | { mode: 'terminal' }
  /** `where`: filled in once saved, saying truthfully where the secret went. */
  | { mode: 'keychain'; where?: string };

export function planOneTime(ctx: Context, opts: { out?: string | undefined; save?: string | undefined }, what: string): OneTimeTarget {
  if (opts.save !== undefined) {
    if (opts.save !== 'keychain') throw new B3iqError('E_USAGE', `--save takes "keychain".`);
    if (opts.out !== undefined) throw new B3iqError('E_USAGE', '--out and --save keychain cannot be combined.', { hint: 'Choose one place for the secret.' });
    return { mode: 'keychain' };
  }
  if (opts.out === '-') return { mode: 'stdout' };
  if (opts.out !== undefined) {
    if (opts.out === '') throw new B3iqError('E_USAGE', '--out needs a file name, or - for stdout.');
    return claimOutFile(ctx, opts.out);
  }
  if (ctx.io.stdout.isTTY) return { mode: 'terminal' };
  throw new B3iqError('E_STDOUT_NOT_TTY', `Refusing to print a new ${what} to a stdout that is not a terminal (often a CI log); nothing was issued.`, {
    hint: 'Write it to a file with --out FILE, or ask for it on stdout with --out -.',
  });
}

/** A new 0600 file for the secret, created exclusively now, before anything is issued. */
export function claimOutFile(ctx: Context, out: string): OneTimeTarget & { mode: 'file' } {
  const file = path.resolve(ctx.io.cwd, out);
  return { mode: 'file', file, fd: createExclusive(file) };
}

/**
 * For --out FILE: the secret is written and synced to the file under the store's lock,
 * before the credential commits (the library calls this back with the token); a write
 * that fails (ENOSPC, EIO, …) issues nothing: E_IO, exit 3, and abandonOneTime removes
 * the file. Other targets deliver after the commit.
 */
export function deliverFirst(target: OneTimeTarget, toText: (token: string) => string = (t) => t): ((token: string) => void) | undefined {
  if (target.mode !== 'file') return undefined;
  return (token) => {
    try {
      writeAllAndClose(target.fd, toText(token) + '\n');
    } catch (e) {
      target.written = true; // closed: abandonOneTime must not close it again
      const code = errnoCode(e);
      const full = code === 'ENOSPC' || code === 'EDQUOT';
      throw new B3iqError(
        'E_IO',
        `Cannot write the secret to ${target.file} (${full ? 'no space left on the device' : (code ?? 'I/O error')}); nothing was issued and the file was removed.`,
        {
          hint: full ? 'Free some disk space, or write it elsewhere with --out, and retry.' : 'Check the file system, then retry.',
        },
      );
    }
    target.written = true;
  };
}

/** Undoes the plan when issuing failed: the exclusive file is removed. */
export function abandonOneTime(target: OneTimeTarget): void {
  if (target.mode !== 'file') return;
  if (!target.written) {
    try {
      fs.closeSync(target.fd);
    } catch {
      /* closed */
    }
  }
  try {
    fs.unlinkSync(target.file);
  } catch {
    /* gone */
  }
}

/**
 * Delivers the secret exactly once. `text` is what goes out (the token, or a setup URL).
 * The metadata document never carries the token except with --out - or on a terminal.
 */
export function deliverOneTime(ctx: Context, target: OneTimeTarget, text: string, meta: object, human: string, what: string): void {
  const out = ctx.out;
  switch (target.mode) {
    case 'file':
      if (!target.written) writeAllAndClose(target.fd, text + '\n');
      out.data({ ...meta, file: target.file }, () => undefined);
      out.success(`${human}; the ${what} is in ${target.file} (0600).`);
      return;
    case 'keychain':
      out.data(meta, () => undefined);
      out.success(`${human}; the ${what} is in ${target.where ?? 'the keychain'}.`);
      return;
    case 'stdout':
      if (out.json) out.data({ ...meta, token: text });
      else out.raw(text + '\n');
      out.info(`${human}.`);
      return;
    case 'terminal':
      if (out.json) out.data({ ...meta, token: text });
      else out.raw(text + '\n');
      out.success(`${human}.`);
      out.warn(`store this ${what} now: it is shown only once and cannot be recovered.`);
      return;
  }
}

/**
 * The one-time-secret protocol, written once: `target` was planned before anything was
 * issued (a refusal issues nothing); `issue` gets the callback that writes a --out file
 * under the lock before the credential commits (pass it to the library as `deliver`;
 * `toText` maps the token to what the file holds); if issuing fails, the plan is undone
 * (a claimed file removed: no orphan, no token of a credential never issued); the secret
 * is then delivered exactly once. Returns what was issued.
 */
export async function issueOnce<T>(
  target: OneTimeTarget,
  issue: (first: ((token: string) => void) | undefined) => Promise<T>,
  deliver: (issued: T) => void,
  toText?: (token: string) => string,
): Promise<T> {
  let issued: T;
  try {
    issued = await issue(deliverFirst(target, toText));
  } catch (e) {
    abandonOneTime(target);
    throw e;
  }
  deliver(issued);
  return issued;
}
