import { B3iqError } from '../core/errors.js';
import { parseToken } from '../core/tokens.js';
import { kindLabel } from '../credentials/policy.js';
import { locked, type Clock } from '../home/home.js';
import type { Keychain, KeychainBackendName } from './keychain.js';

/** The hosted gateway key: kept in the keychain under this entry, never in credentials.json. */
export const GATEWAY_ACCOUNT = 'gateway-key';

/** The key as given, checked: a well-formed b3iq_gateway_… key, or an error that names no value. */
export function checkGatewayKey(value: string): string {
  const key = value.trim();
  const parsed = parseToken(key);
  if (!parsed.ok) {
    throw new B3iqError('E_BAD_INPUT', 'That is not a hosted gateway key (malformed, or its checksum does not match); nothing was stored.', {
      hint: 'Pass the b3iq_gateway_… key exactly as issued.',
    });
  }
  if (parsed.kind !== 'gateway') {
    throw new B3iqError('E_WRONG_KIND', `That is a ${kindLabel(parsed.kind)}, not a hosted gateway key; nothing was stored.`, {
      next: 'gateway-kinds',
    });
  }
  return key;
}

export interface StoredGatewayKey {
  backend: KeychainBackendName;
  replaced: boolean;
}

/** Stores (or replaces) the key, then audits `gateway.login` through the home's write path. */
export async function storeGatewayKey(keychain: Keychain, home: string, key: string, clock: Clock): Promise<StoredGatewayKey> {
  const before = await keychain.find(GATEWAY_ACCOUNT);
  await keychain.set(GATEWAY_ACCOUNT, key);
  const after = await keychain.find(GATEWAY_ACCOUNT);
  const backend = after?.backend ?? keychain.backend;
  const replaced = before !== undefined;
  await locked(home, { clock }, (_now, audit) => void audit.push({ action: 'gateway.login', id: null, kind: 'gateway', backend, replaced }));
  return { backend, replaced };
}

/** Removes the key; audits `gateway.logout` only when there was one. */
export async function forgetGatewayKey(keychain: Keychain, home: string, clock: Clock): Promise<boolean> {
  const removed = await keychain.delete(GATEWAY_ACCOUNT);
  if (removed) await locked(home, { clock }, (_now, audit) => void audit.push({ action: 'gateway.logout', id: null, kind: 'gateway' }));
  return removed;
}

export interface GatewayKeyStatus {
  present: boolean;
  backend: KeychainBackendName | null;
  /** null when absent. */
  wellFormed: boolean | null;
}

export async function gatewayKeyStatus(keychain: Keychain): Promise<GatewayKeyStatus> {
  const found = await keychain.find(GATEWAY_ACCOUNT);
  const wellFormed = found
    ? (() => {
        const p = parseToken(found.secret);
        return p.ok && p.kind === 'gateway';
      })()
    : null;
  return { present: found !== undefined, backend: found?.backend ?? null, wellFormed };
}
