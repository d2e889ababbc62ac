import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { credentialTable } from '../../render.js';
import { sweepStaleCopies } from './shared.js';

export interface KeysListOptions {
  all?: boolean;
}

export function configure(cmd: Command): Command {
  return cmd.option('--all', 'include revoked and expired keys');
}

export async function run(opts: KeysListOptions, ctx: Context): Promise<void> {
  const store = await ctx.store();
  await sweepStaleCopies(ctx); // copies of keys that ended since (a rotation's grace): removed first
  const rows = store.list({ kind: 'local', all: opts.all === true });
  ctx.out.data(rows, () => credentialTable(rows));
  if (rows.length === 0) ctx.out.info(opts.all ? 'No local keys.' : 'No live local keys (see --all).');
}
