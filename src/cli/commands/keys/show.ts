import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { B3iqError } from '../../../core/errors.js';
import { credentialDetail } from '../../render.js';

export interface KeysShowOptions {
  id: string;
}

export function configure(cmd: Command): Command {
  return cmd.argument('<id>', 'the key id (lk_…)');
}

export async function run(opts: KeysShowOptions, ctx: Context): Promise<void> {
  const store = await ctx.store();
  const r = store.get(opts.id);
  if (r?.kind !== 'local') {
    throw new B3iqError('E_NOT_FOUND', `No local key with id ${/^[A-Za-z0-9_]{1,40}$/.test(opts.id) ? opts.id : '(invalid id)'}.`, { hint: 'See: b3iq keys list --all' });
  }
  ctx.out.data(r, () => credentialDetail(r));
}
