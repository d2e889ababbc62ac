import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { revokeCredentials } from '../../revoke.js';
import { removeSavedCopy, sweepStaleCopies } from './shared.js';
import { idsArgument } from '../../program-helpers.js';

export interface KeysRevokeOptions {
  ids: string[];
  reason?: string;
}

export function configure(cmd: Command): Command {
  return cmd.addArgument(idsArgument('<ids...>', 'key ids (lk_…)', 'local-live')).option('--reason <text>', 'why, kept in the record and the audit log');
}

/** Revokes, then removes the key's saved copy (keychain or 0600 file) if it has one. */
export async function run(opts: KeysRevokeOptions, ctx: Context): Promise<void> {
  await revokeCredentials(ctx, 'local', { ids: opts.ids, reason: opts.reason, allowAll: false }, (r) => removeSavedCopy(ctx, r.id));
  await sweepStaleCopies(ctx);
}
