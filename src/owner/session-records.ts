import * as path from 'node:path';
import { B3iqError } from '../core/errors.js';
import { readFileNoFollow, writeFileAtomic } from '../fs/files.js';

/**
 * The owner-session record (owner-sessions.json, 0600): one entry per signed-in browser.
 * Only the sha256 of the session secret is kept, never the secret; each entry carries the
 * owner's session generation it was created under (owner.json), so `owner logout-all`,
 * `recover` and `owner passwd` end every session by bumping that number. Written
 * atomically under the home's lock; read with O_NOFOLLOW. docs/records.md describes it,
 * docs/schema/owner-sessions.schema.json is its JSON Schema.
 */
export const SESSIONS_SCHEMA_VERSION = 1;
export const SESSIONS_FILE = 'owner-sessions.json';
/** A node keeps at most this many sessions; the oldest are dropped first. */
export const MAX_SESSIONS = 64;

export interface SessionRecord {
  /** Public id (`os_…`), shown by `owner sessions`, used to revoke. */
  id: string;
  /** `sha256:<hex>` of the cookie value. */
  hash: string;
  generation: number;
  /** A label for the client (address, browser), printable, at most 80 chars. */
  client: string;
  createdAt: string;
  /** Written lazily (at most about once a minute per session), so it may lag a little. */
  lastSeenAt: string;
  /** The absolute end of the session, whatever its activity. */
  expiresAt: string;
}

export interface SessionsDoc {
  schemaVersion: number;
  sessions: SessionRecord[];
}

export function sessionsFile(home: string): string {
  return path.join(home, SESSIONS_FILE);
}

function corrupt(file: string, why: string): B3iqError {
  return new B3iqError('E_CORRUPT', `${file} is corrupt (${why}); it was left untouched.`, {
    hint: 'Move it aside: every owner session is then signed out, nothing else is lost.',
  });
}

const ID_RE = /^os_[0-9A-Za-z]{13}$/;
const HASH_RE = /^sha256:[0-9a-f]{64}$/;

function isIso(v: unknown): v is string {
  return typeof v === 'string' && !Number.isNaN(Date.parse(v));
}

function validateRecord(file: string, v: unknown): SessionRecord {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw corrupt(file, 'a session is not an object');
  const o = v as Record<string, unknown>;
  if (typeof o.id !== 'string' || !ID_RE.test(o.id)) throw corrupt(file, 'bad session id');
  if (typeof o.hash !== 'string' || !HASH_RE.test(o.hash)) throw corrupt(file, 'bad session hash');
  if (typeof o.generation !== 'number' || !Number.isSafeInteger(o.generation) || o.generation < 1) throw corrupt(file, 'bad generation');
  if (typeof o.client !== 'string' || o.client.length > 80) throw corrupt(file, 'bad client label');
  if (!isIso(o.createdAt) || !isIso(o.lastSeenAt) || !isIso(o.expiresAt)) throw corrupt(file, 'bad timestamps');
  return { id: o.id, hash: o.hash, generation: o.generation, client: o.client, createdAt: o.createdAt, lastSeenAt: o.lastSeenAt, expiresAt: o.expiresAt };
}

export function parseSessions(file: string, data: Buffer): SessionsDoc {
  let v: unknown;
  try {
    v = JSON.parse(data.toString('utf8'));
  } catch {
    throw corrupt(file, 'not valid JSON');
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw corrupt(file, 'not an object');
  const o = v as Record<string, unknown>;
  if (typeof o.schemaVersion !== 'number' || !Number.isInteger(o.schemaVersion) || o.schemaVersion < 1) throw corrupt(file, 'no schemaVersion');
  if (o.schemaVersion > SESSIONS_SCHEMA_VERSION) {
    throw new B3iqError('E_SCHEMA_NEWER', `${file} was written by a newer b3iq (schemaVersion ${o.schemaVersion}); it was left untouched.`, {
      hint: 'Upgrade b3iq-operator.',
    });
  }
  if (!Array.isArray(o.sessions)) throw corrupt(file, 'no sessions array');
  return { schemaVersion: SESSIONS_SCHEMA_VERSION, sessions: o.sessions.map((s) => validateRecord(file, s)) };
}

/** The records as on disk, with the stat used to notice changes; an empty set when absent. */
export function readSessions(home: string): { doc: SessionsDoc; sig: string } {
  const file = sessionsFile(home);
  const r = readFileNoFollow(file);
  if (!r) return { doc: { schemaVersion: SESSIONS_SCHEMA_VERSION, sessions: [] }, sig: 'absent' };
  return { doc: parseSessions(file, r.data), sig: `${r.stat.ino}:${r.stat.size}:${r.stat.mtimeMs}` };
}

/** Caller holds the home's lock. */
export function writeSessionsLocked(home: string, sessions: SessionRecord[]): void {
  const doc: SessionsDoc = { schemaVersion: SESSIONS_SCHEMA_VERSION, sessions: sessions.slice(-MAX_SESSIONS) };
  writeFileAtomic(sessionsFile(home), JSON.stringify(doc, null, 2) + '\n');
}
