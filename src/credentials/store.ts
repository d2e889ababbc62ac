import { B3iqError } from '../core/errors.js';
import { cryptoRandom, generateToken, parseToken, type RandomSource } from '../core/tokens.js';
import { writeFileAtomic, readFileNoFollow } from '../fs/files.js';
import type { AuditEvent } from '../home/audit.js';
import { checkHome, initHomeWith, type Clock, type InitResult } from '../home/home.js';
import { notInitialised } from '../home/node.js';
import { EnrollmentView, type Enrollment } from '../home/enrollment.js';
import { homeFile, resolveHome } from '../home/paths.js';
import { CredentialLog, type JournalTuning, type Tx } from './log.js';
import { checkChildInput, consumeSetup, mintChild, revokeAllOf, revokeOne, rotateKey, type ChildInput } from './lifecycle.js';
import {
  localKeyOp,
  setupTokenOp,
  supportGrantOp,
  type DeliverFirst,
  type IssueOp,
  type IssueLocalKeyInput,
  type IssueSupportGrantInput,
  type Issued,
  type RevokeResult,
} from './issue.js';
import { emptyCredentials, loadCredentials, stateOf, toView, type CredentialKind, type CredentialsDoc, type CredentialView } from './records.js';
import { iso, newEpoch, serialize } from './snapshot.js';
import { createJournal, journalFile } from './journal.js';
import { loadChecked } from './load-check.js';
import { recordProblem } from './invariants.js';
import { verifyToken, lookup, type VerifyResult } from './verify-index.js';
import { assertClockNotBehind, CLOCK_SKEW_TOLERANCE_MS, checkName, checkNote, ROTATE_MAX_GRACE_MS } from './policy.js';

// The library's names for the layers below, kept where callers have always found them.
export { checkHome, type Clock, type InitResult } from '../home/home.js';
export { readNode } from '../home/node.js';
export type { JournalTuning } from './log.js';
export type { DeliverFirst, IssueLocalKeyInput, IssueSupportGrantInput, Issued, RevokeResult } from './issue.js';
export type { VerifyReason, VerifyResult } from './verify-index.js';
export { CLOCK_SKEW_TOLERANCE_MS, SETUP_DEFAULT_TTL_MS, SUPPORT_DEFAULT_TTL_MS, SUPPORT_MAX_TTL_MS, kindLabel } from './policy.js';

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
  /** The audit log starts a new chained segment once its active file holds this many bytes (default 8 MiB; docs/records.md). */
  auditSegmentBytes?: number;
}

/** Where initHome works: a home path, or openStore's options (no `home`: the CLI's default home). */
export type InitTarget = string | { home?: string; clock?: Clock; random?: RandomSource };

/** Creates the config directory, node identity and empty records; idempotent. */
export async function initHome(target: InitTarget, clock: Clock = Date.now, random: RandomSource = cryptoRandom): Promise<InitResult> {
  if (typeof target !== 'string') return initHome(resolveHome(target.home), target.clock ?? clock, target.random ?? random);
  const home = target;
  return initHomeWith(home, clock, random, (now) => {
    const credFile = homeFile(home, 'credentials');
    const cred = readFileNoFollow(credFile);
    if (cred) loadCredentials(credFile, cred.data);
    else {
      const doc = { ...emptyCredentials(now), journal: { epoch: newEpoch(random), baseGeneration: 0 } };
      createJournal(journalFile(credFile, doc.journal.epoch));
      writeFileAtomic(credFile, serialize(doc));
    }
  });
}

/**
 * The credential store of one home: issue, verify, list, revoke, rotate. A live store (the
 * runtime) keeps its view current with other processes' writes by polling.
 */
export class Store {
  readonly home: string;
  protected readonly opts: StoreOptions;
  protected readonly random: RandomSource;
  private readonly log: CredentialLog;
  private timer: NodeJS.Timeout | undefined;
  /** The look at the disk under way, if any: a timer tick's or a refresh()'s. */
  private inflight: Promise<void> | undefined;
  /** A refresh() waiting for the look under way to end before taking its own. */
  private queued: Promise<void> | undefined;
  /** performance.now() before which a timer tick does not look again (see tick). */
  private quietUntil = 0;
  private closed = false;
  private readonly enrollmentView: EnrollmentView;

  protected constructor(home: string, opts: StoreOptions, log: CredentialLog) {
    this.home = home;
    this.opts = opts;
    this.random = opts.random ?? cryptoRandom;
    this.log = log;
    // A live store looks at the enrollment record at most once per poll interval; a store
    // that is not live (the CLI) reads it on every call.
    this.enrollmentView = new EnrollmentView(home, (opts.live ?? true) ? Math.max(20, opts.pollMs ?? 200) : 0);
    if (opts.live ?? true) {
      const pollMs = Math.max(20, opts.pollMs ?? 200);
      this.timer = setInterval(() => this.tick(), pollMs);
      this.timer.unref();
    }
  }

  static async open(opts: StoreOptions): Promise<Store> {
    return Store.openWith(opts, (home, o, log) => new Store(home, o, log));
  }

  /** Opens the records and builds the store with `make` (a subclass adds services above this layer). */
  protected static async openWith<S extends Store>(opts: StoreOptions, make: (home: string, opts: StoreOptions, log: CredentialLog) => S): Promise<S> {
    const home = opts.home;
    checkHome(home, { mustExist: true });
    const loaded = await loadChecked(home, { streamed: opts.live ?? true });
    if (!loaded) throw notInitialised(home, 'records');
    const log = new CredentialLog(
      home,
      {
        clock: opts.clock ?? Date.now,
        random: opts.random ?? cryptoRandom,
        eagerIndex: opts.live ?? true,
        tuning: opts.journal,
        markEveryMs: (opts.live ?? true) ? 60_000 : 1_000,
        deferMarkWrites: opts.live ?? true,
        auditSegmentBytes: opts.auditSegmentBytes,
      },
      loaded,
    );
    const store = make(home, opts, log);
    if (loaded.cursor.from < 1) {
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
    return this.log.now();
  }

  /** The clock as judged for expiry: the clock mark, and how far the system clock lags it (ms). */
  clockStatus(): { mark: string | null; behindMs: number; failsClosed: boolean } {
    const behindMs = this.log.clockBehind();
    const mark = this.log.clockMark;
    return { mark: mark > 0 ? iso(mark) : null, behindMs, failsClosed: behindMs > CLOCK_SKEW_TOLERANCE_MS };
  }

  get generation(): number {
    return this.log.doc.generation;
  }

  /**
   * Picks up other processes' writes: one stat of the snapshot and one of its journal per
   * tick. A grown journal means reading only the new bytes; a changed snapshot signature
   * (inode, size, mtime: a compaction's rename always changes the inode) a full reload. A
   * file mid-rename, deleted, half-written by something else or unparsable keeps the last
   * good view, and the next tick tries again. A full reload is parsed and indexed in
   * slices of a few ms while the old view keeps serving, then swapped in. Debounced by
   * cost: after a refresh that took R ms of work, the next one waits at least 2R ms, so a
   * burst of compactions of a large file cannot keep the runtime's event loop busy.
   */
  private tick(): void {
    if (this.inflight || this.closed || performance.now() < this.quietUntil) return;
    void this.look();
  }

  /** One look at the disk; concurrent callers share it. */
  private look(): Promise<void> {
    this.inflight ??= this.poll().finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  private async poll(): Promise<void> {
    if (this.closed) return;
    try {
      this.log.flushClockMark();
      if (!(await this.log.changedOnDisk(() => this.closed))) return;
      // A full reload runs in slices (never a stall); the debounce counts its work only.
      const busy = await this.log.refreshLive();
      this.quietUntil = performance.now() + 2 * busy;
    } catch {
      // Deleted, replaced or unreadable for a moment: keep serving the last good view.
    }
  }

  /**
   * Looks at the records now rather than at the next poll tick: a runtime may call it
   * before refusing a well-formed but unknown token, so a key issued a moment ago by another
   * process is not refused during the poll interval. It resolves only after a look that
   * began after the call: a look already under way (which may have read the disk before the
   * key was written) is awaited and then followed by a fresh one, shared by every caller
   * waiting at that moment. The timer's debounce does not apply: the look is two stat calls
   * unless something changed, and concurrent callers share one look.
   */
  refresh(): Promise<void> {
    if (this.closed) return Promise.resolve();
    if (!this.inflight) return this.look();
    this.queued ??= this.inflight.then(() => {
      this.queued = undefined;
      return this.look();
    });
    return this.queued;
  }

  /** Re-reads the records now (only the journal's new lines when the snapshot is unchanged). */
  reloadSync(): void {
    this.log.refreshSync(false);
  }

  // ---- the hot path -------------------------------------------------------------------

  /** A child credential's parent, judged now (verify of a child checks its parent is live). */
  private readonly parentState = (id: string) => {
    const r = this.log.byId.get(id);
    return r === undefined ? undefined : stateOf(r, this.log.now());
  };

  verifyLocalKey(token: string, opts: { scope?: string } = {}): VerifyResult {
    return verifyToken(this.log.index(), token, 'local', opts.scope, this.log, this.parentState);
  }

  verifySupportGrant(token: string, opts: { scope?: string } = {}): VerifyResult {
    return verifyToken(this.log.index(), token, 'support', opts.scope, this.log, this.parentState);
  }

  /**
   * Judged against the records as they are now, not as this store first read them: a
   * setup token is typically created by another process while setup/recover waits for it.
   */
  verifySetupToken(token: string): VerifyResult {
    this.log.refreshSync(false);
    return verifyToken(this.log.index(), token, 'setup', undefined, this.log);
  }

  // ---- reads ---------------------------------------------------------------------------

  get(id: string): CredentialView | undefined {
    const r = this.log.byId.get(id);
    return r ? toView(r, this.now()) : undefined;
  }

  /** Why a record breaks its kind's rules (null when it keeps them, undefined when unknown). */
  recordProblem(id: string): string | null | undefined {
    const r = this.log.byId.get(id);
    return r ? recordProblem(r) : undefined;
  }

  /** Finds a credential of this node by its token (argv guard, scan). */
  findByToken(token: string): CredentialView | undefined {
    if (!parseToken(token).ok) return undefined;
    const e = lookup(this.log.index(), token);
    return e ? toView(e.rec, this.now()) : undefined;
  }

  /** Credentials of a kind; child credentials (request configs') only with `children`. */
  list(opts: { kind?: CredentialKind; all?: boolean; children?: boolean } = {}): CredentialView[] {
    const now = this.now();
    const out: CredentialView[] = [];
    // An indexed loop: a CLI runs this once, cold, over every record (docs/performance.md).
    const recs = this.log.doc.credentials;
    for (let i = 0; i < recs.length; i++) {
      const r = recs[i]!;
      if (opts.kind && r.kind !== opts.kind) continue;
      if (r.parentId != null && opts.children !== true) continue;
      const state = stateOf(r, now);
      if (!opts.all && state !== 'live') continue;
      out.push(toView(r, now, state));
    }
    return out;
  }

  /** Whether a key that is no longer live may still have a saved copy to remove (a cheap pass: one flag per record). */
  hasStaleSavedCopies(): boolean {
    const now = this.now();
    const recs = this.log.doc.credentials;
    for (let i = 0; i < recs.length; i++) {
      const r = recs[i]!;
      if (r.savedCopy === true && stateOf(r, now) !== 'live') return true;
    }
    return false;
  }

  /** The child credentials minted from `id`, oldest first. */
  childrenOf(id: string, opts: { all?: boolean } = {}): CredentialView[] {
    const now = this.now();
    return this.log.doc.credentials.filter((r) => r.parentId === id && (opts.all === true || stateOf(r, now) === 'live')).map((r) => toView(r, now));
  }

  counts(): Record<CredentialKind, Record<string, number>> {
    const now = this.now();
    const c: Record<CredentialKind, Record<string, number>> = {
      local: { live: 0, revoked: 0, expired: 0, used: 0, invalid: 0 },
      support: { live: 0, revoked: 0, expired: 0, used: 0, invalid: 0 },
      setup: { live: 0, revoked: 0, expired: 0, used: 0, invalid: 0 },
    };
    for (const r of this.log.doc.credentials) c[r.kind][stateOf(r, now)]! += 1;
    return c;
  }

  // ---- writes --------------------------------------------------------------------------

  private async transact<T>(fn: (tx: Tx, now: number, audit: AuditEvent[]) => T): Promise<T> {
    if (this.closed) throw new Error('store is closed');
    return this.log.transact(fn);
  }

  /**
   * The general form, for changes the typed methods do not cover: `fn` gets a copy of the
   * whole document and may change it in any way (add, edit or remove records); the result
   * is written as a new snapshot (O(n), like a compaction). Lock, re-read, audit as usual.
   */
  async mutate<T>(fn: (doc: CredentialsDoc, now: number, audit: AuditEvent[]) => T): Promise<T> {
    if (this.closed) throw new Error('store is closed');
    return this.log.mutate(fn);
  }

  async issueLocalKey(input: IssueLocalKeyInput): Promise<Issued> {
    return this.issue(localKeyOp(this.random, input));
  }

  async issueSupportGrant(input: IssueSupportGrantInput = {}): Promise<Issued> {
    return this.issue(supportGrantOp(this.random, input));
  }

  async issueSetupToken(input: { ttl?: number; deliver?: DeliverFirst } = {}): Promise<Issued> {
    return this.issue(setupTokenOp(this.random, input));
  }

  /** Runs a checked issue request's write under the lock; the new credential as it is now. */
  private async issue(op: IssueOp): Promise<Issued> {
    const rec = await this.transact((tx, now, audit) => op.write(tx, now, audit, (t) => this.log.clockLag(t)));
    return { id: rec.id, token: op.token, credential: toView(rec, this.now()) };
  }

  /** Revokes now, with its children. Revoking a revoked credential is not an error. */
  async revoke(id: string, opts: { reason?: string | null; kind?: CredentialKind } = {}): Promise<RevokeResult> {
    const reason = opts.reason == null ? null : checkNote(opts.reason);
    return this.transact((tx, now, audit) => revokeOne(tx, id, opts.kind, reason, now, audit));
  }

  /** Revokes every live support grant. */
  async revokeAllSupport(reason: string | null = null): Promise<CredentialView[]> {
    return this.revokeAll('support', reason);
  }

  /** Revokes every live credential of a kind (children included). */
  async revokeAll(kind: CredentialKind, reason: string | null = null): Promise<CredentialView[]> {
    const why = reason == null ? null : checkNote(reason);
    return this.transact((tx, now, audit) => revokeAllOf(tx, kind, why, now, audit));
  }

  /**
   * A child credential for a short-lived request config: the parent's kind, its scopes or
   * fewer, expiring after `ttl` but never after the parent. The parent must be live and
   * not itself a child (children cannot mint children). See lifecycle.ts.
   */
  async issueChild(parentId: string, input: ChildInput): Promise<Issued> {
    const { kind, note } = checkChildInput(parentId, input);
    const token = generateToken(kind, this.random);
    return this.issue({
      token,
      write: (tx, now, audit, clockLag) => {
        assertClockNotBehind(now, clockLag(now));
        return mintChild(tx, this.random, { parentId, kind, token, note, ttl: input.ttl, scopes: input.scopes }, now, audit);
      },
    });
  }

  /** Marks whether a copy of a credential's token may be saved in the keychain. */
  async setSavedCopy(id: string, saved: boolean): Promise<void> {
    await this.transact((tx) => {
      const r = tx.get(id);
      if (!r || (r.savedCopy === true) === saved) return;
      tx.put({ ...r, savedCopy: saved });
    });
  }

  /** A successor with the same name and scopes; the old key is revoked after `graceMs`. */
  async rotate(id: string, opts: { graceMs?: number; name?: string; deliver?: DeliverFirst } = {}): Promise<Issued & { previous: CredentialView }> {
    const grace = opts.graceMs ?? 0;
    const newName = opts.name === undefined ? undefined : checkName(opts.name);
    if (!Number.isFinite(grace) || grace < 0 || grace > ROTATE_MAX_GRACE_MS) {
      throw new B3iqError('E_DURATION', 'The grace period must be between 0 and 30d.');
    }
    const token = generateToken('local', this.random);
    const { next, prev } = await this.transact((tx, now, audit) =>
      rotateKey(tx, this.random, { id, token, graceMs: grace, name: newName, deliver: opts.deliver, clockLag: this.log.clockLag(now) }, now, audit),
    );
    const now = this.now();
    return { id: next.id, token, credential: toView(next, now), previous: toView(prev, now) };
  }

  /**
   * Consumes a live setup token exactly once, atomically with `onConsume` (which runs under
   * the same lock, e.g. to set the owner password). A failing onConsume consumes nothing.
   */
  async consumeSetupToken<T>(token: string, onConsume: (setupId: string, now: number, audit: AuditEvent[]) => T): Promise<T> {
    return this.transact((tx, now, audit) => consumeSetup(tx, token, onConsume, now, audit, (t) => this.log.clockLag(t)));
  }

  /**
   * The operator's enrollment decision (enrollment.json): `{ managed: {since} | null,
   * network: {since} | null }`. Live: a join or leave written by any process is seen
   * within one poll interval. A record that breaks its rules counts as not enrolled
   * (`b3iq doctor` reports it).
   */
  enrollment(): Enrollment {
    return this.enrollmentView.current().enrollment;
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}

export async function openStore(opts: StoreOptions): Promise<Store> {
  return Store.open(opts);
}
