import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { B3iqError } from '../../../core/errors.js';
import { credentialDetail } from '../../render.js';
import { safeId } from '../../../credentials/policy.js';

export interface KeysShowOptions {
  id: string;
}

export function configure(cmd: Command): Command {
  return cmd.argument('<id>', 'the key id (lk_…)');
}

export async function run(opts: KeysShowOptions, ctx: Context): Promise<void> {
  const store = await ctx.store();
  const r = store.get(opts.id);
  if (!r || r.kind !== 'local') {
    if (safeId(opts.id) !== opts.id) throw new B3iqError('E_NOT_FOUND', 'Not a local key id.', { hint: 'Ids look like lk_…; see: b3iq keys list --all', facts: { argValue: opts.id } });
    throw new B3iqError('E_NOT_FOUND', `No local key with id ${opts.id}.`, { hint: 'See: b3iq keys list --all' });
  }
  ctx.out.data(r, () => credentialDetail(r));
}
