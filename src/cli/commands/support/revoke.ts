import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { revokeCredentials } from '../../revoke.js';
import { idsArgument } from '../../program-helpers.js';

export interface SupportRevokeOptions {
  ids: string[];
  all?: boolean;
  reason?: string;
}

export function configure(cmd: Command): Command {
  return cmd
    .addArgument(idsArgument('[ids...]', 'grant ids (sg_…)', 'support-live'))
    .option('--all', 'revoke every live support grant')
    .option('--reason <text>', 'why, kept in the record and the audit log');
}

export async function run(opts: SupportRevokeOptions, ctx: Context): Promise<void> {
  await revokeCredentials(ctx, 'support', { ids: opts.ids ?? [], all: opts.all, reason: opts.reason, allowAll: true });
}
