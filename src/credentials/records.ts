import { KINDS as KIND_TABLE, RECORD_KINDS, recordIdRe, type RecordKindName } from '../core/credential-kinds.js';
import { corrupt, parseVersioned } from '../home/records-io.js';
import { LOCAL_SCOPE_SET, recordProblem } from './invariants.js';
import { recordLinesValid } from './record-lines.js';

export { corrupt, parseVersioned };

/**
 * The documented record formats (docs/records.md, docs/schema/*.json). Each file carries
 * `schemaVersion`; a newer one is refused untouched, an older one migrated with a backup.
 */
export const CREDENTIALS_SCHEMA_VERSION = 3;

export type CredentialKind = RecordKindName;
/** `invalid`: the record breaks its kind's rules (invariants.ts); never valid. */
export type CredentialState = 'live' | 'revoked' | 'expired' | 'used' | 'invalid';

export interface CredentialRecord {
  id: string;
  kind: CredentialKind;
  name: string | null;
  scopes: string[];
  /** `sha256:` + hex of the token. Never the token. */
  hash: string;
  createdAt: string;
  expiresAt: string | null;
  /** May lie in the future: a rotated key stays valid until its grace period ends. */
  revokedAt: string | null;
  revokeReason: string | null;
  usedAt: string | null;
  dev: boolean;
  note: string | null;
  rotatedFrom: string | null;
  rotatedTo: string | null;
  /**
   * A child credential (a short-lived request config's): the id of the credential it was
   * minted from. Absent or null for every other credential. A child never outlives its
   * parent, is revoked with it, and cannot mint children of its own.
   */
  parentId?: string | null;
  /**
   * True while a copy of the token may be saved in the OS keychain or its 0600 file
   * fallback (`keys create --save keychain`); cleared once that copy is removed. Absent = false.
   */
  savedCopy?: boolean;
}

export interface CredentialsDoc {
  schemaVersion: number;
  /** Bumped on every write; readers use it to notice changes cheaply. */
  generation: number;
  /** The latest time any writer saw: a clock set back cannot revive expired credentials. */
  clockHighWater: string;
  /**
   * Version 2: the journal of changes written since this snapshot (docs/records.md):
   * `credentials.<epoch>.journal`, whose lines continue from `baseGeneration` (= `generation`).
   * Absent or null (a migrated version 1 file): no journal yet.
   */
  journal?: JournalPointer | null;
  /**
   * Version 3: the audit log's head after the change that made this state, and that
   * change's audit lines (docs/records.md, "Anchors"). Null only in a migrated older file.
   */
  audit?: AuditAnchor | null;
  credentials: CredentialRecord[];
}

/** The records' side of the anchor between the records and the audit log. */
export interface AuditAnchor {
  /** The audit log's last seq after the change. */
  seq: number;
  /** That entry's hash. */
  hash: string;
  /** The change's own audit lines (without newline), replayed if a writer died before appending them. */
  lines: string[];
}

const HEX64_RE = /^[0-9a-f]{64}$/;

export function isValidAnchor(a: unknown): a is AuditAnchor {
  const o = a as Partial<AuditAnchor>;
  return (
    typeof o === 'object' &&
    o !== null &&
    !Array.isArray(o) &&
    Number.isInteger(o.seq) &&
    (o.seq as number) >= 0 &&
    typeof o.hash === 'string' &&
    HEX64_RE.test(o.hash) &&
    Array.isArray(o.lines) &&
    o.lines.length <= (o.seq as number) &&
    o.lines.every((l) => typeof l === 'string' && l.length < 65_536)
  );
}

export interface JournalPointer {
  epoch: string;
  baseGeneration: number;
}

export const EPOCH_RE = /^[0-9a-f]{16}$/;

const ID_RE = recordIdRe('{8,32}');
const HASH_RE = /^sha256:[0-9a-f]{64}$/;
const KINDS: ReadonlySet<string> = new Set(RECORD_KINDS);

function isIsoOrNull(v: unknown): boolean {
  return v === null || (typeof v === 'string' && !Number.isNaN(Date.parse(v)));
}
function isStringOrNull(v: unknown): boolean {
  return v === null || typeof v === 'string';
}
function allStrings(a: unknown[]): boolean {
  for (let i = 0; i < a.length; i++) if (typeof a[i] !== 'string') return false;
  return true;
}

/**
 * Migrations of credentials.json, each from version N to N+1, pure and in memory. The
 * store persists a migration under the lock: the original bytes first go to
 * `credentials.json.v<N>.bak` (atomically), then the migrated file replaces the original.
 * Version 0 is the pre-release format (docs/reliability.md): `{"schemaVersion":0,"keys":[
 * {id, kind, name, scopes, sha256 (bare hex), created, expires, revoked}]}`.
 */
export const OLDEST_CREDENTIALS_SCHEMA_VERSION = 0;
type Migration = (file: string, doc: Record<string, unknown>) => Record<string, unknown>;
const CREDENTIALS_MIGRATIONS: Record<number, Migration> = {
  0: (file, doc) => {
    if (!Array.isArray(doc.keys)) throw corrupt(file, 'no keys array in a version 0 file');
    let latest = 0;
    const credentials = (doc.keys as unknown[]).map((k, i) => {
      if (typeof k !== 'object' || k === null || Array.isArray(k)) throw corrupt(file, `key ${i} is malformed`);
      const o = k as Record<string, unknown>;
      for (const t of [o.created, o.revoked]) if (typeof t === 'string' && Date.parse(t) > latest) latest = Date.parse(t);
      return {
        id: o.id,
        kind: o.kind,
        name: o.name ?? null,
        scopes: o.scopes,
        hash: typeof o.sha256 === 'string' ? `sha256:${o.sha256}` : o.sha256,
        createdAt: o.created,
        expiresAt: o.expires ?? null,
        revokedAt: o.revoked ?? null,
        revokeReason: null,
        usedAt: null,
        dev: false,
        note: null,
        rotatedFrom: null,
        rotatedTo: null,
      };
    });
    return { schemaVersion: 1, generation: 0, clockHighWater: new Date(latest).toISOString(), credentials };
  },
  // Version 1 is a version 2 snapshot without a journal; the first write gives it one.
  1: (_file, doc) => ({ ...doc, schemaVersion: 2, journal: null }),
  // Version 2 has no anchor to the audit log (and may lack its journal file); the first
  // write anchors it and gives it a journal file (docs/records.md).
  2: (_file, doc) => ({ ...doc, schemaVersion: 3, audit: null }),
};

/** Brings a parsed credentials document to the current version, in memory; `from` is its version. */
export function upgradeCredentials(file: string, doc: Record<string, unknown>): { doc: Record<string, unknown>; from: number } {
  const from = doc.schemaVersion as number;
  let cur = doc;
  for (let v = from; v < CREDENTIALS_SCHEMA_VERSION; v++) {
    const step = CREDENTIALS_MIGRATIONS[v];
    if (!step) throw corrupt(file, `no migration from schemaVersion ${v}`);
    cur = step(file, cur);
  }
  return { doc: cur, from };
}

/** parseVersioned + upgradeCredentials + validateCredentials: every credentials reader. */
export function loadCredentials(file: string, data: Buffer): { doc: CredentialsDoc; from: number } {
  const text = data.toString('utf8');
  const parsed = parseVersioned(file, text, CREDENTIALS_SCHEMA_VERSION, OLDEST_CREDENTIALS_SCHEMA_VERSION);
  const { doc, from } = upgradeCredentials(file, parsed);
  if (from >= 3 && !isValidAnchor(doc.audit)) throw corrupt(file, 'no anchor to the audit log');
  // The text vouches only for records taken from it as they are (not a version 0 file's, rebuilt from its keys).
  return { doc: validateCredentials(file, doc, doc.credentials === parsed.credentials ? text : undefined), from };
}

/** `text`: the file the document was parsed from, when there is one (record-lines.ts may vouch for its records). */
export function validateCredentials(file: string, doc: Record<string, unknown>, text?: string): CredentialsDoc {
  if (typeof doc.generation !== 'number' || !Number.isInteger(doc.generation)) throw corrupt(file, 'bad generation');
  if (typeof doc.clockHighWater !== 'string' || Number.isNaN(Date.parse(doc.clockHighWater))) throw corrupt(file, 'bad clockHighWater');
  if (!Array.isArray(doc.credentials)) throw corrupt(file, 'no credentials array');
  const j = doc.journal;
  if (j !== undefined && j !== null) {
    const p = j as Partial<JournalPointer>;
    if (typeof p !== 'object' || Array.isArray(p) || typeof p.epoch !== 'string' || !EPOCH_RE.test(p.epoch) || p.baseGeneration !== doc.generation) {
      throw corrupt(file, 'bad journal pointer');
    }
  }
  if (doc.audit !== undefined && doc.audit !== null && !isValidAnchor(doc.audit)) throw corrupt(file, 'bad anchor to the audit log');
  // A plain indexed loop: a CLI runs this once, cold, over every record (docs/performance.md).
  const records = doc.credentials as unknown[];
  const shaped = text !== undefined && recordLinesValid(text, records.length);
  const seen = new Set<string>();
  for (let i = 0; i < records.length; i++) {
    const c = records[i] as CredentialRecord;
    if (!shaped && !isValidRecord(c)) throw corrupt(file, `credential ${i} is malformed`);
    // One lookup a record: an id seen before leaves the set's size short.
    seen.add(c.id);
    if (seen.size !== i + 1) throw corrupt(file, `duplicate id at credential ${i}`);
  }
  return doc as unknown as CredentialsDoc;
}

/** One credential record's shape (the snapshot's entries and the journal's `recs`). */
export function isValidRecord(c: unknown): c is CredentialRecord {
  const r = c as Partial<CredentialRecord>;
  return (
    typeof r === 'object' &&
    r !== null &&
    !Array.isArray(r) &&
    typeof r.id === 'string' &&
    ID_RE.test(r.id) &&
    typeof r.kind === 'string' &&
    KINDS.has(r.kind) &&
    isStringOrNull(r.name) &&
    Array.isArray(r.scopes) &&
    allStrings(r.scopes) &&
    typeof r.hash === 'string' &&
    HASH_RE.test(r.hash) &&
    typeof r.createdAt === 'string' &&
    isIsoOrNull(r.createdAt) &&
    isIsoOrNull(r.expiresAt) &&
    isIsoOrNull(r.revokedAt) &&
    isIsoOrNull(r.usedAt) &&
    isStringOrNull(r.revokeReason) &&
    isStringOrNull(r.note) &&
    isStringOrNull(r.rotatedFrom) &&
    isStringOrNull(r.rotatedTo) &&
    (r.parentId === undefined || r.parentId === null || (typeof r.parentId === 'string' && ID_RE.test(r.parentId))) &&
    (r.savedCopy === undefined || typeof r.savedCopy === 'boolean') &&
    typeof r.dev === 'boolean'
  );
}

export function emptyCredentials(now: number): CredentialsDoc {
  return {
    schemaVersion: CREDENTIALS_SCHEMA_VERSION,
    generation: 0,
    clockHighWater: new Date(now).toISOString(),
    journal: null,
    audit: { seq: 0, hash: '0'.repeat(64), lines: [] },
    credentials: [],
  };
}

/** listViews() judges the same in place: change both together. */
export function stateOf(r: CredentialRecord, now: number): CredentialState {
  if (recordProblem(r) !== null) return 'invalid';
  if (r.usedAt !== null) return 'used';
  if (r.revokedAt !== null && Date.parse(r.revokedAt) <= now) return 'revoked';
  if (r.expiresAt !== null && Date.parse(r.expiresAt) <= now) return 'expired';
  return 'live';
}

/** The contract's public shape of a credential: never the hash. */
export interface CredentialView {
  id: string;
  kind: CredentialKind;
  name: string | null;
  scopes: string[];
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  state: CredentialState;
  dev?: boolean;
  note?: string | null;
  rotatedFrom?: string | null;
  rotatedTo?: string | null;
  /** Why it was revoked (present once revoked, or scheduled for revocation by a rotation). */
  revokeReason?: string | null;
  /** A rotation's grace: still live, revoked at this time (= revokedAt, in the future). */
  graceEndsAt?: string;
  /** A child credential: the credential it was minted from. */
  parentId?: string;
  /** A copy of the token may be saved in the OS keychain (or its 0600 file fallback). */
  savedCopy?: boolean;
}

/** `state`: stateOf(r, now), when the caller has it already. listViews() builds the same view in place: change both together. */
export function toView(r: CredentialRecord, now: number, state: CredentialState = stateOf(r, now)): CredentialView {
  const v: CredentialView = {
    id: r.id,
    kind: r.kind,
    name: r.name,
    scopes: r.scopes.slice(), // a copy (the view is the caller's); slice() runs no iterator, cold
    createdAt: r.createdAt,
    expiresAt: r.expiresAt,
    revokedAt: r.revokedAt,
    state,
  };
  if (r.dev) v.dev = true;
  if (r.note !== null) v.note = r.note;
  if (r.rotatedFrom !== null) v.rotatedFrom = r.rotatedFrom;
  if (r.rotatedTo !== null) v.rotatedTo = r.rotatedTo;
  if (r.revokedAt !== null) {
    v.revokeReason = r.revokeReason;
    if (Date.parse(r.revokedAt) > now && v.state === 'live') v.graceEndsAt = r.revokedAt;
  }
  if (r.parentId != null) v.parentId = r.parentId;
  if (r.savedCopy === true) v.savedCopy = true;
  return v;
}

const LOCAL_ID_PREFIX = KIND_TABLE.local.idPrefix!;

/**
 * A listing: toView(r, now) of each record of `opts.kind` (any when unset), child
 * credentials only with `opts.children`, live ones only unless `opts.all`, in order. One
 * loop that judges and builds each view in place, as stateOf and toView do, with no call
 * for the usual record (a local key of one local scope, which keeps its kind's rules): a
 * CLI lists every record once, and 2 000 calls each of stateOf, recordProblem and toView
 * cost it more than their work, V8 compiling those small hot functions with its optimizing
 * compiler on the way, for a process that ends a moment later (docs/performance.md,
 * Start-up). Any other record goes through recordProblem. Held equal to
 * `toView(r, now)` by test, over records of every kind, state and rule broken.
 */
export function listViews(
  recs: readonly CredentialRecord[],
  now: number,
  opts: { kind?: CredentialKind; all?: boolean; children?: boolean },
): CredentialView[] {
  const out: CredentialView[] = [];
  for (let i = 0; i < recs.length; i++) {
    const r = recs[i]!;
    if (opts.kind && r.kind !== opts.kind) continue;
    if (r.parentId != null && opts.children !== true) continue;
    const s = r.scopes;
    const keepsRules = (r.kind === 'local' && s.length === 1 && LOCAL_SCOPE_SET.has(s[0]!) && r.id.startsWith(LOCAL_ID_PREFIX)) || recordProblem(r) === null;
    let state: CredentialState;
    if (!keepsRules) state = 'invalid';
    else if (r.usedAt !== null) state = 'used';
    else if (r.revokedAt !== null && Date.parse(r.revokedAt) <= now) state = 'revoked';
    else if (r.expiresAt !== null && Date.parse(r.expiresAt) <= now) state = 'expired';
    else state = 'live';
    if (!opts.all && state !== 'live') continue;
    const v: CredentialView = {
      id: r.id,
      kind: r.kind,
      name: r.name,
      scopes: s.slice(),
      createdAt: r.createdAt,
      expiresAt: r.expiresAt,
      revokedAt: r.revokedAt,
      state,
    };
    if (r.dev) v.dev = true;
    if (r.note !== null) v.note = r.note;
    if (r.rotatedFrom !== null) v.rotatedFrom = r.rotatedFrom;
    if (r.rotatedTo !== null) v.rotatedTo = r.rotatedTo;
    if (r.revokedAt !== null) {
      v.revokeReason = r.revokeReason;
      if (Date.parse(r.revokedAt) > now && state === 'live') v.graceEndsAt = r.revokedAt;
    }
    if (r.parentId != null) v.parentId = r.parentId;
    if (r.savedCopy === true) v.savedCopy = true;
    out.push(v);
  }
  return out;
}
