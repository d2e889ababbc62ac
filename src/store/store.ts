import * as fs from 'node:fs';
import { createHash, hash as oneShotHash, timingSafeEqual } from 'node:crypto';
import { B3iqError, errnoCode } from '../core/errors.js';
import { cryptoRandom, generateId, generateToken, parseToken, type RandomSource, type TokenKind } from '../core/tokens.js';
import { validateScopes } from '../core/scopes.js';
import { acquireLock } from './lock.js';
import { ensurePrivateDir, assertSafeDir, readFileNoFollow, sweepTempFiles, writeFileAtomic } from './fs-safe.js';
import { appendAudit, checkAuditFile, type AuditEvent } from './audit.js';
import { homeFile } from './paths.js';
import { appendJournal, decodeChunk, encodeEntry, journalFile, readJournalFrom, removeStaleJournals, type JournalEntry } from './journal.js';
import { OwnerSessions, type LoginInput, type LoginResult, type OwnerSessionOptions, type OwnerSessionView, type SessionCheck } from '../owner/sessions.js';
import { completeSetup, type CompleteSetupInput, type CompleteSetupResult } from '../owner/sessions-setup.js';
import {
  CREDENTIALS_SCHEMA_VERSION,
  NODE_SCHEMA_VERSION,
  emptyCredentials,
  loadCredentials,
  parseVersioned,
  stateOf,
  toView,
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
  /** Tuning of the journal's compaction (docs/records.md); the defaults suit every size. */
  journal?: JournalTuning;
  /** Owner sessions: idle timeout, absolute lifetime, login throttling (docs/owner-auth.md). */
  ownerSessions?: OwnerSessionOptions;
}

export interface JournalTuning {
  /** A snapshot smaller than this is rewritten on every write (no journal). Default 256 KiB. */
  compactBelowBytes?: number;
  /** The journal is compacted once it would pass max(this, 25 % of the snapshot). Default 256 KiB. */
  maxJournalBytes?: number;
  /** ...or this many lines. Default 10 000. */
  maxJournalLines?: number;
}

const JOURNAL_DEFAULTS: Required<JournalTuning> = { compactBelowBytes: 256 * 1024, maxJournalBytes: 256 * 1024, maxJournalLines: 10_000 };
/** The journal may grow to this share of the snapshot before a compaction rewrites it. */
const JOURNAL_SNAPSHOT_RATIO = 0.25;

export const SUPPORT_MAX_TTL_MS = 72 * 3_600_000;
export const SUPPORT_DEFAULT_TTL_MS = 4 * 3_600_000;
export const SETUP_DEFAULT_TTL_MS = 30 * 60_000;
/** How far the clock may lag the records' high-water mark before issuing expiring credentials is refused. */
export const CLOCK_SKEW_TOLERANCE_MS = 5 * 60_000;

function formatGap(ms: number): string {
  if (ms >= 86_400_000) return `${Math.round(ms / 86_400_000)}d`;
  if (ms >= 3_600_000) return `${Math.round(ms / 3_600_000)}h`;
  return `${Math.round(ms / 60_000)}m`;
}

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

/**
 * The snapshot, one record per line: diffs and `grep` stay readable, and parsing stays a
 * single JSON.parse. Version 2 adds the pointer to the journal that continues it.
 */
function serialize(doc: CredentialsDoc): string {
  const head = JSON.stringify({ schemaVersion: doc.schemaVersion, generation: doc.generation, clockHighWater: doc.clockHighWater, journal: doc.journal ?? null });
  const body = doc.credentials.map((c) => JSON.stringify(c)).join(',\n');
  return `${head.slice(0, -1)},"credentials":[${body ? `\n${body}\n` : ''}]}\n`;
}

function digestKey(rec: CredentialRecord): string {
  return Buffer.from(rec.hash.slice(7, 7 + 2 * PREFIX_CHARS), 'hex').toString('binary');
}

/** Everything verify needs of one record, precomputed. */
function indexEntry(rec: CredentialRecord): IndexEntry {
  const digest = Buffer.from(rec.hash.slice(7), 'hex').toString('binary');
  const scopes = Object.freeze([...rec.scopes]);
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
    scopes,
    ok: Object.freeze({ valid: true, id: rec.id, scopes }) as VerifyResult,
  };
}

/** The hot path's index: digest prefix -> everything verify needs, precomputed once per load. */
function buildIndex(doc: CredentialsDoc): Map<string, IndexEntry> {
  const byDigest = new Map<string, IndexEntry>();
  for (const rec of doc.credentials) {
    const e = indexEntry(rec);
    byDigest.set(e.digest.slice(0, PREFIX_CHARS), e);
  }
  return byDigest;
}

function newEpoch(random: RandomSource): string {
  return random(8).toString('hex');
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
    else writeFileAtomic(credFile, serialize({ ...emptyCredentials(clock()), journal: { epoch: newEpoch(random), baseGeneration: 0 } }));
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

function sigOf(st: fs.Stats): FileSig {
  return { ino: st.ino, size: st.size, mtimeMs: st.mtimeMs };
}

function sameSig(a: FileSig | undefined, st: fs.Stats): boolean {
  return a !== undefined && a.ino === st.ino && a.size === st.size && a.mtimeMs === st.mtimeMs;
}

/** A snapshot and its journal as read from disk, not yet installed. */
interface Loaded {
  doc: CredentialsDoc;
  from: number;
  sig: FileSig;
  entries: JournalEntry[];
  jOff: number;
  jIno: number | undefined;
  jTorn: number;
}

/** Reads the snapshot and its whole journal; undefined when there is no snapshot. Throws on anything bad. */
function loadFull(file: string): Loaded | undefined {
  const r = readFileNoFollow(file);
  if (!r) return undefined;
  const { doc, from } = loadCredentials(file, r.data);
  const out: Loaded = { doc, from, sig: sigOf(r.stat), entries: [], jOff: 0, jIno: undefined, jTorn: 0 };
  if (doc.journal) {
    const jf = journalFile(file, doc.journal.epoch);
    const jr = readJournalFrom(jf, 0);
    if (jr) {
      const c = decodeChunk(jf, jr.data, doc.generation);
      out.entries = c.entries;
      out.jOff = c.goodBytes;
      out.jTorn = c.tornBytes;
      out.jIno = jr.ino;
    }
  }
  return out;
}

/** What a write changes: the records it adds or replaces (whole), read through `get`. */
interface Tx {
  get(id: string): CredentialRecord | undefined;
  has(id: string): boolean;
  /** Every record as of the start of the write (do not change them: put a changed copy). */
  records(): readonly CredentialRecord[];
  put(rec: CredentialRecord): void;
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
  private readonly tuning: Required<JournalTuning>;
  /** The current records: the snapshot with the journal applied. Records are never changed in place. */
  private doc: CredentialsDoc;
  private byId = new Map<string, CredentialRecord>();
  /** Position of each record in doc.credentials (a journal line replaces a record where it is). */
  private posById = new Map<string, number>();
  /** Built on first use (a CLI listing never needs it); at once for a live store (the runtime). */
  private byDigest: Map<string, IndexEntry> | undefined;
  private readonly eagerIndex: boolean;
  /** The snapshot's signature, its schema version on disk, and how far its journal was read. */
  private sig: FileSig | undefined;
  private from = CREDENTIALS_SCHEMA_VERSION;
  private jOff = 0;
  private jIno: number | undefined;
  private jTorn = 0;
  private jLines = 0;
  private highWater = 0;
  private timer: NodeJS.Timeout | undefined;
  private polling = false;
  /** performance.now() before which poll() does not reload again (see poll). */
  private quietUntil = 0;
  private closed = false;

  private constructor(home: string, opts: StoreOptions, loaded: Loaded) {
    this.home = home;
    this.opts = opts;
    this.clock = opts.clock ?? Date.now;
    this.random = opts.random ?? cryptoRandom;
    this.credFile = homeFile(home, 'credentials');
    this.tuning = { ...JOURNAL_DEFAULTS, ...opts.journal };
    this.doc = loaded.doc;
    this.eagerIndex = opts.live ?? true;
    this.install(loaded);
    if (opts.live ?? true) {
      const pollMs = Math.max(20, opts.pollMs ?? 200);
      this.timer = setInterval(() => void this.poll(), pollMs);
      this.timer.unref();
    }
  }

  static async open(opts: StoreOptions): Promise<Store> {
    const home = opts.home;
    checkHome(home, { mustExist: true });
    const loaded = loadFull(homeFile(home, 'credentials'));
    if (!loaded) throw new B3iqError('E_NOT_INITIALISED', `No b3iq records at ${home}.`, { hint: 'Run: b3iq init' });
    const store = new Store(home, opts, loaded);
    if (loaded.from < 1) {
      // The pre-release format: migrate on disk at once, under the lock, with a backup of
      // the original (a version 1 file is read as it is and converted by the first write).
      try {
        await store.transact(() => undefined);
      } catch (e) {
        store.close();
        throw e;
      }
    }
    return store;
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

  /** Takes a whole new view (O(n)): the snapshot's records, then its journal lines. */
  private install(l: Loaded): void {
    const byId = new Map<string, CredentialRecord>();
    const posById = new Map<string, number>();
    const recs = l.doc.credentials;
    for (let i = 0; i < recs.length; i++) {
      byId.set(recs[i]!.id, recs[i]!);
      posById.set(recs[i]!.id, i);
    }
    this.doc = l.doc;
    this.byId = byId;
    this.posById = posById;
    this.byDigest = undefined;
    this.sig = l.sig;
    this.from = l.from;
    this.jOff = l.jOff;
    this.jIno = l.jIno;
    this.jTorn = l.jTorn;
    this.jLines = 0;
    for (const e of l.entries) this.applyEntry(e);
    if (this.eagerIndex) this.byDigest = buildIndex(this.doc);
    const hw = Date.parse(this.doc.clockHighWater);
    if (hw > this.highWater) this.highWater = hw;
  }

  /** One journal line, O(records in it): replace or append each record, keep the index current. */
  private applyEntry(e: JournalEntry): void {
    const recs = this.doc.credentials;
    for (const rec of e.recs) {
      const pos = this.posById.get(rec.id);
      if (pos === undefined) {
        this.posById.set(rec.id, recs.length);
        recs.push(rec);
      } else {
        const old = recs[pos]!;
        recs[pos] = rec;
        if (this.byDigest && old.hash !== rec.hash) this.byDigest.delete(digestKey(old));
      }
      this.byId.set(rec.id, rec);
      if (this.byDigest) this.byDigest.set(digestKey(rec), indexEntry(rec));
    }
    this.doc.generation = e.seq;
    this.doc.clockHighWater = e.at;
    this.jLines += 1;
    const hw = Date.parse(e.at);
    if (hw > this.highWater) this.highWater = hw;
  }

  /**
   * Brings the view up to date with the disk: a snapshot with the signature already seen
   * means only the journal bytes appended since the last read are read and applied
   * (complete lines with a good checksum; a torn tail is left for later); a new snapshot
   * (a compaction, a restore, another format) means a full load. Throws on anything
   * corrupt, unsafe or newer; the view is changed only by a complete, checked read.
   * `forWrite`: the caller holds the lock and needs the records to exist.
   */
  private refreshSync(forWrite: boolean): void {
    let st: fs.Stats;
    try {
      st = fs.lstatSync(this.credFile);
    } catch (e) {
      if (errnoCode(e) !== 'ENOENT') throw new B3iqError('E_IO', `Cannot read ${this.credFile} (${errnoCode(e) ?? 'error'}).`);
      if (forWrite) throw new B3iqError('E_NOT_INITIALISED', `No b3iq records at ${this.home}.`, { hint: 'Run: b3iq init' });
      return;
    }
    if (!sameSig(this.sig, st) || !this.doc.journal) {
      if (sameSig(this.sig, st)) return; // a version 1 snapshot, unchanged: nothing more to read
      this.reloadFull(forWrite);
      return;
    }
    const jf = journalFile(this.credFile, this.doc.journal.epoch);
    const jr = readJournalFrom(jf, this.jOff);
    if (!jr) {
      if (this.jOff > 0) this.reloadFull(forWrite); // compacted between our two reads
      return;
    }
    if ((this.jIno !== undefined && jr.ino !== this.jIno) || jr.size < this.jOff) {
      this.reloadFull(forWrite);
      return;
    }
    const c = decodeChunk(jf, jr.data, this.doc.generation, this.jLines + 1);
    for (const e of c.entries) this.applyEntry(e);
    this.jOff += c.goodBytes;
    this.jTorn = c.tornBytes;
    this.jIno = jr.ino;
  }

  private reloadFull(forWrite: boolean): void {
    const l = loadFull(this.credFile);
    if (!l) {
      if (forWrite) throw new B3iqError('E_NOT_INITIALISED', `No b3iq records at ${this.home}.`, { hint: 'Run: b3iq init' });
      return;
    }
    const gen = l.entries.length ? l.entries[l.entries.length - 1]!.seq : l.doc.generation;
    // The same inode with an older generation is a stale read, not a restore: ignore it.
    if (!forWrite && gen < this.doc.generation && this.sig && l.sig.ino === this.sig.ino) return;
    this.install(l);
  }

  /**
   * Picks up other processes' writes: one stat of the snapshot and one of its journal per
   * tick. A grown journal means reading only the new bytes; a changed snapshot signature
   * (inode, size, mtime: a compaction's rename always changes the inode) a full reload. A
   * file mid-rename, deleted, half-written by something else or unparsable keeps the last
   * good view, and the next tick tries again. Debounced by cost: after a refresh that took
   * R ms, the next one waits at least 2R ms, so a burst of compactions of a large file
   * cannot keep the runtime's event loop busy.
   */
  private async poll(): Promise<void> {
    if (this.polling || this.closed || performance.now() < this.quietUntil) return;
    this.polling = true;
    try {
      const st = await fs.promises.stat(this.credFile);
      if (this.closed) return;
      if (sameSig(this.sig, st)) {
        if (!this.doc.journal) return;
        let jst: fs.Stats | undefined;
        try {
          jst = await fs.promises.stat(journalFile(this.credFile, this.doc.journal.epoch));
        } catch {
          jst = undefined;
        }
        if (this.closed) return;
        if (jst === undefined ? this.jOff === 0 : jst.ino === this.jIno && jst.size === this.jOff + this.jTorn) return;
      }
      const t0 = performance.now();
      try {
        this.refreshSync(false);
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

  /** Re-reads the records now (only the journal's new lines when the snapshot is unchanged). */
  reloadSync(): void {
    this.refreshSync(false);
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
   * What every write does first, under the lock: sweep crashed writers' temp files, bring
   * the view up to date from disk, fix "now" (never before the high-water mark), and note a
   * pending migration in the audit entries.
   */
  private async locked<T>(body: (now: number, audit: AuditEvent[]) => T): Promise<T> {
    if (this.closed) throw new Error('store is closed');
    return withLock(this.home, () => {
      sweepTempFiles(this.home, this.clock());
      this.refreshSync(true);
      const now = Math.max(this.now(), Date.parse(this.doc.clockHighWater));
      const audit: AuditEvent[] = [];
      if (this.from < CREDENTIALS_SCHEMA_VERSION) audit.push(migrateEvent(this.from));
      return body(now, audit);
    });
  }

  /**
   * Every change: take the lock, bring the view up to date from disk (only the journal's
   * new lines, unless the snapshot changed), let `fn` say which records it adds or
   * replaces, then append one journal line (O(1) in the number of records) or, when the
   * journal is due for compaction, write a new snapshot; then the audit entries, then
   * release. The in-memory view reflects the write only once it is on disk.
   */
  private async transact<T>(fn: (tx: Tx, now: number, audit: AuditEvent[]) => T): Promise<T> {
    return this.locked((now, audit) => {
      const puts = new Map<string, CredentialRecord>();
      const tx: Tx = {
        get: (id) => puts.get(id) ?? this.byId.get(id),
        has: (id) => puts.has(id) || this.byId.has(id),
        records: () => this.doc.credentials,
        put: (rec) => void puts.set(rec.id, rec),
      };
      const result = fn(tx, now, audit);
      const entry: JournalEntry = { seq: this.doc.generation + 1, at: iso(now), op: 'put', recs: [...puts.values()] };
      checkAuditFile(homeFile(this.home, 'audit'));
      const line = encodeEntry(entry);
      if (this.dueForCompaction(Buffer.byteLength(line))) {
        const recs = this.doc.credentials.slice();
        for (const rec of entry.recs) {
          const pos = this.posById.get(rec.id);
          if (pos === undefined) recs.push(rec);
          else recs[pos] = rec;
        }
        const doc = this.writeSnapshot(recs, entry.seq, entry.at);
        this.applyEntry(entry);
        this.afterSnapshot(doc);
      } else {
        const jf = journalFile(this.credFile, this.doc.journal!.epoch);
        const { size, ino } = appendJournal(jf, this.jOff, line);
        this.applyEntry(entry);
        this.jOff = size;
        this.jIno = ino;
        this.jTorn = 0;
      }
      appendAudit(homeFile(this.home, 'audit'), audit, now);
      return result;
    });
  }

  private dueForCompaction(lineBytes: number): boolean {
    if (this.from < CREDENTIALS_SCHEMA_VERSION || !this.doc.journal || !this.sig) return true;
    const snap = this.sig.size;
    if (snap < this.tuning.compactBelowBytes) return true;
    if (this.jLines + 1 > this.tuning.maxJournalLines) return true;
    return this.jOff + lineBytes > Math.max(this.tuning.maxJournalBytes, snap * JOURNAL_SNAPSHOT_RATIO);
  }

  /**
   * Compaction (and migration): a new snapshot of `recs` at generation `seq`, pointing at a
   * fresh, empty journal epoch, written atomically. An older format's bytes first go to
   * `credentials.json.v<N>.bak`. The old journal is deleted only after the rename: a reader
   * never sees a journal shrink, a new epoch is a new file.
   */
  private writeSnapshot(recs: CredentialRecord[], seq: number, at: string): CredentialsDoc {
    if (this.from < CREDENTIALS_SCHEMA_VERSION) {
      const raw = readFileNoFollow(this.credFile);
      if (!raw) throw new B3iqError('E_NOT_INITIALISED', `No b3iq records at ${this.home}.`, { hint: 'Run: b3iq init' });
      writeFileAtomic(backupName(this.credFile, this.from), raw.data);
    }
    const doc: CredentialsDoc = {
      schemaVersion: CREDENTIALS_SCHEMA_VERSION,
      generation: seq,
      clockHighWater: at,
      journal: { epoch: newEpoch(this.random), baseGeneration: seq },
      credentials: recs,
    };
    writeFileAtomic(this.credFile, serialize(doc));
    return doc;
  }

  /** After our own snapshot write: its signature, an empty journal, stale journals removed. */
  private afterSnapshot(doc: CredentialsDoc): void {
    this.doc.schemaVersion = doc.schemaVersion;
    this.doc.journal = doc.journal;
    this.from = CREDENTIALS_SCHEMA_VERSION;
    this.jOff = 0;
    this.jIno = undefined;
    this.jTorn = 0;
    this.jLines = 0;
    try {
      this.sig = sigOf(fs.lstatSync(this.credFile));
    } catch {
      this.sig = undefined;
    }
    removeStaleJournals(this.home, doc.journal!.epoch);
  }

  /**
   * The general form, for changes the typed methods do not cover: `fn` gets a copy of the
   * whole document and may change it in any way (add, edit or remove records); the result
   * is written as a new snapshot (O(n), like a compaction). Lock, re-read, audit as usual.
   */
  async mutate<T>(fn: (doc: CredentialsDoc, now: number, audit: AuditEvent[]) => T): Promise<T> {
    return this.locked((now, audit) => {
      const work = structuredClone(this.doc);
      const result = fn(work, now, audit);
      const checked = loadCredentials(this.credFile, Buffer.from(JSON.stringify({ ...work, schemaVersion: CREDENTIALS_SCHEMA_VERSION, journal: null }))).doc;
      checkAuditFile(homeFile(this.home, 'audit'));
      const doc = this.writeSnapshot(checked.credentials, this.doc.generation + 1, iso(now));
      this.install({ doc, from: CREDENTIALS_SCHEMA_VERSION, sig: this.sig!, entries: [], jOff: 0, jIno: undefined, jTorn: 0 });
      this.afterSnapshot(doc);
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

  private addUnique(tx: Tx, rec: CredentialRecord): void {
    // A 13-char base62 id from the CSPRNG colliding is ~2^-77; still, never overwrite.
    while (tx.has(rec.id)) rec.id = generateId(rec.kind, this.random);
    tx.put(rec);
  }

  /**
   * Expiry is judged on max(clock, clockHighWater), so a clock far behind the recorded
   * high-water mark would stretch a new credential's life by the gap: refuse instead.
   */
  private assertClockNotBehind(now: number): void {
    const behind = now - this.clock();
    if (behind > CLOCK_SKEW_TOLERANCE_MS) {
      throw new B3iqError('E_CLOCK_BEHIND', `The system clock is ${formatGap(behind)} behind the latest time these records saw (${iso(now)}); an expiring credential issued now would live that much longer.`, {
        hint: 'Fix the system clock (NTP), then retry.',
      });
    }
  }

  async issueLocalKey(input: IssueLocalKeyInput): Promise<Issued> {
    const name = checkName(input.name);
    const scopes = validateScopes('local', input.scopes);
    if (input.expiresIn != null && (!Number.isFinite(input.expiresIn) || input.expiresIn <= 0)) {
      throw new B3iqError('E_DURATION', 'expiresIn must be a positive number of milliseconds.');
    }
    const token = generateToken('local', this.random);
    const rec = await this.transact((tx, now, audit) => {
      if (input.expiresIn != null) this.assertClockNotBehind(now);
      const r = this.newRecord('local', {
        token,
        now,
        name,
        scopes,
        expiresAt: input.expiresIn == null ? null : iso(now + input.expiresIn),
        dev: input.dev ?? false,
      });
      this.addUnique(tx, r);
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
    const rec = await this.transact((tx, now, audit) => {
      this.assertClockNotBehind(now);
      const r = this.newRecord('support', { token, now, name: note, scopes, expiresAt: iso(now + ttl), note, dev: input.dev ?? false });
      this.addUnique(tx, r);
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
    const rec = await this.transact((tx, now, audit) => {
      this.assertClockNotBehind(now);
      const r = this.newRecord('setup', { token, now, name: 'setup', scopes: ['owner:setup'], expiresAt: iso(now + ttl) });
      this.addUnique(tx, r);
      audit.push({ action: 'setup-token.create', id: r.id, kind: 'setup', ttlMs: ttl });
      return r;
    });
    return { id: rec.id, token, credential: toView(rec, this.now()) };
  }

  /** Revokes now (or at `at`, for rotation grace). Revoking a revoked credential is not an error. */
  async revoke(id: string, opts: { reason?: string | null; kind?: CredentialKind } = {}): Promise<RevokeResult> {
    const reason = opts.reason == null ? null : checkNote(opts.reason);
    return this.transact((tx, now, audit) => {
      const r = tx.get(id);
      if (!r || (opts.kind && r.kind !== opts.kind)) {
        throw new B3iqError('E_NOT_FOUND', `No ${opts.kind === 'support' ? 'support grant' : opts.kind === 'local' ? 'local key' : 'credential'} with id ${safeId(id)}.`, {
          hint: opts.kind === 'support' ? 'See: b3iq support list --all' : 'See: b3iq keys list --all',
        });
      }
      const alreadyRevoked = r.revokedAt !== null && Date.parse(r.revokedAt) <= now;
      if (alreadyRevoked) return { credential: toView(r, now), changed: false };
      const next = { ...r, revokedAt: iso(now), revokeReason: reason };
      tx.put(next);
      audit.push({ action: `${r.kind === 'support' ? 'support' : r.kind === 'setup' ? 'setup-token' : 'keys'}.revoke`, id: r.id, kind: r.kind, reason: reason ?? undefined });
      return { credential: toView(next, now), changed: true };
    });
  }

  /** Revokes every live support grant. */
  async revokeAllSupport(reason: string | null = null): Promise<CredentialView[]> {
    return this.transact((tx, now, audit) => {
      const out: CredentialView[] = [];
      for (const r of tx.records()) {
        if (r.kind !== 'support' || stateOf(r, now) !== 'live') continue;
        const next = { ...r, revokedAt: iso(now), revokeReason: reason };
        tx.put(next);
        audit.push({ action: 'support.revoke', id: r.id, kind: 'support' });
        out.push(toView(next, now));
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
    const { next, prev } = await this.transact((tx, now, audit) => {
      const found = tx.get(id);
      const old = found && found.kind === 'local' ? { ...found } : undefined;
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
      this.addUnique(tx, r);
      old.rotatedTo = r.id;
      const revokeAt = now + grace;
      if (old.revokedAt === null || Date.parse(old.revokedAt) > revokeAt) {
        old.revokedAt = iso(revokeAt);
        old.revokeReason = 'rotated';
      }
      tx.put(old);
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
    return this.transact((tx, now, audit) => {
      const parsed = parseToken(token);
      if (!parsed.ok) throw invalidToken('malformed');
      if (parsed.kind !== 'setup') throw new B3iqError('E_WRONG_KIND', `That is a ${kindLabel(parsed.kind)}, not a setup token.`, { hint: 'Create one with: b3iq setup-token create' });
      const hash = `sha256:${createHash('sha256').update(token).digest('hex')}`;
      const r = tx.records().find((c) => c.kind === 'setup' && timingSafeEqualStr(c.hash, hash));
      if (!r) throw invalidToken('unknown');
      const state = stateOf(r, now);
      if (state !== 'live') throw invalidToken(state);
      const result = onConsume(r.id, now, audit);
      tx.put({ ...r, usedAt: iso(now) });
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

  // ---- owner sessions (src/owner/sessions.ts, src/owner/sessions-setup.ts) ---------------

  private readonly opts: StoreOptions;
  private sessionBook: OwnerSessions | undefined;

  /** Loaded on first use; polled with the records when the store is live. */
  private sessions(): OwnerSessions {
    if (this.closed) throw new Error('store is closed');
    return (this.sessionBook ??= new OwnerSessions(this.home, () => this.now(), this.random, this.opts.ownerSessions, (this.opts.live ?? true) ? (this.opts.pollMs ?? 200) : undefined));
  }

  /** Setup or recovery from a setup token (or setup URL), as `b3iq setup` / `b3iq recover` do. */
  async completeSetup(input: CompleteSetupInput): Promise<CompleteSetupResult> {
    const r = await completeSetup(this, input);
    this.sessionBook?.refresh();
    return r;
  }

  /** Checks the owner password (throttled) and opens a session: `cookie` is a whole Set-Cookie value. */
  ownerLogin(password: string, input: LoginInput = {}): Promise<LoginResult> {
    return this.sessions().login(password, input);
  }

  /** The session named by a Cookie header; in memory, constant-time. */
  verifyOwnerSession(cookieHeader: string | undefined, opts: { secure?: boolean } = {}): SessionCheck {
    return this.sessions().verify(cookieHeader, opts);
  }

  /** Ends the cookie's session; `cookie` is the Set-Cookie value that clears it in the browser. */
  ownerLogout(cookieHeader: string | undefined, opts: { secure?: boolean } = {}): Promise<{ ended: string | null; cookie: string }> {
    return this.sessions().logout(cookieHeader, opts);
  }

  /** Live owner sessions (never their secrets). */
  async ownerSessions(): Promise<OwnerSessionView[]> {
    return this.sessions().list();
  }

  /** Ends owner sessions by id. */
  revokeOwnerSessions(ids: readonly string[]): Promise<{ revoked: string[]; unknown: string[] }> {
    return this.sessions().revoke(ids);
  }

  /** Signs out every owner session (`b3iq owner logout-all`): the generation goes up, the records are emptied. */
  async ownerLogoutAll(): Promise<{ sessionGeneration: number; sessionsInvalidatedAt: string | null }> {
    const { invalidateOwnerSessions } = await import('./owner.js');
    const doc = await invalidateOwnerSessions(this.home, () => this.now());
    await this.sessions().clearAll();
    return { sessionGeneration: doc.sessionGeneration, sessionsInvalidatedAt: doc.sessionsInvalidatedAt };
  }

  close(): void {
    this.sessionBook?.close();
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
  return { local: 'local API key', support: 'support grant token', gateway: 'hosted gateway key', setup: 'setup token', session: 'owner session cookie' }[kind];
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
