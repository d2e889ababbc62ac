import { describeRemoved, forgetSavedKey, sweepSavedKeys } from '../keychain/saved-keys.js';
import type { Context } from './context.js';

/**
 * Saved copies (`keys create --save keychain`) live exactly as long as their key: every
 * command that revokes a local key (keys revoke, scan --revoke) removes them, and every keys
 * command that reads or changes keys (list, show, create, rotate, revoke, forget) sweeps
 * copies of keys that ended since (a rotation's grace, an expiry, a revoke elsewhere).
 */

/** Removes the saved copy of a key just revoked, if it has one; never fails the revoke. */
export async function removeSavedCopy(ctx: Context, id: string): Promise<void> {
  const store = await ctx.store();
  if (store.get(id)?.savedCopy !== true) return;
  try {
    const removed = describeRemoved(await forgetSavedKey(store, await ctx.keychain(), id));
    if (removed) ctx.out.info(`Removed the saved copy of ${id} from ${removed}.`);
  } catch (e) {
    ctx.out.warn(
      `the saved copy of ${id} could not be removed (${e instanceof Error ? e.message.split('\n')[0] : 'error'}); remove it later with: b3iq keys forget ${id}`,
    );
  }
}

/** Saved copies of keys revoked since, or whose rotation grace has ended: removed now. */
export async function sweepStaleCopies(ctx: Context): Promise<void> {
  try {
    for (const { id, removed } of await sweepSavedKeys(await ctx.store(), () => ctx.keychain())) {
      const where = describeRemoved(removed);
      if (where) ctx.out.info(`Removed the saved copy of ${id} (no longer live) from ${where}.`);
    }
  } catch (e) {
    ctx.out.warn(
      `saved copies of keys that are no longer live could not be removed (${e instanceof Error ? e.message.split('\n')[0] : 'error'}); see b3iq keys forget.`,
    );
  }
}
