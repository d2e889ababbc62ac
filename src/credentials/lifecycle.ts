import { KINDS } from '../core/credential-kinds.js';
import { B3iqError } from '../core/errors.js';
import { parseToken, type RandomSource } from '../core/tokens.js';
import type { AuditEvent } from '../home/audit.js';
import { addUnique, newRecord, recordHash, type RevokeResult } from './issue.js';
import type { Tx } from './log-write.js';
import { assertClockNotBehind, checkNote, invalidToken, kindLabel, safeId, timingSafeEqualStr } from './policy.js';
import { stateOf, toView, type CredentialKind, type CredentialRecord, type CredentialView } from './records.js';
import { iso } from './snapshot.js';

/**
 * How credentials end, and the short-lived children request configs carry: the bodies of
 * the store's write transactions (run under the lock, on the records as they are now).
 */

export const AUDIT_GROUP: Record<CredentialKind, string> = { local: 'keys', support: 'support', setup: 'setup-token' };

/** A short-lived child credential lives at most this long (request configs use minutes). */
export const CHILD_MAX_TTL_MS = 24 * 3_600_000;

export interface ChildInput {
  /** ms from now; the child never outlives its parent whatever this says. */
  ttl: number;
  /** The parent's scopes or fewer; default: the parent's. */
  scopes?: readonly string[];
  note?: string | null;
}

/** Ends the live children of `parentId` at `at` (now, or a rotation's grace end). */
export function revokeChildren(tx: Tx, parentId: string, at: number, reason: string, audit: AuditEvent[]): CredentialView[] {
  const out: CredentialView[] = [];
  for (const c of tx.records()) {
    if (c.parentId !== parentId || c.usedAt !== null) continue;
    if (c.revokedAt !== null && Date.parse(c.revokedAt) <= at) continue;
    if (c.expiresAt !== null && Date.parse(c.expiresAt) <= at) continue;
    const next = { ...c, revokedAt: iso(at), revokeReason: reason };
    tx.put(next);
    audit.push({ action: `${AUDIT_GROUP[c.kind]}.revoke`, id: c.id, kind: c.kind, reason, parent: parentId });
    out.push(toView(next, at));
  }
  return out;
}

/** Revokes one credential (of `kind`, when given) now, with its children. */
export function revokeOne(tx: Tx, id: string, kind: CredentialKind | undefined, reason: string | null, now: number, audit: AuditEvent[]): RevokeResult {
  const r = tx.get(id);
  if (!r || (kind && r.kind !== kind)) {
    const noun = kind ? KINDS[kind].noun : 'credential';
    const next = kind === 'support' ? 'list-support' : kind === 'setup' ? 'list-setup' : 'list-keys';
    // Not shaped like an id: said without repeating it (it may be a pasted secret); the CLI names its position.
    if (safeId(id) !== id) throw new B3iqError('E_NOT_FOUND', `Not a ${noun} id.`, { next, facts: { argValue: id } });
    throw new B3iqError('E_NOT_FOUND', `No ${noun} with id ${id}.`, { next });
  }
  const alreadyRevoked = r.revokedAt !== null && Date.parse(r.revokedAt) <= now;
  if (alreadyRevoked) return { credential: toView(r, now), changed: false, children: [] };
  const next = { ...r, revokedAt: iso(now), revokeReason: reason };
  tx.put(next);
  audit.push({ action: `${AUDIT_GROUP[r.kind]}.revoke`, id: r.id, kind: r.kind, reason: reason ?? undefined });
  const children = revokeChildren(tx, r.id, now, 'parent revoked', audit);
  return { credential: toView(next, now), changed: true, children };
}

/** Revokes every live credential of a kind (children of that kind included). */
export function revokeAllOf(tx: Tx, kind: CredentialKind, reason: string | null, now: number, audit: AuditEvent[]): CredentialView[] {
  const out: CredentialView[] = [];
  for (const r of tx.records()) {
    if (r.kind !== kind || stateOf(r, now) !== 'live') continue;
    const next = { ...r, revokedAt: iso(now), revokeReason: reason };
    tx.put(next);
    audit.push({ action: `${AUDIT_GROUP[kind]}.revoke`, id: r.id, kind });
    out.push(toView(next, now));
  }
  return out;
}

/** What can be checked before the lock: the TTL, the note, the kind (from the id's prefix). */
export function checkChildInput(parentId: string, input: ChildInput): { kind: 'local' | 'support'; note: string | null } {
  if (!Number.isFinite(input.ttl) || input.ttl <= 0 || input.ttl > CHILD_MAX_TTL_MS) {
    throw new B3iqError('E_DURATION', 'A short-lived credential lives between 1s and 24h.');
  }
  const kind = parentId.startsWith('lk_') ? 'local' : parentId.startsWith('sg_') ? 'support' : undefined;
  if (kind === undefined) throw new B3iqError('E_NOT_FOUND', `No local key or support grant with id ${safeId(parentId)}.`);
  return { kind, note: input.note == null ? null : checkNote(input.note) };
}

/** The child's record, added under the lock: the parent is judged as it is now. */
export function mintChild(
  tx: Tx,
  random: RandomSource,
  c: { parentId: string; kind: 'local' | 'support'; token: string; note: string | null; ttl: number; scopes: readonly string[] | undefined },
  now: number,
  audit: AuditEvent[],
): CredentialRecord {
  const parent = tx.get(c.parentId);
  if (!parent || parent.kind !== c.kind) throw new B3iqError('E_NOT_FOUND', `No local key or support grant with id ${safeId(c.parentId)}.`);
  if (parent.parentId != null) {
    throw new B3iqError('E_WRONG_KIND', `${parent.id} is itself a short-lived child credential; it cannot mint another.`, { details: { reason: 'child' } });
  }
  const state = stateOf(parent, now);
  if (state !== 'live') throw new B3iqError('E_INVALID_TOKEN', `${KINDS[parent.kind].noun} ${parent.id} is ${state}.`, { details: { reason: state } });
  const scopes = c.scopes === undefined ? [...parent.scopes] : [...new Set(c.scopes)];
  const extra = scopes.find((sc) => !parent.scopes.includes(sc));
  if (extra !== undefined) {
    throw new B3iqError(
      'E_SCOPE_FORBIDDEN',
      `Scope ${extra} is not one of ${parent.id}'s (${parent.scopes.join(', ') || 'none'}); a child gets its parent's scopes or fewer.`,
      {
        details: { scope: extra },
      },
    );
  }
  let end = now + c.ttl;
  for (const t of [parent.expiresAt, parent.revokedAt]) if (t !== null && Date.parse(t) < end) end = Date.parse(t);
  const r = newRecord(random, parent.kind, { token: c.token, now, name: parent.name, scopes, expiresAt: iso(end), note: c.note, dev: parent.dev });
  r.parentId = parent.id;
  addUnique(random, tx, r);
  audit.push({ action: `${AUDIT_GROUP[parent.kind]}.child`, id: r.id, kind: r.kind, parent: parent.id, scopes, ttlMs: end - now, expiresAt: r.expiresAt });
  return r;
}

/** A rotation: a successor with the same scopes (and name, unless given); the old key ends after the grace, its children with it. */
export function rotateKey(
  tx: Tx,
  random: RandomSource,
  c: { id: string; token: string; graceMs: number; name: string | undefined; deliver?: ((token: string) => void) | undefined; clockLag: number },
  now: number,
  audit: AuditEvent[],
): { next: CredentialRecord; prev: CredentialRecord } {
  const found = tx.get(c.id);
  const old = found && found.kind === 'local' ? { ...found } : undefined;
  if (!old) throw new B3iqError('E_NOT_FOUND', `No local key with id ${safeId(c.id)}.`, { next: 'list-keys' });
  if (old.parentId != null)
    throw new B3iqError('E_WRONG_KIND', `${old.id} is a short-lived child credential; rotate its parent, ${old.parentId}.`, { details: { reason: 'child' } });
  const state = stateOf(old, now);
  if (state !== 'live') {
    throw new B3iqError('E_NOT_FOUND', `Key ${old.id} is ${state}; only a live key can be rotated.`, { next: 'create-key' });
  }
  if (old.rotatedTo !== null) {
    // Still live in its grace period, but already replaced: a second successor would
    // leave the first one orphaned (two concurrent rotations must not both win).
    throw new B3iqError('E_NOT_FOUND', `Key ${old.id} was already rotated to ${old.rotatedTo}; only the newest key can be rotated.`, {
      next: 'rotate-successor',
      facts: { successor: old.rotatedTo },
    });
  }
  const expiresIn = old.expiresAt === null ? null : Date.parse(old.expiresAt) - Date.parse(old.createdAt);
  if (expiresIn !== null) assertClockNotBehind(now, c.clockLag);
  const r = newRecord(random, 'local', {
    token: c.token,
    now,
    name: c.name ?? old.name,
    scopes: [...old.scopes],
    expiresAt: expiresIn === null ? null : iso(now + expiresIn),
    dev: old.dev,
    rotatedFrom: old.id,
  });
  addUnique(random, tx, r);
  c.deliver?.(c.token); // a --out file written before the commit (see issue.ts)
  old.rotatedTo = r.id;
  const revokeAt = now + c.graceMs;
  if (old.revokedAt === null || Date.parse(old.revokedAt) > revokeAt) {
    old.revokedAt = iso(revokeAt);
    old.revokeReason = 'rotated';
  }
  tx.put(old);
  revokeChildren(tx, old.id, revokeAt, 'parent rotated', audit);
  audit.push({ action: 'keys.rotate', id: old.id, kind: 'local', successor: r.id, graceMs: c.graceMs, scopes: r.scopes, expiresAt: r.expiresAt });
  return { next: r, prev: old };
}

/**
 * Marks a live setup token used, atomically with `onConsume` (run first: a failing
 * onConsume consumes nothing). `clockLag(now)`: how far the system clock lags `now`.
 */
export function consumeSetup<T>(
  tx: Tx,
  token: string,
  onConsume: (setupId: string, now: number, audit: AuditEvent[]) => T,
  now: number,
  audit: AuditEvent[],
  clockLag: (now: number) => number,
): T {
  const parsed = parseToken(token);
  if (!parsed.ok) throw invalidToken('malformed');
  if (parsed.kind !== 'setup') throw new B3iqError('E_WRONG_KIND', `That is a ${kindLabel(parsed.kind)}, not a setup token.`, { next: 'setup-token-one' });
  const hash = recordHash(token);
  const r = tx.records().find((c) => c.kind === 'setup' && timingSafeEqualStr(c.hash, hash));
  if (!r) throw invalidToken('unknown');
  assertClockNotBehind(now, clockLag(now));
  const state = stateOf(r, now);
  if (state !== 'live') throw invalidToken(state);
  const result = onConsume(r.id, now, audit);
  tx.put({ ...r, usedAt: iso(now) });
  audit.push({ action: 'setup-token.use', id: r.id, kind: 'setup' });
  return result;
}
