import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Command } from 'commander';
import type { Context } from '../context.js';
import { B3iqError, errnoCode, isB3iqError, ExitCode, type ExitCodeValue } from '../../core/errors.js';
import { argRef } from '../arg-echo.js';
import type { NodeStore as Store } from '../../owner/node-store.js';
import { newStats, scanHistory, scanPaths, type Finding } from '../../scan/scanner.js';
import { storeClassifier } from '../../scan/classify.js';
import { KINDS } from '../../core/credential-kinds.js';
import { displayPath, table } from '../render.js';
import { sweepStaleCopies } from '../saved-copies.js';

export interface ScanOptions {
  paths?: string[];
  history?: boolean;
  revoke?: boolean;
  includeVendored?: boolean;
}

export function configure(cmd: Command): Command {
  return cmd
    .argument('[paths...]', 'files or folders to scan (default: the current folder, unless --history is given)')
    .option('--history', 'also scan shell history ($HISTFILE, bash, zsh and fish history under $HOME)')
    .option('--revoke', 'revoke every live credential of this node that is found')
    .option('--include-vendored', 'also walk node_modules, .git, .hg and .svn folders (skipped and counted by default)');
}

/** The store when the home is initialised; undefined (not an error) when it is not. */
export async function optionalStore(ctx: Context): Promise<Store | undefined> {
  try {
    return await ctx.store();
  } catch (e) {
    if (isB3iqError(e) && e.code === 'E_NOT_INITIALISED') return undefined;
    throw e;
  }
}

/**
 * A path named on the command line must be readable: a typo in a CI gate must fail (exit 2),
 * not scan nothing and pass. Named by position: the argument may be anything.
 */
function checkNamed(ctx: Context, named: string): string {
  const full = path.resolve(ctx.io.cwd, named);
  try {
    if (fs.statSync(full).isDirectory()) fs.readdirSync(full);
    else fs.closeSync(fs.openSync(full, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK));
  } catch (e) {
    throw new B3iqError('E_BAD_INPUT', `The path named in ${argRef(ctx.argv, named)} cannot be read (${errnoCode(e) ?? 'error'}).`, {
      hint: 'Check the path and its permissions; scan names files or folders that exist.',
    });
  }
  return full;
}

function display(ctx: Context, file: string): string {
  return displayPath(ctx.io.cwd, file);
}

export async function run(opts: ScanOptions, ctx: Context): Promise<ExitCodeValue> {
  const store = await optionalStore(ctx);
  if (!store) {
    if (opts.revoke)
      throw new B3iqError('E_NOT_INITIALISED', `No b3iq config at ${ctx.home}: nothing to revoke.`, {
        hint: 'Run without --revoke, or point --home at the node.',
      });
    ctx.out.warn(`no b3iq config at ${ctx.home}: findings cannot be matched to live credentials.`);
  }
  const classify = storeClassifier(store);
  const stats = newStats();
  const targets = (opts.paths ?? []).map((p) => checkNamed(ctx, p));
  if (targets.length === 0 && !opts.history) targets.push(ctx.io.cwd);
  const started = Date.now();
  const findings: Finding[] = [];
  if (targets.length > 0) findings.push(...scanPaths(targets, { classify, includeVendored: opts.includeVendored === true }, stats).findings);
  let historyFiles: string[] = [];
  if (opts.history) {
    const h = scanHistory(ctx.env, { classify }, stats);
    historyFiles = h.files;
    findings.push(...h.findings);
  }
  for (const f of findings) f.file = display(ctx, f.file);
  const ms = Date.now() - started;

  const revoked: string[] = [];
  if (opts.revoke && store) {
    const ids = [...new Set(findings.filter((f) => f.live && f.id !== null).map((f) => f.id!))];
    const sessions = ids.filter((id) => id.startsWith('os_'));
    if (sessions.length > 0) revoked.push(...(await store.revokeOwnerSessions(sessions)).revoked);
    for (const id of ids.filter((x) => !x.startsWith('os_'))) {
      const r = await store.revoke(id, { reason: 'exposed: found by b3iq scan' });
      if (r.changed) revoked.push(id);
    }
    for (const f of findings) if (f.id !== null && revoked.includes(f.id)) f.live = false;
    // An exposed key's saved copy goes with it (keychain entry or fallback file).
    if (revoked.length > 0) await sweepStaleCopies(ctx);
  }

  ctx.out.data({ findings, revoked: opts.revoke ? revoked : undefined, files: stats.files, skipped: stats.skipped }, () => {
    if (findings.length === 0) return undefined;
    const rows = findings.map((f) => [
      `${f.file}:${f.line}`,
      KINDS[f.kind]?.noun ?? f.kind,
      f.id ?? '-',
      f.id === null ? 'not a credential of this node' : revoked.includes(f.id) ? 'revoked now' : f.live ? 'LIVE' : 'no longer valid',
    ]);
    return table(rows);
  });

  const s = stats.skipped;
  const skippedText = [
    s.folders && `${s.folders} vendored or version-control folder(s) (--include-vendored scans them)`,
    s.binary && `${s.binary} binary`,
    s.tooLarge && `${s.tooLarge} over 16 MiB`,
    s.unreadable && `${s.unreadable} unreadable`,
  ]
    .filter(Boolean)
    .join(', ');
  ctx.out.info(
    `Scanned ${stats.files} file(s)${opts.history ? ` (${historyFiles.length} history file(s))` : ''} in ${ms} ms${skippedText ? `; skipped ${skippedText}` : ''}.`,
  );
  for (const id of revoked) ctx.out.success(`Revoked ${id} (it was exposed in a scanned file).`);
  if (findings.length === 0) {
    ctx.out.success('No b3iq tokens found.');
    return ExitCode.ok;
  }
  const live = findings.filter((f) => f.live);
  if (live.length > 0) {
    const ids = [...new Set(live.map((f) => f.id!))];
    ctx.out.warn(
      `${ids.length} live credential(s) of this node exposed: ${ids.join(', ')}. Revoke or rotate them (b3iq scan --revoke …), then remove the token from the files.`,
    );
  } else {
    ctx.out.warn(`${findings.length} b3iq token(s) found; remove them from the files${opts.history ? ' and history' : ''}.`);
  }
  return ExitCode.negative;
}
