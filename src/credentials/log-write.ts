import * as fs from 'node:fs';
import type { RandomSource } from '../core/tokens.js';
import { readFileNoFollow, writeFileAtomic } from '../fs/files.js';
import type { AuditTail } from '../home/audit.js';
import type { Clock } from '../home/home.js';
import { notInitialised } from '../home/node.js';
import { homeFile } from '../home/paths.js';
import { withAuditOrUndo } from './anchors.js';
import { CREDENTIALS_SCHEMA_VERSION, type AuditAnchor, type CredentialRecord, type CredentialsDoc } from './records.js';
import { backupName, newEpoch, sigOf, writeSnapshotUndoable, type JournalCursor, type FileSig } from './snapshot.js';

/** The write path's pieces that need no view: when to compact, and the snapshot commit. */

export interface JournalTuning {
  /** A snapshot smaller than this is rewritten on every write (no journal). Default 256 KiB. */
  compactBelowBytes?: number;
  /** The journal is compacted once it would pass max(this, 25 % of the snapshot). Default 256 KiB. */
  maxJournalBytes?: number;
  /** ...or this many lines. Default 10 000. */
  maxJournalLines?: number;
}

export const JOURNAL_DEFAULTS: Required<JournalTuning> = { compactBelowBytes: 256 * 1024, maxJournalBytes: 256 * 1024, maxJournalLines: 10_000 };
/** The journal may grow to this share of the snapshot before a compaction rewrites it. */
const JOURNAL_SNAPSHOT_RATIO = 0.25;

export interface LogOptions {
  clock: Clock;
  random: RandomSource;
  /** Build the verify index at every load (the runtime) rather than on first use. */
  eagerIndex: boolean;
  tuning?: JournalTuning;
  /** Least time between two writes of the clock mark by this process (a CLI run: ~1 s; a live store: 60 s). */
  markEveryMs: number;
  /** The periodic mark waits for flushClockMark() (a live store's timer): verify never writes. */
  deferMarkWrites?: boolean;
  /** The audit log starts a new segment past this size (default 8 MiB). */
  auditSegmentBytes?: number | undefined;
}

/** What a write changes: the records it adds or replaces (whole), read through `get`. */
export interface Tx {
  get(id: string): CredentialRecord | undefined;
  has(id: string): boolean;
  /** Every record as of the start of the write (do not change them: put a changed copy). */
  records(): readonly CredentialRecord[];
  put(rec: CredentialRecord): void;
}

/** True when a write of `lineBytes` must rewrite the snapshot rather than append to the journal. */
export function dueForCompaction(cur: JournalCursor, doc: CredentialsDoc, tuning: Required<JournalTuning>, lineBytes: number): boolean {
  if (cur.from < CREDENTIALS_SCHEMA_VERSION || !doc.journal || !cur.sig) return true;
  const snap = cur.sig.size;
  if (snap < tuning.compactBelowBytes) return true;
  if (cur.lines + 1 > tuning.maxJournalLines) return true;
  return cur.offset + lineBytes > Math.max(tuning.maxJournalBytes, snap * JOURNAL_SNAPSHOT_RATIO);
}

/** A snapshot commit: the records, their generation and time, and the audit lines it carries. */
export interface SnapshotWrite {
  recs: CredentialRecord[];
  gen: number;
  at: string;
  anchor: AuditAnchor;
  tail: AuditTail;
  lines: string[];
}

/**
 * Writes `recs` as a new snapshot with a new journal epoch (a backup of the original first
 * when migrating from an older format), then appends the audit lines; undoes the snapshot
 * if that append fails.
 */
export function writeSnapshotThenAudit(
  at: { home: string; credFile: string; random: RandomSource; from: number; auditSegmentBytes?: number | undefined },
  w: SnapshotWrite,
): CredentialsDoc {
  if (at.from < CREDENTIALS_SCHEMA_VERSION) {
    const raw = readFileNoFollow(at.credFile);
    if (!raw) throw notInitialised(at.home, 'records');
    writeFileAtomic(backupName(at.credFile, at.from), raw.data);
  }
  const doc: CredentialsDoc = {
    schemaVersion: CREDENTIALS_SCHEMA_VERSION,
    generation: w.gen,
    clockHighWater: w.at,
    journal: { epoch: newEpoch(at.random), baseGeneration: w.gen },
    audit: w.anchor,
    credentials: w.recs,
  };
  const written = writeSnapshotUndoable(at.credFile, doc);
  withAuditOrUndo(homeFile(at.home, 'audit'), w.tail, w.lines, written.undo, at.auditSegmentBytes);
  written.done();
  return doc;
}

/** The snapshot's signature after our own write (undefined if it cannot be read). */
export function snapshotSig(credFile: string): FileSig | undefined {
  try {
    return sigOf(fs.lstatSync(credFile));
  } catch {
    return undefined;
  }
}
