import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { CredentialView } from '../../../credentials/records.js';

export interface KeysRevokeOptions {
  ids: string[];
  reason?: string;
}

export function configure(cmd: Command): Command {
  return cmd
    .argument('<ids...>', 'key ids (lk_…)')
    .option('--reason <text>', 'why, kept in the record and the audit log');
}

export async function run(opts: KeysRevokeOptions, ctx: Context): Promise<void> {
  const store = await ctx.store();
  const done: CredentialView[] = [];
  for (const id of opts.ids) {
    const r = await store.revoke(id, { reason: opts.reason ?? null, kind: 'local' });
    done.push(r.credential);
    ctx.out.success(r.changed ? `Revoked ${id}.` : `${id} was already revoked.`);
  }
  ctx.out.data(done, () => undefined);
}
