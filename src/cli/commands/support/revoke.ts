import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { B3iqError } from '../../../core/errors.js';
import type { CredentialView } from '../../../credentials/records.js';

export interface SupportRevokeOptions {
  ids: string[];
  all?: boolean;
  reason?: string;
}

export function configure(cmd: Command): Command {
  return cmd
    .argument('[ids...]', 'grant ids (sg_…)')
    .option('--all', 'revoke every live support grant')
    .option('--reason <text>', 'why, kept in the record and the audit log');
}

export async function run(opts: SupportRevokeOptions, ctx: Context): Promise<void> {
  const ids = opts.ids ?? [];
  if (opts.all === true && ids.length > 0) {
    throw new B3iqError('E_USAGE', 'Give grant ids or --all, not both.', { hint: 'b3iq support revoke sg_… | b3iq support revoke --all' });
  }
  if (opts.all !== true && ids.length === 0) {
    throw new B3iqError('E_USAGE', 'Nothing to revoke: give grant ids or --all.', { hint: 'See: b3iq support list' });
  }
  const store = await ctx.store();
  if (opts.all === true) {
    const done = await store.revokeAllSupport(opts.reason ?? null);
    ctx.out.success(done.length === 0 ? 'No live support grants to revoke.' : `Revoked ${done.length} support grant${done.length === 1 ? '' : 's'}: ${done.map((d) => d.id).join(', ')}.`);
    ctx.out.data(done, () => undefined);
    return;
  }
  const done: CredentialView[] = [];
  for (const id of ids) {
    const r = await store.revoke(id, { reason: opts.reason ?? null, kind: 'support' });
    done.push(r.credential);
    ctx.out.success(r.changed ? `Revoked ${id}.` : `${id} was already revoked.`);
  }
  ctx.out.data(done, () => undefined);
}
