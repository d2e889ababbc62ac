import type { IssueLocalKeyInput, Issued, Store } from '../credentials/store.js';
import type { Keychain } from './keychain.js';

/** Local keys kept in the keychain (keys create --save keychain) live under this entry name. */
export function localKeyAccount(id: string): string {
  return `local-key:${id}`;
}

/**
 * Issues a local key and keeps it in the keychain. If the keychain refuses it, the key is
 * revoked at once (audited as such): a key nobody holds must not stay live.
 */
export async function issueLocalKeyToKeychain(store: Store, keychain: Keychain, input: IssueLocalKeyInput): Promise<Issued> {
  const issued = await store.issueLocalKey(input);
  try {
    await keychain.set(localKeyAccount(issued.id), issued.token);
  } catch (e) {
    await store.revoke(issued.id, { reason: 'keychain write failed' });
    throw e;
  }
  return issued;
}

/** A local key kept in the keychain, or undefined when there is none under that id. */
export async function savedLocalKey(keychain: Keychain, id: string): Promise<string | undefined> {
  return keychain.get(localKeyAccount(id));
}
