import { B3iqError } from '../core/errors.js';
import { readOwner } from './owner.js';
import { changeOwnerWithSetupToken, checkSetupToken, type OwnerChange } from './service.js';
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

/**
 * Setup or recovery from a setup token, for a web page or the runtime: the owner service's
 * own steps, so the checks, audit lines and crash ordering are those of `b3iq setup` /
 * `b3iq recover`. The token is judged against the records re-read when it arrives (and again
 * under the lock when it is consumed); whether it is a setup or a recovery follows from
 * owner.json as it is then (a setup racing another one loses with E_OWNER_EXISTS).
 */
export async function completeSetup(store: Store, input: CompleteSetupInput): Promise<CompleteSetupResult> {
  if (typeof input?.password !== 'string') throw new B3iqError('E_USAGE', 'A new owner password is needed.');
  store.reloadSync();
  const token = checkSetupToken(store, typeof input.token === 'string' ? input.token : '');
  const change: OwnerChange = readOwner(store.home) ? 'recover' : 'setup';
  const { owner } = await changeOwnerWithSetupToken(store, change, token, input.password);
  return { change, sessionGeneration: owner.sessionGeneration, passwordChangedAt: owner.passwordChangedAt };
}
