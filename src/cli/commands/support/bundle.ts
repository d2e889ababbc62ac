import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { parseDuration } from '../../../core/durations.js';
import { collectAny } from '../../program-helpers.js';
import { VERSION } from '../../../core/version.js';

export interface SupportBundleOptions {
  out?: string;
  logs?: string[];
  since?: string;
  dryRun?: boolean;
}

export function configure(cmd: Command): Command {
  return cmd
    .option('--out <file>', 'the bundle to create (never overwritten; default b3iq-support-<UTC time>.tar.gz here)')
    .option('--logs <path>', 'a log file or folder to include, redacted (repeatable)', collectAny)
    .option('--since <duration>', 'only log lines stamped within this long ago (e.g. 2h, 3d)')
    .option('--dry-run', 'print the manifest and what would be included; write nothing');
}

export async function run(opts: SupportBundleOptions, ctx: Context): Promise<void> {
  const now = ctx.clock();
  const sinceMs = opts.since === undefined ? undefined : (parseDuration(opts.since, { flag: '--since' }) ?? undefined);
  if (opts.out === '-') {
    const { B3iqError } = await import('../../../core/errors.js');
    throw new B3iqError('E_USAGE', '--out needs a file name; a bundle is not written to stdout.', {
      hint: 'Omit --out for b3iq-support-<time>.tar.gz in this folder.',
    });
  }
  const { buildBundle } = await import('../../../bundle/index.js');
  const r = await buildBundle({
    home: ctx.home,
    cwd: ctx.io.cwd,
    env: ctx.env,
    now,
    toolVersion: VERSION,
    out: opts.out,
    logs: opts.logs ?? [],
    since: sinceMs === undefined ? undefined : now - sinceMs,
    dryRun: opts.dryRun === true,
    openStore: () => ctx.store(),
  });
  const total = Object.values(r.redactions).reduce((a, b) => a + b, 0);
  const summary = `${r.files.length} files, ${total} redactions${r.leftOut.length > 0 ? `, ${r.leftOut.length} left out (see the manifest)` : ''}`;
  if (opts.dryRun === true) {
    ctx.out.data(
      { path: null, sha256: null, bytes: null, files: r.files, redactions: r.redactions, leftOut: r.leftOut, dryRun: true, manifest: r.manifest },
      () => JSON.stringify(r.manifest, null, 2),
    );
    ctx.out.info(`Dry run: nothing written. Would include ${summary}:`);
    for (const f of r.files) ctx.out.info(`  ${f.path} (${f.bytes} bytes)`);
    for (const l of r.leftOut) ctx.out.info(`  left out: ${l.path}: ${l.reason}`);
    return;
  }
  ctx.out.data(
    { path: r.path, sha256: r.sha256, bytes: r.bytes, files: r.files, redactions: r.redactions, leftOut: r.leftOut },
    () => `${r.sha256}  ${r.path}`,
  );
  ctx.out.success(`Wrote ${r.path} (${r.bytes} bytes, 0600): ${summary}.`);
  ctx.out.info(`Quote its sha256 to support: ${r.sha256}`);
}
