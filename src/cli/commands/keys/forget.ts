import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { B3iqError } from '../../../core/errors.js';
import { describeRemoved, forgetSavedKey } from '../../../keychain/saved-keys.js';
import { idsArgument } from '../../program-helpers.js';
import { argRef } from '../../arg-echo.js';
import { sweepStaleCopies } from './shared.js';

export interface KeysForgetOptions {
  ids: string[];
}

const LOCAL_ID_RE = /^lk_[0-9A-Za-z]{8,32}$/;

export function configure(cmd: Command): Command {
  return cmd.addArgument(idsArgument('<ids...>', 'key ids (lk_…) whose saved copy to remove', 'local-saved'));
}

/**
 * Removes the copy `--save keychain` kept (OS keychain or 0600 file); the key itself stays as
 * it is. A key with no saved copy is not an error (nothing to do); an id that is neither a
 * key of this node nor a saved copy is E_NOT_FOUND (exit 1), as for keys show and revoke.
 */
export async function run(opts: KeysForgetOptions, ctx: Context): Promise<void> {
  for (const id of opts.ids) {
    // A value that is not id-shaped may be a pasted secret: named by its position only.
    if (!LOCAL_ID_RE.test(id))
      throw new B3iqError('E_NOT_FOUND', `Not a local key id (${argRef(ctx.argv, id)}).`, { hint: 'Ids look like lk_…; see: b3iq keys list --all' });
  }
  const store = await ctx.store();
  await sweepStaleCopies(ctx);
  const keychain = await ctx.keychain();
  const done: Array<{ id: string; removed: boolean; keychain: boolean; file: string | null }> = [];
  const unknown: string[] = [];
  try {
    for (const id of opts.ids) {
      const r = await forgetSavedKey(store, keychain, id);
      const where = describeRemoved(r);
      const state = store.get(id)?.state;
      if (where === undefined && state === undefined) {
        unknown.push(id);
        continue;
      }
      done.push({ id, removed: where !== undefined, keychain: r.keytar, file: r.file ?? null });
      if (where) ctx.out.success(`Removed the saved copy of ${id} from ${where}; the key itself is ${state ?? 'not in the records'}.`);
      else ctx.out.info(`No saved copy of ${id} (nothing to remove).`);
    }
  } finally {
    keychain.close();
  }
  if (unknown.length > 0)
    throw new B3iqError('E_NOT_FOUND', `No local key with id ${unknown.join(', ')}${done.length > 0 ? ' (the others were handled)' : ''}.`, {
      hint: 'See: b3iq keys list --all',
    });
  ctx.out.data(done, () => undefined);
}
