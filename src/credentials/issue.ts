import { B3iqError } from '../core/errors.js';
import { parseDuration } from '../core/durations.js';
import { validateScopes } from '../core/scopes.js';
import { generateId, generateToken, hashToken, type RandomSource } from '../core/tokens.js';
import type { AuditEvent } from '../home/audit.js';
import type { Tx } from './log-write.js';
import { assertClockNotBehind, checkName, checkNote, SETUP_DEFAULT_TTL_MS, SETUP_MAX_TTL_MS, SUPPORT_DEFAULT_TTL_MS, SUPPORT_MAX_TTL_MS } from './policy.js';
import type { CredentialKind, CredentialRecord, CredentialView } from './records.js';
import { iso } from './snapshot.js';

/**
 * What issuing, rotating and revoking take and give, how a new record is made, and the
 * checks and write of each issue operation (the Store runs the write under its lock).
 */

/**
 * Called with the new token under the lock, before the credential commits: a delivery
 * that must be durable first (a --out file written and synced) throws to issue nothing.
 * If the commit then fails, the caller undoes the delivery (e.g. removes the file).
 */
export type DeliverFirst = (token: string) => void;

export interface IssueLocalKeyInput {
  name: string;
  deliver?: DeliverFirst;
  scopes?: readonly string[];
  /** ms from now, or a duration as the CLI takes it (`90s`, `4h`, `30d`, `never`); null/undefined: no expiry. */
  expiresIn?: number | string | null;
  dev?: boolean;
  /** The caller saves a copy of the token in the keychain (recorded so it can be removed later). */
  savedCopy?: boolean;
}

export interface IssueSupportGrantInput {
  deliver?: DeliverFirst;
  scopes?: readonly string[];
  /** ms, or a duration as the CLI takes it (`4h`); default 4h, at most 72h. */
  ttl?: number | string;
  note?: string | null;
  dev?: boolean;
}

export interface Issued {
  id: string;
  token: string;
  credential: CredentialView;
}

export interface RevokeResult {
  credential: CredentialView;
  /** false when it was already revoked (not an error). */
  changed: boolean;
  /** Child credentials revoked with it. */
  children: CredentialView[];
}

export function newRecord(random: RandomSource, kind: CredentialKind, fields: Partial<CredentialRecord> & { token: string; now: number }): CredentialRecord {
  return {
    id: generateId(kind, random),
    kind,
    name: fields.name ?? null,
    scopes: fields.scopes ?? [],
    hash: recordHash(fields.token),
    createdAt: iso(fields.now),
    expiresAt: fields.expiresAt ?? null,
    revokedAt: null,
    revokeReason: null,
    usedAt: null,
    dev: fields.dev ?? false,
    note: fields.note ?? null,
    rotatedFrom: fields.rotatedFrom ?? null,
    rotatedTo: null,
  };
}

export function addUnique(random: RandomSource, tx: Tx, rec: CredentialRecord): void {
  // A 13-char base62 id from the CSPRNG colliding is ~2^-77; still, never overwrite.
  while (tx.has(rec.id)) rec.id = generateId(rec.kind, random);
  tx.put(rec);
}

/** How a record keeps its token: `sha256:` + hex, never the token itself. */
export function recordHash(token: string): string {
  return `sha256:${hashToken(token)}`;
}

/**
 * A checked issue request: the new token (made before the lock) and the write that records
 * it under the lock. `clockLag(now)`: how far the system clock lags the records at `now`.
 */
export interface IssueOp {
  token: string;
  write(tx: Tx, now: number, audit: AuditEvent[], clockLag: (now: number) => number): CredentialRecord;
}

/**
 * A library caller's duration: milliseconds, or the CLI's own form (`90s`, `15m`, `4h`, `30d`,
 * and `never` where allowed), so `expiresIn: '30d'` means what it says on the command line.
 */
function durationMs(value: number | string | null | undefined, field: string, allowNever: boolean): number | null | undefined {
  if (value == null) return value;
  const ms = typeof value === 'string' ? parseDuration(value, { allowNever, flag: field }) : value;
  if (ms !== null && (typeof ms !== 'number' || !Number.isFinite(ms) || ms <= 0)) {
    throw new B3iqError('E_DURATION', `${field} must be a positive number of milliseconds or a duration such as 4h.`);
  }
  return ms;
}

export function localKeyOp(random: RandomSource, input: IssueLocalKeyInput): IssueOp {
  const name = checkName(input.name);
  const scopes = validateScopes('local', input.scopes);
  const expiresIn = durationMs(input.expiresIn, 'expiresIn', true);
  const token = generateToken('local', random);
  const write: IssueOp['write'] = (tx, now, audit, clockLag) => {
    if (expiresIn != null) assertClockNotBehind(now, clockLag(now));
    const r = newRecord(random, 'local', {
      token,
      now,
      name,
      scopes,
      expiresAt: expiresIn == null ? null : iso(now + expiresIn),
      dev: input.dev ?? false,
    });
    if (input.savedCopy === true) r.savedCopy = true;
    addUnique(random, tx, r);
    input.deliver?.(token);
    audit.push({ action: 'keys.create', id: r.id, kind: 'local', name, scopes, expiresAt: r.expiresAt, dev: r.dev || undefined });
    return r;
  };
  return { token, write };
}

export function supportGrantOp(random: RandomSource, input: IssueSupportGrantInput): IssueOp {
  const scopes = validateScopes('support', input.scopes);
  const ttl = durationMs(input.ttl, 'ttl', false) ?? SUPPORT_DEFAULT_TTL_MS;
  if (ttl > SUPPORT_MAX_TTL_MS) {
    throw new B3iqError('E_DURATION', 'Support grants expire within 72h at most.', { next: 'support-ttl' });
  }
  const note = input.note == null ? null : checkNote(input.note);
  const token = generateToken('support', random);
  const write: IssueOp['write'] = (tx, now, audit, clockLag) => {
    assertClockNotBehind(now, clockLag(now));
    const r = newRecord(random, 'support', { token, now, name: note, scopes, expiresAt: iso(now + ttl), note, dev: input.dev ?? false });
    addUnique(random, tx, r);
    input.deliver?.(token);
    audit.push({ action: 'support.grant', id: r.id, kind: 'support', scopes, ttlMs: ttl, expiresAt: r.expiresAt, dev: r.dev || undefined });
    return r;
  };
  return { token, write };
}

export function setupTokenOp(random: RandomSource, input: { ttl?: number | string; deliver?: DeliverFirst }): IssueOp {
  const ttl = durationMs(input.ttl, 'ttl', false) ?? SETUP_DEFAULT_TTL_MS;
  if (!Number.isFinite(ttl) || ttl <= 0 || ttl > SETUP_MAX_TTL_MS) {
    throw new B3iqError('E_DURATION', 'Setup tokens expire within 24h at most.', { hint: 'The default, 30m, is usually right.' });
  }
  const token = generateToken('setup', random);
  const write: IssueOp['write'] = (tx, now, audit, clockLag) => {
    assertClockNotBehind(now, clockLag(now));
    const r = newRecord(random, 'setup', { token, now, name: 'setup', scopes: ['owner:setup'], expiresAt: iso(now + ttl) });
    addUnique(random, tx, r);
    input.deliver?.(token);
    audit.push({ action: 'setup-token.create', id: r.id, kind: 'setup', ttlMs: ttl, scopes: r.scopes, expiresAt: r.expiresAt });
    return r;
  };
  return { token, write };
}
