import { B3iqError } from '../core/errors.js';

/**
 * The documented record formats (docs/records.md, docs/schema/*.json). Each file carries
 * `schemaVersion`; a newer one is refused untouched, an older one migrated with a backup.
 */
export const CREDENTIALS_SCHEMA_VERSION = 1;
export const NODE_SCHEMA_VERSION = 1;

export type CredentialKind = 'local' | 'support' | 'setup';
export type CredentialState = 'live' | 'revoked' | 'expired' | 'used';

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
}

export interface CredentialsDoc {
  schemaVersion: number;
  /** Bumped on every write; readers use it to notice changes cheaply. */
  generation: number;
  /** The latest time any writer saw: a clock set back cannot revive expired credentials. */
  clockHighWater: string;
  credentials: CredentialRecord[];
}

export interface NodeDoc {
  schemaVersion: number;
  nodeId: string;
  createdAt: string;
}

const ID_RE = /^(lk|sg|st)_[0-9A-Za-z]{8,32}$/;
const HASH_RE = /^sha256:[0-9a-f]{64}$/;
const KINDS: ReadonlySet<string> = new Set(['local', 'support', 'setup']);

function isIsoOrNull(v: unknown): boolean {
  return v === null || (typeof v === 'string' && !Number.isNaN(Date.parse(v)));
}
function isStringOrNull(v: unknown): boolean {
  return v === null || typeof v === 'string';
}

function corrupt(file: string, why: string): B3iqError {
  return new B3iqError('E_CORRUPT', `${file} is corrupt (${why}); it was left untouched.`, {
    hint: 'Restore it from a backup, or move it aside to start over (every credential in it is then lost).',
  });
}

/** Parses and checks the version; a newer schema is refused before anything else is looked at. */
export function parseVersioned(file: string, data: Buffer, current: number): Record<string, unknown> {
  let doc: unknown;
  try {
    doc = JSON.parse(data.toString('utf8'));
  } catch {
    throw corrupt(file, 'not valid JSON');
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw corrupt(file, 'not a JSON object');
  const v = (doc as { schemaVersion?: unknown }).schemaVersion;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) throw corrupt(file, 'no schemaVersion');
  if (v > current) {
    throw new B3iqError('E_SCHEMA_NEWER', `${file} has schemaVersion ${v}, newer than this b3iq understands (${current}); it was left untouched.`, {
      hint: 'Upgrade b3iq-operator to read it.',
    });
  }
  return doc as Record<string, unknown>;
}

export function validateCredentials(file: string, doc: Record<string, unknown>): CredentialsDoc {
  if (typeof doc.generation !== 'number' || !Number.isInteger(doc.generation)) throw corrupt(file, 'bad generation');
  if (typeof doc.clockHighWater !== 'string' || Number.isNaN(Date.parse(doc.clockHighWater))) throw corrupt(file, 'bad clockHighWater');
  if (!Array.isArray(doc.credentials)) throw corrupt(file, 'no credentials array');
  const seen = new Set<string>();
  for (const [i, c] of (doc.credentials as unknown[]).entries()) {
    const r = c as Partial<CredentialRecord>;
    const ok =
      typeof r === 'object' && r !== null &&
      typeof r.id === 'string' && ID_RE.test(r.id) &&
      typeof r.kind === 'string' && KINDS.has(r.kind) &&
      isStringOrNull(r.name) &&
      Array.isArray(r.scopes) && r.scopes.every((s) => typeof s === 'string') &&
      typeof r.hash === 'string' && HASH_RE.test(r.hash) &&
      typeof r.createdAt === 'string' && isIsoOrNull(r.createdAt) &&
      isIsoOrNull(r.expiresAt) && isIsoOrNull(r.revokedAt) && isIsoOrNull(r.usedAt) &&
      isStringOrNull(r.revokeReason) && isStringOrNull(r.note) &&
      isStringOrNull(r.rotatedFrom) && isStringOrNull(r.rotatedTo) &&
      typeof r.dev === 'boolean';
    if (!ok) throw corrupt(file, `credential ${i} is malformed`);
    if (seen.has(r.id!)) throw corrupt(file, `duplicate id at credential ${i}`);
    seen.add(r.id!);
  }
  return doc as unknown as CredentialsDoc;
}

export function validateNode(file: string, doc: Record<string, unknown>): NodeDoc {
  if (typeof doc.nodeId !== 'string' || typeof doc.createdAt !== 'string') throw corrupt(file, 'bad node identity');
  return doc as unknown as NodeDoc;
}

export function emptyCredentials(now: number): CredentialsDoc {
  return { schemaVersion: CREDENTIALS_SCHEMA_VERSION, generation: 0, clockHighWater: new Date(now).toISOString(), credentials: [] };
}

export function stateOf(r: CredentialRecord, now: number): CredentialState {
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
}

export function toView(r: CredentialRecord, now: number): CredentialView {
  const v: CredentialView = {
    id: r.id,
    kind: r.kind,
    name: r.name,
    scopes: [...r.scopes],
    createdAt: r.createdAt,
    expiresAt: r.expiresAt,
    revokedAt: r.revokedAt,
    state: stateOf(r, now),
  };
  if (r.dev) v.dev = true;
  if (r.note !== null) v.note = r.note;
  if (r.rotatedFrom !== null) v.rotatedFrom = r.rotatedFrom;
  if (r.rotatedTo !== null) v.rotatedTo = r.rotatedTo;
  return v;
}
