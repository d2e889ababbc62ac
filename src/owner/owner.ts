import { B3iqError } from '../core/errors.js';
import { readFileNoFollow, writeFileAtomic } from '../fs/files.js';
import { homeFile } from '../home/paths.js';
import { recordIdRe } from '../core/credential-kinds.js';
import { ARGON2_PARAMS, hashPassword, needsRehash, parsePhc, verifyPasswordHash } from './password.js';

export * from './password.js';

/**
 * The owner record (owner.json): the owner password as an argon2id hash in PHC string form
 * (parameters travel with the hash, so they can be raised later without breaking old
 * records) and the owner-session generation the runtime checks: every owner session
 * carries the generation it was created under, and any session from an older generation
 * is invalid. `recover`, `owner passwd` and `owner logout-all` bump it.
 *
 * Writes happen under the home's store lock (the same lock as credentials.json), through
 * writeFileAtomic. Never a password, a hash or a token in any output, error or audit line.
 */
export const OWNER_SCHEMA_VERSION = 1;

const SETUP_ID_RE = recordIdRe('{8,32}', ['setup']);
export interface OwnerDoc {
  schemaVersion: number;
  /** `$argon2id$v=19$m=…,t=…,p=…$<salt b64>$<hash b64>` (PHC string format, unpadded base64). */
  passwordHash: string;
  createdAt: string;
  passwordChangedAt: string;
  /** Owner sessions created under an older generation are invalid. Starts at 1. */
  sessionGeneration: number;
  sessionsInvalidatedAt: string | null;
  /**
   * Ids of the setup tokens that set or reset this password (latest last). The owner write
   * is the commit point of a setup/recover: a token listed here counts as used even if a
   * crash stopped credentials.json from recording it.
   */
  setupTokenIds: string[];
}

/** What status/doctor/runtime may show: no hash. */
export interface OwnerSummary {
  exists: boolean;
  createdAt: string | null;
  passwordChangedAt: string | null;
  sessionGeneration: number | null;
  sessionsInvalidatedAt: string | null;
  algorithm: string | null;
  /** True when the stored hash uses weaker parameters than this version would choose. */
  needsRehash: boolean;
}
// ---- the record -------------------------------------------------------------------------

function corrupt(file: string, why: string): B3iqError {
  return new B3iqError('E_CORRUPT', `${file} is corrupt (${why}); it was left untouched.`, {
    next: 'restore-owner',
  });
}

function isIso(v: unknown): v is string {
  return typeof v === 'string' && !Number.isNaN(Date.parse(v));
}

export function validateOwner(file: string, v: unknown): OwnerDoc {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw corrupt(file, 'not an object');
  const o = v as Record<string, unknown>;
  if (typeof o.schemaVersion !== 'number' || !Number.isInteger(o.schemaVersion)) throw corrupt(file, 'no schemaVersion');
  if (o.schemaVersion > OWNER_SCHEMA_VERSION) {
    throw new B3iqError('E_SCHEMA_NEWER', `${file} was written by a newer b3iq (schemaVersion ${o.schemaVersion}); it was left untouched.`, {
      hint: 'Upgrade b3iq-operator.',
    });
  }
  if (o.schemaVersion < 1) throw corrupt(file, 'bad schemaVersion');
  if (!parsePhc(o.passwordHash)) throw corrupt(file, 'passwordHash is not an argon2id PHC string within bounds');
  if (!isIso(o.createdAt) || !isIso(o.passwordChangedAt)) throw corrupt(file, 'bad timestamps');
  if (typeof o.sessionGeneration !== 'number' || !Number.isSafeInteger(o.sessionGeneration) || o.sessionGeneration < 1) {
    throw corrupt(file, 'bad sessionGeneration');
  }
  if (o.sessionsInvalidatedAt !== null && !isIso(o.sessionsInvalidatedAt)) throw corrupt(file, 'bad sessionsInvalidatedAt');
  if (!Array.isArray(o.setupTokenIds) || !o.setupTokenIds.every((s) => typeof s === 'string' && SETUP_ID_RE.test(s))) {
    throw corrupt(file, 'bad setupTokenIds');
  }
  return {
    schemaVersion: o.schemaVersion,
    passwordHash: o.passwordHash as string,
    createdAt: o.createdAt,
    passwordChangedAt: o.passwordChangedAt,
    sessionGeneration: o.sessionGeneration,
    sessionsInvalidatedAt: o.sessionsInvalidatedAt as string | null,
    setupTokenIds: [...(o.setupTokenIds as string[])],
  };
}

/** The owner record, or undefined when no owner has been set up. No lock: renames are atomic. */
export function readOwner(home: string): OwnerDoc | undefined {
  const file = homeFile(home, 'owner');
  const r = readFileNoFollow(file);
  if (!r) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(r.data.toString('utf8'));
  } catch {
    throw corrupt(file, 'not valid JSON');
  }
  return validateOwner(file, parsed);
}

export function ownerSummary(home: string): OwnerSummary {
  const o = readOwner(home);
  if (!o)
    return {
      exists: false,
      createdAt: null,
      passwordChangedAt: null,
      sessionGeneration: null,
      sessionsInvalidatedAt: null,
      algorithm: null,
      needsRehash: false,
    };
  return {
    exists: true,
    createdAt: o.createdAt,
    passwordChangedAt: o.passwordChangedAt,
    sessionGeneration: o.sessionGeneration,
    sessionsInvalidatedAt: o.sessionsInvalidatedAt,
    algorithm: 'argon2id',
    needsRehash: needsRehash(o.passwordHash),
  };
}

/** The runtime's session check: a session from an older generation is invalid. */
export function ownerSessionGeneration(home: string): number | undefined {
  return readOwner(home)?.sessionGeneration;
}

/** Caller holds the store lock. */
export function writeOwnerLocked(home: string, doc: OwnerDoc): void {
  writeFileAtomic(homeFile(home, 'owner'), JSON.stringify(doc, null, 2) + '\n');
}

/** A hash of nothing, computed once, so a missing owner costs the same time as a wrong password. */
let dummyHash: Promise<string> | undefined;

/**
 * The library's owner check (docs/contract.md section 9): true only for the current owner password.
 * Constant-time comparison; an absent owner, a non-string or an oversized input answer
 * false after the same amount of work. Reads owner.json on every call (no caching: a
 * `recover` from another process takes effect at once).
 */
export async function verifyOwnerPassword(home: string, password: unknown): Promise<boolean> {
  let owner: OwnerDoc | undefined;
  try {
    owner = readOwner(home);
  } catch {
    owner = undefined;
  }
  if (!owner) {
    dummyHash ??= hashPassword('b3iq-no-owner', Buffer.alloc(ARGON2_PARAMS.saltLen));
    await verifyPasswordHash(typeof password === 'string' ? password : '', await dummyHash);
    return false;
  }
  return verifyPasswordHash(password, owner.passwordHash);
}
export function ownerExists(): B3iqError {
  return new B3iqError('E_OWNER_EXISTS', 'An owner password is already set on this node; nothing was changed.', {
    next: 'reset-owner',
  });
}

export function noOwner(): B3iqError {
  return new B3iqError('E_NO_OWNER', 'No owner password is set on this node yet.', { next: 'setup-owner' });
}
