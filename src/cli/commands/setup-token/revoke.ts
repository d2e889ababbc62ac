import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { revokeCredentials } from '../../revoke.js';
import { idsArgument } from '../../program-helpers.js';

export interface SetupTokenRevokeOptions {
  ids: string[];
  all?: boolean;
  reason?: string;
}

export function configure(cmd: Command): Command {
  return cmd
    .addArgument(idsArgument('[ids...]', 'setup token ids (st_…)', 'setup-live'))
    .option('--all', 'revoke every live setup token')
    .option('--reason <text>', 'why, kept in the record and the audit log');
}

/** An exposed setup token lets its holder reset the owner password until it expires: revoke it. */
export async function run(opts: SetupTokenRevokeOptions, ctx: Context): Promise<void> {
  await revokeCredentials(ctx, 'setup', { ids: opts.ids ?? [], all: opts.all, reason: opts.reason, allowAll: true });
}
