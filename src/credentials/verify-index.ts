import { hash as oneShotHash } from 'node:crypto';
import { parseToken, type TokenKind } from '../core/tokens.js';
import { recordProblem } from './invariants.js';
import type { CredentialKind, CredentialRecord, CredentialsDoc } from './records.js';

/**
 * Why a token is not valid, checked in this order (docs/records.md): malformed, unknown or
 * wrong-kind (no record of this kind has its hash), invalid-record (the record breaks its
 * kind's rules), used, revoked, expired (judged on max(clock, clock mark)), clock-behind
 * (not ended by the mark, but the clock lags it by more than the tolerance: a credential
 * that can end fails closed), a child's parent ended (revoked/expired), scope.
 */
export type VerifyReason = 'malformed' | 'unknown' | 'revoked' | 'expired' | 'used' | 'scope' | 'wrong-kind' | 'invalid-record' | 'clock-behind';
/**
 * `missing`: with reason `scope`, the scope the credential lacks. Either branch names the
 * other's fields as absent, so `r.reason` reads without narrowing first.
 */
export type VerifyResult =
  | { valid: true; id: string; scopes: readonly string[]; reason?: undefined; missing?: undefined }
  | { valid: false; reason: VerifyReason; missing?: string; id?: undefined; scopes?: undefined };

/** The state of a child credential's parent, by id (undefined: no such record). */
export type ParentState = (id: string) => 'live' | 'revoked' | 'expired' | 'used' | 'invalid' | undefined;

/** The time as the hot path needs it; the credential log implements it. */
export interface VerifyClock {
  /** max(clock, mark); also sets `behind`. */
  verifyNow(): number;
  /** As of the last verifyNow(): the clock lags the mark by more than the tolerance. */
  readonly behind: boolean;
  /** A credential was judged ended at `endMs`: the mark must not fall back before it. */
  sawEnd(endMs: number): void;
}

/** What the hot path needs of a record, precomputed once per load. */
export interface IndexEntry {
  rec: CredentialRecord;
  /** The 32 digest bytes as a one-byte-per-char string (cheapest form node:crypto returns). */
  digest: string;
  kind: CredentialKind;
  expiresAtMs: number;
  revokedAtMs: number;
  /** min(expiresAtMs, revokedAtMs): Infinity for a credential that never ends. */
  limitMs: number;
  used: boolean;
  /** The record breaks its kind's rules (invariants.ts): never valid. */
  invalid: boolean;
  scopes: readonly string[];
  /** A child credential's parent id (null for every other credential). */
  parentId: string | null;
  /** The frozen success result, built once: a valid verification allocates nothing. */
  ok: VerifyResult;
}

/** Digest prefix -> everything verify needs of the record. */
export type VerifyIndex = Map<string, IndexEntry>;

/** Index key: the first 8 digest bytes (collisions ~n²/2^65: none at any realistic n). */
const PREFIX_CHARS = 8;
const DIGEST_CHARS = 32;

/** sha256 as a 32-char binary string: a third faster than a Buffer digest on node 20. */
function digestOf(token: string): string {
  return oneShotHash('sha256', token, 'binary');
}

/**
 * Constant-time over the digest bytes the index key did not already match (the first
 * PREFIX_CHARS are equal by construction of the Map hit): no early exit on a difference.
 */
function digestTailEqual(a: string, b: string): boolean {
  if (a.length !== DIGEST_CHARS || b.length !== DIGEST_CHARS) return false;
  let diff = 0;
  for (let i = PREFIX_CHARS; i < DIGEST_CHARS; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/** Longer input is never hashed (every real token is 60-62 chars; parseToken's own bound). */
export const MAX_TOKEN_CHARS = 80;

/** Verification results are frozen singletons where possible: no allocation per call. */
export const INVALID: Record<VerifyReason, VerifyResult> = Object.freeze({
  malformed: Object.freeze({ valid: false, reason: 'malformed' }),
  unknown: Object.freeze({ valid: false, reason: 'unknown' }),
  revoked: Object.freeze({ valid: false, reason: 'revoked' }),
  expired: Object.freeze({ valid: false, reason: 'expired' }),
  used: Object.freeze({ valid: false, reason: 'used' }),
  scope: Object.freeze({ valid: false, reason: 'scope' }),
  'wrong-kind': Object.freeze({ valid: false, reason: 'wrong-kind' }),
  'invalid-record': Object.freeze({ valid: false, reason: 'invalid-record' }),
  'clock-behind': Object.freeze({ valid: false, reason: 'clock-behind' }),
}) as Record<VerifyReason, VerifyResult>;

export function digestKey(rec: CredentialRecord): string {
  return Buffer.from(rec.hash.slice(7, 7 + 2 * PREFIX_CHARS), 'hex').toString('binary');
}

/** Frozen scope lists shared by every entry with the same scopes (a few sets across 100 000 records). */
const SCOPE_SETS = new Map<string, readonly string[]>();
const MAX_SCOPE_SETS = 256;

function sharedScopes(scopes: readonly string[]): readonly string[] {
  const key = JSON.stringify(scopes);
  let s = SCOPE_SETS.get(key);
  if (s === undefined) {
    s = Object.freeze([...scopes]);
    if (SCOPE_SETS.size < MAX_SCOPE_SETS) SCOPE_SETS.set(key, s);
  }
  return s;
}

/** Everything verify needs of one record, precomputed. */
export function indexEntry(rec: CredentialRecord): IndexEntry {
  const digest = Buffer.from(rec.hash.slice(7), 'hex').toString('binary');
  const scopes = sharedScopes(rec.scopes);
  const expiresAtMs = rec.expiresAt === null ? Infinity : Date.parse(rec.expiresAt);
  const revokedAtMs = rec.revokedAt === null ? Infinity : Date.parse(rec.revokedAt);
  return {
    rec,
    digest,
    kind: rec.kind,
    expiresAtMs,
    revokedAtMs,
    limitMs: Math.min(expiresAtMs, revokedAtMs),
    used: rec.usedAt !== null,
    invalid: recordProblem(rec) !== null,
    scopes,
    parentId: rec.parentId ?? null,
    ok: Object.freeze({ valid: true, id: rec.id, scopes }) as VerifyResult,
  };
}

/** The hot path's index: digest prefix -> everything verify needs, precomputed once per load. */
export function buildIndex(doc: CredentialsDoc): VerifyIndex {
  const byDigest: VerifyIndex = new Map();
  for (const rec of doc.credentials) {
    const e = indexEntry(rec);
    byDigest.set(e.digest.slice(0, PREFIX_CHARS), e);
  }
  return byDigest;
}

/** The record whose hash is sha256(token), compared in constant time; no I/O. */
export function lookup(index: VerifyIndex, token: string): IndexEntry | undefined {
  const digest = digestOf(token);
  const entry = index.get(digest.slice(0, PREFIX_CHARS));
  return entry !== undefined && digestTailEqual(digest, entry.digest) ? entry : undefined;
}

/**
 * The runtime's hot path: one sha256, one Map lookup, a constant-time compare, then
 * state and scope from precomputed fields; no I/O, no allocation. The hash comes first:
 * a hit is a token this node issued, so its shape and checksum are known good and
 * re-checking them would only cost time. A miss gets the full parse (checksum included)
 * to tell `malformed` and `wrong-kind` from `unknown`: results are the same either way.
 * The time is read only for a credential that can end.
 */
export function verifyToken(
  index: VerifyIndex,
  token: string,
  kind: TokenKind,
  scope: string | undefined,
  clock: VerifyClock,
  parentState?: ParentState,
): VerifyResult {
  const entry = typeof token === 'string' && token.length <= MAX_TOKEN_CHARS ? lookup(index, token) : undefined;
  if (entry === undefined) {
    const parsed = parseToken(token);
    if (!parsed.ok) return INVALID.malformed;
    return parsed.kind === kind ? INVALID.unknown : INVALID['wrong-kind'];
  }
  if (entry.kind !== kind) return INVALID['wrong-kind'];
  if (entry.invalid) return INVALID['invalid-record'];
  if (entry.used) return INVALID.used;
  if (entry.limitMs !== Infinity) {
    const t = clock.verifyNow();
    if (entry.limitMs <= t) {
      clock.sawEnd(entry.limitMs);
      return entry.revokedAtMs <= t ? INVALID.revoked : INVALID.expired;
    }
    if (clock.behind) return INVALID['clock-behind'];
  }
  if (entry.parentId !== null) {
    // A child lives only while its parent does (revoked with it, never after it).
    const p = parentState === undefined ? undefined : parentState(entry.parentId);
    if (p === 'expired') return INVALID.expired;
    if (p !== 'live') return INVALID.revoked;
  }
  if (scope !== undefined && !entry.scopes.includes(scope)) return Object.freeze({ valid: false, reason: 'scope', missing: scope }) as VerifyResult;
  return entry.ok;
}
