import { B3iqError } from '../core/errors.js';
import { extractSetupToken, parseToken } from '../core/tokens.js';
import { applyOwnerChangeLocked, checkPasswordStrength, hashPassword, readOwner, type OwnerChange, type OwnerDoc } from './owner.js';
import type { Store } from '../credentials/store.js';

export interface CompleteSetupInput {
  /** A `b3iq_setup_…` token, or a setup URL carrying it in its fragment. */
  token: string;
  password: string;
}

export interface CompleteSetupResult {
  /** `setup` when the node had no owner, `recover` when it had one (every session is then signed out). */
  change: OwnerChange;
  sessionGeneration: number;
  passwordChangedAt: string;
}

function invalid(reason: string): B3iqError {
  return new B3iqError('E_INVALID_TOKEN', `The setup token is ${reason === 'unknown' ? 'not one this node issued' : reason}; nothing was changed.`, {
    hint: 'Ask for a new setup token.',
    details: { reason },
  });
}

/**
 * Setup or recovery from a setup token, for a web page or the runtime: the same checks,
 * audit lines and crash ordering as `b3iq setup` / `b3iq recover`. Whether it is a setup or
 * a recovery is decided under the lock, from owner.json as it is then; the token is judged
 * against the records as they are when it arrives (re-read first), and again under the
 * lock when it is consumed. The password is hashed before the lock is taken.
 */
export async function completeSetup(store: Store, input: CompleteSetupInput): Promise<CompleteSetupResult> {
  const raw = typeof input?.token === 'string' ? input.token.trim() : '';
  const token = extractSetupToken(raw);
  const parsed = parseToken(token);
  if (!parsed.ok) throw invalid('malformed');
  if (parsed.kind !== 'setup') throw new B3iqError('E_WRONG_KIND', 'That is not a setup token; nothing was changed.');
  if (typeof input.password !== 'string') throw new B3iqError('E_USAGE', 'A new owner password is needed.');
  checkPasswordStrength(input.password);
  store.reloadSync();
  const pre = store.verifySetupToken(token);
  if (!pre.valid) throw invalid(pre.reason);
  const passwordHash = await hashPassword(input.password);

  let change: OwnerChange = 'setup';
  let written: string | undefined;
  let doc: OwnerDoc;
  try {
    doc = await store.consumeSetupToken(token, (setupId, now, audit) => {
      change = readOwner(store.home) ? 'recover' : 'setup';
      const d = applyOwnerChangeLocked(store.home, change, passwordHash, setupId, now, audit);
      written = setupId;
      return d;
    });
  } catch (e) {
    // owner.json (the commit point) names the token: the change stands, the token is dead.
    const after = written === undefined ? undefined : safeReadOwner(store.home);
    if (!after || written === undefined || !after.setupTokenIds.includes(written)) throw e;
    doc = after;
  }
  return { change, sessionGeneration: doc.sessionGeneration, passwordChangedAt: doc.passwordChangedAt };
}

function safeReadOwner(home: string): OwnerDoc | undefined {
  try {
    return readOwner(home);
  } catch {
    return undefined;
  }
}
