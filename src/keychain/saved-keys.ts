import type { IssueLocalKeyInput, Issued, Store } from '../credentials/store.js';
import type { Keychain, Removed, SavedWhere } from './keychain.js';

/**
 * Local keys kept in the keychain (`keys create --save keychain`) live exactly as long as
 * the key: revoking it, or a rotation's grace ending, removes the copy. The record's
 * `savedCopy` flag says a copy may exist, so nothing opens the keychain when there is
 * nothing to remove.
 */

/** Local keys kept in the keychain live under this entry name. */
export function localKeyAccount(id: string): string {
  return `local-key:${id}`;
}

/**
 * Issues a local key (marked as having a saved copy) and keeps it in the keychain; says
 * where it actually went. If the keychain refuses it, the key is revoked at once (audited
 * as such): a key nobody holds must not stay live.
 */
export async function issueLocalKeyToKeychain(store: Store, keychain: Keychain, input: IssueLocalKeyInput): Promise<Issued & { saved: SavedWhere }> {
  const issued = await store.issueLocalKey({ ...input, savedCopy: true });
  try {
    const saved = await keychain.set(localKeyAccount(issued.id), issued.token);
    return { ...issued, saved };
  } catch (e) {
    await store.revoke(issued.id, { reason: 'keychain write failed' });
    throw e;
  }
}

/** A local key kept in the keychain, or undefined when there is none under that id. */
export async function savedLocalKey(keychain: Keychain, id: string): Promise<string | undefined> {
  return keychain.get(localKeyAccount(id));
}

/** Removes a saved copy (keychain entry and/or fallback file) and clears the record's flag. */
export async function forgetSavedKey(store: Store, keychain: Keychain, id: string): Promise<Removed> {
  const removed = await keychain.remove(localKeyAccount(id));
  if (store.get(id) !== undefined) await store.setSavedCopy(id, false);
  return removed;
}

/** Ids of keys that are no longer live but may still have a saved copy. */
export function staleSavedKeys(store: Store): string[] {
  return store
    .list({ kind: 'local', all: true })
    .filter((k) => k.savedCopy === true && k.state !== 'live')
    .map((k) => k.id);
}

/**
 * Removes the saved copies of keys that were revoked or whose rotation grace has ended.
 * `open` is called only when there is something to remove.
 */
export async function sweepSavedKeys(store: Store, open: () => Promise<Keychain>): Promise<Array<{ id: string; removed: Removed }>> {
  const stale = staleSavedKeys(store);
  if (stale.length === 0) return [];
  const keychain = await open();
  const out: Array<{ id: string; removed: Removed }> = [];
  for (const id of stale) out.push({ id, removed: await forgetSavedKey(store, keychain, id) });
  return out;
}

/** "the OS keychain" / "/path/file" / both: where a removal found the copy; undefined when nowhere. */
export function describeRemoved(r: Removed): string | undefined {
  const places = [r.keytar ? 'the OS keychain' : undefined, r.file].filter((x): x is string => x !== undefined);
  return places.length === 0 ? undefined : places.join(' and ');
}
