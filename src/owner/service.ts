import { timingSafeEqual } from 'node:crypto';
import { B3iqError } from '../core/errors.js';
import type { AuditEvent } from '../home/audit.js';
import { extractSetupToken, parseToken } from '../core/tokens.js';
import { kindLabel } from '../credentials/policy.js';
import type { Store } from '../credentials/store.js';
import { locked, type Clock } from '../home/home.js';
import { noOwner, ownerExists, OWNER_SCHEMA_VERSION, readOwner, writeOwnerLocked, type OwnerDoc } from './owner.js';
import { assertPasswordStrength, hashPassword, verifyPasswordHash } from './password.js';

/** Setup-token ids recorded in the owner record (crash-safe consumption, see below). */
const MAX_TOKEN_IDS = 50;

// ---- changes ----------------------------------------------------------------------------

export type OwnerChange = 'setup' | 'recover';

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function withTokenId(ids: readonly string[], id: string): string[] {
  return [...ids, id].slice(-MAX_TOKEN_IDS);
}

/**
 * The onConsume step of setup/recover, run by Store.consumeSetupToken under the store lock,
 * before credentials.json records the token as used. Ordering, deliberately: owner.json is
 * written first and carries the token's id, so
 *  - if this write fails, nothing changed and the token is not consumed;
 *  - if the process dies after this write but before credentials.json is written, the
 *    token is still dead: its id is in owner.json, and this function refuses it.
 */
export function applyOwnerChangeLocked(home: string, change: OwnerChange, passwordHash: string, setupId: string, now: number, audit: AuditEvent[]): OwnerDoc {
  const current = readOwner(home);
  if (current?.setupTokenIds.includes(setupId)) {
    throw new B3iqError('E_INVALID_TOKEN', 'The setup token is used.', { next: 'setup-token-new', details: { reason: 'used' } });
  }
  let next: OwnerDoc;
  if (change === 'setup') {
    if (current) throw ownerExists();
    next = {
      schemaVersion: OWNER_SCHEMA_VERSION,
      passwordHash,
      createdAt: iso(now),
      passwordChangedAt: iso(now),
      sessionGeneration: 1,
      sessionsInvalidatedAt: null,
      setupTokenIds: [setupId],
    };
  } else {
    if (!current) throw noOwner();
    next = {
      ...current,
      schemaVersion: OWNER_SCHEMA_VERSION,
      passwordHash,
      passwordChangedAt: iso(now),
      sessionGeneration: current.sessionGeneration + 1,
      sessionsInvalidatedAt: iso(now),
      setupTokenIds: withTokenId(current.setupTokenIds, setupId),
    };
  }
  writeOwnerLocked(home, next);
  audit.push(
    change === 'setup'
      ? { action: 'owner.setup', id: null, kind: 'owner', setupToken: setupId, sessionGeneration: next.sessionGeneration }
      : { action: 'owner.recover', id: null, kind: 'owner', setupToken: setupId, sessionGeneration: next.sessionGeneration, sessionsInvalidated: true },
  );
  return next;
}

/**
 * `owner passwd`: the caller has verified the current password against `verifiedHash`; the
 * change is refused if the record changed since (another passwd or a recover raced us).
 */
export async function changeOwnerPassword(home: string, verifiedHash: string, newHash: string, now: () => number): Promise<OwnerDoc> {
  return locked(home, { clock: now }, (t, audit) => {
    const current = readOwner(home);
    if (!current) throw noOwner();
    const a = Buffer.from(current.passwordHash);
    const b = Buffer.from(verifiedHash);
    if (a.length !== b.length || !timingSafeEqual(a, b)) {
      throw new B3iqError('E_WRONG_PASSWORD', 'The owner password changed while this command ran; nothing was changed.', { next: 'passwd-again' });
    }
    const next: OwnerDoc = {
      ...current,
      schemaVersion: OWNER_SCHEMA_VERSION,
      passwordHash: newHash,
      passwordChangedAt: iso(t),
      sessionGeneration: current.sessionGeneration + 1,
      sessionsInvalidatedAt: iso(t),
    };
    writeOwnerLocked(home, next);
    audit.push({ action: 'owner.passwd', id: null, kind: 'owner', sessionGeneration: next.sessionGeneration, sessionsInvalidated: true });
    return next;
  });
}

/** `owner logout-all`: bumps the session generation. */
export async function invalidateOwnerSessions(home: string, now: () => number): Promise<OwnerDoc> {
  return locked(home, { clock: now }, (t, audit) => {
    const current = readOwner(home);
    if (!current) throw noOwner();
    const next: OwnerDoc = { ...current, sessionGeneration: current.sessionGeneration + 1, sessionsInvalidatedAt: iso(t) };
    writeOwnerLocked(home, next);
    audit.push({ action: 'owner.logout-all', id: null, kind: 'owner', sessionGeneration: next.sessionGeneration });
    return next;
  });
}

/** Audits a refused owner-password check (a failed `owner passwd`). */
export async function auditRefused(home: string, action: string, now: number, extra: Record<string, unknown> = {}): Promise<void> {
  await locked(home, { clock: () => now }, (_t, audit) => void audit.push({ action, id: null, kind: 'owner', outcome: 'refused', ...extra }));
}

// ---- the flows the CLI (and the UI) call -------------------------------------------------

/** setup needs no owner yet, recover needs one: checked before any input is read. */
export function assertOwnerChangeAllowed(home: string, change: OwnerChange): void {
  const existing = readOwner(home);
  if (change === 'setup' && existing) throw ownerExists();
  if (change === 'recover' && !existing) throw noOwner();
}

/**
 * A setup token from a bare token or a setup URL (`…/setup#token=…`): well formed, a setup
 * token, and live on this node. Nothing is consumed; checked before a password is asked for.
 */
export function checkSetupToken(store: Store, input: string): string {
  const token = extractSetupToken(input.trim());
  const parsed = parseToken(token);
  if (!parsed.ok) {
    throw new B3iqError('E_INVALID_TOKEN', 'That is not a setup token or setup URL (malformed, or its checksum does not match).', {
      next: 'setup-token-as-issued',
      details: { reason: 'malformed' },
    });
  }
  if (parsed.kind !== 'setup') {
    throw new B3iqError('E_WRONG_KIND', `That is a ${kindLabel(parsed.kind)}, not a setup token; nothing was changed.`, { next: 'setup-token-create' });
  }
  const pre = store.verifySetupToken(token);
  if (!pre.valid) {
    throw new B3iqError('E_INVALID_TOKEN', `The setup token is ${pre.reason === 'unknown' ? 'not one this node issued' : pre.reason}; nothing was changed.`, {
      next: 'setup-token-new',
      details: { reason: pre.reason },
    });
  }
  return token;
}

export interface OwnerChangeResult {
  owner: OwnerDoc;
  /**
   * Set when owner.json was written (the commit point) but recording the token as used
   * failed: the change stands, and the token is dead anyway because owner.json names it.
   * The error code of that failure.
   */
  tokenNotMarked?: string;
}

/**
 * setup and recover: the password is checked and hashed, then, under the home's lock, the
 * token is consumed and owner.json written as one step (see applyOwnerChangeLocked).
 */
export async function changeOwnerWithSetupToken(store: Store, change: OwnerChange, token: string, password: string): Promise<OwnerChangeResult> {
  await assertPasswordStrength(password);
  const passwordHash = await hashPassword(password);
  let written: string | undefined;
  try {
    const owner = await store.consumeSetupToken(token, (setupId, now, audit) => {
      const doc = applyOwnerChangeLocked(store.home, change, passwordHash, setupId, now, audit);
      written = setupId;
      return doc;
    });
    return { owner };
  } catch (e) {
    const after = written === undefined ? undefined : readOwnerOrNothing(store.home);
    if (after && written !== undefined && after.setupTokenIds.includes(written)) {
      return { owner: after, tokenNotMarked: e instanceof B3iqError ? e.code : 'error' };
    }
    throw e;
  }
}

function readOwnerOrNothing(home: string): OwnerDoc | undefined {
  try {
    return readOwner(home);
  } catch {
    return undefined;
  }
}

/** The owner record, or E_NO_OWNER. */
export function requireOwner(home: string): OwnerDoc {
  const owner = readOwner(home);
  if (!owner) throw noOwner();
  return owner;
}

/** `owner passwd`, step one: the current password, checked; a wrong one is audited as refused. */
export async function checkCurrentPassword(home: string, owner: OwnerDoc, current: string, clock: Clock): Promise<void> {
  if (await verifyPasswordHash(current, owner.passwordHash)) return;
  await auditRefused(home, 'owner.passwd', clock(), { reason: 'wrong-password' });
  throw new B3iqError('E_WRONG_PASSWORD', 'The current owner password is wrong; nothing was changed.', {
    next: 'recover-owner',
  });
}

/** `owner passwd`, step two: the new password, checked, hashed and written; every session signed out. */
export async function changePassword(home: string, owner: OwnerDoc, current: string, next: string, clock: Clock): Promise<OwnerDoc> {
  await assertPasswordStrength(next);
  if (next === current) throw new B3iqError('E_WEAK_PASSWORD', 'The new owner password is the same as the current one; nothing was changed.');
  const hash = await hashPassword(next);
  return changeOwnerPassword(home, owner.passwordHash, hash, clock);
}

/** `owner logout-all`: every owner session is signed out. */
export async function signOutAllSessions(home: string, clock: Clock): Promise<OwnerDoc> {
  return invalidateOwnerSessions(home, clock);
}
