import { generateId, hashToken, type RandomSource } from '../core/tokens.js';
import type { Tx } from './log.js';
import type { CredentialKind, CredentialRecord, CredentialView } from './records.js';
import { iso } from './snapshot.js';

/** What issuing, rotating and revoking take and give, and how a new record is made. */

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
  /** ms from now, or null/undefined for no expiry. */
  expiresIn?: number | null;
  dev?: boolean;
  /** The caller saves a copy of the token in the keychain (recorded so it can be removed later). */
  savedCopy?: boolean;
}

export interface IssueSupportGrantInput {
  deliver?: DeliverFirst;
  scopes?: readonly string[];
  ttl?: number;
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
