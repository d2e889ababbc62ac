import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { credentialTable } from '../../render.js';

export interface SetupTokenListOptions {
  all?: boolean;
}

export function configure(cmd: Command): Command {
  return cmd.option('--all', 'include used, revoked and expired setup tokens');
}

export async function run(opts: SetupTokenListOptions, ctx: Context): Promise<void> {
  const store = await ctx.store();
  const rows = store.list({ kind: 'setup', all: opts.all === true });
  ctx.out.data(rows, () => credentialTable(rows));
  if (rows.length === 0) ctx.out.info(opts.all ? 'No setup tokens.' : 'No live setup tokens (see --all).');
}
