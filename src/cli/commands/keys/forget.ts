import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { B3iqError } from '../../../core/errors.js';
import { describeRemoved, forgetSavedKey } from '../../../keychain/saved-keys.js';
import { idsArgument } from '../../program-helpers.js';

export interface KeysForgetOptions {
  ids: string[];
}

export function configure(cmd: Command): Command {
  return cmd.addArgument(idsArgument('<ids...>', 'key ids (lk_…) whose saved copy to remove', 'local-saved'));
}

/** Removes the copy `--save keychain` kept (OS keychain or 0600 file); the key itself stays as it is. */
export async function run(opts: KeysForgetOptions, ctx: Context): Promise<void> {
  for (const id of opts.ids) {
    if (!/^lk_[0-9A-Za-z]{8,32}$/.test(id))
      throw new B3iqError('E_USAGE', `Argument ${opts.ids.indexOf(id) + 1} is not a local key id (lk_…).`, { hint: 'See: b3iq keys list --all' });
  }
  const store = await ctx.store();
  const keychain = await ctx.keychain();
  const done: Array<{ id: string; removed: boolean; keychain: boolean; file: string | null }> = [];
  try {
    for (const id of opts.ids) {
      const r = await forgetSavedKey(store, keychain, id);
      const where = describeRemoved(r);
      done.push({ id, removed: where !== undefined, keychain: r.keytar, file: r.file ?? null });
      if (where) ctx.out.success(`Removed the saved copy of ${id} from ${where}; the key itself is ${store.get(id)?.state ?? 'not in the records'}.`);
      else ctx.out.info(`No saved copy of ${id} (nothing to remove).`);
    }
  } finally {
    keychain.close();
  }
  ctx.out.data(done, () => undefined);
}
