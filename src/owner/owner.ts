import { randomBytes, timingSafeEqual } from 'node:crypto';
import { B3iqError } from '../core/errors.js';
import { CREDENTIAL_SHAPE_RE } from '../core/tokens.js';
import { readFileNoFollow, writeFileAtomic } from '../fs/files.js';
import { appendAudit, type AuditEvent } from '../home/audit.js';
import { homeFile } from '../home/paths.js';
import { acquireLock } from '../fs/lock.js';

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

/**
 * argon2id, RFC 9106 / OWASP Password Storage Cheat Sheet: m = 19 MiB, t = 2, p = 1 is
 * OWASP's first recommended configuration; 16-byte salt from the OS CSPRNG, 32-byte output.
 * Measured in docs/owner-auth.md.
 */
export const ARGON2_PARAMS = Object.freeze({ m: 19_456, t: 2, p: 1, dkLen: 32, saltLen: 16 });

export const PASSWORD_MIN_CHARS = 12;
export const PASSWORD_MAX_BYTES = 1024;
/** Setup-token ids recorded in the owner record (crash-safe consumption, see below). */
const MAX_TOKEN_IDS = 50;

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

// ---- hashing ----------------------------------------------------------------------------

interface Phc {
  m: number;
  t: number;
  p: number;
  salt: Buffer;
  hash: Buffer;
}

const PHC_RE = /^\$argon2id\$v=19\$m=(\d{1,8}),t=(\d{1,3}),p=(\d{1,3})\$([A-Za-z0-9+/]{11,88})\$([A-Za-z0-9+/]{22,88})$/;

function b64(buf: Uint8Array): string {
  return Buffer.from(buf).toString('base64').replace(/=+$/, '');
}

export function parsePhc(s: unknown): Phc | undefined {
  if (typeof s !== 'string') return undefined;
  const m = PHC_RE.exec(s);
  if (!m) return undefined;
  const phc = { m: Number(m[1]), t: Number(m[2]), p: Number(m[3]), salt: Buffer.from(m[4]!, 'base64'), hash: Buffer.from(m[5]!, 'base64') };
  // Bounds: RFC 9106 minimums, and at most 1 GiB / 16 passes so a tampered record cannot
  // make verification eat the machine.
  if (phc.p < 1 || phc.p > 16 || phc.t < 1 || phc.t > 16 || phc.m < 8 * phc.p || phc.m > 1_048_576) return undefined;
  if (phc.salt.length < 8 || phc.hash.length < 16) return undefined;
  return phc;
}

function passwordBytes(password: string): Uint8Array {
  return new Uint8Array(Buffer.from(password.normalize('NFC'), 'utf8'));
}

export async function hashPassword(password: string, salt: Buffer = randomBytes(ARGON2_PARAMS.saltLen)): Promise<string> {
  const { m, t, p, dkLen } = ARGON2_PARAMS;
  const { argon2idAsync } = await import('@noble/hashes/argon2.js'); // ~17 ms to load: only when hashing
  const dk = await argon2idAsync(passwordBytes(password), new Uint8Array(salt), { m, t, p, dkLen, maxmem: 2 ** 31 });
  return `$argon2id$v=19$m=${m},t=${t},p=${p}$${b64(salt)}$${b64(dk)}`;
}

/** Constant-time comparison of the derived key; false for anything unparsable. */
export async function verifyPasswordHash(password: unknown, phcString: string): Promise<boolean> {
  const phc = parsePhc(phcString);
  if (typeof password !== 'string' || !phc) return false;
  if (Buffer.byteLength(password, 'utf8') > PASSWORD_MAX_BYTES) return false;
  const { argon2idAsync } = await import('@noble/hashes/argon2.js');
  const dk = await argon2idAsync(passwordBytes(password), new Uint8Array(phc.salt), { m: phc.m, t: phc.t, p: phc.p, dkLen: phc.hash.length, maxmem: 2 ** 31 });
  return timingSafeEqual(Buffer.from(dk), phc.hash);
}

function needsRehash(phcString: string): boolean {
  const phc = parsePhc(phcString);
  if (!phc) return true;
  return phc.m < ARGON2_PARAMS.m || phc.t < ARGON2_PARAMS.t || phc.hash.length < ARGON2_PARAMS.dkLen;
}

// ---- password policy ---------------------------------------------------------------------

/**
 * Base words of the most common passwords and keyboard walks (after stripping leading and
 * trailing digits/symbols and undoing leetspeak). Not a dictionary: a floor against the
 * passwords every cracking list tries first.
 */
const WEAK_WORDS = new Set(
  (
    'password passwort passwd pass letmein welcome admin administrator root toor changeme default secret iloveyou ' +
    'monkey dragon master shadow sunshine princess football baseball superman batman trustno qwerty qwertz azerty ' +
    'qwertyuiop qwertyuiopasdfghjkl asdfghjkl asdfgh zxcvbnm zxcvbn qazwsx qazwsxedc wsxedc abc abcdef abcdefgh ' +
    'abcdefghijkl abcdefghijklmnop login owner operator user guest test testing b3iq bthreeiq node server ' +
    'mypassword mysecret secretpassword supersecret ilovey loveme hello helloworld whatever starwars ' +
    'computer internet access freedom michael jennifer jordan hunter killer soccer charlie pokemon ' +
    'correcthorsebatterystaple opensesame'
  ).split(' '),
);

const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's', '!': 'i' };

function isRepetition(s: string): boolean {
  for (let n = 1; n <= Math.min(6, s.length / 2); n++) {
    if (s.length % n === 0 && s.slice(0, n).repeat(s.length / n) === s) return true;
  }
  return false;
}

function isSequence(s: string): boolean {
  if (s.length < 4) return false;
  const d = s.charCodeAt(1) - s.charCodeAt(0);
  if (Math.abs(d) !== 1) return false;
  for (let i = 2; i < s.length; i++) if (s.charCodeAt(i) - s.charCodeAt(i - 1) !== d) return false;
  return true;
}

/** Throws E_WEAK_PASSWORD (exit 2) naming the rule, never echoing the password. */
export function checkPasswordStrength(password: string): void {
  const weak = (why: string) =>
    new B3iqError('E_WEAK_PASSWORD', `The owner password is too weak: ${why}; nothing was changed.`, {
      hint: `Use at least ${PASSWORD_MIN_CHARS} characters, e.g. four or five unrelated words.`,
    });
  const chars = [...password];
  if (chars.length < PASSWORD_MIN_CHARS) throw weak(`it is shorter than ${PASSWORD_MIN_CHARS} characters`);
  if (Buffer.byteLength(password, 'utf8') > PASSWORD_MAX_BYTES) throw weak(`it is longer than ${PASSWORD_MAX_BYTES} bytes`);
  if (/[\u0000-\u001f\u007f]/.test(password)) throw weak('it contains control characters');
  if (CREDENTIAL_SHAPE_RE.test(password)) throw weak('it is a b3iq token, which must never double as a password');
  const lower = password.toLowerCase();
  if (new Set(chars).size < 5) throw weak('it uses fewer than 5 different characters');
  if (isRepetition(lower) || isSequence(lower)) throw weak('it is a repeated pattern or a simple sequence');
  // Strip digits/symbols around the word, then undo leetspeak: "P@ssw0rd2024!" -> "password".
  const bare = lower.replace(/^[\d\W_]+|[\d\W_]+$/gu, '');
  const unleet = [...bare].map((c) => LEET[c] ?? c).join('').replace(/[^a-z]/g, '');
  for (const candidate of [unleet, bare.replace(/[^a-z]/g, '')]) {
    if (candidate.length === 0) continue;
    if (WEAK_WORDS.has(candidate)) throw weak('it is a common password with digits or symbols around it');
    for (let n = 1; n <= 4; n++) {
      if (candidate.length % n !== 0) continue;
      const part = candidate.slice(0, candidate.length / n);
      if (n > 1 && part.repeat(n) === candidate && WEAK_WORDS.has(part)) throw weak('it is a common password repeated');
    }
  }
  if (/^\d+$/.test(password) && chars.length < 20) throw weak('it is only digits');
}

// ---- the record -------------------------------------------------------------------------

function corrupt(file: string, why: string): B3iqError {
  return new B3iqError('E_CORRUPT', `${file} is corrupt (${why}); it was left untouched.`, {
    hint: 'Restore it from a backup; or move it aside and run b3iq setup with a new setup token.',
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
  if (!Array.isArray(o.setupTokenIds) || !o.setupTokenIds.every((s) => typeof s === 'string' && /^st_[0-9A-Za-z]{8,32}$/.test(s))) {
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
  if (!o) return { exists: false, createdAt: null, passwordChangedAt: null, sessionGeneration: null, sessionsInvalidatedAt: null, algorithm: null, needsRehash: false };
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
function writeOwnerLocked(home: string, doc: OwnerDoc): void {
  writeFileAtomic(homeFile(home, 'owner'), JSON.stringify(doc, null, 2) + '\n');
}

/** A hash of nothing, computed once, so a missing owner costs the same time as a wrong password. */
let dummyHash: Promise<string> | undefined;

/**
 * The library's owner check (CLI.md section 7): true only for the current owner password.
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
export function applyOwnerChangeLocked(
  home: string,
  change: OwnerChange,
  passwordHash: string,
  setupId: string,
  now: number,
  audit: AuditEvent[],
): OwnerDoc {
  const current = readOwner(home);
  if (current?.setupTokenIds.includes(setupId)) {
    throw new B3iqError('E_INVALID_TOKEN', 'The setup token is used.', { hint: 'Create a new one with: b3iq setup-token create', details: { reason: 'used' } });
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

export function ownerExists(): B3iqError {
  return new B3iqError('E_OWNER_EXISTS', 'An owner password is already set on this node; nothing was changed.', {
    hint: 'To reset it, create a setup token (b3iq setup-token create) and run: b3iq recover',
  });
}

export function noOwner(): B3iqError {
  return new B3iqError('E_NO_OWNER', 'No owner password is set on this node yet.', { hint: 'Set one with a setup token: b3iq setup' });
}

async function underLock<T>(home: string, fn: () => T): Promise<T> {
  const lock = await acquireLock(homeFile(home, 'lock'));
  try {
    return fn();
  } finally {
    lock.release();
  }
}

/**
 * `owner passwd`: the caller has verified the current password against `verifiedHash`; the
 * change is refused if the record changed since (another passwd or a recover raced us).
 */
export async function changeOwnerPassword(home: string, verifiedHash: string, newHash: string, now: () => number): Promise<OwnerDoc> {
  return underLock(home, () => {
    const current = readOwner(home);
    if (!current) throw noOwner();
    const a = Buffer.from(current.passwordHash);
    const b = Buffer.from(verifiedHash);
    if (a.length !== b.length || !timingSafeEqual(a, b)) {
      throw new B3iqError('E_WRONG_PASSWORD', 'The owner password changed while this command ran; nothing was changed.', { hint: 'Run b3iq owner passwd again.' });
    }
    const t = now();
    const next: OwnerDoc = {
      ...current,
      schemaVersion: OWNER_SCHEMA_VERSION,
      passwordHash: newHash,
      passwordChangedAt: iso(t),
      sessionGeneration: current.sessionGeneration + 1,
      sessionsInvalidatedAt: iso(t),
    };
    writeOwnerLocked(home, next);
    appendAudit(homeFile(home, 'audit'), [{ action: 'owner.passwd', id: null, kind: 'owner', sessionGeneration: next.sessionGeneration, sessionsInvalidated: true }], t);
    return next;
  });
}

/** `owner logout-all`: bumps the session generation. */
export async function invalidateOwnerSessions(home: string, now: () => number): Promise<OwnerDoc> {
  return underLock(home, () => {
    const current = readOwner(home);
    if (!current) throw noOwner();
    const t = now();
    const next: OwnerDoc = { ...current, sessionGeneration: current.sessionGeneration + 1, sessionsInvalidatedAt: iso(t) };
    writeOwnerLocked(home, next);
    appendAudit(homeFile(home, 'audit'), [{ action: 'owner.logout-all', id: null, kind: 'owner', sessionGeneration: next.sessionGeneration }], t);
    return next;
  });
}

/** Audits a refused owner-password check (a failed `owner passwd`). */
export async function auditRefused(home: string, action: string, now: number, extra: Record<string, unknown> = {}): Promise<void> {
  await underLock(home, () => appendAudit(homeFile(home, 'audit'), [{ action, id: null, kind: 'owner', outcome: 'refused', ...extra }], now));
}
