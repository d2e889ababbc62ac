import * as fs from 'node:fs';
import { createHash, hash as oneShotHash, timingSafeEqual } from 'node:crypto';
import { B3iqError, errnoCode } from '../core/errors.js';
import { cryptoRandom, generateId, generateToken, parseToken, type RandomSource, type TokenKind } from '../core/tokens.js';
import { validateScopes } from '../core/scopes.js';
import { acquireLock } from './lock.js';
import { ensurePrivateDir, assertSafeDir, readFileNoFollow, sweepTempFiles, writeFileAtomic } from './fs-safe.js';
import { appendAudit, checkAuditFile, type AuditEvent } from './audit.js';
import { homeFile } from './paths.js';
import {
  CREDENTIALS_SCHEMA_VERSION,
  NODE_SCHEMA_VERSION,
  emptyCredentials,
  loadCredentials,
  parseVersioned,
  stateOf,
  toView,
  validateCredentials,
  validateNode,
  type CredentialKind,
  type CredentialRecord,
  type CredentialsDoc,
  type CredentialView,
  type NodeDoc,
} from './records.js';

export type Clock = () => number;

export type VerifyReason = 'malformed' | 'unknown' | 'revoked' | 'expired' | 'used' | 'scope' | 'wrong-kind';
export type VerifyResult = { valid: true; id: string; scopes: readonly string[] } | { valid: false; reason: VerifyReason };

export interface StoreOptions {
  home: string;
  clock?: Clock;
  random?: RandomSource;
  /** Keep the in-memory view current with other processes' writes (the runtime). Default true. */
  live?: boolean;
  /** How often a live store checks the records for changes, in ms. */
  pollMs?: number;
}

export const SUPPORT_MAX_TTL_MS = 72 * 3_600_000;
export const SUPPORT_DEFAULT_TTL_MS = 4 * 3_600_000;
export const SETUP_DEFAULT_TTL_MS = 30 * 60_000;

/** What the hot path needs of a record, precomputed once per load. */
interface IndexEntry {
  rec: CredentialRecord;
  /** The 32 digest bytes as a one-byte-per-char string (cheapest form node:crypto returns). */
  digest: string;
  kind: CredentialKind;
  expiresAtMs: number;
  revokedAtMs: number;
  /** min(expiresAtMs, revokedAtMs): Infinity for a credential that never ends. */
  limitMs: number;
  used: boolean;
  scopes: readonly string[];
  /** The frozen success result, built once: a valid verification allocates nothing. */
  ok: VerifyResult;
}

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
const MAX_TOKEN_CHARS = 80;

/** Verification results are frozen singletons where possible: no allocation per call. */
const INVALID: Record<VerifyReason, VerifyResult> = Object.freeze({
  malformed: Object.freeze({ valid: false, reason: 'malformed' }),
  unknown: Object.freeze({ valid: false, reason: 'unknown' }),
  revoked: Object.freeze({ valid: false, reason: 'revoked' }),
  expired: Object.freeze({ valid: false, reason: 'expired' }),
  used: Object.freeze({ valid: false, reason: 'used' }),
  scope: Object.freeze({ valid: false, reason: 'scope' }),
  'wrong-kind': Object.freeze({ valid: false, reason: 'wrong-kind' }),
}) as Record<VerifyReason, VerifyResult>;

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** One record per line: diffs and `grep` stay readable, and parsing stays a single JSON.parse. */
function serialize(doc: CredentialsDoc): string {
  const head = JSON.stringify({ schemaVersion: doc.schemaVersion, generation: doc.generation, clockHighWater: doc.clockHighWater });
  const body = doc.credentials.map((c) => JSON.stringify(c)).join(',\n');
  return `${head.slice(0, -1)},"credentials":[${body ? `\n${body}\n` : ''}]}\n`;
}

/** The hot path's index: digest prefix -> everything verify needs, precomputed once per load. */
function buildIndex(doc: CredentialsDoc): Map<string, IndexEntry> {
  const byDigest = new Map<string, IndexEntry>();
  for (const rec of doc.credentials) {
    const digest = Buffer.from(rec.hash.slice(7), 'hex').toString('binary');
    const scopes = Object.freeze([...rec.scopes]);
    const expiresAtMs = rec.expiresAt === null ? Infinity : Date.parse(rec.expiresAt);
    const revokedAtMs = rec.revokedAt === null ? Infinity : Date.parse(rec.revokedAt);
    byDigest.set(digest.slice(0, PREFIX_CHARS), {
      rec,
      digest,
      kind: rec.kind,
      expiresAtMs,
      revokedAtMs,
      limitMs: Math.min(expiresAtMs, revokedAtMs),
      used: rec.usedAt !== null,
      scopes,
      ok: Object.freeze({ valid: true, id: rec.id, scopes }) as VerifyResult,
    });
  }
  return byDigest;
}

export function checkHome(home: string, { mustExist }: { mustExist: boolean }): void {
  let st: fs.Stats;
  try {
    st = fs.lstatSync(home);
  } catch (e) {
    if (errnoCode(e) === 'ENOENT') {
      if (!mustExist) return;
      throw new B3iqError('E_NOT_INITIALISED', `No b3iq config at ${home}.`, { hint: 'Run: b3iq init' });
    }
    throw new B3iqError('E_IO', `Cannot read ${home} (${errnoCode(e) ?? 'error'}).`);
  }
  if (st.isSymbolicLink()) throw new B3iqError('E_SYMLINK', `${home} is a symlink; refusing to use it.`, { hint: 'Point --home or B3IQ_HOME at a real directory.' });
  assertSafeDir(home, st);
}

/** Runs fn under the home's inter-process lock. */
export async function withLock<T>(home: string, fn: () => T | Promise<T>): Promise<T> {
  const lock = await acquireLock(homeFile(home, 'lock'));
  try {
    return await fn();
  } finally {
    lock.release();
  }
}

export interface InitResult {
  home: string;
  created: boolean;
  nodeId: string;
}

/** Creates the config directory, node identity and empty records; idempotent. */
export async function initHome(home: string, clock: Clock = Date.now, random: RandomSource = cryptoRandom): Promise<InitResult> {
  checkHome(home, { mustExist: false });
  ensurePrivateDir(home);
  return withLock(home, () => {
    const nodeFile = homeFile(home, 'node');
    const credFile = homeFile(home, 'credentials');
    const existing = readFileNoFollow(nodeFile);
    let created = false;
    let node: NodeDoc;
    if (existing) {
      node = validateNode(nodeFile, parseVersioned(nodeFile, existing.data, NODE_SCHEMA_VERSION));
    } else {
      node = { schemaVersion: NODE_SCHEMA_VERSION, nodeId: `node_${random(12).toString('hex')}`, createdAt: iso(clock()) };
      writeFileAtomic(nodeFile, JSON.stringify(node, null, 2) + '\n');
      created = true;
    }
    const cred = readFileNoFollow(credFile);
    if (cred) loadCredentials(credFile, cred.data);
    else writeFileAtomic(credFile, serialize(emptyCredentials(clock())));
    if (created) appendAudit(homeFile(home, 'audit'), [{ action: 'init', id: node.nodeId, kind: 'node' }], clock());
    return { home, created, nodeId: node.nodeId };
  });
}

function backupName(file: string, from: number): string {
  return `${file}.v${from}.bak`;
}

function migrateEvent(from: number): AuditEvent {
  return { action: 'records.migrate', id: null, kind: 'credentials', from, to: CREDENTIALS_SCHEMA_VERSION };
}

/** The original bytes to `<file>.v<N>.bak` first, then the migrated document over the original. */
function persistMigration(home: string, file: string, raw: Buffer, doc: CredentialsDoc, from: number, now: number): void {
  writeFileAtomic(backupName(file, from), raw);
  doc.generation += 1;
  doc.clockHighWater = iso(now);
  writeFileAtomic(file, serialize(doc));
  appendAudit(homeFile(home, 'audit'), [migrateEvent(from)], now);
}

export function readNode(home: string): NodeDoc {
  const file = homeFile(home, 'node');
  const r = readFileNoFollow(file);
  if (!r) throw new B3iqError('E_NOT_INITIALISED', `No b3iq config at ${home}.`, { hint: 'Run: b3iq init' });
  return validateNode(file, parseVersioned(file, r.data, NODE_SCHEMA_VERSION));
}

interface FileSig {
  ino: number;
  size: number;
  mtimeMs: number;
}

export interface IssueLocalKeyInput {
  name: string;
  scopes?: readonly string[];
  /** ms from now, or null/undefined for no expiry. */
  expiresIn?: number | null;
  dev?: boolean;
}

export interface IssueSupportGrantInput {
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
}

export class Store {
  readonly home: string;
  private readonly clock: Clock;
  private readonly random: RandomSource;
  private readonly credFile: string;
  private doc: CredentialsDoc;
  private byId = new Map<string, CredentialRecord>();
  /** Built on first use (a CLI listing never needs it); at once for a live store (the runtime). */
  private byDigest: Map<string, IndexEntry> | undefined;
  private readonly eagerIndex: boolean;
  private sig: FileSig | undefined;
  private highWater = 0;
  private timer: NodeJS.Timeout | undefined;
  private polling = false;
  /** performance.now() before which poll() does not reload again (see poll). */
  private quietUntil = 0;
  private closed = false;

  private constructor(home: string, opts: StoreOptions, doc: CredentialsDoc, sig: FileSig | undefined) {
    this.home = home;
    this.clock = opts.clock ?? Date.now;
    this.random = opts.random ?? cryptoRandom;
    this.credFile = homeFile(home, 'credentials');
    this.doc = doc;
    this.eagerIndex = opts.live ?? true;
    this.apply(doc, sig);
    if (opts.live ?? true) {
      const pollMs = Math.max(20, opts.pollMs ?? 200);
      this.timer = setInterval(() => void this.poll(), pollMs);
      this.timer.unref();
    }
  }

  static async open(opts: StoreOptions): Promise<Store> {
    const home = opts.home;
    checkHome(home, { mustExist: true });
    const file = homeFile(home, 'credentials');
    let r = readFileNoFollow(file);
    if (!r) throw new B3iqError('E_NOT_INITIALISED', `No b3iq records at ${home}.`, { hint: 'Run: b3iq init' });
    let { doc, from } = loadCredentials(file, r.data);
    if (from < CREDENTIALS_SCHEMA_VERSION) {
      // An older format: migrate on disk once, under the lock, with a backup of the original.
      await withLock(home, () => {
        const again = readFileNoFollow(file);
        if (!again) throw new B3iqError('E_NOT_INITIALISED', `No b3iq records at ${home}.`, { hint: 'Run: b3iq init' });
        const l = loadCredentials(file, again.data);
        if (l.from < CREDENTIALS_SCHEMA_VERSION) persistMigration(home, file, again.data, l.doc, l.from, Math.max((opts.clock ?? Date.now)(), Date.parse(l.doc.clockHighWater)));
      });
      r = readFileNoFollow(file);
      if (!r) throw new B3iqError('E_NOT_INITIALISED', `No b3iq records at ${home}.`, { hint: 'Run: b3iq init' });
      ({ doc } = loadCredentials(file, r.data));
    }
    return new Store(home, opts, doc, { ino: r.stat.ino, size: r.stat.size, mtimeMs: r.stat.mtimeMs });
  }

  /** The current time, never earlier than any time a writer has recorded. */
  now(): number {
    const t = this.clock();
    if (t > this.highWater) this.highWater = t;
    return this.highWater;
  }

  get generation(): number {
    return this.doc.generation;
  }

  private apply(doc: CredentialsDoc, sig: FileSig | undefined): void {
    const byId = new Map<string, CredentialRecord>();
    for (const rec of doc.credentials) byId.set(rec.id, rec);
    this.doc = doc;
    this.byId = byId;
    this.byDigest = this.eagerIndex ? buildIndex(doc) : undefined;
    this.sig = sig;
    const hw = Date.parse(doc.clockHighWater);
    if (hw > this.highWater) this.highWater = hw;
  }

  /**
   * Picks up other processes' writes: one stat per tick; a changed signature (inode, size,
   * mtime: the atomic rename always changes the inode) means a reload. A file mid-rename,
   * deleted, half-written by something else or unparsable keeps the last good view, and
   * the signature is only recorded with a good parse, so the next tick tries again.
   * Debounced by cost: after a reload that took R ms, the next one waits at least 2R ms,
   * so a burst of writes to a large file cannot keep the runtime's event loop busy.
   */
  private async poll(): Promise<void> {
    if (this.polling || this.closed || performance.now() < this.quietUntil) return;
    this.polling = true;
    try {
      const st = await fs.promises.stat(this.credFile);
      const s = this.sig;
      if (this.closed || (s && st.ino === s.ino && st.size === s.size && st.mtimeMs === s.mtimeMs)) return;
      const t0 = performance.now();
      try {
        this.reloadSync();
      } finally {
        const t1 = performance.now();
        this.quietUntil = t1 + 2 * (t1 - t0);
      }
    } catch {
      // Deleted, replaced or unreadable for a moment: keep serving the last good view.
    } finally {
      this.polling = false;
    }
  }

  /** Re-reads the records now. */
  reloadSync(): void {
    const r = readFileNoFollow(this.credFile);
    if (!r) return;
    const doc = validateCredentials(this.credFile, parseVersioned(this.credFile, r.data, CREDENTIALS_SCHEMA_VERSION));
    if (doc.generation < this.doc.generation && this.sig && r.stat.ino === this.sig.ino) return;
    this.apply(doc, { ino: r.stat.ino, size: r.stat.size, mtimeMs: r.stat.mtimeMs });
  }

  // ---- the hot path -------------------------------------------------------------------

  /** The record whose hash is sha256(token), compared in constant time; no I/O. */
  private lookup(token: string): IndexEntry | undefined {
    const digest = digestOf(token);
    const entry = (this.byDigest ??= buildIndex(this.doc)).get(digest.slice(0, PREFIX_CHARS));
    return entry !== undefined && digestTailEqual(digest, entry.digest) ? entry : undefined;
  }

  /**
   * The runtime's hot path: one sha256, one Map lookup, a constant-time compare, then
   * state and scope from precomputed fields; no I/O, no allocation. The hash comes first:
   * a hit is a token this node issued, so its shape and checksum are known good and
   * re-checking them would only cost time. A miss gets the full parse (checksum included)
   * to tell `malformed` and `wrong-kind` from `unknown`: results are the same either way.
   */
  private verify(token: string, kind: TokenKind, scope: string | undefined): VerifyResult {
    const entry = typeof token === 'string' && token.length <= MAX_TOKEN_CHARS ? this.lookup(token) : undefined;
    if (entry === undefined) {
      const parsed = parseToken(token);
      if (!parsed.ok) return INVALID.malformed;
      return parsed.kind === kind ? INVALID.unknown : INVALID['wrong-kind'];
    }
    if (entry.kind !== kind) return INVALID['wrong-kind'];
    if (entry.used) return INVALID.used;
    if (entry.limitMs !== Infinity) {
      // Only a credential that can end reads the clock.
      const now = this.now();
      if (entry.revokedAtMs <= now) return INVALID.revoked;
      if (entry.expiresAtMs <= now) return INVALID.expired;
    }
    if (scope !== undefined && !entry.scopes.includes(scope)) return INVALID.scope;
    return entry.ok;
  }

  verifyLocalKey(token: string, opts: { scope?: string } = {}): VerifyResult {
    return this.verify(token, 'local', opts.scope);
  }

  verifySupportGrant(token: string, opts: { scope?: string } = {}): VerifyResult {
    return this.verify(token, 'support', opts.scope);
  }

  verifySetupToken(token: string): VerifyResult {
    return this.verify(token, 'setup', undefined);
  }

  // ---- reads ---------------------------------------------------------------------------

  get(id: string): CredentialView | undefined {
    const r = this.byId.get(id);
    return r ? toView(r, this.now()) : undefined;
  }

  /** Finds a credential of this node by its token (argv guard, scan). */
  findByToken(token: string): CredentialView | undefined {
    if (!parseToken(token).ok) return undefined;
    const e = this.lookup(token);
    return e ? toView(e.rec, this.now()) : undefined;
  }

  list(opts: { kind?: CredentialKind; all?: boolean } = {}): CredentialView[] {
    const now = this.now();
    const out: CredentialView[] = [];
    for (const r of this.doc.credentials) {
      if (opts.kind && r.kind !== opts.kind) continue;
      if (!opts.all && stateOf(r, now) !== 'live') continue;
      out.push(toView(r, now));
    }
    return out;
  }

  counts(): Record<CredentialKind, Record<string, number>> {
    const now = this.now();
    const c: Record<CredentialKind, Record<string, number>> = {
      local: { live: 0, revoked: 0, expired: 0, used: 0 },
      support: { live: 0, revoked: 0, expired: 0, used: 0 },
      setup: { live: 0, revoked: 0, expired: 0, used: 0 },
    };
    for (const r of this.doc.credentials) c[r.kind][stateOf(r, now)]! += 1;
    return c;
  }

  // ---- writes --------------------------------------------------------------------------

  /**
   * Every change: lock, re-read the file (not the cache), apply, write atomically, append
   * the audit entries, release. The in-memory view then reflects the write.
   */
  async mutate<T>(fn: (doc: CredentialsDoc, now: number, audit: AuditEvent[]) => T): Promise<T> {
    if (this.closed) throw new Error('store is closed');
    return withLock(this.home, () => {
      sweepTempFiles(this.home, this.clock());
      const r = readFileNoFollow(this.credFile);
      if (!r) throw new B3iqError('E_NOT_INITIALISED', `No b3iq records at ${this.home}.`, { hint: 'Run: b3iq init' });
      const { doc, from } = loadCredentials(this.credFile, r.data);
      const now = Math.max(this.now(), Date.parse(doc.clockHighWater));
      const audit: AuditEvent[] = [];
      if (from < CREDENTIALS_SCHEMA_VERSION) {
        // Replaced by an older-format file since open: back it up before the write migrates it.
        writeFileAtomic(backupName(this.credFile, from), r.data);
        audit.push(migrateEvent(from));
      }
      const result = fn(doc, now, audit);
      doc.generation += 1;
      doc.clockHighWater = iso(now);
      checkAuditFile(homeFile(this.home, 'audit'));
      writeFileAtomic(this.credFile, serialize(doc));
      let sig: FileSig | undefined;
      try {
        const st = fs.lstatSync(this.credFile);
        sig = { ino: st.ino, size: st.size, mtimeMs: st.mtimeMs };
      } catch {
        sig = undefined;
      }
      this.apply(doc, sig);
      appendAudit(homeFile(this.home, 'audit'), audit, now);
      return result;
    });
  }

  private newRecord(kind: CredentialKind, fields: Partial<CredentialRecord> & { token: string; now: number }): CredentialRecord {
    return {
      id: generateId(kind, this.random),
      kind,
      name: fields.name ?? null,
      scopes: fields.scopes ?? [],
      hash: `sha256:${createHash('sha256').update(fields.token).digest('hex')}`,
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

  private addUnique(doc: CredentialsDoc, rec: CredentialRecord): void {
    // A 13-char base62 id from the CSPRNG colliding is ~2^-77; still, never overwrite.
    while (doc.credentials.some((c) => c.id === rec.id)) rec.id = generateId(rec.kind, this.random);
    doc.credentials.push(rec);
  }

  async issueLocalKey(input: IssueLocalKeyInput): Promise<Issued> {
    const name = checkName(input.name);
    const scopes = validateScopes('local', input.scopes);
    if (input.expiresIn != null && (!Number.isFinite(input.expiresIn) || input.expiresIn <= 0)) {
      throw new B3iqError('E_DURATION', 'expiresIn must be a positive number of milliseconds.');
    }
    const token = generateToken('local', this.random);
    const rec = await this.mutate((doc, now, audit) => {
      const r = this.newRecord('local', {
        token,
        now,
        name,
        scopes,
        expiresAt: input.expiresIn == null ? null : iso(now + input.expiresIn),
        dev: input.dev ?? false,
      });
      this.addUnique(doc, r);
      audit.push({ action: 'keys.create', id: r.id, kind: 'local', name, scopes, dev: r.dev || undefined });
      return r;
    });
    return { id: rec.id, token, credential: toView(rec, this.now()) };
  }

  async issueSupportGrant(input: IssueSupportGrantInput = {}): Promise<Issued> {
    const scopes = validateScopes('support', input.scopes);
    const ttl = input.ttl ?? SUPPORT_DEFAULT_TTL_MS;
    if (!Number.isFinite(ttl) || ttl <= 0) throw new B3iqError('E_DURATION', 'A support grant needs a positive TTL.');
    if (ttl > SUPPORT_MAX_TTL_MS) {
      throw new B3iqError('E_DURATION', 'Support grants expire within 72h at most.', { hint: 'Use --ttl 72h or less; grant again later if needed.' });
    }
    const note = input.note == null ? null : checkNote(input.note);
    const token = generateToken('support', this.random);
    const rec = await this.mutate((doc, now, audit) => {
      const r = this.newRecord('support', { token, now, name: note, scopes, expiresAt: iso(now + ttl), note, dev: input.dev ?? false });
      this.addUnique(doc, r);
      audit.push({ action: 'support.grant', id: r.id, kind: 'support', scopes, ttlMs: ttl, dev: r.dev || undefined });
      return r;
    });
    return { id: rec.id, token, credential: toView(rec, this.now()) };
  }

  async issueSetupToken(input: { ttl?: number } = {}): Promise<Issued> {
    const ttl = input.ttl ?? SETUP_DEFAULT_TTL_MS;
    if (!Number.isFinite(ttl) || ttl <= 0 || ttl > 24 * 3_600_000) {
      throw new B3iqError('E_DURATION', 'Setup tokens expire within 24h at most.', { hint: 'The default, 30m, is usually right.' });
    }
    const token = generateToken('setup', this.random);
    const rec = await this.mutate((doc, now, audit) => {
      const r = this.newRecord('setup', { token, now, name: 'setup', scopes: ['owner:setup'], expiresAt: iso(now + ttl) });
      this.addUnique(doc, r);
      audit.push({ action: 'setup-token.create', id: r.id, kind: 'setup', ttlMs: ttl });
      return r;
    });
    return { id: rec.id, token, credential: toView(rec, this.now()) };
  }

  /** Revokes now (or at `at`, for rotation grace). Revoking a revoked credential is not an error. */
  async revoke(id: string, opts: { reason?: string | null; kind?: CredentialKind } = {}): Promise<RevokeResult> {
    const reason = opts.reason == null ? null : checkNote(opts.reason);
    return this.mutate((doc, now, audit) => {
      const r = doc.credentials.find((c) => c.id === id);
      if (!r || (opts.kind && r.kind !== opts.kind)) {
        throw new B3iqError('E_NOT_FOUND', `No ${opts.kind === 'support' ? 'support grant' : opts.kind === 'local' ? 'local key' : 'credential'} with id ${safeId(id)}.`, {
          hint: opts.kind === 'support' ? 'See: b3iq support list --all' : 'See: b3iq keys list --all',
        });
      }
      const alreadyRevoked = r.revokedAt !== null && Date.parse(r.revokedAt) <= now;
      if (!alreadyRevoked) {
        r.revokedAt = iso(now);
        r.revokeReason = reason;
        audit.push({ action: `${r.kind === 'support' ? 'support' : r.kind === 'setup' ? 'setup-token' : 'keys'}.revoke`, id: r.id, kind: r.kind, reason: reason ?? undefined });
      }
      return { credential: toView(r, now), changed: !alreadyRevoked };
    });
  }

  /** Revokes every live support grant. */
  async revokeAllSupport(reason: string | null = null): Promise<CredentialView[]> {
    return this.mutate((doc, now, audit) => {
      const out: CredentialView[] = [];
      for (const r of doc.credentials) {
        if (r.kind !== 'support' || stateOf(r, now) !== 'live') continue;
        r.revokedAt = iso(now);
        r.revokeReason = reason;
        audit.push({ action: 'support.revoke', id: r.id, kind: 'support' });
        out.push(toView(r, now));
      }
      return out;
    });
  }

  /** A successor with the same name and scopes; the old key is revoked after `graceMs`. */
  async rotate(id: string, opts: { graceMs?: number } = {}): Promise<Issued & { previous: CredentialView }> {
    const grace = opts.graceMs ?? 0;
    if (!Number.isFinite(grace) || grace < 0 || grace > 30 * 86_400_000) {
      throw new B3iqError('E_DURATION', 'The grace period must be between 0 and 30d.');
    }
    const token = generateToken('local', this.random);
    const { next, prev } = await this.mutate((doc, now, audit) => {
      const old = doc.credentials.find((c) => c.id === id && c.kind === 'local');
      if (!old) throw new B3iqError('E_NOT_FOUND', `No local key with id ${safeId(id)}.`, { hint: 'See: b3iq keys list --all' });
      const state = stateOf(old, now);
      if (state !== 'live') {
        throw new B3iqError('E_NOT_FOUND', `Key ${old.id} is ${state}; only a live key can be rotated.`, { hint: 'Issue a new one with: b3iq keys create' });
      }
      if (old.rotatedTo !== null) {
        // Still live in its grace period, but already replaced: a second successor would
        // leave the first one orphaned (two concurrent rotations must not both win).
        throw new B3iqError('E_NOT_FOUND', `Key ${old.id} was already rotated to ${old.rotatedTo}; only the newest key can be rotated.`, {
          hint: `Rotate ${old.rotatedTo} instead, or revoke it: b3iq keys revoke ${old.rotatedTo}`,
        });
      }
      const expiresIn = old.expiresAt === null ? null : Date.parse(old.expiresAt) - Date.parse(old.createdAt);
      const r = this.newRecord('local', {
        token,
        now,
        name: old.name,
        scopes: [...old.scopes],
        expiresAt: expiresIn === null ? null : iso(now + expiresIn),
        dev: old.dev,
        rotatedFrom: old.id,
      });
      this.addUnique(doc, r);
      old.rotatedTo = r.id;
      const revokeAt = now + grace;
      if (old.revokedAt === null || Date.parse(old.revokedAt) > revokeAt) {
        old.revokedAt = iso(revokeAt);
        old.revokeReason = 'rotated';
      }
      audit.push({ action: 'keys.rotate', id: old.id, kind: 'local', successor: r.id, graceMs: grace });
      return { next: r, prev: old };
    });
    const now = this.now();
    return { id: next.id, token, credential: toView(next, now), previous: toView(prev, now) };
  }

  /**
   * Consumes a live setup token exactly once, atomically with `onConsume` (which runs under
   * the same lock, e.g. to set the owner password). A failing onConsume consumes nothing.
   */
  async consumeSetupToken<T>(token: string, onConsume: (setupId: string, now: number, audit: AuditEvent[]) => T): Promise<T> {
    return this.mutate((doc, now, audit) => {
      const parsed = parseToken(token);
      if (!parsed.ok) throw invalidToken('malformed');
      if (parsed.kind !== 'setup') throw new B3iqError('E_WRONG_KIND', `That is a ${kindLabel(parsed.kind)}, not a setup token.`, { hint: 'Create one with: b3iq setup-token create' });
      const hash = `sha256:${createHash('sha256').update(token).digest('hex')}`;
      const r = doc.credentials.find((c) => c.kind === 'setup' && timingSafeEqualStr(c.hash, hash));
      if (!r) throw invalidToken('unknown');
      const state = stateOf(r, now);
      if (state !== 'live') throw invalidToken(state);
      const result = onConsume(r.id, now, audit);
      r.usedAt = iso(now);
      audit.push({ action: 'setup-token.use', id: r.id, kind: 'setup' });
      return result;
    });
  }

  /**
   * The owner password check for the runtime (CLI.md section 7): true only for the current
   * owner password; argon2id, constant-time compare, reads owner.json on every call so a
   * recover or passwd from another process applies at once. Never throws for bad input.
   */
  async verifyOwnerPassword(password: string): Promise<boolean> {
    const { verifyOwnerPassword } = await import('./owner.js');
    return verifyOwnerPassword(this.home, password);
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}

function timingSafeEqualStr(a: string, b: string): boolean {
  const ba = Buffer.from(a);
  const bb = Buffer.from(b);
  return ba.length === bb.length && timingSafeEqual(ba, bb);
}

export function kindLabel(kind: TokenKind): string {
  return { local: 'local API key', support: 'support grant token', gateway: 'hosted gateway key', setup: 'setup token' }[kind];
}

function invalidToken(reason: string): B3iqError {
  return new B3iqError('E_INVALID_TOKEN', `The setup token is ${reason === 'unknown' ? 'not one this node issued' : reason}.`, {
    hint: 'Create a new one with: b3iq setup-token create',
    details: { reason },
  });
}

function safeId(id: string): string {
  return /^[A-Za-z0-9_]{1,40}$/.test(id) ? id : '(invalid id)';
}

function checkName(name: unknown): string {
  if (typeof name !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9 ._:@/-]{0,63}$/.test(name)) {
    throw new B3iqError('E_USAGE', 'A key name is 1-64 characters: letters, digits, space and . _ : @ / -', { hint: 'Example: --name ci-runner' });
  }
  return name;
}

function checkNote(note: string): string {
  if (note.length > 200 || /[\u0000-\u001f\u007f]/.test(note)) {
    throw new B3iqError('E_USAGE', 'A note or reason is at most 200 printable characters.');
  }
  return note;
}

export async function openStore(opts: StoreOptions): Promise<Store> {
  return Store.open(opts);
}
