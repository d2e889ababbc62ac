import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { credentialTable } from '../../render.js';

export interface SupportListOptions {
  all?: boolean;
}

export function configure(cmd: Command): Command {
  return cmd.option('--all', 'include revoked and expired grants');
}

export async function run(opts: SupportListOptions, ctx: Context): Promise<void> {
  const store = await ctx.store();
  const rows = store.list({ kind: 'support', all: opts.all === true });
  ctx.out.data(rows, () => credentialTable(rows));
  if (rows.length === 0) ctx.out.info(opts.all ? 'No support grants.' : 'No live support grants (see --all).');
}
