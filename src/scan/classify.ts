import type { NodeStore as Store } from '../owner/node-store.js';
import type { Classifier } from './scanner.js';

/** Looks tokens up by hash in this node's records; without a store every id is null. */
export function storeClassifier(store: Store | undefined): Classifier {
  return (token, kind) => {
    // An owner session cookie: matched to its session without touching it (idle time).
    if (kind === 'session') return store?.findOwnerSession(token) ?? { id: null, live: false };
    const cred = store?.findByToken(token);
    return cred ? { id: cred.id, live: cred.state === 'live' } : { id: null, live: false };
  };
}
