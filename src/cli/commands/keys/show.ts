import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { B3iqError } from '../../../core/errors.js';
import { credentialDetail } from '../../render.js';
import { safeId } from '../../../credentials/policy.js';
import { withKindHint } from '../../kind-commands.js';
import { idsArgument } from '../../program-helpers.js';
import { sweepStaleCopies } from './shared.js';

export interface KeysShowOptions {
  id: string;
}

export function configure(cmd: Command): Command {
  return cmd.addArgument(idsArgument('<id>', 'the key id (lk_…)', 'local-all'));
}

export async function run(opts: KeysShowOptions, ctx: Context): Promise<void> {
  const store = await ctx.store();
  await sweepStaleCopies(ctx);
  const r = store.get(opts.id);
  if (r?.kind !== 'local') {
    if (safeId(opts.id) !== opts.id)
      throw new B3iqError('E_NOT_FOUND', 'Not a local key id.', { hint: 'Ids look like lk_…; see: b3iq keys list --all', facts: { argValue: opts.id } });
    throw withKindHint(new B3iqError('E_NOT_FOUND', `No local key with id ${opts.id}.`), 'local', opts.id);
  }
  // Children (short-lived request-config credentials) are shown under their parent.
  const children = store.childrenOf(r.id, { all: true });
  ctx.out.data(children.length > 0 ? { ...r, children } : r, () => credentialDetail(r, children));
}
