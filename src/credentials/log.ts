import * as fs from 'node:fs';
import { B3iqError, errnoCode } from '../core/errors.js';
import type { RandomSource } from '../core/tokens.js';
import { GENESIS, chainEntries, readAuditTail, type AuditEvent, type AuditTail } from '../home/audit.js';
import { auditReady, recordsBehind, recordsBehindError, withAuditOrUndo } from './anchors.js';
import {
  dueForCompaction,
  JOURNAL_DEFAULTS,
  snapshotSig,
  writeSnapshotThenAudit,
  type JournalTuning,
  type LogOptions,
  type SnapshotWrite,
  type Tx,
} from './log-write.js';
import { ClockMark } from '../home/clock-mark.js';
import { locked, type Clock } from '../home/home.js';
import { notInitialised } from '../home/node.js';
import { homeFile } from '../home/paths.js';
import { appendJournal, decodeChunk, encodeEntry, journalFile, readJournalFrom, removeStaleJournals, truncateJournal, type JournalEntry } from './journal.js';
import { CREDENTIALS_SCHEMA_VERSION, loadCredentials, type AuditAnchor, type CredentialRecord, type CredentialsDoc } from './records.js';
import { changedSince, freshCursor, iso, loadFull, migrateEvent, sameSig, type JournalCursor, type Loaded } from './snapshot.js';
import { CLOCK_SKEW_TOLERANCE_MS } from './policy.js';
import { buildMaps, buildViewSliced, loadFullSliced, PATCH_MAX, Slicer, SYNC_BELOW_BYTES, type SlicedLoad, type ViewMaps } from './sliced-load.js';
import { buildIndex, digestKey, indexEntry, type VerifyClock, type VerifyIndex } from './verify-index.js';

export type { JournalTuning, LogOptions, Tx } from './log-write.js';

/**
 * The credential records of one home as this process sees them: the snapshot with its
 * journal applied, the cursor saying how much of the disk that view covers, and the one
 * write path (lock, catch up, change, append or compact, audit).
 */
export class CredentialLog implements VerifyClock {
  readonly home: string;
  readonly credFile: string;
  private readonly clock: Clock;
  private readonly random: RandomSource;
  private readonly tuning: Required<JournalTuning>;
  private readonly eagerIndex: boolean;
  private readonly auditSegmentBytes: number | undefined;
  /** The current records: the snapshot with the journal applied. Records are never changed in place. */
  doc!: CredentialsDoc;
  /** id -> record and id -> position in doc.credentials; a store that is not live builds them on first use (a CLI listing never does). */
  private maps: ViewMaps | undefined;
  /** Built on first use (a CLI listing never needs it); at once for the runtime. */
  private byDigest: VerifyIndex | undefined;
  cursor: JournalCursor = freshCursor(undefined);
  private highWater = 0;
  private readonly mark: ClockMark;
  /** Counts changes of the view: a sliced reload that was overtaken is dropped. */
  private views = 0;

  constructor(home: string, opts: LogOptions, loaded: Loaded) {
    this.home = home;
    this.credFile = homeFile(home, 'credentials');
    this.clock = opts.clock;
    this.random = opts.random;
    this.tuning = { ...JOURNAL_DEFAULTS, ...opts.tuning };
    this.eagerIndex = opts.eagerIndex;
    this.auditSegmentBytes = opts.auditSegmentBytes;
    this.mark = new ClockMark(home, opts.markEveryMs, opts.deferMarkWrites === true);
    this.highWater = this.mark.value;
    this.install(loaded);
  }

  /**
   * The current time, never earlier than any time this process, a writer of the records
   * or any other process of this home (the clock mark) has seen. Persists the mark at
   * most once per interval: no write per verify.
   */
  now(): number {
    const t = this.clock();
    if (t > this.highWater) this.highWater = t;
    this.mark.observe(this.highWater);
    return this.highWater;
  }

  /** How far the system clock lags the records' high-water mark at `now` (ms, 0 or more). */
  clockLag(now: number): number {
    return now - this.clock();
  }

  /** How far the system clock lags everything seen so far (ms, 0 or more). */
  clockBehind(): number {
    return Math.max(0, this.now() - this.clock());
  }

  /** As of the last verifyNow(): the clock lags by more than the tolerance (fail closed). */
  behind = false;

  /** For verification: now(), and whether the clock lags it by more than the tolerance. */
  verifyNow(): number {
    const t = this.now();
    this.behind = t - this.clock() > CLOCK_SKEW_TOLERANCE_MS;
    return t;
  }

  /** A credential judged ended: whatever the clock does later, it stays ended. */
  sawEnd(endMs: number): void {
    if (endMs > this.mark.value) this.mark.settle(this.highWater);
  }

  /** Writes the clock mark if a periodic write is due (a live store calls this from its timer). */
  flushClockMark(): void {
    this.now();
    this.mark.flush();
  }

  /** The persisted clock mark (ms since the epoch; 0 when there is none yet). */
  get clockMark(): number {
    return this.mark.value;
  }

  get byId(): Map<string, CredentialRecord> {
    return (this.maps ??= buildMaps(this.doc.credentials)).byId;
  }

  /** Position of each record in doc.credentials (a journal line replaces a record where it is). */
  private get posById(): Map<string, number> {
    return (this.maps ??= buildMaps(this.doc.credentials)).posById;
  }

  index(): VerifyIndex {
    return (this.byDigest ??= buildIndex(this.doc));
  }

  /** Takes a whole new view (O(n)): the snapshot's records, then its journal lines. */
  private install(l: Loaded): void {
    this.swapIn(l, this.eagerIndex ? ((l as SlicedLoad).maps ?? buildMaps(l.doc.credentials)) : undefined, undefined);
    if (this.eagerIndex) this.byDigest = buildIndex(this.doc);
  }

  /**
   * install() for a live reader. A patch of the view the load started from (a compaction:
   * a few records replaced or added) is put into the maps and index, O(changed); else they
   * are built in slices (the old view serving meanwhile) and swapped in, unless the view
   * changed in between (the next poll looks again).
   */
  private async installSliced(l: SlicedLoad, slicer: Slicer, views: number): Promise<void> {
    if (l.patch && l.patch.length <= PATCH_MAX && views === this.views) return this.patchIn(l, l.patch);
    const v = await buildViewSliced(l.doc.credentials, this.eagerIndex, slicer, this.byDigest, l.maps);
    if (views === this.views) this.swapIn(l, v, v.index);
  }

  /** l's records are the held ones with those at `changed` replaced or appended, in order. */
  private patchIn(l: Loaded, changed: readonly number[]): void {
    for (const i of changed) this.put(l.doc.credentials[i]!);
    this.swapIn(l, this.maps, this.byDigest);
  }

  private swapIn(l: Loaded, maps: ViewMaps | undefined, index: VerifyIndex | undefined): void {
    this.views++;
    this.doc = l.doc;
    this.maps = maps;
    this.byDigest = index;
    this.cursor = { ...l.cursor, lines: 0 };
    for (const e of l.entries) this.applyEntry(e);
    const hw = Date.parse(this.doc.clockHighWater);
    if (hw > this.highWater) this.highWater = hw;
  }

  /** One journal line, O(records in it): replace or append each record, keep the index current. */
  private applyEntry(e: JournalEntry): void {
    this.views++;
    for (const rec of e.recs) this.put(rec);
    this.doc.generation = e.seq;
    this.doc.clockHighWater = e.at;
    if (e.audit) this.doc.audit = e.audit;
    this.cursor.lines += 1;
    const hw = Date.parse(e.at);
    if (hw > this.highWater) this.highWater = hw;
  }

  /** Replaces the record with its id where it is, or appends it; the maps and the index follow. */
  private put(rec: CredentialRecord): void {
    const recs = this.doc.credentials;
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

  /**
   * Brings the view up to date with the disk: a snapshot with the signature already seen
   * means only the journal bytes appended since the last read are read and applied
   * (complete lines with a good checksum; a torn tail is left for later); a new snapshot
   * (a compaction, a restore, another format) means a full load. Throws on anything
   * corrupt, unsafe or newer; the view is changed only by a complete, checked read.
   * `forWrite`: the caller holds the lock and needs the records to exist.
   */
  refreshSync(forWrite: boolean): void {
    if (this.catchUp(forWrite)) this.reloadFull(forWrite);
  }

  /**
   * refreshSync for a live reader's poll: the same, but a full reload (a compaction, a
   * restore) is parsed and indexed in slices of a few ms, so the event loop never stalls
   * on it. Resolves with the ms of work done (the poll's debounce).
   */
  async refreshLive(): Promise<number> {
    const slicer = new Slicer();
    // A snapshot replaced while it was read is installed (it is consistent, and newer than
    // the view), then the newer one is read at once: a few rounds, then the next poll.
    for (let round = 0; round < 3 && this.catchUp(false); round++) {
      const views = this.views;
      // The audit log is read before the records, as reloadFull does.
      const tail = readAuditTail(homeFile(this.home, 'audit'));
      const l = await loadFullSliced(this.credFile, slicer, { recs: this.doc.credentials, byId: this.byId }, SYNC_BELOW_BYTES);
      if (!l || views !== this.views || !this.acceptable(l, false, tail)) break;
      await this.installSliced(l, slicer, views);
    }
    return slicer.done();
  }

  /** Applies the journal's new lines; true when only a full reload can bring the view up to date. */
  private catchUp(forWrite: boolean): boolean {
    let st: fs.Stats;
    try {
      st = fs.lstatSync(this.credFile);
    } catch (e) {
      if (errnoCode(e) !== 'ENOENT') throw new B3iqError('E_IO', `Cannot read ${this.credFile} (${errnoCode(e) ?? 'error'}).`);
      if (forWrite) throw notInitialised(this.home, 'records');
      return false;
    }
    const cur = this.cursor;
    if (!sameSig(cur.sig, st) || !this.doc.journal) {
      return !sameSig(cur.sig, st); // unchanged: a version 1 snapshot, nothing more to read
    }
    const jf = journalFile(this.credFile, this.doc.journal.epoch);
    const jr = readJournalFrom(jf, cur.offset);
    if (!jr) {
      return cur.offset > 0; // compacted between our two reads
    }
    if ((cur.ino !== undefined && jr.ino !== cur.ino) || jr.size < cur.offset) return true;
    const c = decodeChunk(jf, jr.data, this.doc.generation, cur.lines + 1);
    for (const e of c.entries) this.applyEntry(e);
    cur.offset += c.goodBytes;
    cur.torn = c.tornBytes;
    cur.ino = jr.ino;
    return false;
  }

  private reloadFull(forWrite: boolean): void {
    // The audit log is read before the records (see load-check.ts); a writer checks under the lock.
    const tail = forWrite ? undefined : readAuditTail(homeFile(this.home, 'audit'));
    const l = loadFull(this.credFile);
    if (!l) {
      if (forWrite) throw notInitialised(this.home, 'records');
      return;
    }
    if (this.acceptable(l, forWrite, tail)) this.install(l);
  }

  /**
   * False for a stale read (the same inode with an older generation: not a restore, ignore
   * it); throws for a view older than the audit log proves (the caller keeps the last good one).
   */
  private acceptable(l: Loaded, forWrite: boolean, tail: AuditTail | undefined): boolean {
    const gen = l.entries.length ? l.entries[l.entries.length - 1]!.seq : l.doc.generation;
    if (!forWrite && gen < this.doc.generation && this.cursor.sig && l.cursor.sig!.ino === this.cursor.sig.ino) return false;
    if (tail && recordsBehind(gen, tail)) throw recordsBehindError(this.credFile);
    return true;
  }

  /**
   * True when the disk may hold writes this view has not seen: one stat of the snapshot and
   * one of its journal, without reading either (a torn tail: always true).
   */
  async changedOnDisk(isClosed: () => boolean): Promise<boolean> {
    return changedSince(this.credFile, this.cursor, this.doc.journal, isClosed);
  }

  // ---- writes --------------------------------------------------------------------------

  /**
   * Every write goes through home/'s `locked`: sweep crashed writers' temp files, bring
   * the view up to date from disk, fix "now" (never before the high-water mark); here a
   * pending migration is noted in the audit entries too.
   */
  async locked<T>(body: (now: number, audit: AuditEvent[]) => T): Promise<T> {
    return locked(
      this.home,
      {
        clock: this.clock,
        refresh: () => this.refreshSync(true),
        now: () => Math.max(this.now(), Date.parse(this.doc.clockHighWater)),
        auditSegmentBytes: this.auditSegmentBytes,
      },
      (now, audit) => {
        if (this.cursor.from < CREDENTIALS_SCHEMA_VERSION) audit.push(migrateEvent(this.cursor.from));
        return body(now, audit);
      },
    );
  }

  /**
   * Every change: take the lock, bring the view up to date from disk (only the journal's
   * new lines, unless the snapshot changed), let `fn` say which records it adds or
   * replaces, then commit (see commit). The in-memory view reflects the write only once
   * it is on disk.
   */
  async transact<T>(fn: (tx: Tx, now: number, audit: AuditEvent[]) => T): Promise<T> {
    return this.locked((now, audit) => {
      const ready = auditReady(this.home, this.credFile, this.doc.generation, this.doc.audit);
      const puts = new Map<string, CredentialRecord>();
      const tx: Tx = {
        get: (id) => puts.get(id) ?? this.byId.get(id),
        has: (id) => puts.has(id) || this.byId.has(id),
        records: () => this.doc.credentials,
        put: (rec) => void puts.set(rec.id, rec),
      };
      const result = fn(tx, now, audit);
      this.commit(ready, now, audit.splice(0), { puts: [...puts.values()] });
      return result;
    });
  }

  /**
   * The records and the audit entries commit together: the audit lines are chained first
   * (in memory), the records' change carrying them and the new audit head is written and
   * synced (the commit point), then the lines are appended and synced. If that append
   * fails the change is undone (the journal cut back, or the previous snapshot renamed
   * back) and the error says nothing was changed.
   */
  private commit(
    ready: { tail: AuditTail; replay: AuditEvent[] },
    now: number,
    events: AuditEvent[],
    change: { puts: CredentialRecord[] } | { whole: CredentialRecord[] },
  ): void {
    const gen = this.doc.generation + 1;
    const { lines, head } = chainEntries(ready.tail, [...ready.replay, ...events], now, gen);
    const anchor: AuditAnchor = { seq: head.seq, hash: head.hash, lines: lines.map((l) => l.slice(0, -1)) };
    const at = iso(now);
    const auditFile = homeFile(this.home, 'audit');
    if ('puts' in change) {
      const entry: JournalEntry = { seq: gen, at, op: 'put', recs: change.puts, audit: anchor };
      const line = encodeEntry(entry);
      if (!dueForCompaction(this.cursor, this.doc, this.tuning, Buffer.byteLength(line))) {
        const jf = journalFile(this.credFile, this.doc.journal!.epoch);
        const before = this.cursor.offset;
        const { size, ino } = appendJournal(jf, before, line);
        withAuditOrUndo(auditFile, ready.tail, lines, () => truncateJournal(jf, before), this.auditSegmentBytes);
        this.applyEntry(entry);
        Object.assign(this.cursor, { offset: size, ino, torn: 0 });
        return;
      }
      const recs = this.doc.credentials.slice();
      for (const rec of change.puts) {
        const pos = this.posById.get(rec.id);
        if (pos === undefined) recs.push(rec);
        else recs[pos] = rec;
      }
      const doc = this.snapshotThenAudit({ recs, gen, at, anchor, tail: ready.tail, lines });
      this.applyEntry(entry);
      this.afterSnapshot(doc);
      return;
    }
    const doc = this.snapshotThenAudit({ recs: change.whole, gen, at, anchor, tail: ready.tail, lines });
    this.install({ doc, entries: [], cursor: freshCursor(this.cursor.sig) });
    this.afterSnapshot(doc);
  }

  private snapshotThenAudit(w: SnapshotWrite): CredentialsDoc {
    return writeSnapshotThenAudit(
      { home: this.home, credFile: this.credFile, random: this.random, from: this.cursor.from, auditSegmentBytes: this.auditSegmentBytes },
      w,
    );
  }

  /** After our own snapshot write: its signature, an empty journal, stale journals removed. */
  private afterSnapshot(doc: CredentialsDoc): void {
    this.doc.schemaVersion = doc.schemaVersion;
    this.doc.journal = doc.journal;
    this.doc.audit = doc.audit;
    this.cursor = freshCursor(snapshotSig(this.credFile));
    removeStaleJournals(this.home, doc.journal!.epoch);
  }

  /**
   * The general form, for changes the typed methods do not cover: `fn` gets a copy of the
   * whole document and may change it in any way (add, edit or remove records); the result
   * is written as a new snapshot (O(n), like a compaction). Lock, re-read, audit as usual.
   */
  async mutate<T>(fn: (doc: CredentialsDoc, now: number, audit: AuditEvent[]) => T): Promise<T> {
    return this.locked((now, audit) => {
      const ready = auditReady(this.home, this.credFile, this.doc.generation, this.doc.audit);
      const work = structuredClone(this.doc);
      const result = fn(work, now, audit);
      const checked = loadCredentials(
        this.credFile,
        Buffer.from(JSON.stringify({ ...work, schemaVersion: CREDENTIALS_SCHEMA_VERSION, journal: null, audit: { seq: 0, hash: GENESIS, lines: [] } })),
      ).doc;
      this.commit(ready, now, audit.splice(0), { whole: checked.credentials });
      return result;
    });
  }
}
